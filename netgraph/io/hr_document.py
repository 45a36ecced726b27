"""An HR snapshot as a netgraph interchange document: org units, people and positions.

The document carries only what the HR system owns. People get their HR
fields and ``status: "active"``, ``source: "hr"``; never ``skills``,
``wants_to_grow``, ``open_to_intros`` or ``open_to_mentoring`` (netgraph's own), nor a field whose
column the export does not have (see :mod:`netgraph.io.hr_snapshot`): the
importer keeps what the store holds for a field a record leaves out.

- **org_units**: one per ``department_id``: its name (or its id, when the
  export gives none), ``parent_department_id`` and ``source: "hr"``. A
  ``parent_department_id`` no row has as its ``department_id`` (a division
  nobody is directly in) is a unit too, carrying only its id and
  ``source``: the export says it exists, not what it is called or where it
  sits, so the plan names a new one by its id and leaves a stored one as it
  is (:mod:`netgraph.io.hr_sync`).
- **people**: ``title`` = ``job_title``, ``joined_on`` = ``hire_date``,
  ``org_unit`` = ``department_id``.
- **positions**: a person's seat is their ``position_id``, else a position
  of their own, ``pos-`` + their prefixed employee id (``pos-wd-1042``), so
  that succession and reporting lines work for exports with no positions.
  The trade-off: a derived seat belongs to its person, so when someone
  changes jobs their seat goes with them, and when they leave it goes (a
  successor nominated for it holds it back, see :mod:`netgraph.io.hr_sync`).
  Holders are every employee with that seat, ``since`` their hire date (the
  export says when they joined, not when they took the seat); the seat
  ``reports_to`` the seat of the holders' manager. A shared seat's ``title``
  and ``level`` are the ones most of its holders have (ties: the smallest),
  so reordering the export's rows changes nothing; it is ``critical`` when
  any holder's row says so.

Everything is sorted by id: the same snapshot gives the same document.

**Compact.** A person and a position are each a tuple of the fields the
snapshot carries, read through a view (:mod:`netgraph.io.sync_rows`) that
answers ``record["title"]``, ``record.get("level")`` and ``{**record}`` as
a dict does, and the labels are made from line numbers when asked: at a
million rows the document is a tuple and a small view per record, not a
dict per record (units, a few thousand, stay dicts).

Examples
--------
>>> from netgraph.io.hr_snapshot import Employee, Snapshot
>>> snapshot = Snapshot("hr.csv", (
...     Employee("e1", "Ada", department_id="d1", department_name="Eng", job_title="CTO", level=8, line=2),
...     Employee("e2", "Bo", manager_id="e1", department_id="d1", department_name="Eng", line=3)))
>>> document = snapshot_document(snapshot)
>>> document["org_units"]
[{'id': 'd1', 'name': 'Eng', 'parent': None, 'source': 'hr'}]
>>> [(p["id"], p["title"], p["reports_to"]) for p in document["positions"]]
[('pos-e1', 'CTO', None), ('pos-e2', 'pos-e2', 'pos-e1')]
>>> document_where(snapshot)("people", 1)
'hr.csv line 3'
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import overload

from netgraph.io.hr_snapshot import Employee, Snapshot, manager_seat, seats
from netgraph.io.sync_rows import PositionView, RowView, view_of
from netgraph.model.validate import Where

#: Person fields the HR system owns, and the column each comes from.
PERSON_COLUMNS = (
    ("email", "email"),
    ("title", "job_title"),
    ("level", "level"),
    ("location", "location"),
    ("joined_on", "hire_date"),
    ("flight_risk", "flight_risk"),
    ("org_unit", "department_id"),
    ("preferred_name", "preferred_name"),
)
#: Position fields built from an optional column (missing column: the field is not the HR system's).
POSITION_COLUMNS = (("level", "level"), ("critical", "critical"))


def snapshot_document(snapshot: Snapshot) -> dict:
    """The interchange document of a snapshot: ``org_units``, ``people`` and ``positions``, sorted by id, each
    record a dict of its own (:func:`document_and_where` gives the compact one the sync plans with)."""
    return {section: [dict(r) for r in records] for section, records in _document(snapshot)[0].items()}


def document_where(snapshot: Snapshot) -> Where:
    """Names each record of :func:`snapshot_document` by its line of the export (a unit: its first row)."""
    return _document(snapshot)[1]


def document_and_where(snapshot: Snapshot) -> tuple[dict, Where]:
    """Both at once, the document compact (building the document of 100k people takes seconds: do it once)."""
    return _document(snapshot)


def _document(snapshot: Snapshot) -> tuple[dict, Where]:
    employees = sorted(snapshot.employees, key=lambda e: e.line)
    units = _units(employees, snapshot)
    person = _person_view(snapshot)
    people = sorted(((_person(e, snapshot, person), e) for e in employees), key=lambda pair: pair[0]["id"])
    positions = _positions(employees, snapshot)
    document = {
        "org_units": [r for r, _ in units],
        "people": [r for r, _ in people],
        "positions": [r for r, _ in positions],
    }
    labels = {
        section: LineLabels(snapshot.source, (e.line for _, e in pairs))
        for section, pairs in (("org_units", units), ("people", people), ("positions", positions))
    }
    return document, Where(snapshot.source, labels)


class LineLabels(Sequence[str]):
    """``source line N`` for each record, made when asked from the line numbers alone.

    >>> labels = LineLabels("hr.csv", [3, 2])
    >>> labels[1], list(labels), len(labels)
    ('hr.csv line 2', ['hr.csv line 3', 'hr.csv line 2'], 2)
    """

    def __init__(self, source: str, lines: Iterable[int]):
        self.source, self.lines = source, array("q", lines)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [f"{self.source} line {line}" for line in self.lines[index]]
        return f"{self.source} line {self.lines[index]}"

    def __len__(self) -> int:
        return len(self.lines)


def _units(employees: list[Employee], snapshot: Snapshot) -> list[tuple[dict, Employee]]:
    first: dict[str, Employee] = {}
    for e in employees:
        if e.department_id is not None:
            first.setdefault(e.department_id, e)
    first_as_parent: dict[str, Employee] = {}
    for e in employees:
        if e.parent_department_id is not None and e.parent_department_id not in first:
            first_as_parent.setdefault(e.parent_department_id, e)
    units = []
    for unit_id, e in sorted(first.items()):
        record = {"id": unit_id, "name": e.department_name or unit_id}
        if "parent_department_id" in snapshot.columns:
            record["parent"] = e.parent_department_id
        units.append(({**record, "source": "hr"}, e))
    for unit_id, e in first_as_parent.items():
        units.append(({"id": unit_id, "source": "hr"}, e))  # named only as a parent: see the module's docstring
    return sorted(units, key=lambda pair: pair[0]["id"])


def _person_view(snapshot: Snapshot) -> type[RowView]:
    """The view of a person's row: their name, the fields whose columns the export has, status and source."""
    carried = [field for field, column in PERSON_COLUMNS if column in snapshot.columns]
    return view_of(("name", *carried, "status", "source"))


