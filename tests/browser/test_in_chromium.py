"""End to end in Chromium: log in, search, explore, propose, succession, and no script from user text."""

from __future__ import annotations

import pytest

from tests.browser.conftest import EVIL_NAME

pytestmark = pytest.mark.neo4j


def test_log_in_search_a_person_and_open_their_page(visit):
    tab = visit("vic")
    tab.page.fill("input[name=q]", "okafor")
    tab.page.click("form.search button")
    tab.page.click("ul.people >> text=Dana Okafor")
    tab.page.wait_for_url("**/people/p033")
    assert tab.page.inner_text("h1") == "Dana Okafor"
    tab.screenshot("person")


def test_the_name_search_suggests_people_as_you_type(visit):
    tab = visit("vic")
    tab.page.type("form.search input[name=q]", "okaf", delay=30)
    tab.page.click("#suggestions >> text=Dana Okafor")
    tab.page.wait_for_url("**/people/p033")


def test_the_explorer_draws_the_network_and_a_click_opens_the_panel(visit):
    tab = visit("vic")
    tab.go("/explore/p033")
    tab.page.wait_for_selector("#graph[data-ready]")
    assert int(tab.page.get_attribute("#graph", "data-ready")) > 10
    assert tab.page.locator("#graph canvas").count() == 1
    assert tab.page.inner_text("#graph-status").startswith("showing ")
    box = tab.page.locator("#graph canvas").bounding_box()
    tab.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.page.wait_for_selector("#panel:not([hidden])")
    assert tab.page.inner_text("#panel-name") == "Dana Okafor"
    tab.screenshot("explorer")


def test_the_explorer_highlights_the_warm_path_to_someone(visit):
    tab = visit("vic")
    tab.go("/explore/p033?path_to=p100")
    tab.page.wait_for_selector("#graph[data-ready]")
    assert "warm path (strength 0.57): Dana Okafor → Zeynep Lund → Eitan Eze → Lucia Rojas" in tab.page.inner_text(
        "#graph-status"
    )
    tab.screenshot("explorer-path")


def test_a_mentor_proposes_a_recommended_introduction_and_sees_it_listed(visit):
    tab = visit("sana")
    tab.go("/people/p033")
    first = tab.page.locator("ol.recommendations > li").first
    candidate = first.locator("a").first.inner_text()
    tab.screenshot("recommendations")
    first.locator("button", has_text="Propose this introduction").click()
    tab.page.wait_for_url("**/introductions")
    assert "proposed: Sana Saleh introduces Dana Okafor to" in tab.page.inner_text(".flash")
    assert tab.page.locator("td", has_text="proposed").count() >= 1
    assert candidate
    tab.screenshot("introductions")


def test_hr_sees_the_succession_heat_map(visit):
    tab = visit("hr")
    tab.go("/succession")
    assert tab.page.locator("table.heatmap tr.heat-mid, table.heatmap tr.heat-low").count() > 0
    assert "Sales APAC" in tab.page.inner_text("table.heatmap")
    summary = tab.page.inner_text("#succession-summary")
    assert summary.startswith("In the whole organisation: 42 positions, 18 critical")
    assert tab.page.locator(".left-out").count() == 0  # the demo fits the bounded view whole
    tab.screenshot("succession")


def test_a_unit_of_the_heat_map_opens_the_succession_page_at_that_unit(visit):
    tab = visit("hr")
    tab.go("/succession")
    tab.page.click('table.heatmap a[title="u-eng"]')
    tab.page.wait_for_url("**/succession?org_unit=u-eng")
    assert tab.page.inner_text("#succession-summary").startswith("In Engineering and the units under it: 12 positions")
    assert tab.page.locator("table.heatmap tbody tr").count() == 4  # Engineering and its three units


def test_the_position_page_draws_the_promotion_chain(visit):
    tab = visit("hr")
    tab.go("/succession/positions/pos-cto")
    tab.page.wait_for_selector("#chain[data-ready]")
    assert int(tab.page.get_attribute("#chain", "data-ready")) == 5  # 3 seats, 2 people promoted
    assert tab.page.locator("#chain canvas").count() == 1
    tab.screenshot("position-chain")


def test_a_mentor_is_refused_the_succession_pages(visit):
    tab = visit("sana")
    response = tab.go("/succession")
    assert response.status == 403 and "Not allowed" in tab.page.inner_text("h1")


def test_a_name_made_of_html_is_shown_as_text_and_runs_nothing(visit):
    tab = visit("hr")
    tab.go("/people/p-evil")
    assert tab.page.inner_text("h1") == EVIL_NAME
    assert tab.page.locator("main img").count() == 0
    tab.go("/explore/p033")
    tab.page.wait_for_selector("#graph[data-ready]")
    tab.go("/?q=onerror")
    assert EVIL_NAME in tab.page.inner_text("ul.people")
    tab.screenshot("escaped-name")
