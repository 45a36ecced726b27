"""The exposure page for hr and admin: units and the people exposed from the stored insights, each name escaped,
units below the minimum group size left out, each read recorded, and nobody else let in."""

from __future__ import annotations

import copy

import pytest

from netgraph.analysis.audit import events
from netgraph.analysis.insights import stored
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import complete, validate
from netgraph.store import EmbeddedStore
from tests.web.conftest import Browser, make_app

#: Amara Byrne (p029), whose flight risk is high, renamed as markup: the page must show it as text.
MARKUP = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def exposure_store(demo_document, tmp_path_factory):
    document = copy.deepcopy(demo_document)
    next(p for p in document["people"] if p["id"] == "p029")["name"] = MARKUP
    store = EmbeddedStore(tmp_path_factory.mktemp("exposure") / "graph.json")
    store.write(complete(validate(document)))
    stored.refresh(store, InsightSettings(permutations=20, min_group_size=15), RecommendSettings())
    return store


@pytest.fixture(scope="module")
def insights_file(tmp_path_factory):
    settings = tmp_path_factory.mktemp("exposure-settings") / "insights.toml"
    settings.write_text("[insights]\npermutations = 20\nmin_group_size = 15\n", encoding="utf-8")
    return str(settings)


@pytest.fixture(scope="module")
def exposure_app(exposure_store, insights_file, accounts_file):
    return make_app(exposure_store, accounts_file, NETGRAPH_INSIGHTS_FILE=insights_file)


@pytest.fixture(scope="module")
def two_units_app(exposure_store, insights_file, accounts_file):
    """The same store, showing at most two units."""
    return make_app(
        exposure_store, accounts_file, NETGRAPH_INSIGHTS_FILE=insights_file, NETGRAPH_INSIGHTS_UNITS_SHOWN=2
    )


@pytest.fixture
def hr(exposure_app):
    return Browser(exposure_app).login("hr")


def table(page: str, table_id: str) -> str:
    return page.split(f'id="{table_id}"')[1].split("</table>")[0]


def test_the_page_lists_each_shown_unit_with_its_people_and_how_many_are_exposed(hr):
    page = hr.get("/insights/exposure").get_data(as_text=True)
    units = table(page, "exposure-units")
    assert "Data Science" not in units and "No unit figure covers fewer than 15 people" in page  # it has 14
    finance = units.split("Finance</a>")[1].split("</tr>")[0]
    assert finance == "</td><td>15</td><td>6</td><td>40%</td>"


def test_each_person_exposed_is_listed_with_the_ties_that_expose_them(hr):
    found = hr.get("/api/insights/exposure?limit=200").json
    page = hr.get("/insights/exposure?limit=200").get_data(as_text=True)
    people = table(page, "exposure-people")
    assert people.count("<tr><td>") == found["exposed"] == len(found["people"])
    elena = people.split("Elena Aydin</a>")[1].split("</tr>")[0]
    assert "Yasmin Alves</a> (high flight risk, tie 0.94)" in elena


def test_a_name_written_as_markup_is_shown_as_text(hr):
    page = hr.get("/insights/exposure?limit=200").get_data(as_text=True)
    assert MARKUP not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_one_unit_and_the_units_under_it(hr):
    page = hr.get("/insights/exposure?unit=u-sales").get_data(as_text=True)
    units = table(page, "exposure-units")
    assert "Sales EMEA" in units and "Finance" not in units
    assert "Sales and the units under it" in page


def test_reading_the_page_is_recorded_with_everyone_it_names(hr, exposure_app):
    found = hr.get("/api/insights/exposure?unit=u-apps").json
    hr.get("/insights/exposure?unit=u-apps")
    named = {r["person"] for r in found["people"]} | {v["person"] for r in found["people"] for v in r["via"]}
    with exposure_app.app_context():
        from netgraph.web.store import get_store

        last = events(get_store())[-1]
    assert last["action"] == "read.insights" and set(last["entities"]) == {f"person:{p}" for p in named}


def test_the_insights_page_links_to_it(hr):
    page = hr.get("/insights").get_data(as_text=True)
    assert 'id="exposure-link" href="/insights/exposure"' in page


@pytest.mark.parametrize("user", ["sana", "vic"])
def test_mentors_and_viewers_may_not_open_it(exposure_app, user):
    assert Browser(exposure_app).login(user).get("/insights/exposure").status_code == 403


def test_an_unknown_unit_is_refused_naming_it(hr):
    response = hr.get("/insights/exposure?unit=u-nowhere")
    assert response.status_code == 422 and "u-nowhere" in response.get_data(as_text=True)


def test_before_the_first_refresh_the_page_says_how_to_compute(as_user):
    page = as_user("hr").get("/insights/exposure").get_data(as_text=True)
    assert "netgraph insights refresh" in page and 'id="exposure-not-computed"' in page


def test_at_most_the_units_set_are_shown_those_with_most_people_exposed_the_rest_counted(two_units_app, exposure_app):
    every = Browser(exposure_app).login("hr").get("/api/insights/exposure").json["units"]
    hr = Browser(two_units_app).login("hr")
    found = hr.get("/api/insights/exposure").json
    most = sorted(every, key=lambda u: -u["exposed"])[:2]
    assert {u["unit"] for u in found["units"]} == {u["unit"] for u in most} and found["left_out"] == len(every) - 2
    page = hr.get("/insights/exposure").get_data(as_text=True)
    assert f"{len(every) - 2} other units left out" in page.split('id="exposure-units-left-out">')[1]
