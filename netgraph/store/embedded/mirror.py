"""The graph in memory, kept in step with the store's file across threads and processes.

The SQLite file (:mod:`netgraph.store.embedded.database`) is the truth; each
process keeps a networkx mirror of it, because the analyses walk networkx's
adjacency dicts in microseconds. This module keeps the mirror honest:

**Reading.** Before a read, one ``PRAGMA data_version`` (microseconds, no
disk read) tells whether any other connection has committed since the last
look. If one has, the mirror re-reads just the keys the ``changes`` log
names and applies them (milliseconds for a web write or a small import), so
a read sees every write committed before it began. When the log cannot say
(an import of more than ``inline_limit`` keys), the whole graph is loaded
again: at once if the file is small (``reload_inline_below``), else by a
background thread, beside the graph in use, swapped in when ready; until
then reads are served from the previous state, which is consistent but
older (by about the time it takes to open the store).
Reads never wait for a writer, in this process or another.

**Writing.** :meth:`Mirror.transaction` takes the file's write lock
(``BEGIN IMMEDIATE``; another process's writer waits, up to ``write_wait``
seconds), brings the mirror up to the last commit, and holds both until it
ends, so whatever the caller checks inside it (validation against the
store) still holds when its writes commit. Each :meth:`Mirror.write` changes
the graph through an :class:`~netgraph.store.embedded.edits.Edit` and saves
exactly the rows that changed; if anything fails before the commit, the
file rolls back and the edits are undone in memory (no reload). Other
threads of this process go on reading the mirror while a transaction
validates; from its first write until its commit they wait (milliseconds for
a web write), so no one reads a write that may still be rolled back.

Locks, always taken in this order: ``_writer`` (one transaction per
process), ``_catching_up`` (one catch-up or rebuild at a time; readers only
*try* it, and skip the catch-up if it is taken), ``lock`` (the graph).

Examples
--------
>>> mirror = Mirror(None)            # in memory only: no file, same transactions
>>> from netgraph.store.embedded.records import write_document
>>> mirror.write(lambda edit: write_document(edit, {"org_units": [{"id": "u1", "name": "Sales", "parent": None}]}))
>>> with mirror.reading() as graph:
...     graph.number_of_nodes()
1
"""

from __future__ import annotations

import atexit
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import networkx as nx

from netgraph.collector import cycle_collector_paused, freeze_survivors
from netgraph.store.embedded import database
from netgraph.store.embedded.adjacency import drop_views
from netgraph.store.embedded.edits import Edit

#: Keys another process's writes may change for the mirror to apply them in place (reads wait
#: meanwhile); beyond it, the graph is loaded again.
INLINE_LIMIT = 50_000
#: A file smaller than this (a few thousand people: a short load) is reloaded at once by the read
#: that finds it changed; a bigger one in the background, while reads use the graph as it was.
RELOAD_INLINE_BELOW = 4 * 2**20
#: Seconds a write waits for another process's write (an import) before giving up.
WRITE_WAIT = 30.0
#: Graphs (or writes) above this many nodes (keys) are frozen out of Python's cycle collector, see settle.
SETTLE_ABOVE = 10_000


class _Transaction:
    """One write transaction's state: how to undo it, and what it committed."""

    def __init__(self) -> None:
        self.undo_steps: list[Callable[[], None]] = []
        self.holds_lock = False
        self.generation: int | None = None
        self.size = 0

    def undo(self) -> None:
        for step in reversed(self.undo_steps):
            step()


