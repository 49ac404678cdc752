"""GitLab Code Quality (a subset of the Code Climate spec), for merge request widgets.

GitLab compares the report of a merge request with the target branch's by
fingerprint, and shows only the first issue of each fingerprint: a fingerprint
is unique in a report and leaves the line out, so a problem that only moved
down a few lines is not shown as fixed and new again.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from .repository_root import from_root

_SEVERITIES = {"error": "major", "warning": "minor"}


def _path(path: Path) -> str:
    # Paths relative to the repository root, which is where GitLab looks for them.
    return from_root(path) or path.as_posix()


def render(report, catalog=None, color: bool = False) -> str:
    seen: Counter = Counter()
    issues = []
    for problem in report.problems:
        path = _path(problem.path)
        identity = (path, problem.rule, problem.message)
        seen[identity] += 1
        digest = hashlib.sha256("\0".join((*identity, str(seen[identity]))).encode("utf-8")).hexdigest()
        issues.append(
            {
                "type": "issue",
                "check_name": problem.rule,
                "description": f"{problem.rule}: {problem.message}",
                "categories": ["Bug Risk" if problem.severity == "error" else "Style"],
                "severity": _SEVERITIES.get(problem.severity, "minor"),
                "fingerprint": digest[:32],
                "location": {"path": path, "lines": {"begin": problem.line}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
