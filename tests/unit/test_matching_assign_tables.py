"""The optimal assignment on the round's table: built the other way round when mentees outnumber places."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from netgraph.analysis.matching import assign


def solved_as_written(fit, allowed, left) -> dict[int, int]:
    """The capacity-expanded assignment of the module docstring, mentees as rows, handed to the solver as is."""
    places = np.repeat(np.arange(fit.shape[1]), [left[j] for j in range(fit.shape[1])])
    cost = np.where(allowed[:, places], -(fit.shape[0] + 1.0 + fit[:, places]), 0.0)
    rows, cols = linear_sum_assignment(cost)
    return {int(i): int(places[j]) for i, j in zip(rows, cols, strict=True) if cost[i, j] < 0}


@pytest.mark.parametrize("seed", range(10))
def test_more_mentees_than_places_give_the_same_assignment_in_the_same_order(seed):
    rng = np.random.default_rng(seed)
    fit, allowed = np.round(rng.random((40, 7)), 2), rng.random((40, 7)) < 0.6
    left = {j: int(rng.integers(1, 4)) for j in range(7)}
    found = assign.optimal_table(fit, allowed, range(40), {}, left)
    expected = solved_as_written(fit, allowed, left)
    assert list(found.items()) == list(expected.items())
