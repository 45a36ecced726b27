"""What the HR sync compares, as compact rows: the store's side of a sync plan without the whole graph.

A people sync compares a snapshot with what the store holds of people, org
units and positions, and needs the successor nominations only to say what
still refers to a unit or position that is gone. It reads none of the rest
(KNOWS links, skills, goals, mentorships, introductions: at a million people
the links alone are most of the graph), so the stores read only these
fields, one tuple per record (``Persistence.sync_state``), and the plan
(:func:`netgraph.io.hr_sync.plan_people_sync`) works over them.

Tuples rather than a dict per record: a person's row is about a third of the
memory of a dict with the same values, and the field names are said once,
here. :func:`sync_state_of` makes the same rows from an exported document,
so that a plan over an export and one over ``sync_state`` are the same plan.

>>> state = sync_state_of({"people": [{"id": "e1", "name": "Ada", "org_unit": "d1", "source": "hr"}],
...                        "positions": [{"id": "pos-e1", "holders": [{"person": "e1", "since": None}]}]})
>>> state.people["e1"][PERSON_ROW.index("org_unit")], state.positions["pos-e1"][POSITION_ROW.index("holders")]
('d1', (('e1', None),))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: A person's row: the fields the HR system owns, whether they are active, and where they sit.
PERSON_ROW = (
    "name",
    "preferred_name",
    "email",
    "title",
    "level",
    "location",
    "joined_on",
    "flight_risk",
    "source",
    "status",
    "org_unit",
)
#: An org unit's row.
UNIT_ROW = ("name", "parent", "source")
#: A position's row: ``requires`` a tuple of skill names, ``holders`` a tuple of (person, since), by person.
POSITION_ROW = ("title", "level", "critical", "org_unit", "reports_to", "requires", "holders")

Row = tuple[Any, ...]


@dataclass
class SyncState:
    """id -> row for people, org units and positions; and every nomination as (person, position)."""

    people: dict[str, Row] = field(default_factory=dict)
    units: dict[str, Row] = field(default_factory=dict)
    positions: dict[str, Row] = field(default_factory=dict)
    nominations: list[tuple[str, str]] = field(default_factory=list)


def sync_state_of(document: Mapping[str, Any]) -> SyncState:
    """The rows of an exported document (a field a record lacks reads as None, as ``record.get`` does)."""
    return SyncState(
        people={p["id"]: tuple(p.get(f) for f in PERSON_ROW) for p in document.get("people", [])},
        units={u["id"]: tuple(u.get(f) for f in UNIT_ROW) for u in document.get("org_units", [])},
        positions={p["id"]: position_row(p) for p in document.get("positions", [])},
        nominations=[(n["person"], n["position"]) for n in document.get("successors", [])],
    )


def position_row(record: Mapping[str, Any]) -> Row:
    """A position record's row."""
    holders = tuple((h["person"], h.get("since")) for h in record.get("holders") or [])
    requires = tuple(record.get("requires") or ())
    return (
        record.get("title"),
        record.get("level"),
        record.get("critical"),
        record.get("org_unit"),
        record.get("reports_to"),
        requires,
        holders,
    )
