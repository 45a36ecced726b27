"""The succession page's first view as the page drew it before it read bounded: picked out of the whole
coverage report. The bounded first view (:mod:`netgraph.analysis.succession_first_view`) must give the same."""

from __future__ import annotations

from typing import Any

from netgraph.analysis.succession_first_view import LOSE_OUT_SHOWN, top_units


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
