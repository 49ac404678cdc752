"""Fixtures for publishing: a fake SES server on 127.0.0.1, dummy credentials, template projects."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from templatekit.testing import FakeSes
from tests.conftest import copy_examples

REPO = Path(__file__).resolve().parents[2]
# Dummy credentials, distinctive so a test can prove they never leak.
SECRET_ID = "AKIDpublishTESTid7f3a9c1e"
SECRET_KEY = "publishTESTkey5e1d2b8c44"
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """No proxy diverting loopback calls, dummy credentials, no real credentials file."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", SECRET_KEY)
    monkeypatch.delenv("TENCENTCLOUD_SESSION_TOKEN", raising=False)
    monkeypatch.delenv("TEMPLATEKIT_SES_ENDPOINT", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def ses():
    with FakeSes(SECRET_ID, SECRET_KEY) as server:
        yield server


@pytest.fixture
def bundled_project(tmp_path) -> Path:
    """A copy of the repository's example templates as a project of its own."""
    root = tmp_path / "bundled"
    copy_examples(root)  # with the configuration's lint settings (allowed hosts)
    return root


def batch_template(number: int, extra: str = "") -> str:
    return textwrap.dedent(f"""\
        ---
        type: notification
        name: batch-{number:02d}
        subject: Update {number} for {{{{ first_name }}}}
        variables:
          first_name: Alex
        ---
        <!doctype html>
        <html><body>
        <p>Hello {{{{ first_name }}}}, this is update number {number} about your account at Lumen Market.{extra}</p>
        <p>We changed how parcels are packed in our warehouse this month. Most orders now leave in recycled
        paper instead of plastic, fragile items still travel with extra padding, and every box can go into
        your paper recycling once it is empty. Nothing changes in how you order, pay or return an item. If you
        have questions about an order, reply to this email and our customer care team will answer within one
        working day.</p>
        </body></html>
        """)


@pytest.fixture
def batch_project(tmp_path):
    """A project of ``count`` small HTML templates named batch-00, batch-01, ..."""

    def make(count: int) -> Path:
        root = tmp_path / "batch"
        (root / "templates").mkdir(parents=True, exist_ok=True)
        (root / "pyproject.toml").write_text("[tool.templatekit]\n", encoding="utf-8")
        for number in range(count):
            (root / "templates" / f"batch-{number:02d}.html").write_text(batch_template(number), encoding="utf-8")
        return root

    return make


@pytest.fixture
def connect(ses):
    """A Workspace for a project folder, talking to ``ses``; backoff sleeps are recorded, not slept."""
    from templatekit.project import Project
    from templatekit.providers.tencent import TencentSes
    from templatekit.publishing import open_workspace

    sleeps: list[float] = []

    def make(root: Path):
        workspace = open_workspace(Project.discover(root), endpoint=ses.endpoint)
        workspace._provider = TencentSes(workspace.settings, sleep=sleeps.append)
        return workspace

    make.sleeps = sleeps
    return make


@pytest.fixture
def tk(cli, ses):
    """``templatekit ARGS --endpoint <fake>`` in a folder (commands that talk to SES take --endpoint)."""

    def run(*args: str, cwd: Path):
        return cli(*args, "--endpoint", ses.endpoint, cwd=cwd)

    return run
