"""A template project: its configuration, its templates folder, and what templates share.

The Jinja environment (with its compiled-template cache), the inliner and the
project data file are created once and shared by every template built.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .config import Config, load_config
from .errors import ConfigError, TemplateError
from .realpaths import RealPaths
from .source import KINDS

if TYPE_CHECKING:  # a warm lint loads no template
    from .template import Template


class Project:
    def __init__(self, config: Config):
        self.config = config
        self.templates_root = config.templates.resolve()
        self._environments: dict[Path, Any] = {}
        self._data: dict[str, Any] | None = None
        self._inliner = None
        self._roots: dict[Path, Path] = {}
        self.real_path = RealPaths()
        # Whether compiled Jinja templates are saved for the next run. Lint turns
        # it off: its own result cache makes them useless there, and writing a
        # thousand small files cost a fifth of a cold run.
        self.write_compiled = True

    def __getstate__(self) -> dict[str, Any]:
        # Worker processes get the configuration and rebuild what is shared.
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"])

    @classmethod
    def discover(cls, start: Path | str | None = None, config_file: Path | str | None = None) -> "Project":
        """The project whose configuration is found above ``start`` (default: the working directory)."""
        return cls(load_config(start, config_file))

    def load(self, path: Path | str, source: bytes | None = None) -> Template:
        """The template at ``path``; ``source``: its bytes, when the caller has read them."""
        from .template import load_template

        path = Path(path)
        return load_template(path, self, self.root_for(path), source)

    def root_for(self, path: Path) -> Path:
        """Jinja's root for a template: the templates folder, or the file's own folder outside it."""
        folder = path.parent
        if folder not in self._roots:  # one resolve per folder, not per template
            resolved = folder.resolve()
            self._roots[folder] = self.templates_root if resolved.is_relative_to(self.templates_root) else resolved
        return self._roots[folder]

    def environment(self, root: Path):
        if root not in self._environments:
            from .render import make_environment

            bytecode = None
            if self.config.cache is not None:
                from .bytecode_cache import SignedBytecodeCache

                bytecode = SignedBytecodeCache(self.config.cache / "jinja", writable=self.write_compiled)
            self._environments[root] = make_environment(root, bytecode)
        return self._environments[root]

    def inliner(self):
        if self._inliner is None:
            from .inliners import get_inliner

            self._inliner = get_inliner(self.config.inliner)
        return self._inliner

    def data(self) -> dict[str, Any]:
        """Build-time data from the project data file (``data = "data.yaml"``), read once."""
        if self._data is None:
            self._data = _read_data_file(self.config.data) if self.config.data else {}
        return self._data

    def find_templates(self, paths: Iterable[Path | str] | None = None) -> list[Path]:
        """Template files among ``paths`` (files or folders; default the templates folder), sorted.

        Files and folders whose name starts with ``_`` are partials and layouts,
        never templates of their own: naming one selects every template built
        from it, and naming the project data file selects every template. This is
        what a pre-commit hook needs when only a partial was staged.
        """
        found: dict[Path, None] = {}
        changed: list[Path] = []
        everything = False
        data_file = self.config.data.resolve() if self.config.data else None
        for given in list(paths or []) or [self.config.templates]:
            given = Path(given)
            if given.is_dir():
                found.update((path, None) for path in _walk(given))
            elif data_file is not None and given.resolve() == data_file:
                everything = True
            elif given.is_file() or given.suffix.lower() in KINDS:
                if not given.exists():
                    raise TemplateError("file not found", given)
                if self.is_partial(given):
                    changed.append(given)
                elif given.suffix.lower() in KINDS:
                    found[given] = None
                else:
                    raise TemplateError("not a template: expected .mjml, .html or .txt", given)
            else:
                raise TemplateError("no such file or folder", given)
        if (changed or everything) and self.templates_root.is_dir():
            from .dependencies import dependents

            candidates = sorted(_walk(self.templates_root))
            selected = candidates if everything else dependents(candidates, changed, self.templates_root)
            known = {path.resolve() for path in found}
            found.update((path, None) for path in selected if path.resolve() not in known)
        return sorted(found, key=lambda path: str(path))

    def is_partial(self, path: Path) -> bool:
        """A partial or layout: its name, or a folder's below the templates folder, starts with ``_``."""
        resolved = path.resolve()
        if resolved.is_relative_to(self.templates_root):
            return any(_is_partial(part) for part in resolved.relative_to(self.templates_root).parts)
        return _is_partial(path.name)


def _walk(folder: Path) -> Iterator[Path]:
    # scandir: its entries know whether they are folders, where a Path for
    # every entry and a stat of each took 11 ms a walk of 1,000 templates.
    with os.scandir(folder) as scan:
        entries = sorted((entry for entry in scan), key=lambda entry: entry.name)
    for entry in entries:
        name = entry.name
        if _is_partial(name) or name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        elif os.path.splitext(name)[1].lower() in KINDS:
            yield Path(entry.path)


def _is_partial(name: str) -> bool:
    return name.startswith("_")


def _read_data_file(path: Path) -> dict[str, Any]:
    from .frontmatter import parse_yaml
    from .source import read_setting_file

    text = read_setting_file(path, "data file")
    if path.suffix.lower() == ".json":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise ConfigError(f"invalid JSON: {error.msg}", path, error.lineno) from None
        if not isinstance(value, dict):
            raise ConfigError("the data file must hold a mapping of names to values", path, 1)
        return value
    try:
        return parse_yaml(text, path).values
    except TemplateError as error:
        raise ConfigError(error.message.replace("front matter", "the data file"), path, error.line) from None
