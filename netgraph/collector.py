"""Pausing Python's cycle collector while a large, acyclic answer is built.

CPython runs a collection every 700 net allocations and, now and then, a full
one that walks every tracked object that is not frozen, the half-built graph
included: at 100k people that tripled the time to build the embedded graph.
Nothing built under the pause holds reference cycles, so reference counting
frees it as usual; the collector resumes when the last pause ends, in
whichever thread that is.

It sits at the package's top level, beside :mod:`netgraph.errors`, so that any
layer may use it. The coverage report uses it too: on the embedded store the
gain was unclear once the store froze its kept answers, but reading 10k
position rows from Neo4j and building the report took half as long without
collections (docs/benchmarks/coverage.md).

>>> import gc
>>> with cycle_collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Keep the cycle collector off until this and every other pause (any thread) has ended.

    The collector is a process-wide switch: with two threads pausing at once, the
    first to finish must not switch it back on under the second, and nobody may
    switch on a collector that was off before the first pause.
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
