"""The lint cache: each template's problems, keyed by a hash of all they depend on.

Stored in ``.templatekit_cache/lint.json`` (``cache`` in the configuration; safe
to delete). A template's key covers its file, the partials and layouts it is
built from, the configuration file, the rules in force (packs and lexicons), the
project data file, the working directory, and the versions of templatekit and of
the libraries that compile and parse; change any and the template is checked
again. The file is signed (``signing.py``) and ignored if the signature fails.
"""
from __future__ import annotations

import dataclasses
import os
import functools
import hashlib
import json
from pathlib import Path
from typing import Any, Callable

from .atomic import write_atomic
from .realpaths import RealPaths
from .signing import read_signed, signed
from .source import read_bytes

SCHEMA = 4  # 4: sizes measured on the inlined HTML (3 could miss a clip); 3: keys cover missing referenced files
# The libraries that compile, inline, parse and match: a new version may change results.
_LIBRARIES = ("mjml", "css_inline", "lxml", "jinja2", "yaml", "ahocorasick_rs")


class LintCache:
    def __init__(self, folder: Path, fingerprint: bytes):
        self.file = folder / "lint.json"
        self.fingerprint = fingerprint
        self.entries: dict[str, dict[str, Any]] = self._read()
        self.changed = False
        self._digests: dict[str, bytes] = {}  # by path as given
        self._fresh: dict[str, tuple[str, list[str] | None]] = {}
        self._absolute: dict[str, dict[str, Any]] | None = None
        # Each template and its root resolved for its includes: the root's folders once a run, not each time.
        self._real_path = RealPaths()

    def key(self, path: Path, root_for: Callable[[Path], Path], source: bytes | None = None) -> str | None:
        """The template's key, or None when it cannot be read (lint will report why).

        ``root_for`` gives Jinja's root for the template, needed only when its
        includes must be found again. ``source``: the template's bytes, when the
        caller has read them to lint them (the key is then that of what was linted).
        """
        if source is None:
            own = self._digest(path)
            if own is None:
                return None
        else:
            own = self._digests[os.fspath(path)] = hashlib.sha256(source).digest()
        entry = self.entries.get(str(path))
        if entry is not None and entry.get("own") == own.hex() and isinstance(entry.get("files"), list):
            # The files it was built from last time: if none changed, neither did the
            # list (a new include means a changed file). Saves re-scanning every
            # template on a warm run.
            key = self._key(path, own, entry["files"])
            if key == entry.get("key"):
                return key
        from .dependencies import Unknowable, referenced_files

        root = root_for(path)
        try:
            files = referenced_files(path, root, self._real_path.text, source)
            remembered: list[str] | None = files
        except Unknowable:  # an include named at render time: any file, even a new one, may be used
            files = sorted(str(p) for p in root.rglob("*") if p.is_file() and p.resolve() != path.resolve())
            remembered = None
        key = self._key(path, own, files)
        self._fresh[key] = (own.hex(), remembered)
        return key

    def _key(self, path: Path, own: bytes, files: list[str]) -> str:
        digest = hashlib.sha256(self.fingerprint)
        digest.update(str(path).encode("utf-8", "surrogateescape"))
        digest.update(own)
        for file in files:
            digest.update(file.encode("utf-8", "surrogateescape"))
            digest.update(self._digest(file) or b"unreadable")
        return digest.hexdigest()

    def get(self, path: Path, key: str):
        entry = self.entries.get(str(path))
        if entry is None or entry.get("key") != key:
            return None
        try:
            return _result_from_json(entry["result"], path)
        except (KeyError, TypeError, ValueError):
            return None

    def summary(self, path: Path):
        """What repository-wide rules need from a template unchanged since its last lint, or None.

        It depends on the template's own file alone (its front matter and
        file-wide suppressions), so an unchanged file is enough: a one-file lint
        compares it with every other template without loading them.
        """
        entry = self.entries.get(str(path)) or self._by_absolute().get(os.path.abspath(path))
        if entry is None or entry.get("own") is None:
            return None
        own = self._digest(path)
        if own is None or own.hex() != entry["own"]:
            return None
        try:
            summary = entry["result"]["summary"]
            return None if summary is None else _summary_from_json(summary, path)
        except (KeyError, TypeError, ValueError):
            return None

    def _by_absolute(self) -> dict[str, dict[str, Any]]:
        # `lint templates` keeps relative paths, while a one-file lint compares with
        # the templates folder's absolute ones: without this, each of the others was
        # read and parsed again (0.15 s of a one-file lint of 1,000 templates). A
        # summary depends on the file's name and bytes alone, and the bytes are
        # compared, so the same file under another spelling is as good.
        if self._absolute is None:
            self._absolute = {}
            for name, entry in self.entries.items():
                self._absolute.setdefault(os.path.abspath(name), entry)
        return self._absolute

    def remembered(self, key: str) -> tuple[str, list[str] | None] | None:
        """What ``key`` found out about the template's files, to carry from a worker process."""
        return self._fresh.get(key)

    def remember(self, key: str, found: tuple[str, list[str] | None] | None) -> None:
        if found is not None:
            self._fresh[key] = found

    def put(self, path: Path, key: str, result) -> None:
        own, files = self._fresh.get(key, (None, None))
        self.entries[str(path)] = {"key": key, "own": own, "files": files, "result": _result_to_json(result)}
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        from . import __version__

        body = json.dumps(
            {"schema": SCHEMA, "version": __version__, "entries": self.entries}, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
        write_signed(self.file, body)

    def _read(self) -> dict[str, dict[str, Any]]:
        body = read_signed(self.file)
        if body is None:
            return {}
        try:
            data = json.loads(body)
        except ValueError:
            return {}
        from . import __version__

        # Another version may read a template differently: none of its entries is
        # reused, not even the summaries that skip the key (``summary()``).
        if not isinstance(data, dict) or (data.get("schema"), data.get("version")) != (SCHEMA, __version__):
            return {}
        if not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    def _digest(self, path: Path | str) -> bytes | None:
        name = os.fspath(path)
        if name not in self._digests:
            try:
                self._digests[name] = hashlib.sha256(read_bytes(name)).digest()
            except OSError:
                return None
        return self._digests[name]


def write_signed(file: Path, payload: bytes) -> None:
    """Write ``payload`` signed (``signing.py``) into the cache folder, which is created if need be.

    Nothing is written without a signing key, and a folder that cannot be written
    (a read-only checkout) only means the work is done again next time.
    """
    content = signed(payload)
    if content is None:
        return
    try:
        prepare_folder(file.parent)
        write_atomic(file, content, durable=False)
    except OSError:
        pass


def prepare_folder(folder: Path) -> None:
    """Create the cache folder with a .gitignore, so it is never committed by accident."""
    folder.mkdir(parents=True, exist_ok=True)
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        write_atomic(gitignore, "# templatekit's cache: safe to delete, never commit\n*\n", durable=False)


def fingerprint(project, settings) -> bytes:
    """What every template's result depends on besides its own files."""
    from pathlib import Path as _Path

    from . import __version__

    digest = hashlib.sha256(f"templatekit {__version__} schema {SCHEMA}".encode())
    for module in _LIBRARIES:
        digest.update(_installed(module).encode("utf-8", "surrogateescape"))
    digest.update(str(_Path.cwd()).encode("utf-8", "surrogateescape"))
    config = project.config
    for file in (config.path, config.data):
        if file is not None:
            try:
                digest.update(file.read_bytes())
            except OSError:
                digest.update(b"unreadable")
    rules = [
        (r.id, r.kind, r.severity, r.message, r.options, r.types, r.sources) for r in settings.catalog.values()
    ]
    layers = [dataclasses.asdict(settings.base)] + [(globs, dataclasses.asdict(layer)) for globs, layer in settings.overrides]
    digest.update(json.dumps([rules, layers], sort_keys=True, default=repr).encode("utf-8"))
    return digest.digest()


def _installed(module: str) -> str:
    """Where a library is installed and when: it changes with every new version installed.

    Found without importing it; importlib.metadata took 20 ms, a tenth of a warm run.
    """
    from importlib.util import find_spec

    try:
        spec = find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return f"{module} absent"
    try:
        stat = os.stat(spec.origin)
    except OSError:
        return f"{module} {spec.origin}"
    return f"{module} {spec.origin} {stat.st_size} {stat.st_mtime_ns}"


def _result_to_json(result) -> dict[str, Any]:
    summary = result.summary
    return {
        "path": str(result.path),
        "problems": [[str(p.path), p.line, p.column, p.rule, p.severity, p.message] for p in result.problems],
        "summary": None if summary is None else {
            "path": str(summary.path), "name": summary.name, "fields": summary.fields,
            "lines": summary.lines, "suppressed": sorted(summary.suppressed),
        },
        "suppressed": result.suppressed,
        "used_in_partials": sorted(result.used_in_partials),
    }


@functools.lru_cache(maxsize=4096)
def _path(text: str) -> Path:
    return Path(text)


@functools.cache
def _classes():
    # Imported once: an import statement in _result_from_json ran for every cached template.
    from .linter import TemplateResult
    from .problem import Problem
    from .repository import Summary

    return TemplateResult, Problem, Summary


def _result_from_json(data: dict[str, Any], known: Path | None = None):
    """The result stored as ``data``; ``known``: the template's path as the caller has it, reused where it is the one stored.

    Building a Path again for each template's own name took 7 ms of a warm run of 1,000 templates (121 ms).
    """
    TemplateResult, Problem, _ = _classes()
    known_text = str(known) if known is not None else None

    def path_of(text: str) -> Path:
        return known if text == known_text else _path(text)

    summary = data["summary"]
    return TemplateResult(
        path=path_of(data["path"]),
        problems=tuple(Problem(path_of(p[0]), int(p[1]), int(p[2]), str(p[3]), str(p[4]), str(p[5])) for p in data["problems"]),
        summary=None if summary is None else _summary_from_json(summary, path_of(summary["path"])),
        suppressed=int(data["suppressed"]),
        used_in_partials=frozenset((str(f), int(line), str(rule)) for f, line, rule in data.get("used_in_partials", ())),
    )


def _summary_from_json(summary: dict[str, Any], path: Path | None = None):
    Summary = _classes()[2]
    return Summary(
        path if path is not None else _path(summary["path"]), summary["name"], summary["fields"], summary["lines"],
        frozenset(summary["suppressed"]),
    )
