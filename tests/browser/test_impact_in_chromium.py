"""In Chromium: the risk x impact grid (reached from the insights page, the first-listed first) and the
programme page's growth chart, both from the stored insights."""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.insights import stored
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def refreshed(browser_store):
    stored.refresh(browser_store, InsightSettings(permutations=20), RecommendSettings(), as_of=date(2026, 12, 7))
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


def test_the_programme_page_draws_twelve_months_of_growth_with_the_programmes_tie_in_march(visit, refreshed):
    tab = visit("admin")
    tab.go("/programme")
    chart = tab.page.locator("#chart-growth")
    assert chart.locator("g.chart-column").count() == 12
    march = chart.locator("g.chart-column", has_text="2026-03")
    assert march.locator("rect.chart-status-within-a-unit").count() == 1
    assert "within-a-unit" in chart.locator(".chart-legend").inner_text()
    tab.screenshot("programme-growth")


def test_the_org_chart_flags_covered_seats_that_cannot_be_filled_at_once(visit, refreshed):
    tab = visit("hr")
    tab.go("/succession/chart?position=pos-cto")
    assert "at once" in tab.page.inner_text("#oc-at-once")
    flagged = tab.page.locator(".oc-chart .oc-flag-loses_out")
    flagged.first.wait_for()
    assert flagged.count() >= 2


def test_hr_reaches_exposure_to_departures_from_the_insights_page(visit, refreshed):
    tab = visit("hr")
    tab.go("/insights")
    tab.page.click("#exposure-link")
    tab.page.wait_for_url("**/insights/exposure")
    assert tab.page.locator("#exposure-units tbody tr", has_text="Northwind Labs").count() == 1
    people = tab.page.locator("#exposure-people tbody tr")
    assert people.count() >= 1
    assert "high flight risk" in tab.page.inner_text("#exposure-people")
    assert "Kamala Zhang" in tab.page.inner_text("#exposure-people")


@pytest.mark.parametrize("user", ["sana", "vic"])
def test_a_mentor_or_a_viewer_may_not_open_exposure(visit, refreshed, user):
    assert visit(user).go("/insights/exposure").status == 403
