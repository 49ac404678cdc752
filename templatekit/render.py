"""Jinja, the build-time language, and how SES variables pass through it untouched.

A declared SES variable is bound in the Jinja context to an ``SesVariable``
placeholder that renders as exactly ``{{name}}`` (never escaped), so authors
write ``{{ name }}`` for SES variables and build-time data alike, with no escape
sequences. Using a placeholder as a build-time value (``{% if name %}``, a
filter) is an error: its value only exists at send time.
"""
from __future__ import annotations

import errno
import functools
import os
import re
import stat as file_types
import traceback
from pathlib import Path
from typing import Any, Callable

import jinja2
import jinja2.sandbox
from jinja2.utils import _PassArg

from .errors import TemplateError, did_you_mean
from .frontmatter import body_of
from .jinja_lexer import fast_lexer
from .realpaths import RealPaths
from .source import read_source

# Filters that leave a placeholder's text as it is.
_NEUTRAL_FILTERS = frozenset({"safe", "e", "escape", "forceescape", "string"})
_AUTOESCAPED = (".mjml", ".html", ".htm")
_NO_FILE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


class SesVariableMisuse(Exception):
    """A send-time SES variable used where a build-time value is needed."""


class SesVariable:
    """Stands for an SES variable in the Jinja context; renders as ``{{name}}``."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __str__(self) -> str:
        return "{{" + self.name + "}}"

    __html__ = __str__

    def __repr__(self) -> str:
        return f"SesVariable({self.name!r})"

    def __bool__(self) -> bool:
        raise SesVariableMisuse(
            f"SES variable '{self.name}' is filled at send time; it cannot decide a build-time condition"
        )

    def __iter__(self):
        raise SesVariableMisuse(f"SES variable '{self.name}' is filled at send time; it cannot be looped over")

    def __getattr__(self, attribute: str):
        raise SesVariableMisuse(
            f"SES variable '{self.name}' has no attribute '{attribute}'; SES variables are flat names"
        )

    # Without these, Python's defaults answer for the missing value: ``plan == "pro"``
    # is False, ``plan in ["a"]`` is False, and the wrong branch is built silently.
    def _misuse(self, what: str, hint: str = ""):
        raise SesVariableMisuse(f"SES variable '{self.name}' is filled at send time; it cannot {what} at build time{hint}")

    def __eq__(self, other: object):
        self._misuse("be compared")

    __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __eq__

    def __hash__(self):
        self._misuse("be looked up in a set or mapping")

    def __contains__(self, item: object):
        self._misuse("be searched")

    def __getitem__(self, key: object):
        self._misuse("be indexed or sliced")

    def __len__(self):
        self._misuse("be measured")

    def __add__(self, other: object):
        self._misuse("be added to", f" (to join text, use ~: it keeps {self})")

    __radd__ = __add__

    def __arithmetic(self, *_: object):
        self._misuse("be used in arithmetic")

    __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __arithmetic
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = __arithmetic
    __neg__ = __pos__ = __abs__ = __int__ = __float__ = __index__ = __round__ = __arithmetic


class TemplateLoader(jinja2.BaseLoader):
    """Loads templates from one folder and refuses anything outside it.

    Front matter is blanked out so partials may carry it too, and so line numbers
    in errors are those of the file on disk.
    """

    def __init__(self, root: Path):
        self.root = root.resolve()
        self._real_path = RealPaths()
        self._root_text = str(self.root)
        self._inside = self._root_text.rstrip(os.sep) + os.sep

    def resolve(self, name: str) -> Path:
        return self._found(name)[0]

    def _found(self, name: str) -> tuple[Path, os.stat_result]:
        """The template's real path and its stat: one look at the file tells it is one and when it changed."""
        text = self._real_path.text(self.root / name)
        # As Path.is_relative_to on these resolved paths, without building their parts.
        if text != self._root_text and not text.startswith(self._inside):
            raise jinja2.TemplateNotFound(name, f"'{name}' is outside the templates folder")
        try:
            info = os.stat(text)
        except ValueError:
            info = None
        except OSError as error:  # what Path.is_file() reads as "no file"; it raises the others
            if error.errno not in _NO_FILE:
                raise
            info = None
        if info is None or not file_types.S_ISREG(info.st_mode):
            raise jinja2.TemplateNotFound(name)
        return Path(text), info

    def get_source(self, environment, template: str):
        path, info = self._found(template)
        body = body_of(read_source(path), path)
        # Taken before reading: a file changed while it was read is read again at the next render.
        mtime = info.st_mtime_ns
        where = str(path)

        # Asked for the layout and partials at every render: one stat, not two.
        def uptodate() -> bool:
            try:
                return os.stat(where).st_mtime_ns == mtime
            except OSError:
                return False

        return body, where, uptodate


class _Environment(jinja2.sandbox.SandboxedEnvironment):
    """The sandbox with a lexer that skips MJML text faster (``jinja_lexer.py``)."""

    @property
    def lexer(self):
        return fast_lexer(self)


