"""The embedded store's outbox, a table beside the graph.

Table (created by the first write that needs it)::

    outbox(id PRIMARY KEY, to_person, state, next_try, queued_at, message)
                                            one row per message: the message as JSON

Kept in the graph's file, a message commits with the graph's transaction
(with its audit event, and its deletion or redaction with an erasure).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, cast

from netgraph.model.mail import Message, redacted
from netgraph.store.embedded.side_tables import SideTables

_TABLES = """
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY, to_person TEXT, state TEXT NOT NULL, next_try TEXT NOT NULL, queued_at TEXT NOT NULL,
    message TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_try);
CREATE INDEX IF NOT EXISTS outbox_to ON outbox (to_person)
"""


def _row(m: Message) -> tuple[Any, ...]:
    return (m["id"], m["to_person"], m["state"], m["next_try"], m["queued_at"], json.dumps(m, ensure_ascii=False))


def _message(text: str) -> Message:
    """A stored message's JSON as the message it was saved as."""
    return cast(Message, json.loads(text))


class OutboxTables(SideTables):
    """Read and write the outbox of one embedded store."""

    TABLES = _TABLES

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        conn = self._connection()
        if conn is None:
            return []
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:  # no table yet: no message stored
            if "no such table" in str(exc):
                return []
            raise

    def queue(self, messages: list[Message]) -> int:
        """Insert the messages whose id is new (in the current transaction); how many were."""
        added = [0]

        def work(conn: sqlite3.Connection) -> None:
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO outbox (id, to_person, state, next_try, queued_at, message) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [_row(m) for m in messages],
            )
            added[0] = conn.total_changes - before

        self._write(work)
        return added[0]

    def update(self, message: Message) -> bool:
        """Store ``message`` in place of the stored one with its id; whether there was one."""
        changed = [0]

        def work(conn: sqlite3.Connection) -> None:
            changed[0] = conn.execute(
                "UPDATE outbox SET to_person = ?, state = ?, next_try = ?, queued_at = ?, message = ? WHERE id = ?",
                (*_row(message)[1:], message["id"]),
            ).rowcount

        self._write(work)
        return changed[0] > 0

    def all(self, person: str | None) -> list[Message]:
        if person is None:
            rows = self._rows("SELECT message FROM outbox ORDER BY queued_at, id")
        else:
            rows = self._rows("SELECT message FROM outbox WHERE to_person = ? ORDER BY queued_at, id", (person,))
        return [_message(text) for (text,) in rows]

    def due(self, now: str, limit: int) -> list[Message]:
        rows = self._rows(
            "SELECT message FROM outbox WHERE state = 'queued' AND next_try <= ? ORDER BY next_try, id LIMIT ?",
            (now, limit),
        )
        return [_message(text) for (text,) in rows]

    def forget(self, persons: list[str]) -> None:
        """Erasure: delete the messages not sent that name ``persons``; redact the sent ones."""

        def work(conn: sqlite3.Connection) -> None:
            for person in persons:
                quoted = json.dumps(person, ensure_ascii=False)
                for (text,) in conn.execute(
                    "SELECT message FROM outbox WHERE instr(message, ?) > 0", (quoted,)
                ).fetchall():
                    stored = _message(text)
                    if person not in stored["about"]:
                        continue
                    if stored["state"] == "sent":
                        kept = redacted(stored, person)
                        conn.execute(
                            "UPDATE outbox SET to_person = ?, message = ? WHERE id = ?",
                            (kept["to_person"], json.dumps(kept, ensure_ascii=False), stored["id"]),
                        )
                    else:
                        conn.execute("DELETE FROM outbox WHERE id = ?", (stored["id"],))

        self._write(work)

    def clear(self) -> None:
        self._write(lambda conn: conn.execute("DELETE FROM outbox"))
