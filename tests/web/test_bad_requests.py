"""A malformed request is a 422 that names the parameter or body field, never a 500 or a guess."""

from __future__ import annotations

import pytest


def problem_fields(response) -> list[str]:
    assert response.status_code == 422, response.data
    return [p["field"] for p in response.json["problems"]]


@pytest.mark.parametrize("url", ["/api/introductions", "/api/introductions/i004", "/api/succession/what-if"])
def test_a_json_body_that_is_not_an_object_is_refused(as_user, url):
    response = as_user("hr").post_json(url, ["p099"])
    assert response.status_code == 422 and "JSON object" in response.json["problems"][0]["message"]


@pytest.mark.parametrize(
    "url, name",
    [
        ("/api/people?q=dana&limit=ten", "limit"),
        ("/api/people/p033/recommendations?limit=ten", "limit"),
        ("/api/people/p033/network?depth=two", "depth"),
        ("/api/paths?from=p033&to=p100&max_hops=many", "max_hops"),
    ],
)
def test_a_number_that_is_not_a_number_is_refused_not_ignored(as_user, url, name):
    assert problem_fields(as_user("hr").get(url)) == [name]


@pytest.mark.parametrize("body", [{"leavers": "p099"}, {"leavers": [99]}, {"leavers": []}, {}])
def test_what_if_wants_a_list_of_leavers(as_user, body):
    assert problem_fields(as_user("hr").post_json("/api/succession/what-if", body)) == ["leavers"]


def test_what_if_promote_must_be_true_or_false(as_user):
    body = {"leavers": ["p099"], "promote": "false"}
    assert problem_fields(as_user("hr").post_json("/api/succession/what-if", body)) == ["promote"]


@pytest.mark.parametrize("url, name", [("/api/paths?to=p100", "from"), ("/api/paths?from=p033", "to")])
def test_a_path_needs_both_ends(as_user, url, name):
    assert problem_fields(as_user("vic").get(url)) == [name]


def test_critical_only_must_be_a_yes_or_no(as_user):
    assert problem_fields(as_user("hr").get("/api/succession?critical_only=maybe")) == ["critical_only"]


def test_hr_proposing_must_say_who_makes_the_introduction(as_user):
    body = {"introduce": "p033", "to": "p084"}
    assert problem_fields(as_user("hr").post_json("/api/introductions", body)) == ["by"]


def test_a_rating_sent_as_json_text_is_refused(as_user):
    assert problem_fields(as_user("hr").post_json("/api/introductions/i001", {"outcome": "4"})) == ["outcome"]
