"""The impact of losing someone, scored from its parts, and the band it falls in: one definition for both stores.

A person's leaving costs the organisation in two ways, and the score keeps
every part visible so a reader can check it by hand:

**Succession impact**

* each *critical* position they hold, with its status (``gap``: no
  successor; ``developing``: successors, none ready now; ``covered``: a
  ready-now successor). Holding one scores :data:`HELD_POINTS` of its
  status: 3 for a gap, 2 for developing, 1 for covered.
* each critical position someone else holds for which they are the *only*
  ready-now successor (their leaving turns it from covered into developing
  or a gap): :data:`SOLE_COVER_POINTS` (2) each.

**Network impact** (from the stored network insights)

* *cut point*: their leaving cuts people off from the rest of the network or
  leaves two units with no tie at all (``cut_off`` people, ``sole_links``
  unit pairs): :data:`CUT_POINT_POINTS` (2), once.
* *brokerage*: the pairs of unlinked contacts they broker (the four
  Gould-Fernandez roles added up); at or above the organisation's
  ``broker_percentile``-th percentile of those pairs (and above 0):
  :data:`BROKER_POINTS` (1), once.
* *active mentees*: someone who mentors anyone now: :data:`MENTOR_POINTS`
  (1), once.

The score is the sum; the band is ``high`` from :data:`HIGH_FROM` points
(a gap seat alone, or a covered seat with sole cover elsewhere...),
``medium`` from 1, ``low`` at 0. The points are a convention, written down
here and returned part by part; the list that matters most is not a score at
all: :func:`first_listed`, the high-risk incumbents of critical positions with
no ready-now successor.

>>> parts = impact_parts(held=[("cfo", "gap")], sole_cover_for=["cto"], cut_off=0, sole_links=0,
...                      brokerage_pairs=4, broker_threshold=10.0, active_mentees=2)
>>> parts["succession"], parts["network"], parts["score"], parts["band"]
(5, 1, 6, 'high')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Points for holding a critical position, by its status.
HELD_POINTS = {"gap": 3, "developing": 2, "covered": 1}
#: Points for each critical position where the person is the only ready-now successor.
SOLE_COVER_POINTS = 2
#: Points for being a cut point (cuts people off, or is the only link between two units).
CUT_POINT_POINTS = 2
#: Points for brokering at or above the organisation's broker percentile of brokered pairs.
BROKER_POINTS = 1
#: Points for mentoring anyone now.
MENTOR_POINTS = 1
#: The impact bands, lowest first, as the risk x impact grid draws them.
BANDS = ("low", "medium", "high")
#: A score at or above this is ``high``; above 0, ``medium``.
HIGH_FROM = 3
#: Flight risk's grid columns, lowest first (people with none recorded are counted apart).
RISKS = ("low", "medium", "high")


def impact_band(score: int) -> str:
    """``high`` from :data:`HIGH_FROM` points, ``medium`` from 1, else ``low``.

    >>> [impact_band(s) for s in (0, 1, 2, 3, 9)]
    ['low', 'medium', 'medium', 'high', 'high']
    """
    if score >= HIGH_FROM:
        return "high"
    return "medium" if score > 0 else "low"


def impact_parts(
    *,
    held: Sequence[tuple[str, str]],
    sole_cover_for: Sequence[str],
    cut_off: int,
    sole_links: int,
    brokerage_pairs: int,
    broker_threshold: float,
    active_mentees: int,
) -> dict[str, Any]:
    """Every part of one person's impact score, the points each earns, the score and its band.

    ``held``: (critical position, its status) of each critical position the person holds;
    ``sole_cover_for``: the critical positions they alone cover ready now; ``broker_threshold``: the
    organisation's percentile of brokered pairs (:func:`broker_threshold`).
    """
    held_points = sum(HELD_POINTS[status] for _, status in held)
    cut_point = cut_off > 0 or sole_links > 0
    broker = brokerage_pairs > 0 and brokerage_pairs >= broker_threshold
    succession = held_points + SOLE_COVER_POINTS * len(sole_cover_for)
    network = (
        (CUT_POINT_POINTS if cut_point else 0)
        + (BROKER_POINTS if broker else 0)
        + (MENTOR_POINTS if active_mentees > 0 else 0)
    )
    score = succession + network
    return {
        "critical_held": [{"position": p, "status": s} for p, s in sorted(held)],
        "sole_ready_now_for": sorted(sole_cover_for),
        "cut_off": cut_off,
        "sole_links": sole_links,
        "cut_point": cut_point,
        "brokerage_pairs": brokerage_pairs,
        "broker": broker,
        "active_mentees": active_mentees,
        "succession": succession,
        "network": network,
        "score": score,
        "band": impact_band(score),
    }


def broker_threshold(pairs: Sequence[int], percentile: float) -> float:
    """The ``percentile``-th percentile of everyone's brokered pairs (linear, as numpy's default).

    >>> broker_threshold([0, 0, 10, 20, 30], 50.0), broker_threshold([], 90.0)
    (10.0, 0.0)
    """
    ordered = sorted(pairs)
    if not ordered:
        return 0.0
    at = (len(ordered) - 1) * percentile / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (at - low))


def uncovered_seat(held: Sequence[dict[str, Any]]) -> bool:
    """Holds a critical position with no ready-now successor (a gap, or only later readiness).

    >>> uncovered_seat([{"position": "a", "status": "covered"}]), uncovered_seat([{"position": "b", "status": "gap"}])
    (False, True)
    """
    return any(h["status"] != "covered" for h in held)


def first_listed(flight_risk: str | None, held: Sequence[dict[str, Any]]) -> bool:
    """A high-risk incumbent of a critical position with no ready-now successor: listed before everyone else.

    >>> first_listed("high", [{"position": "a", "status": "developing"}]), first_listed("medium", [])
    (True, False)
    """
    return flight_risk == "high" and uncovered_seat(held)


def listing_order(row: dict[str, Any]) -> tuple[Any, ...]:
    """First-listed people first, then by band (high first), flight risk (high first), score (highest), id."""
    risk = row.get("flight_risk")
    return (
        not row["first_listed"],
        -BANDS.index(row["band"]),
        -(RISKS.index(risk) if risk in RISKS else -1),
        -row["score"],
        row["person"],
    )
