"""The round's pages: HR reviews, adjusts and sends; each person answers their own proposal on their home.

The round is tests/contract/test_match_workflow.py's (fixtures/matching/),
with an account for HR and one for each member; the app's clock is set to
the day after the round opened.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from netgraph.accounts import Accounts
from netgraph.analysis.matching import rounds
from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.io.documents import read_document
from netgraph.io.round_file import read_round_file
from netgraph.model.validate import complete, validate
from netgraph.web import create_app
from tests.conftest import FIXTURES, PASSWORD
from tests.web.conftest import Browser

TODAY = datetime(2027, 3, 2, 9, 0, tzinfo=UTC)
MEMBERS = {"m1": "mentor", "m2": "mentor", "e1": "viewer", "e2": "viewer", "e3": "viewer"}


@pytest.fixture
def app(store, tmp_path):
    document, _ = read_document(FIXTURES / "matching" / "round.json")
    store.write(complete(validate(document)))
    rows = read_round_file(str(FIXTURES / "matching" / "round.csv"))
    settings = MatchSettings()
    rounds.open_round(
        store, "spring", deadline=date(2027, 3, 15), today=date(2027, 3, 1), rows=rows, source={}, settings=settings
    )
    rounds.run(store, "spring", settings, today=date(2027, 3, 1))
    book = Accounts(tmp_path / "users.json")
    book.add("hr", PASSWORD, role="hr", person=None)
    for person, role in MEMBERS.items():
        book.add(person, PASSWORD, role=role, person=person)
    config = {"SECRET_KEY": "test secret", "TESTING": True, "NETGRAPH_USERS": str(tmp_path / "users.json")}
    return create_app(config, store=store, clock=TODAY.timestamp)


@pytest.fixture
def as_user(app):
    return lambda name: Browser(app).login(name)


def proposed(store) -> list[tuple[str, str]]:
    return [(p["mentor"], p["mentee"]) for p in store.match_proposals("spring")]


def test_the_review_page_shows_each_pair_with_its_reasons_and_the_figures_against_greedy_and_random(as_user, store):
    page = as_user("hr").get("/match/spring").data.decode()
    for mentor, mentee in proposed(store):
        assert f'data-mentor="{mentor}" data-mentee="{mentee}"' in page
    assert 'data-matching="greedy"' in page and 'data-matching="random"' in page
    assert "<li>" in page.split('class="match-pairs"')[1]


def test_only_hr_and_admin_see_the_review_page(as_user):
    assert as_user("m1").get("/match/spring").status_code == 403
    assert as_user("e1").get("/match").status_code == 403


def test_a_post_without_the_csrf_token_is_refused(as_user, store):
    browser = as_user("hr")
    assert browser.client.post("/match/spring/send", data={}).status_code == 400
    assert {p["mentor_state"] for p in store.match_proposals("spring")} == {"proposed"}


def test_hr_sends_and_each_side_sees_only_their_own_proposal(as_user, store):
    assert as_user("hr").post_form("/match/spring/send", {}).status_code == 302
    (mentor, mentee), (_, other_mentee) = proposed(store)
    home = as_user(mentee).get("/").data.decode()
    assert f'data-mentor="{mentor}" data-mentee="{mentee}"' in home and ">Accept<" in home
    assert f'data-mentee="{other_mentee}"' not in home
    left = next(iter({"e1", "e2", "e3"} - {mentee, other_mentee}))
    assert "match-proposal" not in as_user(left).get("/").data.decode()


def test_an_unsent_proposal_is_not_shown_to_anyone(as_user, store):
    _, mentee = proposed(store)[0]
    assert "match-proposal" not in as_user(mentee).get("/").data.decode()


def test_both_accepting_on_their_home_pages_starts_the_mentorship_on_both_person_pages(as_user, store):
    as_user("hr").post_form("/match/spring/send", {})
    mentor, mentee = proposed(store)[0]
    for person in (mentee, mentor):
        response = as_user(person).post_form(f"/proposals/spring/{mentor}/{mentee}", {"choice": "accept"})
        assert response.status_code == 302
    assert any(m["other"] == mentee and m["status"] == "active" for m in store.mentorships_of(mentor))
    hr = as_user("hr")
    for person, other in ((mentor, mentee), (mentee, mentor)):
        page = hr.get(f"/people/{person}").data.decode()
        assert re.search(rf'href="/people/{other}"', page)


def test_nobody_may_answer_a_proposal_made_to_someone_else(as_user, store):
    as_user("hr").post_form("/match/spring/send", {})
    (mentor, mentee), (_, other_mentee) = proposed(store)
    assert (
        as_user(other_mentee).post_form(f"/proposals/spring/{mentor}/{mentee}", {"choice": "accept"}).status_code == 404
    )


def test_a_decline_frees_the_place_and_the_rerun_fills_it(as_user, store):
    hr = as_user("hr")
    hr.post_form("/match/spring/send", {})
    (mentor, mentee), _ = proposed(store)
    left = next(iter({"e1", "e2", "e3"} - {m for _, m in proposed(store)}))
    as_user(mentor).post_form(f"/proposals/spring/{mentor}/{mentee}", {"choice": "decline"})
    hr.post_form("/match/spring/run", {})
    hr.post_form("/match/spring/send", {})
    assert f'data-mentor="{mentor}" data-mentee="{left}"' in as_user(left).get("/").data.decode()


def test_hr_swaps_two_proposed_mentees(as_user, store):
    (a, x), (b, y) = proposed(store)
    response = as_user("hr").post_form("/match/spring/swap", {"mentor": a, "mentee": x, "with_mentee": y})
    assert response.status_code == 302
    assert sorted(proposed(store)) == sorted([(a, y), (b, x)])


def test_hr_forbids_a_pair_and_the_rerun_leaves_it_out(as_user, store):
    mentor, mentee = proposed(store)[0]
    hr = as_user("hr")
    hr.post_form("/match/spring/forbid", {"mentor": mentor, "mentee": mentee})
    hr.post_form("/match/spring/run", {})
    assert (mentor, mentee) not in proposed(store)


def test_after_the_mentorship_ends_each_side_rates_it_and_hr_sees_it_on_the_review_page(as_user, store):
    from netgraph.analysis.lifecycle import end_mentorship

    as_user("hr").post_form("/match/spring/send", {})
    mentor, mentee = proposed(store)[0]
    for person in (mentee, mentor):
        as_user(person).post_form(f"/proposals/spring/{mentor}/{mentee}", {"choice": "accept"})
    end_mentorship(store, mentor, mentee, on=date(2027, 3, 2))
    mine = as_user(mentee)
    assert "match-rate" in mine.get("/").data.decode()
    assert (
        mine.post_form(f"/proposals/spring/{mentor}/{mentee}/feedback", {"rating": "4", "again": "yes"}).status_code
        == 302
    )
    assert "Feedback: mentor —, mentee 4 (again)" in as_user(mentor).get("/").data.decode()
    assert "1 rating(s)" in as_user("hr").get("/match/spring").data.decode()


def test_the_feedback_is_seen_by_the_two_people_and_hr_only_never_on_a_person_page(as_user, store):
    from netgraph.analysis.lifecycle import end_mentorship

    as_user("hr").post_form("/match/spring/send", {})
    (mentor, mentee), (other_mentor, other_mentee) = proposed(store)
    for person in (mentee, mentor):
        as_user(person).post_form(f"/proposals/spring/{mentor}/{mentee}", {"choice": "accept"})
    end_mentorship(store, mentor, mentee, on=date(2027, 3, 2))
    as_user(mentee).post_form(f"/proposals/spring/{mentor}/{mentee}/feedback", {"rating": "2", "again": "no"})
    for viewer in ("hr", other_mentor, other_mentee, mentor):
        assert "mentee_rating" not in as_user(viewer).get(f"/api/people/{mentor}").data.decode()
    homes = {who: as_user(who).get("/api/home").get_json() for who in (mentor, other_mentee)}
    assert [p["mentee_rating"] for p in homes[mentor]["proposals"]] == [2]
    assert all(p["mentee_rating"] is None for p in homes[other_mentee]["proposals"] or [])


def test_without_an_smtp_server_each_person_reads_their_messages_on_their_home(as_user, store):
    as_user("hr").post_form("/match/spring/send", {})
    _, mentee = proposed(store)[0]
    home = as_user(mentee).get("/").data.decode()
    assert "Mentoring round spring: a proposal for you" in home.split('class="home-card match-messages"')[1]
