"""The embedded store's stored insights and its ``network_changed_at`` marker, tables beside the graph.

Tables (created by the first write that needs them)::

    insight_state(key PRIMARY KEY, value)            'network_changed_at', and 'state': the stored result (JSON)
    insight_people(person PRIMARY KEY, rank, row)     one row per person (JSON); rank orders by betweenness

Kept in the graph's file, they commit with the graph's transaction: the
marker with the write that changed the network, a person's row's removal
with their erasure. In memory they live in a private SQLite database.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from netgraph.model.insights import without_person
from netgraph.store.embedded.side_tables import SideTables

_TABLES = """
CREATE TABLE IF NOT EXISTS insight_state (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insight_people (person TEXT PRIMARY KEY, rank REAL NOT NULL, row TEXT NOT NULL)
    WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS insight_people_rank ON insight_people (rank DESC, person)
"""
_CHUNK = 500


class InsightTables(SideTables):
    """Read and write the insight tables of one embedded store (``mirror`` None: in memory only)."""

    TABLES = _TABLES

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        conn = self._connection()
        if conn is None:
            return []
        try:
            return conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.OperationalError as exc:  # no table yet: nothing stored
            if "no such table" in str(exc):
                return []
            raise

    def mark_changed(self, at: str) -> None:
        """Record that the network changed at ``at`` (in the current transaction)."""
        self._write(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO insight_state (key, value) VALUES ('network_changed_at', ?)", (at,)
            )
        )

    def network_changed_at(self) -> str | None:
        found = self._read("SELECT value FROM insight_state WHERE key = 'network_changed_at'")
        return found[0][0] if found else None

    def save(self, state: dict[str, Any], people: list[dict[str, Any]], rank_by: str) -> None:
        """Replace every stored result by ``state`` and ``people``, at once."""

        def work(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM insight_people")
            conn.executemany(
                "INSERT INTO insight_people (person, rank, row) VALUES (?, ?, ?)",
                ((r["person"], float(r[rank_by]), json.dumps(r, ensure_ascii=False)) for r in people),
            )
            conn.execute(
                "INSERT OR REPLACE INTO insight_state (key, value) VALUES ('state', ?)",
                (json.dumps(state, ensure_ascii=False),),
            )

        self._write(work)

    def state(self) -> dict[str, Any] | None:
        found = self._read("SELECT value FROM insight_state WHERE key = 'state'")
        return json.loads(found[0][0]) if found else None

    def people(self, persons: list[str] | None, limit: int | None) -> list[dict[str, Any]]:
        """Stored rows, highest rank first (then by id): of ``persons`` only if given, at most ``limit``."""
        if persons is not None:
            rows = []
            for start in range(0, len(persons), _CHUNK):  # SQLite caps the parameters of one statement
                chunk = persons[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows += self._read(
                    f"SELECT rank, person, row FROM insight_people WHERE person IN ({marks})",  # noqa: S608
                    chunk,
                )
            rows = [(r[2],) for r in sorted(rows, key=lambda r: (-r[0], r[1]))]
        else:
            rows = self._read(
                "SELECT row FROM insight_people ORDER BY rank DESC, person" + (" LIMIT ?" if limit is not None else ""),
                [limit] if limit is not None else [],
            )
        found = [json.loads(r[0]) for r in rows]
        return found[:limit] if limit is not None else found

    def forget(self, persons: list[str]) -> None:
        """Take ``persons`` out of every stored result (erasure): their rows, and their ids in others' rows."""

        def work(conn: sqlite3.Connection) -> None:
            conn.executemany("DELETE FROM insight_people WHERE person = ?", ((p,) for p in persons))
            for person in persons:
                quoted = json.dumps(person, ensure_ascii=False)
                for other, text in conn.execute(
                    "SELECT person, row FROM insight_people WHERE instr(row, ?) > 0", (quoted,)
                ).fetchall():
                    row = without_person(json.loads(text), person)
                    conn.execute(
                        "UPDATE insight_people SET row = ? WHERE person = ?",
                        (json.dumps(row, ensure_ascii=False), other),
                    )

        self._write(work)

    def clear(self) -> None:
        self._write(
            lambda conn: conn.execute("DELETE FROM insight_state") and conn.execute("DELETE FROM insight_people")
        )
