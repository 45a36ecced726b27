"""The embedded store's tie evidence: per-pair, per-channel, per-day event counts, tables beside the graph.

Tables (created by the first write that needs them)::

    tie_evidence(batch, a, b, channel, day, events, minutes)  the counts one ingest added
    tie_ingests(hash PRIMARY KEY, name, batch, at)           the ledger: input files already ingested
    removed_ties(a, b, removed_on)                           KNOWS links removed by hand
    counted_events(hash PRIMARY KEY, day)                    keyed hashes of the events counted lately
    tie_state(name PRIMARY KEY, value)                       the key those hashes are made with
    tie_figures(a, b PRIMARY KEY, rule, first_seen, ...)     each pair's running figures (pending: JSON)

An ingest's rows, the running figures of the pairs they touch and its
files' ledger entries are written in one SQLite transaction: a crash
leaves all or none, so an input is never counted twice, and ingesting a
recorded file again is a no-op. Rows never hold more than ids, a channel,
a day and counts (netgraph/io/interactions.py: no event is kept). The
hashes of the events an ingest counted commit in the same transaction;
each is a keyed hash of an event's identity and its day,
naming no one, kept ``window_days`` (docs/ties.md).

In a file they commit with the graph's transaction; in memory they live in
a private in-memory SQLite database (the same SQL either way).

>>> log = EvidenceTables(None)
>>> log.add_batch("b1", [{"a": "p1", "b": "p2", "channel": "meeting", "day": "2026-11-02",
...                       "events": 2, "minutes": 60.0}], files=[("day.csv", "h1")])
1
>>> log.batches(), [r["events"] for r in log.evidence()]
({'h1'}, [2])
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, cast

from netgraph.model.audit import timestamp as now
from netgraph.store.embedded.side_tables import SideTables
from netgraph.store.ports import EvidenceRow, TieFiguresRow

_TABLES = """
CREATE TABLE IF NOT EXISTS tie_evidence (batch TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
                                         channel TEXT NOT NULL, day TEXT NOT NULL, events INTEGER NOT NULL,
                                         minutes REAL);
