"""How good a pair is: each fit part in [0, 1] as the issue defines it, and a round's report."""

from __future__ import annotations

import pytest

from netgraph.analysis.matching.fit import (
    fit_parts,
    goal_part,
    network_part,
    preference_part,
    reach_part,
    total_fit,
)
from netgraph.analysis.matching.inputs import FIT_PARTS, MatchSettings, Member, RoundInputs
from netgraph.analysis.matching.network import round_distances
from netgraph.analysis.matching.report import run_round
from netgraph.model.rules import goal_fit


def test_the_goal_part_is_the_recommendations_goal_fit_rule():
    mentor = Member("m", skills={"pricing": 4, "sql": 5})
    mentee = Member("e", wants=("pricing", "negotiation"))
    assert goal_part(mentor, mentee) == goal_fit([["pricing", 4]], ["pricing", "negotiation"]) == 0.4


@pytest.mark.parametrize(("distance", "part"), [(1, 0.2), (2, 1.0), (3, 0.8), (None, 0.3)])
def test_the_network_part_prefers_reachable_and_new(distance, part):
    assert network_part(distance) == part


def test_distances_come_from_one_bounded_search_per_mentee():
    contacts = {"e": ["a"], "a": ["e", "m1"], "m1": ["a", "b"], "b": ["m1", "c"], "c": ["b", "m2"], "m2": ["c"]}
    assert round_distances(["e"], ["m1", "m2"], contacts, 3) == {("m1", "e"): 2}


def test_the_preference_part_is_the_mentees_rank_and_the_mentors_when_they_ranked():
    mentee = Member("e", preferences=("x", "m", "y", "z"))
    assert preference_part(Member("m"), mentee) == 0.75
    assert preference_part(Member("m", preferences=("e",)), mentee) == pytest.approx((0.75 + 1.0) / 2)
    assert preference_part(Member("m"), Member("e")) == 0.0


def test_reach_counts_goals_held_at_level_three_or_more_by_a_contact_of_the_mentor():
    members = {"a": Member("a", skills={"pricing": 3}), "b": Member("b", skills={"sql": 2})}
    inputs = RoundInputs(
        mentees=("e",), capacity={"m": 1}, members=members, today="2026-01-01", contacts={"m": frozenset({"a", "b"})}
    )
    assert reach_part(Member("m"), Member("e", wants=("pricing", "sql")), inputs) == 0.5


def test_every_part_and_the_total_lie_in_zero_to_one():
    mentor = Member("m", level=8, skills={"pricing": 5}, preferences=("e",))
    mentee = Member("e", level=1, wants=("pricing",), preferences=("m",))
    inputs = RoundInputs(
        mentees=("e",), capacity={"m": 1}, members={"m": mentor, "e": mentee}, today="2026-01-01", load={"m": 2}
    )
    settings = MatchSettings()
    parts = fit_parts("m", "e", inputs, settings, 2)
    assert list(parts) == list(FIT_PARTS)
    assert parts == {"goal": 1.0, "level": 0.0, "preference": 1.0, "network": 1.0, "reach": 0.0, "load": 1 / 3}
    assert 0.0 <= total_fit(parts, settings.normalized_weights()) <= 1.0


def small_round() -> RoundInputs:
    """Two mentors of one place each; e1 fits m1 best, but m1 is the only one who may take e2 (same unit as m2)."""
    members = [
        Member("m1", level=5, unit="u1", skills={"pricing": 5}),
        Member("m2", level=5, unit="u2"),
        Member("e1", level=3, unit="u3", wants=("pricing",)),
        Member("e2", level=3, unit="u2"),
    ]
    return RoundInputs(
        mentees=("e1", "e2"), capacity={"m1": 1, "m2": 1}, members={m.id: m for m in members}, today="2026-01-01"
    )


def test_a_round_matches_more_than_greedy_does():
    found = run_round(small_round(), MatchSettings(other_unit=True))
    assert {(p["mentor"], p["mentee"]) for p in found["proposals"]} == {("m1", "e2"), ("m2", "e1")}
    assert found["figures"]["chosen"]["matched"] == 2 and found["figures"]["greedy"]["matched"] == 1
    assert found["figures"]["chosen"]["cross_unit_share"] == 1.0


def test_a_mentee_no_mentor_may_take_is_unmatched_with_the_refusing_constraints():
    found = run_round(small_round(), MatchSettings(min_level_gap=3))
    assert found["unmatched"] == [
        {"mentee": e, "reason": "no mentor passes the constraints", "constraints": {"level_gap": 2}}
        for e in ("e1", "e2")
    ]


def test_when_capacity_runs_out_the_report_names_the_constraint_that_would_free_a_place():
    # three mentees of u3 for two places; m3 has a place but is in u3 too
    members = [
        Member("m1", level=5, unit="u1"),
        Member("m2", level=5, unit="u2"),
        Member("m3", level=5, unit="u3"),
        *(Member(e, level=3, unit="u3") for e in ("e1", "e2", "e3")),
    ]
    inputs = RoundInputs(
        mentees=("e1", "e2", "e3"),
        capacity={"m1": 1, "m2": 1, "m3": 1},
        members={m.id: m for m in members},
        today="2026-01-01",
    )
    [unmatched] = run_round(inputs, MatchSettings(other_unit=True))["unmatched"]
    assert unmatched["reason"] == "capacity ran out"
    assert unmatched["would_free"] == {"other_unit": 1}
