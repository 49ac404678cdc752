"""``templatekit diff``: local build vs SES vs lock file, to catch edits made in the console."""
from __future__ import annotations

import json

import click

from .ses_options import reports_api_errors, ses_options, workspace_from


@click.command("diff")
@click.argument("names", nargs=-1)
@click.option("--stat", is_flag=True, help="Only the state of each template, no content diff.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@ses_options
@click.pass_context
@reports_api_errors
def command(ctx, names, stat, fmt, region, endpoint) -> int:
    """Compare local builds with SES and the lock file (exit 1 when anything differs)."""
    from ..publishing.drift import EXPLANATIONS, compare, unified

    workspace = workspace_from(ctx, region, endpoint)
    results = compare(workspace, names)
    if fmt == "json":
        payload = [{"name": d.name, "id": d.id, "state": d.state, "explanation": EXPLANATIONS[d.state], "error": d.error} for d in results]
        click.echo(json.dumps({"templates": payload}, indent=2, ensure_ascii=False))
    else:
        width = max((len(d.state) for d in results), default=0)
        for drift in results:
            where = f" (ID {drift.id})" if drift.id is not None else ""
            click.echo(f"{drift.state:<{width}}  {drift.name}{where}: {drift.error or EXPLANATIONS[drift.state]}")
        if not stat:
            for drift in results:
                if not drift.in_sync:
                    click.echo(unified(drift), nl=False)
    return 0 if all(d.in_sync for d in results) else 1
