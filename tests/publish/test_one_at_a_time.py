"""Two publishing commands on one lock file: the second waits, then refuses; none loses an entry."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from templatekit import lockfile
from templatekit.lockfile import LOCK_NAME, Lock
from templatekit.publishing.review import refresh
from templatekit.publishing.submission import CREATE, submit

HOLDER = textwrap.dedent("""\
    import sys
    from pathlib import Path
    from templatekit.lockfile import guard

    with guard(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.read()
    """)


@pytest.fixture
def holder():
    """Another process holding a lock file's guard until the test lets go."""
    started = []

    def hold(lock_path):
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(lock_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        started.append(process)
        assert process.stdout.readline() == "held\n"
        return process

    yield hold
    for process in started:
        process.stdin.close()
        process.wait(timeout=30)


def test_a_second_command_waits_for_the_first_then_says_why_it_gave_up(batch_project, tk, ses, holder, monkeypatch):
    root = batch_project(2)
    monkeypatch.setattr(lockfile, "GUARD_WAIT", 0.5)
    first = holder(root / LOCK_NAME)

    for command in (("submit",), ("status",), ("pull", "--out", "pulled"), ("delete", "batch-00", "--yes")):
        result = tk(*command, cwd=root)
        assert result.status == 1, (command, result)
        assert result.err == (
            f"{LOCK_NAME}: another templatekit command is using this lock file (submit, status, pull or delete); "
            "try again when it has finished\n"
        )
    assert ses.requests == [] and not (root / LOCK_NAME).exists()

    first.stdin.close()
    first.wait(timeout=30)
    result = tk("submit", cwd=root)
    assert result.status == 0, result.err
    assert sorted(Lock.load(root / LOCK_NAME).entries) == ["batch-00", "batch-01"]


def test_a_dry_run_needs_no_guard(batch_project, tk, holder, monkeypatch):
    root = batch_project(1)
    monkeypatch.setattr(lockfile, "GUARD_WAIT", 0.2)
    holder(root / LOCK_NAME)
    result = tk("submit", "--dry-run", cwd=root)
    assert result.status == 0 and "batch-00" in result.out


def test_what_another_command_recorded_meanwhile_is_kept(batch_project, connect, ses):
    root = batch_project(2)
    watching = connect(root)  # opened first, as a long `status --wait` would be
    assert refresh(watching) and not (root / LOCK_NAME).exists()

    submitted = submit(connect(root), ["batch-00"])  # another command, after it was opened
    assert [step.action for step in submitted.steps] == [CREATE]
    ses.approve("batch-00")

    rows = {row.name: row for row in refresh(watching)}
    assert rows["batch-00"].status == "approved"
    on_disk = Lock.load(root / LOCK_NAME)
    assert list(on_disk.entries) == ["batch-00"] and on_disk.get("batch-00").status == "approved"

    again = submit(watching, ["batch-00"])  # the stale view does not create it a second time
    assert [step.action for step in again.steps] != [CREATE]
    assert [t.name for t in ses.templates] == ["batch-00"]
