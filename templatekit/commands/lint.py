"""``templatekit lint``: check templates against the rule packs before a reviewer does."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..metadata import TYPES
from ..reporters import FORMATS
from .changes import changed_options


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "-f", "format_", type=click.Choice(FORMATS), default="text", show_default=True, help="Report format.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--type", "built_type", type=click.Choice(TYPES), help="Lint .html files as already-built emails of this type.")
@click.option("--subject", help="Subject of the already-built emails (with --type).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when printing to a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, help="Worker processes (default: the configured number, 0 = one per core).")
@click.option("--no-cache", is_flag=True, help="Check every template again, ignoring and not updating the cache.")
@changed_options
@click.pass_context
def command(ctx, paths, format_, strict, built_type, subject, output, color, jobs, no_cache, changed, changed_since) -> None:
    """Check templates (files or folders; default: the templates folder) against the SES rules."""
    from ..affected import lint_selection, merged_reports
    from ..errors import display_path
    from ..linter import lint_paths
    from ..reporters import get_reporter
    from .changes import check_changed_options, runs_for
    from .shared import EXIT_PROBLEMS, EXIT_USAGE, fail, refuse_missing, save_report

    check_changed_options(changed, changed_since)
    if (changed or changed_since) and built_type is not None:
        click.echo("--changed and --changed-since select templates, not already-built HTML (--type)", err=True)
        fail(EXIT_USAGE)
    if subject is not None and built_type is None:
        click.echo("--subject is for already-built HTML: give --type too", err=True)
        fail(EXIT_USAGE)
    refuse_missing(() if changed else paths)
    for path in () if changed else paths:
        if not os.access(path, os.R_OK):
            click.echo(f"{display_path(path)}: cannot read (permission denied)", err=True)
            fail(EXIT_USAGE)
    reports, catalog = [], {}
    for run in runs_for(ctx, paths, changed, changed_since, cache=not no_cache):
        if not changed:
            _refuse_non_templates(run.project, paths)
        options = {"jobs": run.project.config.jobs if jobs is None else jobs, "cache": not no_cache}
        if run.selection is not None:
            reports.append(lint_selection(run.project, run.selection, run.settings, **options))
        else:
            reports.append(lint_paths(
                run.project, paths or None, settings=run.settings, built_type=built_type, subject=subject, **options,
            ))
        catalog.update(run.settings.catalog)
    report = merged_reports(reports)
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = get_reporter(format_)(report, catalog, color=color and format_ == "text")
    if output is not None:
        save_report(output, text)
        if format_ != "text":
            from ..reporters.text_format import summary

            click.echo(summary(report), err=True)
    else:
        click.echo(text, nl=False, color=bool(color))
    if report.errors or (strict and report.warnings):
        fail(EXIT_PROBLEMS)


def _refuse_non_templates(project, paths) -> None:
    """A named file that is no template (nor the data file) is a usage error, as a missing one is."""
    from ..errors import display_path
    from ..source import KINDS
    from .shared import EXIT_USAGE, fail

    data_file = project.config.data.resolve() if project.config.data else None
    for path in paths:
        if path.is_file() and path.suffix.lower() not in KINDS and path.resolve() != data_file:
            click.echo(f"{display_path(path)}: not a template: expected .mjml, .html or .txt", err=True)
            fail(EXIT_USAGE)
