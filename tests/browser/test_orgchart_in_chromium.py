"""The succession org chart in a real Chromium on the test Neo4j: start, expand, filters, what-if, keyboard.

Screenshots for README.md and docs/web-ui.md: docs/screenshots/org-chart.png and docs/screenshots/what-if-chart.png.
"""

from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import EVIL_NAME

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def node(tab, position: str):
    """The chart's card of a position."""
    return tab.page.locator(f'.oc-chart li.oc-node[data-position="{position}"] > .oc-card')


def item(tab, position: str):
    """The list twin's tree item of a position."""
    return tab.page.locator(f'.oc-list li[role="treeitem"][data-position="{position}"]')


def open_chart(tab, path: str):
    tab.go(path)
    tab.page.wait_for_selector('.oc[data-ready="true"]')


def wait_loaded(tab, position: str):
    tab.page.wait_for_selector(f'.oc-chart li.oc-node[data-position="{position}"][data-loaded="true"]')


def test_the_chart_starts_at_a_position_with_its_direct_reports(visit):
    tab = visit("hr")
    open_chart(tab, "/succession/chart?position=pos-head-sales")
    card = node(tab, "pos-head-sales")
    assert "VP Sales" in card.inner_text() and "Jin Larsen" in card.inner_text()
    assert "Eitan Eze" in card.locator("dd.oc-ready_now").inner_text()  # ready now, listed first
    assert card.locator(".oc-badge").inner_text() == "covered" and "cascade" in card.locator(".oc-flags").inner_text()
    reports = tab.page.locator('.oc-chart li.oc-node[data-position="pos-head-sales"] > ul > li.oc-node:not(.oc-more)')
    assert reports.count() == 3
    assert node(tab, "pos-head-apac").get_attribute("title") == "pos-head-apac"  # ids in tooltips


def test_the_chart_starts_at_a_unit_with_its_top_positions(visit):
    tab = visit("hr")
    open_chart(tab, "/succession/chart?unit=u-eng")
    assert "Engineering" in tab.page.inner_text(".oc-start")
    assert tab.page.locator(".oc-roots > li.oc-node").count() == 1 and node(tab, "pos-cto").is_visible()


def test_a_click_expands_a_position_one_level_and_another_folds_it(visit):
    tab = visit("hr")
    open_chart(tab, "/succession/chart")
    toggle = node(tab, "pos-ceo").locator(".oc-toggle")
    assert toggle.get_attribute("aria-expanded") == "false" and node(tab, "pos-cto").count() == 0
    toggle.click()
    wait_loaded(tab, "pos-ceo")
    assert node(tab, "pos-cto").is_visible() and toggle.get_attribute("aria-expanded") == "true"
    node(tab, "pos-cto").locator(".oc-toggle").click()
    wait_loaded(tab, "pos-cto")
    assert node(tab, "pos-head-platform").is_visible()
    node(tab, "pos-cto").locator(".oc-toggle").click()
    assert not node(tab, "pos-head-platform").is_visible()
    assert item(tab, "pos-cto").get_attribute("aria-expanded") == "false"  # the list twin follows


def test_a_level_shows_n_of_m_and_more_brings_the_rest(visit):
    tab = visit("hr")
    open_chart(tab, "/succession/chart?position=pos-ceo&limit=3")
    more = tab.page.locator('.oc-chart li.oc-node[data-position="pos-ceo"] > ul > li.oc-more')
    assert more.inner_text().startswith("showing 3 of 7")
    more.locator("button").click()  # three more: the page's limit holds for every request
    reports = tab.page.locator('.oc-chart li.oc-node[data-position="pos-ceo"] > ul > li.oc-node:not(.oc-more)')
    reports.nth(5).wait_for()
    assert more.inner_text().startswith("showing 6 of 7")
    more.locator("button").click()
    reports.nth(6).wait_for()
    assert reports.count() == 7 and more.count() == 0


def test_the_filters_dim_the_other_positions_without_removing_them(visit):
    tab = visit("hr")
    open_chart(tab, "/succession/chart?position=pos-ceo")
    cards = tab.page.locator(".oc-chart .oc-card").count()
    tab.page.check('.oc-filter[value="critical"]')
    assert "oc-dimmed" in node(tab, "pos-cos").get_attribute("class")  # Chief of Staff is not critical
    assert "oc-dimmed" not in node(tab, "pos-cfo").get_attribute("class")
    assert "oc-dimmed" in item(tab, "pos-cos").get_attribute("class")
    tab.page.uncheck('.oc-filter[value="critical"]')
    tab.page.check('.oc-filter[value="gaps"]')
    assert "oc-dimmed" not in node(tab, "pos-cfo").get_attribute("class")  # a gap
    assert "oc-dimmed" in node(tab, "pos-cto").get_attribute("class")  # covered
    assert tab.page.locator(".oc-chart .oc-card").count() == cards
    assert float(node(tab, "pos-cto").evaluate("e => getComputedStyle(e).opacity")) < 0.5
    tab.page.uncheck('.oc-filter[value="gaps"]')
    tab.page.locator("h1").click()
    node(tab, "pos-ceo").locator(".oc-toggle").focus()
    tab.page.evaluate("() => document.activeElement.blur()")
    tab.page.screenshot(path=str(SCREENSHOTS / "org-chart.png"), full_page=True)


