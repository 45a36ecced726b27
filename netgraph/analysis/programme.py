"""The mentoring programme at a glance: who lacks a mentor, who mentors most, how introductions go.

``time_to_meet`` measures each met introduction from its proposal
(``created_on``) to its meeting (``met_on``, the date the ``met`` status sets)
and counts them in :data:`MEET_BUCKETS` of days, with the median. The
introductions come counted in groups by the store
(:mod:`netgraph.model.introduction_tally`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from statistics import median
from typing import Any

from netgraph.model.vocabulary import INTRODUCTION_STATUSES
from netgraph.store.ports import ProgrammeCounts, ProgrammeQueries


def introductions_by_month(tally: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per month proposed: count per status and the mean rated outcome, from the store's ``introduction_tally``.

    >>> found = introductions_by_month([{"month": "2026-01", "status": "met", "outcome": 4, "count": 2},
    ...                                 {"month": "2026-01", "status": "declined", "outcome": None, "count": 1}])
    >>> found[0]["met"], found[0]["declined"], found[0]["mean_outcome"]
    (2, 1, 4.0)
    """
    months: dict[str, dict[str, Any]] = {}
    for group in tally:
        month = group["month"] or "undated"
        row = months.setdefault(month, {"month": month, **{s: 0 for s in INTRODUCTION_STATUSES}, "_rated": [0, 0]})
        row[group["status"]] += group["count"]
        if group["outcome"] is not None:
            row["_rated"][0] += group["count"]
            row["_rated"][1] += group["outcome"] * group["count"]
    out = []
    for month in sorted(months):
        row = months[month]
        rated, total = row.pop("_rated")
        row["rated"] = rated
        row["mean_outcome"] = total / rated if rated else None
        out.append(row)
    return out


#: Days from proposal to meeting, as (label, first day, last day or None for "and more").
MEET_BUCKETS = (
    ("under a week", 0, 6),
    ("1-2 weeks", 7, 13),
    ("2-4 weeks", 14, 27),
    ("1-2 months", 28, 59),
    ("2-3 months", 60, 89),
    ("3 months or more", 90, None),
)


def time_to_meet(tally: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """How long met introductions took from proposal to meeting (``met_days`` of the store's tally):
    counts per bucket of days, and the median.

    >>> found = time_to_meet([{"status": "met", "met_days": 3, "count": 1},
    ...                       {"status": "met", "met_days": 50, "count": 1},
    ...                       {"status": "proposed", "met_days": None, "count": 4}])
    >>> found["met"], found["median_days"], [b["count"] for b in found["buckets"]]
    (2, 26.5, [1, 0, 0, 1, 0, 0])
    """
    days = sorted(
        g["met_days"] for g in tally if g["status"] == "met" and g["met_days"] is not None for _ in range(g["count"])
    )
    buckets = [
        {
            "label": label,
            "min_days": low,
            "max_days": high,
            "count": sum(low <= d and (high is None or d <= high) for d in days),
        }
        for label, low, high in MEET_BUCKETS
    ]
    return {"met": len(days), "median_days": float(median(days)) if days else None, "buckets": buckets}


def by_status(tally: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many introductions stand in each status (every status, in the vocabulary's order).

    >>> by_status([{"status": "met", "count": 2}])["met"]
    2
    """
    counts: Counter[str] = Counter()
    for group in tally:
        counts[group["status"]] += group["count"]
    return {s: counts[s] for s in INTRODUCTION_STATUSES}


def overview(store: ProgrammeQueries, listed: int | None = None) -> dict[str, Any]:
    """The programme at a glance: the first ``listed`` mentees without a mentor and mentors by load (None: all)
    with how many there are in all (``counts``), and the introductions counted from the store's tally (at 100k
    people 20,000 introductions in 225 groups: on Neo4j, receiving one row each cost more than the counting)."""
    tally = store.introduction_tally()
    unmentored, mentors = store.mentees_without_mentor(listed), store.mentors_by_load(listed)
    if listed is None:
        counts = ProgrammeCounts(mentors=len(mentors), mentees_without_mentor=len(unmentored))
    else:
        counts = store.programme_counts()
    return {
        "mentees_without_mentor": unmentored,
        "mentors": mentors,
        "counts": counts,
        "introductions_by_status": by_status(tally),
        "introductions_by_month": introductions_by_month(tally),
        "time_to_meet": time_to_meet(tally),
    }
