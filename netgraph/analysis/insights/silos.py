"""Silos: how inward-looking each unit is, against what chance would give, and who talks to whom.

Per unit, counting the unit with every unit under it:

* internal ties I (both ends in it) and external ties E (one end in it);
* the E-I index ``(E - I) / (E + I)`` (Krackhardt and Stern): -1 all inward, +1 all outward;
* its expected value under random mixing for a unit of that size: if every
  pair of people were equally likely to be tied, a unit of k among n people
  would have k(n - k) outside pairs to C(k, 2) inside ones, so
  ``(k(n-k) - C(k,2)) / (k(n-k) + C(k,2))``. A small unit looks outward by
  construction, which is why the figure is shown beside the index;
* a permutation interval: the 2.5th and 97.5th percentiles of the index when
  the people with a unit are relabelled at random (unit sizes kept),
  ``permutations`` times with the seed. An index below the interval is a silo
  beyond what the unit's size explains.

The unit x unit tie counts at each level of the tree (1: the top units) feed
the heat map: density ``ties / (size_a * size_b)`` between two units,
``ties / C(size, 2)`` within one.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from netgraph.analysis.insights.projection import Projection
from netgraph.analysis.insights.units import UnitTree, person_codes


def tie_counts(
    tree: UnitTree, codes: np.ndarray, projection: Projection, degree: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(internal, external) ties of every unit with its subtree, for people labelled ``codes``."""
    internal = tree.internal_counts(codes[projection.sources], codes[projection.targets]).astype(float)
    ends = tree.subtree_sums(np.bincount(codes, weights=degree, minlength=len(tree.parent)))
    return internal, ends - 2 * internal


def ei_index(internal: np.ndarray, external: np.ndarray) -> np.ndarray:
    """(E - I) / (E + I), NaN where a unit has no tie at all.

    >>> ei_index(np.array([3.0, 0.0]), np.array([1.0, 0.0])).tolist()[0]
    -0.5
    """
    total = internal + external
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (external - internal) / np.where(total > 0, total, 1), np.nan)


def expected_ei(size: np.ndarray, people: int) -> np.ndarray:
    """The E-I index a unit of ``size`` among ``people`` would have under random mixing (NaN if undefined).

    >>> expected_ei(np.array([2, 5]), 10).round(4).tolist()
    [0.8824, 0.4286]
    """
    outside = size * (people - size)
    inside = size * (size - 1) / 2
    total = outside + inside
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (outside - inside) / np.where(total > 0, total, 1), np.nan)


def permutation_interval(
    tree: UnitTree, codes: np.ndarray, projection: Projection, degree: np.ndarray, permutations: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The 2.5th and 97.5th percentiles of each unit's E-I index when unit labels are shuffled among people."""
    rng = np.random.default_rng(seed)
    labelled = np.flatnonzero(codes != tree.none)
    draws = np.full((permutations, len(tree.units)), np.nan)
    for k in range(permutations):
        shuffled = codes.copy()
        shuffled[labelled] = rng.permutation(codes[labelled])
        draws[k] = ei_index(*tie_counts(tree, shuffled, projection, degree))
    return _nan_percentile(draws, 2.5), _nan_percentile(draws, 97.5)


def _nan_percentile(draws: np.ndarray, q: float) -> np.ndarray:
    """``np.nanpercentile(draws, q, axis=0)``, the columns without NaN in one vectorised call.

    ``nanpercentile`` takes each column on its own (a Python call per unit); the columns
    without NaN (nearly all) give the same figures from ``percentile`` over the whole matrix.
    """
    found = np.full(draws.shape[1], np.nan)
    gaps = np.isnan(draws).any(axis=0)
    if (~gaps).any():
        found[~gaps] = np.percentile(draws[:, ~gaps], q, axis=0)
    if gaps.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a unit with no tie in any draw: NaN, as meant
            found[gaps] = np.nanpercentile(draws[:, gaps], q, axis=0)
    return found


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def silo_rows(
    projection: Projection,
    tree: UnitTree,
    degree: np.ndarray,
    *,
    permutations: int,
    seed: int,
    codes: np.ndarray | None = None,
) -> list[dict[str, Any]]:
    """One row per unit, by id: members (active, with the units under it), ties, E-I, expected and interval.

    ``codes``: each person's unit node, if not their own (privacy moves some people out of every unit).
    """
    codes = person_codes(projection, tree) if codes is None else codes
    internal, external = tie_counts(tree, codes, projection, degree)
    members = tree.subtree_sums(np.bincount(codes, minlength=len(tree.parent)).astype(float))
    index = ei_index(internal, external)
    expected = expected_ei(members, projection.size)
    low, high = permutation_interval(tree, codes, projection, degree, permutations, seed)
    return [
        {
            "unit": unit,
            "members": int(members[i]),
            "internal": int(internal[i]),
            "external": int(external[i]),
            "ei": _number(index[i]),
            "expected_ei": _number(expected[i]),
            "interval": [_number(low[i]), _number(high[i])],
        }
        for i, unit in enumerate(tree.units)
    ]


def unit_matrix(projection: Projection, tree: UnitTree, level: int, codes: np.ndarray | None = None) -> dict[str, Any]:
    """The units at ``level`` (with their active people, subtrees included) and the ties between each pair."""
    at_level = tree.at_level(person_codes(projection, tree) if codes is None else codes, level)
    shown, sizes = np.unique(at_level[at_level >= 0], return_counts=True)
    position = np.full(len(tree.units), -1, dtype=np.int64)
    position[shown] = np.arange(len(shown))
    a, b = at_level[projection.sources], at_level[projection.targets]
    keep = (a >= 0) & (b >= 0)
    low, high = position[np.minimum(a[keep], b[keep])], position[np.maximum(a[keep], b[keep])]
    pairs, counts = np.unique(low * max(len(shown), 1) + high, return_counts=True)
    x, y = np.divmod(pairs, max(len(shown), 1))
    return {
        "level": level,
        "units": [tree.units[c] for c in shown.tolist()],
        "sizes": sizes.tolist(),
        "ties": np.column_stack([x, y, counts]).tolist(),
    }


def density(ties: int, size_a: int, size_b: int, same: bool) -> float | None:
    """Ties over the pairs they could join: ``size_a * size_b`` between units, C(size, 2) within one.

    >>> density(3, 2, 3, False), density(1, 2, 2, True), density(0, 1, 1, True)
    (0.5, 1.0, None)
    """
    pairs = size_a * (size_a - 1) // 2 if same else size_a * size_b
    return ties / pairs if pairs else None
