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
