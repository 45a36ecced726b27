"""End to end in Chromium: HR lets someone leave through the confirmation step, and withdraws a nomination.

These change the shared browser organisation (tests/browser/conftest.py), so each one puts it back
as it was afterwards: the demo, with the person whose name is an HTML tag.
"""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.neo4j


def test_hr_lets_someone_leave_through_the_confirmation_step_and_their_seat_falls_vacant(visit, restored):
    tab = visit("hr")
    tab.go("/people/p078")
    assert tab.page.locator("#left-badge").count() == 0
    tab.page.click("text=Leave…")
    tab.page.wait_for_url("**/people/p078/leave")
    summary = tab.page.inner_text("ul.leave-summary")
    assert "VP Sales (pos-head-sales)" in summary
    assert tab.page.input_value("input[name=on]") == date.today().isoformat()
    tab.screenshot("leave-confirm")
    tab.page.click("button:has-text('Confirm: Jin Larsen leaves')")
    tab.page.wait_for_url("**/people/p078")
    assert "Seats vacated: pos-head-sales" in tab.page.inner_text(".flash")
    assert tab.page.inner_text("#left-badge") == f"Left on {date.today().isoformat()}"
    assert tab.page.locator("button", has_text="Rejoin").count() == 1
    tab.screenshot("left")
    tab.go("/succession/positions/pos-head-sales")
    assert "Held by: vacant" in tab.page.inner_text("main")
    assert "vacant" in tab.page.inner_text("main p.muted")
    tab.screenshot("vacated-position")


def test_hr_withdraws_a_nomination_from_the_position_page_and_the_successor_disappears(visit, restored):
    tab = visit("hr")
    tab.go("/succession/positions/pos-head-sales")
    row = tab.page.locator("table.successors tr[data-person=p099]")
    assert "Eitan Eze" in row.inner_text()
    row.locator("button", has_text="Withdraw").click()
    tab.page.wait_for_selector(".flash")
    assert "withdrew p099's nomination for pos-head-sales" in tab.page.inner_text(".flash")
    assert tab.page.locator("table.successors tr[data-person=p099]").count() == 0
    assert "Eitan Eze" not in tab.page.inner_text("table.successors")
    assert tab.page.locator("table.successors tr[data-person=p083]").count() == 1
    tab.screenshot("withdrawn")
