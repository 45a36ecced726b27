"""The succession page's first view, read bounded: what an HR user of a large organisation reads first.

The whole coverage report (:func:`netgraph.analysis.succession.coverage`) builds a record for every position
of its scope (10,000 at 100k people) before the page picks a few dozen units and a hundred positions to draw.
Here the store counts the scope's positions per unit, orders them and names only the ones shown
(:meth:`~netgraph.store.ports.SuccessionQueries.first_view_rows`); the units are rolled up from those counts,
and simultaneous cover is matched over the scope's critical seats, the only positions it looks at. The answer
is the one the whole report gives for what the page draws (held together by the contract suite); the CSV,
``/api/succession`` and ``netgraph succession --json`` stay whole.

The scope's summary, its units from the top down, a level at a time (when a level does not fit, its units with
the most uncovered critical seats), the most urgent positions (critical first, gaps first), the people nominated
most, and how many of each it leaves out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from netgraph.analysis.simultaneous_cover import lose_out_by_scope
from netgraph.analysis.succession import (
    MANY_NOMINATIONS,
    CoverMarks,
    add_cover,
    position_record,
)
from netgraph.errors import NotFound
from netgraph.model.rules import READY_NOW, bench_strength
from netgraph.store.ports import FirstViewRows, PositionRow, SuccessionQueries
from netgraph.store.rollup import SLOTS, rolled_totals, unit_row

#: Positions named in one unit's "losing out at once" cell; the rest are counted.
LOSE_OUT_SHOWN = 5


def uncovered(unit: dict[str, Any]) -> int:
    """Critical seats of a unit's rollup without a ready-now successor."""
    return int(unit["critical"] - unit["critical_covered"])


def top_units(units: list[dict[str, Any]], most: int) -> list[dict[str, Any]]:
    """At most ``most`` of ``units``, a level at a time from the top (a unit's parent is always among them).

    Within a level that does not fit whole, the units with the most uncovered critical seats, then by id.

    >>> units = [{"id": "a", "parent": None, "critical": 2, "critical_covered": 0},
    ...          {"id": "b", "parent": "a", "critical": 1, "critical_covered": 1},
    ...          {"id": "c", "parent": "a", "critical": 1, "critical_covered": 0},
    ...          {"id": "d", "parent": "c", "critical": 1, "critical_covered": 0}]
    >>> [u["id"] for u in top_units(units, 2)], [u["id"] for u in top_units(units, 9)]
    (['a', 'c'], ['a', 'b', 'c', 'd'])
    """
    by_id = {u["id"]: u for u in units}
    chosen = top_unit_ids({u["id"]: u["parent"] for u in units}, lambda uid: uncovered(by_id[uid]), most)
    return [by_id[uid] for uid in chosen]


def top_unit_ids(parent: Mapping[str, str | None], uncovered_in: Callable[[str], int], most: int) -> list[str]:
    """The ids :func:`top_units` takes, by id, given each unit's parent and its uncovered critical seats
    (``uncovered_in``: asked only of the units of the levels looked at).

    >>> top_unit_ids({"a": None, "b": "a", "c": "a"}, {"a": 2, "b": 0, "c": 1}.__getitem__, 2)
    ['a', 'c']
    """
    children: dict[str | None, list[str]] = {}
    for uid, above in parent.items():
        children.setdefault(above if above in parent else None, []).append(uid)
    chosen: list[str] = []
    level = children.get(None, [])
    while level and len(chosen) < most:
        taken = sorted(level, key=lambda uid: (-uncovered_in(uid), uid))[: most - len(chosen)]
        chosen.extend(taken)
        level = [child for uid in taken for child in children.get(uid, [])]
    return sorted(chosen)


