"""Log-ins arriving together, through a real waitress server (8 threads, as `netgraph serve` runs it):
only wrong passwords whose check has finished count, and the right ones wait their turn instead of
being refused."""

from __future__ import annotations

import threading

import pytest

from netgraph.web import create_app
from tests.conftest import PASSWORD
from tests.web.live import Visitor, serving

TOGETHER = 20


@pytest.fixture
def site(accounts_file_as_made):
    """The app on an empty throwaway store (log-ins do not read it) with the test accounts, hashed at the
    real cost: the checks take as long as in production, so the log-ins overlap as they would there."""
    return create_app(
        {"SECRET_KEY": "test secret", "NETGRAPH_DATA": ":memory:", "NETGRAPH_USERS": str(accounts_file_as_made)}
    )


def together(address, forms: list[tuple[str, str]]) -> list[int]:
    """Log in with each (name, password) from its own browser, the posts released at the same moment."""
    visitors = [Visitor(address) for _ in forms]
    bodies = [v.log_in_form(name, password) for v, (name, password) in zip(visitors, forms, strict=True)]
    start, statuses = threading.Barrier(len(forms)), [0] * len(forms)

    def post(i):
        start.wait()
        statuses[i] = visitors[i].request("POST", "/login", bodies[i])[0]

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(forms))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return statuses


def test_twenty_right_passwords_for_one_account_at_once_all_log_in(site):
    with serving(site) as address:
        statuses = together(address, [("hr", PASSWORD)] * TOGETHER)
    assert statuses == [302] * TOGETHER


def test_twenty_wrong_passwords_at_once_from_one_address_all_count(site):
    with serving(site) as address:
        statuses = together(address, [(f"user{i}", "wrong password") for i in range(TOGETHER)])
        after = Visitor(address).log_in("vic", PASSWORD)  # the address's 20 free failures are used up
    assert statuses == [401] * TOGETHER and after == 429


def test_wrong_passwords_for_one_name_at_once_check_only_its_free_failures(site):
    with serving(site) as address:
        statuses = together(address, [("admin", "wrong password")] * 10)
        after = Visitor(address).log_in("admin", PASSWORD)
    assert sorted(statuses) == [401] * 5 + [429] * 5 and after == 429
