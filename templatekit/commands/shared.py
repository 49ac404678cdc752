"""What every command needs: the project from the global options, and exit statuses."""
from __future__ import annotations

import click

from ..errors import TemplatekitError

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def project_from(ctx: click.Context, paths=()):
    """The Project for this invocation, created once.

    Its configuration is the global ``--config`` file, else the one found by
    walking up from the first path given (as ruff does), else from the
    working directory.
    """
    from pathlib import Path

    from ..project import Project

    root = ctx.find_root()
    root.ensure_object(dict)
    if "project" not in root.obj:
        start = Path(paths[0]) if paths else None
        if start is not None and not start.exists():
            start = None
        root.obj["project"] = Project.discover(start, config_file=root.obj.get("config"))
    return root.obj["project"]


def refuse_missing(paths) -> None:
    """Named paths must exist: a missing one is a usage error, in one line."""
    from ..errors import display_path

    for path in paths:
        if not path.exists():
            click.echo(f"{display_path(path)}: no such file or folder", err=True)
            fail(EXIT_USAGE)


def save_report(file, content: str) -> None:
    """Write a report atomically; a path that cannot be written is a usage error, in one line."""
    from ..atomic import write_atomic
    from ..errors import display_path

    try:
        write_atomic(file, content)
    except OSError as error:
        click.echo(f"{display_path(file)}: cannot write the report: {error.strerror or error}", err=True)
        fail(EXIT_USAGE)


def fail(status: int = EXIT_PROBLEMS) -> None:
    raise SystemExit(status)


def report_error(error: TemplatekitError) -> None:
    click.echo(str(error), err=True)
