"""Python's cycle collector, kept off large acyclic structures: the one module that touches ``gc``.

A collection walks every tracked object that is not frozen, a half-built or
long-kept graph included, so a few entry points that build big structures
pause it (:func:`cycle_collector_paused`): the importer, the bulk load (its
validating child too), opening and reloading the embedded store, the
coverage report of the CLI and the web, and the refresh of network insights. Nothing built under a pause holds
reference cycles, so reference counting frees it as usual. Long-running
processes may also move what is alive out of the collector's reach
(:func:`freeze_survivors`), which the embedded store does on request. What
each saved is on the benchmarks pages (docs/benchmarks/).

It sits at the package's top level, beside :mod:`netgraph.errors`, so that any
layer may use it.

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


def freeze_survivors() -> None:
    """Move every object alive now out of the collector's reach for good (``gc.freeze``).

    For structures a process keeps and reads for hours (the embedded store's
    graph): a full collection would otherwise walk them again and again.
    Frozen objects are still freed when their last reference goes, unless they
    sit in a reference cycle: freeze only what holds none.
    """
    gc.freeze()
