"""Stable mode: deferred acceptance leaves no blocking pair, respects capacity, and the count is right."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from netgraph.analysis.matching import assign
from netgraph.analysis.matching.stable import blocking_pairs, deferred_acceptance


def ranked_round(seed: int, mentees: int = 25, mentors: int = 8):
    rng = random.Random(seed)
    mentee_ids = [f"e{i}" for i in range(mentees)]
    capacity = {f"m{j}": rng.randint(1, 3) for j in range(mentors)}
    fits = {(m, e): rng.random() for e in mentee_ids for m in capacity if rng.random() < 0.5}
    preferences = {}
    for person, others in [*((e, list(capacity)) for e in mentee_ids), *((m, mentee_ids) for m in capacity)]:
        if rng.random() < 0.8:  # some people do not rank at all; the rest rank only some
            preferences[person] = tuple(rng.sample(others, rng.randint(1, len(others) // 2 + 1)))
    return mentee_ids, capacity, fits, preferences


@pytest.mark.parametrize("seed", range(10))
def test_deferred_acceptance_leaves_no_blocking_pair(seed):
    mentees, capacity, fits, preferences = ranked_round(seed)
    found = deferred_acceptance(mentees, capacity, fits, preferences)
    assert blocking_pairs(found, capacity, fits, preferences) == []


@pytest.mark.parametrize("seed", range(3))
def test_deferred_acceptance_respects_capacity_and_allowed_pairs(seed):
    mentees, capacity, fits, preferences = ranked_round(seed)
    found = deferred_acceptance(mentees, capacity, fits, preferences)
    assert all(n <= capacity[m] for m, n in Counter(found.values()).items())
    assert all((m, e) in fits for e, m in found.items())


def test_the_mentees_get_their_first_choice_when_mentors_can_take_them():
    fits = {("m", "a"): 0.1, ("n", "a"): 0.9}
    assert deferred_acceptance(["a"], {"m": 1, "n": 1}, fits, {"a": ("m",)}) == {"a": "m"}


def test_a_full_mentor_keeps_the_mentee_it_ranks_higher():
    fits = {("m", "a"): 0.5, ("m", "b"): 0.5}
    found = deferred_acceptance(["a", "b"], {"m": 1}, fits, {"m": ("b", "a")})
    assert found == {"b": "m"}


def test_a_pair_both_prefer_to_their_own_is_a_blocking_pair():
    fits = {("m", "a"): 0.5, ("n", "a"): 0.5, ("m", "b"): 0.5}
    preferences = {"a": ("m", "n"), "m": ("a", "b")}
    assert blocking_pairs({"a": "n", "b": "m"}, {"m": 1, "n": 1}, fits, preferences) == [("m", "a")]


def test_two_unranked_options_are_equal_and_do_not_block():
    fits = {("m", "a"): 0.9, ("n", "a"): 0.1}
    assert blocking_pairs({"a": "n"}, {"m": 1, "n": 1}, fits, {}) == []


def test_an_unmatched_mentee_and_a_mentor_with_a_free_place_block():
    fits = {("m", "a"): 0.2}
    assert blocking_pairs({}, {"m": 1}, fits, {}) == [("m", "a")]


def test_the_optimal_assignment_is_counted_against_stated_preferences_too():
    fits = {("m", "a"): 0.1, ("n", "a"): 0.9, ("n", "b"): 0.1}
    found = assign.optimal(["a", "b"], {"m": 1, "n": 1}, fits)
    assert blocking_pairs(found, {"m": 1, "n": 1}, fits, {"a": ("n",), "n": ("a",)}) == [("n", "a")]
