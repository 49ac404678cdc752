"""Building many templates: the library call behind ``templatekit build``.

Each template builds on its own; one that fails is reported and the others go
on. Outputs are written per template, only after it has fully built.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import TemplateError, TemplatekitError
from .project import Project
from .template import Built


@dataclass
class BuildReport:
    built: list[Built] = field(default_factory=list)
    errors: list[TemplatekitError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)  # the template each error stopped, in the same order

    @property
    def ok(self) -> bool:
        return not self.errors


def iter_builds(
    project: Project, paths: Iterable[Path] | None = None, inline: bool = True, jobs: int | None = 1
) -> Iterator[Built | TemplatekitError]:
    """Each template under ``paths`` built, or the error that stopped it, in a stable order.

    ``jobs`` worker processes share the work (0 or None: one per core).
    """
    for _, result in _builds(project, paths, inline, jobs):
        yield result


def _builds(
    project: Project, paths: Iterable[Path] | None, inline: bool, jobs: int | None
) -> Iterator[tuple[Path, Built | TemplatekitError]]:
    # With the template each result belongs to: an error may name a layout instead.
    from .workers import resolve_jobs, run_ordered

    names: dict[str, Path] = {}
    paths = project.find_templates(paths)
    from .linter import import_compilers

    results = run_ordered(_build_one, paths, resolve_jobs(jobs), (project, inline), before_fork=import_compilers)
    for path, (result, name_line) in zip(paths, results):
        if isinstance(result, Built):
            earlier = names.setdefault(result.name, path)
            if earlier != path and earlier.resolve() != path.resolve():
                result = TemplateError(f"template name '{result.name}' is already used by {earlier}", path, name_line)
        yield path, result


def _build_one(state: tuple[Project, bool], path: Path) -> tuple[Built | TemplateError, int]:
    project, inline = state
    try:
        template = project.load(path)
        return template.build(inline=inline), template.meta.line("name")
    except TemplateError as error:  # a ConfigError concerns every template: let it stop the run
        return error, 1


def build_templates(
    project: Project, paths: Iterable[Path] | None = None, out: Path | None = None, write: bool = True, jobs: int | None = 1
) -> BuildReport:
    """Build templates and (unless ``write`` is false) write their outputs and the manifest.

    Building everything (``paths`` None) makes the manifest list exactly the
    templates there are, removing the outputs of deleted or renamed ones.
    """
    from .output import MANIFEST, manifest_entry, source_of, write_built, write_manifest

    out = out or project.config.out
    report = BuildReport()
    entries = {}
    failed: set[str] = set()
    for path, result in _builds(project, paths, True, jobs):
        if isinstance(result, TemplatekitError):
            report.errors.append(result)
            report.failed.append(path)
            failed.add(source_of(path, project.config.root))
            continue
        report.built.append(result)
        if write:
            report.written.extend(write_built(result, out))
            entries[result.name] = manifest_entry(result, project.config.root)
    complete = paths is None
    if write and (entries or (complete and (out / MANIFEST).is_file())):
        manifest, removed = write_manifest(entries, out, complete=complete, keep_sources=frozenset(failed))
        report.written.append(manifest)
        report.removed.extend(removed)
    return report


def merged_builds(reports: list[BuildReport]) -> BuildReport:
    """One report of several projects' builds (``--changed`` in a repository that holds more than one)."""
    result = BuildReport()
    for report in reports:
        result.built.extend(report.built)
        result.errors.extend(report.errors)
        result.written.extend(report.written)
        result.removed.extend(report.removed)
        result.failed.extend(report.failed)
    return result


def error_lines(report: BuildReport, root: Path | None = None) -> list[str]:
    """One line per distinct error; an error in a partial names the templates it stopped.

    A broken partial stops every template built from it with the same error:
    ``templates/_footer.mjml:15: undefined value ... (in 4 templates: a.mjml, b.mjml, ...)``.
    An error in the template itself needs no such note. ``root`` (the templates
    folder) is what template names are relative to.
    """
    from .errors import same_file, template_name, templates_note

    templates: dict[str, list[Path]] = {}
    errors: dict[str, TemplatekitError] = {}
    for error, template in zip(report.errors, report.failed):
        errors.setdefault(error.plain(), error)
        templates.setdefault(error.plain(), []).append(template)
    lines = []
    for line, error in errors.items():
        used_by = list(dict.fromkeys(templates[line]))
        if len(used_by) == 1 and error.path is not None and same_file(error.path, used_by[0]):
            lines.append(line)
        else:
            lines.append(line + templates_note([template_name(path, root) for path in used_by]))
    return lines
