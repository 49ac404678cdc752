"""Per-template work on a pool of processes, with results in input order.

Templates are independent, so lint and build spread them over one process per
core (measured here: more workers than cores was slower). Where processes can be
forked, the workers are forked here and handed chunks of the work as they finish
others; elsewhere multiprocessing's Pool runs them. Small batches run in the calling
process: starting workers costs more than a few templates do.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
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
    jobs = min(jobs, len(items) // MIN_PER_WORKER)
    forking = hasattr(os, "fork")
    if before_fork is not None and forking:
        before_fork()
    # fork: workers inherit the compiled rules and imported modules instead of
    # rebuilding them; elsewhere the state is pickled to each worker once.
    chunk = max(1, min(16, len(items) // (jobs * 8)))
    if forking:
        with _frozen():
            yield from _forked(func, items, jobs, state, chunk)
        return
    import multiprocessing

    with multiprocessing.get_context().Pool(jobs, initializer=_initialise, initargs=(state,)) as pool:
        yield from pool.imap(_Call(func), items, chunksize=chunk)


class _Worker:
    """A forked worker as the parent sees it: its process, the pipe it is given chunks on, the one it answers on."""

    def __init__(self, pid: int, orders: int, results: int):
        self.pid = pid
        self.orders: int | None = orders
        self.results = results
        self.received = b""
        self.waiting = 0  # chunks given and not yet answered


def _forked(func, items: Sequence[Any], jobs: int, state: Any, chunk: int) -> Iterator[Any]:
    """``run_ordered`` over forked workers, each given its next chunk of ``items`` when it answers one.

    Not multiprocessing: the workers inherit the items and the state, so only
    chunk numbers and results cross the pipes, and the parent runs no threads
    to hand out tasks, collect results and watch the workers. Nor its Process
    and shared counter: their imports and set-up were 19 ms of a cold lint's
    start, during which the other core waits. Each worker holds two chunks, so
    it never waits for the parent to hand it the next one.
    """
    import select

    # Smaller chunks at the end: the workers finish together, not one waiting on the other's last chunk.
    bounds = [0]
    while bounds[-1] < len(items):
        left = len(items) - bounds[-1]
        bounds.append(bounds[-1] + min(left, chunk if left > 4 * jobs * chunk else max(1, chunk // 4)))
    chunks = len(bounds) - 1
    given = 0
    workers: list[_Worker] = []

    def give(worker: _Worker) -> None:
        nonlocal given
        if worker.orders is None:
            return
        if given < chunks:
            os.write(worker.orders, given.to_bytes(4, "little"))
            given += 1
            worker.waiting += 1
        else:  # nothing left: the worker stops when it has answered what it holds
            os.close(worker.orders)
            worker.orders = None

    for stream in (sys.stdout, sys.stderr):  # or a worker would write the parent's buffered output again
        if stream is not None:
            stream.flush()
    try:
        for _ in range(jobs):
            orders_read, orders_write = os.pipe()
            results_read, results_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the worker; its coverage is the results it sends
                os.close(orders_write)
                os.close(results_read)
                for other in workers:  # the parent's ends of the pipes to the workers forked before
                    for fd in (other.orders, other.results):
                        if fd is not None:
                            os.close(fd)
                status = 1
                try:
                    _serve(func, items, state, bounds, orders_read, results_write)
                    status = 0
                finally:
                    for stream in (sys.stdout, sys.stderr):
                        try:
                            stream.flush()
                        except Exception:
                            pass
                    os._exit(status)
            os.close(orders_read)
            os.close(results_write)
            workers.append(_Worker(pid, orders_write, results_read))
        for worker in workers:
            give(worker)
            give(worker)
        done: dict[int, list[Any]] = {}
        live = {worker.results: worker for worker in workers}
        for index in range(chunks):
            while index not in done:
                if not live:  # every worker ended, and not with an error it sent
                    raise RuntimeError("the worker processes stopped before their work was done")
                ready, _, _ = select.select(list(live), [], [])
                for fd in ready:
                    worker = live[fd]
                    data = os.read(fd, 1 << 16)
                    if not data:
                        del live[fd]
                        if worker.waiting:  # it ended holding chunks, which are never answered
                            code = _reap([worker])[0]
                            raise RuntimeError(f"a worker process stopped before its work was done (exit code {code})")
                        continue
                    worker.received += data
                    for number, ok, payload in _messages(worker):
                        if not ok:
                            raise payload
                        worker.waiting -= 1
                        done[number] = payload
                        give(worker)
            yield from done.pop(index)
    finally:
        for worker in workers:
            if worker.orders is not None:
                os.close(worker.orders)
                worker.orders = None
            try:
                os.kill(worker.pid, signal.SIGTERM)  # one that has finished is a zombie until reaped: no harm
            except OSError:
                pass
        _reap(workers)
        for worker in workers:
            os.close(worker.results)


def _messages(worker: _Worker) -> Iterator[tuple[int, bool, Any]]:
    """The whole messages among the bytes received from ``worker``: a length of 8 bytes, then a pickle."""
    import pickle

    while len(worker.received) >= 8:
        size = int.from_bytes(worker.received[:8], "little")
        if len(worker.received) < 8 + size:
            return
        body, worker.received = worker.received[8 : 8 + size], worker.received[8 + size :]
        try:
            yield pickle.loads(body)
        except Exception as error:  # an exception class that does not unpickle, say
            raise RuntimeError(f"worker result could not be read: {error!r}") from None


def _reap(workers: list[_Worker]) -> list[int | None]:
    """Wait for each worker to end; their exit codes (negative: the signal that ended it)."""
    codes: list[int | None] = []
    for worker in workers:
        try:
            _, status = os.waitpid(worker.pid, 0)
        except ChildProcessError:
            codes.append(None)
            continue
        codes.append(os.waitstatus_to_exitcode(status))
    return codes


def _serve(func, items: Sequence[Any], state: Any, bounds: list[int], orders: int, results: int) -> None:
    """A worker: the results of each chunk it is given, until it is given none; an exception ends it, sent to the parent."""
    import pickle

    _initialise(state)
    while True:
        order = _read_exactly(orders, 4)
        if len(order) < 4:
            break
        number = int.from_bytes(order, "little")
        try:
            message = (number, True, [func(state, item) for item in items[bounds[number] : bounds[number + 1]]])
        except Exception as error:  # for the parent to raise, as a pool re-raises a task's exception
            message = (number, False, error)
        try:
            body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # a result or exception that does not pickle: the parent stops on it
            message = (number, False, RuntimeError(f"worker result could not be sent: {error!r}"))
            body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(results, len(body).to_bytes(8, "little") + body)
        if not message[1]:
            break


def _read_exactly(fd: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        more = os.read(fd, size - len(data))
        if not more:
            break
        data += more
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


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

