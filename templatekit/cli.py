"""The command line: argument parsing and dispatch to ``templatekit.commands``.

Commands are imported only when run, so ``templatekit --help`` and hook start-up
do not pay for the MJML compiler, lxml or the SES SDK.
"""
from __future__ import annotations

import errno
import importlib
import sys

import click

from . import __version__

# name -> module under templatekit.commands; each module defines `command`.
COMMANDS = {
    "build": "build",
    "check": "check",
    "init": "init",
    "lint": "lint",
    "rules": "rules",
    "submit": "submit",
    "status": "status",
    "pull": "pull",
    "diff": "diff",
    "send-test": "send_test",
    "delete": "delete",
    "preview": "preview",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str):
        module = COMMANDS.get(name)
        if module is None:
            return None
        return importlib.import_module(f"templatekit.commands.{module}").command

    def format_commands(self, ctx: click.Context, formatter) -> None:
        rows = [(name, _summary(name)) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _summary(name: str) -> str:
    # Read the first docstring line without importing the command's dependencies.
    import ast
    from pathlib import Path

    source = Path(__file__).parent / "commands" / f"{COMMANDS[name]}.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "command":
            doc = ast.get_docstring(node) or ""
            return doc.split("\n")[0]
    return ""


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="templatekit")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="Configuration file (default: found by walking up).")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """Build, lint and publish MJML + Jinja email templates for Tencent Cloud SES."""
    ctx.ensure_object(dict)
    ctx.obj["config"] = config


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 problems found, 2 usage or configuration)."""
    from .errors import ConfigError, TemplatekitError

    try:
        status = cli.main(args=argv, prog_name="templatekit", standalone_mode=False)
        sys.stdout.flush()
    except OSError as error:
        # A failed write to a stream names no file; anything else is a bug to see in full.
        if error.filename is not None or error.errno not in _STREAM_WRITE_ERRORS:
            raise
        return _standard_output_failed(error)
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else 1
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        click.echo("interrupted", err=True)
        return 130
    except ConfigError as error:  # UsageError is one too
        click.echo(str(error), err=True)
        return 2
    except TemplatekitError as error:
        click.echo(str(error), err=True)
        return 1
    return status if isinstance(status, int) else 0


def run() -> None:
    """The console script (and ``python -m templatekit``): ``main()``, then exit with its status."""
    exit_now(main())


def exit_now(status: int) -> None:
    """End the process with ``status`` without freeing its objects one by one.

    The normal exit tears down every module and object first: 55-90 ms after
    a lint of 1,000 templates, about 4% of it, for memory the system takes back
    at once (mypy ends the same way). What that exit does that matters is done
    here: the atexit handlers run, and the standard streams are flushed. With
    other threads running, or a stream that cannot be flushed, it is the normal
    exit, which waits for the threads and reports the stream.
    """
    import atexit
    import os
    import threading

    if threading.active_count() > 1:
        sys.exit(status)
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(status)
    os._exit(status)


_STREAM_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF})


def _standard_output_failed(error: OSError) -> int:
    """Standard output cannot be written (``>/dev/full``): one line and exit 2.

    A closed pipe (``| head``) never gets here: click stops quietly, as other
    command-line tools do.
    """
    import os

    try:
        # What is still buffered would fail again when Python exits, with a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    try:
        click.echo(f"cannot write to standard output: {error.strerror or error}", err=True)
    except OSError:
        pass
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