class Mirror:
    """The graph of one store in memory; ``path=None``: in memory only (tests, ``serve --demo``).

    ``start``: a graph known to be the file's at that generation, instead of loading it.
    ``freeze_graph``: keep a large graph (and the answers kept with it) out of
    Python's cycle collector (:meth:`settle`); for processes that live long.
    """

    def __init__(
        self,
        path: Path | None,
        *,
        write_wait: float = WRITE_WAIT,
        inline_limit: int = INLINE_LIMIT,
        reload_inline_below: int = RELOAD_INLINE_BELOW,
        on_change: Callable[[], None] | None = None,
        start: tuple[nx.MultiDiGraph, int] | None = None,
        freeze_graph: bool = False,
    ):
        self.path = path
        self.freeze_graph = freeze_graph
        self.graph = nx.MultiDiGraph()
        #: the file's generation the graph shows (0: nothing committed)
        self.generation = 0
        self.lock = threading.RLock()
        self.write_wait = write_wait
        self.inline_limit = inline_limit
        self.reload_inline_below = reload_inline_below
        self._on_change = on_change or (lambda: None)
        self._writer = threading.RLock()
        self._catching_up = threading.Lock()
        self._local = threading.local()
        self._conns: dict[str, sqlite3.Connection] = {}
        self._seen_version: int | None = None
        self._failure: BaseException | None = None
        if start is not None:  # the graph as just written (a migration): no need to read it back
            self.graph, self.generation = start
            self.settle(self.graph)
        elif path is not None:
            with self._catching_up:
                conn = self._connection("read")
                if conn is not None:
                    version = _data_version(conn)
                    self._rebuild(conn)
                    self._seen_version = version

    # -- reading -------------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[nx.MultiDiGraph]:
        """Hold the graph for one read, caught up first with what others committed (not when nested)."""
        depth = getattr(self._local, "depth", 0)
        if depth == 0 and getattr(self._local, "tx", None) is None:
            self.refresh()
        with self.lock:
            self._local.depth = depth + 1
            try:
                yield self.graph
            finally:
                self._local.depth = depth

    def refresh(self, *, wait: bool = False) -> None:
        """Apply what other connections committed since the last look.

        ``wait=False`` (before each read): skip if a catch-up is already under
        way, and leave the reload of a big file to a background thread.
        ``wait=True``: wait for one under way and reload here if needed, so the
        mirror is current after.
        """
        if self.path is None or getattr(self._local, "tx", None) is not None or getattr(self._local, "depth", 0) != 0:
            return  # in memory, inside this thread's transaction (current), or inside a read (must not change)
        if not self._catching_up.acquire(blocking=wait):
            return
        handed_over = False
        try:
            self._raise_background_failure()
            conn = self._connection("read")
            if conn is None:  # no file yet: nothing was ever written
                return
            version = _data_version(conn)
            if version == self._seen_version:
                return
            pending = database.pending_since(conn, self.generation, inline_limit=self.inline_limit)
            if pending is not None and pending.reload:
                if not wait and _file_size(self.path) >= self.reload_inline_below:
                    self._rebuild_in_background(version)
                    handed_over = True
                    return
                self._rebuild(conn)
            elif pending is not None:
                self._apply(pending)
            self._seen_version = version
        finally:
            if not handed_over:
                self._catching_up.release()

    # -- writing -------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Reads and writes inside see and make one consistent, atomic change (re-entrant)."""
        if getattr(self._local, "tx", None) is not None:
            yield
            return
        if getattr(self._local, "depth", 0):
            raise RuntimeError("a transaction must begin before the reads it depends on, not inside one")
        with self._writer, self._catching_up:
            tx = _Transaction()
            conn = self._connection("write", create=True) if self.path is not None else None
            if conn is not None:
                database.begin_write(conn, cast(Path, self.path), self.write_wait)  # a connection: a file
            self._local.tx = tx
            try:
                try:
                    if conn is not None:
                        self._catch_up_to_write(conn)
                    yield
                    if conn is not None:
                        conn.execute("COMMIT")
                except BaseException:
                    if conn is not None and conn.in_transaction:
                        conn.execute("ROLLBACK")
                    if tx.undo_steps:
                        tx.undo()
                        self._on_change()
                    raise
                if tx.generation is not None:
                    self.generation = tx.generation
            finally:
                self._local.tx = None
                if tx.holds_lock:
                    self.lock.release()
        if tx.size > SETTLE_ABOVE:
            self.settle(self.graph)

    def write(self, change: Callable[[Edit], None]) -> None:
        """Run ``change`` on the graph and save what it changed, in the current transaction or its own."""
        with self.transaction():
            tx = self._hold_for_writing()
            edit = Edit(self.graph)
            tx.undo_steps.append(edit.undo)
            self._on_change()
            change(edit)
            tx.size += edit.size()
            if self.path is not None:
                generation = database.save_edit(self._conns["write"], edit)
                if generation is not None:
                    tx.generation = generation

    def in_transaction(
        self, work: Callable[[sqlite3.Connection | None], None], undo: Callable[[], None] | None = None
    ) -> None:
        """Run ``work`` on the write connection (None in memory) inside the current transaction or its own;
        ``undo`` takes back in memory what ``work`` did there, if the transaction rolls back.

        For the tables beside the graph (the audit trail, tombstones): they commit with the graph's change.
        """
        with self.transaction():
            tx: _Transaction = self._local.tx
            if undo is not None:
                tx.undo_steps.append(undo)
            work(self._conns.get("write") if self.path is not None else None)

    def reading_connection(self) -> sqlite3.Connection | None:
        """The connection reads of the tables beside the graph use (None in memory or before any write)."""
        if self.path is None:
            return None
        if getattr(self._local, "tx", None) is not None:
            return self._conns.get("write")
        with self._catching_up:
            return self._connection("read")

    def clear(self) -> None:
        """Delete everything, as one write."""
        with self.transaction():
            tx = self._hold_for_writing()
            old = self.graph
            self.graph = nx.MultiDiGraph()
            tx.undo_steps.append(lambda: setattr(self, "graph", old))
            self._on_change()
            if self.path is not None:
                tx.generation = database.clear(self._conns["write"])

    def _hold_for_writing(self) -> _Transaction:
        """From a transaction's first write to its end, other threads wait to read (no dirty reads)."""
        tx: _Transaction = self._local.tx
        if not tx.holds_lock:
            self.lock.acquire()
            tx.holds_lock = True
        return tx

    def close(self) -> None:
        """Wait for a background reload, close the connections (the last one out checkpoints and removes
        the WAL). The mirror stays usable: connections open again on the next use."""
        if getattr(self._local, "tx", None) is not None:
            raise RuntimeError("close the store after its transaction, not inside it")
        with self._writer, self._catching_up:
            for conn in self._conns.values():
                conn.close()
            self._conns.clear()
            self._seen_version = None

    def __del__(self) -> None:
        # sqlite3 connections sit in reference cycles of their own: without this, a store dropped
        # unclosed would keep its WAL files until the next garbage collection
        for conn in getattr(self, "_conns", {}).values():
            try:
                conn.close()
            except Exception:  # noqa: S110 - at interpreter exit sqlite3 may be gone already
                pass

    def settle(self, graph: nx.MultiDiGraph) -> None:
        """With ``freeze_graph``, move a large graph, and whatever else is alive, out of the cycle collector.

        A full collection would otherwise walk the graph's millions of long-lived
        dicts (and the answers the store keeps until the next write) in the
        middle of some query. Frozen objects are still freed when their last
        reference goes: a replaced graph first loses its cached views
        (:func:`~netgraph.store.embedded.adjacency.drop_views`), its only cycles.
        """
        if self.freeze_graph and len(graph) > SETTLE_ABOVE:
            freeze_survivors()

    # -- catching up ---------------------------------------------------------------------------

    def _catch_up_to_write(self, conn: sqlite3.Connection) -> None:
        """Inside the write lock: make the graph show the last commit, however big the gap."""
        pending = database.pending_since(conn, self.generation, inline_limit=self.inline_limit)
        if pending is not None and pending.reload:
            self._rebuild(conn)
        elif pending is not None:
            self._apply(pending)

    def _apply(self, pending: database.Pending) -> None:
        with self.lock:
            database.apply_pending(self.graph, pending)
            self.generation = pending.generation
            self._on_change()

    def _rebuild(self, conn: sqlite3.Connection) -> None:
        """Load the whole graph beside the one in use (readers go on using that), then swap it in.

        The cycle collector is paused meanwhile: the graph is millions of dicts, none in a cycle.
        """
        with cycle_collector_paused():
            while True:
                graph, generation = database.load_graph(conn)
                pending = database.pending_since(conn, generation, inline_limit=self.inline_limit)
                if pending is None or not pending.reload:
                    break
            if pending is not None:
                database.apply_pending(graph, pending)
                generation = pending.generation
        self.settle(graph)
        with self.lock:
            old, self.graph, self.generation = self.graph, graph, generation
            self._on_change()
        drop_views(old)  # a frozen graph left in a cycle with its views would never be freed

    def _rebuild_in_background(self, version: int) -> None:
        """Reload in a thread that inherits ``_catching_up`` (held by the caller) and releases it."""

        def run() -> None:
            try:
                conn = self._connection("read")
                assert conn is not None
                self._rebuild(conn)
                self._seen_version = version
            except BaseException as exc:  # reported to the next reader
                self._failure = exc
            finally:
                self._catching_up.release()

        threading.Thread(target=run, name=f"netgraph: reloading {self.path}", daemon=True).start()

    def _raise_background_failure(self) -> None:
        failure, self._failure = self._failure, None
        if failure is not None:
            raise failure

    def _connection(self, kind: str, *, create: bool = False) -> sqlite3.Connection | None:
        """The "read" connection (used under ``_catching_up``) or the "write" one (under ``_writer``)."""
        conn = self._conns.get(kind)
        if conn is None and self.path is not None:
            conn = database.connect(self.path, wait=self.write_wait, create=create)
            if conn is not None:
                self._conns[kind] = conn
                _OPEN.add(self)
        return conn

    def _close_if_idle(self) -> None:
        """Close the connections unless a write or a reload is under way (at exit: never wait)."""
        if self._writer.acquire(blocking=False):
            try:
                if self._catching_up.acquire(blocking=False):
                    try:
                        for conn in self._conns.values():
                            conn.close()
                        self._conns.clear()
                    finally:
                        self._catching_up.release()
            finally:
                self._writer.release()


#: Mirrors with open connections, closed when the interpreter exits (a server stopped with Ctrl-C, a
#: script that never called close): the last connection out folds the WAL into the file and removes it.
_OPEN: weakref.WeakSet[Mirror] = weakref.WeakSet()


@atexit.register
def _close_all_at_exit() -> None:
    for mirror in list(_OPEN):
        mirror._close_if_idle()


def _file_size(path: Path) -> int:
    """Bytes of the database and its WAL: what a reload reads, roughly."""
    size = 0
    for name in (path, path.with_name(path.name + "-wal")):
        try:
            size += name.stat().st_size
        except FileNotFoundError:
            pass
    return size


def _data_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA data_version").fetchone()[0]
    return version
