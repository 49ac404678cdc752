"""The check CI runs: every template built as ``templatekit build`` builds it, and linted, in one report.

Building and linting are separate passes on purpose: lint reads the HTML
before CSS inlining, while the build must prove that the full pipeline,
inlining included, produces what would be submitted. A template that fails
either way is a ``build-error`` problem, reported once.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .affected import Selection, lint_selection
from .linter import LintReport, lint_paths, name_the_templates, report_order
from .problem import ERROR, Problem
from .project import Project
from .ruleset import BUILD_ERROR, LintSettings, load_settings


@dataclass(frozen=True)
class RuleTally:
    """How often one rule fired: in how many files, as errors and as warnings, and how many templates that concerns."""

    rule: str
    files: int
    errors: int
    warnings: int
    templates: int = 0


@dataclass
class CheckReport:
    lint: LintReport
    built: int = 0
    not_built: int = 0
    selection: Selection | None = None
    candidates: int = 0  # templates there are, when only a selection was checked

    @property
    def problems(self) -> list[Problem]:
        return self.lint.problems

    @property
    def errors(self) -> list[Problem]:
        return self.lint.errors

    @property
    def warnings(self) -> list[Problem]:
        return self.lint.warnings

    @property
    def templates(self) -> int:
        return self.lint.templates

    def templates_of(self, problem: Problem) -> set[Path]:
        """The templates a problem concerns: those whose check found it (a partial's problem: each built from it)."""
        return {path.resolve() for path in self.lint.found_in.get(problem, [problem.path])}

    def affected_templates(self) -> int:
        return len({path for problem in self.problems for path in self.templates_of(problem)})

    def by_rule(self) -> list[RuleTally]:
        """One row per rule that fired, most errors first, then most warnings, then by id."""
        files: dict[str, set[Path]] = {}
        templates: dict[str, set[Path]] = {}
        errors: Counter = Counter()
        warnings: Counter = Counter()
        for problem in self.problems:
            files.setdefault(problem.rule, set()).add(problem.path.resolve())
            templates.setdefault(problem.rule, set()).update(self.templates_of(problem))
            (errors if problem.severity == ERROR else warnings)[problem.rule] += 1
        rows = [RuleTally(rule, len(paths), errors[rule], warnings[rule], len(templates[rule])) for rule, paths in files.items()]
        return sorted(rows, key=lambda row: (-row.errors, -row.warnings, row.rule))

    def passed(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def run_check(
    project: Project,
    paths: Iterable[Path] | None = None,
    *,
    settings: LintSettings | None = None,
    selection: Selection | None = None,
    jobs: int | None = 1,
    cache: bool = False,
) -> CheckReport:
    """Build (nothing is written) and lint the templates under ``paths``, or only ``selection``'s.

    ``jobs`` and ``cache`` are as for ``lint_paths``; the build is never cached.
    """
    from .building import BuildReport, build_templates

    settings = settings or load_settings(project.config, cache=cache)
    paths = list(paths) if paths else None
    if selection is None:
        lint_report = lint_paths(project, paths, settings=settings, jobs=jobs, cache=cache, name_templates=False)
        build_report = build_templates(project, paths, write=False, jobs=jobs)
        candidates = lint_report.templates
    else:
        lint_report = lint_selection(project, selection, settings, jobs=jobs, cache=cache, name_templates=False)
        build_report = build_templates(project, list(selection.templates), write=False, jobs=jobs) if selection.templates else BuildReport()
        candidates = len(project.find_templates(paths))
    problems = list(lint_report.problems)
    for error, template in zip(build_report.errors, build_report.failed):
        where = error.path or project.config.templates
        severity = settings.for_path(where).severities.get(BUILD_ERROR, ERROR)
        problem = Problem(where, error.line or 1, 1, BUILD_ERROR, severity, error.message)
        problems.append(problem)
        found_in = lint_report.found_in.setdefault(problem, [])
        if template not in found_in:
            found_in.append(template)
    # The build's errors and lint's build-error problems are the same problems when
    # both found them: templates are named once both are in, so they stay one.
    lint_report.problems = list(dict.fromkeys(problems))
    name_the_templates(lint_report, project.templates_root)
    lint_report.problems = sorted(lint_report.problems, key=report_order)
    return CheckReport(lint_report, len(build_report.built), len(build_report.errors), selection, candidates)


def merged_checks(reports: list[CheckReport]) -> CheckReport:
    """One report of several projects' checks (``--changed`` in a repository that holds more than one)."""
    from .affected import merged_reports

    if len(reports) == 1:
        return reports[0]
    # Only --changed runs are merged, and each of them has a selection.
    selections = [report.selection or Selection(()) for report in reports]
    everything = [selection.everything for selection in selections]
    selection = Selection(
        tuple(path for selection in selections for path in selection.templates),
        everything[0] if everything and None not in everything else None,
    )
    return CheckReport(
        merged_reports([report.lint for report in reports]),
        sum(report.built for report in reports), sum(report.not_built for report in reports),
        selection, sum(report.candidates for report in reports),
    )
