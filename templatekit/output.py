"""Writing built templates: ``NAME.html``, ``NAME.txt`` and ``manifest.json`` in the output folder.

Every file is written atomically, and a template's files are written only once
the whole template has built, so a failure never leaves half an output behind.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .errors import OutputError
from .template import Built

MANIFEST = "manifest.json"


def write_built(built: Built, out: Path) -> list[Path]:
    """Write one template's outputs; returns the files written."""
    written: list[Path] = []
    html_path = out / f"{built.name}.html"
    if built.html is not None:
        _write(html_path, built.html)
        written.append(html_path)
    elif html_path.exists():
        _remove(html_path)  # the template became text-only: a stale HTML part would be submitted
    text_path = out / f"{built.name}.txt"
    _write(text_path, built.text)
    written.append(text_path)
    return written


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", _failed_path(error, path)) from None


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as error:
        raise OutputError(f"cannot remove: {error.strerror or error}", path) from None


def _failed_path(error: OSError, path: Path) -> Path:
    # The folder that could not be made ("dist" is a file) says more than the file inside it.
    return Path(error.filename) if error.filename else path


def manifest_entry(built: Built, base: Path) -> dict[str, Any]:
    return {
        "type": built.type,
        "subject": built.subject,
        "summary": built.summary,
        "business": built.business,
        "variables": built.variables,
        "source": source_of(built.source, base),
        "html": f"{built.name}.html" if built.html is not None else None,
        "text": f"{built.name}.txt",
        "html_sha256": built.html_sha256,
        "text_sha256": built.text_sha256,
    }


def source_of(path: Path, base: Path) -> str:
    """How the manifest names a template's source: relative to the project when below it."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)


def write_manifest(
    entries: dict[str, dict[str, Any]], out: Path, *, complete: bool = False, keep_sources: frozenset[str] = frozenset(),
) -> tuple[Path, list[Path]]:
    """Write the manifest; returns its path and the stale output files removed.

    A partial build merges ``entries`` into the previous manifest, dropping entries
    whose files are gone. A ``complete`` build lists exactly the templates there
    are: previous entries are kept only for the templates in ``keep_sources`` (they
    failed to build this time, and their last output stands), and the files the
    dropped entries recorded are removed. Nothing the manifest did not record is
    ever touched.
    """
    path = out / MANIFEST
    merged: dict[str, Any] = {}
    dropped: list[dict[str, Any]] = []
    for name, entry in _previous_entries(path).items():
        if complete and entry.get("source") not in keep_sources and name not in entries:
            dropped.append(entry)
        elif (out / str(entry.get("text", ""))).is_file():
            merged[name] = entry
    merged.update(entries)
    document = {"version": 1, "templates": merged}
    _write(path, json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    in_use = {name for entry in merged.values() for name in _recorded_files(entry)}
    removed = []
    for entry in dropped:
        for name in _recorded_files(entry):
            stale = out / name
            if name not in in_use and stale.is_file():
                _remove(stale)
                removed.append(stale)
    return path, removed


def _previous_entries(path: Path) -> dict[str, dict[str, Any]]:
    try:
        previous = json.loads(path.read_text(encoding="utf-8")).get("templates", {})
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(previous, dict):
        return {}
    return {str(name): entry for name, entry in previous.items() if isinstance(entry, dict)}


def _recorded_files(entry: dict[str, Any]) -> list[str]:
    # Only plain file names the build itself writes: a hand-edited manifest must
    # not be able to delete anything outside the output folder, nor the manifest.
    names = [entry.get("html"), entry.get("text")]
    return [
        name for name in names
        if isinstance(name, str) and name.endswith((".html", ".txt")) and "/" not in name and "\\" not in name
        and not name.startswith(".")
    ]
