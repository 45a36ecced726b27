"""Log-in limits: after some free failures, a growing wait per name and per client address (429, Retry-After).

Time is a hand-moved clock: nothing here sleeps.
"""

from __future__ import annotations

import logging
import shutil
import threading

import pytest

from netgraph.cli import main
from netgraph.web.auth import DEVICE_COOKIE
from netgraph.web.login_limits import BUSY, LoginLimits
from tests.conftest import PASSWORD
from tests.web.clock import clocked
from tests.web.conftest import csrf_from, make_app


@pytest.fixture
def accounts_copy(accounts_file, tmp_path):
    """A copy of the test accounts, for tests that change them (``users unlock``)."""
    return shutil.copy(accounts_file, tmp_path / "users.json")


@pytest.fixture
def site(store, accounts_copy):
    app = make_app(store, accounts_copy)
    return app, clocked(app)


def log_in(client, name, password, address="192.0.2.1"):
    token = csrf_from(client.get("/login", environ_base={"REMOTE_ADDR": address}))
    return client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token}, environ_base={"REMOTE_ADDR": address}
    )


def test_fifty_wrong_passwords_in_seven_seconds_check_only_the_free_five_and_one_after_each_wait(site):
    app, clock = site
    client = app.test_client()
    statuses = []
    for _ in range(50):
        statuses.append(log_in(client, "admin", "wrong password").status_code)
        clock.advance(7 / 50)
    # free failures at 0-0.56 s; then waits of 1 s (one try at 1.68 s) and 2 s (one at 3.78 s); 4 s is past 7 s
    assert statuses[:5] == [401] * 5 and statuses.count(401) == 7 and statuses.count(429) == 43
    assert log_in(client, "admin", PASSWORD).status_code == 429


def test_the_right_password_while_the_name_waits_is_refused_with_retry_after(site):
    app, clock = site
    client = app.test_client()
    for _ in range(5):
        log_in(client, "admin", "wrong password")
    response = log_in(client, "admin", PASSWORD)
    assert response.status_code == 429 and response.headers["Retry-After"] == "1"
    assert b"try again in 1 seconds" in response.data


def test_the_right_password_after_the_wait_logs_in(site):
    app, clock = site
    client = app.test_client()
    for _ in range(5):
        log_in(client, "admin", "wrong password")
    clock.advance(1)
    assert log_in(client, "admin", PASSWORD).status_code == 302


def test_each_further_failure_doubles_the_wait(site):
    app, clock = site
    client = app.test_client()
    for _ in range(5):
        log_in(client, "hr", "wrong password")
    waits = []
    for _ in range(4):
        refused = log_in(client, "hr", "wrong password")
        waits.append(int(refused.headers["Retry-After"]))
        clock.advance(waits[-1])
        assert log_in(client, "hr", "wrong password").status_code == 401
    assert waits == [1, 2, 4, 8]


def test_the_name_waits_whichever_address_tries_it(site):
    app, _ = site
    client = app.test_client()
    for _ in range(5):
        log_in(client, "admin", "wrong password", address="192.0.2.1")
    assert log_in(client, "admin", PASSWORD, address="198.51.100.7").status_code == 429


def test_a_spray_over_many_names_from_one_address_is_slowed(site):
    app, _ = site
    client = app.test_client()
    statuses = [log_in(client, f"user{i}", "wrong password").status_code for i in range(21)]
    assert statuses[:20] == [401] * 20 and statuses[20] == 429
    assert log_in(client, "vic", PASSWORD).status_code == 429
    assert log_in(client, "vic", PASSWORD, address="198.51.100.7").status_code == 302


def test_unknown_names_are_slowed_like_accounts(site):
    app, _ = site
    client = app.test_client()
    answers = [log_in(client, "nobody", "wrong password").status_code for _ in range(6)]
    assert answers == [401] * 5 + [429]


def test_the_numbers_are_settings(store, accounts_file):
    app = make_app(store, accounts_file, NETGRAPH_LOGIN_FREE_FAILURES=2, NETGRAPH_LOGIN_DELAY=30.0)
    clocked(app)
    client = app.test_client()
    answers = [log_in(client, "hr", "wrong password") for _ in range(3)]
    assert [a.status_code for a in answers] == [401, 401, 429] and answers[2].headers["Retry-After"] == "30"


