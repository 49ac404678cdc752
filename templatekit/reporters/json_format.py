"""A JSON array of problems: ``file``, ``line``, ``column``, ``rule``, ``severity``, ``message``."""
from __future__ import annotations

import json

from ..errors import display_path


def render(report, catalog=None, color: bool = False) -> str:
    items = [
        {
            "file": display_path(problem.path),
            "line": problem.line,
            "column": problem.column,
            "rule": problem.rule,
            "severity": problem.severity,
            "message": problem.message,
        }
        for problem in report.problems
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
