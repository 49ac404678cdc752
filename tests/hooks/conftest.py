"""Fixtures of the hook, CI and init tests: template projects in real git repositories."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editing import REPO
from tests.conftest import copy_examples


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
    """A git repository (branch main, one commit) holding six of the bundled templates and their configuration."""
    root = tmp_path / "repo"
    copy_examples(root)
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "templates", cwd=root)
    return root



_NOT_SHIPPED = shutil.ignore_patterns(".git", ".venv", "dist", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".templatekit_cache", "node_modules", ".corpus")


@pytest.fixture(scope="session")
def hook_source(tmp_path_factory, git_env) -> tuple[Path, str]:
    """This project as it is on disk, committed to a repository of its own: (path, commit).

    pre-commit installs hooks from a commit. try-repo on the checkout itself
    would commit tracked changes into a shadow repository but leave out new,
    untracked files, so a snapshot of the files on disk (what git tracks plus
    what it does not ignore) is what the hooks are installed from: the tests see
    this working copy whether it is a fresh clone, has uncommitted changes or
    is not a git checkout at all.
    """
    source = tmp_path_factory.mktemp("hook-source") / "templatekit"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO, env=git_env, capture_output=True, text=True,
    )
    if listed.returncode == 0:
        for name in filter(None, listed.stdout.split("\0")):
            if (REPO / name).is_file():
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / name, source / name)
    else:
        shutil.copytree(REPO, source, ignore=_NOT_SHIPPED)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run(["git", *args], cwd=source, env=git_env, check=True, capture_output=True)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, env=git_env, check=True, capture_output=True, text=True)
    return source, commit.stdout.strip()


@pytest.fixture(scope="session")
def precommit(tmp_path_factory, git_env):
    """Run the real pre-commit (or git, whose hook runs it) with a store shared by the whole session."""
    env = dict(git_env, PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    env.pop("VIRTUAL_ENV", None)

    def run(*args: str, cwd: Path, program: tuple[str, ...] = (sys.executable, "-m", "pre_commit")) -> subprocess.CompletedProcess:
        return subprocess.run([*program, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)

    return run
