"""Contract: what a recommendation reads about the person comes as people() and contacts() give it."""

from __future__ import annotations

from netgraph.model.rules import RecommendSettings

SETTINGS = RecommendSettings(tie_strength=0, new_reach=0, seniority_fit=0, track_record=0, mentor_tie_strength=0.8)


def inputs(store, person, via="mentors", skill=None):
    return store.recommendation_inputs(person, via=via, skill=skill, since="2026-08-26", settings=SETTINGS, limit=10)


def test_the_person_and_their_contacts_come_as_people_and_contacts_give_them(demo_store):
    for person in ("p033", "p009", "p065"):
        found = inputs(demo_store, person)
        assert (found["person"], found["contacts"]) == (
            demo_store.people([person])[person],
            demo_store.contacts(person),
        )


def test_an_unknown_person_has_no_inputs(demo_store):
    assert inputs(demo_store, "p999") is None


def test_a_skill_is_known_when_someone_has_wants_or_requires_it(demo_store):
    assert inputs(demo_store, "p033", skill="negotiation")["skill_known"]
    assert not inputs(demo_store, "p033", skill="basket weaving")["skill_known"]
    assert inputs(demo_store, "p033")["skill_known"]


def test_no_introducer_means_no_candidates(demo_store):
    assert inputs(demo_store, "p033", via="p999")["rows"] == []
