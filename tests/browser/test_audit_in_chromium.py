"""End to end in Chromium: an admin erases a person through the confirmation step, then reads the trail.

This changes the shared browser organisation (tests/browser/conftest.py), so the test puts it back
as it was afterwards: the demo, with the person whose name is an HTML tag.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.neo4j


def test_admin_erases_a_person_through_the_confirmation_step_and_the_trail_shows_it_without_them(visit, restored):
    hr = visit("hr")
    hr.go("/people/p065")  # hr sees Femi's flight risk: a read the trail records, naming her
    assert "flight risk medium" in hr.page.inner_text("main")
    assert hr.page.locator("text=Erase…").count() == 0  # erasure is for admins only

    tab = visit("admin")
    tab.go("/people/p065")
    tab.page.click("text=Erase…")
    tab.page.wait_for_url("**/people/p065/erase")
    summary = tab.page.inner_text("ul.erase-summary")
    assert "introductions naming them: 3" in summary and "web accounts linked to them: none" in summary
    tab.screenshot("erase-confirm")
    tab.page.click("button:has-text('Confirm: erase Femi Costa')")  # no reason yet: the browser asks for one
    assert tab.page.url.endswith("/people/p065/erase")
    tab.page.fill("textarea[name=reason]", "request 2026-12-01 from Femi Costa")
    tab.page.click("button:has-text('Confirm: erase Femi Costa')")
    tab.page.wait_for_url(tab.base + "/")
    assert "audit events redacted, 0 accounts removed" in tab.page.inner_text(".flash")
    assert tab.go("/people/p065").status == 404

    tab.go("/audit")
    assert "The trail verifies" in tab.page.inner_text("#verify")
    newest = tab.page.locator("table.audit tbody tr").first
    assert newest.get_attribute("data-action") == "erase"
    row = newest.inner_text()
    assert "web:admin" in row and "request 2026-12-01 from [erased]" in row
    for text in (tab.page.inner_text("main"), tab.page.content()):  # shown, and folded away in <details>
        assert "Femi Costa" not in text and "p065" not in text and "femi.costa" not in text
    assert tab.page.locator("table.audit tr[data-action='read.flight_risk']", has_text="[erased]").count() >= 1
    tab.screenshot("audit-after-erasure")
