"""Project configuration: ``[tool.templatekit]`` in pyproject.toml, or templatekit.toml.

Found by walking up from the working directory (or from a template's folder).
Decoding is strict: an unknown key is an error naming the key and the file.
Paths in the file are relative to the folder holding it.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

INLINERS = ("css-inline", "premailer", "none")

# Top-level keys and what each must be. Sub-tables (lint, ses) belong to the
# features that read them; they validate their own keys just as strictly.
_KEYS: dict[str, type | tuple[type, ...]] = {
    "templates": str,
    "out": str,
    "data": str,
    "inliner": str,
    "remote_fonts": bool,
    "jobs": int,
    "cache": (str, bool),
    "lint": dict,
    "ses": dict,
}


@dataclass(frozen=True)
class Config:
    root: Path
    path: Path | None = None
    templates: Path = Path("templates")
    out: Path = Path("dist")
    data: Path | None = None
    inliner: str = "css-inline"
    remote_fonts: bool = False
    jobs: int = 0
    cache: Path | None = None
    lint: dict[str, Any] = field(default_factory=dict)
    ses: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> Path:
        """What to name in error messages about a setting."""
        return self.path or self.root


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest templatekit.toml, or pyproject.toml with a [tool.templatekit] table."""
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        own = folder / "templatekit.toml"
        if own.is_file():
            return own, _read_toml(own)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("templatekit")
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError("[tool.templatekit] must be a table", pyproject)
                return pyproject, table
    return None


def load_config(start: Path | str | None = None, path: Path | str | None = None) -> Config:
    """Configuration for the project around ``start`` (default: the working directory).

    ``path`` names a configuration file explicitly (``--config``).
    """
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise ConfigError("configuration file not found", path)
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("templatekit", {})
        found: tuple[Path, dict[str, Any]] | None = (path, data)
    else:
        found = find_config_file(Path(start) if start is not None else Path.cwd())
    if found is None:
        root = Path(start).resolve() if start is not None else Path.cwd().resolve()
        if root.is_file():
            root = root.parent
        return Config(root=root, templates=root / "templates", out=root / "dist", cache=root / ".templatekit_cache")
    file, table = found
    return _decode(file.resolve(), table)


def _decode(file: Path, table: dict[str, Any]) -> Config:
    root = file.parent
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"unknown key '{key}' in [tool.templatekit]{did_you_mean(key, _KEYS)}", file, _key_line(file, key))
        expected = _KEYS[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            raise ConfigError(f"'{key}' must be a {names}", file, _key_line(file, key))
    inliner = table.get("inliner", "css-inline")
    if inliner not in INLINERS:
        raise ConfigError(f"inliner must be one of {', '.join(INLINERS)}, not '{inliner}'", file, _key_line(file, "inliner"))
    if table.get("jobs", 0) < 0:
        raise ConfigError("'jobs' must be 0 (one per core) or more", file, _key_line(file, "jobs"))
    cache = table.get("cache", True)
    return Config(
        root=root,
        path=file,
        templates=root / table.get("templates", "templates"),
        out=root / table.get("out", "dist"),
        data=root / table["data"] if "data" in table else None,
        inliner=inliner,
        remote_fonts=table.get("remote_fonts", False),
        jobs=table.get("jobs", 0),
        cache=None if cache is False else root / (".templatekit_cache" if cache is True else cache),
        lint=table.get("lint", {}),
        ses=table.get("ses", {}),
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigError(f"invalid TOML: {message}", path, int(match.group(1)) if match else None) from None
    except OSError as error:
        raise ConfigError(f"cannot read: {error.strerror}", path) from None


def _key_line(file: Path, key: str) -> int | None:
    """Best-effort line of ``key = ...`` for error messages."""
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=|^\s*\[.*\b{re.escape(key)}\]")
    for number, line in enumerate(lines, 1):
        if pattern.match(line):
            return number
    return None

