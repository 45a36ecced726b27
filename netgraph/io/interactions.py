"""Read collaboration events (who met, mailed or messaged whom, and when) and aggregate them into pair evidence.

This is the input and aggregation core of "ties from evidence": it reads
event files, checks them, and leaves in DuckDB one row per pair, channel and
day with the number of events (and their minutes); :func:`qualifying_ties`
then says which pairs have become ties and how strong they are
(:mod:`netgraph.model.ties` holds the rules). It touches no store: the
caller writes the results where they belong.

**Privacy.** Only metadata is read: when, which channel, who sent and who
took part. A file with a column that could hold what was said
(:data:`CONTENT_COLUMNS`: ``subject``, ``body``, ``content``, ``text``,
``message``...) is refused before anything is read from it. Events are
never stored: the only thing that leaves this module is per-pair, per-day
counts, and the report's counters (and the first names it could not
resolve, so that the lookup can be fixed).

**Input.** CSV or Parquet files, or folders of them (a Hive-partitioned
folder, ``year=2026/month=11/...``, is read as one input), one event per row:

======================  ====================================================
``timestamp``           ISO 8601; an offset is honoured, a time without one
                        is UTC (Parquet: a timestamp, with or without time
                        zone, or ISO 8601 text). The event's day is its UTC
                        day.
``channel``             ``meeting``, ``email``, ``chat``, ``call`` or
                        ``project``, or a name the mapping's ``[channels]``
                        maps onto one (compared ignoring case)
``sender``              who organised or sent it (required for an email)
``participants``        the people, ``;``-separated; at least one
``duration_minutes``    optional: a number of minutes, 0 or more
======================  ====================================================

Other columns are ignored. A person is named by id or by email (ignoring
case); the caller's lookup (:func:`load_lookup`) maps each key (an id, or a
lower-cased email) to a person id.

**Mapping** (TOML, :func:`read_mapping`; unknown keys are errors;
``fixtures/events/mapping.toml`` is a whole one)::

    separator = ","      # between participants (default ";")
    delimiter = ";"      # between CSV cells (default ",")
    [columns]            # netgraph's name = the export's header
    timestamp = "Start"
    participants = "Attendees"
    [channels]           # the export's channel = netgraph's
    "Teams meeting" = "meeting"

**The pair rules** (:mod:`netgraph.model.ties`): a meeting, call, chat or
project event ties every pair of its people; an email ties the sender to
each recipient, not the recipients to each other. A sender who is not among
the participants counts as one; a person named twice in one event (even once
by id and once by email) counts once. An event with more people than the
settings allow for its channel is skipped, people nobody knows included (an
outside guest still makes a meeting large); of the others, pairs with a
person the lookup does not know are left out, and the report counts those
people and lists the first 20 names.

**Bad input** is refused whole, nothing produced, each problem on one line
that names the file and the line (CSV; the header is line 1) or row
(Parquet, from 1): timestamps that are not ISO 8601, unknown channels, an
empty file, a missing column or a column of the wrong type, a content
column, an event with no participants, an email with no sender, a duration
that is not a number.

**The work is DuckDB's** (embedded, columnar, out of core: it reads CSV and
Parquet directly and spills to disk past its memory limit): no Python loop
runs over events.

Examples
--------
>>> mapping_from({"columns": {"timestamp": "Start"}, "channels": {"Teams": "chat"}}).header("timestamp")
'Start'
>>> mapping_from({"channels": {"Fax": "paper"}}, "m.toml")
Traceback (most recent call last):
...
netgraph.errors.InvalidInput: m.toml, field 'channels.Fax': 'paper' is not a channel (expected one of meeting, \
email, chat, call, project)
>>> lookup_rows([{"id": "p1", "email": "Ada@Example.com"}, {"id": "p2"}])
[('p1', 'p1'), ('ada@example.com', 'p1'), ('p2', 'p2')]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from netgraph.errors import InvalidInput, Problem
from netgraph.io.text_files import HEAD_BYTES, encoding_problem
from netgraph.model.ties import CHANNELS, DEFAULT_SETTINGS, TieSettings

#: netgraph's columns, in order; the first four must be in every file.
COLUMNS = ("timestamp", "channel", "sender", "participants", "duration_minutes")
REQUIRED_COLUMNS = ("timestamp", "channel", "sender", "participants")
#: Columns that could carry what was said: a file with one is refused (names compared ignoring case,
#: spaces, dashes and underscores).
CONTENT_COLUMNS = (
    "subject",
    "body",
    "content",
    "text",
    "message",
    "messagebody",
    "messagetext",
    "bodytext",
    "bodyhtml",
    "htmlbody",
    "snippet",
    "preview",
    "bodypreview",
    "transcript",
    "notes",
    "attachment",
    "attachments",
)
FORMATS = ("csv", "parquet")
#: The aggregates' channel column: one byte a row instead of a string (it compares with text as text does).
CHANNEL_TYPE = "ENUM(" + ", ".join(f"'{c}'" for c in CHANNELS) + ")"
#: How many names the report lists of the people the lookup does not know.
UNKNOWN_SHOWN = 20

_MAPPING_KEYS = ("columns", "channels", "separator", "delimiter", "ignore")
_MAX_MAPPING_BYTES = 64 * 1024
_HASH_CHUNK = 1 << 20


# ---------------------------------------------------------------- mapping


@dataclass(frozen=True)
class EventMapping:
    """How one source names netgraph's columns and channels (a TOML file: :func:`read_mapping`)."""

    columns: Mapping[str, str] = field(default_factory=dict)
    channels: Mapping[str, str] = field(default_factory=dict)
    separator: str = ";"
    delimiter: str = ","
    #: Headers of the export that hold no content and that netgraph does not read (ids, rooms, flags): every
    #: other column must be netgraph's or mapped, or the file is refused (a column nobody named could hold what
    #: was said, under a name no list of content columns foresees).
    ignore: tuple[str, ...] = ()

    def header(self, column: str) -> str:
        """The source's header for one of netgraph's columns."""
        return self.columns.get(column, column)

    def known_headers(self) -> set[str]:
        """The headers a file may carry: netgraph's columns, the mapped headers and the ignored ones."""
        return set(COLUMNS) | set(self.columns.values()) | set(self.ignore)

    def channel_names(self) -> dict[str, str]:
        """Every channel name the source may use (lower case) -> netgraph's channel."""
        names = {channel: channel for channel in CHANNELS}
        names.update({source.strip().lower(): channel for source, channel in self.channels.items()})
        return names


