"""Contract: a mentor-matching round of the demo gives the same proposals and figures on both stores.

The round: the demo's active people at levels 1-3 as mentees, those at level
5 or above as mentors with two places each; read through the stores' ports
(gather_round), matched by the pure core.
"""

from __future__ import annotations

import pytest

from netgraph.analysis.matching.gather import gather_round
from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.analysis.matching.report import run_round

TODAY = "2026-09-01"


def demo_round(document: dict) -> tuple[list[str], dict[str, int]]:
    active = [p for p in document["people"] if p["status"] == "active"]
    mentees = [p["id"] for p in active if p["level"] in (1, 2, 3)]
    mentors = {p["id"]: 2 for p in active if (p["level"] or 0) >= 5}
    return mentees, mentors


def test_a_round_reads_its_people_as_the_store_holds_them(demo_store, demo_clean):
    mentees, mentors = demo_round(demo_clean)
    inputs = gather_round(demo_store, mentees, mentors, TODAY)
    records = demo_store.people(["p033"])
    assert inputs.members["p033"].wants == tuple(records["p033"]["wants_to_grow"])
    assert set(inputs.mentees) == set(mentees) and dict(inputs.capacity) == mentors


def test_no_proposal_breaks_a_constraint_on_either_store(demo_store, demo_clean):
    mentees, mentors = demo_round(demo_clean)
    inputs = gather_round(demo_store, mentees, mentors, TODAY)
    found = run_round(inputs, MatchSettings(other_unit=True))
    levels = {p["id"]: p["level"] for p in demo_clean["people"]}
    units = {p["id"]: p["org_unit"] for p in demo_clean["people"]}
    assert found["proposals"]
    for pair in found["proposals"]:
        assert levels[pair["mentor"]] - levels[pair["mentee"]] >= 1
        assert units[pair["mentor"]] != units[pair["mentee"]]


@pytest.mark.neo4j
@pytest.mark.parametrize("stable_mode", [False, True])
def test_the_same_round_gives_the_same_answer_on_both_stores(demo_pair, demo_clean, stable_mode):
    mentees, mentors = demo_round(demo_clean)
    embedded, neo4j = (
        run_round(gather_round(store, mentees, mentors, TODAY), MatchSettings(), stable_mode=stable_mode)
        for store in demo_pair
    )
    assert embedded == neo4j


def test_on_the_demo_round_the_optimal_matching_beats_greedy_on_total_fit(demo_store, demo_clean):
    # the figures docs/matching.md quotes
    mentees, mentors = demo_round(demo_clean)
    figures = run_round(gather_round(demo_store, mentees, mentors, TODAY), MatchSettings())["figures"]
    chosen, greedy = figures["chosen"], figures["greedy"]
    assert (chosen["mentees"], chosen["matched"], greedy["matched"]) == (82, 74, 74)
    assert (round(chosen["total_fit"], 2), round(greedy["total_fit"], 2)) == (41.94, 37.43)
