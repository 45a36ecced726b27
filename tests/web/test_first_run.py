"""The log-in link `netgraph start` prints (web/auth.py): once, in time, from this machine only, and a
log-in like the form's. The first-run admin account it logs in as (netgraph/accounts.py)."""

from __future__ import annotations

import logging

import pytest

from netgraph.accounts import Accounts
from netgraph.web.auth import issue_login_link
from tests.web.clock import clocked
from tests.web.conftest import make_app

LINK_TTL = 600.0


@pytest.fixture
def link_app(demo_store, tmp_path):
    """The demo organisation, an accounts file with only the first-run admin account, and a fresh link."""
    name, _ = Accounts(tmp_path / "users.json").first_run_admin()
    app = make_app(demo_store, tmp_path / "users.json")
    return app, name


def link(app, name) -> str:
    return f"/login/link/{issue_login_link(app, name)}"


def logged_in_as(client) -> str | None:
    """The account the client's session is logged in as, from the home's JSON twin (None: not logged in)."""
    answer = client.get("/api/home")
    return answer.json["account"]["name"] if answer.status_code == 200 else None


def test_the_link_logs_in_as_the_first_run_admin_and_lands_on_the_home(link_app):
    app, name = link_app
    client = app.test_client()
    response = client.get(link(app, name))
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert logged_in_as(client) == name
    assert client.get("/").status_code == 200


def test_the_link_works_once(link_app):
    app, name = link_app
    url = link(app, name)
    assert app.test_client().get(url).status_code == 302
    again = app.test_client()
    assert again.get(url).status_code == 403
    assert logged_in_as(again) is None


def test_the_link_works_only_from_this_machine(link_app):
    app, name = link_app
    url = link(app, name)
    elsewhere = app.test_client()
    response = elsewhere.get(url, environ_base={"REMOTE_ADDR": "10.0.0.5"})
    assert response.status_code == 403 and "does not work" in response.get_data(as_text=True)
    assert logged_in_as(elsewhere) is None


def test_a_link_seen_from_elsewhere_is_used_up(link_app):
    app, name = link_app
    url = link(app, name)
    app.test_client().get(url, environ_base={"REMOTE_ADDR": "10.0.0.5"})
    assert app.test_client().get(url).status_code == 403


def test_the_link_works_from_ipv6_loopback(link_app):
    app, name = link_app
    client = app.test_client()
    assert client.get(link(app, name), environ_base={"REMOTE_ADDR": "::1"}).status_code == 302
    assert logged_in_as(client) == name


def test_the_link_expires(link_app):
    app, name = link_app
    clock = clocked(app)
    url = link(app, name)
    clock.advance(LINK_TTL)
    client = app.test_client()
    assert client.get(url).status_code == 403
    assert logged_in_as(client) is None


def test_the_link_works_until_it_expires(link_app):
    app, name = link_app
    clock = clocked(app)
    url = link(app, name)
    clock.advance(LINK_TTL - 1)
    assert app.test_client().get(url).status_code == 302


def test_the_links_lifetime_is_a_setting(demo_store, tmp_path):
    name, _ = Accounts(tmp_path / "users.json").first_run_admin()
    from netgraph.web import create_app

    app = create_app(
        {
            "SECRET_KEY": "test",
            "TESTING": True,
            "NETGRAPH_USERS": str(tmp_path / "users.json"),
            "NETGRAPH_LOGIN_LINK_TTL": 30.0,
        },
        store=demo_store,
    )
    clock = clocked(app)
    url = link(app, name)
    clock.advance(30)
    assert app.test_client().get(url).status_code == 403


@pytest.mark.parametrize("token", ["nope", "x" * 43, "%00", "a" * 2000])
def test_a_made_up_token_is_refused(link_app, token):
    app, name = link_app
    link(app, name)  # a real one exists
    client = app.test_client()
    assert client.get(f"/login/link/{token}").status_code == 403
    assert logged_in_as(client) is None


def test_each_link_is_new_and_the_server_keeps_only_a_digest(link_app):
    app, name = link_app
    tokens = {issue_login_link(app, name) for _ in range(3)}
    assert len(tokens) == 3
    kept = repr(vars(app.extensions["netgraph_login_links"]))
    assert not any(token in kept for token in tokens)


def test_the_links_session_is_a_server_side_session_that_log_out_ends(link_app):
    app, name = link_app
    client = app.test_client()
    client.get(link(app, name))
    cookie = client.get_cookie("session")
    page = client.get("/").get_data(as_text=True)
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    copied = app.test_client()
    copied.set_cookie("session", cookie.value)
    assert logged_in_as(copied) is None


def test_a_link_for_an_account_removed_since_is_refused(link_app):
    app, name = link_app
    url = link(app, name)
    Accounts(app.extensions["netgraph_settings"].users_file).remove(name)
    assert app.test_client().get(url).status_code == 403


def test_the_link_log_in_is_logged_like_a_log_in_and_a_refusal_as_a_warning(link_app, caplog):
    app, name = link_app
    url = link(app, name)
    with caplog.at_level(logging.INFO, logger="netgraph.web.auth"):
        app.test_client().get(url)
        app.test_client().get(url)
    assert f"log-in: '{name}' from 127.0.0.1 (log-in link)" in caplog.messages
    assert any(
        r.levelno == logging.WARNING and r.message.startswith("log-in link refused from 127.0.0.1")
        for r in caplog.records
    )
    assert not any(url.rsplit("/", 1)[1] in message for message in caplog.messages)


# -- the first-run account ----------------------------------------------------------------------------


def test_the_first_run_admin_is_made_once_and_found_again(tmp_path):
    book = Accounts(tmp_path / "users.json")
    assert book.first_run_admin() == ("admin", True)
    assert book.first_run_admin() == ("admin", False)
    assert book.list() == [{"name": "admin", "role": "admin", "person": None, "signs_in": "password"}]


def test_the_first_run_admin_takes_no_account_made_by_hand(tmp_path):
    book = Accounts(tmp_path / "users.json")
    book.add("admin", "a long passphrase", role="viewer")
    assert book.first_run_admin() == ("admin-2", True)
    assert book.get("admin")["role"] == "viewer"


def test_no_one_knows_the_first_run_admins_password(tmp_path):
    book = Accounts(tmp_path / "users.json")
    name, _ = book.first_run_admin()
    assert book.check(name, "") is None and book.check(name, name) is None


def test_the_log_in_form_on_a_used_links_page_posts_to_login(link_app):
    """The refusal offers the log-in form: it must send the password to /login, not back to the link (405)."""
    import re

    from tests.web.conftest import csrf_from

    app, name = link_app
    url = link(app, name)
    app.test_client().get(url)  # used up
    client = app.test_client()
    page = client.get(url)
    action = re.search(r'<form method="post"[^>]* action="([^"]+)"', page.get_data(as_text=True))
    assert page.status_code == 403 and action and action.group(1) == "/login"
    answer = client.post(action.group(1), data={"name": name, "password": "not it", "csrf_token": csrf_from(page)})
    assert answer.status_code == 401 and "wrong name or password" in answer.get_data(as_text=True)


@pytest.mark.parametrize(
    "ttl, words", [(4.0, "4 seconds"), (90.0, "90 seconds"), (600.0, "10 minutes"), (60.0, "1 minute")]
)
def test_the_start_up_line_gives_the_links_lifetime_in_seconds_unless_whole_minutes(ttl, words):
    from netgraph.web import lifetime_words

    assert lifetime_words(ttl) == words
