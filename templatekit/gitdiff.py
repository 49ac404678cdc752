"""Which files changed since a git ref, for ``--changed-since``: real ``git``, merge-base semantics.

"Changed since REF" means changed since the merge base of REF and HEAD, the
commit where the current branch left REF: the same files a pull request shows
(``git diff --name-only REF...HEAD``), plus uncommitted changes and untracked
files, so a developer gets the same answer before committing as CI after.
Commits made on REF after the branch left it do not count.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError


class GitError(UsageError):
    """git cannot answer: not a repository, an unknown ref, no merge base."""


@dataclass(frozen=True)
class Changes:
    """Files changed since ``ref``'s merge base with HEAD, as absolute paths."""

    ref: str
    base: str  # the merge base commit
    changed: tuple[Path, ...]  # added, modified or untracked; they exist now
    deleted: tuple[Path, ...]


def changes_since(ref: str, cwd: Path | str | None = None) -> Changes:
    """The files that differ between the merge base of ``ref`` and HEAD, and the working tree."""
    cwd = Path(cwd or Path.cwd())
    if not ref or ref.startswith("-"):
        raise GitError(f"--changed-since: '{ref}' is not a git ref")
    top = _git(["rev-parse", "--show-toplevel"], cwd, lambda _: f"--changed-since: {cwd} is not in a git repository")
    top_path = Path(top.strip())
    _git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top_path,
        lambda _: f"--changed-since: unknown git ref '{ref}'{_fetch_hint()}",
    )
    base = _git(["merge-base", ref, "HEAD"], top_path, lambda _: _no_base_message(ref, top_path)).strip()
    status = _git(["diff", "--name-status", "--no-renames", "--no-ext-diff", "-z", base, "--"], top_path, _failed)
    changed: list[Path] = []
    deleted: list[Path] = []
    fields = status.split("\0")
    for letter, name in zip(fields[0::2], fields[1::2]):
        (deleted if letter.startswith("D") else changed).append(top_path / name)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top_path, _failed)
    changed.extend(top_path / name for name in untracked.split("\0") if name)
    return Changes(ref, base, tuple(dict.fromkeys(changed)), tuple(deleted))


def top_level(cwd: Path) -> Path | None:
    """The root of the git repository around ``cwd``; None outside one, or without git."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd, _failed).strip()).resolve()
    except GitError:
        return None


def staged_deletions(cwd: Path | str | None = None) -> list[Path]:
    """Files the index deletes, the old names of renamed files included; none outside a git repository.

    pre-commit passes the hooks only files that exist, so a partial renamed
    away is otherwise invisible to them. Unlike ``changes_since``, this keeps
    git's environment: during ``git commit -a`` or ``git commit PATHS``,
    GIT_INDEX_FILE names the index being committed.
    """
    cwd = Path(cwd or Path.cwd())
    command = ["git", "diff", "--cached", "--name-only", "--no-renames", "--diff-filter=D", "--no-ext-diff", "-z"]
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="surrogateescape")
        names = subprocess.run(command, cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="surrogateescape")
    except OSError:
        return []
    if top.returncode != 0 or names.returncode != 0:
        return []
    root = Path(top.stdout.strip())
    return [root / name for name in names.stdout.split("\0") if name]


def _git(args: list[str], cwd: Path, message) -> str:
    # Hooks run git commands with GIT_DIR and GIT_INDEX_FILE set for *their*
    # repository; --changed-since asks about the one around the working directory.
    env = {key: value for key, value in os.environ.items() if key not in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE")}
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", errors="surrogateescape",
        )
    except FileNotFoundError:
        raise GitError("--changed-since needs git, and no 'git' command was found") from None
    except NotADirectoryError:
        raise GitError(f"--changed-since: {cwd} is not a folder") from None
    if result.returncode != 0:
        raise GitError(message(result.stderr.strip()))
    return result.stdout


def _failed(stderr: str) -> str:
    first = stderr.splitlines()[0] if stderr else "unknown error"
    return f"--changed-since: git failed: {first}"


def _is_shallow(top: Path) -> bool:
    try:
        return _git(["rev-parse", "--is-shallow-repository"], top, _failed).strip() == "true"
    except GitError:
        return False


def _fetch_hint() -> str:
    # CI checkouts fetch one branch only: the usual cause of an unknown ref there.
    return " (in CI, fetch it first: git fetch origin <branch>)" if os.environ.get("CI") else ""


def _no_base_message(ref: str, top: Path) -> str:
    if _is_shallow(top):
        return (
            f"--changed-since: no merge base of '{ref}' and HEAD in this shallow clone; "
            "fetch more history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)"
        )
    return f"--changed-since: '{ref}' and HEAD have no common history"