def first_view(
    store: SuccessionQueries, *, org_unit: str | None, critical_only: bool, units: int, positions: int
) -> dict[str, Any]:
    """What the page draws of the coverage report of ``org_unit`` (None: the whole organisation): its ``totals``,
    at most ``units`` units, ``positions`` positions and ``positions`` people nominated for many, each list with
    how many it left out, and the titles of the positions it names as losing out at once (at most
    :data:`LOSE_OUT_SHOWN` a unit). Raises NotFound for an unknown unit."""
    units, positions = max(0, units), max(0, positions)
    found = store.first_view_rows(org_unit, critical_only=critical_only, limit=positions, at_least=MANY_NOMINATIONS)
    if found is None:
        raise NotFound(f"unknown org unit {org_unit!r}")
    known, totals = _rolled(found)
    critical, covered = SLOTS.index("critical"), SLOTS.index("critical_covered")
    chosen = top_unit_ids(
        {uid: u["parent"] for uid, u in known.items()}, lambda uid: totals[uid][critical] - totals[uid][covered], units
    )
    lost = _lose_out(found)
    shown_units = []
    for uid in chosen:
        unit: dict[str, Any] = dict(unit_row(uid, known[uid], totals[uid]))
        lose_out = lost.get(unit["id"], [])
        add_cover(unit, lose_out)
        shown_units.append(
            {
                **unit,
                "lose_out": lose_out[:LOSE_OUT_SHOWN],
                "lose_out_left": max(0, len(lose_out) - LOSE_OUT_SHOWN),
            }
        )
    named = {p for u in shown_units for p in u["lose_out"]}
    marks = CoverMarks(
        lost.get(org_unit, []), [{"id": scope, "lose_out": seats} for scope, seats in lost.items() if scope is not None]
    )
    unit_names = {u["id"]: u["name"] for u in found["units"]}
    records = [position_record(row, marks) for row in found["shown"]]
    for record in records:
        record["org_unit_name"] = unit_names.get(record["org_unit"]) if record["org_unit"] else None
    return {
        "totals": add_cover(_totals(found), lost.get(org_unit, [])),
        "org_units": shown_units,
        "units_left_out": len(known) - len(shown_units),
        "positions": records,
        "positions_left_out": max(0, found["listed"] - positions),
        "nominated_for_many": [dict(person) for person in found["nominated"]],
        "nominated_left_out": max(0, found["nominated_count"] - positions),
        "titles": {seat["id"]: seat["title"] for seat in found["seats"] if seat["id"] in named},
    }


def _rolled(found: FirstViewRows) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """Every unit of the scope by id, and its counts over itself and the units below it (in the order of
    ``SLOTS``), from each unit's own counts: a row is made only for the few units drawn."""
    known = {u["id"]: u for u in found["units"]}
    own = {uid: [0] * len(SLOTS) for uid in known}
    for counts in found["counts"]:
        if counts["unit"] in own:
            own[counts["unit"]] = [counts[slot] for slot in SLOTS]  # type: ignore[literal-required]  # SLOTS are counts' keys
    return known, rolled_totals(known, own)


def _lose_out(found: FirstViewRows) -> dict[str | None, list[str]]:
    """The seats that lose out per scope where some do (None: the whole scope read), as the whole report finds
    them: over the scope's critical positions alone, which are all that simultaneous cover reads of its rows."""
    rows = [
        {
            "id": seat["id"],
            "level": seat["level"],
            "org_unit": seat["org_unit"],
            "critical": True,
            "successors": [
                {"person": c["person"], "readiness": READY_NOW, "holds": c["holds_critical"]} for c in seat["ready_now"]
            ],
        }
        for seat in found["seats"]
    ]
    return lose_out_by_scope(cast(list[PositionRow], rows), {u["id"]: u["parent"] for u in found["units"]})


def _totals(found: FirstViewRows) -> dict[str, Any]:
    """The scope's counts, as :func:`netgraph.analysis.succession.totals` gives them over its records."""
    keys = ("positions", "critical", "covered", "developing", "gap", "critical_covered", "critical_gaps", "vacant")
    summed = dict.fromkeys(keys, 0)
    ready = 0
    for counts in found["counts"]:
        for key in keys:
            summed[key] += counts[key]  # type: ignore[literal-required]  # keys are counts' keys
        ready += counts["critical_ready_now"]
    critical = summed["critical"]
    return {
        **summed,
        "bench_strength": bench_strength(critical, summed["critical_covered"]),
        "ready_now_per_critical": ready / critical if critical else None,
    }
