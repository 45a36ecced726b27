"""Who may see what: every page and API endpoint, for every role, enforced on the server."""

from __future__ import annotations

import pytest

from tests.web.conftest import Browser, with_a_round

#: (method, url) -> the roles that may use it ("any": every logged-in user)
ROUTES = {
    ("GET", "/"): "any",
    ("GET", "/?q=dana"): "any",
    ("GET", "/search?q=dana"): "any",
    ("GET", "/api/home"): "any",
    ("GET", "/api/people?q=dana"): "any",
    ("GET", "/api/units?q=sales"): "any",
    ("GET", "/api/skills?q=neg"): "any",
    ("GET", "/people/p033"): "any",
    ("GET", "/api/people/p033"): "any",
    ("GET", "/api/ties/p009/p033"): "any",
    ("GET", "/explore/p033"): "any",
    ("GET", "/api/people/p033/network?depth=2"): "any",
    ("GET", "/paths?from=p033&to=p100"): "any",
    ("GET", "/api/paths?from=p033&to=p100"): "any",
    ("GET", "/api/people/p033/recommendations"): {"admin", "hr", "sana"},
    ("GET", "/introductions"): {"admin", "hr", "sana", "olga"},
    ("GET", "/api/introductions"): {"admin", "hr", "sana", "olga"},
    ("GET", "/succession"): {"admin", "hr"},
    ("GET", "/api/succession"): {"admin", "hr"},
    ("GET", "/succession.csv"): {"admin", "hr"},
    ("GET", "/succession/positions/pos-head-sales"): {"admin", "hr"},
    ("GET", "/api/succession/positions/pos-head-sales"): {"admin", "hr"},
    ("GET", "/api/succession/pipeline"): {"admin", "hr"},
    ("GET", "/succession/what-if"): {"admin", "hr"},
    ("GET", "/succession/chart"): {"admin", "hr"},
    ("GET", "/api/succession/chart?unit=u-sales"): {"admin", "hr"},
    ("GET", "/programme"): {"admin", "hr"},
    ("GET", "/api/programme"): {"admin", "hr"},
    ("GET", "/api/programme/growth"): {"admin", "hr"},
    ("GET", "/programme/cohort"): {"admin", "hr"},
    ("GET", "/insights"): {"admin", "hr"},
    ("GET", "/api/insights/brokers"): {"admin", "hr"},
    ("GET", "/api/insights/cut-points"): {"admin", "hr"},
    ("GET", "/insights/impact"): {"admin", "hr"},
    ("GET", "/api/insights/impact"): {"admin", "hr"},
    ("GET", "/insights/exposure"): {"admin", "hr"},
    ("GET", "/api/insights/exposure"): {"admin", "hr"},
    ("GET", "/api/insights/silos"): {"admin", "hr"},
    ("GET", "/api/insights/heat-map"): {"admin", "hr"},
    ("GET", "/api/insights/communities"): {"admin", "hr"},
    ("GET", "/api/match/rounds"): {"admin", "hr"},
    ("GET", "/api/match/rounds/demo-round"): {"admin", "hr"},
    ("GET", "/api/openapi.json"): "any",
    ("GET", "/audit"): {"admin"},
    ("GET", "/api/audit"): {"admin"},
}
USERS = ("admin", "hr", "sana", "olga", "vic")


def expected(allowed, user) -> int:
    return 200 if allowed == "any" or user in allowed else 403


@pytest.fixture
def app(embedded_app):
    """The role matrix is the web layer's: it runs on one store (tests/web/conftest.py says why)."""
    return with_a_round(embedded_app)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("method, url", list(ROUTES))
def test_each_role_gets_exactly_what_it_may_see(as_user, method, url, user):
    response = as_user(user).get(url)
    assert response.status_code == expected(ROUTES[method, url], user), response.data[:300]


@pytest.mark.parametrize("method, url", list(ROUTES))
def test_anonymous_visitors_are_sent_to_log_in_or_get_401(app, method, url):
    response = app.test_client().get(url)
    if url.startswith("/api/"):
        assert response.status_code == 401 and response.json["error"] == "log in first"
    else:
        assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("user", ["vic", "olga"])
def test_what_if_cannot_be_posted_without_the_hr_role(as_user, user):
    browser = as_user(user)
    assert browser.post_json("/api/succession/what-if", {"leavers": ["p099"]}).status_code == 403
    assert browser.post_form("/succession/what-if", {"leavers": "p099"}).status_code == 403


def test_flight_risk_is_hidden_from_everyone_but_hr_and_admin(as_user):
    assert as_user("hr").get("/api/people/p136").json["flight_risk"] == "high"
    assert as_user("admin").get("/api/people/p136").json["flight_risk"] == "high"
    for user in ("sana", "olga", "vic"):
        assert as_user(user).get("/api/people/p136").json["flight_risk"] is None


def test_a_mentor_sees_recommendations_only_for_their_own_mentees(as_user):
    sana = as_user("sana")
    found = sana.get("/api/people/p033/recommendations").json
    assert found["results"] and {r["introducer"] for r in found["results"]} == {"p009"}
    assert as_user("olga").get("/api/people/p033/recommendations").status_code == 403


def test_a_mentor_lists_only_introductions_they_may_see(as_user):
    """Those naming them, and those introducing or introduced to their active mentees (test_visibility.py)."""
    olga, mentees = "p125", {"p013", "p036", "p054", "p066", "p109", "p139"}
    listed = as_user("olga").get("/api/introductions").json["introductions"]
    assert listed and all(
        olga in (i["by"], i["introduce"], i["to"]) or {i["introduce"], i["to"]} & mentees for i in listed
    )


def test_a_wrong_password_is_refused(app):
    browser = Browser(app)
    from tests.web.conftest import csrf_from

    token = csrf_from(browser.client.get("/login"))
    response = browser.client.post("/login", data={"name": "hr", "password": "nope", "csrf_token": token})
    assert response.status_code == 401 and b"wrong name or password" in response.data


def test_log_in_returns_only_to_pages_of_this_site(app):
    from tests.web.conftest import PASSWORD, csrf_from

    client = app.test_client()
    token = csrf_from(client.get("/login"))
    response = client.post(
        "/login?next=//evil.example/x", data={"name": "hr", "password": PASSWORD, "csrf_token": token}
    )
    assert response.headers["Location"] == "/"


def test_recommendations_for_an_unknown_person_are_404_for_every_role(as_user):
    for user in ("hr", "olga"):
        response = as_user(user).get("/api/people/p999/recommendations")
        assert response.status_code == 404 and response.json["error"] == "unknown person 'p999'"
