"""Which templates a command is about: SES template names or paths, as the user typed them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import TemplateError, TemplatekitError, UsageError, did_you_mean
from ..project import Project
from ..source import KINDS


@dataclass
class LocalTemplates:
    """The project's templates by SES name (front matter only: nothing is built)."""

    by_name: dict[str, Path] = field(default_factory=dict)
    unreadable: list[TemplatekitError] = field(default_factory=list)  # front matter that does not load
    files: list[Path] = field(default_factory=list)  # every template file, readable or not, in order

    def name_of(self, path: Path) -> str | None:
        resolved = path.resolve()
        for name, candidate in self.by_name.items():
            if candidate.resolve() == resolved:
                return name
        return None


def local_templates(project: Project, paths: Iterable[Path] | None = None) -> LocalTemplates:
    found = LocalTemplates()
    if paths is None and not project.config.templates.is_dir():
        return found  # a project that only pulls, or has not started yet
    for path in project.find_templates(paths):
        found.files.append(path)
        try:
            name = project.load(path).name
        except TemplateError as error:
            found.unreadable.append(error)
            continue
        found.by_name.setdefault(name, path)
    return found


@dataclass(frozen=True)
class Selection:
    paths: list[Path]  # local template files named (by name or path)
    names: list[str]  # their SES names, then the names not found locally
    unknown: list[str]  # names that are not local templates (may exist in SES)


def select(project: Project, args: Iterable[str], local: LocalTemplates | None = None) -> Selection:
    """Split ``args`` into local template files and other names. No args: every local template.

    Files whose front matter does not load are selected too (by path), so that
    the commands building them report the error instead of skipping them.
    """
    local = local or local_templates(project)
    args = list(args)
    if not args:
        return Selection(list(local.files), list(local.by_name), [])
    paths: list[Path] = []
    names: list[str] = []
    unknown: list[str] = []
    for arg in args:
        path = Path(arg)
        if arg in local.by_name:
            paths.append(local.by_name[arg])
            names.append(arg)
        elif path.suffix.lower() in KINDS or path.exists():
            for found in project.find_templates([path]):
                paths.append(found)
                name = local.name_of(found) or _loaded_name(project, found)
                if name is not None:
                    names.append(name)
        else:
            unknown.append(arg)
    return Selection(_unique(paths), _unique(names + unknown), unknown)


def require_local(selection: Selection, local: LocalTemplates) -> None:
    """A usage error (exit status 2) for the first name that is not a local template."""
    for name in selection.unknown:
        hint = did_you_mean(name, local.by_name)
        extra = f" ({len(local.unreadable)} template files do not load; run templatekit lint)" if local.unreadable else ""
        raise UsageError(f"no template named '{name}' in this project{hint}{extra}")


def _loaded_name(project: Project, path: Path) -> str | None:
    try:
        return project.load(path).name
    except TemplateError:  # reported when it is built
        return None


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))
