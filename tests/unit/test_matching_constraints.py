"""Who may mentor whom: each hard constraint refuses exactly the pairs it should, and says why."""

from __future__ import annotations

import pytest

from netgraph.analysis.matching.constraints import all_refusals, refusals
from netgraph.analysis.matching.inputs import MatchSettings, Member, PastMentorship, RoundInputs


def round_of(*members: Member, mentees=("e",), mentors=("m",), **extra) -> RoundInputs:
    return RoundInputs(
        mentees=tuple(mentees),
        capacity=dict.fromkeys(mentors, 1),
        members={m.id: m for m in members},
        today="2026-06-01",
        **extra,
    )


DEFAULTS = MatchSettings()


def pair(mentor: Member, mentee: Member, settings=DEFAULTS, **extra) -> dict[str, str]:
    return refusals(mentor.id, mentee.id, round_of(mentor, mentee, **extra), settings)


MENTOR, MENTEE = Member("m", level=5), Member("e", level=3)
# ceo <- vp (vacant) <- lead <- dev: the mentor holds ceo, the mentee dev
CHAIN = {
    "reports_to": {"dev": "lead", "lead": "vp", "vp": "ceo", "ceo": None},
    "holders": {"ceo": ("m",), "lead": ("x",), "dev": ("e",)},
}


def test_a_pair_far_apart_with_the_right_gap_is_allowed():
    assert pair(MENTOR, MENTEE) == {}


def test_a_mentor_above_the_mentee_in_the_reporting_line_is_refused_through_vacant_positions():
    mentor, mentee = Member("m", level=5, positions=("ceo",)), Member("e", level=3, positions=("dev",))
    assert pair(mentor, mentee, **CHAIN) == {"reporting_line": "m is in e's reporting line"}


def test_a_mentee_above_the_mentor_in_the_reporting_line_is_refused():
    mentor, mentee = Member("m", level=5, positions=("dev",)), Member("e", level=3, positions=("ceo",))
    chain = {**CHAIN, "holders": {"ceo": ("e",), "dev": ("m",)}}
    assert pair(mentor, mentee, **chain) == {"reporting_line": "e is in m's reporting line"}


def test_the_reporting_line_depth_limits_how_far_up_the_check_looks():
    mentor, mentee = Member("m", level=5, positions=("ceo",)), Member("e", level=3, positions=("dev",))
    assert pair(mentor, mentee, MatchSettings(reporting_line_depth=2), **CHAIN) == {}
    assert "reporting_line" in pair(mentor, mentee, MatchSettings(reporting_line_depth=3), **CHAIN)


def test_a_person_with_no_position_has_no_reporting_line():
    mentor = Member("m", level=5, positions=("ceo",))
    assert pair(mentor, MENTEE, **CHAIN) == {}


def test_a_cycle_in_the_reporting_line_ends_the_chain():
    mentor, mentee = Member("m", level=5, positions=("a",)), Member("e", level=3, positions=("b",))
    assert pair(mentor, mentee, reports_to={"a": "b", "b": "a"}, holders={"a": ("m",), "b": ("e",)}) == {
        "reporting_line": "m is in e's reporting line"
    }


@pytest.mark.parametrize(("mentor_level", "allowed"), [(3, False), (4, True), (8, True)])
def test_the_mentor_must_be_at_least_the_minimum_gap_above(mentor_level, allowed):
    assert (pair(Member("m", level=mentor_level), MENTEE) == {}) is allowed


def test_a_level_below_the_gap_says_the_gap():
    assert pair(Member("m", level=4), MENTEE, MatchSettings(min_level_gap=2)) == {"level_gap": "level gap 1 is below 2"}


def test_an_unknown_level_fails_the_gap_unless_a_setting_allows_it():
    unknown = Member("m")
    assert pair(unknown, MENTEE) == {"level_gap": "m's level is unknown"}
    assert pair(unknown, MENTEE, MatchSettings(unknown_level_passes=True)) == {}


@pytest.mark.parametrize("who", [("m", "e"), ("e", "m")])
def test_an_active_mentorship_either_way_refuses_the_pair(who):
    past = (PastMentorship(*who, status="active"),)
    assert pair(MENTOR, MENTEE, mentorships=past) == {"existing_mentorship": f"{who[0]} already mentors {who[1]}"}


@pytest.mark.parametrize(("until", "allowed"), [("2025-06-01", False), ("2025-05-31", True), (None, False)])
def test_an_ended_mentorship_refuses_the_pair_within_the_recent_days(until, allowed):
    past = (PastMentorship("m", "e", status="ended", until=until),)
    assert (pair(MENTOR, MENTEE, mentorships=past) == {}) is allowed


def test_a_mentorship_with_someone_else_does_not_count():
    past = (PastMentorship("m", "z", status="active"),)
    assert pair(MENTOR, MENTEE, mentorships=past) == {}


def test_other_unit_refuses_a_pair_in_one_unit_only_when_set():
    mentor, mentee = Member("m", level=5, unit="u1"), Member("e", level=3, unit="u1")
    assert pair(mentor, mentee) == {}
    assert pair(mentor, mentee, MatchSettings(other_unit=True)) == {"other_unit": "both in u1"}


def test_same_location_refuses_a_pair_in_two_places_only_when_set():
    mentor, mentee = Member("m", level=5, location="Oslo"), Member("e", level=3, location="Lima")
    assert pair(mentor, mentee) == {}
    assert pair(mentor, mentee, MatchSettings(same_location=True)) == {"same_location": "Oslo is not Lima"}


def test_every_refusing_constraint_is_listed():
    mentor, mentee = Member("m", level=3, unit="u"), Member("e", level=3, unit="u")
    assert set(pair(mentor, mentee, MatchSettings(other_unit=True))) == {"level_gap", "other_unit"}


def test_a_forbidden_pair_is_refused_by_hr():
    inputs = round_of(MENTOR, MENTEE)
    found = all_refusals(inputs, MatchSettings(), forbidden=[("m", "e")])
    assert found == {("m", "e"): {"forbidden": "forbidden by HR"}}
