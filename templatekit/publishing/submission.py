"""Submitting templates for review: plan (create / update / unchanged), check, then call SES.

Templates with lint errors, that do not build, or that were changed in SES
since they were submitted (drift) are refused unless forced. Each successful
call is recorded in the lock file at once, so a rerun after any interruption
picks up where it stopped and creates nothing twice.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from ..building import iter_builds
from ..errors import TemplatekitError, display_path
from ..lockfile import LockEntry, now
from ..problem import ERROR
from ..providers import UNDER_REVIEW, Content, ProviderError, RemoteTemplate
from ..template import Built
from . import Workspace
from .hashing import content_hashes
from .selection import local_templates, require_local, select

CREATE, UPDATE, UNCHANGED, REFUSED, FAILED, SKIPPED = "create", "update", "unchanged", "refused", "failed", "not attempted"


@dataclass(frozen=True)
class Step:
    name: str
    action: str
    reason: str = ""
    path: Path | None = None
    built: Built | None = None
    template_id: int | None = None
    details: tuple[str, ...] = ()  # lint problems, build errors, API errors
    status: str | None = None


@dataclass
class SubmitReport:
    steps: list[Step]
    dry_run: bool = False

    def count(self, action: str) -> int:
        return sum(1 for step in self.steps if step.action == action)

    @property
    def exit_status(self) -> int:
        if self.count(FAILED) or self.count(SKIPPED):
            return 4
        return 1 if self.count(REFUSED) else 0


def submit(
    workspace: Workspace,
    args: Iterable[str] = (),
    *,
    force: bool = False,
    dry_run: bool = False,
    progress: Callable[[Step, int, int], None] | None = None,
) -> SubmitReport:
    """Build, lint and submit the named templates (default: all); see the module docstring."""
    project = workspace.project
    local = local_templates(project)
    selection = select(project, args, local)
    require_local(selection, local)
    if dry_run:
        return SubmitReport([_plan(step, workspace) for step in _checked(workspace, selection.paths, force)], dry_run=True)
    # Planned under the guard: a plan made from a lock another submit is changing creates duplicates.
    with workspace.exclusive():
        steps = [_plan(step, workspace) for step in _checked(workspace, selection.paths, force)]
        steps = _reconcile(workspace, steps, force)
        return SubmitReport(_execute(workspace, steps, progress))


def _checked(workspace: Workspace, paths: list[Path], force: bool) -> list[Step]:
    """Build each template and apply the lint gate."""
    from ..linter import lint_paths

    project = workspace.project
    if not paths:
        return []
    report = lint_paths(project, paths)
    own = {path.resolve() for path in paths}
    by_path: dict[Path, list[str]] = {}
    shared: list[str] = []
    for problem in report.problems:
        if problem.severity != ERROR:
            continue
        line = f"{display_path(problem.path)}:{problem.line}:{problem.column}: {problem.rule} {problem.message}"
        resolved = Path(problem.path).resolve()
        if resolved in own:
            by_path.setdefault(resolved, []).append(line)
        elif problem.rule != "build-error":  # a build error in a partial fails the build of its users below
            shared.append(line)
    steps = []
    for path in paths:
        result = next(iter(iter_builds(project, [path])))
        lint = tuple(by_path.get(path.resolve(), []) + shared)
        if isinstance(result, TemplatekitError):
            steps.append(Step(display_path(path), REFUSED, "does not build", path, details=lint or (str(result),)))
        elif lint and not force:
            count = len(lint)
            steps.append(Step(result.name, REFUSED, f"{count} lint error{'s' if count != 1 else ''} (--force submits anyway)", path, result, details=lint))
        else:
            steps.append(Step(result.name, "", "lint errors overridden by --force" if lint else "", path, result, details=lint))
    return steps


def _plan(step: Step, workspace: Workspace) -> Step:
    """create / update / unchanged, from the lock file alone."""
    if step.action:
        return step
    entry = workspace.lock.get(step.name)
    html, text = content_hashes(_content(step.built))
    forced = f"; {step.reason}" if step.reason else ""
    if entry is None:
        return replace(step, action=CREATE, reason=f"new template{forced}")
    if entry.same_content(html, text):
        return replace(step, action=UNCHANGED, reason="same HTML and text as submitted", template_id=entry.id, status=entry.status)
    if entry.text_sha256 is None:  # adopted by `status`: what SES holds is compared before updating
        return replace(step, action=UPDATE, template_id=entry.id,
                       reason=f"in SES without a record of its content; updated if it differs{forced}")
    changed = [part for part, old, new in (("HTML", entry.html_sha256, html), ("text", entry.text_sha256, text)) if old != new]
    return replace(
        step, action=UPDATE, template_id=entry.id,
        reason=f"{' and '.join(changed)} changed; updating sends it back to review{forced}",
    )


def _reconcile(workspace: Workspace, steps: list[Step], force: bool) -> list[Step]:
    """Check the plan against the account: adopt by name, recreate deleted ones, refuse drift."""
    provider, lock = workspace.provider, workspace.lock
    remote = provider.list_templates()
    by_id = {t.id: t for t in remote}
    by_name: dict[str, list[RemoteTemplate]] = {}
    for template in remote:
        by_name.setdefault(template.name, []).append(template)
    refreshed = False
    result = []
    for step in steps:
        if step.action not in (CREATE, UPDATE, UNCHANGED):
            result.append(step)
            continue
        entry = lock.get(step.name)
        known = by_id.get(entry.id) if entry else None
        if entry is not None and known is not None:
            if (entry.status, entry.review_reason) != (known.status, known.review_reason):
                lock.entries[step.name] = entry.with_status(known.status, known.status_code, known.review_reason)
                refreshed = True
            result.append(_check_drift(workspace, step, force))
            continue
        namesakes = by_name.get(step.name, [])
        if len(namesakes) > 1:
            ids = ", ".join(str(t.id) for t in sorted(namesakes, key=lambda t: t.id))
            result.append(replace(step, action=REFUSED, reason=f"{len(namesakes)} templates in SES are named '{step.name}' (IDs {ids}); delete the extra ones"))
        elif namesakes:
            result.append(_adopt(workspace, step, namesakes[0]))
        else:
            reason = f"template ID {entry.id} is no longer in SES (deleted in the console?)" if entry else step.reason
            result.append(replace(step, action=CREATE, reason=reason, template_id=None))
    if refreshed:
        lock.save()
    return result


def _adopt(workspace: Workspace, step: Step, remote: RemoteTemplate) -> Step:
    """A template of this name exists in SES but not in the lock: take it over rather than duplicate it."""
    found = workspace.provider.get_template(remote.id)
    html, text = content_hashes(found.content)
    workspace.lock.record(
        step.name,
        LockEntry(remote.id, html, text, None, remote.status, remote.status_code, remote.review_reason),
        workspace.settings.region,
    )
    if (html, text) == content_hashes(_content(step.built)):
        return replace(step, action=UNCHANGED, template_id=remote.id, status=remote.status,
                       reason=f"adopted template ID {remote.id} from SES; same content")
    return replace(step, action=UPDATE, template_id=remote.id,
                   reason=f"adopted template ID {remote.id} from SES; its content differs, updating sends it back to review")


def _check_drift(workspace: Workspace, step: Step, force: bool) -> Step:
    """Compare what SES holds with what was submitted, for updates and unchanged templates alike.

    The listing cannot tell that a template was edited in the console (it has no
    modification time, and a later review erases the status change an edit
    causes), so every template in the lock is read back: one GetEmailTemplate each.
    """
    entry = workspace.lock.get(step.name)
    found = workspace.provider.get_template(entry.id)
    remote = content_hashes(found.content)
    local = content_hashes(_content(step.built))
    if remote == local:  # unchanged, or someone already submitted exactly this
        if step.action == UNCHANGED:
            return replace(step, status=found.status)
        workspace.lock.record(step.name, replace(entry, html_sha256=local[0], text_sha256=local[1]), workspace.settings.region)
        return replace(step, action=UNCHANGED, reason="SES already has this content", status=found.status)
    drifted = entry.text_sha256 is not None and remote != (entry.html_sha256, entry.text_sha256)
    if drifted and not force:
        return replace(step, action=REFUSED, status=found.status, reason=(
            f"changed in SES since it was submitted (edited in the console?); "
            f"see `templatekit diff {step.name}`, then --force to overwrite"
        ))
    if drifted and step.action == UNCHANGED:
        return replace(step, action=UPDATE, reason=(
            "changed in SES since it was submitted; overwrites it with the local build (--force), "
            "which sends it back to review"
        ))
    return replace(step, reason=step.reason + "; overwrites the changes made in SES (--force)") if drifted else step


def _execute(workspace: Workspace, steps: list[Step], progress: Callable[[Step, int, int], None] | None) -> list[Step]:
    provider, lock, region = workspace.provider, workspace.lock, workspace.settings.region
    done: list[Step] = []
    stop: ProviderError | None = None
    for index, step in enumerate(steps, 1):
        if step.action in (CREATE, UPDATE) and stop is not None:
            step = replace(step, action=SKIPPED, reason="stopped after an earlier error")
        elif step.action in (CREATE, UPDATE):
            content = _content(step.built)
            html, text = content_hashes(content)
            try:
                if step.action == CREATE:
                    template_id = provider.create_template(step.name, content)
                else:
                    template_id = step.template_id
                    provider.update_template(template_id, step.name, content)
            except ProviderError as error:
                if error.transient or (error.code or "").startswith(("AuthFailure", "UnauthorizedOperation")):
                    stop = error  # every later call would fail the same way
                step = replace(step, action=FAILED, details=(str(error),))
            else:
                lock.record(step.name, LockEntry(template_id, html, text, now(), UNDER_REVIEW, 1, None), region)
                step = replace(step, template_id=template_id, status=UNDER_REVIEW)
        done.append(step)
        if progress is not None:
            progress(step, index, len(steps))
    return done


def _content(built: Built) -> Content:
    # Text-only templates send only Text; HTML templates send both parts.
    return Content(html=built.html, text=built.text)
