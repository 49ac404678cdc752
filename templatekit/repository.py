"""Rules that compare templates with each other (one business type per account), over per-template summaries.

A summary depends on the template's own file alone, so the lint cache can give
it for an unchanged file; the rules then run once over all of them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import TemplatekitError
from .kinds import REPOSITORY_KINDS, get_kind
from .messages import format_message
from .problem import Problem
from .ruleset import UNUSED_SUPPRESSION, LintSettings
from .suppressions import ALL, parse

if TYPE_CHECKING:  # pragma: no cover
    from .project import Project


@dataclass(frozen=True)
class Summary:
    """What repository-wide rules need from one template."""

    path: Path
    name: str
    fields: dict[str, Any]
    lines: dict[str, int]
    suppressed: frozenset[str] = frozenset()


def summary_of(template) -> Summary:
    """What repository-wide rules need from one loaded template: its own file's front matter and suppressions."""
    suppressed = frozenset(s.rule for s in parse(template.path, template.source) if s.target is None)
    return Summary(
        template.path, template.name, {"business": template.meta.business, "type": template.meta.type},
        {key: template.meta.line(key) for key in ("business", "type", "name")}, suppressed,
    )


def compared_with_all(project: "Project", summaries: list[Summary], settings: LintSettings, store) -> list[Problem]:
    """Repository-wide problems of the linted templates, compared with every template of the project.

    One business type per account holds for the account's templates, not for the
    files named on a command line: ``lint t/sub/c.html`` must say that c differs
    from the rest, as the hooks do for staged templates (``affected.py``).
    """
    if not any(rule.kind in REPOSITORY_KINDS for rule in settings.rules.rules):
        return []
    # Lexical absolute paths: resolving every template's path through the
    # filesystem cost a fifth of a one-file lint in a 1,000-template project.
    linted = {os.path.abspath(summary.path) for summary in summaries}
    others = []
    if project.config.templates.is_dir():
        for path in project.find_templates():
            if os.path.abspath(path) in linted:
                continue
            summary = store.summary(path) if store is not None else None
            if summary is None:
                try:
                    summary = summary_of(project.load(path))
                except TemplatekitError:
                    continue  # a template that does not load is reported when it is linted
            others.append(summary)
    problems = lint_repository(summaries + others, settings)
    return [problem for problem in problems if os.path.abspath(problem.path) in linted]


def lint_repository(summaries: list[Summary], settings: LintSettings, report_unused: bool = True) -> list[Problem]:
    """Rules that compare templates with each other, over the per-template summaries.

    A template's ``disable-file`` of such a rule is used when the rule, run
    without it, reports that template; otherwise it is reported as unused
    (``report_unused``: the summaries must then be the whole project's).
    """
    problems = []
    for rule in settings.rules.rules:
        if rule.kind not in REPOSITORY_KINDS:
            continue
        kind = get_kind(rule.kind)
        enabled = [s for s in summaries if settings.for_path(s.path).enabled(rule.id)]
        in_force = [s for s in enabled if not _file_off(s, rule.id)]
        for summary, finding in kind.check_all(rule.options, in_force):
            severity = settings.for_path(summary.path).severities[rule.id]
            message = format_message(rule.message, finding, None)
            problems.append(Problem(summary.path, summary.lines.get(finding.key or "", 1), 1, rule.id, severity, message))
        suppressing = [s for s in enabled if _file_off(s, rule.id)]
        if report_unused and suppressing:
            reported = {summary.path for summary, _ in kind.check_all(rule.options, enabled)}
            problems.extend(_unused_file_suppressions([s for s in suppressing if s.path not in reported], rule.id, settings))
    return problems


def _unused_file_suppressions(summaries: list[Summary], rule_id: str, settings: LintSettings) -> list[Problem]:
    from .source import read_source

    problems = []
    for summary in summaries:
        rules = settings.for_path(summary.path)
        if not rules.enabled(UNUSED_SUPPRESSION):
            continue
        try:
            found = parse(summary.path, read_source(summary.path))
        except TemplatekitError:
            continue
        for suppression in found:
            if suppression.rule == rule_id and suppression.target is None:
                detail = f"suppression of '{rule_id}' is unused: this template agrees with the others"
                problems.append(Problem(summary.path, suppression.line, suppression.column, UNUSED_SUPPRESSION, rules.severities[UNUSED_SUPPRESSION], detail))
    return problems


def _file_off(summary: Summary, rule_id: str) -> bool:
    return rule_id in summary.suppressed or ALL in summary.suppressed
