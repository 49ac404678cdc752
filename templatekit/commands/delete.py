"""``templatekit delete``: delete templates from SES and from the lock file."""
from __future__ import annotations

import click

from .ses_options import reports_api_errors, ses_options, workspace_from


@click.command("delete")
@click.argument("names", nargs=-1, required=True)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation (for scripts).")
@ses_options
@click.pass_context
@reports_api_errors
def command(ctx, names, yes, region, endpoint) -> int:
    """Delete templates from SES (asks first; --yes for scripts)."""
    from ..publishing.deletion import delete, find_targets

    workspace = workspace_from(ctx, region, endpoint)
    targets = find_targets(workspace, list(dict.fromkeys(names)))
    if not yes:
        listing = ", ".join(f"{t.name} (ID {t.id})" for t in targets)
        try:
            confirmed = click.confirm(f"Delete {listing} from SES? This cannot be undone", default=False, err=True)
        except click.Abort as error:
            if isinstance(error.__context__, KeyboardInterrupt):
                raise  # Ctrl-C: an interruption (130), not an answer
            confirmed = False  # end of input, no terminal: the same as no
        if not confirmed:
            click.echo("nothing deleted (pass --yes to delete without asking)", err=True)
            return 1
    for target in targets:
        click.echo(delete(workspace, target))
    return 0