def test_users_unlock_clears_the_wait_in_the_running_server(site, accounts_copy, monkeypatch, capsys):
    app, _ = site
    client = app.test_client()
    for _ in range(8):
        log_in(client, "admin", "wrong password", address=f"192.0.2.{_}")
    assert log_in(client, "admin", PASSWORD, address="198.51.100.7").status_code == 429
    monkeypatch.setenv("NETGRAPH_USERS", str(accounts_copy))
    assert main(["users", "unlock", "admin"]) == 0
    assert log_in(client, "admin", PASSWORD, address="198.51.100.7").status_code == 302


def test_every_failure_is_logged_with_name_and_address_but_no_password(site, caplog):
    app, _ = site
    with caplog.at_level(logging.WARNING, logger="netgraph.web.auth"):
        log_in(app.test_client(), "hr", "hunter2 hunter2", address="203.0.113.5")
    [record] = [r for r in caplog.records if r.name == "netgraph.web.auth"]
    message = record.getMessage()
    assert record.levelno == logging.WARNING and "'hr'" in message and "203.0.113.5" in message
    assert "an account" in message and "hunter2" not in message


def test_every_refusal_is_logged(site, caplog):
    app, _ = site
    client = app.test_client()
    with caplog.at_level(logging.WARNING, logger="netgraph.web.auth"):
        for _ in range(7):
            log_in(client, "nobody", "wrong password")
    messages = [r.getMessage() for r in caplog.records if r.name == "netgraph.web.auth"]
    assert len(messages) == 7 and sum("refused" in m and "must wait 1 s" in m for m in messages) == 2


def test_a_forged_log_line_in_the_name_is_escaped(site, caplog):
    app, _ = site
    with caplog.at_level(logging.WARNING, logger="netgraph.web.auth"):
        log_in(app.test_client(), "x\nINFO log-in: 'admin'", "wrong password")
    assert all("\n" not in r.getMessage() for r in caplog.records)


# -- device cookies ---------------------------------------------------------------------------


def known_browser(app) -> object:
    """A browser that has logged in to ``admin`` before (and logged out since)."""
    client = app.test_client()
    assert log_in(client, "admin", PASSWORD).status_code == 302
    client.delete_cookie("session")
    return client


def test_a_log_in_leaves_a_signed_httponly_device_cookie(site):
    app, _ = site
    response = log_in(app.test_client(), "admin", PASSWORD)
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{DEVICE_COOKIE}=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=7776000" in cookie


def test_failures_from_elsewhere_do_not_delay_a_browser_that_logged_in_before(site):
    app, _ = site
    browser = known_browser(app)
    for i in range(8):
        log_in(app.test_client(), "admin", "wrong password", address=f"203.0.113.{i}")
    assert log_in(app.test_client(), "admin", PASSWORD, address="198.51.100.7").status_code == 429
    assert log_in(browser, "admin", PASSWORD).status_code == 302


def test_a_known_browsers_own_wrong_passwords_delay_it(site):
    app, _ = site
    browser = known_browser(app)
    answers = [log_in(browser, "admin", "wrong password").status_code for _ in range(6)]
    assert answers == [401] * 5 + [429]


def test_a_forged_device_cookie_is_no_device(site):
    app, _ = site
    for i in range(5):
        log_in(app.test_client(), "admin", "wrong password", address=f"203.0.113.{i}")
    forger = app.test_client()
    forger.set_cookie(DEVICE_COOKIE, "eyJhZG1pbiI6ImQxIn0.forged.signature")
    assert log_in(forger, "admin", PASSWORD).status_code == 429


def test_a_device_cookie_for_another_account_does_not_help(site):
    app, _ = site
    client = app.test_client()
    assert log_in(client, "hr", PASSWORD).status_code == 302
    for i in range(5):
        log_in(app.test_client(), "admin", "wrong password", address=f"203.0.113.{i}")
    assert log_in(client, "admin", PASSWORD).status_code == 429


# -- the counting itself ----------------------------------------------------------------------


def limits(**settings) -> LoginLimits:
    return LoginLimits(
        **{"free": 3, "free_per_address": 10, "delay": 1.0, "max_delay": 60.0, "reset_after": 600.0, **settings}
    )


