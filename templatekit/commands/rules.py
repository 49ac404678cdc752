"""``templatekit rules``: the rules in force, or one rule's documentation."""
from __future__ import annotations

import click


@click.command("rules")
@click.argument("rule_id", required=False, metavar="[ID]")
@click.option("--format", "-f", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def command(ctx, rule_id, format_) -> None:
    """List the rules with id, severity and summary, or show one rule's documentation."""
    from ..errors import did_you_mean
    from ..rulebook import as_json, describe, listing
    from ..ruleset import load_settings
    from .shared import EXIT_USAGE, fail, project_from

    settings = load_settings(project_from(ctx).config)
    if rule_id is not None and rule_id not in settings.catalog:
        click.echo(f"unknown rule '{rule_id}'{did_you_mean(rule_id, settings.catalog)}; `templatekit rules` lists them", err=True)
        fail(EXIT_USAGE)
    if format_ == "json":
        click.echo(as_json(settings, rule_id))
    elif rule_id is None:
        click.echo(listing(settings))
    else:
        click.echo(describe(settings, rule_id))
