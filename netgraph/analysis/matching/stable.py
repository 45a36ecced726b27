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

import numpy as np

from netgraph.analysis.matching.assign import Pair, _by_ids
from netgraph.analysis.matching.table import Mask, Numbers, PairTable


def stated_rank(ranking: Iterable[str], other: str) -> float:
    """Position of ``other`` in a ranking (0 is first); infinity when unranked.

    >>> stated_rank(("a", "b"), "b"), stated_rank(("a", "b"), "z")
    (1, inf)
    """
    ranking = tuple(ranking)
    return ranking.index(other) if other in ranking else math.inf


def deferred_acceptance_table(
    fit: Numbers,
    allowed: Mask,
    mentee_rows: Iterable[int],
    assigned: Mapping[int, int],
    left: Mapping[int, int],
    ranks: tuple[Mapping[int, Numbers], Mapping[int, Numbers]],
) -> dict[int, int]:
    """Mentees propose down their lists; each mentor holds the best proposals up to capacity, rejecting the rest.

    ``ranks``: each stated ranking as positions (:meth:`PairTable.ranks`), by
    mentee row and by mentor column. A mentee's list: as they ranked the
    mentors, then best fit, then id; a mentor's order of mentees likewise.
    """
    mentee_rank, mentor_rank = ranks
    found = dict(assigned)
    lists: dict[int, list[int]] = {}
    for row in sorted(set(mentee_rows)):
        if row in found:
            continue
        cols = np.flatnonzero(allowed[row])
        stated = mentee_rank[row][cols] if row in mentee_rank else np.full(len(cols), math.inf)
        lists[row] = cols[np.lexsort((cols, -fit[row, cols], stated))].tolist()
    unranked = np.full(fit.shape[0], math.inf)

    def mentor_key(col: int, row: int) -> tuple[float, float, int]:
        return float(mentor_rank.get(col, unranked)[row]), -float(fit[row, col]), row

    held: dict[int, list[int]] = {col: [] for col in left}
    next_choice = dict.fromkeys(lists, 0)
    free = deque(lists)
    while free:
        row = free.popleft()
        choices = lists[row]
        if next_choice[row] >= len(choices):
            continue  # no allowed mentor left to ask: unmatched
        col = choices[next_choice[row]]
        next_choice[row] += 1
        holding = held.setdefault(col, [])
        holding.append(row)
        if len(holding) > left.get(col, 0):
            worst = max(holding, key=partial(mentor_key, col))
            holding.remove(worst)
            free.append(worst)
    for col, holding in held.items():
        for row in holding:
            found[row] = col
    return found


def deferred_acceptance(
    mentees: Iterable[str],
    capacity: Mapping[str, int],
    fits: Mapping[Pair, float],
    preferences: Mapping[str, tuple[str, ...]],
    locks: Iterable[Pair] = (),
) -> dict[str, str]:
    """:func:`deferred_acceptance_table` by ids (``preferences``: person -> their ranking of the other side)."""
    table, ids, fit, allowed, assigned, left = _by_ids(mentees, capacity, fits, locks)
    found = deferred_acceptance_table(fit, allowed, table.rows(ids), assigned, left, table.ranks(preferences))
    return table.named(found)


def blocking_table(
    assignment: Mapping[int, int],
    capacity: Numbers,
    allowed: Mask,
    ranks: tuple[Mapping[int, Numbers], Mapping[int, Numbers]],
    locks: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """Allowed pairs (column, row) not matched together who would both rather be: by stated rankings.

    The mentee strictly prefers the mentor to their own (or has none); the
    mentor has a free place (``capacity``: places per column) or strictly
    prefers the mentee to one of theirs. Locked pairs stand: a locked mentee
    does not block, and a mentor does not give up a locked mentee. Sorted by
    mentor, then mentee.
    """
    mentee_rank, mentor_rank = ranks
    locked = set(locks)
    rows, cols = allowed.shape
    mine = np.full(rows, -1, dtype=np.int64)
    for row, col in assignment.items():
        mine[row] = col
    candidate = allowed.copy()
    for _, row in locked:
        candidate[row, :] = False
    matched = np.flatnonzero(mine >= 0)
    candidate[matched, mine[matched]] = False
    mentee_wants = np.repeat((mine < 0)[:, None], cols, axis=1)
    for row, stated in mentee_rank.items():
        if mine[row] >= 0:
            mentee_wants[row] = stated < stated[mine[row]]
    used = np.bincount(mine[matched], minlength=cols)
    mentor_wants = np.repeat((used < capacity)[None, :], rows, axis=0)
    for col, stated in mentor_rank.items():
        theirs = [row for row in np.flatnonzero(mine == col).tolist() if (col, row) not in locked]
        if theirs:
            mentor_wants[:, col] |= stated < stated[theirs].max()
    found = np.argwhere((candidate & mentee_wants & mentor_wants).T)
    return [(int(col), int(row)) for col, row in found]


def blocking_pairs(
    assignment: Mapping[str, str],
    capacity: Mapping[str, int],
    fits: Mapping[Pair, float],
    preferences: Mapping[str, tuple[str, ...]],
    locks: Iterable[Pair] = (),
) -> list[Pair]:
    """:func:`blocking_table` by ids: (mentor, mentee) pairs."""
    locks = list(locks)
    table = PairTable.of(
        [*assignment, *(e for _, e in fits), *(e for _, e in locks)],
        [*capacity, *assignment.values(), *(m for m, _ in fits), *(m for m, _ in locks)],
    )
    _, allowed = table.matrices(fits)
    places = np.array([capacity.get(m, 0) for m in table.mentors])
    indexed = {table.row_of[e]: table.col_of[m] for e, m in assignment.items()}
    locked = [(table.col_of[m], table.row_of[e]) for m, e in locks]
    found = blocking_table(indexed, places, allowed, table.ranks(preferences), locked)
    return [(table.mentors[col], table.mentees[row]) for col, row in found]