def fail(book: LoginLimits, name: str, address: str, *, now: float) -> float:
    """One attempt that, if it may check, finds the password wrong: the wait it was told (0.0: checked)."""
    wait = book.attempt(name, address, now=now)
    if wait == 0.0:
        book.failed(name, address, now=now)
    return wait


def test_no_more_checks_run_at_once_than_free_failures_are_left_the_others_are_busy_not_refused():
    book = limits()
    started = [book.attempt("ada", "192.0.2.1", now=0.0) for _ in range(5)]  # none has finished yet
    assert started == [0.0, 0.0, 0.0, BUSY, BUSY] and book.failures("ada", "192.0.2.1") == (0, 0)


def test_a_right_password_gives_its_turn_back_without_counting():
    book = limits()
    for _ in range(3):
        book.attempt("ada", "192.0.2.1", now=0.0)
    book.succeeded("ada", "192.0.2.1")
    assert book.attempt("ada", "192.0.2.1", now=0.0) == 0.0 and book.failures("ada", "192.0.2.1") == (0, 0)


def test_only_finished_wrong_passwords_count():
    book = limits()
    for _ in range(3):
        book.attempt("ada", "192.0.2.1", now=0.0)
    book.failed("ada", "192.0.2.1", now=0.0)
    assert book.failures("ada", "192.0.2.1") == (1, 1)


def test_after_the_free_failures_one_check_at_a_time_once_the_wait_is_over():
    book = limits()
    for _ in range(3):
        fail(book, "ada", "192.0.2.1", now=0.0)
    assert book.attempt("ada", "192.0.2.1", now=1.0) == 0.0
    assert book.attempt("ada", "192.0.2.1", now=1.0) == BUSY


def test_a_turn_taker_waits_for_a_turn_given_back_and_then_checks():
    book = limits(free=1)
    assert book.attempt("ada", "192.0.2.1", now=0.0) == 0.0
    threading.Timer(0.2, book.succeeded, ("ada", "192.0.2.1")).start()
    assert book.take_turn("ada", "192.0.2.1", clock=lambda: 0.0, patience=5.0) == 0.0


def test_a_turn_taker_gives_up_after_its_patience():
    book = limits(free=1)
    book.attempt("ada", "192.0.2.1", now=0.0)
    assert book.take_turn("ada", "192.0.2.1", clock=lambda: 0.0, patience=0.2) == BUSY


def test_the_wait_never_grows_beyond_the_longest_delay():
    book, now, waits = limits(), 0.0, []
    for _ in range(40):  # fail at once whenever allowed, else sit out the wait
        wait = fail(book, "ada", "192.0.2.1", now=now)
        if wait:
            waits.append(wait)
            now += wait
    assert waits[:6] == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0] and set(waits[6:]) == {60.0}


def test_a_right_password_forgets_the_name_but_not_the_address():
    book = limits()
    for name in ("a", "b", "c"):
        fail(book, name, "192.0.2.1", now=0.0)
    fail(book, "ada", "192.0.2.1", now=0.0)
    book.attempt("ada", "192.0.2.1", now=0.0)
    book.succeeded("ada", "192.0.2.1")
    assert book.failures("ada", "192.0.2.1") == (0, 4)


def test_counts_are_forgotten_a_while_after_the_wait_ends():
    book = limits()
    for _ in range(4):
        fail(book, "ada", "192.0.2.1", now=0.0 if _ < 3 else 1.0)
    assert fail(book, "ada", "192.0.2.1", now=2.9) > 0  # waits 2 s after the fourth failure, at 1 s
    assert fail(book, "ada", "192.0.2.1", now=3.0 + 600.0) == 0.0
    assert book.failures("ada", "192.0.2.1") == (1, 1)


def test_addresses_in_one_ipv6_64_count_together():
    book = limits(free_per_address=2)
    fail(book, "a", "2001:db8::1", now=0.0)
    fail(book, "b", "2001:db8::2", now=0.0)
    assert fail(book, "c", "2001:db8::ffff:3", now=0.0) == 1.0


def test_a_devices_failures_and_the_names_are_counted_apart():
    book = limits()
    for _ in range(3):
        fail(book, "ada", f"192.0.2.{_}", now=0.0)
    assert book.attempt("ada", "198.51.100.7", now=0.0) == 1.0
    assert book.attempt("ada", "198.51.100.7", now=0.0, device="d1") == 0.0
