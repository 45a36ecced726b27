"""Programme growth, read from the stored insights: the months and the mentees' distances to the skills they want.

How it is computed: :mod:`netgraph.analysis.insights.growth`. Every figure is
about the whole organisation and names nobody.
"""

from __future__ import annotations

from typing import Any

from netgraph.analysis.insights.growth import DISTANCE_GROUPS
from netgraph.analysis.insights.stored import InsightLookups, current, provenance, run_of

__all__ = ["DISTANCE_GROUPS", "growth"]


def growth(store: InsightLookups) -> dict[str, Any]:
    """Month by month: new ties, those made through the programme and crossing units, unit pairs connected;
    and how far the mentees stand from the skills they want to grow."""
    state = current(store)
    found = dict(
        zip(
            ("months", "mentees"), store.insight_parts("growth", ["months", "mentees"], run=run_of(state)), strict=False
        )
    )
    settings = state["settings"]
    return {
        **provenance(state),
        "as_of": state.get("as_of"),
        "window_days": settings.get("growth_window_days"),
        "months": found.get("months", []),
        "mentees": found.get("mentees", {"mentees": 0, "pairs": 0, "by_distance": dict.fromkeys(DISTANCE_GROUPS, 0)}),
    }
