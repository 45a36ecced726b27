"""Exposure to departures: the one definition of what makes a tie exposing (:mod:`netgraph.analysis.insights.exposure`).

A tie exposes a person when the other end's flight risk is high or the other end
left on or after the first day that still counts (``[insights] departed_days``
before the refresh; the store returns only such leavers). Which ties are looked at
is the person's ``[insights] exposure_ties`` strongest, equal strengths by the
other person's id.
"""

from __future__ import annotations

#: Why a tie exposes someone, in the order reports list them.
REASONS = ("left", "high_flight_risk")


def exposing(flight_risk: str | None, left_on: str | None) -> str | None:
    """Why a tie with this person exposes whoever holds it (``left`` wins over ``high_flight_risk``), or None.

    ``left_on``: set only for someone who left recently enough to count.

    >>> exposing("high", None), exposing("low", "2026-01-05"), exposing("medium", None)
    ('high_flight_risk', 'left', None)
    """
    if left_on is not None:
        return REASONS[0]
    return REASONS[1] if flight_risk == "high" else None