DEFAULT_MAPPING = EventMapping()


def mapping_from(data: Mapping[str, Any], where: str = "mapping") -> EventMapping:
    """An :class:`EventMapping` from parsed TOML; every problem is reported at once."""
    problems = [
        Problem(where, key, f"unknown key (expected some of {', '.join(_MAPPING_KEYS)})")
        for key in data
        if key not in _MAPPING_KEYS
    ]
    columns, channels = data.get("columns", {}), data.get("channels", {})
    if not isinstance(columns, Mapping):
        problems.append(Problem(where, "columns", "must be a table of netgraph column = source header"))
        columns = {}
    if not isinstance(channels, Mapping):
        problems.append(Problem(where, "channels", "must be a table of source channel = netgraph channel"))
        channels = {}
    for column, header in columns.items():
        if column not in COLUMNS:
            problems.append(
                Problem(where, f"columns.{column}", f"unknown column (expected some of {', '.join(COLUMNS)})")
            )
        elif not isinstance(header, str) or not header.strip():
            problems.append(Problem(where, f"columns.{column}", "must be the source's header (text)"))
    for source, channel in channels.items():
        if channel not in CHANNELS:
            problems.append(
                Problem(
                    where, f"channels.{source}", f"{channel!r} is not a channel (expected one of {', '.join(CHANNELS)})"
                )
            )
    for key in ("separator", "delimiter"):
        if key in data and (not isinstance(data[key], str) or len(data[key]) != 1):
            problems.append(Problem(where, key, "must be one character"))
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(h, str) and h.strip() for h in ignore):
        problems.append(Problem(where, "ignore", "must be a list of the export's headers (text)"))
        ignore = []
    if problems:
        raise InvalidInput(problems)
    return EventMapping(
        columns=dict(columns),
        channels=dict(channels),
        separator=data.get("separator", ";"),
        delimiter=data.get("delimiter", ","),
        ignore=tuple(ignore),
    )


def read_mapping(path: str | Path) -> EventMapping:
    """Read a mapping file (TOML); a located error if it cannot be read or says something unknown."""
    import tomllib

    path = Path(path)
    try:
        data = path.read_bytes()
        if len(data) > _MAX_MAPPING_BYTES:
            raise InvalidInput([Problem(path.name, "", f"larger than {_MAX_MAPPING_BYTES // 1024} KB")])
        parsed = tomllib.loads(data.decode("utf-8"))
    except OSError as exc:
        raise InvalidInput([Problem(path.name, "", exc.strerror or "cannot be read")]) from None
    except UnicodeDecodeError as exc:
        raise InvalidInput([Problem(path.name, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput([Problem(path.name, "", f"not TOML: {exc}")]) from None
    return mapping_from(parsed, path.name)


# ---------------------------------------------------------------- files


def input_files(inputs: str | Path | Iterable[str | Path], fmt: str) -> list[Path]:
    """The files of the inputs: a file as given, a folder's ``*.csv`` or ``*.parquet`` files at any depth, sorted.

    Files whose names start with ``.`` or ``_`` (``_SUCCESS``, ``.crc``) are
    not events; a file named twice is read once.
    """
    if fmt not in FORMATS:
        raise InvalidInput([Problem("input", "format", f"{fmt!r} is not a format (expected csv or parquet)")])
    paths = [Path(inputs)] if isinstance(inputs, str | Path) else [Path(p) for p in inputs]
    files: list[Path] = []
    problems = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob(f"*.{fmt}") if p.is_file() and p.name[0] not in "._")
            if not found:
                problems.append(Problem(str(path), "", f"a folder with no .{fmt} file"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), "", "no such file or folder"))
    if not paths:
        problems.append(Problem("input", "", "no file or folder given"))
    if problems:
        raise InvalidInput(problems)
    unique: dict[Path, Path] = {}  # a file named twice (or by a folder too) is read once
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values())


def file_hash(path: str | Path) -> str:
    """The SHA-256 of a file's bytes (read in 1 MiB pieces), hex: the same bytes, the same hash.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(b"abc")
    >>> file_hash(f.name)
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    >>> os.unlink(f.name)
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def input_hashes(inputs: str | Path | Iterable[str | Path], fmt: str) -> list[tuple[str, str]]:
    """``(path, sha256)`` of every input file (every partition file of a folder), for an ingestion ledger.

    The caller keeps the hashes it has ingested and passes only the new
    files on: a partition that has not changed is not read twice.
    """
    return [(str(path), file_hash(path)) for path in input_files(inputs, fmt)]


# ---------------------------------------------------------------- connection and lookup


def connect(
    database: str | Path = ":memory:",
    *,
    memory_limit: str | None = None,
    threads: int | None = None,
    temp_directory: str | Path | None = None,
):
    """A DuckDB connection set up for events: time zone UTC, optionally a memory cap (e.g. ``"2GB"``).

    Past the memory cap DuckDB spills to ``temp_directory`` (its default: a
    ``.tmp`` folder beside the database, or in the working directory).
    """
    import duckdb

    con = duckdb.connect(str(database))
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")
    if memory_limit:
        con.execute(f"SET memory_limit = {_lit(memory_limit)}")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if temp_directory:
        con.execute(f"SET temp_directory = {_lit(str(temp_directory))}")
    return con


def lookup_rows(people: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """``(key, person_id)`` rows naming each person by id and (lower-cased) email."""
    rows = []
    for person in people:
        rows.append((person["id"], person["id"]))
        if person.get("email"):
            rows.append((person["email"].strip().lower(), person["id"]))
    return rows


def load_lookup(con, lookup) -> None:
    """Make the lookup the events are resolved with: ``(key, person_id)`` rows.

    ``lookup`` is a table or view name in ``con`` with columns ``key`` and
    ``person_id``, a DuckDB relation with them, or an iterable of
    ``(key, person_id)`` pairs (:func:`lookup_rows`). A key is an id, or an
    email (lower-cased here whatever its case). Two people under one key are
    refused. Leaves the tables ``netgraph_people`` (person_id, pidx: a dense
    number in person id order) and ``netgraph_keys`` (key, pidx).
    """
    if isinstance(lookup, str):
        source = _ident(lookup)
    elif hasattr(lookup, "create_view"):
        lookup.create_view("netgraph_lookup_source", replace=True)
        source = "netgraph_lookup_source"
    else:
        rows = list(lookup)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE netgraph_lookup_source AS "
            "SELECT unnest($1::VARCHAR[]) AS key, unnest($2::VARCHAR[]) AS person_id",
            [[r[0] for r in rows], [r[1] for r in rows]],
        )
        source = "netgraph_lookup_source"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE netgraph_people AS
        SELECT person_id, (row_number() OVER (ORDER BY person_id) - 1)::INTEGER AS pidx
        FROM (SELECT DISTINCT person_id FROM {source} WHERE person_id IS NOT NULL)""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE netgraph_keys AS
        SELECT DISTINCT {_norm("trim(l.key)")} AS key, p.pidx
        FROM {source} l JOIN netgraph_people p ON p.person_id = l.person_id
        WHERE l.key IS NOT NULL AND trim(l.key) <> ''""")
    clashes = con.execute("""
        SELECT k.key, list(p.person_id ORDER BY p.person_id)
        FROM netgraph_keys k JOIN netgraph_people p USING (pidx)
        WHERE k.key IN (SELECT key FROM netgraph_keys GROUP BY key HAVING count(*) > 1)
        GROUP BY k.key ORDER BY k.key LIMIT 5""").fetchall()
    if clashes:
        raise InvalidInput(
            [Problem("lookup", "key", f"{key!r} names more than one person: {', '.join(ids)}") for key, ids in clashes]
        )


