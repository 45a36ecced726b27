"""The mentoring rounds' JSON API: hr opens, runs, adjusts and closes a round; answers as described; reads recorded."""

from __future__ import annotations

import pytest

from netgraph.analysis.audit import events
from tests.web.conftest import ROUND_POOL
from tests.web.test_openapi import request_schema, response_schema, validator

POOL = [{"person": p, "side": side, "capacity": capacity} for p, side, capacity in ROUND_POOL]
OPEN = {"name": "spring", "deadline": "2099-03-31", "pool": POOL}


@pytest.fixture
def hr(writable_as):
    return writable_as("hr")


def test_hr_opens_a_round_and_the_answer_is_as_described(hr):
    validator(request_schema("/api/match/rounds"))(OPEN)
    response = hr.post_json("/api/match/rounds", OPEN)
    assert response.status_code == 200, response.data[:300]
    validator(response_schema("POST", "/api/match/rounds", 200))(response.json)
    assert (response.json["status"], response.json["mentees"], response.json["places"]) == ("draft", 3, 3)


def test_a_round_opened_from_a_unit_takes_its_mentees_by_level(hr):
    body = {"name": "eng", "deadline": "2099-03-31", "unit": "u-nw", "levels": [1, 3], "capacity": 2}
    response = hr.post_json("/api/match/rounds", body)
    assert response.status_code == 200, response.data[:300]
    assert (response.json["mentees"], response.json["mentors"]) == (82, 37)


def test_a_run_lock_forbid_and_close_change_the_round_as_the_commands_do(hr):
    hr.post_json("/api/match/rounds", OPEN)
    assert hr.post_json("/api/match/rounds/spring/lock", {"mentor": "p004", "mentee": "p006"}).status_code == 200
    assert hr.post_json("/api/match/rounds/spring/forbid", {"mentor": "p002", "mentee": "p003"}).status_code == 200
    ran = hr.post_json("/api/match/rounds/spring/run", {"as_of": "2026-09-01"})
    assert ran.status_code == 200 and ran.json["status"] == "proposed"
    shown = hr.get("/api/match/rounds/spring").json
    validator(response_schema("GET", "/api/match/rounds/{round_id}", 200))(shown)
    pairs = {(p["mentor"], p["mentee"]) for p in shown["proposals"]}
    assert ("p004", "p006") in pairs and ("p002", "p003") not in pairs
    assert hr.post_json("/api/match/rounds/spring/close", {}).json["status"] == "closed"


def test_a_closed_round_answers_409(hr):
    hr.post_json("/api/match/rounds", OPEN)
    hr.post_json("/api/match/rounds/spring/close", {})
    assert hr.post_json("/api/match/rounds/spring/lock", {"mentor": "p004", "mentee": "p006"}).status_code == 409


def test_a_bad_pool_answers_422_one_problem_per_person_and_writes_nothing(hr):
    body = {**OPEN, "pool": [*POOL, {"person": "nobody", "side": "mentee"}, {"person": "p003", "side": "mentor"}]}
    response = hr.post_json("/api/match/rounds", body)
    assert response.status_code == 422
    assert hr.get("/api/match/rounds").json == {"rounds": []}


def test_reading_a_round_is_recorded_with_its_people(hr, writable_app):
    hr.post_json("/api/match/rounds", OPEN)
    hr.get("/api/match/rounds/spring")
    with writable_app.app_context():
        from netgraph.web.store import get_store

        last = events(get_store())[-1]
    expected = sorted(["match_round:spring", *(f"person:{p}" for p, _, _ in ROUND_POOL)])
    assert (last["action"], last["entities"], last["actor"]) == ("read.match", expected, "web:hr")


def test_a_mentor_may_not_open_a_round(writable_as):
    assert writable_as("sana").post_json("/api/match/rounds", OPEN).status_code == 403
