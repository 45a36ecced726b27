"""A CSV folder: the interchange document as one spreadsheet file per section.

For people who keep their organisation in spreadsheets. Each section is a
file (``people.csv``, ``knows.csv``, ...) with a header row; list fields are
separated by ``;``, skills are ``name:level;name:level`` and holders
``person:since;person``. Missing files are sections not imported, and a
missing column is a field the file does not carry: each record keeps what is
stored (a new one gets the default).

Parsing only turns text into values; it never decides what is valid. A cell
that does not parse (``level`` = ``senior``, ``strength`` = ``nan``) is kept
as the raw string, so validation reports it with the file and line it came
from. An empty cell clears the field (null, or an empty list). Where the field
cannot be null (``open_to_intros``, ``open_to_mentoring``, ``status``, ``critical``...) and in the
columns of ``KEPT_WHEN_EMPTY`` (a person's ``left_on``, an introduction's
status dates) it leaves the stored value as it is, as a missing column does.

Cells are written as :mod:`netgraph.model.csv_cells` escapes them (a text
that a spreadsheet would run as a formula gets a leading ``'``) and read
back exactly: one leading ``'`` is removed, and the spaces around text
(names, titles, notes...) are kept, while those around ids, numbers and
lists are not.

Examples
--------
>>> parse_cell("people", "skills", "python:4; negotiation:3")
{'python': 4, 'negotiation': 3}
>>> parse_cell("positions", "holders", "p1:2021-01-01;p2")
[{'person': 'p1', 'since': '2021-01-01'}, {'person': 'p2', 'since': None}]
>>> parse_cell("people", "level", "senior"), parse_cell("knows", "strength", "nan")
('senior', 'nan')
>>> parse_cell("people", "name", "'=1+2"), parse_cell("people", "name", " Ada"), parse_cell("people", "id", " p1 ")
('=1+2', ' Ada', 'p1')
"""

from __future__ import annotations

import csv
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from netgraph.errors import InvalidInput, Problem
from netgraph.model.csv_cells import escape, unescape
from netgraph.model.limits import TEXT_FIELDS
from netgraph.model.validate import DEFAULTS
from netgraph.model.vocabulary import FIELDS, KEPT_WHEN_EMPTY, SECTIONS

MAX_STRUCTURE_PROBLEMS = 50
_INTS = {"level", "outcome", "mentor_rating", "mentee_rating"}
_FLOATS = {"strength", "declared_strength", "evidence_strength", "org_chart_strength"}
_BOOLS = {"open_to_intros", "open_to_mentoring", "signals_opt_out", "critical", "mentor_again", "mentee_again"}
_LISTS = {"wants_to_grow", "requires", "focus", "sources"}
_TRUE, _FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n"}


def parse_cell(section: str, column: str, text: str):
    """One cell's text as a value (or the raw text when it does not parse); None for an empty cell."""
    if column in TEXT_FIELDS:
        return unescape(text) if text else None
    text = unescape(text.strip())
    if column in _LISTS:
        items = [item.strip() for item in text.split(";") if item.strip()]
        # a tie always has a source: an empty ``sources`` cell is a field left out (the stored ones stay)
        return None if not items and column in KEPT_WHEN_EMPTY.get(section, ()) else items
    if column == "skills":
        skills: dict = {}
        for item in filter(None, (i.strip() for i in text.split(";"))):
            name, _, level = item.partition(":")
            skills[name.strip()] = _number(level.strip(), int) if level.strip() else level
        return skills
    if column == "holders":
        holders = []
        for item in filter(None, (i.strip() for i in text.split(";"))):
            person, _, since = item.partition(":")
            holders.append({"person": person.strip(), "since": since.strip() or None})
        return holders
    if text == "":
        return None
    if column in _INTS:
        return _number(text, int)
    if column in _FLOATS:
        return _number(text, float)
    if column in _BOOLS:
        lowered = text.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else text
    return text


def cell_parser(section: str, column: str) -> Callable[[str], Any]:
    """:func:`parse_cell` for one column, its kind decided once: a million people's folder has tens of
    millions of cells (``cell_parser(s, c)(text) == parse_cell(s, c, text)`` for every text).

    >>> cell_parser("people", "level")(" 3 "), cell_parser("people", "name")(" Ada"), cell_parser("knows", "a")("")
    (3, ' Ada', None)
    """
    if column in TEXT_FIELDS:
        return _text_cell
    if column in _INTS:
        return _int_cell
    if column in _FLOATS:
        return _float_cell
    if column in _BOOLS:
        return _bool_cell
    if column in _LISTS or column in ("skills", "holders"):
        return partial(parse_cell, section, column)
    return _plain_cell


def _text_cell(text: str) -> str | None:
    return unescape(text) if text else None


def _plain_cell(text: str) -> str | None:
    text = unescape(text.strip())
    return text if text else None


def _int_cell(text: str):
    text = unescape(text.strip())
    return _number(text, int) if text else None


def _float_cell(text: str):
    text = unescape(text.strip())
    return _number(text, float) if text else None


def _bool_cell(text: str):
    text = unescape(text.strip())
    if not text:
        return None
    lowered = text.lower()
    return True if lowered in _TRUE else False if lowered in _FALSE else text


