"""Read an HR system's nightly export: one CSV row per employee, the whole organisation at once.

``netgraph sync people FILE.csv`` treats the export as the whole truth about
the people it names (:mod:`netgraph.io.hr_sync` plans what changes). A row
read wrongly would move, rename or retire someone, so reading is strict:
every problem in the file is found, each on one located line, and
:class:`~netgraph.errors.InvalidInput` is raised once; nothing is returned
half-read.

**Columns** (netgraph's names; a mapping's ``[columns]`` gives the export's
own header for any of them):

======================  ====================================================
``employee_id``         the person's id (a value is required)
``name``                the person's name (a value is required)
``email``               unique in the file, ignoring case
``manager_id``          an ``employee_id`` of the same file; empty at the top
``department_id``       the person's org unit
``department_name``     the unit's name (empty: the unit is named by its id)
``parent_department_id`` the unit's parent; it may be a unit the file does
                        not otherwise name (a division nobody is directly in)
``position_id``         the person's seat; empty: a seat of their own,
                        ``pos-`` + their (prefixed) ``employee_id``
``job_title``           the person's title, and their seat's
``level``               1..8, or a grade of the mapping's ``[grades]``
``location``
``hire_date``           in the mapping's ``date_format`` (default ``%Y-%m-%d``)
``critical``            optional: the seat is critical (yes/no words)
``flight_risk``         optional: low, medium or high
``preferred_name``      optional: what the person likes to be called (used in reasons)
======================  ====================================================

**Required columns**: ``employee_id``, ``name``, ``manager_id``,
``department_id`` and ``hire_date`` must be in the header, even if many of
their cells are empty. They are what people, org units and positions are
built from: a column renamed by the HR system must not read as "nobody has a
manager", which in a full snapshot would move the whole company. Any other
column may be missing, and a missing column is a field the HR system does not
own: the sync leaves what netgraph holds for it (a flight risk kept by hand
is not wiped every night). A column the mapping names explicitly must exist.

**Cells** are stripped of surrounding spaces; an empty cell is no value. A
row must have as many cells as the header: a last line cut short by an
interrupted export is refused, not read as a row of empty cells. Blank lines
are skipped and a UTF-8 BOM is accepted. Ids, after ``id_prefix``, follow the
id rule and texts the text rules and lengths of :mod:`netgraph.model.text`
and :mod:`netgraph.model.limits`. A file over :data:`MAX_FILE_BYTES` or with
a line over :data:`MAX_LINE_BYTES` is refused.

**The organisation** must hold together: unique ids and emails, known
managers, no manager or department cycle, one name and one parent per
department, and the holders of one shared ``position_id`` in one department
with managers in one position (a position reports to one position; and as
managers have no cycle, neither do positions).

Examples
--------
>>> mapping = mapping_from({"columns": {"employee_id": "Worker"}, "grades": {"P3": 3}, "id_prefix": "wd-"})
>>> mapping.header("employee_id"), mapping.header("name"), mapping.grades["P3"]
('Worker', 'name', 3)
>>> mapping_from({"colums": {}}, "m.toml")
Traceback (most recent call last):
...
netgraph.errors.InvalidInput: m.toml, field 'colums': unknown key (expected some of columns, grades, date_format, \
delimiter, id_prefix, values)
>>> Employee("wd-7", "Ada", line=2).seat, Employee("wd-7", "Ada", position_id="wd-P1", line=2).seat
('pos-wd-7', 'wd-P1')
"""

from __future__ import annotations

import codecs
import csv
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from netgraph.errors import InvalidInput, Problem
from netgraph.io.text_files import encoding_problem, line_end_problem
from netgraph.model.limits import LIST_MAX, TEXT_MAX
from netgraph.model.text import id_problem, shown, text_problem
from netgraph.model.validate import MAX_PROBLEMS, find_cycles
from netgraph.model.vocabulary import FLIGHT_RISKS, LEVEL_MAX, LEVEL_MIN

