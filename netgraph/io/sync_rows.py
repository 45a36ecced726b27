"""Stored records read from their compact rows (netgraph.model.sync_state) as the plan of a people sync reads them.

The plan (:mod:`netgraph.io.hr_sync`) was written over exported records:
``record.get("org_unit")``, ``position["holders"]``. A :class:`Records`
mapping gives it the same, one short-lived view per look-up, so that what
stays in memory is the rows, not a dict per record, and the plan reads the
same whichever it was given.

>>> people = Records({"e1": ("Ada", None, None, "CTO", 8, None, None, None, "hr", "active", "d1")}, PersonView)
>>> people["e1"]["title"], people.get("e1").get("org_unit"), people.get("e2"), dict(people["e1"])["status"]
('CTO', 'd1', None, 'active')
>>> Records({"pos-1": ("CTO", 8, False, "d1", None, (), (("e1", None),))}, PositionView)["pos-1"]["holders"]
[{'person': 'e1', 'since': None}]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from netgraph.model.sync_state import PERSON_ROW, POSITION_ROW, UNIT_ROW


class RowView(Mapping):
    """One stored record, read from its row: ``id`` and the row's fields."""

    __slots__ = ("_id", "_row")
    fields: dict[str, int] = {}

    def __init__(self, record_id: str, row: tuple):
        self._id, self._row = record_id, row

    def __getitem__(self, name: str) -> object:
        return self._id if name == "id" else self._row[self.fields[name]]

    def get(self, name: str, default: object = None) -> object:  # Mapping's, without its try/except: hot
        if name == "id":
            return self._id
        index = self.fields.get(name)
        return default if index is None else self._row[index]

    def __contains__(self, name: object) -> bool:
        return name == "id" or name in self.fields

    def __iter__(self) -> Iterator[str]:
        return iter(("id", *self.fields))

    def __len__(self) -> int:
        return 1 + len(self.fields)

    def __repr__(self) -> str:
        return repr(dict(self))


def view_of(fields: Sequence[str], base: type[RowView] = RowView) -> type[RowView]:
    """A view class over rows holding ``fields`` in that order (a snapshot's records carry only its columns).

    >>> Person = view_of(("name", "title"))
    >>> Person("e1", ("Ada", "CTO"))
    {'id': 'e1', 'name': 'Ada', 'title': 'CTO'}
    >>> ada = Person("e1", ("Ada", "CTO"))
    >>> "level" in ada, ada == {"id": "e1", "name": "Ada", "title": "CTO"}
    (False, True)
    """
    return type(base.__name__, (base,), {"__slots__": (), "fields": {f: i for i, f in enumerate(fields)}})


class PersonView(RowView):
    __slots__ = ()
    fields = {f: i for i, f in enumerate(PERSON_ROW)}


class UnitView(RowView):
    __slots__ = ()
    fields = {f: i for i, f in enumerate(UNIT_ROW)}


class PositionView(RowView):
    """A position, its ``requires`` a list and its ``holders`` ``{"person", "since"}`` records, as exported."""

    __slots__ = ()
    fields = {f: i for i, f in enumerate(POSITION_ROW)}

    def __getitem__(self, name: str) -> object:
        if name == "id":
            return self._id
        value = self._row[self.fields[name]]
        return value if name not in _EXPORTED else _EXPORTED[name](value)

    def get(self, name: str, default: object = None) -> object:  # hot: the plan reads reports_to and title
        if name == "id":
            return self._id
        index = self.fields.get(name)
        if index is None:
            return default
        value = self._row[index]
        return value if name not in _EXPORTED else _EXPORTED[name](value)


def holder_pairs(position: Mapping) -> tuple[tuple[str, Any], ...]:
    """A position's holders as (person, since) pairs in their order: from its row when it is a view (no
    holder record is made), else from its ``holders`` records.

    >>> holder_pairs(PositionView("pos-1", ("CTO", 8, False, "d1", None, (), (("e1", None),))))
    (('e1', None),)
    >>> holder_pairs({"id": "pos-1", "holders": [{"person": "e1", "since": "2020-01-01"}]})
    (('e1', '2020-01-01'),)
    """
    if isinstance(position, PositionView):
        index = position.fields.get("holders")
        return () if index is None else position._row[index]
    return tuple((h["person"], h.get("since")) for h in position.get("holders") or ())


def differing(record: Mapping, before: Mapping, fields: Sequence[str]) -> list[str]:
    """The ``fields`` that ``record`` carries and whose value differs from ``before``'s (a field ``before``
    lacks is None; holders compared as (person, since) pairs): read from both rows when both are views, the
    plan's case for every person and position (at 100k people, a view and a lookup per field per record
    were seconds).

    >>> Person = view_of(("name", "title"))
    >>> stored = PersonView("e1", ("Ada", None, None, "CTO", 8, None, None, None, "hr", "active", "d1"))
    >>> differing(Person("e1", ("Ada", "CEO")), stored, ("name", "title", "level"))
    ['title']
    >>> differing({"id": "e1", "name": "Ada", "level": 7}, stored, ("name", "title", "level"))
    ['level']
    """
    if isinstance(record, RowView) and isinstance(before, RowView):
        mine, theirs = record._row, before._row
        return [f for f, i, j in _row_pairs(type(record), type(before), tuple(fields)) if mine[i] != _at(theirs, j)]
    return [f for f in fields if f in record and _compared(record, f) != _compared(before, f)]


@cache
def _row_pairs(
    mine: type[RowView], theirs: type[RowView], fields: tuple[str, ...]
) -> tuple[tuple[str, int, int | None], ...]:
    """(field, its place in ``mine``'s rows, in ``theirs``' or None) for each of ``fields`` that ``mine`` has."""
    return tuple((f, mine.fields[f], theirs.fields.get(f)) for f in fields if f in mine.fields)


def _at(row: tuple, index: int | None) -> object:
    return None if index is None else row[index]


def _compared(record: Mapping, field: str) -> object:
    return holder_pairs(record) if field == "holders" else record.get(field)


#: The row fields a position's view turns into what an export gives: holders as records, requires a list.
_EXPORTED = {
    "holders": lambda value: [{"person": person, "since": since} for person, since in value],
    "requires": list,
}


class Records(Mapping):
    """id -> a view of the record's row, made on each look-up."""

    def __init__(self, rows: Mapping[str, tuple], view: type[RowView]):
        self._rows, self._view = rows, view

    def __getitem__(self, record_id: str) -> Mapping:
        return self._view(record_id, self._rows[record_id])

    def get(self, record_id: str, default: Mapping | None = None) -> Mapping | None:  # type: ignore[override]
        row = self._rows.get(record_id)
        return default if row is None else self._view(record_id, row)

    def items(self) -> Iterator[tuple[str, Mapping]]:  # type: ignore[override]
        view = self._view
        return ((record_id, view(record_id, row)) for record_id, row in self._rows.items())

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)
