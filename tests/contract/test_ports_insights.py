"""Contract of the InsightQueries port on both stores (test_<member>_<guarantee>)."""

from __future__ import annotations

import pytest

from netgraph.model.audit import entry
from netgraph.model.validate import complete, validate

#: Each link tells one part of the definition: the strongest link wins, a missing strength counts as
#: missing_strength, a retired tie and a leaver's links are left out, someone without a unit or contact stays.
DOCUMENT = {
    "org_units": [{"id": "u0", "name": "Company"}, {"id": "u1", "name": "Sales", "parent": "u0"}],
    "people": [
        {"id": "p1", "name": "Ada", "org_unit": "u1"},
        {"id": "p2", "name": "Bo", "org_unit": "u1"},
        {"id": "p3", "name": "Cy", "org_unit": "u0"},
        {"id": "p4", "name": "Di", "org_unit": "u0"},
        {"id": "p5", "name": "Ed", "org_unit": "u0", "status": "left", "left_on": "2026-01-01"},
        {"id": "p6", "name": "Flo"},
    ],
    "knows": [
        {"a": "p1", "b": "p2", "strength": 0.3},
        {"a": "p3", "b": "p1"},
        {
            "a": "p3",
            "b": "p4",
            "strength": 0.8,
            "sources": ["interactions"],
            "evidence_strength": 0.8,
            "retired_on": "2026-02-01",
        },
        {"a": "p4", "b": "p5", "strength": 0.7},
        {"a": "p2", "b": "p4", "strength": 0.95},
    ],
    "mentorships": [
        {"mentor": "p2", "mentee": "p1", "status": "ended", "since": "2024-01-01", "until": "2025-01-01"},
        {"mentor": "p4", "mentee": "p2", "status": "active", "since": "2024-01-01"},
    ],
}


@pytest.fixture
def loaded(store):
    store.write(complete(validate(DOCUMENT)))
    return store


def test_contact_network_keeps_the_strongest_live_link_of_each_pair_between_people_who_stay(loaded):
    found = loaded.contact_network(mentor_strength=0.9, missing_strength=0.5)
    assert found == {
        "people": ["p1", "p2", "p3", "p4", "p6"],
        "units": ["u1", "u1", "u0", "u0", None],
        "links": [[0, 1, 0.9], [0, 2, 0.5], [1, 3, 0.95]],
        "unit_parents": {"u0": None, "u1": "u0"},
    }


def test_contact_network_counts_mentorships_and_missing_strengths_as_asked(loaded):
    found = loaded.contact_network(mentor_strength=0.2, missing_strength=0.1)
    assert found["links"] == [[0, 1, 0.3], [0, 2, 0.1], [1, 3, 0.95]]


def test_contact_network_of_an_empty_store_is_empty(store):
    assert store.contact_network(mentor_strength=0.9, missing_strength=0.5) == {
        "people": [],
        "units": [],
        "links": [],
        "unit_parents": {},
    }


STATE = {"computed_at": "2026-12-01T10:00:00.000000Z", "mode": "exact", "sources": 5, "silos": [{"unit": "u1"}]}
ROWS = [
    {"person": "p1", "betweenness": 0.5, "degree": 2},
    {"person": "p2", "betweenness": 0.5, "degree": 3},
    {"person": "p4", "betweenness": 0.9, "degree": 1},
]


def test_network_changed_at_is_none_before_any_change(store):
    assert store.network_changed_at() is None


def test_network_changed_at_moves_with_a_write_that_may_change_the_network(loaded):
    before = loaded.network_changed_at()
    loaded.write(complete(validate({"knows": [{"a": "p1", "b": "p4", "strength": 0.4}]}, existing=loaded)))
    assert before is not None and loaded.network_changed_at() > before


def test_network_changed_at_stays_for_a_write_that_cannot_change_the_network(loaded):
    before = loaded.network_changed_at()
    loaded.write(complete(validate({"positions": [{"id": "x1", "title": "Lead"}]})))
    assert loaded.network_changed_at() == before


def test_network_changed_at_moves_when_a_person_is_erased(loaded):
    before = loaded.network_changed_at()
    loaded.erase_person("p6", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert loaded.network_changed_at() > before


def test_save_insights_replaces_every_stored_result(loaded):
    loaded.save_insights({**STATE, "mode": "sampled"}, [{"person": "p3", "betweenness": 0.1}])
    loaded.save_insights(STATE, ROWS)
    assert (loaded.insight_state(), loaded.person_insights()) == (STATE, [ROWS[2], ROWS[0], ROWS[1]])


def test_insight_state_is_none_before_the_first_save(loaded):
    assert loaded.insight_state() is None


def test_person_insights_of_some_people_at_most_limit_by_rank_then_id(loaded):
    loaded.save_insights(STATE, ROWS)
    assert loaded.person_insights(["p2", "p1", "nobody"]) == [ROWS[0], ROWS[1]]
    assert loaded.person_insights(limit=2) == [ROWS[2], ROWS[0]]
    assert loaded.person_insights([]) == []


def test_person_insights_lose_an_erased_person_in_the_erasure(loaded):
    loaded.save_insights(STATE, ROWS)
    loaded.erase_person("p4", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert [r["person"] for r in loaded.person_insights()] == ["p1", "p2"]
