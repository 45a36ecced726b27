"""Behind a reverse proxy, through a real waitress server (the one `netgraph serve` runs): forwarded
headers are believed only from the address NETGRAPH_TRUSTED_PROXY names, and deleted from every other.

The tests connect from 127.0.0.1, so naming 127.0.0.1 makes them the proxy, and naming another address
makes them a client that reached the server directly and forges the headers.
"""

from __future__ import annotations

import logging

import pytest

from netgraph.web import create_app
from tests.conftest import PASSWORD
from tests.web.live import Visitor, serving

CLIENT = "203.0.113.9"
FROM_CLIENT_OVER_HTTPS = {
    "X-Forwarded-For": CLIENT,
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "netgraph.example",
}


def site(accounts_file, proxy: str | None):
    return create_app(
        {
            "SECRET_KEY": "test secret",
            "NETGRAPH_DATA": ":memory:",
            "NETGRAPH_USERS": str(accounts_file),
            "NETGRAPH_TRUSTED_PROXY": proxy,
        }
    )


def failed_log_in_line(address, headers, caplog) -> str:
    """The log line of one wrong password sent with ``headers``."""
    visitor = Visitor(address, headers)
    with caplog.at_level(logging.WARNING, logger="netgraph.web.auth"):
        body = visitor.log_in_form("hr", "wrong password")
        visitor.headers["Referer"] = "https://netgraph.example/login"
        status = visitor.request("POST", "/login", body)[0]
    assert status == 401
    [line] = [r.getMessage() for r in caplog.records if "log-in failed" in r.getMessage()]
    return line


@pytest.mark.parametrize("proxy", [None, "192.0.2.1"], ids=["no proxy named", "another address named"])
def test_forged_forwarded_headers_are_deleted(accounts_file, caplog, proxy):
    with serving(site(accounts_file, proxy)) as address:
        line = failed_log_in_line(address, FROM_CLIENT_OVER_HTTPS, caplog)
        _, headers, _ = Visitor(address, FROM_CLIENT_OVER_HTTPS).request("GET", "/login")
    assert "from 127.0.0.1" in line and CLIENT not in line
    assert "Strict-Transport-Security" not in headers


def test_the_trusted_proxys_forwarded_address_is_the_clients(accounts_file, caplog):
    with serving(site(accounts_file, "127.0.0.1")) as address:
        line = failed_log_in_line(address, FROM_CLIENT_OVER_HTTPS, caplog)
    assert f"from {CLIENT}" in line


def test_the_trusted_proxys_https_makes_answers_carry_hsts(accounts_file):
    with serving(site(accounts_file, "127.0.0.1")) as address:
        _, headers, _ = Visitor(address, FROM_CLIENT_OVER_HTTPS).request("GET", "/login")
    assert headers["Strict-Transport-Security"] == "max-age=31536000"


def test_over_the_trusted_proxys_https_a_log_in_from_another_site_is_refused_by_the_referer_check(accounts_file):
    with serving(site(accounts_file, "127.0.0.1")) as address:
        visitor = Visitor(address, FROM_CLIENT_OVER_HTTPS)
        body = visitor.log_in_form("hr", PASSWORD)
        visitor.headers["Referer"] = "https://evil.example/login"
        refused = visitor.request("POST", "/login", body)[0]
        visitor.headers["Referer"] = "https://netgraph.example/login"
        accepted = visitor.request("POST", "/login", body)[0]
    assert (refused, accepted) == (400, 302)


def test_behind_the_trusted_proxy_one_clients_failures_do_not_make_another_wait(accounts_file):
    with serving(site(accounts_file, "127.0.0.1")) as address:
        for i in range(21):  # the free failures of one address, and one more
            Visitor(address, {"X-Forwarded-For": CLIENT}).log_in(f"user{i}", "wrong password")
        blocked = Visitor(address, {"X-Forwarded-For": CLIENT}).log_in("vic", PASSWORD)
        other = Visitor(address, {"X-Forwarded-For": "198.51.100.7"}).log_in("vic", PASSWORD)
    assert (blocked, other) == (429, 302)
