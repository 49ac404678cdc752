"""``templatekit build``: templates to HTML and text in the output folder."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from .changes import changed_options


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: the configured one, dist/).")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--check", is_flag=True, help="Build but write nothing: exit 1 if a template does not build (for hooks and CI).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, help="Worker processes (default: the configured number, 0 = one per core).")
@changed_options
@click.pass_context
def command(
    ctx: click.Context, paths: tuple[Path, ...], out: Path | None, quiet: bool, check: bool, jobs: int | None,
    changed: bool, changed_since: str | None,
) -> None:
    """Build templates (files or folders; default: the templates folder) into HTML and text."""
    from ..building import build_templates, error_lines, merged_builds
    from ..errors import OutputError
    from .changes import runs_for
    from .shared import EXIT_USAGE, fail, refuse_missing

    # Files pre-commit passes (--changed) may have been deleted; named ones must exist.
    refuse_missing(() if changed else paths)
    reports, folders = [], []
    for run in runs_for(ctx, paths, changed, changed_since, settings=False):
        folder = out or run.project.config.out
        folders.append(folder)
        if run.selection is not None and not run.selection.templates:
            continue
        chosen = list(run.selection.templates) if run.selection is not None else paths or None
        jobs_here = run.project.config.jobs if jobs is None else jobs
        try:
            built = build_templates(run.project, chosen, folder, write=not check, jobs=jobs_here)
        except OutputError as error:
            click.echo(str(error), err=True)
            fail(EXIT_USAGE)
        reports.append(built)
        for line in error_lines(built, run.project.templates_root):
            click.echo(line, err=True)
    report = merged_builds(reports)
    if not quiet:
        for path in report.written:
            click.echo(f"wrote {display_path(path)}")
        for path in report.removed:
            click.echo(f"removed {display_path(path)} (no template builds it any more)")
        count = f"{len(report.built)} template{'s' if len(report.built) != 1 else ''}"
        into = ", ".join(dict.fromkeys(display_path(folder) for folder in folders))
        summary = f"{count} built; nothing written (--check)" if check else f"built {count} into {into}" if into else f"{count} built"
        if report.errors:
            summary += f"; {len(report.errors)} failed"
        click.echo(summary, err=bool(report.errors))
    if report.errors:
        fail()
