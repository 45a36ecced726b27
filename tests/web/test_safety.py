"""CSRF on every state change, escaping of user text, security headers, and errors as statuses."""

from __future__ import annotations

import time

import pytest

from netgraph.errors import StoreUnavailable
from netgraph.web import create_app
from tests.web.conftest import PASSWORD, csrf_from, make_app


@pytest.mark.parametrize(
    "url, body",
    [
        ("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084"}),
        ("/api/introductions/i001", {"status": "declined"}),
        ("/api/succession/what-if", {"leavers": ["p099"]}),
    ],
)
def test_api_changes_without_a_csrf_token_are_refused(as_user, url, body):
    browser = as_user("admin")
    response = browser.client.post(url, json=body)
    assert response.status_code == 400 and "CSRF" in response.json["error"]


@pytest.mark.parametrize(
    "url, data",
    [
        ("/introductions", {"by": "p009", "introduce": "p033", "to": "p084"}),
        ("/introductions/i001", {"status": "declined"}),
        ("/succession/what-if", {"leavers": "p099"}),
        ("/logout", {}),
    ],
)
def test_form_posts_without_a_csrf_token_are_refused(as_user, url, data):
    response = as_user("admin").client.post(url, data=data)
    assert response.status_code == 400 and b"CSRF" in response.data


def test_log_in_itself_needs_the_token(app):
    response = app.test_client().post("/login", data={"name": "hr", "password": PASSWORD})
    assert response.status_code == 400


def test_every_response_carries_a_strict_content_security_policy(as_user):
    response = as_user("hr").get("/succession")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookies_are_httponly_and_samesite(app):
    client = app.test_client()
    token = csrf_from(client.get("/login"))
    response = client.post("/login", data={"name": "hr", "password": PASSWORD, "csrf_token": token})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unknown_ids_are_404_in_json_and_on_pages(as_user):
    hr = as_user("hr")
    assert hr.get("/api/people/p999").status_code == 404
    assert hr.get("/api/people/p999").json["error"] == "unknown person 'p999'"
    assert hr.get("/people/p999").status_code == 404
    assert hr.get("/api/succession/positions/pos-nope").status_code == 404


def test_bad_requests_are_422_with_the_problem(as_user):
    response = as_user("hr").get("/api/people?q=a")
    assert response.status_code == 422 and response.json["problems"][0]["field"] == "q"


class DownStore:
    """Stands in for a Neo4j store whose server has gone away."""

    kind = "neo4j"

    def __getattr__(self, name):
        def unavailable(*args, **kwargs):
            raise StoreUnavailable("Neo4j at bolt://127.0.0.1:1 is not answering")

        return unavailable


def test_a_database_that_is_down_is_a_503_page_and_api_answer(accounts_file):
    from tests.web.conftest import Browser

    app = make_app(DownStore(), accounts_file)
    browser = Browser(app).login("hr")
    api = browser.get("/api/people?q=dana")
    assert api.status_code == 503 and "not answering" in api.json["error"]
    page = browser.get("/people/p033")
    assert page.status_code == 503 and b"The graph database is not answering" in page.data
    assert b"Traceback" not in page.data


def test_an_unreachable_neo4j_is_a_503_within_seconds(accounts_file):
    from tests.web.conftest import Browser

    app = create_app(
        {
            "SECRET_KEY": "test secret",
            "TESTING": True,
            "NEO4J_URI": "bolt://127.0.0.1:1",
            "NETGRAPH_NEO4J_TIMEOUT": 1.0,
            "NETGRAPH_USERS": str(accounts_file),
        }
    )
    browser = Browser(app).login("hr")
    started = time.monotonic()
    response = browser.get("/api/people?q=dana")
    assert response.status_code == 503 and "127.0.0.1:1" in response.json["error"]
    assert time.monotonic() - started < 10
    page = browser.get("/people/p033")
    assert page.status_code == 503 and b"reconnects by itself" in page.data
