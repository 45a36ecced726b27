"""The plain data a matching round works on, and its settings.

Stores are not touched here: a caller gathers these records once (people,
positions, mentorships, the contact network) and every step after that is a
pure function, so the same round gives the same answer on either store.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from netgraph.errors import InvalidInput, Problem

#: The parts of a pair's fit, in the order they are summed.
FIT_PARTS = ("goal", "level", "preference", "network", "reach", "load")

#: Default weight of each fit part: what the mentee wants to grow matters most.
DEFAULT_WEIGHTS = MappingProxyType(
    {"goal": 0.35, "level": 0.15, "preference": 0.15, "network": 0.15, "reach": 0.1, "load": 0.1}
)

#: Network part by number of links between mentor and mentee: reachable and new beats already close.
NETWORK_BY_DISTANCE = MappingProxyType({1: 0.2, 2: 1.0, 3: 0.8})
#: Network part when the two are farther apart than the search goes, or not connected at all.
NETWORK_FAR = 0.3
#: How many links the distance searches follow (farther counts as :data:`NETWORK_FAR`).
NETWORK_MAX_HOPS = max(NETWORK_BY_DISTANCE)

#: A contact of the mentor who holds a goal skill at this level or above counts for reach.
REACH_MIN_LEVEL = 3


@dataclass(frozen=True)
class Member:
    """One person of a round, with what matching needs to know about them.

    ``skills``: skill -> level (1-5); ``wants``: the skills they want to grow;
    ``positions``: ids of the positions they hold; ``preferences``: ids of people
    on the other side, most wanted first (empty when they did not rank).
    """

    id: str
    level: int | None = None
    unit: str | None = None
    location: str | None = None
    skills: Mapping[str, int] = field(default_factory=dict)
    wants: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    preferences: tuple[str, ...] = ()


@dataclass(frozen=True)
class PastMentorship:
    """A mentorship between two people of the round (either way round), as stored."""

    mentor: str
    mentee: str
    status: str  # "active" or "ended"
    until: str | None = None  # ISO date an ended mentorship ended, when known


@dataclass(frozen=True)
class MatchSettings:
    """The ``[match]`` settings: which constraints apply and how fit is weighed.

    ``reporting_line_depth``: how many positions up the reporting-line check looks
    (None: the whole chain). ``min_level_gap``: the mentor's level minus the
    mentee's must be at least this. ``unknown_level_passes``: whether a pair with
    an unknown level passes the gap check. ``recent_days``: an ended mentorship
    between the two within this many days refuses the pair. ``other_unit`` /
    ``same_location``: the optional constraints. ``ideal_gap``: the level gap
    that scores 1 on the level part. ``weights``: each fit part's weight (a part
    left out of a settings file keeps its default). ``max_capacity``: the most
    mentees one mentor may take in a round.
    """

    reporting_line_depth: int | None = None
    min_level_gap: int = 1
    unknown_level_passes: bool = False
    recent_days: int = 365
    other_unit: bool = False
    same_location: bool = False
    ideal_gap: int = 2
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    max_capacity: int = 5

    def __post_init__(self) -> None:
        """Refuse a setting out of its range, one located problem per setting (``match.NAME``)."""
        problems = []
        whole = {"min_level_gap": 0, "recent_days": 0, "ideal_gap": 1, "max_capacity": 1}
        if self.reporting_line_depth is not None:
            whole["reporting_line_depth"] = 1
        for name, least in whole.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                problems.append(Problem("match", name, f"must be a whole number of at least {least}"))
        for name in ("unknown_level_passes", "other_unit", "same_location"):
            if not isinstance(getattr(self, name), bool):
                problems.append(Problem("match", name, "must be true or false"))
        weights = self.weights if isinstance(self.weights, Mapping) else {}
        for name in sorted(set(weights) - set(FIT_PARTS)):
            problems.append(
                Problem("match", f"weights.{name}", f"unknown part (expected one of {', '.join(FIT_PARTS)})")
            )
        for name in FIT_PARTS:
            value = weights.get(name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < math.inf:
                problems.append(Problem("match", f"weights.{name}", "must be a number, 0 or more"))
        if not problems and sum(weights[part] for part in FIT_PARTS) <= 0:
            problems.append(Problem("match", "weights", "at least one weight must be above 0"))
        if problems:
            raise InvalidInput(problems)

    def normalized_weights(self) -> dict[str, float]:
        """The weights scaled to sum to 1, so a pair's fit stays in [0, 1]."""
        total = sum(self.weights[part] for part in FIT_PARTS)
        return {part: self.weights[part] / total for part in FIT_PARTS}


@dataclass(frozen=True)
class RoundInputs:
    """Everything a round's constraints and fits read, gathered once.

    ``members``: every person of the round, and every contact of a mentor whose
    skills count for reach (with the skills they hold at :data:`REACH_MIN_LEVEL`
    or above: all that reach reads of them), by id. ``capacity``: mentor id -> how many mentees.
    ``reports_to``: position -> the position it reports to. ``holders``: position
    -> ids of its holders. ``mentorships``: past and present mentorships among
    the round's people. ``contacts``: the contact network (KNOWS or MENTORS,
    either way) as id -> ids (sorted lists, as the store gives them: only ever
    walked). ``load``: mentor id -> active mentees plus open introductions they
    made. ``today``: ISO date the recency check counts from.
    """

    mentees: tuple[str, ...]
    capacity: Mapping[str, int]
    members: Mapping[str, Member]
    today: str
    reports_to: Mapping[str, str | None] = field(default_factory=dict)
    holders: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    mentorships: tuple[PastMentorship, ...] = ()
    contacts: Mapping[str, Collection[str]] = field(default_factory=dict)
    load: Mapping[str, int] = field(default_factory=dict)

    @property
    def mentors(self) -> tuple[str, ...]:
        """The round's mentors, by id."""
        return tuple(sorted(self.capacity))
