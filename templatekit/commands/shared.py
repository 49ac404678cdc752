"""What every command needs: the project from the global options, and exit statuses."""
from __future__ import annotations

import click

from ..errors import TemplatekitError

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def project_from(ctx: click.Context):
    """The Project for the global ``--config`` option, created once per invocation."""
    from ..project import Project

    root = ctx.find_root()
    root.ensure_object(dict)
    if "project" not in root.obj:
        root.obj["project"] = Project.discover(config_file=root.obj.get("config"))
    return root.obj["project"]


def fail(status: int = EXIT_PROBLEMS) -> None:
    raise SystemExit(status)


def report_error(error: TemplatekitError) -> None:
    click.echo(str(error), err=True)
