"""What a preview shows of a template: the email as sent with sample values, its text part and lint problems."""
from __future__ import annotations

import hashlib
import html
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import TemplatekitError
from ..problem import Problem
from ..wordcount import VARIABLE


@dataclass(frozen=True)
class Listed:
    """A template as the index lists it: from its front matter, without building it."""

    key: str  # its path under the templates folder: the page's address
    name: str
    type: str | None
    subject: str | None
    error: str | None = None  # its front matter does not load


@dataclass(frozen=True)
class TemplatePreview:
    key: str
    name: str
    type: str | None = None
    subject: str | None = None  # sample values filled in
    summary: str | None = None
    html: str | None = None  # as sent (inlined), sample values filled in
    raw_html: str | None = None  # as sent, SES variables left as {{name}}
    text: str | None = None  # the text part, sample values filled in; None when SES gets none
    variables: dict[str, Any] = field(default_factory=dict)  # declared, with their sample values
    problems: tuple[Problem, ...] = ()
    error: str | None = None  # one line, when it does not build


class Preview:
    """The templates of one project, built and linted when asked.

    The project and its lint settings are read again whenever a watched file
    (configuration, data file, rule packs, anything under the templates folder)
    changed, so an edited partial or rule option shows on the next request.
    Builds run one at a time: a page and its frame are asked for together.
    """

    def __init__(self, load_project: Callable[[], Any], paths: tuple[Path, ...] = ()):
        self._load_project = load_project
        self._paths = tuple(Path(path) for path in paths)
        self._lock = threading.Lock()
        self._watched: tuple[Path, ...] = ()
        self._loaded: str | None = None
        self._project = self._settings = None
        self._error: str | None = None

    def version(self) -> str:
        """A digest of the watched files' paths, sizes and modification times."""
        with self._lock:
            self._current()
            return self._loaded

    def templates(self) -> tuple[list[Listed], str | None, str]:
        """The templates, sorted; the configuration error that keeps them from loading, if any; the version read.

        The version is the one the list was read at, for the page to compare with
        ``version()`` later: reading it apart would walk the files once more.
        """
        with self._lock:
            project = self._current()
            if project is None:
                return [], self._error, self._loaded
            try:
                paths = project.find_templates(self._paths or None)
            except TemplatekitError as error:  # the templates folder, or a path given, is gone
                return [], str(error), self._loaded
            listed = []
            for path in paths:
                key = _key(project, path)
                try:
                    template = project.load(path)
                except TemplatekitError as error:
                    listed.append(Listed(key, Path(key).stem, None, None, str(error)))
                    continue
                listed.append(Listed(key, template.name, template.meta.type, template.meta.subject))
            return listed, None, self._loaded

    def preview_of(self, key: str, lint: bool = True) -> tuple[TemplatePreview | None, str]:
        """The template at ``key`` (a ``Listed.key``) built, and linted if asked; and the version read.

        None when there is no such template. The email's frame and the text part
        need no lint: only the page lists the problems.
        """
        with self._lock:
            project = self._current()
            if project is None:
                return TemplatePreview(key, Path(key).stem, error=self._error), self._loaded
            try:
                paths = project.find_templates(self._paths or None)
            except TemplatekitError as error:
                return TemplatePreview(key, Path(key).stem, error=str(error)), self._loaded
            path = next((p for p in paths if _key(project, p) == key), None)
            shown = None if path is None else _preview(project, self._settings if lint else None, path, key)
            return shown, self._loaded

    def _current(self):
        version = self._version()
        if version != self._loaded:
            from ..ruleset import load_settings

            watched = self._watched

            try:
                project = self._load_project()
                settings = load_settings(project.config)
            except TemplatekitError as error:
                self._project = self._settings = None
                self._error = str(error)
                # Watch what the configuration would be read from, to load it again once fixed.
                found = [Path.cwd() / "templatekit.toml", Path.cwd() / "pyproject.toml"]
                self._watched = tuple(dict.fromkeys([*([error.path] if error.path else []), *found, *self._paths]))
            else:
                self._project, self._settings, self._error = project, settings, None
                self._watched = _watched(project, self._paths)
            # The version read before loading, when it covers the same files: a file saved
            # while loading then changes the version again, and the next request reloads.
            self._loaded = version if self._watched == watched else self._version()
        return self._project

    def _version(self) -> str:
        digest = hashlib.sha256()
        for path in self._watched:
            if path.is_dir():
                for folder, dirs, names in os.walk(path):
                    # Hidden folders hold caches and version control, never sources.
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(names):
                        _add_stat(digest, Path(folder) / name)
            else:
                _add_stat(digest, path)
        return digest.hexdigest()[:16]


def _watched(project, paths: tuple[Path, ...]) -> tuple[Path, ...]:
    from ..packs import default_pack_path

    config = project.config
    lint = config.lint if isinstance(config.lint, dict) else {}
    packs = [config.root / str(name) for name in lint.get("packs", []) if isinstance(lint.get("packs"), list)]
    files = [config.path, config.data, default_pack_path(), *packs, config.templates, *paths]
    return tuple(dict.fromkeys(Path(file) for file in files if file is not None))


def _key(project, path: Path) -> str:
    resolved = path.resolve()
    try:
        return resolved.relative_to(project.templates_root).as_posix()
    except ValueError:  # a template named outside the templates folder
        return resolved.as_posix().lstrip("/")


def _preview(project, settings, path: Path, key: str) -> TemplatePreview:
    """The template at ``path`` built; its lint problems too unless ``settings`` is None."""
    from ..linter import lint_template

    try:
        template = project.load(path)
    except TemplatekitError as error:
        return TemplatePreview(key, Path(key).stem, error=str(error))
    samples = dict(template.meta.variables)
    problems = lint_template(template, settings.for_path(path)).problems if settings is not None else ()
    try:
        built = template.build(require_subject=False)
    except TemplatekitError as error:
        return TemplatePreview(key, template.name, template.meta.type, variables=samples, problems=problems, error=str(error))
    return TemplatePreview(
        key, built.name, built.type, subject=_fill(built.subject, samples) if built.subject else None,
        summary=built.summary, html=_fill(built.html, samples, escape=True) if built.html is not None else None,
        raw_html=built.html, text=_fill(built.text_part, samples) if built.text_part is not None else None,
        variables=samples, problems=problems,
    )


def _fill(text: str, samples: dict[str, Any], escape: bool = False) -> str:
    """``text`` with each SES variable that has a sample value replaced by it, as SES does when sending."""

    def sample(match):
        value = samples.get(match.group(1))
        if value is None:
            return match.group(0)
        return html.escape(str(value)) if escape else str(value)

    return VARIABLE.sub(sample, text)


def _add_stat(digest, path: Path) -> None:
    try:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    except OSError:
        digest.update(f"{path}\0missing\n".encode("utf-8", "surrogateescape"))
