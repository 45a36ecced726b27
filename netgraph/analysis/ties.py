"""Ties from evidence, kept in the store: ingest events, re-age ties, derive the org chart's ties, opt out.

The rules live in :mod:`netgraph.model.ties`; reading and aggregating events
(DuckDB) in :mod:`netgraph.io.interactions`. This module joins them to a
store through its :class:`~netgraph.store.ports.TieEvidence` port:

* :func:`ingest` counts new input files (a file already in the ledger is
  skipped: ingesting it again is a no-op), stores the per-pair, per-channel,
  per-day counts, and re-judges every pair they touch from *all* its stored
  counts: so late events re-aggregate the days they touch, and the result
  does not depend on the order files came in. An event an ingest within
  the last ``window_days`` counted (another export holding the same
  meeting) is a duplicate: the store keeps a keyed hash of each event
  counted, and its day, for that long;
* :func:`refresh` re-ages every derived tie to a day (``ties refresh
  --as-of``): a tie known only from interactions whose strength has faded
  below ``retire_below`` retires (``retired_on``) and leaves every analysis;
* :func:`from_org_chart` derives manager-and-report and same-team ties;
* :func:`set_opt_out` records a person's choice and drops what their events gave.

Evidence dated on or before the day a KNOWS link was removed by hand does
not bring it back (only newer evidence can).

Every change is written as KNOWS records through ``store.write`` (one
audited write): the same merge rules (:func:`netgraph.model.ties.provenance`)
as an import.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from netgraph.errors import NotFound
from netgraph.io import interactions, tie_figures
from netgraph.model.audit import entry, summarised
from netgraph.model.records import KnowsRecord
from netgraph.model.ties import (
    DEFAULT_SETTINGS,
    TieSettings,
    effective_strength,
    figures_rule,
    may_retire,
    stored_evidence_strength,
)
from netgraph.model.vocabulary import FIELDS, TIE_SOURCES
from netgraph.store.ports import EvidenceRow, Persistence, SignalPerson, TieEvidence, TieFiguresRow, TieWrites


class TieStore(Persistence, TieEvidence, Protocol):
    """The evidence ties are judged from and the KNOWS links they are written as."""


if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

#: KNOWS records per store write when many ties change at once.
_WRITE_CHUNK = 50_000


def judged_record(stored: Mapping[str, Any] | None, tie: dict[str, Any], *, as_of: str) -> dict[str, Any]:
    """The KNOWS record of a pair after its evidence was judged (``tie``: a row of qualifying_ties).

    Keeps what other sources said; sets the evidence strength, first and
    last evidence days, and retires the tie (from ``as_of``) when it is known
    from interactions alone and its strength has faded, or brings it back.

    >>> tie = {"a": "p1", "b": "p2", "strength": 0.3, "first_seen": "2026-10-01", "last_seen": "2026-11-01",
    ...        "retire": False}
    >>> r = judged_record(None, tie, as_of="2026-11-30")
    >>> r["sources"], r["strength"], r["since"], r["retired_on"]
    (['interactions'], 0.3, '2026-10-01', None)
    >>> r = judged_record({**r, "sources": ["declared", "interactions"], "declared_strength": 0.8},
    ...                   {**tie, "strength": 0.01, "retire": True}, as_of="2026-11-30")
    >>> r["strength"], r["retired_on"]
    (0.8, None)
    """
    base = (
        dict(stored)
        if stored is not None
        else {
            "a": tie["a"],
            "b": tie["b"],
            "since": tie["first_seen"],
            "strength": None,
            "context": None,
            "sources": [],
            "declared_strength": None,
            "evidence_strength": None,
            "org_chart_strength": None,
            "first_seen": None,
            "last_seen": None,
            "retired_on": None,
        }
    )
    sources = [s for s in TIE_SOURCES if s in base["sources"] or s == "interactions"]
    evidence = stored_evidence_strength(tie["strength"])
    retired = (base["retired_on"] or as_of) if tie["retire"] and may_retire(sources) else None
    record = {
        **base,
        "sources": sources,
        "evidence_strength": evidence,
        "first_seen": tie["first_seen"],
        "last_seen": tie["last_seen"],
        "retired_on": retired,
    }
    record["strength"] = effective_strength(record["declared_strength"], evidence, record["org_chart_strength"])
    return {f: record[f] for f in FIELDS["knows"]}


def without_source(record: Mapping[str, Any], source: str) -> dict[str, Any] | None:
    """The record with ``source`` and its strength taken away; None when no source is left (remove it).

    >>> without_source({"a": "p1", "b": "p2", "sources": ["declared", "interactions"], "declared_strength": 0.5,
    ...                 "evidence_strength": 0.7, "org_chart_strength": None, "strength": 0.7,
    ...                 "first_seen": "2026-01-02", "last_seen": "2026-03-04", "retired_on": None,
    ...                 "since": None, "context": None}, "interactions")["strength"]
    0.5
    """
    sources = [s for s in record["sources"] if s != source]
    if not sources:
        return None
    changed = {**record, "sources": sources}
    if source == "interactions":
        changed.update(evidence_strength=None, first_seen=None, last_seen=None, retired_on=None)
    elif source == "org_chart":
        changed["org_chart_strength"] = None
    changed["strength"] = effective_strength(
        changed["declared_strength"], changed["evidence_strength"], changed["org_chart_strength"]
    )
    return changed


def _write_links(
    store: Persistence, records: list[dict[str, Any]], removed: list[tuple[str, str]], action: str, note: str
) -> None:
    """Write and remove KNOWS records, audited, in chunks (one event per chunk)."""
    chunks = [records[i : i + _WRITE_CHUNK] for i in range(0, len(records), _WRITE_CHUNK)] or [[]]
    for number, chunk in enumerate(chunks):
        gone = removed if number == 0 else []
        if not chunk and not gone:
            continue
        entities = [f"person:{p}" for r in chunk for p in (r["a"], r["b"])]
        entities += [f"person:{p}" for pair in gone for p in pair]
        store.write(
            {"knows": cast(list[KnowsRecord], chunk)},
            remove={"knows": gone} if gone else None,
            audit=summarised(action, entities, [], note=note),
        )


def _batch_id(files: list[tuple[str, str]]) -> str:
    """The run's key for its counts: 16 hex digits of a hash of its files' hashes (it is on every stored row)."""
    return hashlib.sha256("\n".join(sorted(digest for _, digest in files)).encode()).hexdigest()[:16]


_COUNT_COLUMNS = ("a", "b", "channel", "day", "events", "minutes")


def _load_counts(con: DuckDBPyConnection, store: TieEvidence) -> None:
    """Put every stored count into DuckDB's ``stored_evidence``, less what a removal hides.

    Streamed in chunks: a large organisation holds tens of millions.
    """
    _create_counts(con, "stored_evidence")
    _stream_counts(con, store.tie_evidence(None), "stored_evidence")
    _sum_counts(con, "stored_evidence")
    _removed_table(con, store.removed_ties())
    con.execute(
        "DELETE FROM stored_evidence e USING removed_ties r WHERE e.a = r.a AND e.b = r.b AND e.day <= r.removed_on"
    )


def _create_counts(con: DuckDBPyConnection, table: str) -> None:
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} (a VARCHAR, b VARCHAR, "
        f"channel {interactions.CHANNEL_TYPE}, day DATE, events INTEGER, minutes DOUBLE)"
    )


def _stream_counts(con: DuckDBPyConnection, rows: Iterable[EvidenceRow], table: str) -> None:
    chunk: list[EvidenceRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == 100_000:
            _insert_counts(con, chunk, table)
            chunk = []
    _insert_counts(con, chunk, table)


def _sum_counts(con: DuckDBPyConnection, table: str) -> None:
    """One row per pair, channel and day (the store gives one per input that counted it)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT a, b, channel, day, "
        f"sum(events)::INTEGER AS events, sum(minutes) AS minutes FROM {table} GROUP BY ALL"
    )


