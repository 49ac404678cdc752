"""What the commands that talk to SES share: --region/--endpoint, durations, and exit statuses."""
from __future__ import annotations

import functools
from typing import Callable

import click

EXIT_API = 4  # SES refused a request or could not be reached


def ses_options(command: Callable) -> Callable:
    """Add ``--region`` and ``--endpoint`` to a command."""
    command = click.option(
        "--endpoint", metavar="HOST[:PORT]|URL",
        help="SES API endpoint (default: TEMPLATEKIT_SES_ENDPOINT, [tool.templatekit.ses] endpoint, "
             "else the region's); plain http only for 127.0.0.1 or localhost.",
    )(command)
    command = click.option(
        "--region", metavar="REGION", help="SES region: ap-guangzhou (default), ap-hongkong or ap-singapore.",
    )(command)
    return command


def reports_api_errors(command: Callable[..., int]) -> Callable[..., int]:
    """SES errors become one line on stderr and exit status 4 (other errors keep theirs)."""

    @functools.wraps(command)
    def run(*args, **kwargs) -> int:
        from ..providers import ProviderError

        try:
            return command(*args, **kwargs)
        except ProviderError as error:
            click.echo(str(error), err=True)
            return EXIT_API

    return run


def workspace_from(ctx: click.Context, region: str | None, endpoint: str | None):
    from ..publishing import open_workspace
    from .shared import project_from

    return open_workspace(project_from(ctx), region=region, endpoint=endpoint)


def warn_unreadable(project) -> None:
    """One warning line per template file whose front matter does not load: it has no name to look up."""
    from ..publishing.selection import local_templates

    for error in local_templates(project).unreadable:
        click.echo(f"warning: {error} (not checked: fix it, then run this again)", err=True)


def duration(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    """A click callback for options such as ``--timeout 2d``."""
    if value is None:
        return None
    from ..publishing.durations import parse_duration

    try:
        return parse_duration(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