#: Every column of a snapshot, by netgraph's name for it.
COLUMNS = (
    "employee_id",
    "name",
    "email",
    "manager_id",
    "department_id",
    "department_name",
    "parent_department_id",
    "position_id",
    "job_title",
    "level",
    "location",
    "hire_date",
    "critical",
    "flight_risk",
    "preferred_name",
)
#: Columns the header must have (their cells may be empty but for employee_id and name).
REQUIRED_COLUMNS = ("employee_id", "name", "manager_id", "department_id", "hire_date")
#: Columns whose every cell must hold a value.
REQUIRED_VALUES = ("employee_id", "name")
#: Columns holding an id (``id_prefix`` is put in front of each).
ID_COLUMNS = ("employee_id", "manager_id", "department_id", "parent_department_id", "position_id")
#: Text columns, and the row of the limits table that bounds each.
TEXT_COLUMNS = {
    "name": "name",
    "email": "email",
    "department_name": "name",
    "job_title": "title",
    "location": "location",
    "preferred_name": "preferred_name",
}

#: Columns whose values many rows repeat (a manager's id is the id of their own row): one string per value.
SHARED_COLUMNS = frozenset({*ID_COLUMNS, "department_name", "job_title", "location", "hire_date"})

#: Columns whose cells are each one person's (their id, name, email): every other cell is read once per
#: distinct text, and a row repeating it takes the value read (a department, a title, a date, a level).
OWN_COLUMNS = frozenset({"employee_id", "name", "email", "preferred_name"})

#: The seat of someone with no ``position_id``: this + their (prefixed) employee id.
DERIVED_POSITION_PREFIX = "pos-"

#: The largest export read, in bytes: about a million employees at 1 KB a row, the largest organisation
#: netgraph is measured at (docs/benchmarks/scale.md); the export's rows are held compactly while planned.
MAX_FILE_BYTES = 1024 * 1024 * 1024
#: The longest line read, in bytes (a row of 100 columns of 600 characters).
MAX_LINE_BYTES = 64 * 1024
#: The largest mapping file read, in bytes.
MAX_MAPPING_BYTES = 64 * 1024

#: Words a ``critical`` cell may hold (compared ignoring case; an empty cell is "no").
CRITICAL_YES = ("true", "yes", "y", "1", "x")
CRITICAL_NO = ("false", "no", "n", "0")

_MAPPING_KEYS = ("columns", "grades", "date_format", "delimiter", "id_prefix", "values")
_VALUES_KEYS = ("critical_yes", "critical_no", "flight_risk")


@dataclass(frozen=True)
class HrMapping:
    """How one HR system's export says what netgraph needs (a TOML file: :func:`read_mapping`).

    ``columns`` maps netgraph's column name to the export's header (a column
    not named keeps netgraph's name); ``grades`` maps the export's grade text
    to a level (given: the ``level`` column holds grades); words are
    compared ignoring case.
    """

    columns: Mapping[str, str] = field(default_factory=dict)
    grades: Mapping[str, int] | None = None
    date_format: str = "%Y-%m-%d"
    delimiter: str = ","
    id_prefix: str = ""
    critical_yes: tuple[str, ...] = CRITICAL_YES
    critical_no: tuple[str, ...] = CRITICAL_NO
    flight_risks: Mapping[str, str] = field(default_factory=lambda: {risk: risk for risk in FLIGHT_RISKS})

    def header(self, column: str) -> str:
        """The export's header for one of netgraph's columns."""
        return self.columns.get(column, column)


@dataclass(frozen=True, slots=True)
class Employee:
    """One row of the export, typed: ids prefixed, ``level`` 1..8, ``hire_date`` ISO, ``line`` where it starts.

    Slotted, and the cells many rows repeat (a department, a title, a
    manager's id, a date) are one string shared by those rows: a
    million-row export is held as compact rows, not a dict per row.
    """

    employee_id: str
    name: str
    email: str | None = None
    manager_id: str | None = None
    department_id: str | None = None
    department_name: str | None = None
    parent_department_id: str | None = None
    position_id: str | None = None
    job_title: str | None = None
    level: int | None = None
    location: str | None = None
    hire_date: str | None = None
    critical: bool = False
    flight_risk: str | None = None
    preferred_name: str | None = None
    line: int = 0

    @property
    def seat(self) -> str:
        """The position this employee holds: ``position_id``, else one derived from their id."""
        return self.position_id or DERIVED_POSITION_PREFIX + self.employee_id


