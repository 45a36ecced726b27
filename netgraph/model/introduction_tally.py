"""Introductions counted in groups: what the programme overview needs of them, in a few hundred rows.

At 100k people the overview counted 20,000 introductions read one row each; on
Neo4j, receiving those rows cost more than the counting. A group is the
introductions sharing a status, the month they were proposed (``created_on``'s
first seven characters, None when undated), the days from proposal to meeting
(``met_on`` minus ``created_on``, None unless both are set) and the rated
outcome. Its Cypher twin is ``cypher/programme/introduction_tally.cypher``;
``tests/contract/test_ports.py`` holds the two together on both stores.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

GroupKey = tuple[str, str | None, int | None, int | None]


def introduction_month(created_on: str | None) -> str | None:
    """The month an introduction was proposed in, ``YYYY-MM`` (None: undated).

    >>> introduction_month("2026-01-05"), introduction_month(None)
    ('2026-01', None)
    """
    return created_on[:7] if created_on else None


def days_to_meet(created_on: str | None, met_on: str | None) -> int | None:
    """Days from proposal to meeting (None unless both dates are known).

    >>> days_to_meet("2026-01-01", "2026-01-04"), days_to_meet("2026-01-01", None)
    (3, None)
    """
    if not created_on or not met_on:
        return None
    return (date.fromisoformat(met_on) - date.fromisoformat(created_on)).days


def tally_introductions(facts: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Count introductions (``status``, ``created_on``, ``met_on``, ``outcome`` each) in groups, in the
    order of their keys (None first): the rows of the stores' ``introduction_tally``.

    >>> tally_introductions([{"status": "met", "created_on": "2026-01-05", "met_on": "2026-01-09", "outcome": 4},
    ...                      {"status": "met", "created_on": "2026-01-20", "met_on": "2026-01-24", "outcome": 4}])
    [{'status': 'met', 'month': '2026-01', 'met_days': 4, 'outcome': 4, 'count': 2}]
    """
    counts: Counter[GroupKey] = Counter(
        (f["status"], introduction_month(f["created_on"]), days_to_meet(f["created_on"], f["met_on"]), f["outcome"])
        for f in facts
    )
    return [
        {"status": status, "month": month, "met_days": days, "outcome": outcome, "count": n}
        for (status, month, days, outcome), n in sorted(counts.items(), key=lambda kv: _order(kv[0]))
    ]


def _order(key: GroupKey) -> tuple[Any, ...]:
    """A sort key for a group's key whose parts may be None (None first)."""
    return tuple((part is not None, part) for part in key)
