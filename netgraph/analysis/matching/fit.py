"""How good an allowed pair is: six parts, each in [0, 1], and their weighted mean.

goal
    the goal-fit rule recommendations use (:func:`netgraph.model.rules.goal_fit`):
    the mentor's levels in the skills the mentee wants to grow.
level
    ``1 - min(1, |gap - ideal| / ideal)``: the ideal level gap scores 1.
preference
    ``1 - (rank - 1) / n`` for a mentor ranked ``rank`` of ``n`` by the mentee, 0
    when unranked; when the mentor also ranked mentees, the mean of both sides.
network
    by links between the two (:data:`~netgraph.analysis.matching.inputs.NETWORK_BY_DISTANCE`):
    reachable and new beats already close.
reach
    the share of the mentee's goal skills held at level 3 or above by someone the mentor knows.
load
    ``1 / (1 + active mentees + open introductions made)``: stretched mentors score less.

These per-pair parts are the specification and explain each proposal; a whole
round's fits come from :mod:`~netgraph.analysis.matching.fit_tables`, which a
test holds to the very same floats.
"""

from __future__ import annotations

from collections.abc import Mapping

from netgraph.analysis.matching.inputs import (
    FIT_PARTS,
    NETWORK_BY_DISTANCE,
    NETWORK_FAR,
    REACH_MIN_LEVEL,
    MatchSettings,
    Member,
    RoundInputs,
)
from netgraph.model.rules import goal_fit


def goal_part(mentor: Member, mentee: Member) -> float:
    """The recommendation rule's goal fit of the mentor's skills against the mentee's wants."""
    held = [[skill, mentor.skills[skill]] for skill in mentee.wants if skill in mentor.skills]
    return goal_fit(held, list(mentee.wants))


def level_part(mentor_level: int | None, mentee_level: int | None, ideal_gap: int) -> float:
    """1 at the ideal gap, falling to 0 a whole ideal gap away; 0 when a level is unknown.

    >>> [level_part(level, 3, 2) for level in (3, 4, 5, 6, 7)]
    [0.0, 0.5, 1.0, 0.5, 0.0]
    """
    if mentor_level is None or mentee_level is None:
        return 0.0
    gap = mentor_level - mentee_level
    return 1.0 - min(1.0, abs(gap - ideal_gap) / ideal_gap)


def rank_score(ranking: tuple[str, ...], other: str) -> float:
    """``1 - (rank - 1) / n`` for ``other`` ranked ``rank`` of ``n``; 0 when unranked.

    >>> [rank_score(("a", "b", "c", "d"), x) for x in "abcdz"]
    [1.0, 0.75, 0.5, 0.25, 0.0]
    """
    if other not in ranking:
        return 0.0
    return 1.0 - ranking.index(other) / len(ranking)


def preference_part(mentor: Member, mentee: Member) -> float:
    """The mentee's ranking of the mentor, averaged with the mentor's of the mentee when the mentor ranked."""
    mentee_says = rank_score(mentee.preferences, mentor.id)
    if not mentor.preferences:
        return mentee_says
    return (mentee_says + rank_score(mentor.preferences, mentee.id)) / 2


def network_part(distance: int | None) -> float:
    """The network part for a pair that many links apart (None: farther than the search, or unconnected)."""
    return NETWORK_BY_DISTANCE.get(distance, NETWORK_FAR) if distance is not None else NETWORK_FAR


def reach_part(mentor: Member, mentee: Member, inputs: RoundInputs) -> float:
    """The share of the mentee's goals held at level 3 or above by a contact of the mentor."""
    if not mentee.wants:
        return 0.0
    known = [inputs.members[c] for c in inputs.contacts.get(mentor.id, ()) if c in inputs.members]
    reached = sum(any(person.skills.get(goal, 0) >= REACH_MIN_LEVEL for person in known) for goal in mentee.wants)
    return reached / len(mentee.wants)


def load_part(load: int) -> float:
    """``1 / (1 + load)``: a mentor with nothing on scores 1.

    >>> [load_part(n) for n in (0, 1, 3)]
    [1.0, 0.5, 0.25]
    """
    return 1.0 / (1 + load)


def fit_parts(
    mentor: str, mentee: str, inputs: RoundInputs, settings: MatchSettings, distance: int | None
) -> dict[str, float]:
    """Each part of the pair's fit, in [0, 1], by name (in :data:`FIT_PARTS` order)."""
    mentor_member, mentee_member = inputs.members[mentor], inputs.members[mentee]
    return {
        "goal": goal_part(mentor_member, mentee_member),
        "level": level_part(mentor_member.level, mentee_member.level, settings.ideal_gap),
        "preference": preference_part(mentor_member, mentee_member),
        "network": network_part(distance),
        "reach": reach_part(mentor_member, mentee_member, inputs),
        "load": load_part(inputs.load.get(mentor, 0)),
    }


def total_fit(parts: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The weighted mean of the parts (weights normalized to sum to 1), summed in :data:`FIT_PARTS` order."""
    total = 0.0
    for part in FIT_PARTS:
        total += weights[part] * parts[part]
    return total


#: Words for each part, for explaining a pair as recommendations are explained.
PART_WORDS = {
    "goal": "has the skills the mentee wants to grow",
    "level": "is the right number of levels above",
    "preference": "was asked for",
    "network": "sits at a useful distance in the network",
    "reach": "knows people strong in the mentee's goals",
    "load": "has time",
}


def explain(parts: Mapping[str, float], weights: Mapping[str, float], limit: int = 3) -> list[str]:
    """The pair's strongest reasons in words, by weighted contribution (only parts that add something)."""
    ranked = sorted(FIT_PARTS, key=lambda p: (-weights[p] * parts[p], FIT_PARTS.index(p)))
    return [f"{PART_WORDS[p]} ({parts[p]:.2f})" for p in ranked[:limit] if weights[p] * parts[p] > 0]
