"""Tables the embedded store keeps beside its graph (tie evidence, stored insights), and where they live.

In a store with a file they live in that file and commit with the graph's
transaction (a write runs inside :meth:`Mirror.in_transaction`); a store
without a file keeps them in a private in-memory SQLite database, so the
same SQL serves both. Each table is created by the first write that needs
it, so a file made before a table existed gets it then.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from netgraph.store.embedded.mirror import Mirror


class SideTables:
    """The connection plumbing of a group of side tables; subclasses set :attr:`TABLES` and add the SQL."""

    #: The ``CREATE … IF NOT EXISTS`` statements of the group, separated by ``;``.
    TABLES = ""

    def __init__(self, mirror: Mirror | None):
        self.mirror = mirror if mirror is not None and mirror.path is not None else None
        self._memory: sqlite3.Connection | None = None
        if self.mirror is None:
            self._memory = sqlite3.connect(":memory:", check_same_thread=False)
            self._ensure(self._memory)

    def _ensure(self, conn: sqlite3.Connection) -> None:
        for statement in filter(str.strip, self.TABLES.split(";")):
            conn.execute(statement)

    def _write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """Run ``work`` in the graph's write transaction (in memory: a transaction of its own)."""
        if self._memory is not None:
            with self._memory:
                work(self._memory)
            return

        def in_file(conn: sqlite3.Connection | None) -> None:
            assert conn is not None  # the mirror has a file
            self._ensure(conn)
            work(conn)

        assert self.mirror is not None  # no database in memory: the tables are in the mirror's file
        self.mirror.in_transaction(in_file)

    def _connection(self) -> sqlite3.Connection | None:
        """The connection reads use (None: the store has no file yet)."""
        if self._memory is not None:
            return self._memory
        assert self.mirror is not None  # no database in memory: the tables are in the mirror's file
        return self.mirror.reading_connection()