def test_the_heat_map_opens_the_chart_at_a_unit(visit):
    tab = visit("hr")
    tab.go("/succession")
    tab.page.click('table.heatmap a.oc-link[href="/succession/chart?unit=u-sales"]')
    tab.page.wait_for_selector('.oc[data-ready="true"]')
    assert node(tab, "pos-head-sales").is_visible()


def test_the_position_page_opens_the_chart_at_the_position(visit):
    tab = visit("hr")
    tab.go("/succession/positions/pos-head-platform")
    tab.page.click("a.oc-link")
    tab.page.wait_for_selector('.oc[data-ready="true"]')
    assert tab.page.url.endswith("/succession/chart?position=pos-head-platform")
    assert node(tab, "pos-sre-lead").is_visible()


def test_the_what_if_is_drawn_on_the_chart_with_the_promotion_chain_numbered(visit):
    tab = visit("hr")
    tab.go("/succession/what-if")
    tab.page.fill(".what-if-form .suggest-input", "Hiroko")
    tab.page.click(".what-if-form .suggest-list [role=option] >> text=Hiroko Russo")
    tab.page.check("input[name=promote]")
    tab.page.click(".what-if-form button[type=submit]")
    tab.page.wait_for_selector('.oc[data-ready="true"]')
    assert set(node(tab, "pos-ceo").get_attribute("class").split()) >= {"vacated", "promoted-into"}
    assert set(node(tab, "pos-principal-platform").get_attribute("class").split()) >= {"vacated", "left-vacant"}
    steps = tab.page.locator(".oc-chart .oc-step-filled .oc-step-number").all_inner_texts()
    assert sorted(steps) == ["1", "2", "3"]
    assert "Umar Dahl moves in" in node(tab, "pos-ceo").inner_text()
    assert "Sana Saleh moves up, leaving this seat" in node(tab, "pos-principal-platform").inner_text()
    assert node(tab, "pos-head-platform").is_visible()  # the chain sits in the tree, under the positions above
    tab.page.locator(".oc").screenshot(path=str(SCREENSHOTS / "what-if-chart.png"))


def test_the_list_twin_is_a_tree_operated_by_the_keyboard(visit):
    tab = visit("hr")
    open_chart(tab, "/succession/chart")
    tree = tab.page.locator('.oc-list[role="tree"]')
    assert tree.count() == 1
    tab.page.focus('.oc-list li[role="treeitem"][tabindex="0"]')
    assert tab.page.evaluate("document.activeElement.dataset.position") == "pos-ceo"
    tab.page.keyboard.press("ArrowRight")  # opens the CEO: its reports load
    wait_loaded(tab, "pos-ceo")
    assert item(tab, "pos-ceo").get_attribute("aria-expanded") == "true"
    tab.page.keyboard.press("ArrowRight")  # into the first report
    first = tab.page.evaluate("document.activeElement.dataset.position")
    assert first == "pos-cfo"
    tab.page.keyboard.press("ArrowDown")
    tab.page.keyboard.press("ArrowDown")
    assert tab.page.evaluate("document.activeElement.dataset.position") == "pos-cto"
    tab.page.keyboard.press("Enter")
    wait_loaded(tab, "pos-cto")
    assert item(tab, "pos-head-platform").is_visible() and node(tab, "pos-head-platform").is_visible()
    tab.page.keyboard.press("ArrowLeft")  # folds VP Engineering
    assert item(tab, "pos-cto").get_attribute("aria-expanded") == "false"
    tab.page.keyboard.press("ArrowLeft")  # up to the CEO
    assert tab.page.evaluate("document.activeElement.dataset.position") == "pos-ceo"


def test_a_successor_named_in_html_is_shown_as_text_on_the_chart(visit, restored, browser_store):
    browser_store.write(
        {"successors": [{"person": "p-evil", "position": "pos-cos", "readiness": "ready_now", "nominated_on": None}]}
    )
    tab = visit("hr")
    open_chart(tab, "/succession/chart?position=pos-ceo")
    assert EVIL_NAME in node(tab, "pos-cos").locator("dd.oc-ready_now").inner_text()
    assert tab.page.locator(".oc img").count() == 0
