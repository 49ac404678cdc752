"""``templatekit status``: where each template's review stands."""
from __future__ import annotations

import json

import click

from .ses_options import duration, reports_api_errors, ses_options, warn_unreadable, workspace_from


@click.command("status")
@click.argument("names", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Also list templates in the account that this project does not have.")
@click.option("--wait", is_flag=True, help="Check again, backing off, until no template is under review.")
@click.option("--timeout", default="3d", show_default=True, callback=duration, help="With --wait: give up after this long (exit 3).")
@click.option("--interval", default="30s", show_default=True, callback=duration, help="With --wait: first pause between checks; it grows to 10m.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@ses_options
@click.pass_context
@reports_api_errors
def command(ctx, names, every, wait, timeout, interval, fmt, region, endpoint) -> int:
    """Show review status (exit 0 all approved, 1 any rejected or missing, 3 under review)."""
    from ..publishing.review import exit_status, refresh

    workspace = workspace_from(ctx, region, endpoint)
    warn_unreadable(workspace.project)
    if wait:
        return wait_and_show(workspace, list(names), timeout, interval, fmt, every=every)
    rows = refresh(workspace, names, every=every)
    show(rows, fmt)
    return exit_status(rows)


def wait_and_show(workspace, names: list[str], timeout: float, interval: float, fmt: str, every: bool = False) -> int:
    from ..publishing.durations import format_age
    from ..publishing.review import EXIT_UNDER_REVIEW, UNDER_REVIEW, exit_status, wait

    def on_poll(rows, pause: float) -> None:
        pending = sum(1 for row in rows if row.status == UNDER_REVIEW)
        click.echo(f"{pending} under review; checking again in {format_age(pause)}", err=True)

    rows, timed_out = wait(workspace, names, timeout=timeout, interval=interval, every=every, on_poll=on_poll)
    show(rows, fmt)
    if timed_out:
        click.echo(f"timed out after {format_age(timeout)} with templates still under review", err=True)
        return EXIT_UNDER_REVIEW
    return exit_status(rows)


def show(rows, fmt: str) -> None:
    from ..publishing.durations import format_age
    from ..publishing.tables import table

    if fmt == "json":
        click.echo(json.dumps({"templates": [row.as_json() for row in rows]}, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no templates")
        return
    body = [
        [row.name, str(row.id) if row.id is not None else "-", row.status, format_age(row.age), row.review_reason or ""]
        for row in rows
    ]
    click.echo(table(["NAME", "ID", "STATUS", "AGE", "REVIEW REASON"], body))
    order = ["approved", "under review", "rejected", "unavailable", "missing", "not submitted", "not found"]
    counts = {status: sum(1 for row in rows if row.status == status) for status in order}
    summary = ", ".join(f"{count} {status}" for status, count in counts.items() if count)
    click.echo(f"{len(rows)} template{'s' if len(rows) != 1 else ''}: {summary}")
