"""The embedded store's stored insights and its ``network_changed_at`` marker, tables beside the graph.

Tables (created by the first write that needs them)::

    insight_state(key PRIMARY KEY, value)        'network_changed_at', and 'meta': the small figures (JSON)
    insight_parts(kind, key, position, value)    one record per unit, level, community... (JSON), by kind
    insight_person_rows(person PRIMARY KEY, unit, rank, cut_size, sole_links, bridges, row)
                                                 one row per person (JSON); rank orders by betweenness,
                                                 the cut figures (NULL: no cut point) order cut points
    insight_person_order(kind, position, person, unit)
                                                 the orders pages list people in ('impact': the risk x
                                                 impact grid's listing, 'exposed': the people exposed),
                                                 so a page reads its first rows, not every row

A read opens only the records it shows: one level's heat map, the silo rows
of some units, the first rows by rank. Each save names its result with a
new ``run`` (in 'meta'); a read given a run checks, after its rows, that the
run is still the one stored (each statement of the shared read connection
sees the last commit, so a save committed between two reads of one page is
caught here, not mixed in). In memory, reads and saves share one
connection, which would show a save's uncommitted rows to other threads:
they take turns there. Kept in the graph's file, the tables
commit with the graph's transaction: the marker with the write that changed
the network, a person's row's removal with their erasure. In memory they
live in a private SQLite database.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterable
from typing import Any, Literal, cast

from netgraph.errors import InsightsRefreshed
from netgraph.model.insight_rows import InsightOrders, InsightParts, InsightPersonRow, InsightState
from netgraph.model.insights import cut_figures, without_person
from netgraph.store.embedded.mirror import Mirror
from netgraph.store.embedded.side_tables import SideTables

# The first layout (one JSON document for every unit-level result) is dropped: a refresh recomputes it all.
_TABLES = """
DROP TABLE IF EXISTS insight_people;
CREATE TABLE IF NOT EXISTS insight_state (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
DELETE FROM insight_state WHERE key = 'state';
CREATE TABLE IF NOT EXISTS insight_parts (
    kind TEXT NOT NULL, key TEXT NOT NULL, position INTEGER NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS insight_parts_order ON insight_parts (kind, position);
CREATE TABLE IF NOT EXISTS insight_person_rows (
    person TEXT PRIMARY KEY, unit TEXT, rank REAL NOT NULL,
    cut_size INTEGER, sole_links INTEGER, bridges INTEGER, row TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS insight_person_rows_rank ON insight_person_rows (rank DESC, person);
CREATE INDEX IF NOT EXISTS insight_person_rows_cut
    ON insight_person_rows (cut_size DESC, sole_links DESC, bridges DESC, person) WHERE cut_size IS NOT NULL;
CREATE TABLE IF NOT EXISTS insight_person_order (
    kind TEXT NOT NULL, position INTEGER NOT NULL, person TEXT NOT NULL, unit TEXT, PRIMARY KEY (kind, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS insight_person_order_unit ON insight_person_order (kind, unit, position);
CREATE INDEX IF NOT EXISTS insight_person_order_person ON insight_person_order (person)
"""
#: The columns of a person row beside its JSON, in insertion order.
_PERSON_COLUMNS = "person, unit, rank, cut_size, sole_links, bridges, row"


def _person_record(row: InsightPersonRow, rank_by: Literal["betweenness"]) -> tuple[Any, ...]:
    cut = cut_figures(row) or (None, None, None)
    return (row["person"], row.get("unit"), float(row[rank_by]), *cut, json.dumps(row, ensure_ascii=False))


class InsightTables(SideTables):
    """Read and write the insight tables of one embedded store (``mirror`` None: in memory only)."""

    TABLES = _TABLES

    def __init__(self, mirror: Mirror | None):
        super().__init__(mirror)
        #: in memory, one connection serves reads and saves: a read waits for a save's commit
        self._turns = threading.RLock()

    def _write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        if self._memory is None:
            super()._write(work)
            return
        with self._turns:
            super()._write(work)

    def _read(self, sql: str, params: Iterable[Any] = (), run: str | None = None) -> list[tuple[Any, ...]]:
        """The rows of ``sql``; given ``run``, only if that run is still the one stored (checked after the
        rows: a save that commits between the two raises InsightsRefreshed, never mixes results)."""
        rows = self._select(sql, params)
        if run is not None and self._run() != run:
            raise InsightsRefreshed()
        return rows

    def _select(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        conn = self._connection()
        if conn is None:
            return []
        try:
            if self._memory is None:
                return conn.execute(sql, tuple(params)).fetchall()
            with self._turns:
                return conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.OperationalError as exc:  # no table yet: nothing stored
            if "no such table" in str(exc):
                return []
            raise

    def _run(self) -> str:
        """The run stored now ('' before the first save, or for a result saved before runs existed)."""
        found = self._select("SELECT json_extract(value, '$.run') FROM insight_state WHERE key = 'meta'")
        return (found[0][0] or "") if found else ""

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

    def save(
        self,
        state: InsightState,
        people: list[InsightPersonRow],
        parts: InsightParts,
        rank_by: Literal["betweenness"],
        orders: InsightOrders | None = None,
    ) -> None:
        """Replace every stored result by ``state``, ``people``, ``parts`` and ``orders``, at once."""

        def work(conn: sqlite3.Connection) -> None:
            # the rows are read inside the transaction, as everything the save stores
            units = {r["person"]: r.get("unit") for r in people}
            conn.execute("DELETE FROM insight_person_order")
            conn.executemany(
                "INSERT INTO insight_person_order (kind, position, person, unit) VALUES (?, ?, ?, ?)",
                (
                    (kind, position, person, units.get(person))
                    for kind, persons in cast(dict[str, list[str]], orders or {}).items()
                    for position, person in enumerate(persons)
                ),
            )
            conn.execute("DELETE FROM insight_person_rows")
            conn.executemany(
                f"INSERT INTO insight_person_rows ({_PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
                (_person_record(r, rank_by) for r in people),
            )
            conn.execute("DELETE FROM insight_parts")
            conn.executemany(
                "INSERT INTO insight_parts (kind, key, position, value) VALUES (?, ?, ?, ?)",
                (
                    (kind, str(key), position, json.dumps(value, ensure_ascii=False))
                    for kind, pairs in cast(dict[str, list[tuple[str, Any]]], parts).items()
                    for position, (key, value) in enumerate(pairs)
                ),
            )
            conn.execute(
                "INSERT OR REPLACE INTO insight_state (key, value) VALUES ('meta', ?)",
                (json.dumps({**state, "run": secrets.token_hex(8)}, ensure_ascii=False),),
            )

        self._write(work)

    def state(self, *, with_run: bool = False) -> InsightState | None:
        """The state as saved; ``with_run``: with the run that saved it too ('' for one saved before runs)."""
        found = self._read("SELECT value FROM insight_state WHERE key = 'meta'")
        if not found:
            return None
        state = json.loads(found[0][0])
        run = state.pop("run", "")
        return cast(InsightState, {**state, "run": run} if with_run else state)

    def parts(self, kind: str, keys: list[str] | None, run: str | None = None) -> list[Any]:
        """The parts of ``kind`` in the order saved, of ``keys`` only if given."""
        if keys is None:
            rows = self._read("SELECT value FROM insight_parts WHERE kind = ? ORDER BY position", [kind], run)
        else:
            rows = self._read(
                "SELECT value FROM insight_parts WHERE kind = ? AND key IN (SELECT value FROM json_each(?)) "
                "ORDER BY position",
                [kind, json.dumps([str(k) for k in keys])],
                run,
            )
        return [json.loads(r[0]) for r in rows]

    def people(
        self, persons: list[str] | None, limit: int | None, units: list[str] | None = None, run: str | None = None
    ) -> list[InsightPersonRow]:
        """Stored rows, highest rank first (then by id): of ``persons`` and ``units`` only if given, at most
        ``limit``."""
        where: list[str] = []
        params: list[Any] = []
        if persons is not None:
            where.append("person IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(persons))
        if units is not None:
            where.append("unit IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(units))
        sql = "SELECT row FROM insight_person_rows" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY rank DESC, person"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [json.loads(r[0]) for r in self._read(sql, params, run)]

    def _listed(
        self,
        select: str,
        where: str,
        params: list[Any],
        unit_column: str,
        units: list[str] | None,
        order_by: str | None = None,
        limit: int | None = None,
        run: str | None = None,
    ) -> list[tuple[Any, ...]]:
        """``select`` rows matching ``where`` (with ``params``), of ``units`` only if given (``unit_column``
        holds a row's unit), ordered by ``order_by``, at most ``limit``, of ``run`` if given (:meth:`_read`):
        the one "units + limit" query the listings share, every value a parameter."""
        sql = f"{select} WHERE {where}"
        params = list(params)
        if units is not None:
            sql += f" AND {unit_column} IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(units))
        if order_by is not None:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._read(sql, params, run)

    def ordered(
        self, order: str, units: list[str] | None, limit: int | None, run: str | None = None
    ) -> list[InsightPersonRow]:
        """Stored rows in the saved ``order`` (a kind of :class:`InsightOrders`): of ``units`` only if given,
        at most ``limit``; only the rows listed are decoded."""
        rows = self._listed(
            "SELECT r.row FROM insight_person_order o JOIN insight_person_rows r ON r.person = o.person",
            "o.kind = ?",
            [order],
            "o.unit",
            units,
            "o.position",
            limit,
            run,
        )
        return [json.loads(r[0]) for r in rows]

    def ordered_count(self, order: str, units: list[str] | None, run: str | None = None) -> int:
        """How many stored rows the saved ``order`` lists (of ``units`` only if given)."""
        found = self._listed("SELECT count(*) FROM insight_person_order", "kind = ?", [order], "unit", units, run=run)
        return int(found[0][0]) if found else 0

    def cut_points(self, units: list[str] | None, limit: int | None, run: str | None = None) -> list[InsightPersonRow]:
        """Stored rows of cut points by their cut figures, largest first (then by id)."""
        rows = self._listed(
            "SELECT row FROM insight_person_rows",
            "cut_size IS NOT NULL",
            [],
            "unit",
            units,
            "cut_size DESC, sole_links DESC, bridges DESC, person",
            limit,
            run,
        )
        return [json.loads(r[0]) for r in rows]

    def forget(self, persons: list[str]) -> None:
        """Take ``persons`` out of every stored result (erasure): their rows, and their ids in others' rows."""

        def work(conn: sqlite3.Connection) -> None:
            conn.executemany("DELETE FROM insight_person_rows WHERE person = ?", ((p,) for p in persons))
            conn.executemany("DELETE FROM insight_person_order WHERE person = ?", ((p,) for p in persons))
            for person in persons:
                quoted = json.dumps(person, ensure_ascii=False)
                for other, text in conn.execute(
                    "SELECT person, row FROM insight_person_rows WHERE instr(row, ?) > 0", (quoted,)
                ).fetchall():
                    row = without_person(json.loads(text), person)
                    cut = cut_figures(row) or (None, None, None)
                    conn.execute(
                        "UPDATE insight_person_rows SET row = ?, cut_size = ?, sole_links = ?, bridges = ? "
                        "WHERE person = ?",
                        (json.dumps(row, ensure_ascii=False), *cut, other),
                    )
                    if not row.get("exposure", {}).get("exposed", True):
                        conn.execute("DELETE FROM insight_person_order WHERE kind = 'exposed' AND person = ?", (other,))

        self._write(work)

    def clear(self) -> None:
        def work(conn: sqlite3.Connection) -> None:
            for table in ("insight_state", "insight_parts", "insight_person_rows", "insight_person_order"):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608

        self._write(work)