# ---------------------------------------------------------------- reading


def _lit(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _norm(expr: str) -> str:
    """A name as a lookup key: an email in lower case, an id as it is."""
    return f"(CASE WHEN contains({expr}, '@') THEN lower({expr}) ELSE {expr} END)"


def _content_column(header: str) -> bool:
    return re.sub(r"[\s_\-.]", "", header.lower()) in CONTENT_COLUMNS


def literal_path(path: Path) -> str:
    """A file's path as DuckDB reads it literally, not as a glob pattern.

    DuckDB expands ``*``, ``?`` and ``[...]`` in the paths it reads, so a file
    named ``[ab].csv`` would read ``a.csv`` instead. Each of those characters
    is written as a one-character class (``[[]``, ``[*]``, ``[?]``), which
    matches exactly itself; the path is made absolute so that no prefix reads
    as a URL scheme.

    >>> literal_path(Path("/data/[ab]*.csv"))
    '/data/[[]ab][*].csv'
    """
    return re.sub(r"([\[*?])", r"[\1]", str(path.absolute()))


def _reader(files: Sequence[Path], fmt: str, mapping: EventMapping) -> str:
    listed = "[" + ", ".join(_lit(literal_path(f)) for f in files) + "]"
    if fmt == "csv":
        return (
            f"read_csv({listed}, all_varchar = true, header = true, delim = {_lit(mapping.delimiter)}, "
            f"quote = '\"', escape = '\"', union_by_name = true)"
        )
    return f"read_parquet({listed}, union_by_name = true, hive_partitioning = false)"


_TEXT = ("VARCHAR",)
_TIMES = ("TIMESTAMP WITH TIME ZONE", "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATE", "VARCHAR")
_NUMBERS = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "FLOAT",
    "DOUBLE",
    "VARCHAR",
)


def _expected_types(column: str) -> tuple[str, ...]:
    return {"timestamp": _TIMES, "duration_minutes": _NUMBERS}.get(column, _TEXT)


def _of_type(kind: str, column: str) -> bool:
    """Whether a column of DuckDB type ``kind`` can be netgraph's ``column``.

    A duration may also be a DECIMAL of any precision: DuckDB and Spark
    write ``30.0`` as one by default.
    """
    return kind in _expected_types(column) or (column == "duration_minutes" and kind.startswith("DECIMAL("))


def _duck_error(exc: Exception, files: Sequence[Path]) -> InvalidInput:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    text = re.sub(r"^[A-Za-z ]*Error: ", "", text)
    named = [f for f in files if str(f) in str(exc) or literal_path(f) in str(exc)]
    return InvalidInput(
        [Problem(str(named[0]) if named else ", ".join(str(f) for f in files[:3]), "", f"cannot be read: {text}")]
    )


def _schema(con, path: Path, fmt: str, mapping: EventMapping) -> tuple[dict[str, str], list[Problem]]:
    """The file's columns (header -> type) and what is wrong with them."""
    where = f"{path} line 1" if fmt == "csv" else str(path)
    head = b""
    if fmt == "csv":  # the first bytes only: an events file may be gigabytes
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    if path.stat().st_size == 0 or (fmt == "csv" and not head.strip(b"\xef\xbb\xbf \t\r\n")):
        return {}, [Problem(str(path), "", "empty file (not even a header)")]
    if fmt == "csv":
        problem = encoding_problem(head)
        if problem:  # DuckDB would say only that it cannot sniff the file
            return {}, [Problem(str(path), "", problem)]
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {_reader([path], fmt, mapping)}").fetchall()
    except Exception as exc:  # duckdb.Error: the file is not CSV/Parquet at all
        return {}, list(_duck_error(exc, [path]).problems)
    types = {row[0]: row[1] for row in described}
    problems = [
        Problem(
            where,
            header,
            "a content column: netgraph reads who and when, never what was said; leave the column out of the export",
        )
        for header in types
        if _content_column(header)
    ]
    known = mapping.known_headers()
    problems += [
        Problem(
            where,
            header,
            "a column netgraph does not read: map it in the mapping's [columns], list it "
            "in its ignore = [...] if it holds no content, or leave it out of the export",
        )
        for header in types
        if header not in known and not _content_column(header)
    ]
    for column in COLUMNS:
        header = mapping.header(column)
        if header not in types:
            if column in REQUIRED_COLUMNS or column in mapping.columns:
                problems.append(Problem(where, header, f"no such column (the file has {', '.join(types) or 'none'})"))
        elif not _of_type(types[header], column):
            wanted = {"timestamp": "a timestamp or ISO 8601 text", "duration_minutes": "a number"}.get(column, "text")
            problems.append(Problem(where, header, f"is {types[header]}, expected {wanted}"))
    return types, problems


