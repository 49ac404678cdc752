"""How the command line ends its process: at once, but with what a normal exit does that matters."""
from __future__ import annotations

import json
import subprocess
import sys


def _python(code: str, *args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_buffered_output_is_written_and_the_status_kept():
    result = _python("import sys\nsys.stdout.write('x' * 200000)\nfrom templatekit.cli import exit_now\nexit_now(3)\n")
    assert (result.returncode, len(result.stdout)) == (3, 200000)


def test_atexit_handlers_still_run():
    code = (
        "import atexit\natexit.register(lambda: print('handler ran', flush=True))\n"
        "from templatekit.cli import exit_now\nexit_now(0)\n"
    )
    result = _python(code)
    assert (result.returncode, result.stdout) == (0, "handler ran\n")


def test_a_thread_still_running_is_waited_for():
    code = (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done', flush=True))).start()\n"
        "from templatekit.cli import exit_now\nexit_now(4)\n"
    )
    result = _python(code)
    assert (result.returncode, result.stdout) == (4, "thread done\n")


def test_a_standard_output_that_cannot_be_written_is_the_normal_exit():
    # No stdout at all (closed by the caller): nothing to flush, and the status is kept.
    result = _python("import sys\nsys.stdout = None\nfrom templatekit.cli import exit_now\nexit_now(5)\n")
    assert result.returncode == 5 and result.stderr == ""


def test_python_m_templatekit_reports_in_full_and_exits_with_the_lint_status(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.templatekit]\n")
    # Enough problems that the report is larger than a pipe holds: all of it must arrive.
    for n in range(400):
        (templates / f"t{n:03}.html").write_text(f"---\ntype: trigger\nsubject: Code {n}\n---\n<p>Hi {{{{ name }}}}</p>\n")
    result = subprocess.run(
        [sys.executable, "-m", "templatekit", "lint", "--format", "json", "--no-cache"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    problems = json.loads(result.stdout)
    assert result.returncode == 1
    assert len({problem["file"] for problem in problems}) == 400
    assert len(result.stdout) > 65536
