"""The succession page's bounded first view: the scope's summary, the top units, the most urgent positions,
what was left out, drill-down by unit; the CSV and the API stay whole (demo: 12 units, 42 positions)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.web.conftest import Browser, make_app


@pytest.fixture
def hr(demo_store, accounts_file):
    """HR on the demo, with the page showing at most 3 units and 5 positions."""
    app = make_app(demo_store, accounts_file, NETGRAPH_SUCCESSION_UNITS_SHOWN=3, NETGRAPH_SUCCESSION_POSITIONS_SHOWN=5)
    return Browser(app).login("hr")


def part(page: str, css_class: str) -> str:
    """The table of ``page`` with that class."""
    return page.split(f'<table class="{css_class}">')[1].split("</table>")[0]


def units_shown(page: str) -> list[str]:
    return re.findall(r'<a href="/succession\?org_unit=[^"]+" title="([^"]+)"', part(page, "heatmap"))


def positions_shown(page: str) -> list[str]:
    return re.findall(r'<tr data-position="([^"]+)"', part(page, "positions"))


def test_the_page_shows_the_top_units_those_with_most_uncovered_critical_seats_first(hr):
    page = hr.get("/succession").get_data(as_text=True)
    # under Northwind Labs, Engineering and Finance each have 3 critical seats without ready-now cover
    assert units_shown(page) == ["u-nw", "u-eng", "u-finance"]
    assert "9 more units below these not shown" in page


def test_the_page_shows_the_most_urgent_positions_and_counts_the_rest(hr):
    page = hr.get("/succession").get_data(as_text=True)
    report = hr.get("/api/succession").json
    assert positions_shown(page) == [p["id"] for p in report["positions"][:5]]
    assert "37 more positions not shown, less urgent than these" in page


def test_the_page_opens_with_the_summary_of_the_whole_organisation(hr):
    page = hr.get("/succession").get_data(as_text=True)
    summary = re.sub(r"<[^>]+>", "", page.split('<p id="succession-summary">')[1].split("</p>")[0])
    assert summary.startswith("In the whole organisation: 42 positions, 18 critical, 8 of them with a ready-now")
    assert "2 fillable at once" in summary


def test_opening_a_unit_shows_its_units_and_positions(hr):
    page = hr.get("/succession?org_unit=u-eng").get_data(as_text=True)
    report = hr.get("/api/succession?org_unit=u-eng").json
    assert units_shown(page) == ["u-eng", "u-data", "u-platform"]  # Applications has no uncovered seat
    assert positions_shown(page) == [p["id"] for p in report["positions"][:5]]
    assert "7 more positions not shown" in page and "In <strong>Engineering</strong>" in page


def test_a_unit_names_five_seats_losing_out_at_once_and_counts_the_rest(hr):
    page = hr.get("/succession").get_data(as_text=True)
    organisation = next(row for row in part(page, "heatmap").split("<tr") if 'title="u-nw"' in row)
    losing = organisation.split('<td class="losing-out">')[1].split("</td>")[0]
    assert losing.count('href="/succession/positions/') == 5 and losing.endswith(" and 1 more")


def test_the_csv_and_the_api_stay_complete_when_the_page_is_bounded(hr):
    rows = list(csv.reader(io.StringIO(hr.get("/succession.csv").get_data(as_text=True))))
    report = hr.get("/api/succession").json
    assert len(rows) == 1 + 42 and len(report["positions"]) == 42 and len(report["org_units"]) == 12


def test_the_demo_fits_the_page_whole_by_default(as_user):
    page = as_user("hr").get("/succession").get_data(as_text=True)
    assert len(units_shown(page)) == 12 and len(positions_shown(page)) == 42
    assert "left-out" not in page
