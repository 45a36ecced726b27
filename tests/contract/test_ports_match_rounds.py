"""Contract of the MatchRounds port on both stores (test_<member>_<guarantee>)."""

from __future__ import annotations

import pytest

from netgraph.model.audit import entry, values
from netgraph.model.validate import complete, validate

PEOPLE = {"people": [{"id": f"p{i}", "name": f"Person {i}"} for i in range(1, 5)]}


def a_round(round_id: str = "spring", **changes) -> dict:
    """A round after one run: two mentees, one mentor with two places, a lock and a forbid."""
    return {
        "id": round_id,
        "name": "Spring round",
        "deadline": "2027-03-31",
        "opened_on": "2027-01-10",
        "status": "proposed",
        "source": {"csv": "spring.csv"},
        "members": [
            {"person": "p1", "side": "mentee", "capacity": None, "preferences": ["p3", "p4"]},
            {"person": "p2", "side": "mentee", "capacity": None, "preferences": []},
            {"person": "p3", "side": "mentor", "capacity": 2, "preferences": []},
            {"person": "p4", "side": "mentor", "capacity": 1, "preferences": ["p2"]},
        ],
        "locks": [["p3", "p1"]],
        "forbids": [["p4", "p2"]],
        "settings": {"min_level_gap": 1},
        "mode": "optimal",
        "ran_on": "2027-01-11",
        "proposals": [
            {"mentor": "p3", "mentee": "p1", "locked": True, "fit": 0.5, "parts": None, "why": ["locked by HR"]},
            {"mentor": "p3", "mentee": "p2", "locked": False, "fit": 0.7, "parts": {"goal": 1.0}, "why": ["goals"]},
        ],
        "figures": {"chosen": {"matched": 2}},
        "unmatched": [],
        **changes,
    }


def saved(action: str = "match.open") -> dict:
    return entry(action, ["match_round:spring"], actor="cli:test")


@pytest.fixture
def people(store):
    store.write(complete(validate(PEOPLE)))
    return store


def test_save_match_round_stores_the_round_whole_and_its_audit_event(people):
    people.save_match_round(a_round(), saved())
    assert people.match_round("spring") == a_round()
    assert [values(e)["action"] for e in people.audit_events()][-1] == "match.open"


def test_save_match_round_replaces_the_round_with_the_same_id(people):
    people.save_match_round(a_round(), saved())
    people.save_match_round(a_round(status="closed", locks=[]), saved("match.close"))
    assert people.match_round("spring") == a_round(status="closed", locks=[])
    assert len(people.match_rounds()) == 1


def test_match_round_is_none_for_an_id_never_saved(people):
    people.save_match_round(a_round(), saved())
    assert people.match_round("autumn") is None


def test_match_rounds_lists_every_round_by_id(people):
    for round_id in ("winter", "autumn", "spring"):
        people.save_match_round(a_round(round_id), saved())
    assert [r["id"] for r in people.match_rounds()] == ["autumn", "spring", "winter"]


def test_match_rounds_of_a_store_without_rounds_is_empty(store):
    assert store.match_rounds() == []


def test_erase_person_takes_the_person_out_of_every_round(people):
    people.save_match_round(a_round(), saved())
    people.erase_person("p3", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    found = people.match_round("spring")
    assert [m["person"] for m in found["members"]] == ["p1", "p2", "p4"]
    assert found["members"][0]["preferences"] == ["p4"]
    assert (found["locks"], found["forbids"], found["proposals"]) == ([], [["p4", "p2"]], [])
    assert found["figures"] == a_round()["figures"]


def test_erase_person_leaves_rounds_that_do_not_name_them_as_they_were(people):
    people.write(complete(validate({"people": [{"id": "p9", "name": "Nine"}]}, existing=people)))
    people.save_match_round(a_round(), saved())
    people.erase_person("p9", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert people.match_round("spring") == a_round()


def test_clear_drops_the_stored_rounds(people):
    people.save_match_round(a_round(), saved())
    people.clear()
    assert people.match_rounds() == []


def a_proposal(mentor: str = "p3", mentee: str = "p1", **changes) -> dict:
    """A proposal of round spring, unsent unless changed."""
    return {
        "round": "spring",
        "mentor": mentor,
        "mentee": mentee,
        "fit": 0.5,
        "why": ["goals: python"],
        "locked": False,
        "mentor_state": "proposed",
        "mentee_state": "proposed",
        "mentor_on": None,
        "mentee_on": None,
        "sent_on": None,
        "answer_by": None,
        "mentor_rating": None,
        "mentor_again": None,
        "mentee_rating": None,
        "mentee_again": None,
        **changes,
    }


SENT = {"mentor_state": "sent", "mentee_state": "sent", "sent_on": "2027-01-12", "answer_by": "2027-01-31"}


def answered(side: str = "mentee") -> dict:
    return entry("match.answer", ["match_round:spring", f"person:{side}"], actor="cli:test")


def test_save_match_round_with_proposals_stores_each_proposal_in_the_same_transaction(people):
    people.save_match_round(a_round(), saved("match.run"), proposals=[a_proposal(), a_proposal("p3", "p2")])
    assert people.match_proposals("spring") == [a_proposal(), a_proposal("p3", "p2")]
    assert [values(e)["action"] for e in people.audit_events()][-1] == "match.run"


def test_save_match_round_with_proposals_drops_only_the_proposals_never_sent(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**SENT), a_proposal("p3", "p2")])
    people.save_match_round(a_round(), saved("match.run"), proposals=[a_proposal("p4", "p2")])
    assert people.match_proposals("spring") == [a_proposal(**SENT), a_proposal("p4", "p2")]


