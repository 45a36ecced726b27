"""The machine's other cores, for the few long C calls: the one module that starts processes for speed.

An entry point opens a pool (:func:`cpu_pool`) around work that splits into
independent calls (the refresh of network insights: betweenness in chunks,
Leiden), hands it down, and the code below submits its calls to it. Nothing
in a worker depends on which worker runs it or on how many there are, so the
answers are the same with one process or several; without a pool
(:class:`Inline`) each call runs at once in the caller.

Workers start from a fresh interpreter (``forkserver``), never by ``fork``:
the parent may hold a Neo4j driver with threads, which a forked child would
inherit half-locked.

It sits at the package's top level, beside :mod:`netgraph.collector`, so that
any layer may use it.

>>> with cpu_pool(1) as pool:
...     pool.submit(sum, [1, 2, 3]).result()
6
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

#: How workers start: a fresh interpreter forked from a clean server, not a copy of the parent (its threads).
START_METHOD = "forkserver"


class Inline(Executor):
    """Runs each submitted call at once, in the caller: the pool of a single core, or of no pool at all."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        done: Future[Any] = Future()
        try:
            done.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed back through result(), as a process pool does
            done.set_exception(error)
        return done


def workers_for(tasks: int) -> int:
    """One worker per core, never more than the independent calls at hand."""
    return max(1, min(os.cpu_count() or 1, tasks))


@contextmanager
def cpu_pool(workers: int) -> Iterator[Executor]:
    """A pool of ``workers`` processes for the block (shut down after it); :class:`Inline` for one."""
    if workers < 2:
        yield Inline()
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(START_METHOD)) as pool:
        yield pool
