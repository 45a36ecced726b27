"""Collaboration events for a generated organisation (:mod:`netgraph.io.generate`), for benchmarks and tests.

The events are what a calendar, a mail server, a chat service and a project
tracker would export about the people of ``generate_dataset(...)``: one row
per event, ``timestamp, channel, sender, participants, duration_minutes``
(:mod:`netgraph.io.interactions` reads them), no content. Their shape:

* **heavy-tailed activity**: every person gets a Pareto-distributed activity
  (capped at :data:`ACTIVITY_CAP` times the least active) that weights how
  often they organise or send, and how often they are invited: a few people
  are in a great many events, most in a few;
* **mostly within units**: each other participant is drawn from the
  organiser's unit (75 %), its parent unit (13 %) or anyone (12 %), each
  weighted by activity;
* **channels** (:data:`CHANNEL_MIX`): email 35 %, chat 30 %, meetings 20 %,
  calls 10 %, project work 5 %; an email has 1 recipient or a few, a chat 2
  or 3 people, a meeting 2 to 40 (about 3 % have more than 8 different
  people: too large to count), a call 2 or 3, project work 3 to 17;
* **the mess of real exports**: a person is named by id (a third) or by
  email (sometimes in capitals); most emails and a fifth of meetings do not
  list their sender among the participants; about 1 % of the people named are
  outside guests (``guest123@partner.example``), whom no lookup knows; a
  person can be named twice in one event (drawn twice, or the sender listed
  under another name);
* **time**: a uniformly drawn day of ``days`` days ending on the
  organisation's last day (2026-11-20) unless ``start`` says otherwise,
  between 08:00 and 18:00 local time of the organiser's city; CSV carries the
  local time with its UTC offset (``Z`` or no offset at all for UTC cities),
  Parquet the instant as a ``TIMESTAMP WITH TIME ZONE``; meetings and calls
  have a duration.

Every draw is a hash of ``(seed, event number, purpose)`` computed by DuckDB,
so the events are made in SQL (10 million in about two minutes on two
cores), with no loop over events in Python, and the same arguments give the
same events (with the same DuckDB version; a CSV file byte for byte) however
many threads run.
``first_event`` numbers a later batch (one more day) so that its events
differ from the first batch's.

Examples
--------
>>> from netgraph.io.generate import generate_dataset
>>> import tempfile, pathlib
>>> doc = generate_dataset(60, seed=1)
>>> with tempfile.TemporaryDirectory() as tmp:
...     out = pathlib.Path(tmp) / "events.csv"
...     summary = write_events(doc, out, events=500, days=10, fmt="csv")
...     text = out.read_text()
...     again = write_events(doc, out, events=500, days=10, fmt="csv") and out.read_text()
>>> summary["events"], summary["first_day"], summary["last_day"], text == again
(500, '2026-11-11', '2026-11-20', True)
>>> text.splitlines()[0]
'timestamp,channel,sender,participants,duration_minutes'
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

#: The last day of the generated organisation's history (netgraph.io.generate).
LAST_DAY = date(2026, 11, 20)
#: (channel, percent of events)
CHANNEL_MIX = (("email", 35), ("chat", 30), ("meeting", 20), ("call", 10), ("project", 5))
#: The activity of the most active people, relative to the least active (Pareto, alpha 1.5).
ACTIVITY_CAP = 60.0
ACTIVITY_ALPHA = 1.5
#: Draw slots per unit of activity: a person of activity 1 holds 2 slots, the most active 120.
SLOTS_PER_ACTIVITY = 2
#: Per mille of the people named who are outside guests.
GUESTS_PER_MILLE = 10
GUEST_DOMAIN = "partner.example"
#: UTC offsets (minutes) of the cities netgraph.io.generate places people in (standard time).
UTC_OFFSETS = {
    "Accra": 0,
    "Berlin": 60,
    "Lisbon": 0,
    "Nairobi": 180,
    "São Paulo": -180,
    "Singapore": 480,
    "Toronto": -300,
    "Warsaw": 60,
    "Bangalore": 330,
    "Austin": -360,
}
FORMATS = ("csv", "parquet")


def _people(document: Mapping[str, Any], seed: int) -> dict[str, list]:
    """The people as columns, with their unit number, UTC offset and draw slots (the only Python loop: people)."""
    units = {unit["id"]: index for index, unit in enumerate(document.get("org_units") or [])}
    rng = random.Random(seed)
    columns: dict[str, list] = {"id": [], "email": [], "unit": [], "offset": [], "slots": []}
    for person in document["people"]:
        activity = min(ACTIVITY_CAP, rng.paretovariate(ACTIVITY_ALPHA))
        columns["id"].append(person["id"])
        columns["email"].append(person.get("email") or f"{person['id']}@example.com")
        columns["unit"].append(units.get(person.get("org_unit"), -1))
        columns["offset"].append(UTC_OFFSETS.get(person.get("location") or "", 0))
        columns["slots"].append(max(1, round(activity * SLOTS_PER_ACTIVITY)))
    return columns


def _units(document: Mapping[str, Any]) -> tuple[list[int], list[int]]:
    org_units = document.get("org_units") or []
    index = {unit["id"]: i for i, unit in enumerate(org_units)}
    return list(range(len(org_units))), [index.get(unit.get("parent"), -1) for unit in org_units]


def _setup(con, document: Mapping[str, Any], seed: int) -> None:
    people = _people(document, seed)
    unit_ids, parents = _units(document)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ge_people AS SELECT unnest(range(len($1))) AS pidx, unnest($1) AS id, "
        "unnest($2) AS email, unnest($3) AS unit, unnest($4) AS offset_min, unnest($5) AS slots",
        [people["id"], people["email"], people["unit"], people["offset"], people["slots"]],
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ge_parent AS SELECT unnest($1) AS unit, unnest($2) AS parent", [unit_ids, parents]
    )
    # one row per draw slot, ordered by unit: a unit's slots are one range, and a uniform pick in it is a pick
    # weighted by activity
    con.execute("""
        CREATE OR REPLACE TEMP TABLE ge_slots AS
        SELECT (row_number() OVER (ORDER BY unit, pidx, k) - 1)::BIGINT AS slot, pidx, unit
        FROM (SELECT pidx, unit, unnest(range(slots)) AS k FROM ge_people)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE ge_units AS
        SELECT u.unit, coalesce(s.first, 0) AS first, coalesce(s.n, 0) AS n,
               coalesce(ps.first, 0) AS parent_first, coalesce(ps.n, 0) AS parent_n
        FROM ge_parent u
        LEFT JOIN (SELECT unit, min(slot) AS first, count(*) AS n FROM ge_slots GROUP BY unit) s ON s.unit = u.unit
        LEFT JOIN (SELECT unit, min(slot) AS first, count(*) AS n FROM ge_slots GROUP BY unit) ps
               ON ps.unit = u.parent""")


def _events_sql(*, events: int, days: int, start: date, seed: int, first_event: int) -> str:
    """The SELECT that makes the events (every draw a hash of seed, event number and purpose)."""
    mix, edges = [], 0
    for channel, share in CHANNEL_MIX:
        edges += share
        mix.append(f"WHEN h_channel % 100 < {edges} THEN '{channel}'")
    s = int(seed)
    return f"""
    WITH draws AS (
        SELECT i, hash(i, {s}, 1) AS h_channel, hash(i, {s}, 2) AS h_size, hash(i, {s}, 3) % total AS organiser_slot,
               hash(i, {s}, 4) AS h_time, hash(i, {s}, 5) AS h_name, hash(i, {s}, 6) AS h_listed,
               hash(i, {s}, 7) AS h_minutes
        FROM range({int(first_event)}, {int(first_event) + int(events)}) t(i),
             (SELECT count(*)::UBIGINT AS total FROM ge_slots)
    ), typed AS (
        SELECT *, CASE {" ".join(mix)} END AS channel,
               -ln(((h_size >> 11) + 0.5) / 9007199254740992.0) AS x  -- Exp(1) from a uniform draw
        FROM draws
    ), sized AS (
        SELECT *, CASE channel
                    WHEN 'email' THEN least(20, 1 + floor(x * 0.7))
                    WHEN 'chat' THEN least(10, 1 + floor(x * 0.4))
                    WHEN 'meeting' THEN least(39, 1 + floor(x * 2.4))
                    WHEN 'call' THEN 1 + (x > 1.9)::INT
                    ELSE least(16, 2 + floor(x * 2.0)) END::INT AS others,
               CASE channel WHEN 'email' THEN h_listed % 10 < 3
                            WHEN 'meeting' THEN h_listed % 10 < 8 ELSE true END AS sender_listed
        FROM typed
    ), organised AS (
        SELECT s.*, p.id, p.email, p.unit, p.offset_min,
               (DATE '{start.isoformat()}' + (h_time % {int(days)})::INT)::TIMESTAMP
                   + to_minutes((480 + (h_time >> 20) % 600)::BIGINT) AS local_time
        FROM sized s JOIN ge_slots sl ON sl.slot = s.organiser_slot JOIN ge_people p ON p.pidx = sl.pidx
    ), seats AS (  -- one row per other participant
        SELECT i, unit, organiser_slot, unnest(range(1, others + 1)) AS k FROM organised
    ), invited AS (
        SELECT seats.i, seats.k, seats.organiser_slot, hash(seats.i, {s}, 100 + seats.k) AS h,
               hash(seats.i, {s}, 1000 + seats.k) AS h_pick, u.first, u.n, u.parent_first, u.parent_n
        FROM seats LEFT JOIN ge_units u ON u.unit = seats.unit
    ), chosen AS (
        SELECT i, k, h, organiser_slot,
               CASE WHEN h % 100 < 75 AND n > 0 THEN first + h_pick % n
                    WHEN h % 100 < 88 AND parent_n > 0 THEN parent_first + h_pick % parent_n
                    ELSE h_pick % (SELECT count(*)::UBIGINT FROM ge_slots) END AS slot
        FROM invited
    ), picked AS (  -- the organiser drawn again: someone else (any person, by number)
        SELECT c.i, c.k, c.h,
               CASE WHEN sl.pidx <> o.pidx THEN sl.pidx
                    ELSE (o.pidx + 1 + (c.h >> 32) % greatest(n.people - 1, 1)) % n.people END AS pidx
        FROM chosen c JOIN ge_slots sl ON sl.slot = c.slot JOIN ge_slots o ON o.slot = c.organiser_slot,
             (SELECT count(*)::UBIGINT AS people FROM ge_people) n
    ), named AS (
        SELECT c.i, c.k,
               CASE WHEN (c.h >> 8) % 1000 < {GUESTS_PER_MILLE}
                        THEN 'guest' || ((c.h >> 24) % 20000) || '@{GUEST_DOMAIN}'
                    WHEN (c.h >> 40) % 3 = 0 THEN p.id
                    WHEN (c.h >> 40) % 7 = 1 THEN upper(p.email)
                    ELSE p.email END AS name
        FROM picked c JOIN ge_people p ON p.pidx = c.pidx
    ), lists AS (
        SELECT i, string_agg(name, ';' ORDER BY k) AS others FROM named GROUP BY i
    )
    SELECT o.i, o.channel, o.local_time, o.offset_min,
           o.local_time - to_minutes(o.offset_min::BIGINT) AS utc_time,
           CASE WHEN h_name % 3 = 0 THEN o.id ELSE o.email END AS sender,
           CASE WHEN o.sender_listed THEN (CASE WHEN (h_name >> 8) % 4 = 0 THEN o.id ELSE o.email END) || ';'
                ELSE '' END || l.others AS participants,
           CASE o.channel WHEN 'meeting' THEN 15 * (1 + h_minutes % 8)
                          WHEN 'call' THEN 5 + h_minutes % 40 END::INT AS duration_minutes
    FROM organised o JOIN lists l ON l.i = o.i
    """


def write_events(
    document: Mapping[str, Any],
    out: str | Path,
    *,
    events: int,
    days: int = 100,
    start: date | None = None,
    seed: int = 1,
    fmt: str = "parquet",
    first_event: int = 0,
    prefix: str = "events",
    connection=None,
) -> dict[str, Any]:
    """Write ``events`` events among the people of ``document`` to ``out``; return a summary.

    ``fmt="csv"``: ``out`` is one CSV file (timestamps as ISO 8601 text with
    the organiser's UTC offset). ``fmt="parquet"``: ``out`` is a folder of
    Parquet files partitioned Hive-style by the events' UTC year and month
    (``year=2026/month=11/<prefix>_0.parquet``); a later batch with another
    ``prefix`` adds its files beside the first batch's.
    """
    import duckdb

    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if events < 1 or days < 1:
        raise ValueError("events and days must be at least 1")
    if not document.get("people"):
        raise ValueError("the document has no people")
    start = start or LAST_DAY - timedelta(days=days - 1)
    out = Path(out)
    con = connection or duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute("SET enable_progress_bar = false")
        _setup(con, document, seed)
        select = _events_sql(events=events, days=days, start=start, seed=seed, first_event=first_event)
        if fmt == "csv":
            out.parent.mkdir(parents=True, exist_ok=True)
            offset = (
                "CASE WHEN offset_min = 0 THEN (CASE WHEN i % 2 = 0 THEN 'Z' ELSE '' END) "
                "ELSE (CASE WHEN offset_min < 0 THEN '-' ELSE '+' END) || lpad((abs(offset_min) // 60)::VARCHAR, "
                "2, '0') || ':' || lpad((abs(offset_min) % 60)::VARCHAR, 2, '0') END"
            )
            con.execute(f"""COPY (SELECT strftime(local_time, '%Y-%m-%dT%H:%M:%S') || {offset} AS timestamp, channel,
                                  sender, participants, duration_minutes
                                 FROM ({select}) ORDER BY i)
                            TO '{_path(out)}' (FORMAT csv, HEADER true)""")
            files = [out]
        else:
            out.mkdir(parents=True, exist_ok=True)
            con.execute(f"""COPY (SELECT utc_time::TIMESTAMPTZ AS timestamp, channel, sender, participants,
                                         duration_minutes, year(utc_time) AS year, month(utc_time) AS month
                                  FROM ({select}) ORDER BY i)
                            TO '{_path(out)}' (FORMAT parquet, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE true,
                                               FILENAME_PATTERN '{_safe(prefix)}_{{i}}')""")
            files = sorted(out.rglob(f"{_safe(prefix)}_*.parquet"))
        return {
            "events": events,
            "people": len(document["people"]),
            "days": days,
            "first_day": start.isoformat(),
            "last_day": (start + timedelta(days=days - 1)).isoformat(),
            "format": fmt,
            "seed": seed,
            "files": [str(f) for f in files],
        }
    finally:
        for table in ("ge_people", "ge_parent", "ge_slots", "ge_units"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        if connection is None:
            con.close()


def _path(path: Path) -> str:
    return str(path).replace("'", "''")


def _safe(prefix: str) -> str:
    if not prefix.replace("-", "").replace("_", "").isalnum():
        raise ValueError("prefix: letters, digits, - and _ only")
    return prefix
