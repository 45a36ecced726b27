"""Contract: a cohort's assignment is the same on both stores, holds its caps, and turns into proposals."""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.cohort import all_mentees, cohort, propose_rows
from netgraph.analysis.recommend import recommend
from tests.contract.cli_runner import cli_on

TODAY = date(2026, 11, 24)


def assignment(report: dict) -> list[tuple]:
    return [(r["person"], r["candidate"], r["introducer"], r["place"]) for r in report["rows"]]


def same_report(a: dict, b: dict) -> None:
    """The same assignment, people without suggestions and figures (scores to 1e-9, as the contract holds them)."""
    assert assignment(a) == assignment(b)
    assert [r["score"] for r in a["rows"]] == pytest.approx([r["score"] for r in b["rows"]], abs=1e-9)
    assert a["without"] == b["without"] and a["people"] == b["people"]
    assert a["score"] == pytest.approx(b["score"], abs=1e-6) and a["exposure"] == pytest.approx(b["exposure"])


# Tests run in this order, and share one Neo4j: the demo pair first, then fresh stores, the generated pair last.


@pytest.mark.neo4j
def test_both_stores_give_the_same_cohort_assignment_on_the_demo(demo_pair, monkeypatch, capsys):
    embedded, neo4j = demo_pair
    assert all_mentees(embedded) == all_mentees(neo4j)
    reports = [cohort(store, all_mentees(store), per_person=2, max_exposure=2, today=TODAY) for store in demo_pair]
    same_report(*reports)
    assert len(reports[0]["rows"]) > 40
    printed = []
    for store in demo_pair:  # and as a user runs it
        code, out, err = cli_on(store, monkeypatch, capsys)(
            "recommend", "--all-mentees", "--per-person", "2", "--max-exposure", "2", "--as-of", "2026-11-24"
        )
        assert code == 0, err
        printed.append(out)
    assert printed[0] == printed[1]


def test_the_caps_hold_on_the_demo(store, demo_clean):
    store.write(demo_clean)
    found = cohort(store, all_mentees(store), per_person=2, max_exposure=1, via="all", today=TODAY)
    exposure: dict[str, int] = {}
    for row in found["rows"]:
        exposure[row["candidate"]] = exposure.get(row["candidate"], 0) + 1
    per_person: dict[str, int] = {}
    for row in found["rows"]:
        per_person[row["person"]] = per_person.get(row["person"], 0) + 1
    assert max(exposure.values()) == 1 and max(per_person.values()) == 2
    assert found["exposure"]["most_uncapped"] > 1


def test_every_suggestion_is_one_of_the_persons_own_recommendations(store, demo_clean):
    store.write(demo_clean)
    found = cohort(store, ["p033", "p005", "p013"], per_person=2, max_exposure=1, today=TODAY)
    assert len(found["rows"]) == 6
    for row in found["rows"]:
        own = recommend(store, row["person"], limit=found["pool"], today=TODAY)["results"]
        mine = own[row["place"] - 1]
        assert (mine["candidate"], mine["introducer"], mine["score"]) == (
            row["candidate"],
            row["introducer"],
            row["score"],
        )


def test_chosen_rows_become_proposed_introductions_with_the_mentor_as_introducer(store, demo_clean):
    store.write(demo_clean)
    rows = cohort(store, ["p033", "p005"], per_person=1, max_exposure=1, today=TODAY)["rows"]
    made = propose_rows(store, rows, today=TODAY)
    assert made["refused"] == [] and len(made["proposed"]) == 2
    mentors = {
        p: {m["other"] for m in store.mentorships_of(p) if not m["as_mentor"] and m["status"] == "active"}
        for p in ("p033", "p005")
    }
    for intro in made["proposed"]:
        assert intro["status"] == "proposed" and intro["created_on"] == TODAY.isoformat()
        assert intro["by"] in mentors[intro["introduce"]]
        assert (intro["introduce"], intro["to"]) in {(r["person"], r["candidate"]) for r in rows}


def test_a_row_that_can_no_longer_be_proposed_is_refused_and_the_others_still_are(store, demo_clean):
    store.write(demo_clean)
    rows = cohort(store, ["p033", "p005"], per_person=1, max_exposure=1, today=TODAY)["rows"]
    propose_rows(store, rows[:1], today=TODAY)
    again = propose_rows(store, rows, today=TODAY)
    assert [r["person"] for r in again["refused"]] == [rows[0]["person"]]
    assert "already introduced" in again["refused"][0]["why"]
    assert [i["introduce"] for i in again["proposed"]] == [rows[1]["person"]]


def test_someone_closed_to_introductions_is_told_so_not_given_suggestions_no_one_could_propose(store, demo_clean):
    store.write(demo_clean)
    assert store.people(["p001"])["p001"]["open_to_intros"] is False
    found = cohort(store, ["p001", "p033"], today=TODAY)
    assert found["without"] == [{"person": "p001", "name": "Hiroko Russo", "why": "closed to introductions"}]


@pytest.mark.neo4j
def test_both_stores_give_the_same_cohort_assignment_on_a_generated_organisation(generated_pair):
    reports = [
        cohort(store, all_mentees(store), per_person=3, max_exposure=2, via="all", today=TODAY)
        for store in generated_pair
    ]
    same_report(*reports)
    assert reports[0]["score"]["given_up"] > 0  # the caps bite
