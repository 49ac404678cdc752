"""Lint and build over worker processes: the same results, in the same order, as one process."""
from __future__ import annotations

import json

from templatekit.building import build_templates
from templatekit.linter import lint_paths
from templatekit.project import Project


def many(count: int) -> dict[str, str]:
    files = {}
    for n in range(count):
        kind = "marketing" if n % 3 == 0 else "trigger"
        files[f"templates/t{n:02d}.txt"] = (
            f"---\ntype: {kind}\nsubject: Mail {n}\nvariables: [code]\n---\nYour code {{{{ code }}}} number {n} is ready.\n"
        )
    files["templates/t05.txt"] = "---\ntype: trigger\n---\nno subject\n"
    files["templates/t07.txt"] = "not front matter"
    files["templates/t09.txt"] = "---\ntype: trigger\nsubject: s\nname: t08\n---\nDuplicate name of t08.\n"
    return files


def test_parallel_lint_matches_one_process(make_project):
    root = make_project(many(40))
    serial = lint_paths(Project.discover(root), jobs=1)
    parallel = lint_paths(Project.discover(root), jobs=2)
    assert parallel.problems == serial.problems
    assert parallel.files == serial.files
    assert {"build-error", "min-words"} <= {p.rule for p in serial.problems}
    assert any("already used by" in p.message for p in serial.problems)


def test_parallel_build_matches_one_process(make_project, tmp_path):
    root = make_project(many(40))
    one = build_templates(Project.discover(root), out=tmp_path / "one", jobs=1)
    two = build_templates(Project.discover(root), out=tmp_path / "two", jobs=2)
    assert [b.name for b in two.built] == [b.name for b in one.built]
    assert [str(e) for e in two.errors] == [str(e) for e in one.errors]
    assert len(one.errors) == 3
    for name in ("t00.txt", "t39.txt"):
        assert (tmp_path / "two" / name).read_text() == (tmp_path / "one" / name).read_text()
    manifest = lambda folder: json.loads((folder / "manifest.json").read_text())["templates"]  # noqa: E731
    assert manifest(tmp_path / "two") == manifest(tmp_path / "one")


def test_pool_leaves_the_garbage_collector_as_it_found_it():
    import gc

    from templatekit.workers import run_ordered

    assert gc.get_freeze_count() == 0
    assert list(run_ordered(_times, list(range(40)), 2, 3)) == [n * 3 for n in range(40)]
    assert gc.get_freeze_count() == 0  # frozen for the workers only
    gc.freeze()
    try:
        list(run_ordered(_times, list(range(40)), 2, 1))
        assert gc.get_freeze_count() > 0  # a caller's own freeze is kept
    finally:
        gc.unfreeze()


def _times(state, n):
    return n * state


def _fails_on_seven(state, n):
    if n == 7:
        raise ValueError(f"item {n}")
    return n


def _unpicklable_on_seven(state, n):
    return (lambda: n) if n == 7 else n


def _exits_on_seven(state, n):
    import os

    if n == 7:
        os._exit(3)
    return n


def test_a_worker_exception_reaches_the_caller():
    import pytest

    from templatekit.workers import run_ordered

    with pytest.raises(ValueError, match="item 7"):
        list(run_ordered(_fails_on_seven, list(range(64)), 2, None))


def test_a_worker_that_dies_is_an_error_not_a_hang():
    import pytest

    from templatekit.workers import run_ordered

    with pytest.raises(RuntimeError, match="worker process stopped"):
        list(run_ordered(_exits_on_seven, list(range(64)), 2, None))


def test_results_come_in_order_and_a_consumer_may_stop_early():
    import os

    import pytest

    from templatekit.workers import run_ordered

    assert list(run_ordered(_times, list(range(1000)), 2, 2)) == [2 * n for n in range(1000)]
    first = run_ordered(_times, list(range(1000)), 2, 1)
    assert [next(first) for _ in range(5)] == [0, 1, 2, 3, 4]
    first.close()  # the workers are stopped and reaped: no child is left, running or a zombie
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_every_item_is_done_once_by_workers_that_share_the_chunks():
    import os

    from templatekit.workers import run_ordered

    results = list(run_ordered(_pid_and_item, list(range(500)), 2, None))
    assert [item for _, item in results] == list(range(500))
    pids = {pid for pid, _ in results}
    assert len(pids) == 2 and os.getpid() not in pids


def test_a_pool_imports_no_multiprocessing():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from templatekit.workers import run_ordered\n"
        "assert list(run_ordered(lambda s, n: n + s, list(range(100)), 2, 1)) == list(range(1, 101))\n"
        "print('multiprocessing' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def _pid_and_item(state, n):
    import os

    return os.getpid(), n


def test_a_result_that_does_not_pickle_is_an_error():
    import pytest

    from templatekit.workers import run_ordered

    with pytest.raises(RuntimeError, match="could not be sent"):
        list(run_ordered(_unpicklable_on_seven, list(range(64)), 2, None))
