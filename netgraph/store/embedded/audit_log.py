"""The embedded store's audit trail and erasure tombstones: tables beside the graph in the same file.

Tables (created by the first write that needs them)::

    audit(seq INTEGER PRIMARY KEY, at TEXT, action TEXT, event TEXT)   one sealed event (JSON) per row
    tombstones(hash TEXT PRIMARY KEY)                                  keyed hashes of erased ids and emails
    meta: audit_head, audit_count (the anchor), erasure_key

They commit in the same SQLite transaction as the graph change they record,
so a change is never without its event (nor an event without its change).
In memory (no file) the same lives in lists, taken back on a rollback.
"""

from __future__ import annotations

import json
import secrets
import sqlite3

from netgraph.model.audit import GENESIS, seal
from netgraph.model.audit import timestamp as now
from netgraph.store.embedded import database
from netgraph.store.embedded.mirror import Mirror

_TABLES = """
CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL,
                                  event TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tombstones (hash TEXT PRIMARY KEY) WITHOUT ROWID
"""


def _ensure_tables(conn: sqlite3.Connection) -> None:
    for statement in filter(str.strip, _TABLES.split(";")):
        conn.execute(statement)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0] > 0


class AuditLog:
    """Append, read, redact events; keep tombstones and the erasure key."""

    def __init__(self, mirror: Mirror):
        self.mirror = mirror
        self._events: list[dict] = []  # in memory only
        self._anchor: dict | None = None
        self._tombstones: set[str] = set()
        self._key: str | None = None

    # -- the trail ---------------------------------------------------------------------------

    def append(self, entry: dict) -> dict:
        sealed: dict = {}

        def work(conn: sqlite3.Connection | None) -> None:
            if conn is None:
                anchor = self._anchor or {"head": GENESIS, "count": 0}
                sealed.update(seal(entry, prev=anchor["head"], seq=anchor["count"] + 1, at=now()))
                self._events.append(sealed)
                self._anchor = {"head": sealed["hash"], "count": sealed["seq"]}
                return
            _ensure_tables(conn)
            head = database.meta(conn, "audit_head") or GENESIS
            count = int(database.meta(conn, "audit_count") or 0)
            sealed.update(seal(entry, prev=head, seq=count + 1, at=now()))
            conn.execute("INSERT INTO audit VALUES (?, ?, ?, ?)",
                         (sealed["seq"], sealed["at"], sealed["action"], json.dumps(sealed, ensure_ascii=False)))
            database.set_meta(conn, "audit_head", sealed["hash"])
            database.set_meta(conn, "audit_count", sealed["seq"])

        before = (list(self._events), self._anchor)

        def undo() -> None:
            self._events, self._anchor = list(before[0]), before[1]

        self.mirror.in_transaction(work, undo if self.mirror.path is None else None)
        return sealed

    def events(self, since: str | None = None) -> list[dict]:
        conn = self.mirror.reading_connection()
        if conn is None:
            return [e for e in self._events if since is None or e["at"] >= since]
        with database.read_snapshot(conn):
            if not _has_table(conn, "audit"):
                return []
            rows = conn.execute("SELECT event FROM audit WHERE at >= ? ORDER BY seq", (since or "",)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def count(self) -> int:
        conn = self.mirror.reading_connection()
        if conn is None:
            return len(self._events)
        with database.read_snapshot(conn):
            return int(database.meta(conn, "audit_count") or 0) if _has_table(conn, "audit") else 0

    def anchor(self) -> dict | None:
        conn = self.mirror.reading_connection()
        if conn is None:
            return None if self._anchor is None else dict(self._anchor)
        with database.read_snapshot(conn):
            head = database.meta(conn, "audit_head")
            return None if head is None else {"head": head, "count": int(database.meta(conn, "audit_count"))}

    def replace(self, events: list[dict]) -> None:
        """Store redacted versions of events (same seq); only erasure does this."""

        def work(conn: sqlite3.Connection | None) -> None:
            if conn is None:
                by_seq = {e["seq"]: e for e in events}
                self._events = [by_seq.get(e["seq"], e) for e in self._events]
                return
            conn.executemany("UPDATE audit SET event = ? WHERE seq = ?",
                             [(json.dumps(e, ensure_ascii=False), e["seq"]) for e in events])

        self.mirror.in_transaction(work)

    # -- erasure ---------------------------------------------------------------------------------

    def erasure_key(self) -> str:
        """The key tombstones are hashed with, made on first use and kept in the store."""
        found: list[str] = []

        def work(conn: sqlite3.Connection | None) -> None:
            if conn is None:
                self._key = self._key or secrets.token_hex(32)
                found.append(self._key)
                return
            key = database.meta(conn, "erasure_key")
            if key is None:
                key = secrets.token_hex(32)
                database.set_meta(conn, "erasure_key", key)
            found.append(key)

        conn = self.mirror.reading_connection()
        if conn is not None:
            with database.read_snapshot(conn):
                key = database.meta(conn, "erasure_key")
            if key is not None:
                return key
        elif self._key is not None:
            return self._key
        self.mirror.in_transaction(work)
        return found[0]

    def add_tombstones(self, hashes: list[str]) -> None:
        def work(conn: sqlite3.Connection | None) -> None:
            if conn is None:
                self._tombstones.update(hashes)
                return
            _ensure_tables(conn)
            conn.executemany("INSERT OR IGNORE INTO tombstones VALUES (?)", [(h,) for h in hashes])

        self.mirror.in_transaction(work)

    def tombstones(self) -> set[str]:
        conn = self.mirror.reading_connection()
        if conn is None:
            return set(self._tombstones)
        with database.read_snapshot(conn):
            if not _has_table(conn, "tombstones"):
                return set()
            return {r[0] for r in conn.execute("SELECT hash FROM tombstones")}

    def scrub(self) -> None:
        """After an erasure: overwrite freed pages and move the WAL's content into the file and off disk."""
        conn = self.mirror.reading_connection()
        if conn is None:
            return
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def clear(self, conn: sqlite3.Connection | None) -> None:
        if conn is None:
            self._events, self._anchor, self._tombstones = [], None, set()
            return
        if _has_table(conn, "audit"):
            conn.execute("DELETE FROM audit")
            conn.execute("DELETE FROM tombstones")
        conn.execute("DELETE FROM meta WHERE key IN ('audit_head', 'audit_count')")
