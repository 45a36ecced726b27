"""The numbers of an offline evaluation: ranking metrics, their random baseline, Gini, the bootstrap.

Pure functions over plain lists; :mod:`netgraph.analysis.evaluate` feeds them.

A *ranked list* is the ids a predictor suggests, best first; *relevant* are
the ids the person really went on to link with. Every metric is "at k": only
the first ``k`` suggestions count, and precision divides by ``k`` even when
fewer were suggested (an empty slot is a miss).

Examples
--------
>>> ranked, relevant = ["c", "a", "d"], {"a", "x"}
>>> precision_at_k(ranked, relevant, 2), hit_at_k(ranked, relevant, 2), reciprocal_rank_at_k(ranked, relevant, 2)
(0.5, 1.0, 0.5)
>>> gini([0, 0, 0, 4])
0.75
"""

from __future__ import annotations

import math
import operator
import random
from collections.abc import Container, Iterable, Mapping, Sequence

#: The confidence level of every interval.
LEVEL = 0.95
#: Resamples of the paired bootstrap.
RESAMPLES = 1000


def hits_at_k(ranked: Sequence[str], relevant: Container[str], k: int) -> int:
    """How many of the first ``k`` suggestions are relevant.

    >>> hits_at_k(["a", "b", "c"], {"a", "c"}, 2)
    1
    """
    return sum(1 for x in ranked[:k] if x in relevant)


def precision_at_k(ranked: Sequence[str], relevant: Container[str], k: int) -> float:
    """Relevant suggestions among the first ``k``, over ``k``.

    >>> precision_at_k(["a"], {"a"}, 4)
    0.25
    """
    return hits_at_k(ranked, relevant, k) / k


def hit_at_k(ranked: Sequence[str], relevant: Container[str], k: int) -> float:
    """1.0 when at least one of the first ``k`` suggestions is relevant, else 0.0.

    >>> hit_at_k(["a", "b"], {"b"}, 1), hit_at_k(["a", "b"], {"b"}, 2)
    (0.0, 1.0)
    """
    return 1.0 if hits_at_k(ranked, relevant, k) else 0.0


def reciprocal_rank_at_k(ranked: Sequence[str], relevant: Container[str], k: int) -> float:
    """1 / the rank of the first relevant suggestion among the first ``k``; 0.0 when there is none.

    >>> reciprocal_rank_at_k(["a", "b", "c"], {"c"}, 3), reciprocal_rank_at_k(["a", "b", "c"], {"c"}, 2)
    (0.3333333333333333, 0.0)
    """
    for rank, x in enumerate(ranked[:k], 1):
        if x in relevant:
            return 1.0 / rank
    return 0.0


def random_expectations(candidates: int, relevant: int, k: int) -> tuple[float, float, float]:
    """Exact expected (precision@k, hit@k, RR@k) of ``min(k, candidates)`` picks drawn at random.

    The picks are drawn without replacement, in order, from ``candidates``
    ids of which ``relevant`` are relevant: no simulation, the expectation
    itself. Precision is ``m h / (n k)``; the first relevant pick lands at
    rank ``r`` with probability ``P(r-1 misses) * h / (n - r + 1)``.

    >>> random_expectations(4, 1, 2)
    (0.25, 0.5, 0.375)
    >>> random_expectations(0, 0, 10), random_expectations(3, 3, 10)
    ((0.0, 0.0, 0.0), (0.3, 1.0, 1.0))
    """
    n, h = candidates, relevant
    if n <= 0 or h <= 0:
        return 0.0, 0.0, 0.0
    m = min(k, n)
    all_missed = 1.0  # the probability that the first r - 1 picks all missed
    rr = 0.0
    for r in range(1, m + 1):
        rr += all_missed * h / (n - r + 1) / r
        all_missed *= (n - h - r + 1) / (n - r + 1)
    return m * h / (n * k), 1.0 - all_missed, rr


def chance_of_any(candidates: int, holders: int, picks: int) -> float:
    """The probability that ``picks`` random draws (without replacement) include one of ``holders``.

    >>> chance_of_any(4, 1, 2), chance_of_any(4, 0, 2), chance_of_any(4, 3, 2)
    (0.5, 0.0, 1.0)
    """
    none = 1.0
    for i in range(min(picks, candidates)):
        none *= max(0, candidates - holders - i) / (candidates - i)
    return 1.0 - none


def gini(values: Iterable[float]) -> float:
    """The Gini coefficient of non-negative values: 0 when all are equal, (n-1)/n when one has everything.

    >>> gini([1, 1, 1, 1]), gini([]), gini([0, 0])
    (0.0, 0.0, 0.0)
    >>> round(gini([1, 2, 3, 4]), 6)
    0.25
    """
    xs = sorted(values)
    n, total = len(xs), math.fsum(xs)
    if n == 0 or total == 0:
        return 0.0
    weighted = math.fsum((i + 1) * x for i, x in enumerate(xs))
    return max(0.0, 2.0 * weighted / (n * total) - (n + 1) / n)


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean (0.0 of nothing).

    >>> mean([1, 2, 4]), mean([])
    (2.3333333333333335, 0.0)
    """
    return math.fsum(values) / len(values) if values else 0.0


def quantile(ordered: Sequence[float], q: float) -> float:
    """The ``q`` quantile of sorted values, interpolating linearly between ranks (numpy's default).

    >>> quantile([1.0, 2.0, 3.0, 4.0], 0.5), quantile([1.0, 2.0, 3.0, 4.0], 0.025)
    (2.5, 1.075)
    """
    if not ordered:
        return 0.0
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def bootstrap_means(
    columns: Mapping[str, Sequence[float]], *, resamples: int = RESAMPLES, rng: random.Random
) -> dict[str, list[float]]:
    """Each column's mean over ``resamples`` resamples of the rows with replacement.

    Paired: every resample draws one set of row indices and uses it for every
    column, so a difference of two columns' means is resampled as a whole
    (its interval is that of the difference, not of two separate means).

    >>> means = bootstrap_means({"a": [1.0, 1.0], "b": [0.0, 2.0]}, resamples=3, rng=random.Random(0))
    >>> means["a"], len(means["b"])
    ([1.0, 1.0, 1.0], 3)
    """
    names = list(columns)
    rows = len(columns[names[0]]) if names else 0
    out: dict[str, list[float]] = {name: [] for name in names}
    if rows == 0:
        return {name: [0.0] * resamples for name in names}
    everyone = range(rows)
    for _ in range(resamples):
        picked = operator.itemgetter(*rng.choices(everyone, k=rows))  # one C call per column below
        for name in names:
            got = picked(columns[name])
            out[name].append((got if rows == 1 else sum(got)) / rows)
    return out


def interval(samples: Iterable[float], level: float = LEVEL) -> tuple[float, float]:
    """The percentile interval holding ``level`` of the resampled values.

    >>> [round(x, 9) for x in interval([float(i) for i in range(101)])]
    [2.5, 97.5]
    """
    ordered = sorted(samples)
    tail = (1.0 - level) / 2.0
    return quantile(ordered, tail), quantile(ordered, 1.0 - tail)
