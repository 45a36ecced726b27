"""The explorer in Chromium: grow and shrink the graph from the panel, find someone drawn, share the view by
its URL, survive a stale URL, export a PNG, and the mentor overlay's candidate links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.neo4j

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def opened(tab, path: str):
    tab.go(path)
    tab.page.wait_for_selector("#graph[data-version]")
    return tab


def redrawn(tab, action) -> None:
    """Do ``action`` and wait until the graph has been drawn again."""
    before = tab.page.get_attribute("#graph", "data-version")
    action()
    tab.page.wait_for_selector(f"#graph:not([data-version='{before}'])")


def show_list(tab) -> None:
    """Open the list twin of the drawing (it is built while open)."""
    if tab.page.get_attribute("#graph-list", "open") is None:
        tab.page.click("#graph-list summary")
    tab.page.wait_for_selector("#graph-list-people li")


def people_listed(tab) -> set[str]:
    show_list(tab)
    return set(tab.page.eval_on_selector_all("#graph-list-people li", "items => items.map(i => i.dataset.person)"))


def open_panel_from_list(tab, name: str) -> None:
    show_list(tab)
    tab.page.click(f"#graph-list-people button:text-is('{name}')")
    tab.page.wait_for_selector(f"#panel:not([hidden]) #panel-name:text-is('{name}')")


def test_expand_grows_the_graph_and_says_showing_n_of_m(visit):
    tab = opened(visit("vic"), "/explore/p033")
    before = people_listed(tab)
    open_panel_from_list(tab, "Nia Menon")
    redrawn(tab, lambda: tab.page.click("#panel-expand"))
    grown = people_listed(tab)
    assert grown > before
    assert int(tab.page.get_attribute("#graph", "data-ready")) == len(grown)
    assert "showing 9 of 9 of Nia Menon's contacts" in tab.page.inner_text("#expansions")
    assert "showing 9 of 9" in tab.page.inner_text("#panel-expansion")
    assert tab.page.url.endswith("/explore/p033?expand=p036")
    tab.page.click("#graph-list summary")  # closed: the picture, not the list, for the docs
    tab.screenshot("explorer-grown")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ARTIFACTS / "explorer-grown.png", SCREENSHOTS / "explorer-grown.png")


def test_collapse_removes_what_the_expansion_added(visit):
    tab = opened(visit("vic"), "/explore/p033")
    before = people_listed(tab)
    open_panel_from_list(tab, "Nia Menon")
    redrawn(tab, lambda: tab.page.click("#panel-expand"))
    redrawn(tab, lambda: tab.page.click("#panel-collapse"))
    assert people_listed(tab) == before
    assert tab.page.inner_text("#expansions") == ""
    assert tab.page.url.endswith("/explore/p033")


def test_find_centres_on_a_person_drawn_and_highlights_them(visit):
    tab = opened(visit("vic"), "/explore/p033?depth=2")
    tab.page.fill("#graph-find input[name=name]", "nia men")
    tab.page.click("#graph-find button")
    tab.page.wait_for_selector("#graph[data-found='p036']")
    spot = [int(v) for v in tab.page.get_attribute("#graph", "data-found-at").split(",")]
    centre = [int(v) for v in tab.page.get_attribute("#graph", "data-centre").split(",")]
    assert abs(spot[0] - centre[0]) <= 1 and abs(spot[1] - centre[1]) <= 1
    assert tab.page.inner_text("#graph-find-result") == "Nia Menon"
    tab.page.wait_for_selector("#panel-name:text-is('Nia Menon')")


def test_find_says_when_no_one_drawn_has_that_name(visit):
    tab = opened(visit("vic"), "/explore/p033")
    tab.page.fill("#graph-find input[name=name]", "nobody at all")
    tab.page.press("#graph-find input[name=name]", "Enter")
    tab.page.wait_for_selector("#graph-find-result:has-text('no one drawn is called')")


def test_a_shared_url_with_expanded_people_draws_the_same_view(visit):
    tab = opened(visit("vic"), "/explore/p033?depth=2")
    open_panel_from_list(tab, "Nia Menon")
    redrawn(tab, lambda: tab.page.click("#panel-expand"))
    redrawn(tab, lambda: tab.page.click("#graph-overlay"))
    assert "overlay=mentor" in tab.page.url
    shared, people = tab.page.url, people_listed(tab)
    other = opened(visit("hr"), shared.split(tab.base)[1])
    other.page.wait_for_selector("#overlay:not([hidden])")
    assert people_listed(other) == people and other.page.url == shared
    assert other.page.input_value("select[name=depth]") == "2"


def test_a_stale_url_shows_notices_and_the_nearest_valid_view(visit):
    tab = opened(visit("vic"), "/explore/p033?depth=9&types=KNOWS&expand=p999&unit=u-nowhere")
    notices = tab.page.inner_text("#graph-notices")
    assert "depth 9 is out of range (1 to 3): showing depth 3" in notices
    assert "there is no org unit 'u-nowhere': showing every unit" in notices
    assert "there is no one with id 'p999' (any more): their expansion is left out" in notices
    assert tab.page.url.endswith("/explore/p033?depth=3&types=KNOWS")
    assert int(tab.page.get_attribute("#graph", "data-ready")) > 10


def test_an_unknown_person_is_a_message_and_the_name_search(visit):
    tab = visit("vic")
    response = tab.go("/explore/p-nobody")
    assert response.status == 404
    assert "There is no one with id “p-nobody”" in tab.page.inner_text("main")
    tab.page.fill("main form[role=search] input[name=q]", "okafor")
    tab.page.click("main form[role=search] button")
    tab.page.wait_for_selector("ul.people >> text=Dana Okafor")


def test_export_png_downloads_the_drawing_as_a_png(visit):
    tab = opened(visit("vic"), "/explore/p033")
    with tab.page.expect_download() as download:
        tab.page.click("#graph-export")
    assert download.value.suggested_filename == "network-p033.png"
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 5000


def test_the_mentor_overlay_draws_candidate_links_with_their_own_legend(visit):
    tab = opened(visit("sana"), "/explore/p009")
    redrawn(tab, lambda: tab.page.click("#graph-overlay"))
    assert tab.page.get_attribute("#graph-overlay", "aria-pressed") == "true"
    redrawn(tab, lambda: tab.page.click("#overlay-mentees button:text-is('Dana Okafor')"))
    assert tab.page.get_attribute("#overlay-mentees button:text-is('Dana Okafor')", "aria-pressed") == "true"
    assert tab.page.locator("#overlay-candidates li").count() > 0
    legend = tab.page.locator("#link-legend li[data-kind=candidate]")
    assert legend.inner_text() == "recommended introduction (curved orange arrow)"
    assert "dashed" in tab.page.inner_text("#link-legend li[data-kind=introduction]")
    show_list(tab)
    links = tab.page.inner_text("#graph-list-links")
    assert "Dana Okafor → " in links and "recommended introduction to " in links
    assert "overlay=mentor&mentee=p033" in tab.page.url
    tab.screenshot("explorer-mentor-overlay")


def test_the_legend_and_panel_name_org_units_with_the_id_as_a_tooltip(visit):
    tab = opened(visit("vic"), "/explore/p033")
    unit = tab.page.locator("#legend li[title='u-apps']")
    assert unit.inner_text() == "Applications"
    open_panel_from_list(tab, "Dana Okafor")
    assert "Applications" in tab.page.inner_text("#panel-detail")
    assert "u-apps" not in tab.page.inner_text("#panel-detail")


def test_the_list_twin_follows_the_graph_and_works_from_the_keyboard(visit):
    tab = opened(visit("vic"), "/explore/p033")
    assert tab.page.locator("#graph-list-people li").count() == 0  # built when opened
    tab.page.focus("#graph-list summary")
    tab.page.keyboard.press("Enter")
    listed = people_listed(tab)
    assert int(tab.page.get_attribute("#graph", "data-ready")) == len(listed)
    tab.page.focus("#graph-list-people button:text-is('Nia Menon')")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_selector("#panel:not([hidden]) #panel-name:text-is('Nia Menon')")
    tab.page.focus("#panel-expand")
    redrawn(tab, lambda: tab.page.keyboard.press("Enter"))
    assert people_listed(tab) > listed
    assert tab.page.locator("#graph-list-links li").count() > 0