@dataclass(frozen=True)
class Snapshot:
    """A whole export, read and checked."""

    #: The file's name, as messages name it ("hr.csv line 7").
    source: str
    #: In the file's order.
    employees: tuple[Employee, ...]
    #: netgraph's names of the columns the file has: a missing one is a field HR does not own.
    columns: frozenset[str] = frozenset(COLUMNS)

    def where(self, employee: Employee) -> str:
        """The place of a row in messages."""
        return f"{self.source} line {employee.line}"


# --- the mapping ------------------------------------------------------------------------------------------


def read_mapping(path: str | Path) -> HrMapping:
    """Read a TOML mapping file; raise ``InvalidInput`` listing every problem in it.

    An unknown key is a problem, not ignored: ``[colums]`` would otherwise
    silently read every column under its default name.
    """
    path = Path(path)
    try:
        import tomllib  # Python 3.11 on; imported here so that 3.10 can still read exports in default columns
    except ModuleNotFoundError:
        raise InvalidInput([Problem(path.name, "", "reading a mapping file needs Python 3.11 or later")]) from None
    data = _read_bytes(path, MAX_MAPPING_BYTES)
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InvalidInput([Problem(path.name, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput([Problem(path.name, "", f"not valid TOML: {exc}")]) from None
    return mapping_from(parsed, path.name)


def mapping_from(data: Mapping, where: str = "mapping") -> HrMapping:
    """An :class:`HrMapping` from a parsed TOML table, or ``InvalidInput`` naming each bad key."""
    problems: list[Problem] = []

    def report(key: str, message: str) -> None:
        problems.append(Problem(where, key, message))

    for key in data:
        if key not in _MAPPING_KEYS:
            report(key, f"unknown key (expected some of {', '.join(_MAPPING_KEYS)})")
    columns = _mapping_columns(data.get("columns", {}), report)
    grades = _mapping_grades(data["grades"], report) if "grades" in data else None
    date_format = _mapping_text(data, "date_format", HrMapping.date_format, report)
    if date_format != HrMapping.date_format and "date_format" not in {p.field for p in problems}:
        message = _date_format_problem(date_format)
        if message:
            report("date_format", message)
    delimiter = _mapping_text(data, "delimiter", HrMapping.delimiter, report)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        report("delimiter", f"{shown(delimiter)} must be one character, not a quote or a line break")
    id_prefix = _mapping_text(data, "id_prefix", HrMapping.id_prefix, report)
    if id_prefix and id_problem(id_prefix):
        report("id_prefix", id_problem(id_prefix))
    values = _mapping_values(data.get("values", {}), report)
    if problems:
        raise InvalidInput(problems[:MAX_PROBLEMS], total=len(problems))
    return HrMapping(
        columns=columns, grades=grades, date_format=date_format, delimiter=delimiter, id_prefix=id_prefix, **values
    )


def _mapping_text(data: Mapping, key: str, default: str, report) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        report(key, f"{shown(value)} is not text")
        return default
    return value


def _mapping_columns(table: object, report) -> dict[str, str]:
    if not isinstance(table, dict):
        report("columns", 'must be a table: [columns] our_name = "Their Header"')
        return {}
    columns: dict[str, str] = {}
    for ours, theirs in table.items():
        if ours not in COLUMNS:
            report(f"columns.{ours}", f"unknown column (expected some of {', '.join(COLUMNS)})")
        elif not isinstance(theirs, str) or not theirs.strip():
            report(f"columns.{ours}", f"{shown(theirs)} is not a column header")
        else:
            columns[ours] = theirs.strip()
    by_header: dict[str, str] = {}
    for ours, theirs in columns.items():
        if theirs in by_header:
            report(f"columns.{ours}", f"{theirs!r} is already the column of {by_header[theirs]}")
        by_header.setdefault(theirs, ours)
    return columns


def _mapping_grades(table: object, report) -> dict[str, int]:
    if not isinstance(table, dict) or not table:
        report("grades", 'must be a table with a grade per line: [grades] "P3" = 3')
        return {}
    grades = {}
    for grade, level in table.items():
        if isinstance(level, bool) or not isinstance(level, int) or not LEVEL_MIN <= level <= LEVEL_MAX:
            report(f"grades.{grade}", f"{shown(level)} is not a level from {LEVEL_MIN} to {LEVEL_MAX}")
        else:
            grades[grade.strip()] = level
    return grades


def _mapping_values(table: object, report) -> dict:
    if not isinstance(table, dict):
        report("values", "must be a table (critical_yes, critical_no, flight_risk)")
        return {}
    values: dict = {}
    for key in table:
        if key not in _VALUES_KEYS:
            report(f"values.{key}", f"unknown key (expected some of {', '.join(_VALUES_KEYS)})")
    for key in ("critical_yes", "critical_no"):
        if key in table:
            words = table[key]
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
                report(f"values.{key}", 'must be a list of words, e.g. ["yes", "key role"]')
            else:
                values[key] = tuple(w.strip().casefold() for w in words)
    both = set(values.get("critical_yes", CRITICAL_YES)) & set(values.get("critical_no", CRITICAL_NO))
    if both:
        report("values.critical_no", f"{', '.join(sorted(both))} would mean both yes and no")
    if "flight_risk" in table:
        risks = table["flight_risk"]
        if not isinstance(risks, dict) or not risks:
            report("values.flight_risk", 'must be a table: their word = "low", "medium" or "high"')
        else:
            for word, risk in risks.items():
                if risk not in FLIGHT_RISKS:
                    report(f"values.flight_risk.{word}", f"{shown(risk)} is not one of: {', '.join(FLIGHT_RISKS)}")
            values["flight_risks"] = {w.strip().casefold(): r for w, r in risks.items() if r in FLIGHT_RISKS}
    return values


def _date_format_problem(date_format: str) -> str | None:
    """Why a strptime format cannot read dates back (it must name a day, a month and a year).

    >>> _date_format_problem("%d/%m/%Y"), _date_format_problem("%m/%Y")
    (None, "'%m/%Y' does not name a day, a month and a year (e.g. %d/%m/%Y)")
    """
    sample = date(2001, 2, 3)
    try:
        back = datetime.strptime(sample.strftime(date_format), date_format).date()
    except ValueError as exc:
        return f"{shown(date_format)} is not a date format ({exc})"
    if back != sample:
        return f"{shown(date_format)} does not name a day, a month and a year (e.g. %d/%m/%Y)"
    return None


# --- reading the export -------------------------------------------------------------------------------------


#: The mapping of an export in netgraph's own column names, ISO dates and levels.
DEFAULT_MAPPING = HrMapping()


def read_snapshot(path: str | Path, mapping: HrMapping = DEFAULT_MAPPING) -> Snapshot:
    """Read and check a whole export; raise ``InvalidInput`` with every problem (up to a cap).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "hr.csv").write_text(
    ...     "employee_id,name,manager_id,department_id,hire_date\\n"
    ...     "e1,Ada,,d1,2016-03-01\\n"
    ...     "e2,Bo,e1,d1,31/02/2024\\n")
    >>> read_snapshot(folder / "hr.csv")
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: hr.csv line 3, field 'hire_date': '31/02/2024' does not match the date format %Y-%m-%d
    """
    path = Path(path)
    found: list[tuple[int, Problem]] = []
    declared: set[str] = set()  # every valid employee id, even on a row refused for another cell
    employees, columns, complete = _read_rows(path, mapping, found, declared)
    if complete:
        found += _organisation_problems(employees, path.name, mapping, declared)
    if not found and not employees and complete:
        found.append(
            (
                0,
                Problem(
                    path.name, "", "no employees: the file has a header but no rows (a full snapshot cannot be empty)"
                ),
            )
        )
    if found:
        problems = [problem for _, problem in sorted(found, key=lambda item: item[0])]
        raise InvalidInput(problems[:MAX_PROBLEMS], total=len(problems))
    return Snapshot(path.name, tuple(employees), columns)


def _read_bytes(path: Path, limit: int) -> bytes:
    """A small file's bytes, or ``InvalidInput`` (missing, a folder, over ``limit``)."""
    with _opened(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput([Problem(path.name, "", f"more than {limit} bytes: too big to be a mapping file")])
    return data


def _opened(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InvalidInput([Problem(str(path), "", "no such file")]) from None
    except IsADirectoryError:
        raise InvalidInput([Problem(str(path), "", "is a folder, not a file")]) from None


class _Lines:
    """The file's lines as text, counted and bounded: iteration stops at the first that cannot be read.

    Decoding line by line gives the place of bytes that are not UTF-8 (line
    and byte offset) without holding the whole file in memory.
    """

    def __init__(self, handle: BinaryIO, name: str, found: list[tuple[int, Problem]]):
        self.handle, self.name, self.found = handle, name, found
        self.complete = True

    def __iter__(self) -> Iterator[str]:
        offset, number = 0, 0
        while True:
            raw = self.handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            number += 1
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw, offset = raw[len(codecs.BOM_UTF8) :], len(codecs.BOM_UTF8)
            if number == 1 and (saved_wrong := encoding_problem(raw) or line_end_problem(raw)):
                self._stop(number, saved_wrong)
                return
            if len(raw) > MAX_LINE_BYTES:
                self._stop(number, f"longer than {MAX_LINE_BYTES} bytes: not a row of an HR export")
                return
            if offset + len(raw) > MAX_FILE_BYTES:
                self._stop(number, f"the file goes on past {MAX_FILE_BYTES} bytes, the most read")
                return
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self._stop(
                    number,
                    f"not UTF-8 text ({exc.reason} at byte {exc.start + 1} of the line, "
                    f"byte offset {offset + exc.start} in the file)",
                )
                return
            offset += len(raw)
            yield text

    def _stop(self, number: int, message: str) -> None:
        self.found.append((number, Problem(f"{self.name} line {number}", "", message)))
        self.complete = False


def _read_rows(
    path: Path, mapping: HrMapping, found: list[tuple[int, Problem]], declared: set[str]
) -> tuple[list[Employee], frozenset[str], bool]:
    """Every row that reads without a problem; the columns the file has; whether the whole file was read."""
    name = path.name
    employees: list[Employee] = []
    shared: dict[str, str] = {}  # one string per distinct value of the columns rows repeat
    known: dict[tuple[str, str], object] = {}  # (column, text) -> the value a cell read without a problem
    with _opened(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_FILE_BYTES:
            found.append((0, Problem(name, "", f"{size} bytes, more than the limit of {MAX_FILE_BYTES}")))
            return [], frozenset(), False
        lines = _Lines(handle, name, found)
        reader = csv.reader(lines, delimiter=mapping.delimiter, strict=True)
        index: dict[str, int] | None = None
        try:
            header = next(reader, None)
            if header is None and not lines.complete:  # the first line could not be read: said once, already
                return [], frozenset(), False
            index = _header_index(header, name, mapping, found)
            if index is None:
                return [], frozenset(), False
            start = reader.line_num + 1
            for row in reader:
                line, start = start, reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                employee = _row(line, row, len(header or ()), index, mapping, name, found, declared, shared, known)
                if employee is not None:
                    employees.append(employee)
        except csv.Error as exc:
            found.append((reader.line_num, Problem(f"{name} line {reader.line_num}", "", f"malformed CSV: {exc}")))
            return employees, frozenset(index or ()), False
    return employees, frozenset(index or ()), lines.complete


def _header_index(
    header: list[str] | None, name: str, mapping: HrMapping, found: list[tuple[int, Problem]]
) -> dict[str, int] | None:
    """netgraph's column -> its cell's index; None (with problems) when the header does not do."""
    where = f"{name} line 1"
    cells = [cell.strip() for cell in header or ()]
    if not any(cells):
        found.append((1, Problem(where, "", "empty file: a header row is needed")))
        return None
    before = len(found)
    index = {}
    for column in COLUMNS:
        theirs = mapping.header(column)
        if cells.count(theirs) > 1:
            found.append((1, Problem(where, theirs, "column appears twice")))
        elif theirs in cells:
            index[column] = cells.index(theirs)
        elif column in mapping.columns:
            found.append((1, Problem(where, theirs, f"column missing (the mapping names it for {column})")))
        elif column in REQUIRED_COLUMNS:
            found.append((1, Problem(where, theirs, "required column missing")))
    return index if len(found) == before else None


def _row(
    line: int,
    row: list[str],
    width: int,
    index: dict[str, int],
    mapping: HrMapping,
    name: str,
    found: list[tuple[int, Problem]],
    declared: set[str],
    shared: dict[str, str],
    known: dict[tuple[str, str], object] | None = None,
) -> Employee | None:
    """One row as an :class:`Employee`, or None with its problems added to ``found``; a repeated cell's
    value is the string ``shared`` already holds for it. A cell outside :data:`OWN_COLUMNS` whose text
    an earlier row had, read then without a problem, takes that value from ``known`` unchecked again."""
    where = f"{name} line {line}"
    if len(row) != width:
        found.append((line, Problem(where, "", f"{len(row)} cells but the header has {width} columns")))
        return None
    before = len(found)

    def report(column: str, message: str) -> None:
        found.append((line, Problem(where, mapping.header(column), message)))

    known = {} if known is None else known
    values = {}
    for column, i in index.items():
        text = row[i].strip()
        key = (column, text)
        if key in known:
            values[column] = known[key]
            continue
        problems = len(found)
        value = values[column] = _cell(column, text, mapping, report)
        if column not in OWN_COLUMNS and len(found) == problems:
            known[key] = shared.setdefault(value, value) if isinstance(value, str) else value
    if values["employee_id"] is not None:
        declared.add(values["employee_id"])
    if len(found) > before:
        return None
    for column in SHARED_COLUMNS.intersection(values):
        value = values[column]
        if isinstance(value, str):
            values[column] = shared.setdefault(value, value)
    return Employee(**{c: v for c, v in values.items() if v is not None}, line=line)


def _cell(column: str, text: str, mapping: HrMapping, report) -> object:
    """One cell's value (None when empty or refused: ``report`` says why)."""
    if not text:
        if column in REQUIRED_VALUES:
            report(column, "is required")
        return False if column == "critical" else None
    if column in ID_COLUMNS:
        return _checked(mapping.id_prefix + text, id_problem(mapping.id_prefix + text), column, report)
    if column in TEXT_COLUMNS:
        limit = TEXT_MAX[TEXT_COLUMNS[column]]
        problem = f"{len(text)} characters, more than the limit of {limit}" if len(text) > limit else text_problem(text)
        return _checked(text, problem, column, report)
    if column == "level":
        return _level(text, mapping, column, report)
    if column == "hire_date":
        return _date(text, mapping.date_format, column, report)
    if column == "critical":
        return _word(
            text,
            {**dict.fromkeys(mapping.critical_no, False), **dict.fromkeys(mapping.critical_yes, True)},
            column,
            report,
        )
    return _word(text, mapping.flight_risks, column, report)


def _checked(value: str, problem: str | None, column: str, report) -> str | None:
    if problem:
        report(column, problem)
        return None
    return value


def _level(text: str, mapping: HrMapping, column: str, report) -> int | None:
    """A level: the grade's, when the mapping has ``[grades]``; else the number itself, 1..8.

    >>> _level("P3", HrMapping(grades={"P3": 3}), "level", print), _level("7", HrMapping(), "level", print)
    (3, 7)
    >>> _level("P9", HrMapping(grades={"P3": 3, "M2": 6}), "level", lambda c, m: print(m))
    unknown grade 'P9' (the mapping's [grades] has M2, P3)
    """
    if mapping.grades is not None:
        if text in mapping.grades:
            return mapping.grades[text]
        known = sorted(mapping.grades)
        listed = ", ".join(known[:20]) + (", ..." if len(known) > 20 else "")
        report(column, f"unknown grade {shown(text)} (the mapping's [grades] has {listed})")
        return None
    try:
        level = int(text)
    except ValueError:
        level = None
    if level is None or not LEVEL_MIN <= level <= LEVEL_MAX:
        report(column, f"{shown(text)} is not a level from {LEVEL_MIN} to {LEVEL_MAX}")
        return None
    return level


def _date(text: str, date_format: str, column: str, report) -> str | None:
    """A date as ``YYYY-MM-DD``, read in the mapping's format.

    >>> _date("03/02/2001", "%d/%m/%Y", "hire_date", print)
    '2001-02-03'
    >>> _date("30/02/2001", "%d/%m/%Y", "hire_date", lambda c, m: print(m))
    '30/02/2001' is not a real day (day is out of range for month)
    """
    try:
        return datetime.strptime(text, date_format).date().isoformat()
    except ValueError as exc:
        if "does not match format" in str(exc) or "unconverted data" in str(exc):
            report(column, f"{shown(text)} does not match the date format {date_format}")
        else:
            report(column, f"{shown(text)} is not a real day ({exc})")
        return None


def _word(text: str, meanings: Mapping[str, object], column: str, report) -> object:
    """What a word means, compared ignoring case.

    >>> _word("Key Position", {"key position": True, "No": False}, "critical", print)
    True
    """
    folded = {word.casefold(): meaning for word, meaning in meanings.items()}
    if text.casefold() in folded:
        return folded[text.casefold()]
    report(column, f"{shown(text)} is not one of: {', '.join(meanings)}")
    return None


# --- the organisation as a whole -----------------------------------------------------------------------------


def _organisation_problems(
    employees: list[Employee], name: str, mapping: HrMapping, declared: set[str]
) -> list[tuple[int, Problem]]:
    """What is wrong between rows: duplicates, unknown managers, cycles, inconsistent departments and seats."""
    found: list[tuple[int, Problem]] = []

    def report(employee: Employee, column: str, message: str) -> None:
        found.append((employee.line, Problem(f"{name} line {employee.line}", mapping.header(column), message)))

    unique = _unique_rows(employees, report)
    by_id = {e.employee_id: e for e in unique}
    for e in unique:
        if e.manager_id is not None and e.manager_id not in declared:
            report(e, "manager_id", f"unknown manager {shown(e.manager_id)}: no row has this employee_id")
    _cycle_problems({e.employee_id: e.manager_id for e in unique}, by_id, "manager_id", "manager cycle", report)
    _department_problems(unique, report)
    _position_problems(unique, by_id, report)
    return found


def _unique_rows(employees: list[Employee], report) -> list[Employee]:
    """The rows with an id and an email not seen on an earlier line (the others are reported)."""
    first_id: dict[str, Employee] = {}
    first_email: dict[str, Employee] = {}
    unique = []
    for e in employees:
        if e.employee_id in first_id:
            report(
                e,
                "employee_id",
                f"duplicate employee id {shown(e.employee_id)} (first on line {first_id[e.employee_id].line})",
            )
            continue
        first_id[e.employee_id] = e
        unique.append(e)
        if e.email is not None:
            folded = e.email.casefold()
            if folded in first_email:
                report(
                    e,
                    "email",
                    f"{shown(e.email)} is also the email of line {first_email[folded].line} "
                    "(emails are compared ignoring case)",
                )
            first_email.setdefault(folded, e)
    return unique


def _cycle_problems(
    parents: dict[str, str | None], row_of: Mapping[str, Employee], column: str, what: str, report
) -> None:
    """Report each cycle of a child -> parent map at the row of its first member."""
    for cycle in find_cycles(parents):
        report(row_of[cycle[0]], column, f"{what}: " + " -> ".join([*cycle, cycle[0]]))


def _department_problems(employees: list[Employee], report) -> None:
    """One name and one parent per department; no department inside itself."""
    first: dict[str, Employee] = {}
    for e in employees:
        if e.department_id is None:
            continue
        seen = first.setdefault(e.department_id, e)
        if e.department_name != seen.department_name:
            report(
                e,
                "department_name",
                f"department {shown(e.department_id)} is named "
                f"{_or(e.department_name, 'nothing')} here but "
                f"{_or(seen.department_name, 'nothing')} on line {seen.line}",
            )
        if e.parent_department_id != seen.parent_department_id:
            report(
                e,
                "parent_department_id",
                f"department {shown(e.department_id)} is in "
                f"{_or(e.parent_department_id, 'no department')} here but in "
                f"{_or(seen.parent_department_id, 'no department')} on line {seen.line}",
            )
    parents = {d: e.parent_department_id for d, e in first.items()}
    _cycle_problems(parents, first, "parent_department_id", "department cycle", report)


def _or(value: str | None, instead: str) -> str:
    return instead if value is None else shown(value)


def seats(employees: Iterable[Employee]) -> dict[str, list[Employee]]:
    """Each position and its holders, in file order (several rows may share one ``position_id``).

    >>> sorted(seats([Employee("e1", "A", position_id="P1"), Employee("e2", "B", position_id="P1"),
    ...               Employee("e3", "C")]).items())[0]
    ('P1', [Employee(employee_id='e1', ...), Employee(employee_id='e2', ...)])
    """
    holders: dict[str, list[Employee]] = defaultdict(list)
    for e in employees:
        holders[e.seat].append(e)
    return dict(holders)


def manager_seat(employee: Employee, by_id: Mapping[str, Employee]) -> str | None:
    """The position an employee's position reports to: their manager's (None: no manager, or unknown)."""
    manager = by_id.get(employee.manager_id) if employee.manager_id is not None else None
    return manager.seat if manager is not None else None


def _position_problems(employees: list[Employee], by_id: Mapping[str, Employee], report) -> None:
    """A shared position has one department and one reporting line; a derived id is a valid id of its own.

    Positions cannot report in a cycle then: each holder's manager holds the
    position above, so a cycle of positions would be a cycle of managers.
    """

    def known_manager(e: Employee) -> bool:  # an unknown manager is reported once, as such
        return e.manager_id is None or e.manager_id in by_id

    derived = {e.seat: e for e in employees if e.position_id is None}
    for e in employees:
        if e.position_id is None and id_problem(e.seat):
            report(e, "employee_id", f"its derived position: {id_problem(e.seat)}")
        elif e.position_id in derived:
            report(
                e,
                "position_id",
                f"{shown(e.position_id)} is also the position derived for employee "
                f"{shown(derived[e.position_id].employee_id)}, who has no position_id",
            )
    for seat, holders in seats(employees).items():
        first = holders[0]
        above = manager_seat(first, by_id)
        if len(holders) > LIST_MAX["holders"]:
            report(
                holders[LIST_MAX["holders"]],
                "position_id",
                f"position {shown(seat)} has {len(holders)} holders, more than the limit of {LIST_MAX['holders']}",
            )
        for e in holders[1:]:
            if e.department_id != first.department_id:
                report(
                    e,
                    "department_id",
                    f"position {shown(seat)} is in department "
                    f"{_or(e.department_id, 'no department')} here but in "
                    f"{_or(first.department_id, 'no department')} on line {first.line}",
                )
            if known_manager(e) and known_manager(first) and manager_seat(e, by_id) != above:
                report(
                    e,
                    "manager_id",
                    f"position {shown(seat)} reports to "
                    f"{_or(manager_seat(e, by_id), 'no position')} here (manager "
                    f"{_or(e.manager_id, 'none')}) but to {_or(above, 'no position')} on line "
                    f"{first.line}: the holders of one position need managers in one position",
                )
