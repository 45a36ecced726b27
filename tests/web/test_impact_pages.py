"""The risk x impact grid for hr and admin: stored impact, the first-listed people first, reads recorded."""

from __future__ import annotations

import pytest

from netgraph.analysis.audit import events
from netgraph.analysis.insights import stored
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.store import EmbeddedStore
from tests.web.conftest import Browser, make_app


@pytest.fixture(scope="module")
def refreshed_app(demo_clean, accounts_file, tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("impact") / "graph.json")
    store.write(demo_clean)
    stored.refresh(store, InsightSettings(permutations=20), RecommendSettings())
    return make_app(store, accounts_file)


@pytest.fixture
def hr(refreshed_app):
    return Browser(refreshed_app).login("hr")


def test_the_api_lists_the_high_risk_incumbent_with_no_ready_now_successor_first(hr):
    found = hr.get("/api/insights/impact?limit=3").json
    assert found["first_listed"] == 1 and found["people"][0]["person"] == "p136"
    assert found["grid"]["high"]["high"] >= 1


def test_reading_impact_is_recorded_with_the_people_listed(hr, refreshed_app):
    shown = [f"person:{r['person']}" for r in hr.get("/api/insights/impact?limit=4").json["people"]]
    with refreshed_app.app_context():
        from netgraph.web.store import get_store

        last = events(get_store())[-1]
    assert (last["action"], last["entities"], last["actor"]) == ("read.insights", sorted(shown), "web:hr")


def test_the_page_draws_the_grid_and_marks_the_first_listed(hr):
    page = hr.get("/insights/impact").get_data(as_text=True)
    grid = page.split('id="risk-impact-grid"')[1].split("</table>")[0]
    assert grid.count('class="risk-cell') == 9
    people = page.split('id="impact-people"')[1].split("</table>")[0]
    first_row = people.split("<tbody>")[1].split("</tr>")[0]
    assert (
        'class="first-listed"' in first_row and "Kamala Zhang" in first_row and "Chief Financial Officer" in first_row
    )


def test_an_unknown_unit_is_a_422_naming_it(hr):
    response = hr.get("/api/insights/impact?unit=u-nowhere")
    assert response.status_code == 422 and "u-nowhere" in response.get_data(as_text=True)


def test_before_the_first_refresh_the_page_says_how_to_compute(as_user):
    page = as_user("hr").get("/insights/impact").get_data(as_text=True)
    assert "netgraph insights refresh" in page and 'id="impact-not-computed"' in page


def test_reading_exposure_is_recorded_with_the_people_listed_and_those_their_ties_run_to(hr, refreshed_app):
    found = hr.get("/api/insights/exposure?unit=u-sales&limit=3").json
    named = {r["person"] for r in found["people"]} | {v["person"] for r in found["people"] for v in r["via"]}
    with refreshed_app.app_context():
        from netgraph.web.store import get_store

        last = events(get_store())[-1]
    assert last["action"] == "read.insights" and set(last["entities"]) == {f"person:{p}" for p in named}
    assert len(found["people"]) == 3 and found["exposure_ties"] == 3


def test_the_programme_page_draws_growth_month_by_month_from_the_stored_insights(hr):
    page = hr.get("/programme").get_data(as_text=True)
    assert 'id="chart-growth"' in page and "Units are today" in page
    table = page.split('id="growth-months"')[1].split("</table>")[0]
    assert table.count("<tr><td>") == 12


def test_before_the_first_refresh_the_programme_page_says_how_to_compute_growth(as_user):
    page = as_user("hr").get("/programme").get_data(as_text=True)
    assert 'id="growth-not-computed"' in page and "netgraph insights refresh" in page
