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
def refreshed_app(demo_clean, accounts_file, tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("insights") / "graph.json")
    store.write(demo_clean)
    stored.refresh(store, InsightSettings(permutations=20), RecommendSettings())
    return make_app(store, accounts_file)


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
