"""A mentoring round from HR's review to mentorships, in Chromium, on the test Neo4j.

HR runs the round on its review page, reads the pairs, sends them; the
mentor and the mentee of a pair each accept on their home page, and the
mentorship shows on both person pages. A decline frees the mentor's place,
and HR's next run fills it with the mentee who was left. The pool: three
mentees of the demo and one mentor with two places, so one mentee waits.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.accounts import Accounts
from netgraph.analysis.matching import rounds
from netgraph.analysis.matching.inputs import MatchSettings
from tests.conftest import PASSWORD

pytestmark = pytest.mark.neo4j

MENTEES = ("p003", "p005", "p006")
MENTOR = "p002"


@pytest.fixture(scope="module", autouse=True)
def members(accounts_file):
    """An account for each member of the round (``round-<id>``), in the accounts file the live app reads."""
    book = Accounts(accounts_file)
    for person in (*MENTEES, MENTOR):
        if book.get(f"round-{person}") is None:
            book.add(f"round-{person}", PASSWORD, role="viewer", person=person)


def open_round(store, name: str) -> None:
    rows = [{"person": p, "side": "mentee", "capacity": None, "preferences": [], "where": "pool"} for p in MENTEES]
    rows.append({"person": MENTOR, "side": "mentor", "capacity": 2, "preferences": [], "where": "pool"})
    rounds.open_round(
        store, name, deadline=date(2099, 1, 31), today=date.today(), rows=rows, source={}, settings=MatchSettings()
    )


def hr_runs_and_sends(visit, name: str):
    tab = visit("hr")
    tab.go(f"/match/{name}")
    tab.page.click("button[data-action=run]")
    tab.page.wait_for_selector(".flash")
    tab.page.click("button[data-action=send]")
    tab.page.wait_for_selector(".flash")
    return tab


def answer(visit, person: str, mentee: str, choice: str) -> str:
    tab = visit(f"round-{person}")
    proposal = tab.page.locator(f".match-proposal[data-mentee={mentee}]")
    proposal.locator("button", has_text=choice).click()
    tab.page.wait_for_selector(".flash")
    return tab.page.inner_text(".flash")


def test_hr_reviews_and_sends_then_both_accept_and_the_mentorship_shows_on_both_pages(visit, browser_store, restored):
    open_round(browser_store, "browser-round")
    tab = hr_runs_and_sends(visit, "browser-round")
    assert tab.page.inner_text(".flash").startswith("Sent 2 proposal(s)")
    assert tab.page.locator("table.match-figures tr[data-matching=greedy]").count() == 1
    rows = tab.page.locator("table.match-pairs tbody tr[data-status=open]")
    assert rows.count() == 2 and rows.first.locator("li").count() >= 1
    mentee = rows.first.get_attribute("data-mentee")
    assert answer(visit, mentee, mentee, "Accept") == "You accepted: waiting for the other side"
    assert answer(visit, MENTOR, mentee, "Accept") == "Both of you accepted: the mentorship starts today"
    for page, other in ((MENTOR, mentee), (mentee, MENTOR)):
        tab.go(f"/people/{page}")
        assert tab.page.locator(f"main a[href='/people/{other}']").count() >= 1


def test_a_decline_frees_the_place_and_hrs_next_run_fills_it(visit, browser_store, restored):
    open_round(browser_store, "browser-decline")
    tab = hr_runs_and_sends(visit, "browser-decline")
    sent = [p["mentee"] for p in browser_store.match_proposals("browser-decline")]
    left = next(p for p in MENTEES if p not in sent)
    assert answer(visit, sent[0], sent[0], "Decline") == "You declined the proposal"
    tab.go("/match/browser-decline")
    tab.page.click("button[data-action=run]")
    tab.page.wait_for_selector(".flash")
    tab.page.click("button[data-action=send]")
    tab.page.wait_for_selector(".flash")
    assert tab.page.inner_text(".flash").startswith("Sent 1 proposal(s)")
    theirs = visit(f"round-{left}").page.locator(f".match-proposal[data-mentor={MENTOR}][data-mentee={left}]")
    assert theirs.count() == 1 and theirs.get_attribute("data-status") == "open"
