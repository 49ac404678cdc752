"""Pytest fixtures of the lint tests."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """An empty project: templatekit.toml and a templates folder, as the working directory's neighbour."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templatekit.toml").write_text('templates = "templates"\n', encoding="utf-8")
    return tmp_path
