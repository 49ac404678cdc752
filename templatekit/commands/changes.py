"""``--changed`` and ``--changed-since``: the options of commands that can check only what changed."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import click

from ..errors import UsageError
from .shared import project_from

if TYPE_CHECKING:  # pragma: no cover
    from ..affected import Selection
    from ..project import Project
    from ..ruleset import LintSettings


def changed_options(command: Callable) -> Callable:
    """Add ``--changed`` and ``--changed-since REF`` to a command."""
    command = click.option(
        "--changed-since", "changed_since", metavar="REF",
        help="Only templates changed since the merge base of REF and HEAD (committed, uncommitted or "
             "untracked), and those built from changed partials.",
    )(command)
    return click.option(
        "--changed", is_flag=True,
        help="PATHS are changed files, as pre-commit passes them: check the templates they concern "
             "(a partial: the templates built from it; the data file or configuration: all) and skip other files.",
    )(command)


def check_changed_options(changed: bool, changed_since: str | None) -> None:
    """The two options exclude each other."""
    if changed and changed_since is not None:
        raise UsageError("give --changed or --changed-since, not both")


@dataclass(frozen=True)
class Run:
    """One project's part of a command: its settings and the templates to check (None: those under the paths)."""

    project: "Project"
    settings: "LintSettings | None"
    selection: "Selection | None"


def runs_for(
    ctx: click.Context, paths: tuple[Path, ...], changed: bool, changed_since: str | None,
    *, settings: bool = True, need_templates: bool = True, cache: bool = True,
) -> list[Run]:
    """What a command checks, project by project.

    With --changed, each file belongs to the project whose configuration is
    above it, and several projects may take part; a run where no file belongs
    to any has none. Otherwise there is one project: the configuration found
    from the first path or the working directory. ``settings``: load the lint
    settings (``cache``: keeping the packs as read in the cache folder);
    ``need_templates``: without paths, a missing templates folder is a usage error.
    """
    from ..affected import affected_templates
    from ..attribution import by_project
    from ..ruleset import load_settings

    check_changed_options(changed, changed_since)
    if changed:
        from ..gitdiff import staged_deletions

        existing = [path for path in paths if path.exists()]
        deleted = [path for path in paths if not path.exists()]
        # pre-commit passes the new name of a renamed partial, never the old one
        # that templates may still use: git knows it.
        given = {path.absolute() for path in deleted}
        deleted += [path for path in staged_deletions() if path.absolute() not in given and not path.exists()]
        result = []
        for group in by_project(existing, deleted, config_file=ctx.find_root().obj.get("config")):
            lint_settings = load_settings(group.project.config, cache=cache) if settings else None
            selection = affected_templates(group.project, group.changed, group.deleted, settings=lint_settings)
            result.append(Run(group.project, lint_settings, selection))
        return result
    project = project_from(ctx, paths)
    if need_templates and not paths and not project.config.templates.is_dir():
        raise UsageError("no templates folder (give paths, or set 'templates' in the configuration)", project.config.templates)
    lint_settings = load_settings(project.config, cache=cache) if settings else None
    return [Run(project, lint_settings, _changed_since(project, paths, lint_settings, changed_since))]


def _changed_since(project: "Project", paths: tuple[Path, ...], settings: "LintSettings | None", changed_since: str | None) -> "Selection | None":
    """The templates to check under --changed-since, or None without it."""
    if changed_since is None:
        return None  # without importing git's helpers and subprocess: 4 ms of every lint
    from ..affected import affected_templates
    from ..gitdiff import changes_since

    changes = changes_since(changed_since, project.config.root)  # a GitError is a UsageError: exit status 2
    return affected_templates(project, changes.changed, changes.deleted, within=paths or None, settings=settings)