@dataclass
class _Source:
    """Input whose files and columns are checked (its rows are checked as they are read)."""

    files: list[Path]
    fmt: str
    mapping: EventMapping
    types: dict[str, str]

    def select(self, files: Sequence[Path] | None = None, *, ordinality: bool = False) -> str:
        """SELECT of the events as netgraph reads them, with the raw cells the checks quote.

        ``ts`` (TIMESTAMPTZ, NULL if not ISO 8601), ``channel`` (0-4, index
        in CHANNELS; NULL if unknown), ``sender`` (trimmed; NULL if empty),
        ``participants`` (the raw text), ``minutes`` and ``bad`` (the row
        breaks a rule of :data:`_CHECKS` but "no participants").
        """
        mapping, types = self.mapping, self.types
        h = {column: _ident(mapping.header(column)) for column in COLUMNS}
        ts = (
            f"TRY_CAST(trim({h['timestamp']}) AS TIMESTAMPTZ)"
            if types[mapping.header("timestamp")] == "VARCHAR"
            else f"CAST({h['timestamp']} AS TIMESTAMPTZ)"
        )
        names = mapping.channel_names()
        exact = " ".join(f"WHEN {_lit(c)} THEN {CHANNELS.index(names[c])}" for c in CHANNELS)
        channel = (
            f"CASE {h['channel']} {exact} ELSE (CASE lower(trim({h['channel']})) "  # the usual case first
            + " ".join(f"WHEN {_lit(source)} THEN {CHANNELS.index(target)}" for source, target in names.items())
            + " END) END::UTINYINT"
        )
        has_duration = mapping.header("duration_minutes") in types
        text_duration = has_duration and types[mapping.header("duration_minutes")] == "VARCHAR"
        minutes = (
            f"TRY_CAST({h['duration_minutes']} AS DOUBLE)"
            if text_duration
            else f"CAST({h['duration_minutes']} AS DOUBLE)"
            if has_duration
            else "NULL::DOUBLE"
        )
        raw_duration = f"{h['duration_minutes']}::VARCHAR" if has_duration else "NULL::VARCHAR"
        bad_duration = (
            "(minutes IS NULL AND trim(coalesce(raw_duration, '')) <> '' OR minutes < 0 OR NOT isfinite(minutes))"
        )
        # (no participants: too dear to test on every row here; the aggregation counts them after the unnest)
        conditions = {
            "timestamp": "ts IS NULL",
            "before_year_one": _BEFORE_YEAR_ONE,
            "channel": "channel IS NULL",
            "sender": "(sender IS NULL AND channel = 1)",
            "duration": bad_duration,
        }
        number = ", ordinality" if ordinality else ""
        return f"""
            SELECT *, coalesce({" OR ".join(conditions.values())}, false) AS bad FROM (
                SELECT {ts} AS ts, {channel} AS channel, nullif(trim({h["sender"]}), '') AS sender,
                       {h["participants"]} AS participants, {minutes} AS minutes,
                       {h["timestamp"]}::VARCHAR AS raw_timestamp, {h["channel"]} AS raw_channel,
                       {raw_duration} AS raw_duration {number}
                FROM {_reader(files or self.files, self.fmt, mapping)} {"WITH ORDINALITY" if ordinality else ""})"""


#: A time before 0001-01-01 UTC: DuckDB reads it (``0000-12-31``, an offset that moves year 1 back a day) but no
#: Python date can hold it, and no collaboration export means it.
_BEFORE_YEAR_ONE = "ts < TIMESTAMPTZ '0001-01-01 00:00:00+00'"

#: (check, netgraph column, condition on the row of _Source.select, the raw cell shown, message)
_CHECKS = (
    ("timestamp", "timestamp", "ts IS NULL", "raw_timestamp", "{value} is not an ISO 8601 timestamp"),
    ("before_year_one", "timestamp", _BEFORE_YEAR_ONE, "raw_timestamp", "{value} is before the year 1 (UTC)"),
    ("channel", "channel", "channel IS NULL", "raw_channel", "{value} is not a channel (expected one of {channels})"),
    (
        "participants",
        "participants",
        "trim(replace(coalesce(participants, ''), {separator}, ' ')) = ''",
        "participants",
        "no participants",
    ),
    ("sender", "sender", "sender IS NULL AND channel = 1", "sender", "an email with no sender"),
    (
        "duration",
        "duration_minutes",
        "minutes IS NULL AND trim(coalesce(raw_duration, '')) <> '' OR minutes < 0 OR NOT isfinite(minutes)",
        "raw_duration",
        "{value} is not a number of minutes (0 or more)",
    ),
)
#: What a row breaking a rule raises inside the aggregation query (then the rows are checked one by one).
_BAD_ROW = "netgraph: an event row breaks a rule"


def _refuse_rows(con, source: _Source) -> None:
    """Raise :class:`InvalidInput` naming the first row of each kind of problem, if the rows have any."""
    sep = _lit(source.mapping.separator)
    conditions = {check: f"coalesce({condition.format(separator=sep)}, false)" for check, _, condition, _, _ in _CHECKS}
    counts = ", ".join(f"count(*) FILTER (WHERE {condition}) AS {check}" for check, condition in conditions.items())
    try:
        row = con.execute(f"SELECT {counts} FROM ({source.select()})").fetchall()[0]
    except Exception as exc:  # duckdb.Error: a malformed CSV line, a broken Parquet file
        raise _duck_error(exc, source.files) from None
    bad = dict(zip(conditions, row, strict=True))
    if not any(bad.values()):
        return
    problems = []
    channels = ", ".join(CHANNELS) + (" or a name the mapping gives" if source.mapping.channels else "")
    for check, column, _, shown, message in _CHECKS:
        if not bad[check]:
            continue
        for path in source.files:  # the first file with such a row, and its first such row
            found = con.execute(
                f"SELECT ordinality, {shown} FROM ({source.select([path], ordinality=True)}) "
                f"WHERE {conditions[check]} ORDER BY ordinality LIMIT 1"
            ).fetchall()
            if not found:
                continue
            number, value = found[0]
            where = f"{path} line {number + 1}" if source.fmt == "csv" else f"{path} row {number}"
            text = message.format(value="an empty cell" if value is None else repr(value), channels=channels)
            if bad[check] > 1:
                text += f" ({bad[check]:,} rows like this in all; the first shown)"
            problems.append(Problem(where, source.mapping.header(column), text))
            break
    raise InvalidInput(problems)


