"""The insights page and its JSON twins: stored results, for hr and admin, person reads recorded."""

from __future__ import annotations

import pytest

from netgraph.analysis.audit import events
from netgraph.analysis.insights import stored
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.store import EmbeddedStore
from tests.web.conftest import Browser, make_app
from tests.web.test_openapi import response_schema, validator


@pytest.fixture(scope="module")
def refreshed_store(demo_clean, tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("insights") / "graph.json")
    store.write(demo_clean)
    stored.refresh(store, InsightSettings(permutations=20), RecommendSettings())
    return store


@pytest.fixture(scope="module")
def refreshed_app(refreshed_store, accounts_file):
    return make_app(refreshed_store, accounts_file)


@pytest.fixture(scope="module")
def two_shown(refreshed_store, accounts_file):
    """The same store, showing at most two units in a heat map or a silo table."""
    return make_app(refreshed_store, accounts_file, NETGRAPH_INSIGHTS_UNITS_SHOWN=2)


@pytest.fixture
def hr(refreshed_app):
    return Browser(refreshed_app).login("hr")


@pytest.mark.parametrize(
    "url",
    [
        "/api/insights/brokers?unit=u-sales",
        "/api/insights/cut-points",
        "/api/insights/silos?unit=u-eng",
        "/api/insights/heat-map?level=2",
        "/api/insights/communities",
    ],
)
def test_stored_answers_match_the_described_schema(hr, url):
    response = hr.get(url)
    assert response.status_code == 200, response.data[:300]
    validator(response_schema("GET", url.split("?")[0], 200))(response.json)
    assert response.json["computed_at"] and response.json["stale"] is False


def test_reading_brokers_is_recorded_with_the_people_shown(hr, refreshed_app):
    shown = [f"person:{r['person']}" for r in hr.get("/api/insights/brokers?limit=3").json["people"]]
    with refreshed_app.app_context():
        from netgraph.web.store import get_store

        last = events(get_store())[-1]
    assert (last["action"], last["entities"], last["actor"]) == ("read.insights", sorted(shown), "web:hr")


def test_an_unknown_unit_is_a_422_naming_it(hr):
    response = hr.get("/api/insights/silos?unit=u-nowhere")
    assert response.status_code == 422 and "u-nowhere" in response.get_data(as_text=True)


def test_the_page_says_what_the_figures_are_for_and_shows_the_heat_map(hr):
    page = hr.get("/insights?level=2").get_data(as_text=True)
    assert "not performance" in page and 'id="heat-map"' in page and "Sales APAC" in page


def test_the_densest_cell_of_a_level_has_the_darkest_shade_and_its_density_in_two_digits(hr):
    """Shades are relative to the level's densest cell: at 100k people every density is below 0.001, and an
    absolute scale drew the whole map in its palest shade with every figure 0.000."""
    found = hr.get("/api/insights/heat-map?level=2").json
    densest = max((c for c in found["cells"] if c["density"]), key=lambda c: c["density"])
    page = hr.get("/insights?level=2").get_data(as_text=True)
    table = page.split('id="heat-map"')[1].split("</table>")[0]
    assert f'class="heat-5" title="{densest["ties"]} ties">{densest["density"]:.2f}</td>' in table


def test_before_the_first_refresh_the_page_says_how_to_compute(as_user):
    page = as_user("hr").get("/insights").get_data(as_text=True)
    assert "netgraph insights refresh" in page and 'id="insights-not-computed"' in page


def test_a_level_with_too_many_units_to_draw_lists_its_densest_pairs_and_clearest_silos(hr, monkeypatch):
    from netgraph.web import insights

    monkeypatch.setattr(insights, "MAX_DRAWN", 3)
    monkeypatch.setattr(insights, "LISTED", 2)
    page = hr.get("/insights?level=2").get_data(as_text=True)
    assert 'id="heat-map"' not in page and 'id="heat-map-too-large"' in page
    pairs = page.split('id="densest-pairs"')[1].split("</table>")[0]
    silos = page.split('id="silos"')[1].split("</table>")[0]
    assert pairs.count("<tr><td") == 2 and silos.count("<tr") == 3  # the head's row, then two units


def test_the_densest_pairs_come_first():
    from netgraph.web.insights import densest_pairs

    heat = {
        "units": [{"unit": "a", "members": 5}, {"unit": "b", "members": 6}],
        "cells": [{"a": "a", "b": "b", "ties": 3, "density": 0.1}, {"a": "a", "b": "a", "ties": 4, "density": 0.4}],
    }
    assert [(c["a"], c["b"]) for c in densest_pairs(heat, 1)] == [("a", "a")]


