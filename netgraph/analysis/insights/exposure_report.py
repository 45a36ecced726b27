"""Exposure to departures, read from the stored insights: per unit, and the people exposed.

The rule and how it is computed: :mod:`netgraph.analysis.insights.exposure`.
Unit figures follow ``[insights] min_group_size`` (a hidden unit has no stored
figure at all); the people exposed (stored in their order by the refresh, so a
read takes the first of them and counts the rest without reading every row), and the people their ties run to, are
named: the web shows them to ``hr`` and ``admin`` only and records each read
(``read.insights``).
"""

from __future__ import annotations

from typing import Any

from netgraph.analysis.insights.stored import MAX_LIMIT, InsightLookups, current, provenance, run_of, units_of
from netgraph.errors import InvalidInput, Problem

#: People a read lists unless asked for more.
DEFAULT_LISTED = 50


def exposure(
    store: InsightLookups, *, unit: str | None = None, limit: int = DEFAULT_LISTED, units_limit: int | None = None
) -> dict[str, Any]:
    """Each shown unit's people and how many are exposed (of ``unit`` and the units under it, if given), and
    the first ``limit`` people exposed, by unit then id, with the ties that expose them.

    ``units_limit`` N shows the N units with the most people exposed (then by id, in the stored order),
    counting the rest in ``left_out``; the command line shows every unit.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput([Problem("request", "limit", f"must be from 1 to {MAX_LIMIT}, not {limit}")])
    if units_limit is not None and units_limit < 1:
        raise InvalidInput([Problem("request", "limit", f"must be at least 1, not {units_limit}")])
    state = current(store)
    run = run_of(state)
    keys = None if unit is None else sorted(units_of(store, unit))
    unit_rows = store.insight_parts("exposure", keys, run=run)
    left_out = 0
    if units_limit is not None and len(unit_rows) > units_limit:
        left_out = len(unit_rows) - units_limit
        shown = set(sorted(range(len(unit_rows)), key=lambda i: (-unit_rows[i]["exposed"], i))[:units_limit])
        unit_rows = [u for i, u in enumerate(unit_rows) if i in shown]
    if store.insight_parts("impact_grid", [""], run=run):
        exposed = store.ordered_count("exposed", units=keys, run=run)
        listed = store.ordered_insights("exposed", units=keys, limit=limit, run=run)
    else:  # a result saved before the order of the people exposed was: find them in every row of the scope
        rows = [r for r in store.person_insights(units=keys, run=run) if r.get("exposure", {}).get("exposed")]
        rows.sort(key=lambda r: (r.get("unit") or "", r["person"]))
        exposed, listed = len(rows), rows[:limit]
    names = store.person_names(
        sorted({r["person"] for r in listed} | {v["person"] for r in listed for v in r["exposure"]["via"]})
    )
    unit_names = store.unit_names([u["unit"] for u in unit_rows])
    return {
        **provenance(state),
        "as_of": state.get("as_of"),
        "departed_since": state.get("departed_since"),
        "exposure_ties": state["settings"].get("exposure_ties"),
        "unit": unit,
        "exposed": exposed,
        "left_out": left_out,
        "units": [
            {**u, "name": unit_names.get(u["unit"]), "share": u["exposed"] / u["members"] if u["members"] else None}
            for u in unit_rows
        ],
        "people": [
            {
                "person": r["person"],
                "name": names.get(r["person"]),
                "unit": r.get("unit"),
                "via": [{**v, "name": names.get(v["person"])} for v in r["exposure"]["via"]],
            }
            for r in listed
        ],
    }
