"""``templatekit preview`` as a user runs it: a process that serves until Ctrl+C."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

from tests.preview.conftest import get


def _start(cwd, *args):
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "templatekit", "preview", *args], cwd=cwd, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_preview_serves_until_interrupted_then_stops_cleanly(examples):
    process = _start(examples, "--port", "0")
    try:
        first = process.stdout.readline()
        assert first.startswith("previewing 6 templates at http://127.0.0.1:") and first.rstrip().endswith("(Ctrl+C to stop)")
        url = first.split(" at ", 1)[1].split(" ", 1)[0]
        assert get(url).status == 200 and get(url + "t/newsletter.mjml").status == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert out.strip() == "stopped" and "Traceback" not in err


def test_a_port_in_use_is_one_line_and_exit_2(examples):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _start(examples, "--port", str(port))
        out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and out == ""
    assert err.splitlines() == [f"cannot listen on 127.0.0.1:{port}: Address already in use; choose another port with --port"]


def test_a_configuration_error_stops_it_before_it_listens(make_project):
    root = make_project({"templates/a.html": "---\ntype: testing\nsubject: S\n---\n<p>x</p>\n"}, config="templates = 5\n")
    process = _start(root, "--port", "0")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and out == ""
    assert len(err.splitlines()) == 1 and "pyproject.toml" in err and "Traceback" not in err


def test_an_address_it_cannot_listen_on_is_one_line_and_exit_2(examples):
    process = _start(examples, "--host", "203.0.113.5", "--port", "0")  # TEST-NET-3: never this machine's
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and out == ""
    assert err.splitlines() == ["cannot listen on 203.0.113.5:0: Cannot assign requested address"]
