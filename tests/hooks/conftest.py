"""Fixtures of the hook, CI and init tests: template projects in real git repositories."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from editing import REPO


@pytest.fixture(scope="session")
def git_env(tmp_path_factory) -> dict[str, str]:
    """An environment where git has an identity and ignores the machine's own git configuration."""
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="Template Author", GIT_AUTHOR_EMAIL="author@example.com",
        GIT_COMMITTER_NAME="Template Author", GIT_COMMITTER_EMAIL="author@example.com",
        GIT_CONFIG_GLOBAL=str(empty), GIT_CONFIG_NOSYSTEM="1",
    )
    return env


@pytest.fixture
def git(git_env):
    """Run git in a folder; returns its standard output."""

    def run(*args: str, cwd: Path) -> str:
        result = subprocess.run(["git", *args], cwd=cwd, env=git_env, capture_output=True, text=True)
        assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
        return result.stdout

    return run


@pytest.fixture
def template_repo(tmp_path, git) -> Path:
    """A git repository (branch main, one commit) holding the bundled templates and their configuration."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "templates", cwd=root)
    return root

