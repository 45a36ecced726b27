"""Exposure to departures, read from the stored insights: per unit, and the people exposed.

The rule and how it is computed: :mod:`netgraph.analysis.insights.exposure`.
Unit figures follow ``[insights] min_group_size`` (a hidden unit has no stored
figure at all); the people exposed, and the people their ties run to, are
named: the web shows them to ``hr`` and ``admin`` only and records each read
(``read.insights``).
"""

from __future__ import annotations

from typing import Any

from netgraph.analysis.insights.stored import MAX_LIMIT, InsightLookups, current, provenance, units_of
from netgraph.errors import InvalidInput, Problem

#: People a read lists unless asked for more.
DEFAULT_LISTED = 50


def exposure(store: InsightLookups, *, unit: str | None = None, limit: int = DEFAULT_LISTED) -> dict[str, Any]:
    """Each shown unit's people and how many are exposed (of ``unit`` and the units under it, if given), and
    the first ``limit`` people exposed, by unit then id, with the ties that expose them."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput([Problem("request", "limit", f"must be from 1 to {MAX_LIMIT}, not {limit}")])
    state = current(store)
    keys = None if unit is None else sorted(units_of(store, unit))
    unit_rows = store.insight_parts("exposure", keys)
    rows = [r for r in store.person_insights(units=keys) if r.get("exposure", {}).get("exposed")]
    rows.sort(key=lambda r: (r.get("unit") or "", r["person"]))
    listed = rows[:limit]
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
        "exposed": len(rows),
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
