"""The optimal assignment is optimal (brute force, networkx), honours capacity, locks and forbids, and beats greedy."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import networkx as nx
import pytest

from netgraph.analysis.matching import assign


def random_round(seed: int, mentees: int, mentors: int, density: float = 0.6):
    rng = random.Random(seed)
    mentee_ids = [f"e{i}" for i in range(mentees)]
    capacity = {f"m{j}": rng.randint(1, 2) for j in range(mentors)}
    fits = {(m, e): round(rng.random(), 3) for e in mentee_ids for m in capacity if rng.random() < density}
    return mentee_ids, capacity, fits


def brute_force_best(mentees, capacity, fits) -> tuple[int, float]:
    """(matched, total fit) of the lexicographically best assignment, every assignment enumerated."""
    options = [[None, *[m for m in capacity if (m, e) in fits]] for e in mentees]
    best = (0, 0.0)
    for choice in itertools.product(*options):
        used = Counter(m for m in choice if m is not None)
        if any(used[m] > capacity[m] for m in used):
            continue
        score = (
            sum(m is not None for m in choice),
            sum(fits[(m, e)] for m, e in zip(choice, mentees, strict=True) if m is not None),
        )
        if (score[0], round(score[1], 9)) > (best[0], round(best[1], 9)):
            best = score
    return best


def respects_capacity(found, capacity) -> bool:
    return all(count <= capacity[m] for m, count in Counter(found.values()).items())


@pytest.mark.parametrize("seed", range(12))
def test_the_optimal_assignment_matches_brute_force_on_small_rounds(seed):
    mentees, capacity, fits = random_round(seed, mentees=5, mentors=3)
    found = assign.optimal(mentees, capacity, fits)
    assert respects_capacity(found, capacity)
    assert all((m, e) in fits for e, m in found.items())
    matched, total = brute_force_best(mentees, capacity, fits)
    assert len(found) == matched
    assert assign.total_of(found, fits) == pytest.approx(total, abs=1e-9)


def networkx_best(mentees, capacity, fits) -> tuple[int, float]:
    """The same lexicographic optimum from networkx's maximum-weight matching on expanded mentor slots."""
    graph = nx.Graph()
    bonus = len(mentees) + 1
    for (mentor, mentee), fit in fits.items():
        for slot in range(capacity[mentor]):
            graph.add_edge(("e", mentee), ("m", mentor, slot), weight=bonus + fit)
    matching = nx.max_weight_matching(graph)
    pairs = [(a, b) if a[0] == "m" else (b, a) for a, b in matching]
    return len(pairs), sum(fits[(slot[1], mentee[1])] for slot, mentee in pairs)


@pytest.mark.parametrize("seed", range(3))
def test_the_optimal_assignment_agrees_with_networkx_on_larger_rounds(seed):
    mentees, capacity, fits = random_round(100 + seed, mentees=30, mentors=12, density=0.25)
    found = assign.optimal(mentees, capacity, fits)
    matched, total = networkx_best(mentees, capacity, fits)
    assert len(found) == matched
    assert assign.total_of(found, fits) == pytest.approx(total, abs=1e-9)


def test_one_more_matched_mentee_outweighs_any_fit():
    # m can take one: giving it to a (fit 1.0) leaves b unmatched; the optimum gives b to m and a to n.
    fits = {("m", "a"): 1.0, ("m", "b"): 0.1, ("n", "a"): 0.1}
    assert assign.optimal(["a", "b"], {"m": 1, "n": 1}, fits) == {"a": "n", "b": "m"}


def test_greedy_takes_the_best_mentor_by_mentee_id_and_so_can_strand_later_mentees():
    fits = {("m", "a"): 1.0, ("m", "b"): 0.1, ("n", "a"): 0.1}
    assert assign.greedy(["b", "a"], {"m": 1, "n": 1}, fits) == {"a": "m"}


def test_no_mentor_takes_more_than_capacity():
    fits = {(m, e): 0.5 for m in ("m", "n") for e in "abcde"}
    found = assign.optimal(list("abcde"), {"m": 2, "n": 1}, fits)
    assert len(found) == 3 and respects_capacity(found, {"m": 2, "n": 1})


def test_a_locked_pair_stands_and_uses_a_place():
    fits = {("m", "a"): 0.9, ("m", "b"): 0.9, ("n", "b"): 0.2}
    found = assign.optimal(["a", "b"], {"m": 1, "n": 1}, fits, locks=[("m", "b")])
    assert found == {"b": "m"}


def test_a_pair_that_is_not_allowed_is_never_proposed():
    found = assign.optimal(["a", "b"], {"m": 2}, {("m", "a"): 0.3})
    assert found == {"a": "m"}


@pytest.mark.parametrize("solver", [assign.greedy, assign.random_baseline])
def test_the_baselines_respect_capacity_and_allowed_pairs(solver):
    mentees, capacity, fits = random_round(7, mentees=20, mentors=6, density=0.4)
    found = solver(mentees, capacity, fits)
    assert respects_capacity(found, capacity) and all((m, e) in fits for e, m in found.items())


def test_the_random_baseline_repeats_with_its_seed():
    mentees, capacity, fits = random_round(8, mentees=20, mentors=6)
    assert assign.random_baseline(mentees, capacity, fits, seed=3) == assign.random_baseline(
        mentees, capacity, fits, seed=3
    )
