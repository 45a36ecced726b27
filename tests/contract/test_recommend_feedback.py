"""Contract: what happens to recommendations as introductions are made (both stores)."""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.introductions import propose, update
from netgraph.analysis.recommend import MAX_LIMIT, recommend
from netgraph.io.importer import import_document

TODAY = date(2026, 11, 24)


@pytest.fixture
def demo(store, demo_document):
    import_document(store, demo_document)
    return store


def candidates(store, person="p033", **options):
    return {r["candidate"]: r for r in recommend(store, person, today=TODAY, limit=MAX_LIMIT, **options)["results"]}


def test_a_declined_introduction_is_never_suggested_again(demo):
    assert "p084" in candidates(demo)
    intro = propose(demo, "p009", "p033", "p084", today=TODAY)
    update(demo, intro["id"], status="declined")
    assert "p084" not in candidates(demo)


def test_a_met_introduction_turns_the_candidate_into_a_contact(demo):
    intro = propose(demo, "p009", "p033", "p084", today=TODAY)
    for status in ("made", "accepted", "met"):
        update(demo, intro["id"], status=status, today=TODAY)
    assert "p084" not in candidates(demo)
    assert "p084" in {c["id"] for c in demo.contacts("p033")}


def test_introductions_made_recently_lower_a_candidates_fairness(demo):
    before = candidates(demo)["p087"]["components"]["fairness"]
    propose(demo, "p009", "p087", "p011", today=TODAY)
    after = candidates(demo)["p087"]["components"]["fairness"]
    assert after < before


def test_good_outcomes_raise_the_introducers_track_record(demo):
    before = candidates(demo)["p084"]["components"]["track_record"]
    intro = propose(demo, "p009", "p033", "p087", today=TODAY)
    for status in ("made", "accepted", "met"):
        update(demo, intro["id"], status=status, today=TODAY)
    update(demo, intro["id"], outcome=5)
    assert candidates(demo)["p084"]["components"]["track_record"] > before


def test_a_person_with_no_contacts_gets_no_suggestions_via_all(store, demo_document):
    document = dict(demo_document)
    document["people"] = demo_document["people"] + [{"id": "p-new", "name": "New Starter", "level": 2}]
    import_document(store, document)
    assert recommend(store, "p-new", via="all", today=TODAY)["results"] == []
