"""Does the programme grow the network? The one definition of a tie made through it.

A tie (a KNOWS link, dated by its ``since``, else its ``first_seen``) is *made
through the programme* when it is dated within ``window_days`` (90) days on or
after

* an accepted introduction between the pair (``accepted_on``), or
* the start of a mentorship between the pair (``since``), or
* the start of a mentorship of one of the pair, as mentee, whose mentor is a
  contact of the other (met through the mentee's mentor).

>>> made_through_programme("2026-03-10", ["2026-01-01", "2026-02-20"], 90)
True
>>> made_through_programme("2026-03-10", ["2026-03-11"], 90), made_through_programme("2026-06-01", ["2026-01-01"], 90)
(False, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

#: The skill level a person must hold to count as someone a mentee can learn a skill from.
SKILL_HOLDER_LEVEL = 3


def made_through_programme(tie_on: str, events: Iterable[str], window_days: int) -> bool:
    """Whether a tie dated ``tie_on`` falls within ``window_days`` on or after any of the pair's ``events``."""
    tie = date.fromisoformat(tie_on[:10])
    return any(0 <= (tie - date.fromisoformat(on[:10])).days <= window_days for on in events)


def month_of(on: str) -> str:
    """The month (YYYY-MM) of an ISO date.

    >>> month_of("2026-03-10")
    '2026-03'
    """
    return on[:7]


def last_months(as_of: date, count: int) -> list[str]:
    """The ``count`` months ending with ``as_of``'s, oldest first.

    >>> last_months(date(2026, 2, 15), 3)
    ['2025-12', '2026-01', '2026-02']
    """
    year, month = as_of.year, as_of.month
    found = []
    for _ in range(count):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]
