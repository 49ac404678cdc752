"""Output that cannot be written: one line naming the path and exit status 2, never a traceback."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = "---\ntype: trigger\nsubject: Your code\nvariables: [code]\n---\nYour code is {{ code }}.\n"


@pytest.fixture
def project(make_project):
    root = make_project({"templates/code.txt": CODE})
    (root / "afile").write_text("a file, not a folder\n")
    return root


@pytest.mark.parametrize("out, message", [
    ("afile/sub", "afile/sub: cannot write: Not a directory"),
    ("/proc/templatekit-out", "/proc/templatekit-out: cannot write: No such file or directory"),
])
def test_an_output_folder_that_cannot_be_made(project, cli, out, message):
    result = cli("build", "--out", out, cwd=project)
    assert result.status == 2
    assert result.err.strip() == message
    assert "Traceback" not in result.err


def test_an_output_file_in_the_way_of_a_folder(project, cli):
    (project / "dist").mkdir()
    (project / "dist" / "code.txt").mkdir()
    result = cli("build", cwd=project)
    assert result.status == 2
    assert result.err.strip() == "dist/code.txt: cannot write: Is a directory"


def test_a_lint_report_that_cannot_be_written(project, cli):
    result = cli("lint", "-o", "/proc/nope/report.txt", cwd=project)
    assert result.status == 2
    assert result.err.strip() == "/proc/nope/report.txt: cannot write the report: No such file or directory"


def run(args: list[str], cwd, stdout) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "templatekit", *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["build"], ["lint"]])
def test_a_full_standard_output_is_one_line(project, command):
    with open("/dev/full", "w") as full:
        result = run(command, project, full)
    assert result.returncode == 2
    assert result.stderr == "cannot write to standard output: No space left on device\n"


def test_a_closed_pipe_stops_quietly(project):
    process = subprocess.Popen(
        [sys.executable, "-m", "templatekit", "build"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    process.stdout.close()  # the reader went away, as with `| head -0`
    stderr = process.stderr.read()
    process.wait()
    assert process.returncode == 1
    assert stderr == ""
