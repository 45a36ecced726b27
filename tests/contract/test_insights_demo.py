"""The story the insights tell about the demo organisation (docs/insights.md), finding by finding, on both stores."""

from __future__ import annotations

import pytest

from netgraph.analysis.insights import stored
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings


@pytest.fixture(scope="module")
def demo(demo_store):
    stored.refresh(demo_store, InsightSettings(), RecommendSettings())
    return demo_store


def test_the_top_brokers_are_zeynep_dilnoza_and_maya(demo):
    assert [r["person"] for r in stored.brokers(demo, limit=3)["people"]] == ["p028", "p008", "p107"]


def test_eitan_eze_is_the_one_cut_point_and_his_leaving_cuts_off_the_rest_of_sales_apac(demo, demo_clean):
    apac = sorted(p["id"] for p in demo_clean["people"] if p["org_unit"] == "u-sales-apac" and p["id"] != "p099")
    found = [r for r in stored.cut_points(demo, limit=100)["people"] if r["cuts_off"]]
    assert [(r["person"], r["cuts_off"]) for r in found] == [("p099", [{"size": 7, "people": apac}])]


def test_no_single_link_is_a_bridge(demo):
    assert all(not r["bridges"] for r in stored.cut_points(demo, limit=100)["people"])


def test_every_unit_below_the_top_keeps_to_itself_beyond_what_its_size_explains(demo):
    units = [r for r in stored.silos(demo)["units"] if r["unit"] != "u-nw"]
    assert len(units) == 11 and all(r["ei"] < 0 < r["interval"][0] for r in units)


def test_communities_follow_the_units_but_one_joins_sales_and_engineering(demo):
    found = stored.communities(demo)
    assert found["nmi"] > 0.95
    assert [c["named_by"][:2] for c in found["communities"] if c["spans"] > 1] == [["u-sales", "u-eng"]]
