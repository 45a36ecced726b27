"""The round's pages and API: HR reviews, adjusts and sends; each person answers their own proposal on their home.

The round is tests/contract/test_match_workflow.py's (fixtures/matching/),
with an account for HR and one for each member; the app's clock is set to
the day after the round opened.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from netgraph.accounts import Accounts
from netgraph.analysis.lifecycle import end_mentorship
from netgraph.analysis.matching import rounds
from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.io.documents import read_document
from netgraph.io.round_file import read_round_file
from netgraph.model.validate import complete, validate
from netgraph.web import create_app
from tests.conftest import FIXTURES, PASSWORD
from tests.web.conftest import Browser
from tests.web.test_openapi import response_schema, validator

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


# -- the JSON API: hr sends; each side answers and rates their own pair only (every POST with the CSRF header) --

SEND = "/api/match/rounds/spring/send"


def pair_url(mentor: str, mentee: str, what: str) -> str:
    return f"/api/match/rounds/spring/proposals/{mentor}/{mentee}/{what}"


@pytest.fixture
def sent(as_user, store):
    response = as_user("hr").post_json(SEND, {})
    assert response.status_code == 200, response.data[:300]
    return response.json


def test_hr_sends_the_round_and_the_answer_is_as_described(sent, store):
    validator(response_schema("POST", "/api/match/rounds/{round_id}/send", 200))(sent)
    assert {(p["mentor"], p["mentee"]) for p in sent["sent"]} == set(proposed(store))
    assert sent["answer_by"] == "2027-03-15"


def test_a_mentor_may_not_send_a_round(as_user, store):
    mentor, _ = proposed(store)[0]
    assert as_user(mentor).post_json(SEND, {}).status_code == 403
    assert all(p["mentor_state"] == "proposed" for p in store.match_proposals("spring"))


def test_a_send_without_the_csrf_header_is_refused_and_sends_nothing(as_user, store):
    response = as_user("hr").client.post(SEND, json={})
    assert response.status_code == 400
    assert all(p["mentor_state"] == "proposed" for p in store.match_proposals("spring"))


def test_an_answer_by_day_in_the_past_is_one_located_problem(as_user, store):
    response = as_user("hr").post_json(SEND, {"answer_by": "2027-03-01"})
    assert response.status_code == 422
    assert [p["field"] for p in response.json["problems"]] == ["answer_by"]


def test_both_sides_accept_through_the_api_and_the_mentorship_starts(as_user, sent, store):
    mentor, mentee = proposed(store)[0]
    first = as_user(mentee).post_json(pair_url(mentor, mentee, "answer"), {"choice": "accepted"})
    assert first.status_code == 200, first.data[:300]
    validator(response_schema("POST", "/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/answer", 200))(
        first.json
    )
    second = as_user(mentor).post_json(pair_url(mentor, mentee, "answer"), {"choice": "accepted"})
    assert second.json["status"] == "started"
    assert any(m["other"] == mentee and m["status"] == "active" for m in store.mentorships_of(mentor))


@pytest.mark.parametrize("who", ["hr", "other mentee", "other mentor"])
def test_nobody_else_may_answer_a_pair_it_is_not_found(as_user, sent, store, who):
    (mentor, mentee), (other_mentor, other_mentee) = proposed(store)
    caller = {"hr": "hr", "other mentee": other_mentee, "other mentor": other_mentor}[who]
    response = as_user(caller).post_json(pair_url(mentor, mentee, "answer"), {"choice": "declined"})
    assert response.status_code == 404
    assert store.match_proposals("spring")[0]["mentee_state"] == "sent"


def test_a_bad_choice_is_one_located_problem_and_changes_nothing(as_user, sent, store):
    mentor, mentee = proposed(store)[0]
    response = as_user(mentee).post_json(pair_url(mentor, mentee, "answer"), {"choice": "maybe"})
    assert response.status_code == 422 and [p["field"] for p in response.json["problems"]] == ["choice"]
    assert store.match_proposals("spring")[0]["mentee_state"] == "sent"


@pytest.fixture
def ended(as_user, sent, store):
    mentor, mentee = proposed(store)[0]
    for person in (mentee, mentor):
        as_user(person).post_json(pair_url(mentor, mentee, "answer"), {"choice": "accepted"})
    end_mentorship(store, mentor, mentee, on=date(2027, 3, 2))
    return mentor, mentee


def test_each_of_the_two_rates_their_ended_mentorship_through_the_api(as_user, ended, store):
    mentor, mentee = ended
    response = as_user(mentor).post_json(pair_url(mentor, mentee, "feedback"), {"rating": 5, "again": True})
    assert response.status_code == 200, response.data[:300]
    validator(response_schema("POST", "/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/feedback", 200))(
        response.json
    )
    assert (response.json["mentor_rating"], response.json["mentor_again"]) == (5, True)


@pytest.mark.parametrize("rating", [0, 6, "x", True, 4.5])
def test_a_rating_outside_one_to_five_is_one_located_problem_and_stores_nothing(as_user, ended, store, rating):
    mentor, mentee = ended
    response = as_user(mentee).post_json(pair_url(mentor, mentee, "feedback"), {"rating": rating, "again": True})
    assert response.status_code == 422 and [p["field"] for p in response.json["problems"]] == ["rating"]
    assert store.match_proposals("spring")[0]["mentee_rating"] is None


def test_someone_outside_the_pair_may_not_rate_it(as_user, ended, store):
    mentor, mentee = ended
    _, other_mentee = proposed(store)[1]
    response = as_user(other_mentee).post_json(pair_url(mentor, mentee, "feedback"), {"rating": 1, "again": False})
    assert response.status_code == 404
    assert store.match_proposals("spring")[0]["mentee_rating"] is None
