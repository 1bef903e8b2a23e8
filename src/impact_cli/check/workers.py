"""Run one function over many items in forked worker processes, in input order.

Checking a file is pure Python, so threads would share one interpreter lock;
processes use every core. They are forked (Linux only: the caller decides), so
they start with every module the parent has imported.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_in_workers(
    func: Callable[[T], R], items: Sequence[T], workers: int
) -> tuple[list[R], set[int]]:
    """``[func(item) for item in items]`` computed by ``workers`` forked processes,
    and the pids of the workers that computed them.

    ``func``, the items and the results are pickled (``func`` is a module-level
    function or a partial of one). An exception raised by ``func`` is raised here
    with the worker's traceback as its cause; a worker that dies (killed by a
    signal) raises :class:`~concurrent.futures.process.BrokenProcessPool`. In
    both cases, and on Ctrl-C, every worker is stopped before the exception goes on.
    """
    # A few chunks per worker: few messages, yet the workers finish close together.
    size = max(1, len(items) // (workers * 4))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        try:
            # The workers are forked on the first submit with SIGINT blocked, and
            # keep it blocked: Ctrl-C reaches the whole process group, and only this
            # process acts on it (below), so no worker prints a traceback.
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                futures = [pool.submit(_run_chunk, func, chunk) for chunk in chunks]
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            done = [future.result() for future in futures]
        except BaseException:
            # Leaving the block would wait for the running chunks, which can take
            # long. The pool's workers are the only processes multiprocessing started
            # here. (Not pool.map nor cancel_futures: Python 3.11's pool fails on a
            # cancelled task once a worker has stopped.)
            for process in multiprocessing.active_children():
                process.terminate()
            raise
    return [result for _, results in done for result in results], {pid for pid, _ in done}


def _run_chunk(func: Callable[[T], R], chunk: Sequence[T]) -> tuple[int, list[R]]:
    return os.getpid(), [func(item) for item in chunk]
