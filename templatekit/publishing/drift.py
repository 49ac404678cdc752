"""Local build vs content in SES vs lock file: catching edits made in the console (drift).

The lock holds the hash of what was submitted. SES content that no longer
matches it was changed outside templatekit, and ``submit`` will not overwrite
it without ``--force``.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from ..building import iter_builds
from ..errors import TemplatekitError, display_path
from ..providers import Content, RemoteTemplate
from . import Workspace
from .hashing import content_hashes
from .selection import local_templates, require_local, select

IN_SYNC = "in sync"
LOCAL_CHANGES = "local changes"
DRIFTED = "drifted"
DRIFTED_AND_CHANGED = "drifted, local changes"
NOT_SUBMITTED = "not submitted"
NOT_LOCKED = "not in lock"
MISSING = "missing in SES"
BROKEN = "does not build"

EXPLANATIONS = {
    IN_SYNC: "the local build, SES and the lock agree",
    LOCAL_CHANGES: "changed here since it was submitted; submit updates it",
    DRIFTED: "changed in SES since it was submitted (edited in the console?); submit refuses to overwrite it without --force",
    DRIFTED_AND_CHANGED: "changed both here and in SES; submit refuses to overwrite it without --force",
    NOT_SUBMITTED: "not in SES yet; submit creates it",
    NOT_LOCKED: "in SES under this name but not in the lock; submit adopts it",
    MISSING: "in the lock, but gone from SES (deleted in the console?); submit creates it again",
    BROKEN: "the local template does not build",
}


@dataclass(frozen=True)
class Drift:
    name: str
    state: str
    id: int | None = None
    local: Content | None = None
    remote: Content | None = None
    error: str | None = None

    @property
    def in_sync(self) -> bool:
        return self.state == IN_SYNC


def compare(workspace: Workspace, args: Iterable[str] = ()) -> list[Drift]:
    """One ``Drift`` per named local template (default: all)."""
    project, lock = workspace.project, workspace.lock
    local = local_templates(project)
    selection = select(project, args, local)
    require_local(selection, local)
    newest: dict[str, RemoteTemplate] = {}
    remote_ids = set()
    for template in sorted(workspace.provider.list_templates(), key=lambda t: t.id):
        newest[template.name] = template
        remote_ids.add(template.id)
    results = []
    for path in selection.paths:
        built = next(iter(iter_builds(project, [path])))
        if isinstance(built, TemplatekitError):
            results.append(Drift(local.name_of(path) or display_path(path), BROKEN, error=str(built)))
            continue
        mine = Content(built.html, built.text)
        entry = lock.get(built.name)
        if entry is None or entry.id not in remote_ids:
            namesake = newest.get(built.name)
            if namesake is None:
                results.append(Drift(built.name, MISSING if entry else NOT_SUBMITTED, entry.id if entry else None, mine))
            else:
                theirs = workspace.provider.get_template(namesake.id).content
                results.append(Drift(built.name, NOT_LOCKED, namesake.id, mine, theirs))
            continue
        theirs = workspace.provider.get_template(entry.id).content
        submitted = (entry.html_sha256, entry.text_sha256)
        drifted = entry.text_sha256 is not None and content_hashes(theirs) != submitted
        changed = content_hashes(mine) != submitted if entry.text_sha256 is not None else content_hashes(mine) != content_hashes(theirs)
        state = DRIFTED_AND_CHANGED if drifted and changed else DRIFTED if drifted else LOCAL_CHANGES if changed else IN_SYNC
        if drifted and content_hashes(mine) == content_hashes(theirs):
            state = IN_SYNC  # SES was changed to exactly what is here
        results.append(Drift(built.name, state, entry.id, mine, theirs))
    return results


def unified(drift: Drift) -> str:
    """The differences from SES's content to the local build, as a unified diff."""
    if drift.local is None or drift.remote is None:
        return ""
    chunks = []
    for part, suffix in (("html", "html"), ("text", "txt")):
        theirs = getattr(drift.remote, part) or ""
        mine = getattr(drift.local, part) or ""
        if theirs == mine:
            continue
        chunks.extend(difflib.unified_diff(
            theirs.splitlines(keepends=True), mine.splitlines(keepends=True),
            fromfile=f"ses/{drift.name}.{suffix}", tofile=f"local/{drift.name}.{suffix}",
        ))
        if chunks and not chunks[-1].endswith("\n"):
            chunks[-1] += "\n"
    return "".join(chunks)
