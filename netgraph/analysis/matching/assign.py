"""Who mentors whom: the optimal assignment and the two baselines it is measured against.

Each solver works on the round's table (:mod:`~netgraph.analysis.matching.table`):
``fit`` and ``allowed`` over (mentee row, mentor column), the mentee rows to
match, and HR's locked pairs already placed (``assigned``: row -> column,
``left``: column -> places left). It returns row -> column for every mentee it
matches, locks first. The functions named without ``_table`` take and give ids
((mentor, mentee) -> fit, a pair that is not a key is not allowed) for small
rounds and tests.

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

from netgraph.analysis.matching.table import Mask, Numbers, PairTable

Pair = tuple[str, str]


def apply_locks(locks: Iterable[Pair], capacity: Mapping[str, int]) -> tuple[dict[str, str], dict[str, int]]:
    """The locked mentee -> mentor, and the capacity each mentor has left beside them."""
    assigned: dict[str, str] = {}
    left = dict(capacity)
    for mentor, mentee in sorted(locks):
        assigned[mentee] = mentor
        left[mentor] = left.get(mentor, 0) - 1
    return assigned, {mentor: max(0, places) for mentor, places in left.items()}


def places_of(left: Mapping[int, int], mentors: int) -> np.ndarray:
    """Places left per mentor column (0 for a column ``left`` does not name)."""
    places = np.zeros(mentors, dtype=np.int64)
    for col, count in left.items():
        places[col] = count
    return places


def optimal_table(
    fit: Numbers, allowed: Mask, mentee_rows: Iterable[int], assigned: Mapping[int, int], left: Mapping[int, int]
) -> dict[int, int]:
    """The assignment with the most mentees matched and, among those, the most total fit."""
    found = dict(assigned)
    open_rows = np.array(sorted(r for r in set(mentee_rows) if r not in found), dtype=np.int64)
    places = places_of(left, fit.shape[1])
    columns = np.repeat(np.arange(fit.shape[1]), places)  # one column per place, mentors in id order
    if not len(open_rows) or not len(columns):
        return found
    bonus = float(len(open_rows) + 1)
    # More mentees than places: the solver would copy the matrix to solve it the other way round, so it is
    # built that way round (places x mentees) to begin with; the same matrix is solved either way.
    tall = len(open_rows) > len(columns)
    block = np.ix_(columns, open_rows) if tall else np.ix_(open_rows, columns)
    cost = fit.T[block] if tall else fit[block]
    cost += bonus
    np.negative(cost, out=cost)
    cost[~(allowed.T[block] if tall else allowed[block])] = 0.0
    rows, cols = linear_sum_assignment(cost)
    chosen = [(int(i), int(j)) for i, j in zip(rows.tolist(), cols.tolist(), strict=True) if cost[i, j] < 0]
    by_mentee = sorted((j, i) for i, j in chosen) if tall else chosen  # (mentee, place), mentees in order
    for mentee, place in by_mentee:
        found[int(open_rows[mentee])] = int(columns[place])
    return found


def greedy_table(
    fit: Numbers, allowed: Mask, mentee_rows: Iterable[int], assigned: Mapping[int, int], left: Mapping[int, int]
) -> dict[int, int]:
    """The usual platform's way: mentees by id, each taking the best-fitting mentor still free.

    Ties go to the mentor with the smaller id.
    """
    found = dict(assigned)
    places = places_of(left, fit.shape[1])
    for row in sorted(set(mentee_rows)):
        if row in found:
            continue
        free = allowed[row] & (places > 0)
        if free.any():
            col = int(np.where(free, fit[row], -np.inf).argmax())  # the first best: the smaller id
            found[row] = col
            places[col] -= 1
    return found


def random_table(
    allowed: Mask, mentee_rows: Iterable[int], assigned: Mapping[int, int], left: Mapping[int, int], seed: int = 0
) -> dict[int, int]:
    """Mentees in a random order, each taking a random allowed mentor still free (seeded, so repeatable)."""
    rng = random.Random(seed)
    found = dict(assigned)
    places = places_of(left, allowed.shape[1])
    order = sorted(r for r in set(mentee_rows) if r not in found)
    rng.shuffle(order)
    for row in order:
        free = np.flatnonzero(allowed[row] & (places > 0)).tolist()
        if free:
            col = rng.choice(free)
            found[row] = col
            places[col] -= 1
    return found


def _by_ids(
    mentees: Iterable[str], capacity: Mapping[str, int], fits: Mapping[Pair, float], locks: Iterable[Pair]
) -> tuple[PairTable, list[str], Numbers, Mask, dict[int, int], dict[int, int]]:
    """The table of a round given by ids: (table, mentees, fit, allowed, locked row -> column, places left)."""
    mentees = list(mentees)
    locks = list(locks)
    table = PairTable.of(
        [*mentees, *(e for _, e in fits), *(e for _, e in locks)],
        [*capacity, *(m for m, _ in fits), *(m for m, _ in locks)],
    )
    fit, allowed = table.matrices(fits)
    assigned, left, _ = table.indexed_locks(locks, capacity)
    return table, mentees, fit, allowed, assigned, left


def optimal(
    mentees: Iterable[str], capacity: Mapping[str, int], fits: Mapping[Pair, float], locks: Iterable[Pair] = ()
) -> dict[str, str]:
    """:func:`optimal_table` by ids."""
    table, ids, fit, allowed, assigned, left = _by_ids(mentees, capacity, fits, locks)
    return table.named(optimal_table(fit, allowed, table.rows(ids), assigned, left))


def greedy(
    mentees: Iterable[str], capacity: Mapping[str, int], fits: Mapping[Pair, float], locks: Iterable[Pair] = ()
) -> dict[str, str]:
    """:func:`greedy_table` by ids."""
    table, ids, fit, allowed, assigned, left = _by_ids(mentees, capacity, fits, locks)
    return table.named(greedy_table(fit, allowed, table.rows(ids), assigned, left))


def random_baseline(
    mentees: Iterable[str],
    capacity: Mapping[str, int],
    fits: Mapping[Pair, float],
    locks: Iterable[Pair] = (),
    seed: int = 0,
) -> dict[str, str]:
    """:func:`random_table` by ids."""
    table, ids, _, allowed, assigned, left = _by_ids(mentees, capacity, fits, locks)
    return table.named(random_table(allowed, table.rows(ids), assigned, left, seed))


def total_of(assignment: Mapping[str, str], fits: Mapping[Pair, float]) -> float:
    """Total fit of an assignment (a locked pair that is not allowed adds 0)."""
    return sum(fits.get((mentor, mentee), 0.0) for mentee, mentor in assignment.items())


def total_in_table(assignment: Mapping[int, int], fit: Numbers, allowed: Mask) -> float:
    """:func:`total_of` over the table, summed in the assignment's order."""
    return sum(float(fit[row, col]) if allowed[row, col] else 0.0 for row, col in assignment.items())
