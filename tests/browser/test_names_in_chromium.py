"""In Chromium: people read names (heat map, promotion chain, what-if), pick people from name suggestions with
the keyboard alone, and see the charts.

Screenshots for docs/web-ui.md: docs/screenshots/succession.png, position-chain.png, what-if-names.png,
suggest-names.png, programme-charts.png.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.neo4j

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PERSON_ID = re.compile(r"\bp\d{3}\b")


def shot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def pick(tab, field: str, typed: str, choice: str) -> None:
    """Type into the suggesting field ``field`` (its aria-label), move down to ``choice`` with the arrow keys, Enter."""
    box = tab.page.get_by_role("combobox", name=field, exact=True)
    box.focus()
    tab.page.keyboard.type(typed, delay=30)
    listbox = tab.page.get_by_role("listbox", name=f"suggestions for {field}")
    listbox.get_by_role("option").first.wait_for()
    options = listbox.get_by_role("option").all_inner_texts()
    for _ in range(next(i for i, text in enumerate(options) if text.startswith(choice)) + 1):
        tab.page.keyboard.press("ArrowDown")
    tab.page.keyboard.press("Enter")


def test_the_heat_map_lists_successors_by_name(visit):
    tab = visit("hr")
    tab.go("/succession")
    row = tab.page.locator('table.positions tr[data-position="pos-head-sales"]')
    assert "Eitan Eze" in row.inner_text()
    assert tab.page.locator('table.positions a[title="p099"]').first.inner_text() == "Eitan Eze"
    assert not PERSON_ID.search(tab.page.inner_text("table.positions"))
    shot(tab, "succession")


def test_the_promotion_chain_reads_in_names_and_titles(visit):
    tab = visit("hr")
    tab.go("/succession/positions/pos-cto")
    tab.page.wait_for_selector("#chain[data-ready]")
    labels = {n["label"] for n in json.loads(tab.page.text_content("#chain-data"))["nodes"]}
    assert {"VP Engineering", "Head of Platform", "Principal Engineer", "Dilnoza Jansen"} <= labels
    assert not any(label.startswith(("pos-", "p0", "p1")) for label in labels)
    assert "Principal Engineer" in tab.page.inner_text("main")
    shot(tab, "position-chain")


def test_what_if_is_asked_with_the_keyboard_alone_and_answers_in_names(visit):
    tab = visit("hr")
    tab.go("/succession/what-if")
    pick(tab, "leavers", "jin la", "Jin Larsen")
    assert tab.page.inner_text(".suggest-chosen").startswith("Jin Larsen")
    assert tab.page.input_value("input[type=hidden][name=leavers]") == "p078"
    tab.page.keyboard.press("Tab")  # on to "play the promotion chain"
    tab.page.keyboard.press("Space")
    with tab.page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/succession/what-if")) as sent:
        tab.page.keyboard.press("Tab")
        tab.page.keyboard.press("Enter")
    assert "leavers=p078" in sent.value.post_data and "promote=1" in sent.value.post_data
    tab.page.wait_for_selector("ul.what-if")
    answer = tab.page.inner_text("ul.what-if")
    assert "Promote Eitan Eze into VP Sales, vacating Head of Sales APAC" in answer
    assert not PERSON_ID.search(answer)
    shot(tab, "what-if-names")


def test_a_suggestion_is_chosen_with_arrows_and_enter_and_the_form_sends_the_id(visit):
    tab = visit("vic")
    tab.go("/paths")
    pick(tab, "from", "okaf", "Dana Okafor")
    assert tab.page.get_by_role("combobox", name="from", exact=True).input_value() == "Dana Okafor"
    pick(tab, "to", "lucia", "Lucia Rojas")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")  # the list is closed: Enter sends the form
    assert "from=p033" in tab.page.url and "to=p100" in tab.page.url
    assert "Dana Okafor → Zeynep Lund → Eitan Eze → Lucia Rojas" in tab.page.inner_text("p.path")
    assert tab.page.get_by_role("combobox", name="to", exact=True).input_value() == "Lucia Rojas"


def test_suggestions_show_title_and_unit_to_tell_people_apart(visit):
    tab = visit("hr")
    tab.go("/people/p033")
    box = tab.page.get_by_role("combobox", name="person to unlink", exact=True)
    box.focus()
    tab.page.keyboard.type("okafor", delay=30)
    option = tab.page.get_by_role("listbox", name="suggestions for person to unlink").get_by_role("option").first
    option.wait_for()
    assert option.inner_text() == "Dana Okafor Senior Developer, Applications"
    tab.page.keyboard.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    shot(tab, "suggest-names")
    tab.page.keyboard.press("Escape")
    assert tab.page.get_by_role("listbox", name="suggestions for person to unlink").is_hidden()


def test_a_unit_field_suggests_units_by_name_and_sends_the_id(visit):
    tab = visit("hr")
    tab.go("/people/p033")
    pick(tab, "org unit to move to", "emea", "Sales EMEA")
    assert tab.page.input_value("input[type=hidden][name=unit]") == "u-sales-emea"


def test_the_charts_render(visit):
    tab = visit("hr")
    tab.go("/programme")
    for chart in ("#chart-mentor-load", "#chart-by-month"):
        drawn = tab.page.locator(f"{chart} svg.chart-svg")
        assert drawn.bounding_box()["width"] > 100 and drawn.get_attribute("role") == "img"
    bar = tab.page.locator("#chart-mentor-load rect.chart-bar").first.bounding_box()
    assert bar["width"] > 10 and bar["height"] > 5
    assert tab.page.locator("#chart-by-month rect.chart-segment").count() > 5
    fill = tab.page.locator("#chart-by-month rect.chart-status-met").first.evaluate("r => getComputedStyle(r).fill")
    assert fill == "rgb(89, 161, 79)"  # coloured by the stylesheet, not inline
    shot(tab, "programme-charts")
    tab.go("/succession")
    assert tab.page.locator("#chart-bench rect.chart-bar").count() == 12
