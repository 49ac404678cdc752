"""``templatekit.lock``: which SES template each local template became, and what was sent.

It maps each template name to its TemplateID, the sha256 of the HTML and text
submitted, when, and the last known review status. It is JSON with sorted keys
(stable diffs when committed) and is rewritten atomically after every
successful API call, so an interrupted run loses nothing and a rerun never
creates a template twice.

Commands that change it run one at a time per lock file (``guard``): two
submits at once would both create the same template, and a ``status`` saving
what it read before a ``submit`` recorded a new template would lose that entry.
"""
from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from .atomic import write_atomic
from .errors import TemplatekitError, UsageError

LOCK_NAME = "templatekit.lock"
# How long a command waits for another one using the same lock file.
GUARD_WAIT = 30.0
VERSION = 1
_FIELDS = {"id", "html_sha256", "text_sha256", "submitted_at", "status", "status_code", "review_reason"}


class LockError(TemplatekitError):
    """The lock file cannot be read or does not describe templates."""


class RegionMismatch(LockError, UsageError):
    """The lock file records another region than the one asked for (exit status 2)."""


@dataclass(frozen=True)
class LockEntry:
    id: int
    html_sha256: str | None = None
    text_sha256: str | None = None
    submitted_at: str | None = None  # ISO 8601, UTC
    status: str | None = None
    status_code: int | None = None
    review_reason: str | None = None

    def with_status(self, status: str, code: int | None, reason: str | None) -> "LockEntry":
        return replace(self, status=status, status_code=code, review_reason=reason or None)

    @property
    def has_content(self) -> bool:
        """Whether the hashes of what SES holds are recorded (``status`` adopts templates without them)."""
        return self.html_sha256 is not None or self.text_sha256 is not None

    def same_content(self, html_sha256: str | None, text_sha256: str | None) -> bool:
        return self.has_content and (self.html_sha256, self.text_sha256) == (html_sha256, text_sha256)


class Lock:
    """The lock file of one project; every change is written to disk at once."""

    def __init__(self, path: Path, region: str | None = None, entries: dict[str, LockEntry] | None = None):
        self.path = path
        self.region = region
        self.entries: dict[str, LockEntry] = dict(entries or {})

    @classmethod
    def load(cls, path: Path) -> "Lock":
        """The lock at ``path``; an empty one when the file does not exist yet."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except UnicodeDecodeError:
            raise LockError("not UTF-8 text; restore it from git", path) from None
        except OSError as error:
            raise LockError(f"cannot read: {error.strerror}", path) from None
        return cls(path, *_decode(text, path))

    def __contains__(self, name: str) -> bool:
        return name in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.entries))

    def get(self, name: str) -> LockEntry | None:
        return self.entries.get(name)

    def name_of(self, template_id: int) -> str | None:
        for name, entry in self.entries.items():
            if entry.id == template_id:
                return name
        return None

    def check_region(self, region: str) -> None:
        """Template IDs belong to one region: refuse to mix them up."""
        if self.region is not None and self.entries and self.region != region:
            raise RegionMismatch(
                f"records templates in region {self.region}, not {region}; pass --region {self.region} "
                f"or keep one lock file per region", self.path,
            )

    def record(self, name: str, entry: LockEntry, region: str | None = None) -> None:
        self.entries[name] = entry
        if region is not None:
            self.region = region
        self.save()

    def remove(self, name: str) -> None:
        if self.entries.pop(name, None) is not None:
            self.save()

    def save(self) -> None:
        document: dict[str, Any] = {
            "version": VERSION,
            "templates": {name: _encode(entry) for name, entry in self.entries.items()},
        }
        if self.region is not None:
            document["region"] = self.region
        write_atomic(self.path, json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


@contextlib.contextmanager
def guard(lock_path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold ``lock_path`` against other processes; waits ``wait`` seconds (GUARD_WAIT), then LockError.

    The lock is taken on the folder, not the file: the file is replaced on every
    save, and a lock on the old one would guard nothing.
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): one command at a time is up to the user
        yield
        return
    folder = lock_path.parent
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise LockError(f"cannot open its folder: {error.strerror}", lock_path) from None
    try:
        deadline = time.monotonic() + (GUARD_WAIT if wait is None else wait)
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockError(
                        "another templatekit command is using this lock file (submit, status, pull or delete); "
                        "try again when it has finished", lock_path,
                    ) from None
                time.sleep(0.1)
            except OSError:  # a file system without locks (some network mounts): go on unguarded
                break
        yield
    finally:
        os.close(handle)  # releases the lock


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def utc_time(seconds: float | None) -> str | None:
    """Seconds since the epoch (SES's CreatedTimestamp) as the lock writes times; None stays None."""
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not seconds:
        return None
    return datetime.fromtimestamp(seconds, timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _encode(entry: LockEntry) -> dict[str, Any]:
    return {key: value for key, value in asdict(entry).items() if value is not None}


def _decode(text: str, path: Path) -> tuple[str | None, dict[str, LockEntry]]:
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith(("<<<<<<<", ">>>>>>>")) or line.rstrip() == "=======":
            raise LockError(
                "has git merge conflict markers; resolve them (keep either side: "
                "`templatekit status` then refreshes the statuses)", path, number,
            )
    try:
        document = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as error:
        raise LockError(f"invalid JSON: {error.msg}", path, error.lineno) from None
    if not isinstance(document, dict):
        raise LockError("must be a JSON object", path, 1)
    version = document.get("version", VERSION)
    if version != VERSION:
        raise LockError(f"was written by another version of templatekit (lock version {version}, expected {VERSION})", path, 1)
    region = document.get("region")
    templates = document.get("templates", {})
    if not isinstance(templates, dict) or (region is not None and not isinstance(region, str)):
        raise LockError("'templates' must map template names to entries", path, 1)
    entries: dict[str, LockEntry] = {}
    for name, value in templates.items():
        line = _line_of(text, name)
        if not isinstance(value, dict) or not isinstance(value.get("id"), int) or isinstance(value.get("id"), bool):
            raise LockError(f"entry '{name}' must be an object with an integer 'id'", path, line)
        unknown = sorted(set(value) - _FIELDS)
        if unknown:
            raise LockError(f"entry '{name}' has unknown field '{unknown[0]}'", path, line)
        entries[name] = LockEntry(**value)
    return region, entries


def _line_of(text: str, name: str) -> int | None:
    needle = json.dumps(name, ensure_ascii=False) + ":"
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip().startswith(needle):
            return number
    return None
