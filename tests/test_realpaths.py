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


def test_display_paths_are_those_resolving_each_path_gave(tmp_path, monkeypatch):
    from templatekit.errors import _display, display_path

    (tmp_path / "project" / "templates" / "sub").mkdir(parents=True)
    (tmp_path / "project" / "templates" / "a.mjml").write_text("x")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "o.mjml").write_text("x")
    os.symlink(tmp_path / "outside" / "o.mjml", tmp_path / "project" / "templates" / "o.mjml")
    os.symlink(tmp_path / "project" / "templates" / "a.mjml", tmp_path / "project" / "templates" / "sub" / "b.mjml")
    os.symlink(tmp_path / "outside", tmp_path / "project" / "elsewhere")
    monkeypatch.chdir(tmp_path / "project")
    _display.cache_clear()

    def resolved(path: str) -> str:
        try:
            return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return path

    paths = [
        "templates/a.mjml", "./templates//a.mjml", "templates/sub/../a.mjml", "templates/o.mjml", "templates/sub/b.mjml",
        "elsewhere/o.mjml", "templates/missing.mjml", ".", "templates", "../outside/o.mjml", "",
    ]
    assert [display_path(Path(path) if path else path) for path in paths] == [resolved(path) for path in paths]
