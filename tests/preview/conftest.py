"""Fixtures for the preview: a copy of the bundled examples served on 127.0.0.1, and a way to read its pages."""
from __future__ import annotations

import threading
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest

from tests.conftest import copy_examples
from templatekit.previewing import Preview, serve
from templatekit.project import Project


@dataclass
class Page:
    status: int
    body: str
    headers: dict[str, str]


@pytest.fixture
def examples(tmp_path):
    return copy_examples(tmp_path / "examples")


@pytest.fixture
def preview_server(monkeypatch):
    """Serve a project folder on 127.0.0.1 in a thread; returns a function that starts it and gives its URL."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    servers = []

    def start(root, paths=()):
        server = serve(Preview(lambda: Project.discover(root), paths), "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def get(url: str, headers: dict[str, str] | None = None) -> Page:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Page(response.status, response.read().decode("utf-8"), dict(response.headers))
    except urllib.error.HTTPError as error:
        return Page(error.code, error.read().decode("utf-8"), dict(error.headers))
