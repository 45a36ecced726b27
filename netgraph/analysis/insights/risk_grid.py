"""The risk x impact grid: flight risk against the impact of loss, read from the stored insights.

Each person's impact (:mod:`netgraph.model.impact`, computed by ``insights
refresh``) is stored in their row, and the refresh stores the grid itself:
the cells of impact band x flight risk of everyone and of each unit with the
units under it (the ``impact_grid`` parts), and everyone in listing order,
high-risk incumbents of critical positions with no ready-now successor first
(:func:`~netgraph.model.impact.listing_order`). A read is then one part and
the first rows of that order: no pass over every row. People with no flight
risk recorded are counted apart, not guessed into a column.

It names people: the web shows it to ``hr`` and ``admin`` only and records
each read (``read.insights``).
"""

from __future__ import annotations

from typing import Any

from netgraph.analysis.insights.stored import MAX_LIMIT, InsightLookups, current, provenance, run_of, units_of
from netgraph.errors import InvalidInput, Problem
from netgraph.model.impact import BANDS, RISKS, listing_order
from netgraph.model.insight_rows import InsightPersonRow

__all__ = ["BANDS", "DEFAULT_LISTED", "RISKS", "empty_grid", "impact"]

#: People a read lists unless asked for more.
DEFAULT_LISTED = 25
#: What a listed person's row carries besides their id, name and unit.
FIELDS = (
    "flight_risk",
    "band",
    "score",
    "succession",
    "network",
    "first_listed",
    "critical_held",
    "sole_ready_now_for",
    "cut_off",
    "sole_links",
    "cut_point",
    "brokerage_pairs",
    "broker",
    "active_mentees",
)


def empty_grid() -> dict[str, dict[str, int]]:
    """band -> flight risk -> 0, every cell present."""
    return {band: dict.fromkeys(RISKS, 0) for band in BANDS}


def impact(store: InsightLookups, *, unit: str | None = None, limit: int = DEFAULT_LISTED) -> dict[str, Any]:
    """The grid of ``unit`` and the units under it (everyone, if None), and the first ``limit`` people listed."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput([Problem("request", "limit", f"must be from 1 to {MAX_LIMIT}, not {limit}")])
    state = current(store)
    run = run_of(state)
    units = None if unit is None else sorted(units_of(store, unit))
    stored = store.insight_parts("impact_grid", [unit or ""], run=run)
    if not stored:  # a result saved before the grid was stored: count it from every row of the scope
        return {**provenance(state), "unit": unit, **_counted(store, units, limit, run)}
    listed = [_listed(r) for r in store.ordered_insights("impact", units=units, limit=limit, run=run)]
    return {**provenance(state), "unit": unit, **stored[0], "people": _named(store, listed)}


def _listed(row: InsightPersonRow) -> dict[str, Any]:
    return {"person": row["person"], "unit": row.get("unit"), **row["impact"]}


def _named(store: InsightLookups, listed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = store.person_names([r["person"] for r in listed])
    return [
        {"person": r["person"], "name": names.get(r["person"]), "unit": r["unit"], **{k: r[k] for k in FIELDS}}
        for r in listed
    ]


def _counted(store: InsightLookups, units: list[str] | None, limit: int, run: str | None) -> dict[str, Any]:
    """The grid and the people listed from every stored row of the scope (a result saved without its grid)."""
    rows = [_listed(r) for r in store.person_insights(units=units, run=run) if "impact" in r]
    grid = empty_grid()
    unrecorded = dict.fromkeys(BANDS, 0)
    for r in rows:
        if r["flight_risk"] in RISKS:
            grid[r["band"]][r["flight_risk"]] += 1
        else:
            unrecorded[r["band"]] += 1
    return {
        "grid": grid,
        "unrecorded": unrecorded,
        "first_listed": sum(1 for r in rows if r["first_listed"]),
        "people": _named(store, sorted(rows, key=listing_order)[:limit]),
    }
