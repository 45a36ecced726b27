"""Impact of loss and programme growth on the demo (docs/insights.md, "What the demo shows"), on both stores.

Impact part by part as worked out by hand from the demo's data:

Kamala Zhang (p136) is the CFO, a critical seat nobody is nominated for, and her flight risk is high: the
one high-risk incumbent of a critical position with no ready-now successor. Eitan Eze (p099) holds Head of
Sales APAC (a gap), is the only ready-now successor of the VP Sales, alone links Sales APAC to the rest of
the network and mentors Yusuf (p100) now.

Growth as of 2026-12-07 (the day is fixed, so the twelve months are too): six new dated ties, one of them
made through the programme.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.insights import exposure_report, growth_report, risk_grid, stored
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings


@pytest.fixture(scope="module")
def demo(demo_store):
    stored.refresh(demo_store, InsightSettings(permutations=20), RecommendSettings(), as_of=date(2026, 12, 7))
    return demo_store


def _row(found, person):
    (row,) = [r for r in found["people"] if r["person"] == person]
    return row


def test_kamala_zhang_is_the_one_high_risk_incumbent_of_a_critical_seat_with_no_ready_now_successor(demo):
    found = risk_grid.impact(demo, limit=5)
    assert found["first_listed"] == 1
    first = found["people"][0]
    assert (first["person"], first["flight_risk"], first["first_listed"]) == ("p136", "high", True)
    assert first["critical_held"] == [{"position": "pos-cfo", "status": "gap"}]


def test_eitan_ezes_impact_adds_up_from_his_seat_his_sole_cover_his_cut_and_his_mentee(demo):
    row = _row(risk_grid.impact(demo, unit="u-sales-apac", limit=20), "p099")
    assert row["critical_held"] == [{"position": "pos-head-apac", "status": "gap"}]
    assert row["sole_ready_now_for"] == ["pos-head-sales"]
    assert row["succession"] == 3 + 2
    assert (row["cut_off"], row["cut_point"], row["broker"], row["active_mentees"]) == (7, True, True, 1)
    assert row["network"] == 2 + 1 + 1
    assert (row["score"], row["band"], row["flight_risk"], row["first_listed"]) == (9, "high", "medium", False)


def test_the_grid_counts_everyone_once_by_band_and_flight_risk(demo, demo_clean):
    found = risk_grid.impact(demo)
    counted = sum(sum(cells.values()) for cells in found["grid"].values()) + sum(found["unrecorded"].values())
    active = [p for p in demo_clean["people"] if p["status"] != "left"]
    assert counted == len(active)
    high_risk = sum(found["grid"][band]["high"] for band in found["grid"])
    assert high_risk == sum(1 for p in active if p["flight_risk"] == "high")


def test_a_unit_grid_counts_only_its_people(demo, demo_clean):
    found = risk_grid.impact(demo, unit="u-sales-apac")
    apac = [p for p in demo_clean["people"] if p["org_unit"] == "u-sales-apac" and p["status"] != "left"]
    assert sum(sum(c.values()) for c in found["grid"].values()) + sum(found["unrecorded"].values()) == len(apac)


def test_the_demo_programme_made_one_of_its_six_new_ties_this_year_in_march_within_a_unit(demo):
    months = growth_report.growth(demo)["months"]
    assert sum(m["new_ties"] for m in months) == 6
    assert [(m["month"], m["programme_ties"], m["crossing"]) for m in months if m["programme_ties"]] == [
        ("2026-03", 1, 0)
    ]


def test_most_demo_mentees_stand_two_contacts_from_a_skill_they_want(demo):
    mentees = growth_report.growth(demo)["mentees"]
    assert (mentees["mentees"], mentees["pairs"]) == (33, 48)
    assert mentees["by_distance"] == {"0": 1, "1": 4, "2": 37, "3": 6, "4+": 0, "none": 0}


@pytest.fixture
def saved_without_orders(store, demo_clean):
    """The demo refreshed, with what the pages read first (each read as refreshed), then saved again as a
    refresh from before the grids and orders were stored: its state and rows only."""
    store.write(demo_clean)
    stored.refresh(store, InsightSettings(permutations=20), RecommendSettings(), as_of=date(2026, 12, 7))
    found = (risk_grid.impact(store, limit=40), exposure_report.exposure(store, limit=40))
    store.save_insights(store.insight_state(), store.person_insights())
    return store, found


def test_a_grid_saved_before_grids_were_stored_is_counted_from_every_row_to_the_same_answer(saved_without_orders):
    store, (impact, _) = saved_without_orders
    assert risk_grid.impact(store, limit=40) == impact


def test_the_people_exposed_saved_before_their_order_was_stored_are_found_in_every_row(saved_without_orders):
    store, (_, exposure) = saved_without_orders
    found = exposure_report.exposure(store, limit=40)
    assert (found["exposed"], found["people"]) == (exposure["exposed"], exposure["people"])
