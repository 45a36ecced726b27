"""The mentoring programme at a glance: who lacks a mentor, who mentors most, how introductions go.

``time_to_meet`` measures each met introduction from its proposal
(``created_on``) to its meeting (``met_on``, :data:`STATUS_DATE_FIELDS`) and
counts them in :data:`MEET_BUCKETS` of days, with the median.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from statistics import median
from typing import Any

from netgraph.model.vocabulary import INTRODUCTION_STATUSES, STATUS_DATE_FIELDS
from netgraph.store.ports import ProgrammeQueries


def introductions_by_month(introductions: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per month of ``created_on``: count per status and the mean rated outcome.

    >>> introductions_by_month([{"created_on": "2026-01-05", "status": "met", "outcome": 4},
    ...                         {"created_on": "2026-01-20", "status": "declined", "outcome": None}])[0]["mean_outcome"]
    4.0
    """
    months: dict[str, dict[str, Any]] = {}
    for intro in introductions:
        month = (intro["created_on"] or "")[:7] or "undated"
        row = months.setdefault(month, {"month": month, **{s: 0 for s in INTRODUCTION_STATUSES}, "_outcomes": []})
        row[intro["status"]] += 1
        if intro["outcome"] is not None:
            row["_outcomes"].append(intro["outcome"])
    out = []
    for month in sorted(months):
        row = months[month]
        outcomes = row.pop("_outcomes")
        row["rated"] = len(outcomes)
        row["mean_outcome"] = sum(outcomes) / len(outcomes) if outcomes else None
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


def time_to_meet(introductions: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """How long met introductions took from proposal to meeting: counts per bucket of days, and the median.

    >>> found = time_to_meet([{"status": "met", "created_on": "2026-01-01", "met_on": "2026-01-04"},
    ...                       {"status": "met", "created_on": "2026-01-01", "met_on": "2026-02-20"},
    ...                       {"status": "proposed", "created_on": "2026-01-01", "met_on": None}])
    >>> found["met"], found["median_days"], [b["count"] for b in found["buckets"]]
    (2, 26.5, [1, 0, 0, 1, 0, 0])
    """
    met_on = STATUS_DATE_FIELDS["met"]
    days = sorted(
        (date.fromisoformat(i[met_on]) - date.fromisoformat(i["created_on"])).days
        for i in introductions
        if i["status"] == "met" and i.get(met_on) and i.get("created_on")
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


def by_status(introductions: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many introductions stand in each status (every status, in the vocabulary's order), in one pass.

    >>> by_status([{"status": "met"}, {"status": "met"}])["met"]
    2
    """
    counts = Counter(i["status"] for i in introductions)
    return {s: counts[s] for s in INTRODUCTION_STATUSES}


def overview(store: ProgrammeQueries) -> dict[str, Any]:
    """The programme at a glance; introductions read as the four facts it counts (at 100k people, 20,000 of
    them: whole records with their three people cost more than the counting)."""
    introductions = store.introduction_facts()
    return {
        "mentees_without_mentor": store.mentees_without_mentor(),
        "mentors": store.mentors_by_load(),
        "introductions_by_status": by_status(introductions),
        "introductions_by_month": introductions_by_month(introductions),
        "time_to_meet": time_to_meet(introductions),
    }
