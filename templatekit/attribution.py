"""Changed files sorted into the template projects that hold them, for ``--changed``.

A repository may hold several template projects, or one beside files that
belong to none (a web application's own ``templates/``, its own
``pyproject.toml``). pre-commit passes all of them to one hook run, so each
file belongs to the project whose configuration is found by walking up from
it, and a file above every configuration is skipped. Which file comes first
never matters.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .config import find_config_file
from .project import Project


@dataclass(frozen=True)
class ProjectChanges:
    """One project's share of the changed files."""

    project: Project
    changed: tuple[Path, ...]  # they exist
    deleted: tuple[Path, ...]


def by_project(changed: Iterable[Path], deleted: Iterable[Path] = (), config_file: Path | str | None = None) -> list[ProjectChanges]:
    """The projects ``changed`` and ``deleted`` files belong to, ordered by configuration file.

    With ``config_file`` (``--config``), every file belongs to that one project.
    Raises ConfigError when a configuration on the way up is invalid.
    """
    changed, deleted = [Path(path) for path in changed], [Path(path) for path in deleted]
    if config_file is not None:
        if not changed and not deleted:
            return []
        return [ProjectChanges(Project.discover(config_file=config_file), tuple(changed), tuple(deleted))]
    owners: dict[Path, Path | None] = {}  # folder -> its configuration file, looked up once per folder
    groups: dict[Path, tuple[list[Path], list[Path]]] = {}
    for kind, paths in ((0, changed), (1, deleted)):
        for path in paths:
            folder = _nearest_folder(path)
            if folder not in owners:
                found = find_config_file(folder)
                owners[folder] = found[0].resolve() if found is not None else None
            config = owners[folder]
            if config is not None:
                groups.setdefault(config, ([], []))[kind].append(path)
    return [
        ProjectChanges(Project.discover(config_file=config), tuple(files), tuple(gone))
        for config, (files, gone) in sorted(groups.items(), key=lambda item: str(item[0]))
    ]


def _nearest_folder(path: Path) -> Path:
    """The folder to look for a configuration from: the file's own, or the nearest that still exists."""
    folder = path.absolute() if path.is_dir() else path.absolute().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder
