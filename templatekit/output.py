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
    try:
        source = built.source.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        source = str(built.source)
    return {
        "type": built.type,
        "subject": built.subject,
        "summary": built.summary,
        "business": built.business,
        "variables": built.variables,
        "source": source,
        "html": f"{built.name}.html" if built.html is not None else None,
        "text": f"{built.name}.txt",
        "html_sha256": built.html_sha256,
        "text_sha256": built.text_sha256,
    }


def write_manifest(entries: dict[str, dict[str, Any]], out: Path) -> Path:
    """Merge ``entries`` into the manifest, dropping entries whose files are gone."""
    path = out / MANIFEST
    merged: dict[str, Any] = {}
    try:
        previous = json.loads(path.read_text(encoding="utf-8")).get("templates", {})
    except (OSError, ValueError, AttributeError):
        previous = {}
    if isinstance(previous, dict):
        for name, entry in previous.items():
            if isinstance(entry, dict) and (out / str(entry.get("text", ""))).is_file():
                merged[name] = entry
    merged.update(entries)
    document = {"version": 1, "templates": merged}
    _write(path, json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return path

