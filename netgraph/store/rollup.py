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

from collections.abc import Iterable

from netgraph.model.rules import READY_NOW, bench_strength
from netgraph.store.ports import UnitRow

COUNTS = ("positions", "critical", "covered", "developing", "gap", "critical_covered")


def unit_rows(units: Iterable[dict], positions: Iterable[dict]) -> list[UnitRow]:
    """Per org unit (``units``: id, name, parent), counts over it and every unit below it, by id.

    ``positions``: rows with ``org_unit``, ``status``, ``critical`` and
    ``successors`` (each with its ``readiness``), as ``position_coverage`` gives them.
    """
    known = {u["id"]: u for u in units}
    totals = {uid: dict.fromkeys((*COUNTS, "critical_ready_now"), 0) for uid in known}
    for row in positions:
        ready = sum(1 for s in row["successors"] if s["readiness"] == READY_NOW)
        unit, seen = row["org_unit"], set()
        while unit is not None and unit in known and unit not in seen:
            seen.add(unit)
            t = totals[unit]
            t["positions"] += 1
            t[row["status"]] += 1
            if row["critical"]:
                t["critical"] += 1
                t["critical_ready_now"] += ready
                t["critical_covered"] += row["status"] == "covered"
            unit = known[unit]["parent"]
    rows: list[UnitRow] = []
    for uid in sorted(totals):
        t = totals[uid]
        rows.append({"id": uid, "name": known[uid]["name"], "parent": known[uid]["parent"],
                     **{k: t[k] for k in COUNTS},  # type: ignore[typeddict-item]
                     "bench_strength": bench_strength(t["critical"], t["critical_covered"]),
                     "ready_now_per_critical": t["critical_ready_now"] / t["critical"] if t["critical"] else None})
    return rows
