"""``templatekit build``: templates to HTML and text in the output folder."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: the configured one, dist/).")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, help="Worker processes (default: the configured number, 0 = one per core).")
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], out: Path | None, quiet: bool, jobs: int | None) -> None:
    """Build templates (files or folders; default: the templates folder) into HTML and text."""
    from ..building import build_templates
    from .shared import fail, project_from

    project = project_from(ctx, paths)
    out = out or project.config.out
    report = build_templates(project, paths or None, out, jobs=project.config.jobs if jobs is None else jobs)
    for error in report.errors:
        click.echo(str(error), err=True)
    if not quiet:
        for path in report.written:
            click.echo(f"wrote {display_path(path)}")
        summary = f"built {len(report.built)} template{'s' if len(report.built) != 1 else ''} into {display_path(out)}"
        if report.errors:
            summary += f"; {len(report.errors)} failed"
        click.echo(summary, err=bool(report.errors))
    if report.errors:
        fail()
