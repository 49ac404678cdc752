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


def fail(status: int = EXIT_PROBLEMS) -> None:
    raise SystemExit(status)


def report_error(error: TemplatekitError) -> None:
    click.echo(str(error), err=True)
