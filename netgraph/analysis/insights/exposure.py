"""Exposure to departures: whose closest ties run to someone likely to leave, or who has just left.

The rule (:func:`netgraph.model.exposure.exposing`): a person is *exposed*
when one of their ``[insights] exposure_ties`` (3) strongest ties is with
someone whose flight risk is high, or who left in the last
``[insights] departed_days`` (90) days before the refresh (their
``left_on``). A tie is counted as the contact network counts it (the
strongest of a pair's KNOWS and MENTORS links); ties to people who have left
come from ``departure_links`` of the store, since the contact network leaves
leavers out. Ties of equal strength are taken by the other person's id. No
weight or multiplier enters: a person is exposed or not, and the ties that
made them so are listed.

Computed inside ``insights refresh`` for everyone at once (one sort of every
tie end, not one search per person): each person's row holds their
exposure, and each unit shown (``min_group_size``,
:mod:`netgraph.analysis.insights.privacy`) a part with its people and how many
of them are exposed, over the unit and every unit under it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np

from netgraph.analysis.insights.privacy import Hiding
from netgraph.analysis.insights.projection import Projection
from netgraph.analysis.insights.units import UnitTree
from netgraph.model.exposure import exposing
from netgraph.store.ports import DepartureLink


def departed_since(as_of: date, days: int) -> str:
    """The first ``left_on`` that still counts as a recent departure, ``days`` before ``as_of``.

    >>> departed_since(date(2026, 3, 31), 90)
    '2025-12-31'
    """
    return (as_of - timedelta(days=days)).isoformat()


def exposure_of(
    projection: Projection,
    departures: Sequence[DepartureLink],
    risks: Mapping[str, str | None],
    ties: int,
) -> list[dict[str, Any]]:
    """Each person's exposure (in the projection's order): ``exposed`` and the ties that make them so (``via``)."""
    n = projection.size
    left_on = {d["departed"]: d["left_on"] for d in departures}
    everyone = sorted(set(projection.people) | set(left_on))
    rank = {p: i for i, p in enumerate(everyone)}
    own = np.array([rank[p] for p in projection.people], dtype=np.int64)
    index = {p: i for i, p in enumerate(projection.people)}
    ends = np.concatenate(
        [projection.sources, projection.targets, np.array([index[d["person"]] for d in departures], dtype=np.int64)]
    )
    others = np.concatenate(
        [
            own[projection.targets],
            own[projection.sources],
            np.array([rank[d["departed"]] for d in departures], dtype=np.int64),
        ]
    )
    strengths = np.concatenate(
        [projection.strengths, projection.strengths, np.array([d["strength"] for d in departures], dtype=float)]
    )
    order = np.lexsort((others, -strengths, ends))
    ends, others, strengths = ends[order], others[order], strengths[order]
    place = np.arange(len(ends)) - np.searchsorted(ends, ends, side="left")
    reasons = [exposing(risks.get(p), left_on.get(p)) for p in everyone]
    flagged = np.array([r is not None for r in reasons], dtype=bool)
    found: list[dict[str, Any]] = [{"exposed": False, "via": []} for _ in range(n)]
    for k in np.flatnonzero((place < ties) & flagged[others] if len(ends) else np.zeros(0, dtype=bool)):
        other = everyone[int(others[k])]
        row = found[int(ends[k])]
        row["exposed"] = True
        row["via"].append(
            {
                "person": other,
                "reason": reasons[int(others[k])],
                "strength": float(strengths[k]),
                "left_on": left_on.get(other),
            }
        )
    return found


def unit_exposure(
    projection: Projection, tree: UnitTree, plan: Hiding, exposed: Sequence[bool]
) -> list[tuple[str, dict[str, Any]]]:
    """(unit, its people and how many are exposed, over it and the units under it) of every unit shown."""
    size = len(tree.parent)
    members = tree.subtree_sums(np.bincount(plan.codes, minlength=size).astype(float))
    flagged = plan.codes[np.array(exposed, dtype=bool)] if len(exposed) else np.zeros(0, dtype=np.int64)
    counted = tree.subtree_sums(np.bincount(flagged, minlength=size).astype(float))
    return [
        (unit, {"unit": unit, "members": int(members[u]), "exposed": int(counted[u])})
        for u, unit in enumerate(tree.units)
        if u not in plan.hidden
    ]


def exposed_order(projection: Projection, exposure: Sequence[Mapping[str, Any]]) -> list[str]:
    """The people exposed (``exposure`` in the projection's order), by unit (none first) then id: the order the
    exposure page lists them in, stored so that a read takes the first ones."""
    found = [
        (u or "", p) for p, u, e in zip(projection.people, projection.units, exposure, strict=True) if e["exposed"]
    ]
    return [p for _, p in sorted(found)]