def test_save_match_round_with_a_proposal_of_a_stored_pair_replaces_it(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal()])
    people.save_match_round(a_round(), saved("match.send"), proposals=[a_proposal(**SENT)])
    assert people.match_proposals("spring") == [a_proposal(**SENT)]


def test_save_match_round_without_proposals_leaves_the_stored_proposals(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal()])
    people.save_match_round(a_round(status="closed"), saved("match.close"))
    assert people.match_proposals("spring") == [a_proposal()]


def test_match_proposals_of_a_round_without_proposals_is_empty(people):
    people.save_match_round(a_round(), saved())
    assert people.match_proposals("spring") == []


def test_match_proposals_lists_only_that_rounds_proposals(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal()])
    people.save_match_round(a_round("autumn"), saved(), proposals=[a_proposal(round="autumn")])
    assert people.match_proposals("autumn") == [a_proposal(round="autumn")]


def test_person_match_proposals_lists_those_naming_the_person_on_either_side(people):
    people.save_match_round(
        a_round(), saved(), proposals=[a_proposal(), a_proposal("p3", "p2"), a_proposal("p4", "p2")]
    )
    assert [(p["mentor"], p["mentee"]) for p in people.person_match_proposals("p2")] == [("p3", "p2"), ("p4", "p2")]
    assert [(p["mentor"], p["mentee"]) for p in people.person_match_proposals("p3")] == [("p3", "p1"), ("p3", "p2")]


def test_person_match_proposals_of_someone_never_proposed_is_empty(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal()])
    assert people.person_match_proposals("p4") == []


def test_answer_match_proposal_sets_one_sides_state_and_day_and_appends_the_event(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**SENT)])
    after = people.answer_match_proposal("spring", "p3", "p1", "mentee", "accepted", "2027-01-13", answered())
    assert after == a_proposal(**(SENT | {"mentee_state": "accepted", "mentee_on": "2027-01-13"}))
    assert people.match_proposals("spring") == [after]
    assert [values(e)["action"] for e in people.audit_events()][-1] == "match.answer"


def test_answer_match_proposal_keeps_the_other_sides_answer(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**SENT)])
    people.answer_match_proposal("spring", "p3", "p1", "mentee", "accepted", "2027-01-13", answered())
    after = people.answer_match_proposal("spring", "p3", "p1", "mentor", "declined", "2027-01-14", answered("mentor"))
    assert (after["mentee_state"], after["mentor_state"]) == ("accepted", "declined")


def test_answer_match_proposal_of_a_side_not_sent_changes_nothing(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(), a_proposal("p3", "p2", **SENT)])
    people.answer_match_proposal("spring", "p3", "p2", "mentee", "declined", "2027-01-13", answered())
    events = len(people.audit_events())
    assert people.answer_match_proposal("spring", "p3", "p1", "mentee", "accepted", "2027-01-13", answered()) is None
    assert people.answer_match_proposal("spring", "p3", "p2", "mentee", "accepted", "2027-01-14", answered()) is None
    assert people.match_proposals("spring")[1]["mentee_state"] == "declined"
    assert len(people.audit_events()) == events


