"""Network insights in Chromium: the page reads the stored result, says what it is for, and draws the heat map."""

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


def test_the_page_shows_provenance_use_and_the_heat_map_of_the_level_chosen(visit, refreshed):
    tab = visit("hr")
    tab.go("/insights")
    assert "exact" in tab.page.inner_text("#insights-provenance")
    assert "not performance" in tab.page.inner_text("#insights-use")
    assert tab.page.locator("#heat-map tbody tr").count() == 1  # level 1: the company
    tab.page.click("text=level 2")
    tab.page.wait_for_url("**/insights?level=2")
    rows = tab.page.locator("#heat-map tbody tr")
    assert rows.count() > 3 and rows.filter(has_text="Sales").count() >= 1
    densest = tab.page.locator("#heat-map td.heat-5, #heat-map td.heat-4, #heat-map td.heat-3")
    assert densest.count() >= 1
    tab.screenshot("insights")


def test_brokers_and_cut_points_are_listed_and_link_to_people(visit, refreshed):
    tab = visit("admin")
    tab.go("/insights")
    assert tab.page.locator("#brokers tbody tr").count() == stored.DEFAULT_BROKERS
    first = tab.page.locator("#cut-points li a").first
    assert first.get_attribute("href").startswith("/people/")


def test_a_viewer_may_not_open_the_page(visit, refreshed):
    tab = visit("vic")
    response = tab.go("/insights")
    assert response.status == 403
