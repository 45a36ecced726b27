"""The embedded store sums a recommendation's walk as arrays: the same numbers, bit for bit, as the rules.

``walk_sums`` adds every candidate's learned features over their common
contacts at once (netgraph/store/embedded/network.py); each feature has one
rule (netgraph/model/rules.py, learned.py) applied one contact at a time,
in the order the walk meets the contacts. The two must agree exactly, not
nearly: both stores must give identical rankings, and a different last bit
of a sum can swap two candidates.
"""

from __future__ import annotations

import random

from netgraph.model import learned, rules
from netgraph.store.embedded.network import walk_sums


def _walk(seed: int) -> tuple[list[str], list[float], list[tuple[int, float, int]]]:
    """A walk of 40 contacts over 120 people, each contact reaching a few of them with uneven strengths."""
    rng = random.Random(seed)
    walk: list[str] = []
    ties: list[float] = []
    contacts: list[tuple[int, float, int]] = []
    for _ in range(40):
        reached = rng.sample([f"p{k}" for k in range(120)], rng.randint(1, 12))
        walk.extend(reached)
        ties.extend(rng.choice([rng.random(), 0.1, 0.25, 1.0]) for _ in reached)
        contacts.append((len(reached), rng.choice([rng.random(), 0.5, 1.0]), rng.randint(len(reached) + 1, 300)))
    return walk, ties, contacts


def _rules_one_contact_at_a_time(
    walk: list[str], ties: list[float], contacts: list[tuple[int, float, int]]
) -> dict[str, list[float]]:
    sums: dict[str, list[float]] = {}
    at = 0
    for reached, person_tie, degree in contacts:
        for c, tie in zip(walk[at : at + reached], ties[at : at + reached], strict=True):
            found = sums.setdefault(c, [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
            found[0] += learned.adamic_adar_term(degree)
            found[1] += learned.resource_allocation_term(degree)
            found[2] += 1
            found[3] += rules.plausibility_term(person_tie, tie, degree)
            found[4] = learned.strongest_two_link_path(person_tie, tie, found[4])
            found[5] += person_tie
            found[6] += tie
        at += reached
    return sums


def test_walk_sums_equal_the_rules_summed_contact_by_contact_bit_for_bit() -> None:
    for seed in range(5):
        walk, ties, contacts = _walk(seed)
        index, table, counts = walk_sums(walk, ties, contacts)
        expected = _rules_one_contact_at_a_time(walk, ties, contacts)
        assert {c: table[k].tolist() for c, k in index.items()} == expected
        assert {c: counts[k] for c, k in index.items()} == {c: int(sums[2]) for c, sums in expected.items()}


def test_walk_sums_give_candidates_rows_in_the_order_first_reached() -> None:
    index, _, _ = walk_sums(["b", "a", "b", "c"], [0.5, 0.5, 0.5, 0.5], [(2, 1.0, 3), (2, 1.0, 4)])
    assert list(index.items()) == [("b", 0), ("a", 1), ("c", 2)]
