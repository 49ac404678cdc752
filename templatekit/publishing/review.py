"""Where each review stands, and waiting for reviews to finish.

ListEmailTemplates is the only action that returns the reviewer's reason, so
status pages through it (100 at a time) and records what it learns in the lock.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable

from ..lockfile import LockEntry, utc_time
from ..providers import APPROVED, REJECTED, UNAVAILABLE, UNDER_REVIEW, RemoteTemplate
from . import Workspace
from .selection import local_templates, select

NOT_SUBMITTED = "not submitted"
MISSING = "missing"  # in the lock, gone from SES
NOT_FOUND = "not found"  # named by the user, neither local nor in SES

EXIT_APPROVED, EXIT_NEEDS_ACTION, EXIT_UNDER_REVIEW = 0, 1, 3
# A review takes about one business day; one submitted on a Friday evening is
# reviewed on Monday.
DEFAULT_TIMEOUT = 3 * 86400.0
FIRST_INTERVAL, MAX_INTERVAL = 30.0, 600.0


@dataclass(frozen=True)
class Row:
    name: str
    id: int | None
    status: str
    status_code: int | None = None
    review_reason: str | None = None
    age: float | None = None  # seconds since submission
    local: bool = False

    def as_json(self) -> dict:
        return {
            "name": self.name, "id": self.id, "status": self.status, "status_code": self.status_code,
            "review_reason": self.review_reason, "age_seconds": None if self.age is None else int(self.age),
            "local": self.local,
        }


def refresh(workspace: Workspace, args: Iterable[str] = (), *, every: bool = False, clock: Callable[[], float] = time.time) -> list[Row]:
    """The review status of the named templates (default: the project's), recorded in the lock."""
    with workspace.exclusive():
        return _refresh(workspace, args, every, clock)


def _refresh(workspace: Workspace, args: Iterable[str], every: bool, clock: Callable[[], float]) -> list[Row]:
    lock, project = workspace.lock, workspace.project
    local = local_templates(project)
    args = list(args)
    names = select(project, args, local).names if args else sorted(set(local.by_name) | set(lock.entries))
    remote = workspace.provider.list_templates()
    by_id = {t.id: t for t in remote}
    newest: dict[str, RemoteTemplate] = {}
    for template in sorted(remote, key=lambda t: t.id):
        newest[template.name] = template
    if every:
        names = list(dict.fromkeys([*names, *sorted(newest)]))
    rows = []
    changed = False
    for name in names:
        entry = lock.get(name)
        found = by_id.get(entry.id) if entry else None
        if found is None and name in newest:
            found = newest[name]
            if entry is not None or name in local.by_name:  # adopt: no lock entry yet, or a stale ID
                entry = LockEntry(found.id, submitted_at=utc_time(found.created)) if entry is None or entry.id != found.id else entry
        if found is None:
            status = MISSING if entry else NOT_SUBMITTED if name in local.by_name else NOT_FOUND
            rows.append(Row(name, entry.id if entry else None, status, local=name in local.by_name))
            continue
        if entry is not None:
            updated = entry.with_status(found.status, found.status_code, found.review_reason)
            if lock.get(name) != updated:
                lock.entries[name] = updated
                changed = True
        since = _since(entry.submitted_at if entry else None, found.created)
        rows.append(Row(name, found.id, found.status, found.status_code, found.review_reason,
                        None if since is None else clock() - since, name in local.by_name))
    if changed:
        lock.region = workspace.settings.region
        lock.save()
    return rows


def exit_status(rows: list[Row]) -> int:
    """0 all approved; 1 any rejected, unavailable, missing or never submitted; 3 some still under review."""
    if any(row.status not in (APPROVED, UNDER_REVIEW) for row in rows):
        return EXIT_NEEDS_ACTION
    if any(row.status == UNDER_REVIEW for row in rows):
        return EXIT_UNDER_REVIEW
    return EXIT_APPROVED


def wait(
    workspace: Workspace,
    args: Iterable[str] = (),
    *,
    timeout: float = DEFAULT_TIMEOUT,
    interval: float = FIRST_INTERVAL,
    every: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    on_poll: Callable[[list[Row], float], None] | None = None,
) -> tuple[list[Row], bool]:
    """Poll, backing off, until nothing is under review; returns the rows and whether time ran out."""
    args = list(args)
    start = clock()
    while True:
        rows = refresh(workspace, args, every=every)
        pending = [row for row in rows if row.status == UNDER_REVIEW]
        remaining = timeout - (clock() - start)
        if not pending:
            return rows, False
        if remaining <= 0:
            return rows, True
        pause = min(interval, remaining)
        if on_poll is not None:
            on_poll(rows, pause)
        sleep(pause)
        interval = min(interval * 1.5, MAX_INTERVAL)


def _since(submitted_at: str | None, created: int | None) -> float | None:
    if submitted_at:
        try:
            return datetime.fromisoformat(submitted_at.replace("Z", "+00:00")).timestamp()
        except ValueError:
            pass
    return float(created) if isinstance(created, (int, float)) else None


__all__ = ["Row", "refresh", "wait", "exit_status", "APPROVED", "REJECTED", "UNAVAILABLE", "UNDER_REVIEW"]
