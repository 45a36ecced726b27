"""Who mentors whom: the optimal assignment and the two baselines it is measured against.

Every function takes the round's allowed pairs with their fit (``fits``:
(mentor, mentee) -> fit in [0, 1]; a pair that is not a key is not allowed),
each mentor's capacity and HR's locked pairs, and returns mentee -> mentor for
the mentees it matches. Locked pairs are placed first and use up capacity.

The optimal assignment is lexicographic: the most mentees matched, then the
most total fit. It is one linear assignment over capacity-expanded columns
(one column per place a mentor offers): an allowed pair costs
``-(bonus + fit)`` with ``bonus`` larger than any total fit, a pair that is
not allowed costs 0, the same as leaving the mentee unmatched, and is
dropped afterwards. So one more matched mentee always outweighs any fit.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

Pair = tuple[str, str]


def apply_locks(locks: Iterable[Pair], capacity: Mapping[str, int]) -> tuple[dict[str, str], dict[str, int]]:
    """The locked mentee -> mentor, and the capacity each mentor has left beside them."""
    assigned: dict[str, str] = {}
    left = dict(capacity)
    for mentor, mentee in sorted(locks):
        assigned[mentee] = mentor
        left[mentor] = left.get(mentor, 0) - 1
    return assigned, {mentor: max(0, places) for mentor, places in left.items()}


def optimal(
    mentees: Iterable[str], capacity: Mapping[str, int], fits: Mapping[Pair, float], locks: Iterable[Pair] = ()
) -> dict[str, str]:
    """The assignment with the most mentees matched and, among those, the most total fit."""
    assigned, left = apply_locks(locks, capacity)
    open_mentees = sorted(m for m in set(mentees) if m not in assigned)
    columns = [mentor for mentor in sorted(left) for _ in range(left[mentor])]
    if not open_mentees or not columns:
        return assigned
    row_of = {mentee: i for i, mentee in enumerate(open_mentees)}
    first_column: dict[str, int] = {}
    for j, mentor in enumerate(columns):
        first_column.setdefault(mentor, j)
    bonus = float(len(open_mentees) + 1)
    cost = np.zeros((len(open_mentees), len(columns)))
    for (mentor, mentee), fit in fits.items():
        if mentee in row_of and left.get(mentor, 0) > 0:
            start = first_column[mentor]
            cost[row_of[mentee], start : start + left[mentor]] = -(bonus + fit)
    rows, cols = linear_sum_assignment(cost)
    for i, j in zip(rows, cols, strict=True):
        if cost[i, j] < 0:
            assigned[open_mentees[i]] = columns[j]
    return assigned


def greedy(
    mentees: Iterable[str], capacity: Mapping[str, int], fits: Mapping[Pair, float], locks: Iterable[Pair] = ()
) -> dict[str, str]:
    """The usual platform's way: mentees by id, each taking the best-fitting mentor still free.

    Ties go to the mentor with the smaller id.
    """
    assigned, left = apply_locks(locks, capacity)
    by_mentee = options_by_mentee(fits)
    for mentee in sorted(set(mentees)):
        if mentee in assigned:
            continue
        free = [(-fit, mentor) for mentor, fit in by_mentee.get(mentee, []) if left.get(mentor, 0) > 0]
        if free:
            mentor = min(free)[1]
            assigned[mentee] = mentor
            left[mentor] -= 1
    return assigned


def random_baseline(
    mentees: Iterable[str],
    capacity: Mapping[str, int],
    fits: Mapping[Pair, float],
    locks: Iterable[Pair] = (),
    seed: int = 0,
) -> dict[str, str]:
    """Mentees in a random order, each taking a random allowed mentor still free (seeded, so repeatable)."""
    rng = random.Random(seed)
    assigned, left = apply_locks(locks, capacity)
    by_mentee = options_by_mentee(fits)
    order = sorted(m for m in set(mentees) if m not in assigned)
    rng.shuffle(order)
    for mentee in order:
        free = sorted(mentor for mentor, _ in by_mentee.get(mentee, []) if left.get(mentor, 0) > 0)
        if free:
            mentor = rng.choice(free)
            assigned[mentee] = mentor
            left[mentor] -= 1
    return assigned


def options_by_mentee(fits: Mapping[Pair, float]) -> dict[str, list[tuple[str, float]]]:
    """mentee -> [(mentor, fit)] of their allowed pairs."""
    table: dict[str, list[tuple[str, float]]] = {}
    for (mentor, mentee), fit in fits.items():
        table.setdefault(mentee, []).append((mentor, fit))
    return table


def total_of(assignment: Mapping[str, str], fits: Mapping[Pair, float]) -> float:
    """Total fit of an assignment (a locked pair that is not allowed adds 0)."""
    return sum(fits.get((mentor, mentee), 0.0) for mentee, mentor in assignment.items())
