"""GitHub Actions workflow commands: ``::error file=...,line=...::message`` annotations."""
from __future__ import annotations

from ..errors import display_path


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report, catalog=None, color: bool = False) -> str:
    lines = []
    for problem in report.problems:
        command = "error" if problem.severity == "error" else "warning"
        properties = ",".join(
            (
                f"file={_property(display_path(problem.path))}",
                f"line={problem.line}",
                f"col={problem.column}",
                f"title={_property(problem.rule)}",
            )
        )
        lines.append(f"::{command} {properties}::{_data(problem.message)}")
    return "".join(line + "\n" for line in lines)
