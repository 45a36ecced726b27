"""Sessions: made anew at log-in, ended on the server at log-out and when the account goes,
ended by idleness and by age; cookie and transport settings; no caching of people's data."""

from __future__ import annotations

import shutil

import pytest

from netgraph.cli import main
from netgraph.web import create_app
from tests.conftest import PASSWORD
from tests.web.clock import Clock, clocked
from tests.web.conftest import Browser, csrf_from, make_app

PEOPLE = "/api/people?q=dana"


@pytest.fixture
def site(app):
    return app, clocked(app)


def cookie_of(browser) -> str:
    return browser.client.get_cookie("session").value


def with_cookie(app, value: str):
    client = app.test_client()
    client.set_cookie("session", value)
    return client


def test_logging_in_makes_a_new_session_id_each_time(app):
    browser = Browser(app)
    ids = []
    for _ in range(2):
        browser.login("hr")
        with browser.client.session_transaction() as session:
            ids.append(session["sid"])
    assert ids[0] != ids[1] and all(len(sid) >= 40 for sid in ids)


def test_a_cookie_from_before_log_in_is_not_carried_into_the_session(app):
    client = app.test_client()
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    token = csrf_from(client.get("/login"))
    client.post("/login", data={"name": "hr", "password": PASSWORD, "csrf_token": token})
    with client.session_transaction() as session:
        assert "planted" not in session and session["user"] == "hr"


def test_a_cookie_copied_before_log_out_is_refused_after_it(app):
    browser = Browser(app).login("hr")
    copied = cookie_of(browser)
    assert with_cookie(app, copied).get(PEOPLE).status_code == 200
    browser.post_form("/logout", {})
    assert with_cookie(app, copied).get(PEOPLE).status_code == 401


def test_a_session_works_across_app_instances_and_log_out_ends_it_in_all(app, demo_store, accounts_file):
    """Another process (or a restart) with the same secret key sees the same sessions."""
    browser = Browser(app).login("hr")
    other = make_app(demo_store, accounts_file)
    copied = cookie_of(browser)
    assert with_cookie(other, copied).get(PEOPLE).status_code == 200
    browser.post_form("/logout", {})
    assert with_cookie(other, copied).get(PEOPLE).status_code == 401


@pytest.fixture
def own_accounts(demo_store, accounts_file, tmp_path, monkeypatch):
    """An app on a copy of the accounts, which the CLI (another process, in real life) changes."""
    path = shutil.copy(accounts_file, tmp_path / "users.json")
    monkeypatch.setenv("NETGRAPH_USERS", str(path))
    monkeypatch.setenv("NETGRAPH_PASSWORD", PASSWORD)
    return make_app(demo_store, path)


def test_users_remove_ends_the_sessions_of_the_account(own_accounts):
    browser = Browser(own_accounts).login("vic")
    assert main(["users", "remove", "vic"]) == 0
    assert browser.get(PEOPLE).status_code == 401


def test_an_account_added_again_under_the_same_name_does_not_revive_old_sessions(own_accounts):
    browser = Browser(own_accounts).login("vic")
    copied = cookie_of(browser)
    main(["users", "remove", "vic"])
    main(["users", "add", "vic", "--role", "viewer"])
    assert with_cookie(own_accounts, copied).get(PEOPLE).status_code == 401


def test_a_session_lives_on_while_used_within_the_idle_timeout(site):
    app, clock = site
    browser = Browser(app).login("hr")
    for _ in range(5):
        clock.advance(29 * 60)
        assert browser.get(PEOPLE).status_code == 200


def test_a_session_ends_after_the_idle_timeout(site):
    app, clock = site
    browser = Browser(app).login("hr")
    clock.advance(30 * 60)
    assert browser.get(PEOPLE).status_code == 401


def test_a_session_ends_at_its_lifetime_however_busy(site):
    app, clock = site
    browser = Browser(app).login("hr")
    for _ in range(12 * 3 - 1):
        clock.advance(20 * 60)
        assert browser.get(PEOPLE).status_code == 200
    clock.advance(20 * 60)
    assert browser.get(PEOPLE).status_code == 401


def test_the_session_times_are_settings(demo_store, accounts_file):
    app = make_app(demo_store, accounts_file, NETGRAPH_SESSION_IDLE=60.0)
    clock = clocked(app)
    browser = Browser(app).login("hr")
    clock.advance(61)
    assert browser.get(PEOPLE).status_code == 401


def test_the_clock_given_to_create_app_times_the_sessions(demo_store, accounts_file):
    clock = Clock()
    config = {"SECRET_KEY": "test secret", "TESTING": True, "NETGRAPH_USERS": str(accounts_file)}
    browser = Browser(create_app(config, store=demo_store, clock=clock)).login("hr")
    clock.advance(31 * 60)
    assert browser.get(PEOPLE).status_code == 401


def test_an_ended_session_clears_its_cookie(site):
    app, clock = site
    browser = Browser(app).login("hr")
    clock.advance(13 * 3600)
    response = browser.get(PEOPLE)
    assert response.status_code == 401 and "session=;" in response.headers["Set-Cookie"]


def test_a_cookie_without_a_session_id_is_not_logged_in(app):
    client = app.test_client()
    with client.session_transaction() as session:
        session["user"] = "admin"  # as cookies were before sessions were kept on the server
    assert client.get(PEOPLE).status_code == 401


# -- cookie, transport, caching -------------------------------------------------------------------


def log_in_response(app, **environ):
    client = app.test_client()
    token = csrf_from(client.get("/login", **environ))
    return client.post("/login", data={"name": "hr", "password": PASSWORD, "csrf_token": token}, **environ)


def test_the_session_cookie_is_not_secure_by_default(app):
    assert "Secure" not in log_in_response(app).headers["Set-Cookie"]


def test_session_cookie_secure_makes_it_https_only_and_sends_hsts(store, accounts_file):
    app = make_app(store, accounts_file)
    app.config["SESSION_COOKIE_SECURE"] = True
    # over HTTPS, Flask-WTF also wants a same-site Referer, which browsers send
    response = log_in_response(app, base_url="https://localhost", headers={"Referer": "https://localhost/login"})
    assert "; Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_no_hsts_over_plain_http_by_default(app):
    assert "Strict-Transport-Security" not in app.test_client().get("/login").headers


@pytest.mark.parametrize(
    "url", [PEOPLE, "/people/p033", "/api/people/p033", "/succession", "/succession.csv", "/login"]
)
def test_answers_with_people_in_them_are_never_stored(as_user, url):
    assert as_user("hr").get(url).headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(app):
    response = app.test_client().get("/static/netgraph.css")
    assert response.status_code == 200 and "no-store" not in response.headers.get("Cache-Control", "")
