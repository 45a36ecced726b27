"""The evaluation's numbers on tiny hand-made cases, and the random baseline against brute force."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest

from netgraph.analysis.evaluate_metrics import (
    bootstrap_means,
    chance_of_any,
    gini,
    hit_at_k,
    interval,
    mean,
    precision_at_k,
    quantile,
    random_expectations,
    reciprocal_rank_at_k,
)


def test_ranking_metrics_on_a_hand_made_list():
    ranked, relevant = ["d", "a", "c", "b"], {"c", "b", "z"}
    assert precision_at_k(ranked, relevant, 2) == 0.0
    assert precision_at_k(ranked, relevant, 4) == 0.5
    assert hit_at_k(ranked, relevant, 2) == 0.0 and hit_at_k(ranked, relevant, 3) == 1.0
    assert reciprocal_rank_at_k(ranked, relevant, 4) == pytest.approx(1 / 3)
    assert reciprocal_rank_at_k(ranked, relevant, 2) == 0.0


def test_a_short_list_counts_its_empty_slots_as_misses():
    assert precision_at_k(["a"], {"a"}, 10) == pytest.approx(0.1)
    assert precision_at_k([], {"a"}, 10) == 0.0 and hit_at_k([], {"a"}, 10) == 0.0


def brute_force(n: int, h: int, k: int) -> tuple[Fraction, Fraction, Fraction]:
    """Average each metric over every ordering of n candidates, the first h of them relevant."""
    relevant = set(range(h))
    totals = [Fraction(0)] * 3
    orders = list(itertools.permutations(range(n)))
    for order in orders:
        totals[0] += Fraction(sum(1 for x in order[:k] if x in relevant), k)
        totals[1] += 1 if any(x in relevant for x in order[:k]) else 0
        totals[2] += next((Fraction(1, r) for r, x in enumerate(order[:k], 1) if x in relevant), Fraction(0))
    return tuple(t / len(orders) for t in totals)


@pytest.mark.parametrize("n, h, k", [(n, h, k) for n in range(0, 6) for h in range(0, n + 1) for k in (1, 2, 3, 7)])
def test_the_random_baseline_is_the_exact_expectation(n, h, k):
    expected = brute_force(n, h, k) if n else (0, 0, 0)
    got = random_expectations(n, h, k)
    for a, b in zip(got, expected, strict=True):
        assert a == pytest.approx(float(b), abs=1e-12)


@pytest.mark.parametrize("n, s, m", [(5, 0, 2), (5, 1, 2), (5, 2, 3), (4, 4, 1), (6, 3, 6), (3, 1, 9)])
def test_the_chance_that_random_picks_include_a_holder(n, s, m):
    draws = list(itertools.combinations(range(n), min(m, n)))
    share = Fraction(sum(1 for d in draws if any(x < s for x in d)), len(draws))
    assert chance_of_any(n, s, m) == pytest.approx(float(share), abs=1e-12)


def test_gini_of_equal_shares_is_zero_and_of_one_holder_is_near_one():
    assert gini([3, 3, 3]) == 0.0
    assert gini([0] * 99 + [5]) == pytest.approx(0.99)
    assert gini([1, 2, 3, 4]) == pytest.approx(0.25)
    assert gini([4, 1, 3, 2]) == gini([1, 2, 3, 4])  # order does not matter
    assert gini([2, 4, 6, 8]) == pytest.approx(gini([1, 2, 3, 4]))  # nor scale


def test_gini_matches_the_mean_absolute_difference_definition():
    rnd = random.Random(3)
    values = [rnd.randint(0, 20) for _ in range(40)]
    n, mu = len(values), sum(values) / len(values)
    by_definition = sum(abs(a - b) for a in values for b in values) / (2 * n * n * mu)
    assert gini(values) == pytest.approx(by_definition)


def test_quantiles_interpolate_like_numpy():
    values = [1.0, 3.0, 4.0, 10.0]
    assert quantile(values, 0.0) == 1.0 and quantile(values, 1.0) == 10.0
    assert quantile(values, 0.5) == 3.5
    assert quantile(values, 0.9) == pytest.approx(8.2)
    assert interval([5.0] * 10) == (5.0, 5.0)


def test_the_bootstrap_is_paired_seeded_and_centred():
    rnd = random.Random(1)
    a = [rnd.random() for _ in range(200)]
    columns = {"a": a, "same": list(a), "b": [x / 2 for x in a]}
    first = bootstrap_means(columns, resamples=300, rng=random.Random(7))
    again = bootstrap_means(columns, resamples=300, rng=random.Random(7))
    assert first == again and len(first["a"]) == 300
    # paired: the same rows for every column, so identical columns differ by exactly 0
    assert {x - y for x, y in zip(first["a"], first["same"], strict=True)} == {0.0}
    assert all(y == pytest.approx(x / 2) for x, y in zip(first["a"], first["b"], strict=True))
    low, high = interval(first["a"])
    assert low < mean(a) < high


def test_a_bootstrap_of_nobody_gives_zeros():
    assert bootstrap_means({"a": []}, resamples=4, rng=random.Random(0)) == {"a": [0.0] * 4}
