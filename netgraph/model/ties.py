"""Ties from evidence: when collaboration metadata makes two people a KNOWS pair, and how strong it is.

netgraph can build its KNOWS network from who met, mailed or messaged whom
and when (never what was said): :mod:`netgraph.io.interactions` reads the
events and DuckDB turns them into per-pair, per-channel, per-day counts.
This module holds the rules those counts are judged by, in one place and
free of any store or engine:

* :class:`TieSettings`: every number the rules use, with its default;
* :func:`evidence_strength`: the strength of a tie from its evidence (the
  aggregation query has a SQL twin of it, held to it by
  ``tests/unit/test_ties_rules.py``);
* :func:`provenance`: how a KNOWS link's sources and strengths make the one
  ``strength`` every analysis uses, and when a tie may retire (the import
  statement ``cypher/import/knows.cypher`` and the tie writes in
  ``cypher/ties/`` are its Cypher twins, held to it by the contract tests).

**Provenance.** A pair may be known from several sources at once
(:data:`~netgraph.model.vocabulary.TIE_SOURCES`): ``declared`` (typed in or
imported, ``declared_strength``), ``interactions`` (``evidence_strength``,
which ages), ``org_chart`` (``org_chart_strength``: manager and report, or
one small team) and ``introduction`` (made by an introduction that met; its
strength is declared). The effective ``strength`` is the **largest** of the
strengths given: each source is a separate reason to believe the two can
call on each other, and the best reason is what a warm path rests on; a
fading email trail must not weaken a tie somebody vouched for. No strength
given at all stays missing (the analyses' ``missing_strength``).

Only a tie whose one source is ``interactions`` can **retire**: people's own
word and the org chart do not age, evidence does. A retired tie keeps its
record (``retired_on``) but is left out of every analysis.

**Which events count.** A meeting, call, chat or project event ties every
pair of its people; an email ties its sender to each recipient (recipients
are not tied to each other). An event of more than ``max_participants``
people (per channel: ``channel_max``) says little about any one pair (a
town hall, a mailing list) and is skipped.

**When a pair becomes a tie.** At least ``min_events`` events (any channels)
no more than ``window_days`` days apart: one meeting may be chance, two
within four weeks are a pattern.

**Strength** is recency-weighted evidence, saturated into [0, 1)::

    evidence = sum over the pair's events of  channel_weight * 2 ** (-age_days / half_life_days)
    strength = 1 - exp(-evidence / evidence_scale)

``age_days`` is whole days from the event's (UTC) day to ``as_of``; events
after ``as_of`` are not evidence yet. With the defaults (half-life 90 days,
scale 5, a meeting weighing 1) a one-to-one kept up for a year gives:
weekly 0.97, monthly 0.60, quarterly 0.31; a single meeting today 0.18 and
a single email today 0.06. A tie fades below ``retire_below`` (0.05) when
its evidence falls under 0.26: the two-meeting minimum about nine months
after the second meeting, a weekly habit about eighteen months after it
stopped.

Examples
--------
>>> settings = TieSettings()
>>> settings.max_for("meeting"), settings.min_events, settings.window_days, settings.channel_weights["email"]
(8, 2, 28, 0.3)
>>> round(evidence_strength([("meeting", 0, 1)]), 3), round(evidence_strength([("meeting", 90, 2)]), 3)
(0.181, 0.181)
>>> TieSettings(channel_max={"project": 12}).max_for("project")
12
>>> TieSettings(channel_weights={"fax": 1.0})
Traceback (most recent call last):
...
netgraph.errors.InvalidInput: tie settings, field 'channel_weights': unknown channel 'fax' (expected one of \
meeting, email, chat, call, project)
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

from netgraph.errors import InvalidInput, Problem
from netgraph.model.vocabulary import TIE_SOURCES

#: The channels an event can come through (a source's own names are mapped onto these).
CHANNELS: tuple[str, ...] = ("meeting", "email", "chat", "call", "project")

#: How much one event of each channel says about a pair, before it ages.
#: Meetings and calls: both people give the same stretch of time to each other.
#: Chat: interactive, but cheap and often in passing. Project: sharing a piece
#: of work (a ticket, a document), often without talking. Email: one-way and
#: cheapest of all (a notice, an FYI), and sent to many at no cost.
DEFAULT_CHANNEL_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"meeting": 1.0, "call": 1.0, "project": 0.5, "chat": 0.5, "email": 0.3}
)

#: Events with more people than this are skipped: the people-analytics
#: convention for a small meeting, where everyone can talk with everyone.
DEFAULT_MAX_PARTICIPANTS = 8

#: ``evidence_scale``: evidence worth 1 - 1/e (63 %) of a full tie; about what a
#: monthly one-to-one kept up for a year leaves (sum of 2^(-30k/90), k < 12: 4.5).
DEFAULT_EVIDENCE_SCALE = 5.0


def _problem(name: str, message: str) -> InvalidInput:
    return InvalidInput([Problem("tie settings", name, message)])


def _channels(name: str, given: Mapping[str, float] | Mapping[str, int]) -> None:
    for channel in given:
        if channel not in CHANNELS:
            raise _problem(name, f"unknown channel {channel!r} (expected one of {', '.join(CHANNELS)})")


@dataclass(frozen=True)
class TieSettings:
    """Every number the tie rules use (defaults explained in the module's docstring).

    ``channel_max`` and ``channel_weights`` may name some channels only: the
    others keep ``max_participants`` and the default weights.
    ``min_group_size`` is for whoever shows figures built from these ties: no
    aggregate about fewer people than this (a unit of three's meeting load
    would point at each of them).
    """

    max_participants: int = DEFAULT_MAX_PARTICIPANTS
    channel_max: Mapping[str, int] = field(default_factory=dict)
    min_events: int = 2
    window_days: int = 28
    half_life_days: float = 90.0
    channel_weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_CHANNEL_WEIGHTS))
    evidence_scale: float = DEFAULT_EVIDENCE_SCALE
    retire_below: float = 0.05
    min_group_size: int = 5
    manager_strength: float = 0.5
    team_strength: float = 0.3
    team_max_size: int = 12

    def __post_init__(self) -> None:
        _channels("channel_max", self.channel_max)
        _channels("channel_weights", self.channel_weights)
        for name in ("max_participants", "min_events", "min_group_size", "team_max_size"):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or value < (2 if name == "max_participants" else 1)
            ):
                raise _problem(name, f"must be a whole number of at least {2 if name == 'max_participants' else 1}")
        for channel, most in self.channel_max.items():
            if isinstance(most, bool) or not isinstance(most, int) or most < 2:
                raise _problem("channel_max", f"{channel}: must be a whole number of at least 2")
        if isinstance(self.window_days, bool) or not isinstance(self.window_days, int) or self.window_days < 0:
            raise _problem("window_days", "must be a whole number of days, 0 or more")
        for name in ("half_life_days", "evidence_scale"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
                raise _problem(name, "must be a number above 0")
        for channel, weight in self.channel_weights.items():
            if not isinstance(weight, int | float) or not math.isfinite(weight) or weight < 0:
                raise _problem("channel_weights", f"{channel}: must be a number, 0 or more")
        if not isinstance(self.retire_below, int | float) or not 0 <= self.retire_below < 1:
            raise _problem("retire_below", "must be a number from 0 up to (not including) 1")
        for name in ("manager_strength", "team_strength"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise _problem(name, "must be a number from 0 to 1")
        object.__setattr__(self, "channel_max", MappingProxyType(dict(self.channel_max)))
        object.__setattr__(
            self, "channel_weights", MappingProxyType({**DEFAULT_CHANNEL_WEIGHTS, **self.channel_weights})
        )

    def max_for(self, channel: str) -> int:
        """The most people an event of ``channel`` may have and still count."""
        return self.channel_max.get(channel, self.max_participants)


DEFAULT_SETTINGS = TieSettings()


def evidence_strength(
    observations: Iterable[tuple[str, int, float]], settings: TieSettings = DEFAULT_SETTINGS
) -> float:
    """The strength in [0, 1) of a pair's tie from its events: ``(channel, age_days, events)`` each.

    ``age_days`` is whole days before ``as_of`` (0: that day); an observation
    with a negative age (after ``as_of``) is not evidence yet. ``events`` is
    how many events of that channel the pair had that day (the aggregates'
    count). The rule::

        evidence = sum(events * channel_weights[channel] * 2 ** (-age_days / half_life_days))
        strength = 1 - exp(-evidence / evidence_scale)

    The aggregation query computes the same in SQL (``netgraph/io/interactions.py``,
    marked "rule twin of netgraph/model/ties.py: evidence_strength").

    >>> evidence_strength([])
    0.0
    >>> round(evidence_strength([("meeting", 0, 1)]), 4), round(evidence_strength([("email", 0, 1)]), 4)
    (0.1813, 0.0582)
    >>> weekly = [("meeting", 7 * week, 1) for week in range(52)]
    >>> monthly = [("meeting", 30 * month, 1) for month in range(12)]
    >>> round(evidence_strength(weekly), 2), round(evidence_strength(monthly), 2)
    (0.97, 0.6)
    >>> evidence_strength([("chat", -1, 5)])
    0.0
    """
    weights, half_life = settings.channel_weights, settings.half_life_days
    evidence = math.fsum(
        events * weights[channel] * 2.0 ** (-age / half_life) for channel, age, events in observations if age >= 0
    )
    return -math.expm1(-evidence / settings.evidence_scale)


#: Decimal places a tie's evidence strength is stored with.
STORED_PLACES = 4


def stored_evidence_strength(strength: float) -> float:
    """An evidence strength as a store holds it (:data:`STORED_PLACES` places): what every analysis reads.

    >>> stored_evidence_strength(0.325569), stored_evidence_strength(0.325577)
    (0.3256, 0.3256)
    """
    return round(float(strength), STORED_PLACES)


def effective_strength(declared: float | None, evidence: float | None, org_chart: float | None) -> float | None:
    """The one strength analyses use: the largest of those given (``None`` if none is).

    >>> effective_strength(0.7, 0.2, None), effective_strength(None, 0.4, 0.3), effective_strength(None, None, None)
    (0.7, 0.4, None)
    """
    given = [s for s in (declared, evidence, org_chart) if s is not None]
    return max(given) if given else None


def may_retire(sources: list[str]) -> bool:
    """Whether a tie with these sources can retire: only one known from interactions alone.

    >>> may_retire(["interactions"]), may_retire(["declared", "interactions"])
    (True, False)
    """
    return list(sources) == ["interactions"]


def own_source(context: str | None) -> str:
    """The source a typed-in or imported link stands for: today's ``context`` "introduction" stays one.

    >>> own_source("introduction"), own_source("same team"), own_source(None)
    ('introduction', 'declared', 'declared')
    """
    return "introduction" if context == "introduction" else "declared"


def declared_only(link: dict[str, Any]) -> bool:
    """A KNOWS record that says no more than a link stored before provenance existed: one source, its own.

    Both stores keep such a link as links were kept before provenance (since,
    strength, context; the offline loader too), and every reader derives the
    rest: on Neo4j (cypher/import/knows.cypher holds the twin, applied to the
    link as merged with what is stored) it keeps importing 100k people in one
    transaction within a 4 GB heap (docs/ties.md, "Provenance"); in the embedded store's graph a 3-key dict
    instead of an 11-key one per link kept the walks of warm paths and
    recommendations as fast as before provenance.

    >>> declared_only({"context": "met", "sources": ["declared"], "strength": 0.4, "declared_strength": 0.4,
    ...                "evidence_strength": None, "org_chart_strength": None, "first_seen": None,
    ...                "last_seen": None, "retired_on": None})
    True
    """
    return (
        link["sources"] == [own_source(link["context"])]
        and link["declared_strength"] == link["strength"]
        and all(
            link[f] is None
            for f in ("evidence_strength", "org_chart_strength", "first_seen", "last_seen", "retired_on")
        )
    )


def provenance(link: dict[str, Any], *, given_sources: bool, stored: dict[str, Any] | None) -> dict[str, Any]:
    """``sources``, ``strength`` and ``retired_on`` of a KNOWS record about to be written.

    ``link`` is the record with every field (the kept ones from ``stored``);
    ``given_sources``: the record named its sources itself (an export read
    back), else they are the stored ones plus the record's own (declared, or
    introduction) when it declares a strength or the link is new.

    >>> provenance({"sources": None, "context": "same team", "declared_strength": 0.6,
    ...             "evidence_strength": None, "org_chart_strength": None, "retired_on": None},
    ...            given_sources=False, stored=None)
    {'sources': ['declared'], 'strength': 0.6, 'retired_on': None}
    >>> stored = {"sources": ["interactions"], "retired_on": "2026-01-05"}
    >>> provenance({**stored, "context": None, "declared_strength": 0.8, "evidence_strength": 0.01,
    ...             "org_chart_strength": None}, given_sources=False, stored=stored)
    {'sources': ['declared', 'interactions'], 'strength': 0.8, 'retired_on': None}
    """
    if (
        stored is None
        and not given_sources
        and link.get("evidence_strength") is None
        and link.get("org_chart_strength") is None
    ):
        # a new link typed in or imported (the bulk load writes 450,000 of them): the general rule
        # below gives exactly this, [own] never retires; about a third of a bulk load's CSV time
        return {
            "sources": [own_source(link.get("context"))],
            "strength": link.get("declared_strength"),
            "retired_on": None,
        }
    if given_sources and link.get("sources") is not None:
        sources = [s for s in TIE_SOURCES if s in link["sources"]]
    else:
        old = (stored or {}).get("sources")
        own = own_source(link.get("context"))
        adds = old is None or link.get("declared_strength") is not None
        sources = [s for s in TIE_SOURCES if s in (old or []) or (adds and s == own)]
    strength = effective_strength(
        link.get("declared_strength"), link.get("evidence_strength"), link.get("org_chart_strength")
    )
    return {
        "sources": sources,
        "strength": strength,
        "retired_on": link.get("retired_on") if may_retire(sources) else None,
    }


# -- a pair's running figures: what a day's ingest needs without reading the pair's whole history ----------


@dataclass(frozen=True)
class PairFigures:
    """What a pair's stored counts add up to, kept so that one more day reads no more than this.

    ``evidence`` is the pair's weighted evidence aged to ``last_seen`` (every
    one of its days is on or before it), so at any ``as_of`` on or after
    ``last_seen`` it is ``evidence * 2 ** (-(as_of - last_seen) / half_life_days)``
    (:func:`figures_evidence`): one factor, however many days lie behind it.
    ``qualified_by`` is a day by which the pair met the ``min_events`` rule
    (None: not yet). While it has not, ``pending`` keeps its days and their
    events, oldest first: few by definition (no window of ``window_days``
    holds ``min_events``), and what a late or a new event must be judged with.
    Once it has, ``pending`` is empty; a late event may then make the true
    first qualifying day earlier, so ``qualified_by`` is that day or later
    (all a tie needs: it has qualified by any ``as_of`` on or after ``last_seen``).
    """

    first_seen: date
    last_seen: date
    events: int
    evidence: float
    qualified_by: date | None
    pending: tuple[tuple[date, int], ...] = ()


def figures_rule(settings: TieSettings = DEFAULT_SETTINGS) -> str:
    """A short key of the settings a pair's figures depend on: figures kept under other settings are recomputed.

    >>> figures_rule() == figures_rule(TieSettings(evidence_scale=9.0)), figures_rule() == figures_rule(
    ...     TieSettings(half_life_days=30.0))
    (True, False)
    """
    weights = ",".join(f"{c}:{float(settings.channel_weights[c])!r}" for c in CHANNELS)
    text = f"{float(settings.half_life_days)!r};{weights};{settings.min_events};{settings.window_days}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def qualified_on(days: Iterable[tuple[date, int]], settings: TieSettings = DEFAULT_SETTINGS) -> date | None:
    """The first day a pair met the rule: ``min_events`` events within ``window_days`` days up to that day.

    ``days``: (day, events) in any order, a day possibly more than once.

    >>> d = date(2026, 1, 1)
    >>> qualified_on([(d, 1), (d + timedelta(days=29), 1)]), qualified_on([(d + timedelta(days=28), 1), (d, 1)])
    (None, datetime.date(2026, 1, 29))
    """
    totals: dict[date, int] = {}
    for day, events in days:
        totals[day] = totals.get(day, 0) + events
    ordered = sorted(totals.items())
    for i, (day, _) in enumerate(ordered):
        start = day - timedelta(days=settings.window_days)
        if sum(events for other, events in ordered[: i + 1] if other >= start) >= settings.min_events:
            return day
    return None


def carried_figures(
    before: PairFigures | None,
    counts: Iterable[tuple[str, date, int]],
    settings: TieSettings = DEFAULT_SETTINGS,
) -> PairFigures:
    """A pair's figures once ``counts`` ((channel, day, events) each, days in any order) are added to ``before``.

    The one definition of how a day's counts update what is kept; the
    ingest's SQL (``netgraph/io/interactions.py``, marked "rule twin of
    netgraph/model/ties.py: carried_figures") does the same for every pair at
    once, held to this by ``tests/unit/test_tie_figures.py``. Adding counts
    in any split and order gives the figures of adding them all at once
    (``qualified_by`` aside, see :class:`PairFigures`).

    >>> d = date(2026, 1, 1)
    >>> f = carried_figures(None, [("meeting", d, 1)])
    >>> f.qualified_by, f.pending
    (None, ((datetime.date(2026, 1, 1), 1),))
    >>> g = carried_figures(f, [("email", d + timedelta(days=90), 1)])
    >>> g.qualified_by, g.pending, round(g.evidence, 6)
    (None, ((datetime.date(2026, 1, 1), 1), (datetime.date(2026, 4, 1), 1)), 0.8)
    >>> carried_figures(g, [("chat", d + timedelta(days=80), 1)]).qualified_by
    datetime.date(2026, 4, 1)
    """
    rows = list(counts)
    if not rows:
        raise ValueError("no counts to add")
    weights, half_life = settings.channel_weights, settings.half_life_days
    last = max(day for _, day, _ in rows)
    first = min(day for _, day, _ in rows)
    if before is not None:
        last, first = max(last, before.last_seen), min(first, before.first_seen)
    carried = 0.0 if before is None else before.evidence * 2.0 ** (-(last - before.last_seen).days / half_life)
    evidence = carried + math.fsum(
        events * weights[channel] * 2.0 ** (-(last - day).days / half_life) for channel, day, events in rows
    )
    events = sum(events for _, _, events in rows) + (before.events if before is not None else 0)
    if before is not None and before.qualified_by is not None:
        return PairFigures(first, last, events, evidence, before.qualified_by)
    days: dict[date, int] = dict(before.pending) if before is not None else {}
    for _, day, count in rows:
        days[day] = days.get(day, 0) + count
    qualified = qualified_on(days.items(), settings)
    pending = () if qualified is not None else tuple(sorted(days.items()))
    return PairFigures(first, last, events, evidence, qualified, pending)


def figures_evidence(figures: PairFigures, as_of: date, settings: TieSettings = DEFAULT_SETTINGS) -> float | None:
    """The pair's evidence aged to ``as_of``, or None when it has days after ``as_of`` (read its counts then).

    >>> f = PairFigures(date(2026, 1, 1), date(2026, 1, 1), 2, 1.0, date(2026, 1, 1))
    >>> figures_evidence(f, date(2026, 4, 1)), figures_evidence(f, date(2025, 12, 31))
    (0.5, None)
    """
    if as_of < figures.last_seen:
        return None
    return float(figures.evidence * 2.0 ** (-(as_of - figures.last_seen).days / settings.half_life_days))
