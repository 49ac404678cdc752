"""Which templates a set of changed files concerns, and linting just those.

Used by the pre-commit hooks (``--changed``: the paths are the staged files)
and by ``--changed-since REF`` (the paths come from git). A changed template is
checked; a changed partial or layout checks every template built from it, and
a deleted one every template that still uses it; the project data file, the configuration file or one of the project's own rule
packs (or their lexicons) checks every template, since any result may change.
Other files are not templatekit's business and are skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .errors import TemplatekitError
from .project import Project

if TYPE_CHECKING:  # pragma: no cover
    from .linter import LintReport
    from .ruleset import LintSettings


@dataclass(frozen=True)
class Selection:
    """The templates to check, and why everything was selected (if it was)."""

    templates: tuple[Path, ...]
    everything: Path | None = None  # the changed file that concerns every template


def affected_templates(
    project: Project,
    changed: Iterable[Path],
    deleted: Iterable[Path] = (),
    within: Iterable[Path] | None = None,
    settings: LintSettings | None = None,
) -> Selection:
    """The templates under ``within`` (default: the templates folder) that ``changed`` files concern.

    ``deleted`` files matter when they were partials: the templates that still
    reference one by name are checked (they no longer build).
    ``settings`` (the lint settings) names the project's rule packs.
    Templates outside the templates folder are skipped: a repository holds
    other .html and .txt files, such as a web application's own templates/.
    """
    changed = [Path(path) for path in changed]
    deleted = [Path(path) for path in deleted]
    resolved_changed = {path.resolve() for path in changed}
    within = list(within) if within else None
    candidates = project.find_templates(within)
    everything = _concerns_everything(project, changed, deleted, settings)
    if everything is not None:
        return Selection(tuple(candidates), everything)
    chosen = {path.resolve(): path for path in candidates if path.resolve() in resolved_changed}
    partials = [path for path in changed if _in_templates(project, path) and project.is_partial(path) and path.is_file()]
    partials += [path for path in deleted if _in_templates(project, path) and project.is_partial(path) and not path.exists()]
    if partials:
        from .dependencies import dependents

        for path in dependents(candidates, partials, project.templates_root):
            chosen.setdefault(path.resolve(), path)
    return Selection(tuple(sorted(chosen.values(), key=str)))


def _concerns_everything(project: Project, changed: list[Path], deleted: list[Path], settings: LintSettings | None) -> Path | None:
    config = project.config
    global_files = {path.resolve() for path in (config.path, config.data) if path is not None}
    global_files |= _own_pack_files(settings)
    for path in [*changed, *deleted]:
        if path.resolve() in global_files:
            return path
    return None


def _in_templates(project: Project, path: Path) -> bool:
    return path.resolve().is_relative_to(project.templates_root)


def _own_pack_files(settings: LintSettings | None) -> set[Path]:
    """The project's rule pack files and the lexicons they name (not the packs shipped with templatekit)."""
    if settings is None:
        return set()
    from .packs import default_pack_path

    shipped = default_pack_path().parent.resolve()
    packs = {rule.path.resolve() for rule in settings.catalog.values() if rule.path is not None}
    files = set()
    for pack in packs:
        if pack.is_relative_to(shipped):
            continue
        files.add(pack)
        files.update(_lexicons_of(pack))
    return files


def _lexicons_of(pack: Path) -> set[Path]:
    import yaml

    try:
        data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return set()
    rules = data.get("rules") if isinstance(data, dict) else None
    names = set()
    for rule in rules if isinstance(rules, list) else []:
        if isinstance(rule, dict) and isinstance(rule.get("lexicons"), list):
            names.update(str(name) for name in rule["lexicons"])
    return {(pack.parent / name).resolve() for name in names}


def lint_selection(project: Project, selection: Selection, settings: LintSettings, **options) -> LintReport:
    """Lint the selected templates; repository-wide rules still compare them with every template.

    A new template whose business type differs from the rest of the repository
    must be reported even when it is the only one checked; ``lint_paths`` keeps
    those rules' problems for the linted templates only, so an inconsistency
    older than the change does not block it.
    """
    from .linter import LintReport, lint_paths

    if not selection.templates:
        return LintReport()
    return lint_paths(project, list(selection.templates), settings=settings, **options)


def merged_reports(reports: list[LintReport]) -> LintReport:
    """One report of several projects' (``--changed`` in a repository that holds more than one)."""
    from .linter import LintReport, report_order

    if len(reports) == 1:
        return reports[0]
    result = LintReport()
    for report in reports:
        result.problems.extend(report.problems)
        result.templates += report.templates
        result.files.extend(report.files)
        result.suppressed += report.suppressed
        for problem, templates in report.found_in.items():
            result.found_in.setdefault(problem, []).extend(templates)
    result.problems = sorted(dict.fromkeys(result.problems), key=report_order)
    return result
