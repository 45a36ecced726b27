"""The succession page's first view, from the whole coverage rows: what the embedded store answers
:meth:`~netgraph.store.ports.SuccessionQueries.first_view_rows` with (its rows are kept in memory), and the
order both stores give their answer in. Neo4j reads the same in ``cypher/succession/first_view.cypher``
without building every position's row: a :data:`Tally` of each position, counted per unit and ordered here by
the functions the embedded store counts and orders with (:func:`unit_counts`, :func:`most_urgent`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from netgraph.model.rules import READY_NOW, STATUSES
from netgraph.store.ports import (
    CoverCandidate,
    FirstViewRows,
    NominatedMany,
    NominatedPosition,
    PositionRow,
    TitledSeat,
    UnitCounts,
)
from netgraph.store.rollup import descendants, subtree

#: What :func:`unit_counts` counts per unit, in the order of its answer's keys (after ``unit``).
COUNTED = (
    "positions",
    "covered",
    "developing",
    "gap",
    "critical",
    "critical_covered",
    "critical_gaps",
    "vacant",
    "critical_ready_now",
)
_KEYS = ("unit", *COUNTED)
_STATUS_AT = {status: COUNTED.index(status) for status in STATUSES}

#: Most urgent first: the order listed positions are taken in after critical ones (the coverage report's).
URGENCY = tuple(reversed(STATUSES))


def urgency(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """Critical first, then gap, developing, covered, then id.

    >>> sorted([{"id": "b", "critical": False, "status": "gap"}, {"id": "c", "critical": True, "status": "covered"},
    ...         {"id": "a", "critical": True, "status": "gap"}], key=urgency)[0]["id"]
    'a'
    """
    return urgency_of(row["critical"], row["status"], row["id"])


def urgency_of(critical: bool, status: str, position: str) -> tuple[bool, int, str]:
    """:func:`urgency` of a position given by its parts."""
    return (not critical, URGENCY.index(status), position)


#: A position as the first view counts and orders it: (unit, or None: in no unit; status; critical; vacant;
#: ready-now successors; id).
Tally = tuple[str | None, str, bool, bool, int, str]


def most_urgent(tallies: Iterable[Tally], *, critical_only: bool, limit: int) -> tuple[list[str], int]:
    """The ids of the ``limit`` most urgent positions listed (only critical ones with ``critical_only``), in
    :func:`urgency` order, and how many are listed.

    >>> most_urgent([("u", "gap", False, True, 0, "b"), ("u", "covered", True, False, 1, "a")],
    ...             critical_only=False, limit=1)
    (['a'], 2)
    """
    listed = [t for t in tallies if t[2] or not critical_only]
    shown = heapq.nsmallest(max(0, limit), listed, key=lambda t: urgency_of(t[2], t[1], t[5]))
    return [t[5] for t in shown], len(listed)


def unit_counts(tallies: Iterable[Tally]) -> list[UnitCounts]:
    """Each unit's own positions (None: those in no unit) counted by status, critical, critical covered, critical
    gaps, vacant and ready-now successors of critical positions, in the order the units first come.

    >>> [(c["unit"], c["positions"], c["gap"], c["critical_ready_now"])
    ...  for c in unit_counts([("u", "gap", False, True, 0, "b"), ("u", "covered", True, False, 2, "a")])]
    [('u', 2, 1, 2)]
    """
    found: dict[str | None, list[int]] = {}  # each unit's counts in the order of COUNTED
    for unit, status, critical, vacant, ready, _ in tallies:
        c = found.get(unit)
        if c is None:
            c = found[unit] = [0] * len(COUNTED)
        c[0] += 1
        c[_STATUS_AT[status]] += 1
        if vacant:
            c[7] += 1
        if critical:
            c[4] += 1
            if status == "covered":
                c[5] += 1
            elif status == "gap":
                c[6] += 1
            c[8] += ready
    return [cast(UnitCounts, dict(zip(_KEYS, (unit, *c), strict=True))) for unit, c in found.items()]


def first_view_rows(
    units: Sequence[Mapping[str, Any]],
    positions: Sequence[PositionRow],
    unit: str | None,
    *,
    critical_only: bool,
    limit: int,
    at_least: int,
) -> FirstViewRows | None:
    """The first view of ``unit``'s scope from every unit (id, name, parent) and every position's coverage row
    of the organisation, nobody leaving; None for an unknown unit.

    >>> units = [{"id": "u", "name": "U", "parent": None}]
    >>> rows = [{"id": "a", "title": "A", "level": 5, "org_unit": "u", "critical": True, "status": "gap",
    ...          "vacant": True, "incumbents": [], "successors": []}]
    >>> found = first_view_rows(units, rows, "u", critical_only=False, limit=5, at_least=3)
    >>> found["counts"][0]["critical_gaps"], [r["id"] for r in found["shown"]], found["listed"]
    (1, ['a'], 1)
    """
    if unit is None:
        scoped_units, scoped = list(units), list(positions)
    else:
        if not any(u["id"] == unit for u in units):
            return None
        scope = descendants(units, unit)
        scoped_units = [u for u in units if u["id"] in scope]
        scoped = [r for r in positions if r["org_unit"] in scope]
    critical = {r["id"] for r in positions if r["critical"]}
    listed = sorted((r for r in scoped if r["critical"] or not critical_only), key=urgency)
    nominated, count = _nominated(scoped, limit=limit, at_least=at_least)
    return ordered(
        {
            "units": [{"id": u["id"], "name": u["name"], "parent": u["parent"]} for u in scoped_units],
            "counts": _counts(scoped),
            "shown": [r.copy() for r in listed[: max(0, limit)]],
            "listed": len(listed),
            "seats": [_seat(r, critical) for r in scoped if r["critical"]],
            "nominated": nominated,
            "nominated_count": count,
        }
    )


def ordered(found: FirstViewRows) -> FirstViewRows:
    """``found`` in the order both stores give it: units by id, counts by unit (no unit first), seats by id (their
    successors by person, each one's critical positions by id), each nominated person's positions by id."""
    found["units"].sort(key=lambda u: u["id"])
    found["counts"].sort(key=lambda c: (c["unit"] is not None, c["unit"] or ""))
    for seat in found["seats"]:
        candidates: list[CoverCandidate] = [
            {"person": c["person"], "holds_critical": sorted(c["holds_critical"])} for c in seat["ready_now"]
        ]
        seat["ready_now"] = sorted(candidates, key=lambda c: c["person"])
    found["seats"].sort(key=lambda seat: seat["id"])
    for person in found["nominated"]:
        person["positions"].sort(key=lambda p: p["position"])
    return found


def _counts(rows: Iterable[PositionRow]) -> list[UnitCounts]:
    return unit_counts(
        (
            r["org_unit"],
            r["status"],
            r["critical"],
            r["vacant"],
            sum(s["readiness"] == READY_NOW for s in r["successors"]),
            r["id"],
        )
        for r in rows
    )


def _seat(row: PositionRow, critical: set[str]) -> TitledSeat:
    return {
        "id": row["id"],
        "title": row["title"],
        "level": row["level"],
        "org_unit": row["org_unit"],
        "ready_now": [
            {"person": s["person"], "holds_critical": [h for h in s["holds"] if h in critical]}
            for s in row["successors"]
            if s["readiness"] == READY_NOW
        ],
    }


def _nominated(rows: Iterable[PositionRow], *, limit: int, at_least: int) -> tuple[list[NominatedMany], int]:
    names: dict[str, str] = {}
    held: dict[str, list[NominatedPosition]] = {}
    for r in rows:
        for s in r["successors"]:
            names[s["person"]] = s["name"]
            held.setdefault(s["person"], []).append(
                {"position": r["id"], "title": r["title"], "readiness": s["readiness"]}
            )
    many = sorted(((p, ps) for p, ps in held.items() if len(ps) >= at_least), key=lambda x: (-len(x[1]), x[0]))
    shown: list[NominatedMany] = [{"person": p, "name": names[p], "positions": ps} for p, ps in many[: max(0, limit)]]
    return shown, len(many)


class FirstViewIndex:
    """What :func:`first_view_rows` answers, for any scope, from the whole organisation's rows taken apart once:
    the embedded store keeps one until its next write, so a page reads its scope's part of lists already
    ordered instead of sorting, counting and tallying 10,000 rows (and walking 6,666 units) per request.

    >>> units = [{"id": "u", "name": "U", "parent": None}, {"id": "v", "name": "V", "parent": "u"}]
    >>> rows = [{"id": "a", "title": "A", "level": 5, "org_unit": "v", "critical": True, "status": "gap",
    ...          "vacant": True, "incumbents": [], "successors": []}]
    >>> index = FirstViewIndex(units, rows)
    >>> index.rows("v", critical_only=False, limit=5, at_least=3) == first_view_rows(
    ...     units, rows, "v", critical_only=False, limit=5, at_least=3)
    True
    """

    def __init__(self, units: Sequence[Mapping[str, Any]], positions: Sequence[PositionRow]):
        whole = first_view_rows(units, positions, None, critical_only=False, limit=0, at_least=0)
        assert whole is not None  # the whole organisation is always known
        self.units = whole["units"]
        self.children: dict[str | None, list[str]] = {}
        for u in self.units:
            self.children.setdefault(u["parent"], []).append(u["id"])
        self.known = {u["id"] for u in self.units}
        self.counts = whole["counts"]
        self.seats = whole["seats"]
        self.urgent = sorted(positions, key=urgency)
        self.names: dict[str, str] = {}
        self.held: dict[str, list[tuple[str | None, NominatedPosition]]] = {}  # person -> (unit, position), by id
        for r in sorted(positions, key=lambda r: r["id"]):
            for s in r["successors"]:
                self.names[s["person"]] = s["name"]
                entry: NominatedPosition = {"position": r["id"], "title": r["title"], "readiness": s["readiness"]}
                self.held.setdefault(s["person"], []).append((r["org_unit"], entry))

    def rows(self, unit: str | None, *, critical_only: bool, limit: int, at_least: int) -> FirstViewRows | None:
        """:func:`first_view_rows` of the rows this index was made from."""
        if unit is not None and unit not in self.known:
            return None
        scope = None if unit is None else self._below(unit)

        def inside(org_unit: str | None) -> bool:
            return scope is None or org_unit in scope

        counts = [c.copy() for c in self.counts if inside(c["unit"])]
        shown: list[PositionRow] = []
        for r in self.urgent:
            if len(shown) >= limit:
                break
            if inside(r["org_unit"]) and (r["critical"] or not critical_only):
                shown.append(r.copy())
        many: list[tuple[str, list[NominatedPosition]]] = []
        for person, held in self.held.items():
            if len(held) >= at_least:
                in_scope = [entry.copy() for at, entry in held if inside(at)]
                if len(in_scope) >= at_least:
                    many.append((person, in_scope))
        many.sort(key=lambda m: (-len(m[1]), m[0]))
        return {
            "units": [u.copy() for u in self.units if scope is None or u["id"] in scope],
            "counts": counts,
            "shown": shown,
            "listed": sum(c["critical"] if critical_only else c["positions"] for c in counts),
            "seats": [
                {**seat, "ready_now": [{**c, "holds_critical": list(c["holds_critical"])} for c in seat["ready_now"]]}
                for seat in self.seats
                if inside(seat["org_unit"])
            ],
            "nominated": [{"person": p, "name": self.names[p], "positions": ps} for p, ps in many[: max(0, limit)]],
            "nominated_count": len(many),
        }

    def _below(self, unit: str) -> set[str]:
        return subtree(self.children, unit)