def _checked(con, inputs, fmt: str, mapping: EventMapping) -> _Source:
    """The inputs with their files and columns checked (the rows are checked as they are read)."""
    files = input_files(inputs, fmt)
    problems: list[Problem] = []
    types: dict[str, str] = {}
    for path in files:
        file_types, file_problems = _schema(con, path, fmt, mapping)
        problems.extend(file_problems)
        for header, kind in file_types.items():
            types[header] = kind if types.get(header, kind) == kind else "VARCHAR"
    if problems:
        raise InvalidInput(problems)
    return _Source(files, fmt, mapping, types)


def read_events(
    con, inputs: str | Path | Iterable[str | Path], *, fmt: str = "csv", mapping: EventMapping = DEFAULT_MAPPING
):
    """Check the inputs (one pass over every row) and return their events as a lazy DuckDB relation.

    Columns: ``ts`` (TIMESTAMPTZ, UTC), ``day`` (its UTC date), ``channel``
    (netgraph's name), ``sender`` (as written, trimmed), ``participants``
    (the names, trimmed) and ``minutes``. Raises
    :class:`~netgraph.errors.InvalidInput`, every problem located, if
    anything is wrong.
    """
    source = _checked(con, inputs, fmt, mapping)
    _refuse_rows(con, source)
    names = "[" + ", ".join(_lit(c) for c in CHANNELS) + "]"
    return con.sql(f"""
        SELECT ts, {_day("ts")} AS day, {names}[channel + 1] AS channel, sender,
               list_filter(list_transform(string_split(participants, {_lit(mapping.separator)}), lambda t: trim(t)),
                           lambda t: t <> '') AS participants, minutes
        FROM ({source.select()})""")


def _day(ts: str) -> str:
    """The UTC day of a TIMESTAMPTZ, from its microseconds (no time zone arithmetic: much faster)."""
    return f"(DATE '1970-01-01' + {_day_number(ts)})"


def _day_number(ts: str) -> str:
    return f"floor(epoch_us({ts}) / 86400000000.0)::INTEGER"


# ---------------------------------------------------------------- aggregation


