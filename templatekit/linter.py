"""Linting: build each template, then check what was built against the rules.

The linter never prints; reporters turn its problems into text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .building import iter_builds
from .errors import TemplatekitError
from .problem import ERROR, Problem
from .project import Project

BUILD_ERROR = "build-error"


@dataclass
class LintReport:
    problems: list[Problem] = field(default_factory=list)
    templates: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != ERROR]


def lint_paths(project: Project, paths: Iterable[Path] | None = None) -> LintReport:
    """Lint the templates under ``paths`` (default: the templates folder)."""
    report = LintReport()
    for result in iter_builds(project, paths, inline=False):
        report.templates += 1
        if isinstance(result, TemplatekitError):
            report.problems.append(
                Problem(result.path or Path("."), result.line or 1, 1, BUILD_ERROR, ERROR, result.message)
            )
    return report
