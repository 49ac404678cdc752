"""Deleting templates from SES, and from the lock file with them."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import TemplateError
from ..providers import ProviderError, RemoteTemplate
from . import Workspace


@dataclass(frozen=True)
class Target:
    name: str
    id: int
    status: str | None


def find_targets(workspace: Workspace, names: list[str]) -> list[Target]:
    """The SES template behind each name: the lock's ID, else the newest template of that name."""
    with workspace.exclusive():  # the lock as it is now, not as it was when the workspace was opened
        return _find_targets(workspace, names)


def _find_targets(workspace: Workspace, names: list[str]) -> list[Target]:
    listed = workspace.provider.list_templates()
    by_id = {t.id: t for t in listed}
    newest: dict[str, RemoteTemplate] = {}
    for template in sorted(listed, key=lambda t: t.id):
        newest[template.name] = template
    targets = []
    for name in names:
        entry = workspace.lock.get(name)
        found = by_id.get(entry.id) if entry else None
        found = found or newest.get(name)
        if found is None:
            if entry is not None:  # already gone from SES: only the lock entry is left
                targets.append(Target(name, entry.id, None))
                continue
            raise TemplateError(f"no template named '{name}' in SES or in the lock file")
        targets.append(Target(name, found.id, found.status))
    return targets


def delete(workspace: Workspace, target: Target) -> str:
    """Delete one template; returns what happened, for the user."""
    with workspace.exclusive():
        return _delete(workspace, target)


def _delete(workspace: Workspace, target: Target) -> str:
    if target.status is not None:
        try:
            workspace.provider.delete_template(target.id)
        except ProviderError as error:
            if error.code != "InvalidParameterValue.TemplateNotExist":
                raise
    if target.name in workspace.lock:
        workspace.lock.remove(target.name)
    if target.status is None:
        return f"removed {target.name} (ID {target.id}) from the lock; it was already gone from SES"
    return f"deleted {target.name} (ID {target.id})"