def _person(e: Employee, snapshot: Snapshot, view: type[RowView]) -> RowView:
    carried = [getattr(e, column) for _, column in PERSON_COLUMNS if column in snapshot.columns]
    return view(e.employee_id, (e.name, *carried, "active", "hr"))


def _positions(employees: list[Employee], snapshot: Snapshot) -> list[tuple[RowView, Employee]]:
    """Each seat as a row (title, level and critical if carried, org unit, reports_to, holders as (person,
    since) pairs by person), read as a record with ``holders`` as ``{"person", "since"}`` dicts."""
    by_id = {e.employee_id: e for e in employees}
    optional = [field for field, column in POSITION_COLUMNS if column in snapshot.columns]
    view = view_of(("title", *optional, "org_unit", "reports_to", "holders"), PositionView)
    positions: list[tuple[RowView, Employee]] = []
    for seat, holders in sorted(seats(employees).items()):
        first = holders[0]
        row: list[object] = [most_common(e.job_title for e in holders) or seat]
        if "level" in optional:
            row.append(most_common(e.level for e in holders))
        if "critical" in optional:
            row.append(any(e.critical for e in holders))
        row += [
            first.department_id,
            manager_seat(first, by_id),
            tuple(sorted((e.employee_id, e.hire_date) for e in holders)),
        ]
        positions.append((view(seat, tuple(row)), first))
    return positions


def most_common(values: Iterable):
    """The value most often given (None aside); a tie goes to the smallest. None if none is given.

    >>> most_common(["Engineer", None, "Senior Engineer", "Engineer"]), most_common([4, 3]), most_common([None])
    ('Engineer', 3, None)
    """
    given = [v for v in values if v is not None]
    if len(given) <= 1:  # a seat of one (most of them): nothing to count
        return given[0] if given else None
    counts = Counter(given)
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