def make_environment(root: Path, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    env = _Environment(
        loader=TemplateLoader(root),
        undefined=jinja2.StrictUndefined,
        autoescape=lambda name: name is not None and name.endswith(_AUTOESCAPED),
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache,
        auto_reload=True,
    )
    env.filters = {name: _guard_filter(name, func) for name, func in env.filters.items()}
    return env


def _guard_filter(name: str, func: Callable) -> Callable:
    if name in _NEUTRAL_FILTERS:
        return func
    skip = 0 if _PassArg.from_obj(func) is None else 1

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        if len(args) > skip and isinstance(args[skip], SesVariable):
            raise SesVariableMisuse(
                f"filter '{name}' cannot change SES variable '{args[skip].name}': its value is only known at send time"
            )
        return func(*args, **kwargs)

    return guarded


def render(env: jinja2.Environment, name: str, context: dict[str, Any], path: Path) -> str:
    """Render template ``name`` (relative to the loader root); errors become TemplateError."""
    from .simple_templates import render as render_simple

    rendered = render_simple(env, name, context)
    if rendered is not None:
        return rendered
    try:
        return env.get_template(name).render(context)
    except Exception as error:  # every Jinja failure must become one line, never a traceback
        raise as_template_error(error, path, context) from None


_SIMPLE_EXPRESSION = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def render_string(env: jinja2.Environment, source: str, context: dict[str, Any], path: Path, line: int) -> str:
    """Render a short string such as the subject; errors point at ``path:line``."""
    simple = _render_simple(source, context)
    if simple is not None:
        return simple
    try:
        return _compiled_string(env, source).render(context)
    except Exception as error:
        converted = as_template_error(error, path, context)
        converted.line = line
        raise converted from None


def _render_simple(source: str, context: dict[str, Any]) -> str | None:
    """Subjects are mostly text and plain ``{{ name }}``: substitute them without compiling.

    Compiling each template's subject with Jinja cost half a millisecond a template.
    Anything else (filters, tags, unknown names) goes through Jinja and its errors.
    """
    names = _SIMPLE_EXPRESSION.findall(source)
    if any(name not in context for name in names):
        return None
    rest = _SIMPLE_EXPRESSION.sub("", source)
    if "{{" in rest or "{%" in rest or "{#" in rest:
        return None
    return _SIMPLE_EXPRESSION.sub(lambda match: str(context[match.group(1)]), source)


def _compiled_string(env: jinja2.Environment, source: str) -> jinja2.Template:
    cache = env.__dict__.setdefault("_templatekit_strings", {})
    if source not in cache:
        previous, env.autoescape = env.autoescape, False
        try:
            cache[source] = env.from_string(source)
        finally:
            env.autoescape = previous
    return cache[source]


def as_template_error(error: BaseException, path: Path, context: dict[str, Any]) -> TemplateError:
    if isinstance(error, TemplateError):
        return error
    where, line = _template_frame(error, path)
    if isinstance(error, jinja2.TemplateSyntaxError):
        return TemplateError(f"Jinja syntax error: {error.message}", Path(error.filename) if error.filename else where, error.lineno)
    if isinstance(error, jinja2.TemplateNotFound):
        detail = error.message if error.message and "outside" in error.message else f"{_what_was_loaded(where, line)} '{error.name}' not found"
        return TemplateError(detail, where, line)
    if isinstance(error, jinja2.UndefinedError):
        match = re.match(r"'([^']+)' is undefined", str(error))
        if match:
            name = match.group(1)
            hint = did_you_mean(name, [key for key in context if not key.startswith("_")])
            return TemplateError(
                f"unknown variable '{name}'{hint} (declare SES variables under 'variables:' in the front matter)",
                where, line,
            )
        return TemplateError(f"undefined value: {error}", where, line)
    if isinstance(error, SesVariableMisuse):
        return TemplateError(str(error), where, line)
    if isinstance(error, jinja2.sandbox.SecurityError):
        return TemplateError(f"not allowed in templates: {error}", where, line)
    return TemplateError(f"template error: {type(error).__name__}: {error}", where, line)


_LOADING_TAG = re.compile(r"\{%[-+]?\s*(extends|include|import|from)\b")
_LOADED = {"extends": "layout (extended template)", "include": "included template", "import": "imported template", "from": "imported template"}


def _what_was_loaded(path: Path, line: int | None) -> str:
    """How the missing template was asked for, from the tag on the failing line."""
    try:
        text = path.read_text(encoding="utf-8").split("\n")[line - 1] if line else ""
    except (OSError, UnicodeDecodeError, IndexError):
        text = ""
    tags = _LOADING_TAG.findall(text)
    return _LOADED[tags[0]] if len(set(tags)) == 1 else "included template"


def _template_frame(error: BaseException, fallback: Path) -> tuple[Path, int | None]:
    """The innermost traceback frame that belongs to a template file."""
    found: tuple[Path, int | None] = (fallback, None)
    for frame in traceback.extract_tb(error.__traceback__):
        filename = frame.filename
        if filename.endswith(_AUTOESCAPED + (".txt",)) and Path(filename).is_file():
            found = (Path(filename), frame.lineno)
    return found
