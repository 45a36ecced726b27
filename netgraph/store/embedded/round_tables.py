"""The embedded store's stored mentoring rounds, a table beside the graph.

Table (created by the first write that needs it)::

    match_rounds(id PRIMARY KEY, round)     one row per round: the whole round as JSON

Kept in the graph's file, a round commits with the graph's transaction (with
its audit event, and its scrub with an erasure). In memory it lives in a
private SQLite database.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from netgraph.model.match_rounds import names_person, without_person
from netgraph.store.embedded.side_tables import SideTables

_TABLES = "CREATE TABLE IF NOT EXISTS match_rounds (id TEXT PRIMARY KEY, round TEXT NOT NULL) WITHOUT ROWID"


def _round(text: str) -> dict[str, Any]:
    """A stored round's JSON as the record it was saved as."""
    found: dict[str, Any] = json.loads(text)
    return found


class RoundTables(SideTables):
    """Read and write the stored rounds of one embedded store."""

    TABLES = _TABLES

    def _rows(self, sql: str, params: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
        conn = self._connection()
        if conn is None:
            return []
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:  # no table yet: no round stored
            if "no such table" in str(exc):
                return []
            raise

    def save(self, match_round: dict[str, Any]) -> None:
        """Store ``match_round`` in place of the stored one with its id (in the current transaction)."""
        text = json.dumps(match_round, ensure_ascii=False)
        self._write(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO match_rounds (id, round) VALUES (?, ?)", (match_round["id"], text)
            )
        )

    def one(self, round_id: str) -> dict[str, Any] | None:
        found = self._rows("SELECT round FROM match_rounds WHERE id = ?", (round_id,))
        return _round(found[0][0]) if found else None

    def all(self) -> list[dict[str, Any]]:
        return [_round(text) for (text,) in self._rows("SELECT round FROM match_rounds ORDER BY id")]

    def forget(self, persons: list[str]) -> None:
        """Take ``persons`` out of every stored round (erasure)."""

        def work(conn: sqlite3.Connection) -> None:
            for person in persons:
                quoted = json.dumps(person, ensure_ascii=False)
                for round_id, text in conn.execute(
                    "SELECT id, round FROM match_rounds WHERE instr(round, ?) > 0", (quoted,)
                ).fetchall():
                    stored = json.loads(text)
                    if names_person(stored, person):
                        conn.execute(
                            "UPDATE match_rounds SET round = ? WHERE id = ?",
                            (json.dumps(without_person(stored, person), ensure_ascii=False), round_id),
                        )

        self._write(work)

    def clear(self) -> None:
        self._write(lambda conn: conn.execute("DELETE FROM match_rounds"))
