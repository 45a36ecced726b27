"""Ties from evidence in Chromium: the explorer's panel says where each tie comes from and when it was
last seen; how many events two people had is shown to admin alone."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from netgraph.analysis.ties import ingest
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_explorer_in_chromium import SCREENSHOTS, open_panel_from_list, opened

pytestmark = pytest.mark.neo4j

EVENTS = (
    "timestamp,channel,sender,participants\n"
    "2026-11-02T09:00:00Z,meeting,p033,p033;p065\n"
    "2026-11-09T09:00:00Z,email,p033,p065\n"
)


@pytest.fixture
def with_evidence(browser_store, restored, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(EVENTS, "utf-8")
    ingest(browser_store, [path], as_of=date(2026, 11, 9))
    return browser_store


def tie_line(tab, name: str):
    return tab.page.locator("#panel-ties li", has_text=name)


def test_the_panel_lists_each_tie_with_its_sources_and_last_evidence(visit, with_evidence):
    tab = opened(visit("vic"), "/explore/p033")
    open_panel_from_list(tab, "Dana Okafor")

    line = tie_line(tab, "Femi Costa")
    assert "from interactions; last evidence 2026-11-09" in line.inner_text()
    assert "from declared" in tie_line(tab, "Sana Saleh").inner_text()
    assert tab.page.locator("#panel-ties li").first.inner_text().startswith("Femi Costa")  # the latest evidence first
    tab.page.click("#graph-list summary")  # closed: the picture, for docs/web-ui.md
    tab.screenshot("explorer-ties")
    shutil.copyfile(ARTIFACTS / "explorer-ties.png", SCREENSHOTS / "explorer-ties.png")


def test_only_admin_sees_how_many_events_a_tie_rests_on(visit, with_evidence):
    for account, shown in (("vic", False), ("admin", True)):
        tab = opened(visit(account), "/explore/p033")
        open_panel_from_list(tab, "Dana Okafor")
        line = tie_line(tab, "Femi Costa")
        line.get_by_role("button", name="evidence").click()
        line.locator(".tie-evidence:not(:empty)").wait_for()
        text = line.inner_text()
        assert "first seen 2026-11-02" in text
        assert ("events: email 1, meeting 1" in text) is shown, (account, text)
