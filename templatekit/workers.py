"""Per-template work on a pool of processes, with results in input order.

Templates are independent, so lint and build spread them over one process per
core (measured here: more workers than cores was slower). Where processes can be
forked, the workers are forked here and share the work through a counter;
elsewhere multiprocessing's Pool runs them. Small batches run in the calling
process: starting workers costs more than a few templates do.
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
    chunk = max(1, min(16, len(items) // (jobs * 8)))
    if "fork" in methods:
        with _frozen():
            yield from _forked(func, items, jobs, state, chunk, multiprocessing.get_context("fork"))
        return
    with multiprocessing.get_context().Pool(jobs, initializer=_initialise, initargs=(state,)) as pool:
        yield from pool.imap(_Call(func), items, chunksize=chunk)


def _forked(func, items: Sequence[Any], jobs: int, state: Any, chunk: int, context) -> Iterator[Any]:
    """``run_ordered`` over forked workers that take the next chunk of ``items`` from a shared counter.

    Not multiprocessing.Pool: the workers inherit the items and the state, so
    nothing but results crosses a pipe, and the parent runs no threads to hand
    out tasks, collect results and watch the workers. On 1,000 templates the
    parent's CPU time while the workers ran went from about 100 ms, taken from
    the two workers' cores, to 20-60 ms.
    """
    from multiprocessing.connection import wait

    # Smaller chunks at the end: the workers finish together, not one waiting on the other's last chunk.
    bounds = [0]
    while bounds[-1] < len(items):
        left = len(items) - bounds[-1]
        bounds.append(bounds[-1] + min(left, chunk if left > 4 * jobs * chunk else max(1, chunk // 4)))
    counter = context.Value("q", 0)
    readers, processes = [], []
    try:
        for _ in range(jobs):
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(target=_serve, args=(func, items, state, bounds, counter, writer), daemon=True)
            process.start()
            writer.close()
            readers.append(reader)
            processes.append(process)
        chunks = len(bounds) - 1
        done: dict[int, list[Any]] = {}
        live = list(readers)
        for index in range(chunks):
            while index not in done:
                if not live:
                    raise RuntimeError(f"a worker process stopped before its work was done (exit codes {[p.exitcode for p in processes]})")
                for reader in wait(live):
                    try:
                        number, ok, payload = reader.recv()
                    except EOFError:
                        live.remove(reader)
                        continue
                    if not ok:
                        raise payload
                    done[number] = payload
            yield from done.pop(index)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join()
        for reader in readers:
            reader.close()


def _serve(func, items: Sequence[Any], state: Any, bounds: list[int], counter, writer) -> None:
    """A worker: the next chunk's results, until none is left; an exception ends it, sent to the parent."""
    _initialise(state)
    while True:
        with counter.get_lock():
            number = counter.value
            counter.value = number + 1
        if number + 1 >= len(bounds):
            break
        try:
            message = (number, True, [func(state, item) for item in items[bounds[number] : bounds[number + 1]]])
        except Exception as error:  # for the parent to raise, as a pool re-raises a task's exception
            message = (number, False, error)
        try:
            writer.send(message)
        except Exception as error:  # a result or exception that does not pickle: the parent stops on it
            message = (number, False, RuntimeError(f"worker result could not be sent: {error!r}"))
            writer.send(message)
        if not message[1]:
            break
    writer.close()


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """What forked workers inherit, out of the garbage collector's sight while they run.

    A collection writes to every object it scans, and so copies each page of the
    inherited heap into every process that scans it: frozen, 26.6k page faults
    of a 1,000-template lint became 24.3k. Unfrozen after, unless already frozen by the caller.
    """
    import gc

    mine = gc.get_freeze_count() == 0
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

