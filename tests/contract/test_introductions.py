"""Contract: the introduction workflow behaves the same on both stores.

Runs on the demo organisation: p009 Sana Saleh mentors p033 Dana Okafor and
knows p065 Femi Costa; Dana and Femi do not know each other yet.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.introductions import list_introductions, propose, update
from netgraph.errors import Conflict, InvalidInput, NotFound
from netgraph.io.importer import import_document

TODAY = date(2026, 11, 24)


@pytest.fixture
def demo(store, demo_document):
    import_document(store, demo_document)
    return store


@pytest.fixture
def proposed(demo):
    return propose(demo, "p009", "p033", "p065", note="product strategy", today=TODAY)


def test_a_proposal_is_stored_as_proposed(demo, proposed):
    assert {k: proposed[k] for k in ("by", "introduce", "to", "status", "created_on", "note", "outcome")} == {
        "by": "p009",
        "introduce": "p033",
        "to": "p065",
        "status": "proposed",
        "created_on": "2026-11-24",
        "note": "product strategy",
        "outcome": None,
    }
    assert list_introductions(demo, person="p033") == [proposed]


@pytest.mark.parametrize(
    "path", [["made", "accepted", "met"], ["declined"], ["made", "declined"], ["made", "accepted", "declined"]]
)
def test_an_introduction_moves_forward_one_step_at_a_time(demo, proposed, path):
    for status in path:
        current = update(demo, proposed["id"], status=status, today=TODAY)
    assert current["status"] == path[-1]


def test_meeting_creates_the_knows_link_the_introduction_made(demo, proposed):
    for status in ("made", "accepted", "met"):
        update(demo, proposed["id"], status=status, today=TODAY)
    links = [k for k in demo.export()["knows"] if (k["a"], k["b"]) == ("p033", "p065")]
    assert links == [
        {
            "a": "p033",
            "b": "p065",
            "since": "2026-11-24",
            "strength": 0.4,
            "context": "introduction",
            "sources": ["introduction"],
            "declared_strength": 0.4,
            "evidence_strength": None,
            "org_chart_strength": None,
            "first_seen": None,
            "last_seen": None,
            "retired_on": None,
        }
    ]


def test_a_met_introduction_can_be_rated(demo, proposed):
    for status in ("made", "accepted"):
        update(demo, proposed["id"], status=status)
    rated = update(demo, proposed["id"], status="met", outcome=5)
    assert (rated["status"], rated["outcome"]) == ("met", 5)


@pytest.mark.parametrize(
    "done, wanted", [([], "accepted"), ([], "met"), (["made"], "proposed"), (["made", "accepted", "met"], "proposed")]
)
def test_a_skipped_or_backward_step_is_refused_and_nothing_changes(demo, proposed, done, wanted):
    for status in done:
        update(demo, proposed["id"], status=status)
    before = demo.export()
    with pytest.raises(Conflict, match=f"it can move to .*, not {wanted}"):
        update(demo, proposed["id"], status=wanted)
    assert demo.export() == before


def test_a_final_status_cannot_change(demo, proposed):
    update(demo, proposed["id"], status="declined")
    with pytest.raises(Conflict, match="final"):
        update(demo, proposed["id"], status="made")


def test_rating_before_met_is_refused(demo, proposed):
    with pytest.raises(Conflict, match="once it is met"):
        update(demo, proposed["id"], outcome=4)


@pytest.mark.parametrize("outcome", [0, 6])
def test_a_rating_out_of_range_is_refused(demo, proposed, outcome):
    with pytest.raises(InvalidInput, match="between 1 and 5"):
        update(demo, proposed["id"], outcome=outcome)


def test_an_unknown_introduction_is_not_found(demo):
    with pytest.raises(NotFound):
        update(demo, "i-nope", status="made")


def test_an_unknown_person_is_not_found(demo):
    with pytest.raises(NotFound, match="p999"):
        propose(demo, "p009", "p033", "p999")


def test_the_introducer_must_know_both_people(demo):
    before = demo.export()
    with pytest.raises(Conflict, match="does not know"):
        propose(demo, "p009", "p033", "p100")
    assert demo.export() == before


def test_someone_closed_to_introductions_cannot_be_introduced(demo):
    with pytest.raises(Conflict, match="closed to introductions"):
        propose(demo, "p004", "p008", "p001")


def test_people_who_already_know_each_other_are_not_introduced(demo):
    with pytest.raises(Conflict, match="already know each other"):
        propose(demo, "p009", "p008", "p010")


def test_the_same_pair_is_never_introduced_twice(demo, proposed):
    update(demo, proposed["id"], status="declined")
    with pytest.raises(Conflict, match="already introduced"):
        propose(demo, "p009", "p065", "p033")


def test_listing_filters_by_status_and_refuses_unknown_values(demo):
    declined = list_introductions(demo, status="declined")
    assert {i["id"] for i in declined} == {"i004", "i022", "i025"}
    with pytest.raises(InvalidInput):
        list_introductions(demo, status="maybe")
    with pytest.raises(NotFound):
        list_introductions(demo, person="p999")


def test_listing_is_newest_first(demo):
    dates = [i["created_on"] for i in list_introductions(demo)]
    assert dates == sorted(dates, reverse=True)
