"""Coverage rolled up by org unit, from the position rows: one definition for both backends.

Each position's status is computed once, by the position query of the
backend (``cypher/succession/positions.cypher`` on Neo4j, the embedded
engine otherwise), and counted here for its unit and every unit above it.
Before, Neo4j recomputed every status in a second statement walking
``PART_OF*`` per position; rolling up the rows the report already holds is
cheaper and cannot disagree with them.

>>> units = [{"id": "u-root", "name": "Org", "parent": None}, {"id": "u-a", "name": "A", "parent": "u-root"}]
>>> positions = [{"org_unit": "u-a", "status": "covered", "critical": True,
...               "successors": [{"readiness": "ready_now"}]},
...              {"org_unit": "u-root", "status": "gap", "critical": True, "successors": []}]
>>> [(u["id"], u["positions"], u["bench_strength"]) for u in unit_rows(units, positions)]
[('u-a', 1, 1.0), ('u-root', 2, 0.5)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from netgraph.model.rules import READY_NOW, bench_strength
from netgraph.store.ports import UnitRow

COUNTS = ("positions", "critical", "covered", "developing", "gap", "critical_covered")
#: what is counted per unit, in this order (unpacked by name in rolled_up)
SLOTS = ("positions", "covered", "developing", "gap", "critical", "critical_covered", "critical_ready_now")


def unit_rows(units: Iterable[Mapping[str, Any]], positions: Iterable[Mapping[str, Any]]) -> list[UnitRow]:
    """Per org unit (``units``: id, name, parent), counts over it and every unit below it, by id.

    ``positions``: rows with ``org_unit``, ``status``, ``critical`` and
    ``successors`` (each with its ``readiness``), as ``position_coverage`` gives them.
    Each position is counted for its own unit, then each unit's counts are added
    to its parent's, deepest units first: once per unit rather than once per
    position and unit above it (a parent link that loops back falls back to
    walking each unit's chain, stopping where it would repeat).
    """
    known = {u["id"]: u for u in units}
    status_slot = {status: SLOTS.index(status) for status in ("covered", "developing", "gap")}
    own = {uid: [0] * len(SLOTS) for uid in known}
    for row in positions:
        counts = own.get(row["org_unit"])
        if counts is None:  # no unit, or one that is not known
            continue
        counts[0] += 1
        counts[status_slot[row["status"]]] += 1
        if row["critical"]:
            counts[4] += 1
            counts[5] += row["status"] == "covered"
            counts[6] += sum(1 for s in row["successors"] if s["readiness"] == READY_NOW)
    return rolled_up(known, own)


def rolled_up(known: Mapping[str, Mapping[str, Any]], own: dict[str, list[int]]) -> list[UnitRow]:
    """The rows of :func:`unit_rows` from each unit's own counts (``own``: unit id -> counts in the order of
    ``SLOTS``, for every unit of ``known``, by id; the lists are added to in place)."""
    totals = rolled_totals(known, own)
    return [unit_row(uid, known[uid], totals[uid]) for uid in sorted(totals)]


def rolled_totals(known: Mapping[str, Mapping[str, Any]], own: dict[str, list[int]]) -> dict[str, list[int]]:
    """Each unit's counts over itself and every unit below it, in the order of ``SLOTS`` (``own`` as
    :func:`rolled_up` takes it): what a page that draws a few units rolls up before it names any.

    >>> known = {"a": {"parent": None}, "b": {"parent": "a"}}
    >>> rolled_totals(known, {"a": [1, 0, 0, 1, 1, 0, 0], "b": [2, 2, 0, 0, 1, 1, 3]})["a"]
    [3, 2, 0, 1, 2, 1, 3]
    """
    order = _deepest_first(known)
    if order is not None:
        totals = own
        for uid in order:
            parent = known[uid]["parent"]
            if parent in known:
                above = totals[parent]
                for i, n in enumerate(totals[uid]):
                    above[i] += n
        return totals
    totals = {uid: [0] * len(SLOTS) for uid in known}
    for unit, counts in own.items():
        seen: set[str] = set()
        while unit is not None and unit in known and unit not in seen:
            seen.add(unit)
            t = totals[unit]
            for i, n in enumerate(counts):
                t[i] += n
            unit = known[unit]["parent"]
    return totals


def unit_row(uid: str, named: Mapping[str, Any], totals: list[int]) -> UnitRow:
    """One row of :func:`rolled_up`: the unit ``uid`` (``named``: its name and parent) with its rolled-up
    ``totals`` (in the order of ``SLOTS``)."""
    held, covered, developing, gap, critical, critical_covered, critical_ready_now = totals
    return {
        "id": uid,
        "name": named["name"],
        "parent": named["parent"],  # COUNTS, in that order
        "positions": held,
        "critical": critical,
        "covered": covered,
        "developing": developing,
        "gap": gap,
        "critical_covered": critical_covered,
        "bench_strength": bench_strength(critical, critical_covered),
        "ready_now_per_critical": critical_ready_now / critical if critical else None,
    }


def descendants(units: Iterable[Mapping[str, Any]], root: str) -> set[str]:
    """``root`` and every unit below it (``units``: id, parent).

    >>> sorted(descendants([{"id": "a", "parent": None}, {"id": "b", "parent": "a"},
    ...                     {"id": "c", "parent": "b"}, {"id": "d", "parent": None}], "b"))
    ['b', 'c']
    """
    children: dict[str | None, list[str]] = {}
    for unit in units:
        children.setdefault(unit["parent"], []).append(unit["id"])
    return subtree(children, root)


def subtree(children: Mapping[Any, list[str]], root: str) -> set[str]:
    """``root`` and every unit below it, given each unit's children (a loop in the links ends the walk).

    >>> sorted(subtree({"a": ["b"], "b": ["c", "a"]}, "b"))
    ['a', 'b', 'c']
    """
    found: set[str] = set()
    todo = [root]
    while todo:
        below = todo.pop()
        if below not in found:
            found.add(below)
            todo.extend(children.get(below, []))
    return found


def _deepest_first(known: Mapping[str, Mapping[str, Any]]) -> list[str] | None:
    """Unit ids, each after every unit below it; None if parent links loop."""
    depth: dict[str, int] = {}
    for uid in known:
        path: list[str] = []
        unit = uid
        while unit in known and unit not in depth:
            if unit in path:
                return None
            path.append(unit)
            unit = known[unit]["parent"]
        below = depth[unit] if unit in depth else -1
        for unit in reversed(path):
            below += 1
            depth[unit] = below
    return sorted(known, key=depth.__getitem__, reverse=True)
