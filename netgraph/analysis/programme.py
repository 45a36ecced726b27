"""The mentoring programme at a glance: who lacks a mentor, who mentors most, how introductions go."""

from __future__ import annotations

from netgraph.model.vocabulary import INTRODUCTION_STATUSES
from netgraph.store.ports import Store


def introductions_by_month(introductions: list[dict]) -> list[dict]:
    """Per month of ``created_on``: count per status and the mean rated outcome.

    >>> introductions_by_month([{"created_on": "2026-01-05", "status": "met", "outcome": 4},
    ...                         {"created_on": "2026-01-20", "status": "declined", "outcome": None}])[0]["mean_outcome"]
    4.0
    """
    months: dict[str, dict] = {}
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


def overview(store: Store) -> dict:
    introductions = store.introductions()
    return {
        "mentees_without_mentor": store.mentees_without_mentor(),
        "mentors": store.mentors_by_load(),
        "introductions_by_status": {s: sum(i["status"] == s for i in introductions) for s in INTRODUCTION_STATUSES},
        "introductions_by_month": introductions_by_month(introductions),
    }
