"""Errors a user can cause, each carrying the file and line it concerns.

The CLI turns any of these into one ``path:line: message`` line and an exit
status; a traceback reaching the user is always a bug.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path


class TemplatekitError(Exception):
    """Base class: something in the user's input is wrong."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        # One line always: messages from Jinja or YAML may span several.
        message = re.sub(r"\s*\n\s*", " ", message.strip())
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        # The template being built, when the error lies in a layout or partial it uses.
        self.building: str | None = None

    def location(self) -> str:
        if self.path is None:
            return ""
        if self.line is None:
            return f"{display_path(self.path)}"
        return f"{display_path(self.path)}:{self.line}"

    def plain(self) -> str:
        """``path:line: message``, without naming the template that was being built."""
        where = self.location()
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return self.plain() + (templates_note([self.building]) if self.building else "")


def same_file(one: Path, other: Path) -> bool:
    return one == other or one.resolve() == other.resolve()


def template_name(path: Path, root: Path | None) -> str:
    """A template's name in a note: relative to the templates folder ``root``, else as displayed."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return display_path(path)


def templates_note(names: list[str], shown: int = 5) -> str:
    """What to add to an error found in a partial: the templates it stopped.

    `` (building a.mjml)`` for one, `` (in 4 templates: a.mjml, b.mjml, ...)`` for
    several, so a broken footer is reported once, not once per template.
    """
    if len(names) == 1:
        return f" (building {names[0]})"
    listed = ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")
    return f" (in {len(names)} templates: {listed})"


class TemplateError(TemplatekitError):
    """A template cannot be loaded or built."""


class ConfigError(TemplatekitError):
    """The configuration (pyproject.toml, templatekit.toml, rule packs) is invalid."""


class OutputError(TemplatekitError):
    """An output file or folder cannot be written (not a folder, no permission, disk full)."""


class UsageError(ConfigError):
    """The command cannot run as given (exit status 2, as for a configuration error): options that
    exclude each other, no templates folder, a git ref git does not know."""


def display_path(path: Path) -> str:
    """Path relative to the working directory when it is below it, as users typed it."""
    import os

    return _display(str(path), os.getcwd())


@functools.lru_cache(maxsize=8192)
def _display(path: str, cwd: str) -> str:
    # Cached, and lexical first: a report of thousands of problems names the
    # same files, and resolving each through the filesystem cost 0.1 ms.
    import os

    if os.path.isabs(path):
        prefix = cwd.rstrip(os.sep) + os.sep
        if path.startswith(prefix) and os.sep + ".." not in path:
            return path[len(prefix):]
    # Otherwise resolved, as Path.resolve().relative_to() would, in text: through
    # each file's folder once, not every component of every path (a relative
    # path, as in `lint templates`, took a fifth of a warm run of 1,000 templates).
    try:
        real_paths, real_cwd = _real_paths(cwd)
        real = real_paths.text(os.path.join(cwd, path))
    except OSError:
        return path
    if real == real_cwd:
        return "."
    prefix = real_cwd.rstrip(os.sep) + os.sep
    return real[len(prefix):] if real.startswith(prefix) else path


@functools.lru_cache(maxsize=4)
def _real_paths(cwd: str):
    from .realpaths import RealPaths

    real_paths = RealPaths()
    return real_paths, real_paths.text(cwd)


def line_of_offset(text: str, offset: int) -> int:
    """1-based line number of a character offset in ``text``."""
    return text.count("\n", 0, max(0, offset)) + 1


def did_you_mean(word: str, choices) -> str:
    """``; did you mean 'x'?`` when a choice is close to ``word``, else an empty string."""
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
