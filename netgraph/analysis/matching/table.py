"""A round's pairs as a table: mentees are rows, mentors columns, both in id order.

A pair is (row, column), so the constraints, the fits and the assignment are
numpy arrays over the whole round rather than dictionaries over millions of
pairs. Because both sides are indexed in id order, "the smaller id" and "the
smaller index" are the same tie-break, and the array steps give exactly the
answers the per-pair rules give.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from netgraph.analysis.matching.inputs import Member

Pair = tuple[str, str]
#: A boolean table over the round's pairs (mentees x mentors).
Mask = npt.NDArray[np.bool_]
#: A table of numbers over the round's pairs, or over one side.
Numbers = npt.NDArray[np.float64]


@dataclass(frozen=True)
class PairTable:
    """The round's mentees (rows) and mentors (columns), each sorted by id, and their indexes."""

    mentees: tuple[str, ...]
    mentors: tuple[str, ...]
    row_of: dict[str, int] = field(repr=False, compare=False)
    col_of: dict[str, int] = field(repr=False, compare=False)

    @classmethod
    def of(cls, mentees: Iterable[str], mentors: Iterable[str]) -> PairTable:
        rows, cols = tuple(sorted(set(mentees))), tuple(sorted(set(mentors)))
        return cls(rows, cols, {m: i for i, m in enumerate(rows)}, {m: j for j, m in enumerate(cols)})

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.mentees), len(self.mentors)

    def matrices(self, fits: Mapping[Pair, float]) -> tuple[Numbers, Mask]:
        """(fit, allowed) tables of a (mentor, mentee) -> fit mapping: a pair is allowed when it is a key."""
        fit = np.zeros(self.shape)
        allowed = np.zeros(self.shape, dtype=bool)
        for (mentor, mentee), value in fits.items():
            row, col = self.row_of[mentee], self.col_of[mentor]
            fit[row, col] = value
            allowed[row, col] = True
        return fit, allowed

    def rows(self, mentees: Iterable[str]) -> list[int]:
        return [self.row_of[m] for m in mentees]

    def named(self, assigned: Mapping[int, int]) -> dict[str, str]:
        """mentee -> mentor of a row -> column assignment, in the same order."""
        return {self.mentees[row]: self.mentors[col] for row, col in assigned.items()}

    def indexed_locks(
        self, locks: Iterable[Pair], capacity: Mapping[str, int]
    ) -> tuple[dict[int, int], dict[int, int], list[tuple[int, int]]]:
        """HR's locked pairs placed first: (row -> column, column -> places left, the locks as (column, row)).

        Locks are placed in (mentor, mentee) order and each uses a place (none
        below 0 left); the places left keep the order of ``capacity``, then
        any mentor only a lock names.
        """
        assigned: dict[int, int] = {}
        left = {self.col_of[mentor]: places for mentor, places in capacity.items()}
        indexed = sorted((self.col_of[mentor], self.row_of[mentee]) for mentor, mentee in set(locks))
        for col, row in indexed:
            assigned[row] = col
            left[col] = left.get(col, 0) - 1
        return assigned, {col: max(0, places) for col, places in left.items()}, indexed

    def ranks(self, preferences: Mapping[str, Iterable[str]]) -> tuple[dict[int, Numbers], dict[int, Numbers]]:
        """Each ranking as positions over the other side (infinity: unranked): (by mentee row, by mentor column).

        A position is the first place the other person appears in the whole
        stated ranking, as :func:`~netgraph.analysis.matching.stable.stated_rank` counts it.
        """
        mentee_rank: dict[int, Numbers] = {}
        mentor_rank: dict[int, Numbers] = {}
        for person, ranking in preferences.items():
            ranking = tuple(ranking)
            if not ranking:
                continue
            if person in self.row_of:
                mentee_rank[self.row_of[person]] = rank_vector(ranking, self.col_of, len(self.mentors))
            elif person in self.col_of:
                mentor_rank[self.col_of[person]] = rank_vector(ranking, self.row_of, len(self.mentees))
        return mentee_rank, mentor_rank


def rank_vector(ranking: tuple[str, ...], index: Mapping[str, int], size: int) -> Numbers:
    """Position in ``ranking`` of each of ``size`` indexed people (first appearance; infinity when absent)."""
    found = np.full(size, math.inf)
    for position, other in enumerate(ranking):
        at = index.get(other)
        if at is not None and found[at] == math.inf:
            found[at] = position
    return found


def codes(values: Iterable[str | None], shared: dict[str, int]) -> npt.NDArray[np.int64]:
    """Each value as an integer code shared across calls (``shared`` grows); -1 for None."""
    return np.array([-1 if v is None else shared.setdefault(v, len(shared)) for v in values], dtype=np.int64)


def levels(ids: Iterable[str], members: Mapping[str, Member]) -> Numbers:
    """Each person's level as a float (NaN when unknown)."""
    return np.array([np.nan if (lv := members[i].level) is None else lv for i in ids], dtype=np.float64)
