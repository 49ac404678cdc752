"""``templatekit pull``: import templates from the SES account as sources."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from ..metadata import TYPES
from .ses_options import reports_api_errors, ses_options, workspace_from


@click.command("pull")
@click.argument("names", nargs=-1)
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), help="Folder for the new sources (default: the templates folder).")
@click.option("--type", "email_type", type=click.Choice(TYPES), default="notification", show_default=True,
              help="Email type to write in the front matter (SES does not store it).")
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
@ses_options
@click.pass_context
@reports_api_errors
def command(ctx, names, out, email_type, force, region, endpoint) -> int:
    """Import templates from SES (default: all) as .html/.txt sources, recorded in the lock."""
    from ..publishing.pulling import NOT_FOUND, PULLED, pull

    workspace = workspace_from(ctx, region, endpoint)
    results = pull(workspace, names, out=out, force=force, email_type=email_type)
    for result in results:
        where = f" (ID {result.id})" if result.id is not None else ""
        target = f" -> {display_path(result.path)}" if result.action == PULLED and result.path else ""
        note = f": {result.note}" if result.note else ""
        click.echo(f"{result.action:<9}  {result.name}{where}{target}{note}")
    pulled = sum(1 for r in results if r.action == PULLED)
    click.echo(f"pulled {pulled} template{'s' if pulled != 1 else ''}" if results else "no templates in SES")
    return 1 if any(r.action == NOT_FOUND for r in results) else 0