def _removed_table(con: DuckDBPyConnection, removed: Mapping[tuple[str, str], str]) -> None:
    items = sorted(removed.items())
    con.execute(
        "CREATE OR REPLACE TEMP TABLE removed_ties AS SELECT unnest($1::VARCHAR[]) AS a, "
        "unnest($2::VARCHAR[]) AS b, unnest($3::VARCHAR[])::DATE AS removed_on",
        [[k[0] for k, _ in items], [k[1] for k, _ in items], [v for _, v in items]],
    )


def _insert_counts(con: DuckDBPyConnection, rows: Sequence[Mapping[str, Any]], table: str = "stored_evidence") -> None:
    if rows:
        con.execute(
            f"INSERT INTO {table} SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), "
            "unnest($3::VARCHAR[]), unnest($4::VARCHAR[])::DATE, unnest($5::INTEGER[]), "
            "unnest($6::DOUBLE[])",
            [[r[c] for r in rows] for c in _COUNT_COLUMNS],
        )


def _found_ties(con: DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    """The rows of a ties query (``ties_sql``, ``figure_ties_sql``) as dicts, sorted by pair."""
    found = con.execute(f"""
        SELECT a, b, strftime(first_seen, '%Y-%m-%d'), strftime(last_seen, '%Y-%m-%d'), strength, retire
        FROM ({sql}) ORDER BY a, b""").fetchall()
    return [
        {"a": a, "b": b, "first_seen": f, "last_seen": last, "strength": s, "retire": bool(r)}
        for a, b, f, last, s, r in found
    ]


def _judge(
    con: DuckDBPyConnection, store: TieEvidence, settings: TieSettings, as_of: date
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The KNOWS records the counts in ``stored_evidence`` make, and how many are new, changed, retired."""
    return _judged_records(
        store, _found_ties(con, interactions.ties_sql("stored_evidence", settings, as_of=as_of)), as_of
    )


def _judged_records(
    store: TieEvidence, ties: list[dict[str, Any]], as_of: date
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The KNOWS records ``ties`` make (those that change), and how many are new, changed, retired."""
    stored = {(r["a"], r["b"]): r for r in store.knows_links([(t["a"], t["b"]) for t in ties])}
    records, counts = [], {"ties": len(ties), "created": 0, "changed": 0, "retired": 0, "active": 0}
    for tie in ties:
        before = stored.get((tie["a"], tie["b"]))
        record = judged_record(before, tie, as_of=as_of.isoformat())
        counts["retired" if record["retired_on"] else "active"] += 1
        if before is None:
            counts["created"] += 1
        elif record == before:
            continue
        else:
            counts["changed"] += 1
        records.append(record)
    return records, counts


def _judge_touched(
    con: DuckDBPyConnection,
    store: TieEvidence,
    touched: list[tuple[str, str]],
    settings: TieSettings,
    *,
    as_of: date | None,
    today: date,
    first: bool,
) -> tuple[date, list[dict[str, Any]]]:
    """The day the pairs ``new_evidence`` touches are judged at, and their ties; their new figures in ``new_figures``.

    A pair with running figures kept (under these settings) reads those and
    adds the day's counts (:func:`netgraph.model.ties.carried_figures`, in
    SQL): its stored counts are not read. Its counts are read, and the pair
    judged from all of them as :func:`refresh` would, only when it has no
    figures (the first ingest, a store from before figures were kept, other
    settings), has a KNOWS link removed by hand (evidence up to that day does
    not count), or has days after the day it is judged at (``--as-of``).
    Either way the result is the same as judging every count.
    """
    con.execute("CREATE OR REPLACE TEMP TABLE touched_pairs AS SELECT DISTINCT a, b FROM new_evidence")
    con.execute(f"CREATE OR REPLACE TEMP TABLE kept_figures ({tie_figures.FIGURES_COLUMNS})")
    _create_counts(con, "pair_counts")
    if not first:
        # figures of a pair that has qualified, under these settings (the ingest keeps no others), and the
        # stored counts of the others: one read of each pair
        kept, counts = store.tie_figures_or_counts(touched, figures_rule(settings))
        _stream_figures(con, kept)
        _stream_counts(con, counts, "pair_counts")
    # the pairs the store has nothing of: it stores them without looking (a table of the database, read on a
    # cursor of its own in step with the day's counts)
    unread = "" if first else "WHERE NOT EXISTS (SELECT 1 FROM kept_figures f WHERE f.a = t.a AND f.b = t.b) "
    unread += "" if first else "AND NOT EXISTS (SELECT 1 FROM pair_counts c WHERE c.a = t.a AND c.b = t.b)"
    con.execute(f"CREATE OR REPLACE TABLE new_pairs AS SELECT a, b FROM touched_pairs t {unread}")
    _removed_table(con, store.removed_ties())
    # the pairs whose every count is needed: those removed by hand, and (after the first ingest, which
    # carries what it has just read) those without figures
    without_figures = (
        "" if first else "SELECT a, b FROM touched_pairs t ANTI JOIN kept_figures f ON f.a = t.a AND f.b = t.b UNION "
    )
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE recount_pairs AS {without_figures}
        SELECT a, b FROM touched_pairs t SEMI JOIN removed_ties r ON r.a = t.a AND r.b = t.b""")
    # the stored counts of those pairs are read above but for a pair removed by hand that has figures
    con.execute(
        "CREATE OR REPLACE TEMP TABLE removed_with_figures AS SELECT a, b FROM recount_pairs r "
        "SEMI JOIN kept_figures f ON f.a = r.a AND f.b = r.b"
    )
    _add_pair_counts(con, store, "removed_with_figures", first=first, with_day=False)
    _add_pair_counts(con, store, "recount_pairs", first=first, stored=False)
    if first:  # nothing stored yet: every touched pair's counts are the day's
        counts_source = "new_evidence"
    else:
        con.execute("""
            CREATE OR REPLACE TEMP VIEW carry_counts AS
            SELECT n.a, n.b, n.channel, n.day, n.events FROM new_evidence n SEMI JOIN kept_figures f
                ON f.a = n.a AND f.b = n.b
            UNION ALL SELECT c.a, c.b, c.channel, c.day, c.events FROM pair_counts c
                ANTI JOIN kept_figures f ON f.a = c.a AND f.b = c.b""")
        counts_source = "carry_counts"
    con.execute(
        # a table of the database, not of this connection: the store reads it beside the day's counts
        f"CREATE OR REPLACE TABLE new_figures AS "
        f"{tie_figures.carry_sql('kept_figures', counts_source, settings, pending=False)}"
    )
    # the latest day of evidence of the touched pairs, as all their counts less what a removal hides give it
    latest = con.execute("""
        SELECT max(day) FROM (
            SELECT last_seen AS day FROM new_figures f ANTI JOIN removed_ties r ON r.a = f.a AND r.b = f.b
            UNION ALL SELECT c.day FROM pair_counts c JOIN removed_ties r ON r.a = c.a AND r.b = c.b
            WHERE c.day > r.removed_on)""").fetchall()[0][0]
    day = as_of or min(latest or today, today)  # never past the day of the run unless --as-of says so
    # pairs with days after that day: judged from their counts (their figures hold those days)
    con.execute("CREATE OR REPLACE TEMP TABLE late_pairs AS SELECT a, b FROM new_figures WHERE last_seen > ?", [day])
    con.execute(
        "CREATE OR REPLACE TEMP TABLE late_to_read AS SELECT a, b FROM late_pairs l "
        "ANTI JOIN recount_pairs r ON r.a = l.a AND r.b = l.b"
    )
    _add_pair_counts(con, store, "late_to_read", first=first)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE stored_evidence AS
        SELECT c.* FROM pair_counts c
        WHERE EXISTS (SELECT 1 FROM removed_ties r WHERE r.a = c.a AND r.b = c.b AND c.day > r.removed_on)
           OR EXISTS (SELECT 1 FROM late_pairs l WHERE l.a = c.a AND l.b = c.b)""")
    con.execute(
        "CREATE OR REPLACE TEMP VIEW judged_figures AS SELECT * FROM new_figures f "
        "ANTI JOIN removed_ties r ON r.a = f.a AND r.b = f.b"
    )
    found = _found_ties(con, tie_figures.figure_ties_sql("judged_figures", settings, as_of=day))
    found += _found_ties(con, interactions.ties_sql("stored_evidence", settings, as_of=day))
    return day, sorted(found, key=lambda t: (t["a"], t["b"]))


def _add_pair_counts(
    con: DuckDBPyConnection,
    store: TieEvidence,
    pairs: str,
    *,
    first: bool,
    stored: bool = True,
    with_day: bool = True,
) -> None:
    """Add to ``pair_counts`` every count of the pairs in the table ``pairs``: stored ones and the day's.

    ``stored=False``: their stored counts are there already; ``with_day=False``: the day's are added later.
    """
    wanted = [tuple(r) for r in con.execute(f"SELECT a, b FROM {pairs} ORDER BY a, b").fetchall()]
    if not wanted:
        return
    if stored and not first:
        _stream_counts(con, store.tie_evidence(cast(list[tuple[str, str]], wanted)), "pair_counts")
    if with_day:
        con.execute(
            f"INSERT INTO pair_counts SELECT n.a, n.b, n.channel, n.day, n.events, n.minutes FROM new_evidence n "
            f"SEMI JOIN {pairs} p ON p.a = n.a AND p.b = n.b"
        )
    _sum_counts(con, "pair_counts")


def _stream_figures(con: DuckDBPyConnection, rows: Iterable[TieFiguresRow]) -> None:
    """Put the store's figures into DuckDB's ``kept_figures``, in chunks."""
    chunk: list[TieFiguresRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == 100_000:
            _insert_figures(con, chunk)
            chunk = []
    _insert_figures(con, chunk)


def _insert_figures(con: DuckDBPyConnection, rows: Sequence[TieFiguresRow]) -> None:
    if rows:
        pending = [json.loads(r.pending) for r in rows]
        con.execute(
            "INSERT INTO kept_figures SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), "
            "unnest($3::VARCHAR[])::DATE, unnest($4::VARCHAR[])::DATE, unnest($5::BIGINT[]), "
            "unnest($6::DOUBLE[]), unnest($7::VARCHAR[])::DATE, unnest($8::VARCHAR[][])::DATE[], "
            "unnest($9::INTEGER[][])",
            [
                *([getattr(r, c) for r in rows] for c in _FIGURE_FIELDS),
                [days for days, _ in pending],
                [events for _, events in pending],
            ],
        )


_FIGURE_FIELDS = ("a", "b", "first_seen", "last_seen", "events", "evidence", "qualified_by")


def _figure_rows(con: DuckDBPyConnection, table: str, rule: str) -> Iterator[TieFiguresRow]:
    """The figures in ``table`` of the pairs that have qualified, as the store keeps them, streamed.

    Only those: a pair that has not qualified yet keeps every day it has in
    its figures (``pending``), so its figures are no smaller than its counts,
    and it is judged from those (a first ingest at 10k people counted 883,256
    pairs, of which 140,067 qualified). Once a pair has qualified it stays so,
    and its figures are written by every ingest that touches it.

    Read on a cursor of its own (``table`` is a table of the database), so
    that a store may take them in step with the day's counts, pair by pair
    (Neo4j keeps them on the pair's pack of counts). Made row-ready in
    DuckDB, pending days as JSON too: a first ingest has one per pair it
    counted, and per-row Python work there cost more than writing them.
    """
    cursor = con.cursor().execute(
        f"""
        SELECT a, b, $rule, strftime(first_seen, '%Y-%m-%d'), strftime(last_seen, '%Y-%m-%d'), events, evidence,
               strftime(qualified_by, '%Y-%m-%d'),
               '[' || to_json(list_transform(pending_days, lambda d: strftime(d, '%Y-%m-%d'))) || ','
                   || to_json(pending_events) || ']'
        FROM {table} WHERE qualified_by IS NOT NULL ORDER BY a, b""",
        {"rule": rule},
    )
    while batch := cursor.fetchmany(10_000):
        yield from map(TieFiguresRow._make, batch)


def _pair_rows(con: DuckDBPyConnection, table: str) -> Iterator[tuple[str, str]]:
    """The pairs in ``table`` (a table of the database), in pair order, streamed on a cursor of their own."""
    cursor = con.cursor().execute(f"SELECT a, b FROM {table} ORDER BY a, b")
    while batch := cursor.fetchmany(10_000):
        yield from batch


def _opted_out(people: list[SignalPerson]) -> list[str]:
    return [p["id"] for p in people if p["signals_opt_out"]]


#: Days after the day of a run that events may be dated and still count: a day's time zones run ahead of UTC.
FUTURE_SLACK_DAYS = 1


def ledger_key(digest: str, held_back_after: date | None = None) -> str:
    """The ledger's entry for an ingested file: its hash, and the day after which its events were held back.

    A file whose events all counted is its hash alone: ingesting it again is
    a no-op. A file holding events dated after the day of the run (plus
    :data:`FUTURE_SLACK_DAYS`) is ``hash@day``: a later ingest of the same
    file takes its events after that day, and only those.

    >>> ledger_key("ab12"), ledger_key("ab12", date(2026, 12, 7))
    ('ab12', 'ab12@2026-12-07')
    """
    return digest if held_back_after is None else f"{digest}@{held_back_after.isoformat()}"


def taken_until(ledger: Iterable[str]) -> dict[str, date]:
    """Per file hash held back in part: the last day of its events already counted (the latest entry's).

    >>> taken_until(["ab12", "cd34@2026-12-07", "cd34@2027-01-02"])
    {'cd34': datetime.date(2027, 1, 2)}
    """
    taken: dict[str, date] = {}
    for key in ledger:
        digest, _, day = key.partition("@")
        if day:
            taken[digest] = max(taken.get(digest, date.min), date.fromisoformat(day))
    return taken


def ingest(
    store: TieStore,
    inputs: str | Path | Iterable[str | Path],
    *,
    fmt: str = "csv",
    mapping: interactions.EventMapping = interactions.DEFAULT_MAPPING,
    settings: TieSettings = DEFAULT_SETTINGS,
    as_of: date | None = None,
    dry_run: bool = False,
    memory_limit: str = "2GB",
    threads: int | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Count the new input files, keep their counts, and write the ties they make or change.

    Bad input (any file) raises :class:`~netgraph.errors.InvalidInput` with
    every problem located, before anything is written. Events dated after
    ``today`` (the day of the run) plus :data:`FUTURE_SLACK_DAYS` are not
    evidence yet: they are held back, counted in the report
    (``skipped_future``), and a later ingest of the same file takes them
    (:func:`ledger_key`). ``as_of`` (default: the latest day of evidence,
    but never after ``today``) is the day strengths are aged to. Events
    counted by an ingest within ``window_days`` of ``today`` are skipped as
    duplicates (``skipped_duplicate``), by their keyed hashes; hashes of
    events older than that are forgotten first (not in a dry run). Returns
    the report: files (new and already ingested), the events' counters,
    what opting out dropped, and the ties created, changed and retired.
    """
    clock = _Clock()
    today = today or date.today()
    until = today + timedelta(days=FUTURE_SLACK_DAYS)
    files = interactions.input_hashes(inputs, fmt)
    done = store.tie_batches()
    taken = taken_until(done)
    new = [
        (name, digest) for name, digest in files if digest not in done and taken.get(digest, date.min) < until
    ]  # held back: only when a day has come
    new = list(dict((digest, (name, digest)) for name, digest in new).values())  # the same bytes twice: once
    report: dict[str, Any] = {
        "files": len(files),
        "new_files": len(new),
        "already_ingested": len(files) - len(new),
        "dry_run": dry_run,
        "held_back_after": until.isoformat(),
    }
    if not new:
        return {**report, "events": None, "opted_out_pairs": 0, "rows": 0, "ties": None, "timings": clock.laps}
    people = store.signal_people()
    con = interactions.connect(memory_limit=memory_limit, threads=threads)
    try:
        interactions.load_lookup(con, interactions.lookup_rows(people))
        key = store.tie_event_key()
        forget_before = (today - timedelta(days=settings.window_days)).isoformat()
        if not dry_run:
            store.forget_counted_events(forget_before)
        interactions.remembered_events(con, store.counted_events())
        clock.lap("hash_and_lookup_s")
        events = _aggregate_new(con, new, taken, until, fmt=fmt, mapping=mapping, settings=settings, event_key=key)
        report["events"] = events.as_dict()
        if events.skipped_future:  # a later ingest of these files takes the events held back
            new = [(name, ledger_key(digest, until)) for name, digest in new]
        opted = _opted_out(people)
        if opted:
            con.execute("CREATE OR REPLACE TEMP TABLE opted_out AS SELECT unnest($1::VARCHAR[]) AS id", [opted])
            report["opted_out_pairs"] = con.execute(
                "SELECT count(DISTINCT (a, b)) FROM new_evidence WHERE a IN (SELECT id FROM opted_out) "
                "OR b IN (SELECT id FROM opted_out)"
            ).fetchall()[0][0]
            con.execute(
                "DELETE FROM new_evidence WHERE a IN (SELECT id FROM opted_out) OR b IN (SELECT id FROM opted_out)"
            )
        else:
            report["opted_out_pairs"] = 0
        touched = [tuple(r) for r in con.execute("SELECT DISTINCT a, b FROM new_evidence ORDER BY a, b").fetchall()]
        report["pairs_touched"] = len(touched)
        clock.lap("aggregate_s")
        if dry_run:
            report["rows"] = con.execute("SELECT count(*) FROM new_evidence").fetchall()[0][0]
            return {**report, "ties": None, "timings": clock.laps}
        # the hashes to keep (those within the window), fetched first: the rows below are streamed from DuckDB
        counted = con.execute(
            "SELECT hash, strftime(day, '%Y-%m-%d') FROM netgraph_seen_events "
            "WHERE new AND day >= ?::DATE ORDER BY hash",
            [forget_before],
        ).fetchall()
        # judged before the counts are stored: each touched pair from its running figures and the day's
        # counts, a pair without figures (or with a removal, or days after as_of) from all its counts
        day, found = _judge_touched(con, store, touched, settings, as_of=as_of, today=today, first=not done)
        records, counts = _judged_records(store, found, day)
        clock.lap("judge_s")
        rows = con.execute(
            "SELECT a, b, channel::VARCHAR, strftime(day, '%Y-%m-%d'), events, minutes FROM new_evidence ORDER BY a, b"
        )  # in index order: the store's indexes grow in order
        report["rows"] = store.add_tie_evidence(
            _batch_id(new),
            _evidence_rows(rows),
            files=new,
            events=counted,
            figures=_figure_rows(con, "new_figures", figures_rule(settings)),
            new_pairs=_pair_rows(con, "new_pairs"),
        )
        clock.lap("store_counts_s")
    finally:
        con.close()
    _write_links(
        store,
        records,
        [],
        "ties.ingest",
        f"{len(new)} file(s) ingested; {counts['created']} ties created, {counts['changed']} changed",
    )
    clock.lap("write_ties_s")
    return {**report, "as_of": day.isoformat(), "ties": counts, "timings": clock.laps}


def _aggregate_new(
    con: DuckDBPyConnection,
    new: list[tuple[str, str]],
    taken: dict[str, date],
    until: date,
    *,
    fmt: str,
    mapping: interactions.EventMapping,
    settings: TieSettings,
    event_key: bytes,
) -> interactions.EventReport:
    """Aggregate the new files' events dated up to ``until`` into the table ``new_evidence``; the report.

    A file an earlier ingest took in part gives only its events after the
    day it was taken until: files are read in groups of the same such day
    (almost always one group), and the groups' counts added up.
    """
    groups: dict[date | None, list[Path]] = {}
    for name, digest in new:
        groups.setdefault(taken.get(digest), []).append(Path(name))
    reports = []
    for number, (after, paths) in enumerate(sorted(groups.items(), key=lambda g: g[0] or date.min)):
        into = "new_evidence" if number == 0 else "new_evidence_more"
        reports.append(
            interactions.aggregate_events(
                con,
                paths,
                fmt=fmt,
                mapping=mapping,
                settings=settings,
                into=into,
                after=after,
                until=until,
                event_key=event_key,
            ).report
        )
        if number:
            interactions.merge_aggregates(con, "new_evidence", "new_evidence_more")
    return reports[0] if len(reports) == 1 else interactions.added_reports(con, "new_evidence", reports)


class _Clock:
    """Seconds per step of a run, for its report (``timings``): where the time of a large ingest goes."""

    def __init__(self) -> None:
        import time

        self._now = time.perf_counter
        self._last = self._now()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = self._now()
        self.laps[name] = round(now - self._last, 3)
        self._last = now


def _evidence_rows(cursor: DuckDBPyConnection) -> Iterator[EvidenceRow]:
    while batch := cursor.fetchmany(10_000):
        for a, b, channel, day, events, minutes in batch:
            yield {"a": a, "b": b, "channel": channel, "day": day, "events": int(events), "minutes": minutes}


def refresh(store: TieStore, *, as_of: date, settings: TieSettings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """Re-age every tie from its stored counts to ``as_of``: strengths fade, faded ties retire.

    One pass: the counts are streamed from the store once, judged in DuckDB,
    and only the records that change are written (one audited write).
    """
    con = interactions.connect()
    try:
        _load_counts(con, store)
        records, counts = _judge(con, store, settings, as_of)
    finally:
        con.close()
    _write_links(
        store,
        records,
        [],
        "ties.refresh",
        f"aged to {as_of.isoformat()}: {counts['changed']} ties changed, {counts['retired']} retired in all",
    )
    return {"as_of": as_of.isoformat(), "ties": counts}


def org_chart_pairs(
    people: Sequence[Mapping[str, Any]], managers: list[tuple[str, str]], settings: TieSettings
) -> dict[tuple[str, str], float]:
    """The pairs the org chart ties, with their strength: manager and report, and small teams.

    ``people``: active people with their ``org_unit``; ``managers``: (manager,
    report) pairs. A unit of more than ``team_max_size`` people is not one
    team (everyone cannot know everyone): its members get no same-team ties.

    >>> people = [{"id": i, "org_unit": "u1"} for i in ("a", "b", "c")]
    >>> org_chart_pairs(people, [("a", "b")], TieSettings())
    {('a', 'b'): 0.5, ('a', 'c'): 0.3, ('b', 'c'): 0.3}
    """
    teams: dict[str, list[str]] = {}
    for person in people:
        if person.get("org_unit"):
            teams.setdefault(person["org_unit"], []).append(person["id"])
    pairs: dict[tuple[str, str], float] = {}
    for members in teams.values():
        if len(members) <= settings.team_max_size:
            members = sorted(members)
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pairs[(a, b)] = settings.team_strength
    active = {p["id"] for p in people}
    for manager, report in managers:
        if manager != report and manager in active and report in active:
            pair = (min(manager, report), max(manager, report))
            pairs[pair] = max(pairs.get(pair, 0.0), settings.manager_strength)
    return dict(sorted(pairs.items()))


def from_org_chart(store: TieStore, settings: TieSettings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """Derive the org chart's ties (source ``org_chart``) and drop those it no longer gives.

    For organisations without collaboration data yet: manager and report
    (``manager_strength``), and every pair of a team of at most
    ``team_max_size`` people (``team_strength``). People who left have none.
    """
    people = [p for p in store.signal_people() if p["status"] != "left"]
    derived = org_chart_pairs(people, store.manager_pairs(), settings)
    had = {(r["a"], r["b"]): r for r in store.links_with_source("org_chart")}
    stored = {(r["a"], r["b"]): r for r in store.knows_links(sorted(set(derived) - set(had)))}
    stored.update(had)
    records, removed = [], []
    for pair, strength in derived.items():
        before = stored.get(pair)
        record: dict[str, Any]
        if before is None:
            record = {
                "a": pair[0],
                "b": pair[1],
                "since": None,
                "strength": strength,
                "context": None,
                "sources": ["org_chart"],
                "declared_strength": None,
                "evidence_strength": None,
                "org_chart_strength": strength,
                "first_seen": None,
                "last_seen": None,
                "retired_on": None,
            }
        else:
            sources = [s for s in TIE_SOURCES if s in (before["sources"] or ()) or s == "org_chart"]
            record = {
                **before,
                "sources": sources,
                "org_chart_strength": strength,
                "retired_on": None,
                "strength": effective_strength(before["declared_strength"], before["evidence_strength"], strength),
            }
            if record == before:
                continue
        records.append(record)
    for pair, before in had.items():
        if pair not in derived:
            left = without_source(before, "org_chart")
            if left is None:
                removed.append(pair)
            else:
                records.append(left)
    _write_links(
        store,
        records,
        removed,
        "ties.org_chart",
        f"{len(derived)} org chart ties; {len(records)} written, {len(removed)} removed",
    )
    return {"ties": len(derived), "written": len(records), "removed": len(removed)}


def set_opt_out(store: TieWrites, person: str, *, opt_out: bool = True) -> dict[str, Any]:
    """Record whether ``person`` opts out of signal collection; opting out drops what their events gave.

    Dropped: every stored count naming them, and the ``interactions`` source
    of each of their ties (a tie with no other source is removed; one also
    declared, from the org chart or an introduction stays, with that
    strength). Their future events never become ties.
    """
    found = store.people([person]).get(person)
    if found is None:
        raise NotFound(f"no person {person}")
    dropped, records, removed = 0, [], []
    with store.transaction():
        store.write(
            {"people": [{**found, "signals_opt_out": opt_out}]},
            audit=entry(
                "person.signals_opt_out",
                [f"person:{person}"],
                [
                    {
                        "entity": f"person:{person}",
                        "field": "signals_opt_out",
                        "before": found.get("signals_opt_out", False),
                        "after": opt_out,
                    }
                ],
            ),
        )
        if opt_out:
            dropped = store.purge_tie_evidence([person])
            for record in store.links_with_source("interactions", [person]):
                left = without_source(record, "interactions")
                if left is None:
                    removed.append((record["a"], record["b"]))
                else:
                    records.append(left)
            _write_links(store, records, removed, "ties.opt_out", f"{person} opted out of signal collection")
    return {
        "person": person,
        "signals_opt_out": opt_out,
        "counts_dropped": dropped,
        "ties_removed": len(removed),
        "ties_kept_from_other_sources": len(records),
    }


def group_figures(
    people: Sequence[Mapping[str, Any]], links: Sequence[Mapping[str, Any]], settings: TieSettings = DEFAULT_SETTINGS
) -> dict[str, Any]:
    """Ties from interactions within each unit and between each pair of units; small groups withheld.

    A figure about a group of fewer than ``min_group_size`` people points at
    each of them (a unit of three's "ties to Finance" is three people's
    habits): such a group's figures are not computed, and the row says so.
    For a pair of units, each unit must be large enough. Retired ties and
    people who left do not count.

    >>> people = [{"id": f"a{i}", "org_unit": "A", "status": "active"} for i in range(5)]
    >>> people += [{"id": f"b{i}", "org_unit": "B", "status": "active"} for i in range(2)]
    >>> links = [{"a": "a0", "b": "a1", "evidence_strength": 0.4, "retired_on": None},
    ...          {"a": "a0", "b": "b1", "evidence_strength": 0.2, "retired_on": None}]
    >>> figures = group_figures(people, links)
    >>> figures["units"][0]
    {'unit': 'A', 'people': 5, 'shown': True, 'ties': 1, 'mean_strength': 0.4}
    >>> figures["units"][1], figures["unit_pairs"]
    ({'unit': 'B', 'people': 2, 'shown': False, 'ties': None, 'mean_strength': None}, [])
    """
    unit_of = {p["id"]: p["org_unit"] for p in people if p.get("org_unit") and p.get("status") != "left"}
    sizes: dict[str, int] = {}
    for unit in unit_of.values():
        sizes[unit] = sizes.get(unit, 0) + 1
    within: dict[str, list[float]] = {}
    between: dict[tuple[str, str], list[float]] = {}
    for link in links:
        if link.get("retired_on") or link.get("evidence_strength") is None:
            continue
        ua, ub = unit_of.get(link["a"]), unit_of.get(link["b"])
        if ua is None or ub is None:
            continue
        if ua == ub:
            within.setdefault(ua, []).append(link["evidence_strength"])
        else:
            between.setdefault((min(ua, ub), max(ua, ub)), []).append(link["evidence_strength"])
    enough = settings.min_group_size

    def row(strengths: list[float] | None, shown: bool) -> dict[str, Any]:
        if not shown:
            return {"shown": False, "ties": None, "mean_strength": None}
        values = strengths or []
        return {
            "shown": True,
            "ties": len(values),
            "mean_strength": round(sum(values) / len(values), 4) if values else None,
        }

    units = [
        {"unit": unit, "people": size, **row(within.get(unit), size >= enough)} for unit, size in sorted(sizes.items())
    ]
    pairs = [
        {"units": list(pair), **row(values, True)}
        for pair, values in sorted(between.items())
        if sizes[pair[0]] >= enough and sizes[pair[1]] >= enough
    ]
    withheld = sum(1 for pair in between if sizes[pair[0]] < enough or sizes[pair[1]] < enough)
    return {"min_group_size": enough, "units": units, "unit_pairs": pairs, "unit_pairs_withheld": withheld}


def figures(store: TieEvidence, settings: TieSettings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """:func:`group_figures` of the store's ties from interactions."""
    return group_figures(store.signal_people(), store.links_with_source("interactions"), settings)
