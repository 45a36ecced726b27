"""Per-person ranking metrics over many candidate pairs at once, as array operations.

Each person's candidates are ranked by score (highest first; ties by the
candidate's integer, lowest first, as netgraph orders by id), and the top
``k`` are judged against which candidates became ties: precision@k (hits
over k), hit-rate@k (any hit) and reciprocal rank (1 / rank of the first hit
within the top k, else 0). Only people with at least one positive among
their candidates are measured.
"""

from __future__ import annotations

import numpy as np

from netgraph.analysis.evaluate_metrics import random_expectations


def per_person(
    person: np.ndarray, candidate: np.ndarray, score: np.ndarray, label: np.ndarray, k: int
) -> dict[str, np.ndarray]:
    """``{"person", "precision", "hit_rate", "mrr"}``: one entry per person with a positive, sorted by person.

    >>> m = per_person(np.array([0, 0, 0, 1, 1]), np.array([1, 2, 3, 0, 2]), np.array([0.9, 0.5, 0.7, 0.1, 0.2]),
    ...                np.array([0, 1, 1, 0, 0]), 2)
    >>> m["person"].tolist(), m["precision"].tolist(), m["hit_rate"].tolist(), m["mrr"].tolist()
    ([0], [0.5], [1.0], [0.5])
    """
    order = np.lexsort((candidate, -score, person))
    p, y = person[order], label[order].astype(np.float64)
    people, first, counts = np.unique(p, return_index=True, return_counts=True)
    rank = np.arange(len(p)) - np.repeat(first, counts) + 1
    top = rank <= k
    hits = np.bincount(np.searchsorted(people, p[top]), weights=y[top], minlength=len(people))
    positives = np.bincount(np.searchsorted(people, p), weights=y, minlength=len(people))
    first_hit = np.where((y > 0) & top, 1.0 / rank, 0.0)
    rr = np.zeros(len(people))
    np.maximum.at(rr, np.searchsorted(people, p), first_hit)
    measured = positives > 0
    return {
        "person": people[measured],
        "precision": hits[measured] / k,
        "hit_rate": (hits[measured] > 0).astype(np.float64),
        "mrr": rr[measured],
    }


def random_per_person(person: np.ndarray, label: np.ndarray, k: int) -> dict[str, np.ndarray]:
    """The expected metrics of a random order of each person's candidates (same people as :func:`per_person`).

    precision: positives / candidates x min(k, candidates) / k; hit-rate: the
    chance that the top k hold a positive; MRR: its expectation, summed over ranks.

    >>> r = random_per_person(np.array([0, 0, 0, 0]), np.array([1, 0, 0, 0]), 2)
    >>> r["precision"].tolist(), r["hit_rate"].tolist(), r["mrr"].tolist()
    ([0.25], [0.5], [0.375])
    """
    people, counts = np.unique(person, return_counts=True)
    positives = np.bincount(np.searchsorted(people, person), weights=label.astype(np.float64), minlength=len(people))
    measured = positives > 0
    n, g = counts[measured].astype(np.float64), positives[measured]
    precision = g / n * np.minimum(n, k) / k
    expected = [random_expectations(int(total), int(good), k) for total, good in zip(n, g, strict=True)]
    hit = np.array([e[1] for e in expected])
    mrr = np.array([e[2] for e in expected])
    return {"person": people[measured], "precision": precision, "hit_rate": hit, "mrr": mrr}


def new_unit_share(
    person: np.ndarray, candidate: np.ndarray, score: np.ndarray, new_unit: np.ndarray, label: np.ndarray, k: int
) -> float:
    """The share of the top-``k`` suggestions, pooled over the people :func:`per_person` measures, in a new unit.

    >>> new_unit_share(np.array([0, 0, 1]), np.array([1, 2, 0]), np.array([0.9, 0.1, 0.5]),
    ...                np.array([1.0, 0.0, 1.0]), np.array([0, 1, 0]), 1)
    1.0
    """
    order = np.lexsort((candidate, -score, person))
    p, y, new = person[order], label[order].astype(np.float64), new_unit[order]
    people, first, counts = np.unique(p, return_index=True, return_counts=True)
    rank = np.arange(len(p)) - np.repeat(first, counts) + 1
    positives = np.bincount(np.searchsorted(people, p), weights=y, minlength=len(people))
    shown = (rank <= k) & (positives[np.searchsorted(people, p)] > 0)
    return float(new[shown].mean()) if shown.any() else 0.0


def with_new_unit_slot(
    person: np.ndarray, candidate: np.ndarray, score: np.ndarray, new_unit: np.ndarray, k: int, floor: float
) -> np.ndarray:
    """Each person's order, with place ``k`` kept for a candidate in a new unit whose odds clear ``floor``.

    ``score`` is a log-odds (the learned linear predictor). For a person
    whose first ``k`` hold no candidate in a unit new to them, the best such
    candidate below moves up to place ``k`` when its odds are at least
    ``floor`` times the first candidate's; the others keep their order. The
    result is minus each pair's new place (the order is all that counts).

    >>> with_new_unit_slot(np.array([0, 0, 0]), np.array([1, 2, 3]), np.array([3.0, 2.0, 1.0]),
    ...                    np.array([0.0, 0.0, 1.0]), 2, 0.1).tolist()
    [-1.0, -2.0, -1.5]
    """
    order = np.lexsort((candidate, -score, person))
    p, s, new = person[order], score[order], new_unit[order] > 0
    people, first, counts = np.unique(p, return_index=True, return_counts=True)
    group = np.repeat(np.arange(len(people)), counts)
    rank = np.arange(len(p)) - first[group] + 1
    has_new_in_top = np.bincount(group, weights=(new & (rank <= k)).astype(np.float64), minlength=len(people)) > 0
    below = new & (rank > k)
    best_below = np.full(len(people), len(p))
    np.minimum.at(best_below, group[below], np.flatnonzero(below))
    place = rank.astype(np.float64)
    chosen = best_below[(~has_new_in_top) & (best_below < len(p))]
    clears = s[chosen] - s[first[group[chosen]]] >= np.log(floor)
    place[chosen[clears]] = k - 0.5
    out = np.empty(len(p))
    out[order] = -place
    return out
