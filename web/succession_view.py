"""The succession page's bounded first view: what an HR user of a large organisation reads first.

The coverage report holds every position and unit of its scope (10,000 positions and 6,666 units at
100k people), and drawing all of them took seconds. The page shows the scope's summary, its units
from the top down, a level at a time (when a level does not fit, its units with the most uncovered
critical seats), the most urgent positions (the report's order: critical first, gaps first), the
people nominated most, and counts what it leaves out; ``?org_unit=ID`` drills down into a unit. The
CSV, ``/api/succession`` and ``netgraph succession --json`` stay whole.
"""

from __future__ import annotations

from typing import Any

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
    known = {u["id"] for u in units}
    children: dict[str | None, list[dict[str, Any]]] = {}
    for unit in units:
        children.setdefault(unit["parent"] if unit["parent"] in known else None, []).append(unit)
    chosen: list[dict[str, Any]] = []
    level = children.get(None, [])
    while level and len(chosen) < most:
        taken = sorted(level, key=lambda u: (-uncovered(u), u["id"]))[: most - len(chosen)]
        chosen.extend(taken)
        level = [child for unit in taken for child in children.get(unit["id"], [])]
    return sorted(chosen, key=lambda u: u["id"])


def first_view(report: dict[str, Any], *, units: int, positions: int) -> dict[str, Any]:
    """What the page draws of a coverage report: at most ``units`` units, ``positions`` positions and
    ``positions`` people nominated for many, each list with how many it left out, and the titles of the
    positions it names as losing out at once (at most :data:`LOSE_OUT_SHOWN` a unit)."""
    units, positions = max(0, units), max(0, positions)
    shown_units = [
        {**u, "lose_out": u["lose_out"][:LOSE_OUT_SHOWN], "lose_out_left": max(0, len(u["lose_out"]) - LOSE_OUT_SHOWN)}
        for u in top_units(report["org_units"], units)
    ]
    named = {p for u in shown_units for p in u["lose_out"]}
    return {
        "org_units": shown_units,
        "units_left_out": len(report["org_units"]) - len(shown_units),
        "positions": report["positions"][:positions],
        "positions_left_out": max(0, len(report["positions"]) - positions),
        "nominated_for_many": report["nominated_for_many"][:positions],
        "nominated_left_out": max(0, len(report["nominated_for_many"]) - positions),
        "titles": {p["id"]: p["title"] for p in report["positions"] if p["id"] in named},
    }