CREATE INDEX IF NOT EXISTS tie_evidence_pair ON tie_evidence (a, b);
CREATE INDEX IF NOT EXISTS tie_evidence_b ON tie_evidence (b);
CREATE TABLE IF NOT EXISTS tie_ingests (hash TEXT PRIMARY KEY, name TEXT NOT NULL, batch TEXT NOT NULL,
                                        at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS removed_ties (a TEXT NOT NULL, b TEXT NOT NULL, removed_on TEXT NOT NULL,
                                         PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counted_events (hash TEXT PRIMARY KEY, day TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS counted_events_day ON counted_events (day);
CREATE TABLE IF NOT EXISTS tie_state (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tie_figures (a TEXT NOT NULL, b TEXT NOT NULL, rule TEXT NOT NULL,
                                        first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, events INTEGER NOT NULL,
                                        evidence REAL NOT NULL, qualified_by TEXT, pending TEXT NOT NULL,
                                        PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tie_figures_b ON tie_figures (b)
"""
_COLUMNS = ("a", "b", "channel", "day", "events", "minutes")


def _has_tables(conn: sqlite3.Connection) -> bool:
    count: int = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'tie_ingests'").fetchone()[0]
    return count > 0


class EvidenceTables(SideTables):
    """Read and write the evidence tables of one embedded store (``mirror`` None: in memory only)."""

    TABLES = _TABLES

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        conn = self._connection()
        if conn is None or not _has_tables(conn):
            return []
        return conn.execute(sql, tuple(params)).fetchall()

    # -- the ledger and the counts --------------------------------------------------------------

    def batches(self) -> set[str]:
        return {digest for (digest,) in self._read("SELECT hash FROM tie_ingests")}

    def add_batch(
        self,
        batch: str,
        rows: Iterable[Mapping[str, Any]],
        *,
        files: list[tuple[str, str]],
        events: Iterable[tuple[str, str]] = (),
        figures: Iterable[TieFiguresRow] = (),
    ) -> int:
        written = [0]

        def work(conn: sqlite3.Connection) -> None:
            # rows and ledger commit in one transaction, so rows of this batch exist only if the ledger
            # says so (the same batch written again): only then is the table scanned to replace them
            if conn.execute("SELECT 1 FROM tie_ingests WHERE batch = ? LIMIT 1", (batch,)).fetchone():
                conn.execute("DELETE FROM tie_evidence WHERE batch = ?", (batch,))
            before = conn.total_changes
            conn.executemany(
                "INSERT INTO tie_evidence VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((batch, *(r[c] for c in _COLUMNS)) for r in rows),
            )
            written[0] = conn.total_changes - before
            conn.executemany("INSERT OR REPLACE INTO counted_events VALUES (?, ?)", events)
            _write_figures(conn, figures)
            at = now()
            conn.executemany(
                "INSERT OR REPLACE INTO tie_ingests VALUES (?, ?, ?, ?)",
                ((digest, name, batch, at) for name, digest in files),
            )

        self._write(work)
        return written[0]

    def evidence(self, pairs: list[tuple[str, str]] | None = None) -> Iterator[EvidenceRow]:
        """The counts (``pairs``: of those pairs only), one row per batch that holds them, streamed."""
        sql = "SELECT a, b, channel, day, events, minutes FROM tie_evidence {where}"
        if pairs is None:
            for row in self._stream(sql.format(where=""), ()):
                yield _row(row)
            return
        conn = self._connection()
        if conn is None or not _has_tables(conn) or not pairs:
            return
        # the pairs in a temporary table joined on the (a, b) index: one query, not one per pair
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS asked_pairs (a TEXT NOT NULL, b TEXT NOT NULL)")
        conn.execute("DELETE FROM asked_pairs")
        conn.executemany("INSERT INTO asked_pairs VALUES (?, ?)", pairs)
        try:
            cursor = conn.execute(
                "SELECT e.a, e.b, e.channel, e.day, e.events, e.minutes "
                "FROM asked_pairs p JOIN tie_evidence e ON e.a = p.a AND e.b = p.b"
            )
            while rows := cursor.fetchmany(10_000):
                for row in rows:
                    yield _row(row)
        finally:
            conn.execute("DELETE FROM asked_pairs")

    def figures(self, pairs: list[tuple[str, str]]) -> Iterator[TieFiguresRow]:
        """The running figures of ``pairs`` (those that have some), looked up on the table's key in one query."""
        conn = self._connection()
        if conn is None or not _has_tables(conn) or not pairs:
            return
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'tie_figures'").fetchone():
            return  # a file from before figures were kept: every pair is judged from its counts
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS asked_figures (a TEXT NOT NULL, b TEXT NOT NULL)")
        conn.execute("DELETE FROM asked_figures")
        conn.executemany("INSERT INTO asked_figures VALUES (?, ?)", pairs)
        try:
            cursor = conn.execute(
                f"SELECT {', '.join('f.' + c for c in TieFiguresRow._fields)} "
                "FROM asked_figures p JOIN tie_figures f ON f.a = p.a AND f.b = p.b"
            )
            while rows := cursor.fetchmany(10_000):
                yield from map(TieFiguresRow._make, rows)
        finally:
            conn.execute("DELETE FROM asked_figures")

    def events_with(self, person: str) -> dict[str, int]:
        """Everyone ``person`` has evidence with -> the pair's events, summed over its counts in two keyed reads.

        What recommend's ``pair_contacts`` reads (netgraph/model/learned.py). The
        counts, not the running figures: figures are kept only for pairs that
        qualified as ties, and most pairs that met have not. A person's pairs are
        few, so reading them all costs less than a look-up per candidate. An
        ingest's counts commit in one transaction, so none is half written.
        """
        found: dict[str, int] = {}
        for sql in (
            "SELECT b, sum(events) FROM tie_evidence WHERE a = ? GROUP BY b",
            "SELECT a, sum(events) FROM tie_evidence WHERE b = ? GROUP BY a",
        ):
            for other, events in self._read(sql, (person,)):
                found[other] = found.get(other, 0) + int(events)
        return found

    def _stream(self, sql: str, params: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
        conn = self._connection()
        if conn is None or not _has_tables(conn):
            return
        cursor = conn.execute(sql, params)
        while rows := cursor.fetchmany(10_000):
            yield from rows

    def purge(self, people: list[str]) -> int:
        """Drop every count and removal note naming one of ``people``; how many counts went."""
        dropped = [0]

        def work(conn: sqlite3.Connection) -> None:
            for person in people:
                dropped[0] += conn.execute("DELETE FROM tie_evidence WHERE a = ? OR b = ?", (person, person)).rowcount
                conn.execute("DELETE FROM removed_ties WHERE a = ? OR b = ?", (person, person))
                conn.execute("DELETE FROM tie_figures WHERE a = ? OR b = ?", (person, person))

        self._write(work)
        return dropped[0]

    # -- the hashes of events counted (netgraph/io/interactions.py, remembered_events) --------------

    def event_key(self) -> bytes:
        """The key, made on first use in the store's own file: the hashes are worthless without it."""
        key: list[str] = []

        def work(conn: sqlite3.Connection) -> None:  # a write: a file made before this table gets it here
            conn.execute("INSERT OR IGNORE INTO tie_state VALUES ('event_key', ?)", (secrets.token_hex(32),))
            key.append(conn.execute("SELECT value FROM tie_state WHERE name = 'event_key'").fetchone()[0])

        self._write(work)
        return bytes.fromhex(key[0])

    def counted_events(self) -> Iterator[str]:
        for (digest,) in self._stream("SELECT hash FROM counted_events", ()):
            yield digest

    def forget_events(self, before: str) -> int:
        forgotten = [0]

        def work(conn: sqlite3.Connection) -> None:
            forgotten[0] = conn.execute("DELETE FROM counted_events WHERE day < ?", (before,)).rowcount

        self._write(work)
        return forgotten[0]

    # -- links removed by hand --------------------------------------------------------------------

    def note_removed(self, a: str, b: str, on: str) -> None:
        self._write(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO removed_ties VALUES (?, ?, ?)", (min(a, b), max(a, b), on)
            )
        )

    def removed(self) -> dict[tuple[str, str], str]:
        return {(a, b): on for a, b, on in self._read("SELECT a, b, removed_on FROM removed_ties")}

    def clear(self) -> None:
        def work(conn: sqlite3.Connection) -> None:
            for table in ("tie_evidence", "tie_ingests", "removed_ties", "counted_events", "tie_state", "tie_figures"):
                conn.execute(f"DELETE FROM {table}")

        self._write(work)


def _write_figures(conn: sqlite3.Connection, figures: Iterable[TieFiguresRow]) -> None:
    """Replace the pairs' figures; into an empty table (a first ingest) with the index on ``b`` built after.

    A first ingest writes one row per pair it counted (883,256 at 10k people),
    in key order: appending them and then sorting ``b`` once is cheaper than
    inserting each into the ``b`` index at a random place.
    """
    empty = conn.execute("SELECT 1 FROM tie_figures LIMIT 1").fetchone() is None
    if empty:
        conn.execute("DROP INDEX IF EXISTS tie_figures_b")
    conn.executemany("INSERT OR REPLACE INTO tie_figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", figures)
    if empty:
        conn.execute("CREATE INDEX IF NOT EXISTS tie_figures_b ON tie_figures (b)")


def _row(values: tuple[Any, ...]) -> EvidenceRow:
    """A stored count as the port gives it (the table's columns are EvidenceRow's fields)."""
    return cast(EvidenceRow, dict(zip(_COLUMNS, values, strict=True)))
