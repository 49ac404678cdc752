"""Shared fixtures: throwaway template projects and running the CLI in-process."""
from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent

# Variables that change templatekit's behaviour or wording: CI services set
# them, so the suite clears them for itself and for every process it starts;
# the tests that care set them explicitly.
for _variable in (
    "CI", "CI_PROJECT_DIR", "GITHUB_ACTIONS", "GITHUB_WORKSPACE", "NO_COLOR", "TEMPLATEKIT_SES_ENDPOINT",
    "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SESSION_TOKEN",
):
    os.environ.pop(_variable, None)


# The bundled examples that the hook and publishing tests were written against:
# their expected lists and counts stay true when templates/ gains more examples.
EXAMPLES = (
    "delivery-test.html", "login-alert.txt", "newsletter.mjml", "order-shipped.mjml",
    "password-reset.mjml", "verification-code.mjml",
)


def copy_examples(root: Path) -> Path:
    """Copy the partials, data file and six examples of ``templates/`` with the configuration under ``root``."""
    import shutil

    source = REPO / "templates"
    (root / "templates").mkdir(parents=True)
    for path in source.iterdir():
        if path.name.startswith("_") or path.name in EXAMPLES:
            copy = shutil.copytree if path.is_dir() else shutil.copy2
            copy(path, root / "templates" / path.name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


@dataclass
class Result:
    status: int
    out: str
    err: str


@pytest.fixture
def make_project(tmp_path):
    """Write a project: ``files`` maps paths (relative to the project) to their text."""

    def make(files: dict[str, str | bytes], config: str = "") -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        (root / "pyproject.toml").write_text("[tool.templatekit]\n" + textwrap.dedent(config), encoding="utf-8")
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return root

    return make


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run ``templatekit ARGS`` in-process in a folder; returns status, stdout and stderr."""
    from templatekit.cli import main

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        status = main(list(args))
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run


@pytest.fixture(autouse=True)
def _private_cache_key(tmp_path_factory, monkeypatch):
    """The cache signing key lives in a per-session folder, never in the user's home."""
    from templatekit import signing

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))
    signing.reset()
    yield
    signing.reset()
