"""Who may mentor whom: the hard constraints, each with the reason it refuses a pair.

Every constraint is a small function ``(mentor, mentee, inputs, settings) ->
reason or None``, listed in :data:`CONSTRAINTS` under its name, so a refusal
always says which constraint refused and why, and the report can ask which
constraint, relaxed, would free a place.

These per-pair rules are the specification and explain single pairs; a whole
round is checked at once by :mod:`~netgraph.analysis.matching.constraint_tables`,
which a test holds to exactly the pairs these refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from netgraph.analysis.matching.inputs import MatchSettings, Member, PastMentorship, RoundInputs


def positions_above(position: str, reports_to: Mapping[str, str | None], depth: int | None) -> list[str]:
    """The positions on the ``reports_to`` chain above ``position``, nearest first, at most ``depth`` of them.

    A cycle in the data ends the chain rather than looping.

    >>> positions_above("dev", {"dev": "lead", "lead": "cto", "cto": None}, None)
    ['lead', 'cto']
    >>> positions_above("dev", {"dev": "lead", "lead": "cto"}, 1)
    ['lead']
    """
    chain: list[str] = []
    seen = {position}
    above = reports_to.get(position)
    while above is not None and above not in seen and (depth is None or len(chain) < depth):
        chain.append(above)
        seen.add(above)
        above = reports_to.get(above)
    return chain


def holders_above(
    person: Member, inputs: RoundInputs, depth: int | None, chains: dict[str, list[str]] | None = None
) -> set[str]:
    """Everyone holding a position above any position ``person`` holds (vacant ones passed through).

    A person with no position has no reporting line. ``chains`` (position ->
    positions above it) keeps each position's walk up, so a whole round walks
    up from each position once.
    """
    chains = {} if chains is None else chains
    found: set[str] = set()
    for position in person.positions:
        if position not in chains:
            chains[position] = positions_above(position, inputs.reports_to, depth)
        for above in chains[position]:
            found.update(inputs.holders.get(above, ()))
    return found


def reporting_line(mentor: Member, mentee: Member, inputs: RoundInputs, settings: MatchSettings) -> str | None:
    """Refuses a pair when either sits above the other on the reporting line: a manager is not a mentor."""
    depth = settings.reporting_line_depth
    if mentor.id in holders_above(mentee, inputs, depth):
        return f"{mentor.id} is in {mentee.id}'s reporting line"
    if mentee.id in holders_above(mentor, inputs, depth):
        return f"{mentee.id} is in {mentor.id}'s reporting line"
    return None


def level_gap(mentor: Member, mentee: Member, inputs: RoundInputs, settings: MatchSettings) -> str | None:
    """Refuses a pair whose mentor is not at least ``min_level_gap`` levels above the mentee."""
    if mentor.level is None or mentee.level is None:
        if settings.unknown_level_passes:
            return None
        unknown = mentor.id if mentor.level is None else mentee.id
        return f"{unknown}'s level is unknown"
    gap = mentor.level - mentee.level
    if gap < settings.min_level_gap:
        return f"level gap {gap} is below {settings.min_level_gap}"
    return None


def days_between(earlier: str, later: str) -> int:
    """Whole days from one ISO date to another."""
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def existing_mentorship(mentor: Member, mentee: Member, inputs: RoundInputs, settings: MatchSettings) -> str | None:
    """Refuses a pair already in a mentorship, or in one that ended within ``recent_days``.

    Either direction counts. An ended mentorship with no end date counts as
    recent: nothing shows it is old, and HR can still lock the pair in.
    """
    pair = {mentor.id, mentee.id}
    between = [past for past in inputs.mentorships if {past.mentor, past.mentee} == pair]
    return mentorship_reason(between, inputs.today, settings)


def mentorship_reason(between: Iterable[PastMentorship], today: str, settings: MatchSettings) -> str | None:
    """The existing-mentorship refusal from the mentorships between one pair (in stored order), or None."""
    for past in between:
        if past.status == "active":
            return f"{past.mentor} already mentors {past.mentee}"
        if past.until is None or days_between(past.until, today) <= settings.recent_days:
            return f"{past.mentor} mentored {past.mentee} until {past.until or 'an unknown date'}"
    return None


def other_unit(mentor: Member, mentee: Member, inputs: RoundInputs, settings: MatchSettings) -> str | None:
    """When set, refuses a pair in the same org unit (or with an unknown unit)."""
    if not settings.other_unit:
        return None
    if mentor.unit is None or mentee.unit is None:
        return "org unit unknown"
    if mentor.unit == mentee.unit:
        return f"both in {mentor.unit}"
    return None


def same_location(mentor: Member, mentee: Member, inputs: RoundInputs, settings: MatchSettings) -> str | None:
    """When set, refuses a pair in different locations (or with an unknown location)."""
    if not settings.same_location:
        return None
    if mentor.location is None or mentee.location is None:
        return "location unknown"
    if mentor.location != mentee.location:
        return f"{mentor.location} is not {mentee.location}"
    return None


Constraint = Callable[[Member, Member, RoundInputs, MatchSettings], "str | None"]

#: Every hard constraint by name, in the order refusals are listed.
CONSTRAINTS: dict[str, Constraint] = {
    "reporting_line": reporting_line,
    "level_gap": level_gap,
    "existing_mentorship": existing_mentorship,
    "other_unit": other_unit,
    "same_location": same_location,
}


def refusals(mentor: str, mentee: str, inputs: RoundInputs, settings: MatchSettings) -> dict[str, str]:
    """constraint name -> reason, for every constraint that refuses the pair (empty: allowed)."""
    mentor_member, mentee_member = inputs.members[mentor], inputs.members[mentee]
    found = {}
    for name, constraint in CONSTRAINTS.items():
        reason = constraint(mentor_member, mentee_member, inputs, settings)
        if reason is not None:
            found[name] = reason
    return found


def all_refusals(
    inputs: RoundInputs, settings: MatchSettings, forbidden: Iterable[tuple[str, str]] = ()
) -> dict[tuple[str, str], dict[str, str]]:
    """(mentor, mentee) -> refusals, for every pair of the round; forbidden pairs are refused by HR.

    Pair by pair, for small rounds and tests; a round runs on
    :func:`~netgraph.analysis.matching.constraint_tables.refusal_tables`.
    """
    forbidden_pairs = set(forbidden)
    table = {}
    for mentee in inputs.mentees:
        for mentor in inputs.mentors:
            reasons = refusals(mentor, mentee, inputs, settings)
            if (mentor, mentee) in forbidden_pairs:
                reasons["forbidden"] = "forbidden by HR"
            table[(mentor, mentee)] = reasons
    return table
