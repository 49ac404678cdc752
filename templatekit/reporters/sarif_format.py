"""SARIF 2.1.0, for code scanning dashboards (GitHub, GitLab, Azure DevOps)."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from .repository_root import from_root, repository_root

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning"}
SRCROOT = "SRCROOT"


def _location(path: Path) -> dict:
    # Relative to the repository root, which code scanning resolves them from,
    # and said so with SRCROOT; a file outside the repository keeps its absolute URI.
    relative = from_root(path)
    if relative is None:
        return {"uri": path.resolve().as_uri()}
    return {"uri": quote(relative), "uriBaseId": SRCROOT}


def _help(rule) -> str:
    parts = [rule.docs.get(key, "") for key in ("what", "why")]
    if rule.docs.get("fact"):
        parts.append("SES: " + rule.docs["fact"])
    if rule.docs.get("fix"):
        parts.append("Fix: " + rule.docs["fix"])
    return "\n\n".join(part for part in parts if part) or rule.summary


def render(report, catalog=None, color: bool = False) -> str:
    catalog = catalog or {}
    used = sorted({problem.rule for problem in report.problems})
    ids = [rule_id for rule_id in catalog] + [rule_id for rule_id in used if rule_id not in catalog]
    index = {rule_id: number for number, rule_id in enumerate(ids)}
    rules = []
    for rule_id in ids:
        rule = catalog.get(rule_id)
        descriptor = {"id": rule_id}
        if rule is not None:
            descriptor.update(
                {
                    "shortDescription": {"text": rule.summary},
                    "fullDescription": {"text": rule.docs.get("what", rule.summary)},
                    "help": {"text": _help(rule)},
                    "defaultConfiguration": {"level": _LEVELS[rule.severity]},
                    "properties": {"pack": rule.pack},
                }
            )
        rules.append(descriptor)
    results = [
        {
            "ruleId": problem.rule,
            "ruleIndex": index[problem.rule],
            "level": _LEVELS.get(problem.severity, "warning"),
            "message": {"text": problem.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _location(problem.path),
                        "region": {"startLine": problem.line, "startColumn": problem.column},
                    }
                }
            ],
        }
        for problem in report.problems
    ]
    return _log(rules, results, {"executionSuccessful": True})


def render_failure(error) -> str:
    """A log of a run that stopped before checking anything (a configuration error, say), with ``error`` as its reason.

    CI uploads the report even when the check fails: without a log the upload
    step fails on a missing file, and an empty list of results would read as
    "no problems". An unsuccessful invocation says neither.
    """
    notification = {"level": "error", "message": {"text": str(error)}}
    if getattr(error, "path", None) is not None:
        region = {"region": {"startLine": error.line}} if error.line else {}
        notification["locations"] = [{"physicalLocation": {"artifactLocation": _location(error.path), **region}}]
    return _log([], [], {"executionSuccessful": False, "exitCode": 2 if _is_usage(error) else 1, "toolExecutionNotifications": [notification]})


def _is_usage(error) -> bool:
    from ..errors import ConfigError, UsageError

    return isinstance(error, (ConfigError, UsageError))


def _log(rules: list, results: list, invocation: dict) -> str:
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "templatekit",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {SRCROOT: {"uri": repository_root().as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
