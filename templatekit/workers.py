"""Per-template work on a pool of processes, with results in input order.

Templates are independent, so lint and build spread them over one process per
core (measured here: more workers than cores was slower). Small batches run in
the calling process: starting workers costs more than a few templates do.
"""
from __future__ import annotations

import contextlib
import os
import signal
from typing import Any, Callable, Iterator, Sequence

# Below this many templates per worker, a pool costs more than it saves.
MIN_PER_WORKER = 8

_STATE: Any = None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int | None) -> int:
    """``None`` or 0: one worker per core."""
    return jobs if jobs and jobs > 0 else cores()


def run_ordered(
    func: Callable[[Any, Any], Any], items: Sequence[Any], jobs: int, state: Any, before_fork: Callable[[], None] | None = None
) -> Iterator[Any]:
    """``func(state, item)`` for each item, in order; ``state`` is shared by all calls of a worker.

    ``before_fork`` runs once in this process when a pool is used: importing the
    compilers there means each worker does not import them again.
    """
    if jobs <= 1 or len(items) < 2 * MIN_PER_WORKER:
        for item in items:
            yield func(state, item)
        return
    # Imported only for a pool: a warm or one-file lint never starts one (8 ms).
    import multiprocessing

    jobs = min(jobs, len(items) // MIN_PER_WORKER)
    methods = multiprocessing.get_all_start_methods()
    if before_fork is not None and "fork" in methods:
        before_fork()
    # fork: workers inherit the compiled rules and imported modules instead of
    # rebuilding them; elsewhere the state is pickled to each worker once.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, min(16, len(items) // (jobs * 8)))
    with _frozen(context.get_start_method() == "fork"):
        with context.Pool(jobs, initializer=_initialise, initargs=(state,)) as pool:
            yield from pool.imap(_Call(func), items, chunksize=chunk)


@contextlib.contextmanager
def _frozen(fork: bool) -> Iterator[None]:
    """What forked workers inherit, out of the garbage collector's sight while they run.

    A collection writes to every object it scans, and so copies each page of the
    inherited heap into every process that scans it: frozen, 26.6k page faults
    of a 1,000-template lint became 24.3k. Unfrozen after, unless already frozen by the caller.
    """
    import gc

    mine = fork and gc.get_freeze_count() == 0
    if mine:
        gc.freeze()
    try:
        yield
    finally:
        if mine:
            gc.unfreeze()


def _initialise(state: Any) -> None:
    global _STATE
    _STATE = state
    # Ctrl-C is the parent's to handle: it stops the pool and reports once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Call:
    def __init__(self, func: Callable[[Any, Any], Any]):
        self.func = func

    def __call__(self, item: Any) -> Any:
        return self.func(_STATE, item)

