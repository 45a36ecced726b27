"""The embedded store's audit trail and erasure tombstones: tables beside the graph in the same file.

Tables (created by the first write that needs them)::

    audit(seq INTEGER PRIMARY KEY, at TEXT, action TEXT, event TEXT)   one sealed event (JSON) per row
    tombstones(hash TEXT PRIMARY KEY)                                  keyed hashes of erased ids and emails
    meta: audit_head, audit_count (the anchor), erasure_key,
          audit_trail ("kept": the trail has recorded every write since the file was made, or
          since the file was migrated, when an "audit.start" event began it)

They commit in the same SQLite transaction as the graph change they record,
so a change is never without its event (nor an event without its change).
In memory (no file) the same lives in lists, taken back on a rollback.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time

from netgraph.errors import NotScrubbed
from netgraph.model.audit import GENESIS, AuditEntry, AuditEvent, seal, started_entry
from netgraph.model.audit import timestamp as now
from netgraph.store.embedded import database
from netgraph.store.embedded.mirror import Mirror
from netgraph.store.ports import AuditAnchor

_TABLES = """
CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL,
                                  event TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tombstones (hash TEXT PRIMARY KEY) WITHOUT ROWID
"""


def _ensure_tables(conn: sqlite3.Connection) -> None:
    for statement in filter(str.strip, _TABLES.split(";")):
        conn.execute(statement)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    count: int = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    return count > 0


def append_on(conn: sqlite3.Connection, entry: AuditEntry, key: bytes | None) -> AuditEvent:
    """Seal ``entry`` after the last event and append it, inside ``conn``'s write transaction."""
    _ensure_tables(conn)
    head = database.meta(conn, "audit_head") or GENESIS
    count = int(database.meta(conn, "audit_count") or 0)
    sealed = seal(entry, prev=head, seq=count + 1, at=now(), key=key)
    conn.execute(
        "INSERT INTO audit VALUES (?, ?, ?, ?)",
        (sealed["seq"], sealed["at"], sealed["action"], json.dumps(sealed, ensure_ascii=False)),
    )
    database.set_meta(conn, "audit_head", sealed["hash"])
    database.set_meta(conn, "audit_count", sealed["seq"])
    return sealed


def start_trail(conn: sqlite3.Connection, key: bytes | None) -> None:
    """Inside a write transaction on a file whose trail is not known to be kept (made before the trail
    existed, or by the JSON migration): if it holds data and no event, begin the trail with an
    ``audit.start`` event saying what it held; then mark the trail kept.

    Once marked, a file that holds data and no event fails ``audit verify`` (the trail was deleted).
    """
    if database.meta(conn, "audit_trail") == "kept":
        return
    events = int(database.meta(conn, "audit_count") or 0)
    held = dict(conn.execute("SELECT label, count(*) FROM nodes GROUP BY label ORDER BY label").fetchall())
    if held and not events:
        append_on(conn, started_entry(held), key)
    database.set_meta(conn, "audit_trail", "kept")


class AuditLog:
    """Append, read, redact events; keep tombstones and the erasure key."""

    def __init__(self, mirror: Mirror, key: bytes | None = None):
        self.mirror = mirror
        #: new events are keyed with it (HMAC-SHA256) when set
        self.key = key
        self._events: list[AuditEvent] = []  # in memory only
        self._anchor: AuditAnchor | None = None
        self._tombstones: set[str] = set()
        self._key: str | None = None

    # -- the trail ---------------------------------------------------------------------------

    def append(self, entry: AuditEntry) -> AuditEvent:
        sealed: list[AuditEvent] = []

        def work(conn: sqlite3.Connection | None) -> None:
            if conn is None:
                anchor = self._anchor or {"head": GENESIS, "count": 0}
                event = seal(entry, prev=anchor["head"], seq=anchor["count"] + 1, at=now(), key=self.key)
                self._events.append(event)
                self._anchor = {"head": event["hash"], "count": event["seq"]}
                sealed.append(event)
                return
            sealed.append(append_on(conn, entry, self.key))

        before = (list(self._events), self._anchor)

        def undo() -> None:
            self._events, self._anchor = list(before[0]), before[1]

        self.mirror.in_transaction(work, undo if self.mirror.path is None else None)
        return sealed[-1]

    def events(self, since: str | None = None) -> list[AuditEvent]:
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

    def anchor(self) -> AuditAnchor | None:
        conn = self.mirror.reading_connection()
        if conn is None:
            return None if self._anchor is None else self._anchor.copy()
        with database.read_snapshot(conn):
            head = database.meta(conn, "audit_head")
            return None if head is None else {"head": head, "count": int(database.meta(conn, "audit_count"))}

    def replace(self, events: list[AuditEvent]) -> None:
        """Store redacted versions of events (same seq); only erasure does this."""

        def work(conn: sqlite3.Connection | None) -> None:
            if conn is None:
                by_seq = {e["seq"]: e for e in events}
                self._events = [by_seq.get(e["seq"], e) for e in self._events]
                return
            conn.executemany(
                "UPDATE audit SET event = ? WHERE seq = ?",
                [(json.dumps(e, ensure_ascii=False), e["seq"]) for e in events],
            )

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
                stored: str | None = database.meta(conn, "erasure_key")
            if stored is not None:
                return stored
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
        """After an erasure: move the write-ahead log's content into the file and cut the log to nothing.

        Deleted rows were overwritten in the pages that replaced them (``secure_delete``), but until
        a checkpoint copies those pages into the file, the file keeps the old ones, and the log keeps
        the old values too. A checkpoint cannot finish while another connection reads an older
        snapshot: SQLite waits for it (the busy timeout), and this tries again until ``write_wait``
        seconds have passed, then raises :class:`~netgraph.errors.NotScrubbed` saying how to finish.
        """
        conn = self.mirror.reading_connection()
        if conn is None:
            return
        deadline = time.monotonic() + self.mirror.write_wait
        while True:
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return
            if time.monotonic() >= deadline:
                raise NotScrubbed(
                    f"old values are still in {self.mirror.path}-wal and in the file's old pages: another process "
                    f"kept reading the store for {self.mirror.write_wait:g} s, so the write-ahead log could not be "
                    "folded into the file. Stop that process (a netgraph serve? a sqlite3 shell?) or let it go idle, "
                    f"then run `netgraph --data {self.mirror.path} db scrub` to finish"
                )
            time.sleep(0.05)

    def start(self) -> None:
        """Begin the trail of a file made before it existed (:func:`start_trail`), once; nothing to do
        in memory or on a file known to be kept."""
        conn = self.mirror.reading_connection()
        if conn is None:
            return
        with database.read_snapshot(conn):
            if database.meta(conn, "audit_trail") == "kept":
                return
        self.mirror.in_transaction(lambda write: start_trail(write, self.key) if write is not None else None)

    def clear(self, conn: sqlite3.Connection | None) -> None:
        if conn is None:
            self._events, self._anchor, self._tombstones = [], None, set()
            return
        if _has_table(conn, "audit"):
            conn.execute("DELETE FROM audit")
            conn.execute("DELETE FROM tombstones")
        conn.execute("DELETE FROM meta WHERE key IN ('audit_head', 'audit_count')")
