"""``--changed`` and ``--changed-since``: the options of commands that can check only what changed."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

import click

from .shared import EXIT_USAGE, fail

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
        click.echo("give --changed or --changed-since, not both", err=True)
        fail(EXIT_USAGE)


def discovery_paths(paths: tuple[Path, ...], changed: bool) -> tuple[Path, ...]:
    """Paths to find the configuration from: with --changed, a template first (not pyproject.toml)."""
    if not changed:
        return paths
    from ..template import KINDS

    existing = [path for path in paths if path.exists()]
    templates = [path for path in existing if path.suffix.lower() in KINDS]
    return tuple(templates + [path for path in existing if path not in templates])


def selection_for(project: "Project", paths: tuple[Path, ...], settings: "LintSettings | None", changed: bool, changed_since: str | None) -> "Selection | None":
    """The templates to check under --changed or --changed-since, or None when neither was given."""
    from ..affected import affected_templates
    from ..gitdiff import GitError, changes_since

    if changed:
        existing = [path for path in paths if path.exists()]
        deleted = [path for path in paths if not path.exists()]
        return affected_templates(project, existing, deleted, settings=settings)
    if changed_since is None:
        return None
    try:
        changes = changes_since(changed_since, project.config.root)
    except GitError as error:
        click.echo(str(error), err=True)
        fail(EXIT_USAGE)
    return affected_templates(project, changes.changed, changes.deleted, within=paths or None, settings=settings)
