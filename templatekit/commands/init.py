"""``templatekit init``: start a template repository with working examples, hooks and CI."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("init")
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--ci", type=click.Choice(["github", "gitlab", "none"]), default="github", show_default=True, help="The CI configuration to add.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def command(directory: Path, ci: str, force: bool) -> None:
    """Create a template repository: configuration, example templates, pre-commit hooks and CI."""
    from .. import scaffolding
    from ..errors import display_path
    from .shared import EXIT_PROBLEMS, fail

    plan = scaffolding.plan(directory, ci=ci, force=force)
    if plan.conflicts:
        count = len(plan.conflicts)
        click.echo(f"{count} file{'s' if count != 1 else ''} already exist{'s' if count == 1 else ''}; nothing was written (--force overwrites):", err=True)
        for path, why in plan.conflicts:
            click.echo(f"  {display_path(directory / path)} {why}", err=True)
        fail(EXIT_PROBLEMS)
    for planned in scaffolding.write(plan):
        note = f" ({planned.note})" if planned.note else ""
        verb = {"create": "created", "overwrite": "overwrote", "update": "updated"}[planned.action]
        click.echo(f"{verb} {display_path(directory / planned.path)}{note}")
    for left in plan.left:
        # A file the repository shares with other tools: the user merges our part by hand.
        snippet_intro, _, snippet = left.snippet.partition("\n")
        click.echo(f"left {display_path(directory / left.path)} as it is ({left.why}); {snippet_intro}")
        click.echo("".join(f"    {line}".rstrip() + "\n" for line in snippet.splitlines()), nl=False)
    if not plan.files:
        click.echo("nothing to do: every file is already there")
        return
    steps = []
    if directory.resolve() != Path.cwd().resolve():
        steps.append((f"cd {display_path(directory)}", ""))
    steps.append(("templatekit check", "build and lint the examples"))
    if not any((folder / ".git").exists() for folder in (directory.resolve(), *directory.resolve().parents)):
        steps.append(("git init", ""))
    steps.append(("pre-commit install", "check the templates of each commit (pip install pre-commit)"))
    width = max(len(step) for step, _ in steps) + 3
    click.echo("\nNext:")
    for step, why in steps:
        click.echo(f"  {step.ljust(width)}{why}".rstrip())
    click.echo("Then make templates/_brand.yaml and the allowed hosts in pyproject.toml your own.")
