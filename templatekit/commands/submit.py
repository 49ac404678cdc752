"""``templatekit submit``: create or update templates in SES for review."""
from __future__ import annotations

import json
import sys

import click

from .ses_options import duration, reports_api_errors, ses_options, workspace_from

_PAST = {"create": "created", "update": "updated"}


@click.command("submit")
@click.argument("names", nargs=-1)
@click.option("--force", is_flag=True, help="Submit despite lint errors, and overwrite templates changed in SES (drift).")
@click.option("--dry-run", is_flag=True, help="Print what would be created, updated or left alone; call nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--wait", is_flag=True, help="Then wait until no template is under review (exit status as `status`).")
@click.option("--timeout", default="3d", show_default=True, callback=duration, help="With --wait: give up after this long (exit 3).")
@click.option("--interval", default="30s", show_default=True, callback=duration, help="With --wait: first pause between checks; it grows to 10m.")
@ses_options
@click.pass_context
@reports_api_errors
def command(ctx, names, force, dry_run, fmt, wait, timeout, interval, region, endpoint) -> int:
    """Submit templates (names or paths; default: all) to SES for review."""
    from ..publishing.submission import submit

    workspace = workspace_from(ctx, region, endpoint)
    bar = _ProgressBar(enabled=fmt == "text" and not dry_run and sys.stderr.isatty())
    try:
        report = submit(workspace, names, force=force, dry_run=dry_run, progress=bar.advance)
    finally:
        bar.close()
    status = report.exit_status
    submitted = [step.name for step in report.steps if step.template_id is not None]
    waiting = wait and not dry_run and status == 0 and bool(submitted)
    if fmt == "json":
        # One document: with --wait, the reviews and the final exit status are added to it.
        document = _as_json(report)
        if wait and not dry_run:
            document["reviews"] = None
            if waiting:
                from .status import wait_for

                rows, status = wait_for(workspace, submitted, timeout, interval)
                document["reviews"] = [row.as_json() for row in rows]
                document["exit_status"] = status
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return status
    _print(report)
    if waiting:
        from .status import wait_and_show

        return wait_and_show(workspace, submitted, timeout, interval, fmt)
    return status


def _print(report) -> None:
    width = max((len(_verb(step, report.dry_run)) for step in report.steps), default=0)
    for step in report.steps:
        where = f" (ID {step.template_id})" if step.template_id is not None else ""
        reason = f": {step.reason}" if step.reason else ""
        click.echo(f"{_verb(step, report.dry_run):<{width}}  {step.name}{where}{reason}")
        for detail in step.details:
            click.echo(f"    {detail}")
    counts = [f"{report.count(a)} {_verb_word(a, report.dry_run)}" for a in ("create", "update", "unchanged", "refused", "failed", "not attempted") if report.count(a)]
    prefix = "dry run, nothing called: " if report.dry_run else ""
    click.echo(f"{prefix}{', '.join(counts) or 'no templates'}")
    if not report.dry_run and (report.count("create") or report.count("update")):
        click.echo("templates go through SES's review (about one business day); follow it with `templatekit status`")


def _verb(step, dry_run: bool) -> str:
    return _verb_word(step.action, dry_run)


def _verb_word(action: str, dry_run: bool) -> str:
    return action if dry_run else _PAST.get(action, action)


def _as_json(report) -> dict:
    return {
        "dry_run": report.dry_run,
        "templates": [
            {"name": s.name, "action": s.action, "reason": s.reason, "id": s.template_id, "status": s.status,
             "source": str(s.path) if s.path else None, "details": list(s.details)}
            for s in report.steps
        ],
        "exit_status": report.exit_status,
    }


class _ProgressBar:
    """A progress bar on a terminal for runs long enough to want one; nothing otherwise."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._bar = None

    def advance(self, step, index: int, total: int) -> None:
        if not self.enabled or total < 5:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="submitting", file=sys.stderr, show_pos=True)
            self._bar.__enter__()
        self._bar.update(1, step.name)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
