"""Exposure to departures on a small dated graph built for the test, on both stores.

As of 2026-06-30, with each person's 3 strongest ties looked at and departures of the last 90 days:

* Ada's strongest ties are Bo, Di and Eve; her fourth, to Hal (flight risk high), is not among them;
* Bo's second tie is to Xan, who left 30 days before: exposed;
* Di's second tie is to Cy, whose flight risk is high: exposed;
* Eve's strongest tie is to Yul, who left 120 days before: too long ago to count.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.insights import exposure_report, stored
from netgraph.model.audit import entry
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import complete, validate

AS_OF = date(2026, 6, 30)
SETTINGS = InsightSettings(permutations=5, min_group_size=2)

DATED = {
    "org_units": [{"id": "u0", "name": "Company"}, {"id": "u1", "name": "Team", "parent": "u0"}],
    "people": [
        {"id": "a", "name": "Ada", "org_unit": "u1", "flight_risk": "low"},
        {"id": "b", "name": "Bo", "org_unit": "u1"},
        {"id": "c", "name": "Cy", "org_unit": "u1", "flight_risk": "high"},
        {"id": "d", "name": "Di", "org_unit": "u1"},
        {"id": "e", "name": "Eve", "org_unit": "u0"},
        {"id": "h", "name": "Hal", "org_unit": "u0", "flight_risk": "high"},
        {"id": "x", "name": "Xan", "org_unit": "u1", "status": "left", "left_on": "2026-05-31"},
        {"id": "y", "name": "Yul", "org_unit": "u0", "status": "left", "left_on": "2026-03-02"},
    ],
    "knows": [
        {"a": "a", "b": "b", "strength": 0.9},
        {"a": "a", "b": "d", "strength": 0.8},
        {"a": "a", "b": "e", "strength": 0.7},
        {"a": "a", "b": "h", "strength": 0.6},
        {"a": "b", "b": "x", "strength": 0.5},
        {"a": "c", "b": "d", "strength": 0.4},
        {"a": "e", "b": "y", "strength": 0.8},
    ],
}


@pytest.fixture
def dated(store):
    store.write(complete(validate(DATED)))
    stored.refresh(store, SETTINGS, RecommendSettings(), as_of=AS_OF)
    return store


def test_exposed_are_those_with_a_recent_leaver_or_a_high_risk_colleague_among_their_three_strongest_ties(dated):
    found = exposure_report.exposure(dated)
    assert (found["as_of"], found["departed_since"], found["exposure_ties"]) == ("2026-06-30", "2026-04-01", 3)
    assert [(r["person"], [(v["person"], v["reason"]) for v in r["via"]]) for r in found["people"]] == [
        ("b", [("x", "left")]),
        ("d", [("c", "high_flight_risk")]),
    ]


def test_a_leavers_tie_says_when_they_left(dated):
    (bo,) = [r for r in exposure_report.exposure(dated)["people"] if r["person"] == "b"]
    assert bo["via"] == [{"person": "x", "name": "Xan", "reason": "left", "strength": 0.5, "left_on": "2026-05-31"}]


def test_each_unit_counts_its_people_and_those_exposed_over_the_units_under_it(dated):
    units = {u["unit"]: (u["members"], u["exposed"]) for u in exposure_report.exposure(dated)["units"]}
    assert units == {"u0": (6, 2), "u1": (4, 2)}


def test_a_unit_below_the_minimum_group_size_has_no_figure(store):
    store.write(complete(validate(DATED)))
    stored.refresh(store, InsightSettings(permutations=5, min_group_size=5), RecommendSettings(), as_of=AS_OF)
    assert [u["unit"] for u in exposure_report.exposure(store)["units"]] == ["u0"]


def test_fewer_ties_looked_at_expose_fewer_people(store):
    store.write(complete(validate(DATED)))
    settings = InsightSettings(permutations=5, min_group_size=2, exposure_ties=1)
    stored.refresh(store, settings, RecommendSettings(), as_of=AS_OF)
    assert exposure_report.exposure(store)["exposed"] == 0


def test_erasing_the_person_a_tie_ran_to_takes_them_out_of_the_exposure(dated):
    dated.erase_person("c", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert [r["person"] for r in exposure_report.exposure(dated)["people"]] == ["b"]
