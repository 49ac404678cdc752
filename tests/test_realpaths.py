"""RealPaths resolves exactly as Path.resolve() does, symbolic links included."""
from __future__ import annotations

import os
from pathlib import Path

from templatekit.realpaths import RealPaths


def test_the_same_paths_as_resolve(tmp_path, monkeypatch):
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "sub" / "t.mjml").write_text("x")
    (tmp_path / "real" / "a.mjml").write_text("x")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.mjml").write_text("x")
    os.symlink(tmp_path / "real", tmp_path / "linked")
    os.symlink(tmp_path / "elsewhere" / "b.mjml", tmp_path / "real" / "b.mjml")
    os.symlink(tmp_path / "real" / "sub", tmp_path / "elsewhere" / "up")
    monkeypatch.chdir(tmp_path / "real")
    paths = [
        tmp_path / "real" / "a.mjml", tmp_path / "linked" / "a.mjml", tmp_path / "linked" / "sub" / "t.mjml",
        tmp_path / "real" / "b.mjml", tmp_path / "linked" / "b.mjml", tmp_path / "elsewhere" / "up" / ".." / "a.mjml",
        tmp_path / "real" / "missing.mjml", tmp_path / "real" / "sub" / "..", tmp_path / "real" / ".",
        Path("a.mjml"), Path("sub/t.mjml"), Path("../linked/b.mjml"), Path("b.mjml"), str(tmp_path / "linked" / "a.mjml"),
    ]
    real_path = RealPaths()
    for _ in range(2):  # the second time from the remembered folders
        assert [real_path(path) for path in paths] == [Path(path).resolve() for path in paths]
