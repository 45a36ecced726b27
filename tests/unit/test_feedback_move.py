"""Which proposal's feedback (kept there by an earlier build) goes onto which MENTORS link, side by side."""

from __future__ import annotations

from netgraph.model.feedback_move import moved_entry, plan_moves

PAIR = ("m", "e")


def rated(round_id: str, started: str, **feedback) -> dict:
    """A proposal both sides accepted (the later answer on ``started``) carrying ``feedback``."""
    return {
        "round": round_id,
        "mentor": "m",
        "mentee": "e",
        "mentor_state": "accepted",
        "mentee_state": "accepted",
        "mentor_on": started,
        "mentee_on": started,
        **feedback,
    }


def test_each_side_moves_with_its_again():
    moves = plan_moves(
        [rated("r1", "2027-03-02", mentee_rating=4, mentee_again=False)], {PAIR: {"since": "2027-03-02"}}
    )
    assert [m["link"] for m in moves] == [{"mentee_rating": 4, "mentee_again": False}]


def test_a_side_the_link_already_rated_is_not_set():
    moves = plan_moves([rated("r1", "2027-03-02", mentor_rating=4, mentor_again=True)], {PAIR: {"mentor_rating": 1}})
    assert [m["link"] for m in moves] == [{}]


def test_a_proposal_overruled_by_the_link_still_loses_its_copy():
    moves = plan_moves([rated("r1", "2027-03-02", mentor_rating=4, mentor_again=True)], {PAIR: {"mentor_rating": 1}})
    assert moves[0]["dropped"]["mentor_rating"] == 4


def test_of_two_proposals_of_a_pair_the_one_that_started_last_wins():
    older, newer = rated("r1", "2026-01-10", mentor_rating=2), rated("r2", "2026-09-01", mentor_rating=5)
    moves = plan_moves([newer, older], {PAIR: {"since": "2026-01-10"}})
    assert {m["round"]: m["link"] for m in moves} == {"r1": {}, "r2": {"mentor_rating": 5, "mentor_again": None}}


def test_a_link_that_started_after_the_proposal_is_a_newer_mentorship_and_is_left_alone():
    assert plan_moves([rated("r1", "2026-01-10", mentor_rating=2)], {PAIR: {"since": "2026-06-01"}}) == []


def test_a_pair_without_a_link_keeps_its_feedback_on_the_proposal():
    assert plan_moves([rated("r1", "2026-01-10", mentor_rating=2)], {PAIR: None}) == []


def test_a_proposal_not_both_sides_accepted_is_left_alone():
    declined = rated("r1", "2026-01-10", mentor_rating=2) | {"mentee_state": "declined"}
    assert plan_moves([declined], {PAIR: {}}) == []


def test_the_audit_event_lists_the_link_fields_set_and_the_proposal_fields_removed():
    moves = plan_moves([rated("r1", "2027-03-02", mentor_rating=4, mentor_again=True)], {PAIR: {}})
    changes = {(c["entity"], c["field"], c["before"], c["after"]) for c in moved_entry(moves)["changes"]}
    assert changes == {
        ("mentorship:m/e", "mentor_rating", None, 4),
        ("mentorship:m/e", "mentor_again", None, True),
        ("match_proposal:r1/m/e", "mentor_rating", 4, None),
        ("match_proposal:r1/m/e", "mentor_again", True, None),
    }
