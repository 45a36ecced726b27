"""The risk x impact grid in Chromium: reached from the insights page, drawn as a grid, the first-listed first."""

from __future__ import annotations

import pytest

from netgraph.analysis.insights import stored
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def refreshed(browser_store):
    stored.refresh(browser_store, InsightSettings(permutations=20), RecommendSettings())
    return browser_store


def test_the_grid_draws_impact_against_flight_risk_and_lists_the_cfo_first(visit, refreshed):
    tab = visit("hr")
    tab.go("/insights")
    tab.page.click("#impact-link")
    tab.page.wait_for_url("**/insights/impact")
    cells = tab.page.locator("#risk-impact-grid td.risk-cell")
    assert cells.count() == 9
    worst = tab.page.locator('#risk-impact-grid td[data-band="high"][data-risk="high"]')
    assert int(worst.inner_text()) >= 1 and "risk-4" in worst.get_attribute("class")
    first = tab.page.locator("#impact-people tbody tr").first
    assert "first-listed" in first.get_attribute("class") and "Kamala Zhang" in first.inner_text()
    assert "1" in tab.page.inner_text("#first-listed-heading")
    tab.screenshot("impact-grid")


def test_a_mentor_may_not_open_the_grid(visit, refreshed):
    response = visit("sana").go("/insights/impact")
    assert response.status == 403
