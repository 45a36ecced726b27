"""Stable mode: mentee-proposing deferred acceptance with capacities, and blocking pairs.

People rank the other side (``Member.preferences``). Every allowed pair is
acceptable; an unranked one is below every ranked one. Among unranked
options the algorithm breaks ties by fit, then id, so it runs on strict
lists; blocking pairs are counted against the *stated* rankings only, where
two unranked options are equal and neither blocks for the other. Written by
hand (a loop, no recursion) so rounds of thousands run in a blink.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping
from functools import partial

from netgraph.analysis.matching.assign import Pair, apply_locks, options_by_mentee


def stated_rank(ranking: Iterable[str], other: str) -> float:
    """Position of ``other`` in a ranking (0 is first); infinity when unranked.

    >>> stated_rank(("a", "b"), "b"), stated_rank(("a", "b"), "z")
    (1, inf)
    """
    ranking = tuple(ranking)
    return ranking.index(other) if other in ranking else math.inf


def _proposal_order(ranking: tuple[str, ...], option: tuple[str, float]) -> tuple[float, float, str]:
    """A mentee's order of their options: as they ranked the mentors, then best fit, then id."""
    mentor, fit = option
    return stated_rank(ranking, mentor), -fit, mentor


def deferred_acceptance(
    mentees: Iterable[str],
    capacity: Mapping[str, int],
    fits: Mapping[Pair, float],
    preferences: Mapping[str, tuple[str, ...]],
    locks: Iterable[Pair] = (),
) -> dict[str, str]:
    """Mentees propose down their lists; each mentor holds the best proposals up to capacity, rejecting the rest.

    ``preferences``: person -> their ranking of the other side (missing or empty: unranked).
    """
    assigned, left = apply_locks(locks, capacity)
    by_mentee = options_by_mentee(fits)
    lists = {
        mentee: [
            mentor
            for mentor, _ in sorted(
                by_mentee.get(mentee, []),
                key=partial(_proposal_order, preferences.get(mentee, ())),
            )
        ]
        for mentee in set(mentees)
        if mentee not in assigned
    }

    def mentor_key(mentor: str, mentee: str) -> tuple[float, float, str]:
        return stated_rank(preferences.get(mentor, ()), mentee), -fits[(mentor, mentee)], mentee

    held: dict[str, list[str]] = {mentor: [] for mentor in left}
    next_choice = dict.fromkeys(lists, 0)
    free = deque(sorted(lists))
    while free:
        mentee = free.popleft()
        choices = lists[mentee]
        if next_choice[mentee] >= len(choices):
            continue  # no allowed mentor left to ask: unmatched
        mentor = choices[next_choice[mentee]]
        next_choice[mentee] += 1
        holding = held.setdefault(mentor, [])
        holding.append(mentee)
        if len(holding) > left.get(mentor, 0):
            worst = max(holding, key=lambda e: mentor_key(mentor, e))
            holding.remove(worst)
            free.append(worst)
    for mentor, holding in held.items():
        for mentee in holding:
            assigned[mentee] = mentor
    return assigned


def blocking_pairs(
    assignment: Mapping[str, str],
    capacity: Mapping[str, int],
    fits: Mapping[Pair, float],
    preferences: Mapping[str, tuple[str, ...]],
    locks: Iterable[Pair] = (),
) -> list[Pair]:
    """Allowed pairs (mentor, mentee) not matched together who would both rather be: by stated rankings.

    The mentee strictly prefers the mentor to their own (or has none); the
    mentor has a free place or strictly prefers the mentee to one of theirs.
    Locked pairs stand: a locked mentee does not block, and a mentor does not
    give up a locked mentee.
    """
    locked = set(locks)
    locked_mentees = {mentee for _, mentee in locked}
    mentees_of: dict[str, list[str]] = {}
    for mentee, mentor in assignment.items():
        mentees_of.setdefault(mentor, []).append(mentee)
    found = []
    for mentor, mentee in sorted(fits):
        if mentee in locked_mentees or assignment.get(mentee) == mentor:
            continue
        mine = assignment.get(mentee)
        mentee_ranks = preferences.get(mentee, ())
        mentee_wants = mine is None or stated_rank(mentee_ranks, mentor) < stated_rank(mentee_ranks, mine)
        if not mentee_wants:
            continue
        theirs = mentees_of.get(mentor, [])
        mentor_ranks = preferences.get(mentor, ())
        mentor_wants = len(theirs) < capacity.get(mentor, 0) or any(
            (mentor, other) not in locked and stated_rank(mentor_ranks, mentee) < stated_rank(mentor_ranks, other)
            for other in theirs
        )
        if mentor_wants:
            found.append((mentor, mentee))
    return found