@dataclass
class EventReport:
    """What reading and aggregating found (counts of events unless said otherwise)."""

    files: int = 0
    events_read: int = 0
    events_counted: int = 0  # gave at least one pair
    skipped_too_large: int = 0
    skipped_too_large_by_channel: dict[str, int] = field(default_factory=dict)
    skipped_alone: int = 0  # one person only (a note to self, a meeting nobody else came to)
    skipped_unknown_people: int = 0  # no pair left once the unknown people were left out
    skipped_future: int = 0  # dated after ``until`` (the day of the run and a day's slack): not evidence yet
    skipped_taken: int = 0  # dated on or before ``after``: an earlier ingest of the same file counted them
    skipped_duplicate: int = 0  # the same event as one read before (same second, channel, sender and people)
    events_with_unknown_people: int = 0
    unknown_people: int = 0  # distinct names the lookup does not know
    unknown_first: list[str] = field(default_factory=list)  # the first UNKNOWN_SHOWN of them, in order of appearance
    pairs: int = 0
    days: int = 0
    rows: int = 0  # pair x channel x day aggregates
    first_day: date | None = None
    last_day: date | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("first_day", "last_day"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


@dataclass
class Aggregates:
    """The per-pair, per-channel, per-day aggregates (a DuckDB table) and the report."""

    table: str
    relation: Any
    report: EventReport


def _max_case(settings: TieSettings) -> str:
    return "CASE channel " + " ".join(f"WHEN {i} THEN {settings.max_for(c)}" for i, c in enumerate(CHANNELS)) + " END"


def aggregate_events(
    con,
    inputs: str | Path | Iterable[str | Path],
    lookup=None,
    *,
    fmt: str = "csv",
    mapping: EventMapping = DEFAULT_MAPPING,
    settings: TieSettings = DEFAULT_SETTINGS,
    into: str = "pair_day",
    after: date | None = None,
    until: date | None = None,
    event_key: bytes | None = None,
) -> Aggregates:
    """Read and check the inputs, then aggregate their events into the table ``into`` (replaced).

    Only events dated after ``after`` and on or before ``until`` (either
    None: no bound) are aggregated; the others are counted in the report
    (``skipped_taken``, ``skipped_future``).

    ``lookup``: see :func:`load_lookup` (``None``: the one loaded last). The
    table has one row per pair, channel and day: ``a < b`` (person ids),
    ``channel`` (:data:`CHANNEL_TYPE`), ``day`` (UTC), ``events`` (how many events tied the pair
    that day through that channel) and ``minutes`` (their durations added
    up; NULL when none was given). Nothing is created if the input is bad.

    With ``event_key``, events already counted by an earlier ingest are
    duplicates too: see :func:`remembered_events`.
    """
    if lookup is not None:
        load_lookup(con, lookup)
    elif not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'netgraph_keys'").fetchall()[0][0]:
        raise InvalidInput([Problem("lookup", "", "no lookup loaded: give one (load_lookup) to resolve the people")])
    source = _checked(con, inputs, fmt, mapping)
    most = max(settings.max_for(c) for c in CHANNELS)
    target = _ident(into)
    # One pass over the rows: each event once, its names resolved to people (the known people sorted and each
    # once, the sender, the names nobody knows). A row that breaks a rule stops the query; the rows are then
    # checked one by one to say where. The sender is the first name of the list; names are trimmed only in the
    # lists that have a space (most exports have none, and trimming every name costs a third of the time), and
    # normalised one by one after the unnest (cheaper than a lambda on every list).
    sep = _lit(mapping.separator)
    split = (
        f"CASE WHEN contains(participants, ' ') THEN list_transform(string_split(participants, {sep}), "
        f"lambda t: trim(t)) ELSE string_split(participants, {sep}) END"
    )
    try:
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE netgraph_event_people AS
            WITH events AS (
                SELECT row_number() OVER () AS eid, {_day_number("ts")} AS day, {_second("ts")} AS second, channel,
                       minutes,
                       list_prepend(sender, coalesce({split}, []::VARCHAR[])) AS parts
                FROM ({source.select()})
                WHERE CASE WHEN bad THEN error({_lit(_BAD_ROW)}) ELSE true END
            ), named AS (
                SELECT eid, day, second, channel, minutes, unnest(parts) AS name,
                       generate_subscripts(parts, 1) = 1 AS is_sender
                FROM events
            )
            SELECT n.eid, n.day, n.second, n.channel, n.minutes, list_sort(list_distinct(list(k.pidx))) AS people,
                   max(k.pidx) FILTER (WHERE n.is_sender) AS sender,
                   list_distinct(list(n.name) FILTER (WHERE k.pidx IS NULL)) AS unknown,
                   bool_or(NOT n.is_sender) AS has_participants
            FROM (SELECT eid, day, second, channel, minutes, is_sender, {_norm("name")} AS name
                  FROM named WHERE name <> '' OR is_sender) n  -- the sender's row even if empty: no event is lost
            LEFT JOIN netgraph_keys k ON k.key = n.name
            GROUP BY n.eid, n.day, n.second, n.channel, n.minutes""")
        # every event has a row (its sender's, even if empty): one with no participants has has_participants false
        events, complete, last = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE has_participants), max(eid) FROM netgraph_event_people"
        ).fetchall()[0]
        if complete != events or (last or 0) != events:
            raise RuntimeError(_BAD_ROW)
    except Exception as exc:  # duckdb.Error, or a row with no participants
        con.execute("DROP TABLE IF EXISTS netgraph_event_people")
        if _BAD_ROW in str(exc):
            _refuse_rows(con, source)
        raise _duck_error(exc, source.files) from None
    try:
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE netgraph_pair_index AS
            SELECT n, i, j FROM range(2, {most + 1}) a(n), range(1, {most + 1}) b(i), range(1, {most + 1}) c(j)
            WHERE i <= n AND j <= n AND i < j""")
        size = "(len(people) + coalesce(len(unknown), 0))"
        seen = "false"
        if event_key is not None:
            _hash_events(con, event_key)
            seen = "eid IN (SELECT eid FROM netgraph_event_hashes WHERE seen)"
        con.execute(f"""
            CREATE OR REPLACE TEMP VIEW netgraph_event_status AS
            SELECT eid, channel, day, minutes, people, sender, unknown,
                   CASE WHEN day > {_day_of(until)} THEN 'future'
                        WHEN day <= {_day_of(after)} THEN 'taken'
                        WHEN {_REPEATED} OR {seen} THEN 'duplicate'
                        WHEN {size} > {_max_case(settings)} THEN 'too_large'
                        WHEN {size} < 2 THEN 'alone'
                        WHEN channel = 1 AND (sender IS NULL OR len(people) < 2) THEN 'unknown'
                        WHEN len(people) < 2 THEN 'unknown'
                        ELSE 'counted' END AS status
            FROM netgraph_event_people""")
        # the pairs each counted event ties: every pair of its people, or (email) the sender and each recipient
        con.execute(f"""
            CREATE OR REPLACE TABLE {target} AS
            WITH pairs AS (
                SELECT e.people[p.i] AS a, e.people[p.j] AS b, e.channel, e.day, e.minutes
                FROM netgraph_event_status e JOIN netgraph_pair_index p ON p.n = len(e.people)
                WHERE e.status = 'counted' AND e.channel <> 1
                UNION ALL
                SELECT least(sender, recipient) AS a, greatest(sender, recipient) AS b, channel, day, minutes
                FROM (SELECT channel, day, minutes, sender, unnest(people) AS recipient
                      FROM netgraph_event_status WHERE status = 'counted' AND channel = 1)
                WHERE recipient <> sender
            ), counted AS (
                SELECT a, b, channel, day, count(*)::INTEGER AS events, sum(minutes) AS minutes
                FROM pairs GROUP BY ALL
            )
            SELECT pa.person_id AS a, pb.person_id AS b,
                   CAST({"[" + ", ".join(_lit(c) for c in CHANNELS) + "]"}[c.channel + 1] AS {CHANNEL_TYPE}) AS channel,
                   DATE '1970-01-01' + c.day AS day, c.events, c.minutes
            FROM counted c JOIN netgraph_people pa ON pa.pidx = c.a JOIN netgraph_people pb ON pb.pidx = c.b""")
        report = _report(con, target, source)
        if event_key is not None:  # remembered: a later group or ingest skips them
            con.execute("""INSERT INTO netgraph_seen_events
                           SELECT h.hash, DATE '1970-01-01' + h.day, true FROM netgraph_event_hashes h
                           JOIN netgraph_event_status s USING (eid) WHERE s.status = 'counted'""")
    finally:
        con.execute("DROP VIEW IF EXISTS netgraph_event_status")
        for table in ("netgraph_event_people", "netgraph_pair_index", "netgraph_event_hashes"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    return Aggregates(into, con.table(into), report)


def added_reports(con, table: str, reports: list[EventReport]) -> EventReport:
    """The reports of several aggregations into ``table``, added up (what the table holds counted from it).

    Distinct unknown names are added per report: a name unknown in two groups counts twice.
    """
    total = EventReport()
    for report in reports:
        for name in (
            "files",
            "events_read",
            "events_counted",
            "skipped_too_large",
            "skipped_alone",
            "skipped_unknown_people",
            "skipped_future",
            "skipped_taken",
            "skipped_duplicate",
            "events_with_unknown_people",
            "unknown_people",
        ):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        for channel, n in report.skipped_too_large_by_channel.items():
            total.skipped_too_large_by_channel[channel] = total.skipped_too_large_by_channel.get(channel, 0) + n
        total.unknown_first = list(dict.fromkeys(total.unknown_first + report.unknown_first))[:UNKNOWN_SHOWN]
    target = _ident(table)
    total.pairs = con.execute(f"SELECT count(*) FROM (SELECT a, b FROM {target} GROUP BY a, b)").fetchall()[0][0]
    total.days, total.rows, total.first_day, total.last_day = con.execute(
        f"SELECT count(DISTINCT day), count(*), min(day), max(day) FROM {target}"
    ).fetchall()[0]
    return total


def _day_of(day: date | None) -> str:
    """SQL: a day as the number of days since 1970-01-01 (NULL for no day: a comparison with it is not true).

    >>> _day_of(date(1970, 1, 11)), _day_of(None)
    ('10', 'NULL')
    """
    return "NULL" if day is None else str((day - date(1970, 1, 1)).days)


#: SQL: the event is one an earlier row of the same ingest already is (the first of them is counted). An event's
#: identity is its UTC time to the second, its channel, its sender and its sorted resolved people: two overlapping
#: exports (a meeting in the calendar export and in the meetings export) must not make one meeting two.
_REPEATED = "row_number() OVER (PARTITION BY second, channel, sender, people ORDER BY eid) > 1"


def remembered_events(con, hashes: Iterable[str] = ()) -> None:
    """Make the table ``netgraph_seen_events`` (hash, day, new): the events counted before, by keyed hash.

    ``hashes``: those an earlier ingest stored. :func:`aggregate_events`
    given an ``event_key`` skips an event whose hash is there (a duplicate)
    and adds those it counts (``new`` true: what the store is to keep).
    """
    con.execute("CREATE OR REPLACE TEMP TABLE netgraph_seen_events (hash VARCHAR, day DATE, new BOOLEAN)")
    chunk: list[str] = []
    for digest in hashes:
        chunk.append(digest)
        if len(chunk) == 100_000:
            con.execute("INSERT INTO netgraph_seen_events SELECT unnest($1::VARCHAR[]), NULL, false", [chunk])
            chunk = []
    if chunk:
        con.execute("INSERT INTO netgraph_seen_events SELECT unnest($1::VARCHAR[]), NULL, false", [chunk])


def hmac_sql(key: bytes, message: str) -> str:
    """SQL: the HMAC-SHA256 (hex) of the text ``message`` (an SQL expression) under ``key``, as DuckDB computes it.

    >>> import duckdb, hmac, hashlib
    >>> duckdb.sql("SELECT " + hmac_sql(b"k", "'event'")).fetchall()[0][0] == hmac.new(
    ...     b"k", b"event", hashlib.sha256).hexdigest()
    True
    """
    padded = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\0")
    inner = bytes(b ^ 0x36 for b in padded).hex()
    outer = bytes(b ^ 0x5C for b in padded).hex()
    return f"sha256(unhex('{outer}') || unhex(sha256(unhex('{inner}') || encode({message}))))"


def _hash_events(con, key: bytes) -> None:
    """Hash each event's identity under ``key`` (in bulk) into ``netgraph_event_hashes`` (eid, day, hash, seen).

    The identity is the one :data:`_REPEATED` compares, with person ids (the
    ingest's own numbers differ from run to run). The hash is keyed: without
    the store's key nobody can test whether a guessed meeting took place.
    Events naming no known person have none (they count for nothing).
    """
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE netgraph_event_hashes AS
        WITH people AS (
            SELECT e.eid, any_value(e.day) AS day, any_value(e.second) AS second, any_value(e.channel) AS channel,
                   any_value(s.person_id) AS sender, list(p.person_id ORDER BY p.person_id) AS people
            FROM (SELECT eid, day, second, channel, sender, unnest(people) AS pidx FROM netgraph_event_people) e
            JOIN netgraph_people p ON p.pidx = e.pidx
            LEFT JOIN netgraph_people s ON s.pidx = e.sender
            GROUP BY e.eid
        ), hashed AS (
            SELECT eid, day, {hmac_sql(key, "to_json({s: second, c: channel, f: sender, p: people})::VARCHAR")}
                   AS hash
            FROM people
        )
        SELECT eid, day, hash, hash IN (SELECT hash FROM netgraph_seen_events) AS seen FROM hashed""")


def _second(ts: str) -> str:
    """A TIMESTAMPTZ as whole seconds since 1970 (UTC): the precision of an event's identity."""
    return f"floor(epoch_us({ts}) / 1000000)::BIGINT"


def _report(con, target: str, source: _Source) -> EventReport:
    counts = dict(con.execute("SELECT status, count(*) FROM netgraph_event_status GROUP BY status").fetchall())
    by_channel = con.execute(
        "SELECT channel, count(*) FROM netgraph_event_status WHERE status = 'too_large' "
        "GROUP BY channel ORDER BY channel"
    ).fetchall()
    unknown = con.execute("""
        WITH names AS (SELECT eid, unnest(unknown) AS name FROM netgraph_event_status
                       WHERE len(unknown) > 0 AND status NOT IN ('future', 'taken', 'duplicate'))
        SELECT count(DISTINCT eid), count(DISTINCT name) FROM names""").fetchall()[0]
    first = [
        name
        for (name,) in con.execute(f"""
        SELECT name FROM (SELECT eid, unnest(unknown) AS name FROM netgraph_event_status
                                    WHERE len(unknown) > 0 AND status NOT IN ('future', 'taken', 'duplicate'))
        GROUP BY name ORDER BY min(eid), name LIMIT {UNKNOWN_SHOWN}""").fetchall()
    ]
    pairs = con.execute(f"SELECT count(*) FROM (SELECT a, b FROM {target} GROUP BY a, b)").fetchall()[0][0]
    days, rows, first_day, last_day = con.execute(
        f"SELECT count(DISTINCT day), count(*), min(day), max(day) FROM {target}"
    ).fetchall()[0]
    return EventReport(
        files=len(source.files),
        events_read=sum(counts.values()),
        events_counted=counts.get("counted", 0),
        skipped_too_large=counts.get("too_large", 0),
        skipped_too_large_by_channel={CHANNELS[c]: n for c, n in by_channel},
        skipped_alone=counts.get("alone", 0),
        skipped_unknown_people=counts.get("unknown", 0),
        skipped_future=counts.get("future", 0),
        skipped_taken=counts.get("taken", 0),
        skipped_duplicate=counts.get("duplicate", 0),
        events_with_unknown_people=unknown[0],
        unknown_people=unknown[1],
        unknown_first=first,
        pairs=pairs,
        days=days,
        rows=rows,
        first_day=first_day,
        last_day=last_day,
    )


# ---------------------------------------------------------------- ties


def _table_name(aggregates) -> str:
    if isinstance(aggregates, Aggregates):
        return _ident(aggregates.table)
    if isinstance(aggregates, str):
        return _ident(aggregates)
    raise TypeError("aggregates: an Aggregates or the name of a table of aggregates")


#: Up to this min_events, a pair's window is judged from the rows just before each row (lag: one sort);
#: above it, with a sum over a RANGE frame (slower, but the same answer).
_LAG_MAX = 8


def _in_window(settings: TieSettings) -> str:
    """SQL: the events no more than window_days before each row's day, as far as min_events needs to know.

    Rows are (pair, channel, day) with events >= 1, ordered by day: if the
    rows of the last window_days days hold min_events or more, the last
    min_events of them (the row and the min_events - 1 rows before it) do
    already. So with a small min_events, lag() over those rows says whether
    the window is full; the sum is exact up to min_events and smaller past
    it, which is all the rule asks. Same-day rows of other channels are
    peers: the last of them in the order sees all of them.
    """
    k, days = settings.min_events, settings.window_days
    if k > _LAG_MAX:
        return (
            f"sum(events) OVER (PARTITION BY a, b ORDER BY day RANGE BETWEEN INTERVAL {days} DAYS PRECEDING "
            f"AND CURRENT ROW)"
        )
    terms = ["events"] + [
        f"CASE WHEN lag(day, {m}) OVER w >= day - {days} THEN lag(events, {m}) OVER w ELSE 0 END" for m in range(1, k)
    ]
    return " + ".join(terms)


def ties_sql(
    aggregates, settings: TieSettings = DEFAULT_SETTINGS, *, as_of: date, only_pairs: str | None = None
) -> str:
    """The SQL of :func:`qualifying_ties` (a SELECT over the aggregates' table)."""
    table = _table_name(aggregates)
    weights = (
        "CASE channel "
        + " ".join(f"WHEN {_lit(c)} THEN {float(settings.channel_weights[c])!r}" for c in CHANNELS)
        + " ELSE 0.0 END"
    )
    restrict = f"SEMI JOIN {_ident(only_pairs)} o ON o.a = x.a AND o.b = x.b" if only_pairs else ""
    day = f"DATE {_lit(as_of.isoformat())}"
    return f"""
        WITH evidence AS (
            SELECT x.a, x.b, x.day, x.events, x.events * {weights} AS weighted
            FROM {table} x {restrict} WHERE x.day <= {day}
        ), windowed AS (  -- each row with the events of the pair's rows no more than window_days before it
            SELECT a, b, day, events, weighted, {_in_window(settings)} AS in_window
            FROM evidence WINDOW w AS (PARTITION BY a, b ORDER BY day)
        ), pairs AS (
            -- rule twin of netgraph/model/ties.py: evidence_strength
            -- evidence = sum(events * channel_weight * 2^(-age_days / half_life_days)), age in whole days to as_of
            SELECT a, b, min(day) AS first_seen, max(day) AS last_seen,
                   min(day) FILTER (WHERE in_window >= {settings.min_events}) AS qualified_on,
                   sum(events)::BIGINT AS events,
                   sum(weighted * pow(2.0, -({day} - day) / {float(settings.half_life_days)!r})) AS evidence
            FROM windowed GROUP BY a, b
        )
        SELECT a, b, first_seen, last_seen, qualified_on, events, evidence,
               1 - exp(-evidence / {float(settings.evidence_scale)!r}) AS strength,  -- rule twin (saturation)
               1 - exp(-evidence / {float(settings.evidence_scale)!r}) < {float(settings.retire_below)!r} AS retire
        FROM pairs WHERE qualified_on IS NOT NULL"""


def qualifying_ties(
    con,
    aggregates,
    settings: TieSettings = DEFAULT_SETTINGS,
    *,
    as_of: date | None = None,
    only_pairs: str | None = None,
):
    """The pairs that are ties, as a lazy DuckDB relation (DuckDB SQL over the aggregates).

    A pair is a tie when it has at least ``min_events`` events (any
    channels) no more than ``window_days`` days apart on or before
    ``as_of`` (default: the aggregates' last day). Columns: ``a``, ``b``,
    ``first_seen`` and ``last_seen`` (the days of its first and last
    events), ``qualified_on`` (the first day it met the rule), ``events``,
    ``evidence``, ``strength`` (:func:`netgraph.model.ties.evidence_strength`)
    and ``retire`` (strength below ``retire_below``: the evidence has faded).
    ``only_pairs`` names a table of ``(a, b)`` to judge only those pairs
    (the pairs one more day of events touched).
    """
    if as_of is None:
        as_of = con.execute(f"SELECT max(day) FROM {_table_name(aggregates)}").fetchall()[0][0] or date.today()
    return con.sql(ties_sql(aggregates, settings, as_of=as_of, only_pairs=only_pairs))


def merge_aggregates(con, into: str, new) -> int:
    """Add the aggregates ``new`` (an :class:`Aggregates` or a table name) to the table ``into``.

    Rows of the same pair, channel and day are added together, so a late
    batch for a day already held merges into it. Only the days ``new``
    holds are touched. Returns how many rows ``into`` has for those days.
    """
    source, target = _table_name(new), _ident(into)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE netgraph_merged AS
            SELECT a, b, channel, day, sum(events)::INTEGER AS events, sum(minutes) AS minutes
            FROM (SELECT * FROM {target} WHERE day IN (SELECT DISTINCT day FROM {source})
                  UNION ALL SELECT a, b, channel, day, events, minutes FROM {source})
            GROUP BY ALL""")
        con.execute(f"DELETE FROM {target} WHERE day IN (SELECT DISTINCT day FROM netgraph_merged)")
        con.execute(f"INSERT INTO {target} SELECT * FROM netgraph_merged")
        rows = con.execute("SELECT count(*) FROM netgraph_merged").fetchall()[0][0]
        con.execute("DROP TABLE netgraph_merged")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return int(rows)
