"""The folder CI services resolve a report's paths from: the repository root, wherever templatekit ran.

A workflow step with ``working-directory: emails`` runs templatekit below the
root, but GitHub attaches annotations and code scanning alerts, and GitLab
its Code Quality issues, to paths relative to the root of the checkout.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path


def repository_root() -> Path:
    """``$GITHUB_WORKSPACE`` or ``$CI_PROJECT_DIR`` when set, else git's top level, else the working directory."""
    for variable in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        if os.environ.get(variable):
            return Path(os.environ[variable]).resolve()
    return _top_level(os.getcwd())


@functools.lru_cache(maxsize=8)
def _top_level(cwd: str) -> Path:
    from ..gitdiff import top_level

    return top_level(Path(cwd)) or Path(cwd).resolve()


def from_root(path: Path) -> str | None:
    """``path`` relative to the repository root, with forward slashes; None when it is outside."""
    try:
        return path.resolve().relative_to(repository_root()).as_posix()
    except ValueError:
        return None
