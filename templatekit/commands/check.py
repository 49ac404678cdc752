"""``templatekit check``: build and lint everything, with one exit status and a summary table for CI."""
from __future__ import annotations

from pathlib import Path

import click

from ..reporters import FORMATS
from .changes import changed_options


def _report_option(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[tuple[str, Path]]:
    reports = []
    for value in values:
        format_, sep, file = value.partition("=")
        if not sep or not file:
            raise click.BadParameter(f"'{value}' is not FORMAT=FILE (for example sarif=templatekit.sarif)")
        if format_ not in FORMATS:
            raise click.BadParameter(f"unknown format '{format_}' (choose from {', '.join(FORMATS)})")
        reports.append((format_, Path(file)))
    return reports


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "-f", "format_", type=click.Choice(FORMATS), default="text", show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file (the summary goes to stderr).")
@click.option(
    "--report", "reports", multiple=True, metavar="FORMAT=FILE", callback=_report_option,
    help="Also write a report in FORMAT to FILE; repeatable (sarif=templatekit.sarif, gitlab=gl-code-quality-report.json).",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when printing to a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, help="Worker processes (default: the configured number, 0 = one per core).")
@click.option("--no-cache", is_flag=True, help="Lint every template again, ignoring and not updating the cache.")
@changed_options
@click.pass_context
def command(ctx, paths, format_, output, reports, strict, color, jobs, no_cache, changed, changed_since) -> None:
    """Build and lint every template, with the repository-wide rules; one exit status and a summary table."""
    import os
    import sys

    from ..checking import merged_checks, run_check
    from ..errors import TemplatekitError
    from ..reporters import check_summary, get_reporter
    from ..reporters.text_format import problem_line
    from .changes import runs_for
    from .shared import EXIT_PROBLEMS, fail, save_report

    checks, catalog = [], {}
    try:
        for run in runs_for(ctx, paths, changed, changed_since, cache=not no_cache):
            checks.append(run_check(
                run.project, None if changed else paths, settings=run.settings, selection=run.selection,
                jobs=run.project.config.jobs if jobs is None else jobs, cache=not no_cache,
            ))
            catalog.update(run.settings.catalog)
    except TemplatekitError as error:
        _save_failure(error, format_, output, reports)
        raise
    report = merged_checks(checks)

    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    color = bool(color) and format_ == "text"
    summary = check_summary.render(report, strict, color=color)
    if format_ == "text":
        text = "".join(problem_line(problem, color) + "\n" for problem in report.problems)
        text += ("\n" if report.problems else "") + summary
    else:
        text = get_reporter(format_)(report.lint, catalog)
    for extra_format, file in reports:
        save_report(file, get_reporter(extra_format)(report.lint, catalog))
    if output is not None:
        save_report(output, click.unstyle(text))
        click.echo(check_summary.render(report, strict), nl=False, err=True)
    else:
        click.echo(text, nl=False, color=color)
        if format_ != "text":
            click.echo(summary, nl=False, err=True)
    if not report.passed(strict):
        fail(EXIT_PROBLEMS)


def _save_failure(error, format_: str, output: Path | None, reports: list[tuple[str, Path]]) -> None:
    """SARIF reports of a check that could not run, saying why: CI uploads them whatever the exit status."""
    from ..reporters.sarif_format import render_failure
    from .shared import save_report

    for file in [file for extra_format, file in reports if extra_format == "sarif"] + ([output] if format_ == "sarif" and output else []):
        save_report(file, render_failure(error))
    if format_ == "sarif" and output is None:
        click.echo(render_failure(error), nl=False)