def test_the_clearest_silos_lie_furthest_below_chance():
    from netgraph.web.insights import clearest_silos

    rows = [
        {"unit": "a", "ei": -0.2, "expected_ei": 0.5},
        {"unit": "b", "ei": -0.9, "expected_ei": -0.5},
        {"unit": "c", "ei": None, "expected_ei": 0.5},
    ]
    assert [r["unit"] for r in clearest_silos(rows, 5)] == ["a", "b"]


def test_the_page_says_how_many_units_of_the_heat_map_and_the_silos_it_left_out(two_shown, refreshed_store):
    units = len(stored.heat_map(refreshed_store, level=2)["units"])
    page = Browser(two_shown).login("hr").get("/insights?level=2").get_data(as_text=True)
    heat = page.split('id="heat-map-left-out">')[1].split("</p>")[0]
    silos = page.split('id="silos-left-out">')[1].split("</p>")[0]
    assert heat.startswith("The 2 units of this level with the most ties") and f"{units - 2} other units left" in heat
    assert silos.startswith("The 2 units of this level whose E-I index") and f"{units - 2} other units left" in silos
    assert page.split('id="heat-map"')[1].split("</thead>")[0].count('scope="col"') == 2


def test_the_page_escapes_the_names_of_the_units_it_shows(two_shown, refreshed_store, monkeypatch):
    shown = stored.heat_map(refreshed_store, level=2, limit=2)["units"][0]["unit"]
    monkeypatch.setattr(type(refreshed_store), "unit_names", lambda self, units: {u: "<b>R&D</b>" for u in units})
    page = Browser(two_shown).login("hr").get("/insights?level=2").get_data(as_text=True)
    assert "&lt;b&gt;R&amp;D&lt;/b&gt;" in page and "<b>R&D</b>" not in page and shown in page


def test_the_heat_map_api_shows_at_most_the_units_set_and_counts_the_rest(two_shown, refreshed_store):
    units = len(stored.heat_map(refreshed_store, level=2)["units"])
    found = Browser(two_shown).login("hr").get("/api/insights/heat-map?level=2").json
    assert len(found["units"]) == 2 and found["left_out"] == units - 2
    validator(response_schema("GET", "/api/insights/heat-map", 200))(found)


def test_the_silo_api_takes_a_smaller_limit_and_lists_the_clearest_silos_first(two_shown, refreshed_store):
    found = Browser(two_shown).login("hr").get("/api/insights/silos?limit=1").json
    every = stored.silos(refreshed_store)["units"]
    assert [r["unit"] for r in found["units"]] == [min(every, key=stored.clearest_first)["unit"]]
    assert found["left_out"] == len(every) - 1


def test_a_limit_above_the_units_shown_is_a_422_naming_it(two_shown):
    response = Browser(two_shown).login("hr").get("/api/insights/heat-map?level=2&limit=3")
    assert response.status_code == 422 and "limit" in response.get_data(as_text=True)


def test_the_communities_api_shows_at_most_the_communities_and_units_set_and_counts_the_rest(
    two_shown, refreshed_store
):
    every = stored.communities(refreshed_store)
    found = Browser(two_shown).login("hr").get("/api/insights/communities").json
    assert [c["community"] for c in found["communities"]] == [c["community"] for c in every["communities"][:2]]
    assert found["left_out"] == len(every["communities"]) - 2
    assert len(found["units"]) == 2 and found["units_left_out"] == len(every["units"]) - 2
    validator(response_schema("GET", "/api/insights/communities", 200))(found)


def test_the_page_says_how_many_communities_it_left_out(two_shown, refreshed_store):
    communities = len(stored.communities(refreshed_store)["communities"])
    page = Browser(two_shown).login("hr").get("/insights").get_data(as_text=True)
    said = page.split('id="communities-left-out">')[1].split("</p>")[0]
    assert said.startswith("The 2 largest communities") and f"{communities - 2} other communit" in said
    assert page.split('id="communities"')[1].split("<tbody>")[1].split("</tbody>")[0].count("<tr>") == 2


def test_a_refresh_between_the_reads_of_the_page_is_a_409_saying_to_reload(
    demo_clean, accounts_file, tmp_path, monkeypatch
):
    """The page reads its state once and the heat map and silos of that result; a refresh before its
    brokers are read replaces that result, and the page says to reload rather than show two results."""
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(demo_clean)
    settings = InsightSettings(permutations=20)
    stored.refresh(store, settings, RecommendSettings())
    plain = stored.brokers

    def refreshed_first(*args, **kwargs):
        stored.refresh(store, settings, RecommendSettings())
        return plain(*args, **kwargs)

    monkeypatch.setattr(stored, "brokers", refreshed_first)
    response = Browser(make_app(store, accounts_file)).login("hr").get("/insights")
    assert response.status_code == 409 and b"refreshed while you read; reload" in response.data
