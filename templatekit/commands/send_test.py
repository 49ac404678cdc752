"""``templatekit send-test``: send one email with an approved template to your own mailbox."""
from __future__ import annotations

import json
from pathlib import Path

import click

from .ses_options import reports_api_errors, ses_options, workspace_from


@click.command("send-test")
@click.argument("name")
@click.option("--to", "to", multiple=True, required=True, metavar="ADDRESS", help="Recipient (repeat for more, at most 50).")
@click.option("--from", "sender", required=True, metavar="SENDER", help="A verified sender: address@domain or 'Alias <address@domain>'.")
@click.option("--data", "data_file", type=click.Path(dir_okay=False, path_type=Path), help="JSON object of variable values (default: the samples in the front matter).")
@click.option("--subject", help="Subject (default: the template's; variables in it are filled from the data).")
@ses_options
@click.pass_context
@reports_api_errors
def command(ctx, name, to, sender, data_file, subject, region, endpoint) -> int:
    """Send a test email with an approved template and its sample variable values."""
    from ..publishing.sending import send_test

    workspace = workspace_from(ctx, region, endpoint)
    sent = send_test(workspace, name, to=list(to), sender=sender, data_file=data_file, subject=subject)
    if sent.note:
        click.echo(f"note: {sent.note}", err=True)
    click.echo(f"sent {sent.name} (ID {sent.template_id}) to {', '.join(to)}: message {sent.message_id}")
    click.echo(f"TemplateData: {json.dumps(sent.data, ensure_ascii=False)}")
    return 0