def test_answer_match_proposal_of_an_unknown_pair_is_none(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**SENT)])
    assert people.answer_match_proposal("spring", "p4", "p1", "mentee", "accepted", "2027-01-13", answered()) is None


def test_erase_person_deletes_every_proposal_naming_them(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**SENT), a_proposal("p4", "p2")])
    people.erase_person("p1", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert people.match_proposals("spring") == [a_proposal("p4", "p2")]
    assert people.person_match_proposals("p1") == []


def test_clear_drops_the_stored_proposals(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal()])
    people.clear()
    assert people.match_proposals("spring") == []


BOTH = SENT | {"mentor_state": "accepted", "mentee_state": "accepted"}


def rated(side: str = "mentee") -> dict:
    return entry("match.feedback", ["match_round:spring", f"person:{side}"], actor="cli:test")


def mentorship(store, mentor: str, mentee: str, status: str = "ended") -> None:
    """The pair's MENTORS link, which carries its feedback."""
    record = {"mentor": mentor, "mentee": mentee, "since": "2027-01-13", "status": status}
    if status == "ended":
        record["until"] = "2027-06-30"
    store.write(complete(validate({"mentorships": [record]}, existing=store)))


def stored_mentorship(store, mentor: str, mentee: str) -> dict:
    return next(m for m in store.export()["mentorships"] if (m["mentor"], m["mentee"]) == (mentor, mentee))


def test_rate_match_proposal_sets_one_sides_feedback_and_appends_the_event(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**BOTH)])
    mentorship(people, "p3", "p1")
    after = people.rate_match_proposal("spring", "p3", "p1", "mentee", 4, False, rated())
    assert after == a_proposal(**(BOTH | {"mentee_rating": 4, "mentee_again": False}))
    assert people.match_proposals("spring") == [after]
    assert [values(e)["action"] for e in people.audit_events()][-1] == "match.feedback"


def test_rate_match_proposal_stores_the_feedback_on_the_mentors_link(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**BOTH)])
    mentorship(people, "p3", "p1")
    people.rate_match_proposal("spring", "p3", "p1", "mentee", 4, False, rated())
    found = stored_mentorship(people, "p3", "p1")
    assert (found["mentee_rating"], found["mentee_again"], found["mentor_rating"], found["status"]) == (
        4,
        False,
        None,
        "ended",
    )


def test_rate_match_proposal_of_a_mentorship_still_active_changes_nothing(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**BOTH)])
    mentorship(people, "p3", "p1", "active")
    assert people.rate_match_proposal("spring", "p3", "p1", "mentee", 4, False, rated()) is None
    assert stored_mentorship(people, "p3", "p1")["mentee_rating"] is None


def test_match_proposals_of_a_pair_not_accepted_by_both_carry_no_feedback(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**SENT)])
    people.write(
        complete(
            validate(
                {"mentorships": [{"mentor": "p3", "mentee": "p1", "status": "ended", "mentee_rating": 2}]},
                existing=people,
            )
        )
    )
    assert people.match_proposals("spring")[0]["mentee_rating"] is None


def test_rate_match_proposal_keeps_the_other_sides_feedback(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**BOTH)])
    mentorship(people, "p3", "p1")
    people.rate_match_proposal("spring", "p3", "p1", "mentee", 2, False, rated())
    after = people.rate_match_proposal("spring", "p3", "p1", "mentor", 5, True, rated("mentor"))
    assert (after["mentee_rating"], after["mentee_again"], after["mentor_rating"], after["mentor_again"]) == (
        2,
        False,
        5,
        True,
    )


def test_rate_match_proposal_of_a_pair_not_accepted_by_both_or_rated_already_changes_nothing(people):
    people.save_match_round(a_round(), saved(), proposals=[a_proposal(**SENT), a_proposal("p3", "p2", **BOTH)])
    mentorship(people, "p3", "p1")
    mentorship(people, "p3", "p2")
    people.rate_match_proposal("spring", "p3", "p2", "mentee", 3, True, rated())
    events = len(people.audit_events())
    assert people.rate_match_proposal("spring", "p3", "p1", "mentee", 4, True, rated()) is None
    assert people.rate_match_proposal("spring", "p3", "p2", "mentee", 1, False, rated()) is None
    assert people.match_proposals("spring")[1]["mentee_rating"] == 3
    assert len(people.audit_events()) == events
