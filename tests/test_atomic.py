"""Atomic writes: what the file looks like afterwards, whatever was at the path before."""
from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from templatekit.atomic import write_atomic


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode_of(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path, umask_022):
    write_atomic(tmp_path / "out.html", "<p>hi</p>")
    assert mode_of(tmp_path / "out.html") == 0o644
    assert (tmp_path / "out.html").read_text() == "<p>hi</p>"


def test_a_replaced_file_keeps_its_mode(tmp_path, umask_022):
    target = tmp_path / "out.html"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and mode_of(target) == 0o640


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path):
    real = tmp_path / "real" / "manifest.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "manifest.json"
    link.symlink_to(os.path.relpath(real, tmp_path))
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert [p.name for p in real.parent.iterdir()] == ["manifest.json"]  # no temporary file left


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "report.txt"
    link.symlink_to("made-later.txt")
    write_atomic(link, "text")
    assert link.is_symlink() and (tmp_path / "made-later.txt").read_text() == "text"


def test_a_fifo_is_written_to_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_character_device_is_written_to_not_replaced():
    write_atomic(Path("/dev/null"), "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_failed_write_to_a_device_names_the_path():
    with pytest.raises(OSError) as raised:
        write_atomic(Path("/dev/full"), "x" * 100_000)
    assert raised.value.filename == "/dev/full" and "No space left" in raised.value.strerror


def test_a_folder_in_the_way_is_an_error_naming_it(tmp_path):
    (tmp_path / "out.txt").mkdir()
    with pytest.raises(IsADirectoryError) as raised:
        write_atomic(tmp_path / "out.txt", "x")
    assert raised.value.filename == str(tmp_path / "out.txt")


@pytest.mark.parametrize("into", ["pipe", "file"])
def test_dev_stdout_writes_to_whatever_standard_output_is(tmp_path, into):
    import subprocess
    import sys

    code = "from pathlib import Path; from templatekit.atomic import write_atomic; write_atomic(Path('/dev/stdout'), 'report')"
    if into == "pipe":
        assert subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout == b"report"
        return
    out = tmp_path / "captured.txt"
    out.write_text("")
    inode = out.stat().st_ino
    with out.open("wb") as stream:
        subprocess.run([sys.executable, "-c", code], stdout=stream, check=True)
    assert out.read_text() == "report" and out.stat().st_ino == inode  # written through, not renamed over
