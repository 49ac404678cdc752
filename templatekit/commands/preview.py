"""``templatekit preview``: serve each template as sent, with its text part and lint problems, on 127.0.0.1."""
from __future__ import annotations

import errno
from pathlib import Path

import click


@click.command("preview")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; any but a loopback address shows the templates to the network.")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8025, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the default web browser.")
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], host: str, port: int, open_browser: bool) -> int:
    """Preview templates in a browser: as sent, with sample values, text part and lint problems; reloads on save."""
    from ..previewing import Preview, serve
    from .shared import EXIT_USAGE, fail, project_from, refuse_missing

    refuse_missing(paths)
    project_from(ctx, paths)  # a configuration error stops here, in one line, before listening
    root = ctx.find_root().obj

    def load_project():
        from ..project import Project

        start = paths[0] if paths else None
        return Project.discover(start, config_file=root.get("config"))

    try:
        server = serve(Preview(load_project, paths), host, port)
    except OSError as error:
        hint = "; choose another port with --port" if error.errno == errno.EADDRINUSE else ""
        click.echo(f"cannot listen on {host}:{port}: {error.strerror or error}{hint}", err=True)
        fail(EXIT_USAGE)
    count = len(project_from(ctx, paths).find_templates(paths or None))
    click.echo(f"previewing {count} template{'s' if count != 1 else ''} at {server.url} (Ctrl+C to stop)", err=False)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()
    return 0
