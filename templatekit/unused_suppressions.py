"""Suppressions that suppressed nothing: what to say of one, and those in partials.

A partial's suppression is judged only once every template built from it has
been linted, since any of them may be the one whose problem it covers.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import TemplatekitError
from .kinds import REPOSITORY_KINDS
from .problem import Problem
from .ruleset import UNUSED_SUPPRESSION, LintSettings, RuleSet
from .suppressions import ALL, Suppression, parse

if TYPE_CHECKING:  # pragma: no cover
    from .linter import TemplateResult
    from .project import Project


def unused_detail(suppression: Suppression, rules: RuleSet, repository_rules: set[str]) -> str | None:
    """What to say of a suppression that suppressed nothing; None when nothing should be said."""
    if suppression.rule != ALL and suppression.rule not in rules.severities:
        if suppression.rule in rules.known:
            return None  # turned off by the configuration: nothing to suppress, nothing to say
        return f"suppression names unknown rule '{suppression.rule}'"
    if suppression.rule in repository_rules and suppression.target is None:
        return None  # used (or not) by the repository-wide pass
    return f"suppression of '{suppression.rule}' is unused: nothing to suppress here"


def unused_in_partials(project: "Project", results: "list[TemplateResult]", settings: LintSettings) -> list[Problem]:
    """Suppressions in partials that no template built from them used, once all those templates are linted."""
    from .dependencies import dependents
    from .source import read_source

    root = project.templates_root
    if not root.is_dir() or not results:
        return []
    partials = []
    for file in _partial_files(root):
        try:
            found = parse(file, read_source(file))
        except TemplatekitError:
            continue
        if found:  # most partials have none, and then nothing more is read
            partials.append((file, found))
    if not partials:
        return []
    linted = {result.path.resolve() for result in results}
    used = set().union(*(result.used_in_partials for result in results))
    everyone = project.find_templates()
    problems = []
    for file, found in partials:
        if not {path.resolve() for path in dependents(everyone, [file], root)} <= linted:
            continue  # a template not linted now may use it
        rules = settings.for_path(file)
        if not rules.enabled(UNUSED_SUPPRESSION):
            continue
        for suppression in found:
            if (str(file), suppression.line, suppression.rule) in used:
                continue
            detail = unused_detail(suppression, rules, {r.id for r in rules.rules if r.kind in REPOSITORY_KINDS})
            if detail:
                problems.append(Problem(file, suppression.line, suppression.column, UNUSED_SUPPRESSION, rules.severities[UNUSED_SUPPRESSION], detail))
    return problems


def _partial_files(folder: Path, inside_partial: bool = False):
    """Partials and layouts under the templates folder (names starting with "_", or in such a folder)."""
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        partial = inside_partial or entry.name.startswith("_")
        if entry.is_dir():
            yield from _partial_files(Path(entry.path), partial)
        elif partial and os.path.splitext(entry.name)[1].lower() in (".mjml", ".html", ".htm", ".txt"):
            yield Path(entry.path)
