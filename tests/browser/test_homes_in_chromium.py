"""What each person sees first after logging in (web/home.py), in Chromium, on the test Neo4j.

Screenshots for docs/web-ui.md: docs/screenshots/home-mentor.png, home-hr.png, home-person.png
(and first-run-home.png, admin's home, from test_first_run_in_chromium.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from netgraph.accounts import Accounts
from tests.browser.conftest import ARTIFACTS
from tests.conftest import PASSWORD
from tests.web.test_homes import MORE_ACCOUNTS

pytestmark = pytest.mark.neo4j

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module", autouse=True)
def vera(accounts_file):
    """vera, a viewer who is p033 Dana Okafor, in the accounts file the live app reads."""
    book = Accounts(accounts_file)
    for name, (role, person) in MORE_ACCOUNTS.items():
        if book.get(name) is None:
            book.add(name, PASSWORD, role=role, person=person)


def keep(tab, name: str) -> None:
    """A screenshot for docs/web-ui.md."""
    tab.screenshot(name)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ARTIFACTS / f"{name}.png", SCREENSHOTS / f"{name}.png")


def test_a_mentor_lands_on_their_mentee_and_proposes_the_top_recommendation(visit, restored):
    tab = visit("sana")
    assert tab.page.inner_text("h1") == "Your mentees"
    dana = tab.page.locator("section.mentee[data-person=p033]")
    assert dana.locator("h2").inner_text() == "Dana Okafor"
    suggested = dana.locator(".top-recommendation a").first.inner_text()
    assert suggested
    keep(tab, "home-mentor")
    dana.locator("button", has_text="Propose this introduction").click()
    tab.page.wait_for_url("**/introductions")
    assert tab.page.inner_text(".flash").startswith("proposed: ")
    tab.go("/")
    waiting = tab.page.locator("section.mentee[data-person=p033] ul.home-intros").nth(1).inner_text()
    assert suggested in waiting and "proposed" in waiting


def test_hr_lands_on_the_worst_gaps_and_opens_one(visit):
    tab = visit("hr")
    assert tab.page.inner_text("h1") == "Succession and changes"
    rows = tab.page.locator(".gaps table tbody tr")
    assert rows.count() == 5
    first = rows.first.locator("a").inner_text()
    assert "Changes in the last week" in tab.page.inner_text(
        ".changes h2"
    ) or "Changed since your last visit" in tab.page.inner_text(".changes h2")
    keep(tab, "home-hr")
    rows.first.locator("a").click()
    tab.page.wait_for_url("**/succession/positions/*")
    assert first in tab.page.inner_text("h1")


def test_a_person_lands_on_their_mentors_and_warm_paths_and_turns_introductions_off(visit, restored):
    tab = visit("vera")
    assert tab.page.inner_text("h1") == "Hello, Dana Okafor"
    assert "Sana Saleh" in tab.page.inner_text(".mentors")
    growth = tab.page.inner_text(".growth")
    assert "negotiation" in growth and "Dana Okafor → " in growth
    keep(tab, "home-person")
    tab.page.click("text=Turn introductions off")
    tab.page.wait_for_url("**/people/p033")
    tab.go("/")
    assert "Off: no one is suggested an introduction to you." in tab.page.inner_text(".open-to-intros")


def test_an_account_linked_to_no_one_finds_people_from_its_home(visit):
    tab = visit("vic")
    tab.page.type("form.search input[name=q]", "okaf", delay=30)
    tab.page.click("#suggestions >> text=Dana Okafor")
    tab.page.wait_for_url("**/people/p033")
