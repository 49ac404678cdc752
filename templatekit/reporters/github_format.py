"""GitHub Actions workflow commands: ``::error file=...,line=...::message`` annotations."""
from __future__ import annotations

from pathlib import Path

from ..errors import display_path
from .repository_root import from_root


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _file(path: Path) -> str:
    # GitHub attaches an annotation to a path relative to the repository root.
    return from_root(path) or display_path(path)


def render(report, catalog=None, color: bool = False) -> str:
    lines = []
    for problem in report.problems:
        command = "error" if problem.severity == "error" else "warning"
        properties = ",".join(
            (
                f"file={_property(_file(problem.path))}",
                f"line={problem.line}",
                f"col={problem.column}",
                f"title={_property(problem.rule)}",
            )
        )
        lines.append(f"::{command} {properties}::{_data(problem.message)}")
    return "".join(line + "\n" for line in lines)