def _number(text: str, kind):
    try:
        number = kind(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text  # "nan", "inf": not numbers netgraph keeps


def read_csv_folder(folder: str | Path) -> tuple[dict, dict[str, list[str]]]:
    """Read every section file in ``folder``.

    Returns the document and, per section, a ``"people.csv line 7"`` label
    for each record (the physical line, header = line 1). Problems with the
    files' structure (unknown or duplicate columns, ragged rows, broken
    quoting, unexpected files) are all collected and raised together.
    """
    folder = Path(folder)
    problems = folder_problems(folder)
    document: dict[str, list[dict]] = {}
    labels: dict[str, list[str]] = {}
    for section in SECTIONS:
        path = folder / f"{section}.csv"
        if path.exists():
            document[section], labels[section] = _read_section(path, section, problems)
    if not document and not problems:
        problems.append(no_files(folder))
    if problems:
        raise InvalidInput(problems[:MAX_STRUCTURE_PROBLEMS], total=len(problems))
    return document, labels


def folder_problems(folder: Path) -> list[Problem]:
    """The files in ``folder`` that are no section's; raises ``InvalidInput`` when it is not a folder."""
    if not folder.is_dir():
        raise InvalidInput([Problem(str(folder), "", f"not a folder (a CSV folder holds {_EXPECTED})")])
    unknown = sorted(p.name for p in folder.glob("*.csv") if p.stem not in SECTIONS)
    return [Problem(name, "", f"unexpected file (expected some of {_EXPECTED})") for name in unknown]


def no_files(folder: Path) -> Problem:
    """The refusal of a folder without any section file."""
    return Problem(str(folder), "", f"no CSV files found (expected some of {_EXPECTED})")


_EXPECTED = ", ".join(f"{s}.csv" for s in SECTIONS)


def _read_section(path: Path, section: str, problems: list[Problem]) -> tuple[list[dict], list[str]]:
    records, labels = [], []
    for label, record in iter_section(path, section, problems):
        records.append(record)
        labels.append(label)
    return records, labels


def iter_section(path: Path, section: str, problems: list[Problem]) -> Iterator[tuple[str, dict]]:
    """The records of one section file, one at a time, each with its ``"people.csv line 7"`` label.

    What :func:`read_csv_folder` reads, without holding the file's records: a
    load of a million people reads them as it goes. Problems with the file's
    structure are appended to ``problems`` (a row that does not fit is left
    out; broken quoting or an encoding error ends the file there).
    """
    kept = KEPT_WHEN_EMPTY.get(section, ())  # an empty cell keeps the stored value, as a missing column does
    defaults = DEFAULTS[section]
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle, strict=True)
            header = [h.strip() for h in next(reader, [])]
            if not _header_ok(path.name, header, section, problems):
                return
            start = reader.line_num + 1
            parsers = [cell_parser(section, column) for column in header]
            for row in reader:
                line, start = start, reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(header):
                    problems.append(
                        Problem(
                            f"{path.name} line {line}", "", f"{len(row)} cells but the header has {len(header)} columns"
                        )
                    )
                    continue
                values = {column: parse(cell) for column, parse, cell in zip(header, parsers, row, strict=False)}
                yield (
                    f"{path.name} line {line}",
                    {
                        column: value
                        for column, value in values.items()
                        if value is not None or (defaults.get(column) is None and column not in kept)
                    },
                )
    except csv.Error as exc:
        problems.append(Problem(f"{path.name} line {reader.line_num}", "", f"malformed CSV: {exc}"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(path.name, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})"))


def _header_ok(name: str, header: list[str], section: str, problems: list[Problem]) -> bool:
    before = len(problems)
    if not header:
        problems.append(Problem(f"{name} line 1", "", "empty file: a header row is needed"))
    for column in header:
        if column not in FIELDS[section]:
            problems.append(
                Problem(f"{name} line 1", column, f"unknown column (expected some of {', '.join(FIELDS[section])})")
            )
    for column in {c for c in header if header.count(c) > 1}:
        problems.append(Problem(f"{name} line 1", column, "column appears twice"))
    return len(problems) == before


def format_cell(column: str, value) -> str:
    """The inverse of :func:`parse_cell` for a normalized value.

    >>> format_cell("skills", {"go": 3, "sql": 2}), format_cell("critical", True), format_cell("parent", None)
    ('go:3;sql:2', 'true', '')
    """
    if value is None:
        return ""
    if column == "skills":
        return ";".join(f"{name}:{level}" for name, level in value.items())
    if column == "holders":
        return ";".join(h["person"] + (f":{h['since']}" if h.get("since") else "") for h in value)
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _written(column: str, value) -> str:
    """A cell as written: text escaped, numbers and booleans as they are."""
    if value is None:  # the two commonest cells first: a CSV folder of a million people has tens of millions
        return ""
    if type(value) is str:
        return escape(value)
    cell = format_cell(column, value)
    return cell if isinstance(value, (int, float)) else escape(cell)


def write_csv_folder(document: dict, folder: str | Path) -> None:
    """Write all seven section files (header only for an empty section), each atomically."""
    write_csv_sections(((section, document.get(section, [])) for section in SECTIONS), folder)


def write_csv_sections(sections: Iterable[tuple[str, Iterable[dict]]], folder: str | Path) -> None:
    """Write each section's records as they come, one file per section, each atomically.

    A section's records may be a generator: nothing but the row being written
    is held, so a folder of any size is written in little memory (``netgraph
    generate`` at a million people). The sections must be SECTIONS, in order
    or not; one left out is not written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for section, records in sections:
        columns = FIELDS[section]
        fd, tmp = tempfile.mkstemp(prefix=f".{section}.", dir=folder)
        try:
            with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                for record in records:
                    writer.writerow([_written(c, record.get(c)) for c in columns])
            os.replace(tmp, folder / f"{section}.csv")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
