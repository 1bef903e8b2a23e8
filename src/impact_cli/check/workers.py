"""Run one function over many items in worker processes; results in input order.

Why processes: validating a file is pure Python (YAML, pydantic, lint rules), so
threads would share one interpreter lock; like ruff, mypy and pytest-xdist, the
way to use every core is one process per core.

How, and why this way rather than :class:`multiprocessing.Pool`:

* Workers are started with ``fork`` after the caller has done its first piece of
  work, so they inherit every module already imported and every cache already
  built, and start in a millisecond instead of re-importing pydantic. Nothing is
  pickled on the way in: the function and the items are inherited too, and a task
  is just ``(chunk, start, stop)``. Where ``fork`` is missing or unsafe (Windows,
  macOS) :func:`plan_workers` answers 1 and the work stays in-process.
* Each worker has its own pipe. It is sent two chunks up front and a new one
  each time it returns a result, so no worker waits for the parent and no two
  workers share a lock. The parent waits on all the pipes at once; results are
  put back in input order, so the caller sees exactly what a plain loop returns.
* A worker that raises sends the exception back (with its traceback as the
  cause, as :mod:`concurrent.futures` does) and the parent raises it. A worker
  that dies (killed, ``os._exit``) closes its pipe, which the parent sees at once:
  :class:`WorkerDiedError` is raised instead of waiting forever, as a ``Pool``
  would for a lost task.
* Workers ignore SIGINT (Ctrl-C reaches the whole process group): the parent gets
  the ``KeyboardInterrupt``, terminates the workers and goes on as usual, so an
  interrupted run prints no traceback from any worker.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, NoReturn, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL_ITEMS = 32
"""Automatic mode stays in-process below this many items. Starting a worker by
fork costs about 2 ms and collecting its results a little more, against about
2-7 ms of work per small file, so parallel work pays from a dozen files on; 32
leaves a margin, and keeps pre-commit hooks (a few files each) in one process."""

ITEMS_PER_WORKER = 8
"""Automatic mode starts at most one worker per this many items, so each worker
has enough chunks to amortise its start and the load can balance."""

MAX_CHUNK = 16
CHUNKS_PER_WORKER = 4
"""Items go to workers in chunks (one message per chunk, not per item) that shrink
as the work runs out ("guided" scheduling): each is the items left divided by
``CHUNKS_PER_WORKER`` times the workers, at most ``MAX_CHUNK`` (about 50 ms of
small files), at least one. Early chunks are large and cheap to send; the last
ones are single items, so the workers finish together instead of one of them
working through a full chunk while the others wait."""

PREFETCH = 2
"""Chunks each worker holds: one being worked on, one waiting in its pipe."""


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, e.g. a container's
    ``--cpuset-cpus`` or ``taskset``), else the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def fork_available() -> bool:
    """Whether workers can be forked. Not on Windows (no fork) nor macOS, where
    fork without exec is unsafe once system frameworks are loaded (CPython's
    default there is spawn, which would re-import everything per worker)."""
    if sys.platform in ("win32", "darwin", "cygwin"):
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def plan_workers(jobs: int, items: int) -> int:
    """How many worker processes to use for ``items`` items; 1 means in-process.

    ``jobs`` is what the user asked for: 0 is automatic (parallel only when it
    pays: at least :data:`MIN_PARALLEL_ITEMS` items, more than one usable CPU, at
    most one worker per :data:`ITEMS_PER_WORKER` items), 1 is in-process, N is at
    most N workers (never more than there are items).
    """
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (automatic) or more, not {jobs}")
    if jobs == 0:
        cpus = usable_cpus()
        if cpus < 2 or items < MIN_PARALLEL_ITEMS:
            return 1
        workers = min(cpus, items // ITEMS_PER_WORKER)
    else:
        workers = min(jobs, items)
    if workers <= 1 or not fork_available():
        return 1
    return workers


def chunk_bounds(items: int, workers: int, chunksize: int | None = None) -> list[tuple[int, int]]:
    """``(start, stop)`` of each chunk: ``chunksize`` items each when given, else
    guided (see :data:`CHUNKS_PER_WORKER`)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < items:
        left = items - start
        size = chunksize or max(1, min(MAX_CHUNK, left // (workers * CHUNKS_PER_WORKER)))
        bounds.append((start, min(items, start + size)))
        start += size
    return bounds


@dataclass(frozen=True)
class MapResult(Generic[R]):
    """The results in input order, and who computed them."""

    results: list[R]
    workers: int
    """Worker processes started; 0 when everything ran in this process."""
    worker_pids: tuple[int, ...] = ()
    """The process id of each worker that returned results (sorted)."""


class WorkerDiedError(RuntimeError):
    """A worker process ended without returning its results (killed or crashed)."""


class RemoteTracebackError(Exception):
    """The traceback of an exception raised in a worker, kept as its cause."""

    def __str__(self) -> str:
        return f'\n"""\n{self.args[0]}"""'


def map_in_order(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    *,
    chunksize: int | None = None,
) -> MapResult[R]:
    """``[func(item) for item in items]``, spread over ``workers`` forked processes.

    With ``workers`` <= 1 (or fewer than two items) it is exactly that list
    comprehension, in this process. ``func`` and ``items`` are inherited by the
    workers (fork), not pickled; each result is pickled once, so return only what
    the caller needs. An exception in ``func`` is raised here with the worker's
    traceback as its ``__cause__``; the first one (in completion order) wins.
    """
    if workers <= 1 or len(items) < 2:
        return MapResult([func(item) for item in items], 0)
    bounds = chunk_bounds(len(items), workers, chunksize)
    return _run_forked(func, items, bounds, min(workers, len(bounds)))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    busy: int = 0  # chunks sent and not yet answered


def _run_forked(
    func: Callable[[T], R], items: Sequence[T], bounds: list[tuple[int, int]], count: int
) -> MapResult[R]:
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    chunks: list[list[R] | None] = [None] * len(bounds)
    todo = deque(range(len(bounds)))
    workers: list[_Worker] = []
    pids: set[int] = set()
    # Nothing buffered may be written twice, once by the parent and once by a child.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    try:
        with _sigint_ignored(), _gc_frozen():  # both inherited by the children
            for _ in range(count):
                mine, theirs = context.Pipe()
                # a child must not keep the parent's end of another worker's pipe open,
                # or that worker would never see EOF if the parent died
                others = [w.conn for w in workers]
                process = context.Process(
                    target=_serve,
                    args=(theirs, mine, others, func, items),
                    name="impact-worker",
                    daemon=True,
                )
                try:
                    process.start()
                except OSError:  # no more processes allowed (ulimit -u, memory)
                    mine.close()
                    theirs.close()
                    break
                theirs.close()
                workers.append(_Worker(process, mine))
        if not workers:  # not one could start: do the work here
            return MapResult([func(item) for item in items], 0)
        for worker in workers:
            for _ in range(PREFETCH):
                _feed(worker, todo, bounds)
        waiting = len(bounds)
        while waiting:
            for conn in wait([w.conn for w in workers if w.busy]):
                worker = next(w for w in workers if w.conn is conn)
                message = _receive(worker)
                if message[0] == "error":
                    _, exc, remote = message
                    raise exc from RemoteTracebackError(remote)
                _, index, pid, results = message
                chunks[index] = results
                pids.add(pid)
                worker.busy -= 1
                waiting -= 1
                _feed(worker, todo, bounds)
        for worker in workers:
            with suppress(OSError):  # one that is gone already has nothing left to do
                worker.conn.send(None)  # done: exit
        for worker in workers:
            worker.process.join()
    finally:
        for worker in workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in workers:
            worker.process.join()
            worker.conn.close()
    results = [result for chunk in chunks if chunk is not None for result in chunk]
    return MapResult(results, len(workers), tuple(sorted(pids)))


def _feed(worker: _Worker, todo: deque[int], bounds: list[tuple[int, int]]) -> None:
    if todo:
        index = todo.popleft()
        # A worker whose end is closed has stopped: after a bug, whose report is still
        # in the pipe, or killed. Either way the receiving loop reads what it sent and
        # then its EOF, and says which; a BrokenPipeError must not escape from here
        # (the CLI would take it for a reader of its output that went away).
        with suppress(OSError):
            worker.conn.send((index, *bounds[index]))
        worker.busy += 1


def _died(worker: _Worker) -> NoReturn:
    worker.process.join(timeout=5)
    code = worker.process.exitcode
    how = f"was killed by signal {-code}" if code and code < 0 else f"exited with {code}"
    raise WorkerDiedError(
        f"a worker process (pid {worker.process.pid}) {how} before returning its results"
    )


def _receive(worker: _Worker) -> tuple[Any, ...]:
    try:
        message: tuple[Any, ...] = worker.conn.recv()
    except (EOFError, OSError):
        _died(worker)
    return message


@contextmanager
def _gc_frozen() -> Iterator[None]:
    """Move every object alive now out of the collector's reach while forking.

    The children keep them there: a collection in a worker then never walks the
    inherited modules and caches, which would cost time and, by touching each
    object's header, a private copy of every page of the inherited heap. The
    parent gets them back (unless someone else froze objects first).
    """
    import gc

    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore SIGINT while the workers are forked (they go on ignoring it)."""
    import signal

    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _serve(
    conn: Connection,
    parent_end: Connection,
    others: list[Connection],
    func: Callable[[T], R],
    items: Sequence[T],
) -> None:
    """A worker's loop: take ``(chunk, start, stop)``, send back the results."""
    parent_end.close()
    for other in others:
        other.close()
    pid = os.getpid()
    try:
        while (task := conn.recv()) is not None:
            index, start, stop = task
            try:
                results = [func(items[i]) for i in range(start, stop)]
                # pickled whole before a byte is written, so a result that cannot be
                # pickled fails here and is reported like any other error
                conn.send(("ok", index, pid, results))
            except BaseException as exc:  # every failure goes back to the parent
                conn.send(("error", _portable(exc), "".join(traceback.format_exception(exc))))
                return
    except (EOFError, OSError, KeyboardInterrupt):  # the parent went away: just stop
        return
    finally:
        conn.close()


def _portable(exc: BaseException) -> Exception:
    """``exc`` itself when it survives pickling and is an ordinary error."""
    import pickle

    if isinstance(exc, Exception):
        try:
            copy = pickle.loads(pickle.dumps(exc))  # noqa: S301 - our own bytes
        except Exception:
            copy = None  # cannot travel: described instead
        if isinstance(copy, Exception):
            return copy
    return RuntimeError(f"{type(exc).__name__} in a worker process: {exc}")
