"""Contract: succession coverage, pipeline and what-if on the demo organisation, on both stores.

Every expectation here is a situation described in fixtures/demo/README.md.
"""

from __future__ import annotations

import pytest

from netgraph.analysis.succession import coverage, pipeline, position_report
from netgraph.analysis.what_if import what_if
from netgraph.errors import InvalidInput, NotFound


@pytest.fixture(scope="module")
def report(demo_store):
    return coverage(demo_store)


def ids(records, **where):
    return {r["id"] for r in records if all(r[k] == v for k, v in where.items())}


def flagged(report, flag):
    return {r["id"] for r in report["positions"] if flag in r["flags"]}


def test_the_critical_gaps_are_exactly_three(report):
    assert ids(report["positions"], critical=True, status="gap") == {"pos-cfo", "pos-security-lead", "pos-head-apac"}


def test_covered_critical_positions(report):
    assert ids(report["positions"], critical=True, status="covered") == {
        "pos-ceo",
        "pos-cto",
        "pos-head-platform",
        "pos-head-apps",
        "pos-head-data",
        "pos-head-emea",
        "pos-head-sales",
        "pos-account-director-emea",
    }


def test_developing_critical_positions(report):
    assert ids(report["positions"], critical=True, status="developing") == {
        "pos-head-product",
        "pos-head-ops",
        "pos-head-people",
        "pos-ml-lead",
        "pos-principal-platform",
        "pos-controller",
        "pos-compliance",
    }


def test_only_the_security_lead_seat_is_vacant(report):
    assert flagged(report, "vacant") == {"pos-security-lead"}


def test_flight_risk_marks_positions_whose_holder_may_leave(report):
    assert flagged(report, "flight_risk") == {
        "pos-cfo",
        "pos-head-data",
        "pos-payroll",
        "pos-sre-lead",
        "pos-staff-apps",
    }


def test_thin_benches_have_exactly_one_successor(report):
    thin = [r for r in report["positions"] if "thin" in r["flags"]]
    assert len(thin) == 19 and sum(r["critical"] for r in thin) == 9
    assert all(sum(len(v) for v in r["successors"].values()) == 1 for r in thin)


def test_one_person_covering_two_critical_positions_is_shared_cover(report):
    assert flagged(report, "shared_cover") == {"pos-head-apps", "pos-head-data"}
    for position in ("pos-head-apps", "pos-head-data"):
        record = next(r for r in report["positions"] if r["id"] == position)
        assert record["successors"]["ready_now"] == ["p029"]


def test_promoting_the_vp_sales_successor_would_open_a_critical_gap(report):
    assert flagged(report, "cascade") == {"pos-head-sales"}


def test_positions_are_listed_critical_first_then_worst_first(report):
    keys = [
        (not r["critical"], ["gap", "developing", "covered"].index(r["status"]), r["id"]) for r in report["positions"]
    ]
    assert keys == sorted(keys)
    assert report["positions"][0]["id"] == "pos-cfo"


def test_the_documented_json_shape(report):
    record = next(r for r in report["positions"] if r["id"] == "pos-head-sales")
    assert {
        k: record[k] for k in ("id", "title", "org_unit", "critical", "incumbents", "status", "flags", "successors")
    } == {
        "id": "pos-head-sales",
        "title": "VP Sales",
        "org_unit": "u-sales",
        "critical": True,
        "incumbents": ["p078"],
        "status": "covered",
        "flags": ["cascade"],
        "successors": {"ready_now": ["p099"], "ready_1_2_years": ["p083"], "ready_3_plus_years": []},
    }


def test_the_rollup_counts_a_unit_and_every_unit_below_it(report):
    eng = next(u for u in report["org_units"] if u["id"] == "u-eng")
    below = {"u-eng", "u-platform", "u-apps", "u-data"}
    mine = [r for r in report["positions"] if r["org_unit"] in below]
    assert (eng["positions"], eng["critical"]) == (len(mine), sum(r["critical"] for r in mine)) == (12, 7)
    assert (eng["covered"], eng["developing"], eng["gap"]) == (5, 4, 3)
    assert eng["bench_strength"] == pytest.approx(4 / 7)


def test_the_root_unit_rolls_up_the_whole_organisation(report):
    root = next(u for u in report["org_units"] if u["id"] == "u-nw")
    totals = report["totals"]
    assert root["positions"] == totals["positions"] == 42 and root["critical"] == totals["critical"] == 18
    assert root["bench_strength"] == totals["bench_strength"] == pytest.approx(8 / 18)


def test_one_person_is_nominated_for_four_positions(report):
    assert [m["person"] for m in report["nominated_for_many"]] == ["p065"]
    assert {p["position"] for p in report["nominated_for_many"][0]["positions"]} == {
        "pos-head-product",
        "pos-head-ops",
        "pos-pm-growth",
        "pos-design-lead",
    }


def test_an_org_unit_narrows_the_report_to_its_subtree(demo_store):
    sales = coverage(demo_store, org_unit="u-sales")
    assert {u["id"] for u in sales["org_units"]} == {"u-sales", "u-sales-emea", "u-sales-apac"}
    assert {r["org_unit"] for r in sales["positions"]} <= {"u-sales", "u-sales-emea", "u-sales-apac"}
    assert sales["totals"]["positions"] == 9


def test_critical_only_lists_critical_positions(demo_store):
    assert all(r["critical"] for r in coverage(demo_store, critical_only=True)["positions"])


def test_a_position_report_names_successors_and_their_seats(demo_store):
    record = position_report(demo_store, "pos-head-sales")
    assert [(h["person"], h["name"]) for h in record["incumbent_details"]] == [("p078", "Jin Larsen")]
    ready = record["successor_details"][0]
    assert (ready["person"], ready["name"], ready["readiness"], ready["holds"]) == (
        "p099",
        "Eitan Eze",
        "ready_now",
        ["pos-head-apac"],
    )


def test_the_pipeline_suggests_mentees_of_the_incumbent_first(demo_store):
    (found,) = pipeline(demo_store, position="pos-staff-apps")
    assert [s["candidate"] for s in found["suggestions"]] == ["p037", "p048"]
    assert found["suggestions"][0]["reasons"] == [
        "mentored by the incumbent, Amara Byrne, since 2025",
        "holds 2 of 2 required skills",
        "two levels below the position",
    ]


def test_pipeline_suggestions_respect_every_rule(demo_store, demo_clean):
    people = {p["id"]: p for p in demo_clean["people"]}
    positions = {p["id"]: p for p in demo_clean["positions"]}
    nominated = {(s["person"], s["position"]) for s in demo_clean["successors"]}
    listed = pipeline(demo_store)
    assert {p["status"] for p in listed} <= {"gap", "developing"}
    assert sum(len(p["suggestions"]) for p in listed) >= 10
    for entry in listed:
        position = positions[entry["position"]]
        assert len(entry["suggestions"]) <= 5
        for s in entry["suggestions"]:
            assert position["level"] - people[s["candidate"]]["level"] in (1, 2)
            assert (s["candidate"], entry["position"]) not in nominated
            assert s["candidate"] not in {h["person"] for h in position["holders"]}


def test_what_if_the_apac_bridge_leaves(demo_store):
    found = what_if(demo_store, ["p099"])
    assert found["newly_vacant"] == ["pos-head-apac"]
    assert found["worsened"] == [{"position": "pos-head-sales", "before": "covered", "after": "developing"}]
    assert [(b["org_unit"], b["before"], b["after"]) for b in found["bench_strength"]] == [
        ("u-nw", pytest.approx(8 / 18), pytest.approx(7 / 18)),
        ("u-sales", 0.75, 0.5),
    ]
    assert found["mentees_without_mentor"] == ["p100"]
    assert found["components"] == {"before": 1, "after": 2}
    assert found["cut_off"] == ["p100", "p101", "p102", "p103", "p104", "p105", "p106"]
    assert found["org_units_cut_off"] == ["u-sales-apac"]


def test_what_if_several_leave(demo_store):
    found = what_if(demo_store, ["p078", "p009"])
    assert found["newly_vacant"] == ["pos-head-sales", "pos-principal-platform"]
    assert found["mentees_without_mentor"] == ["p033", "p081"]
    assert found["introductions_in_flight"] == ["i009", "i016", "i020"]
    assert found["components"] == {"before": 1, "after": 1} and found["cut_off"] == []


def test_without_promotion_the_vacancies_stay_gaps(demo_store):
    found = what_if(demo_store, ["p001"])
    assert found["chain"] == [] and found["final_gaps"] == ["pos-ceo"]


def test_the_promotion_chain_runs_until_no_one_is_ready(demo_store):
    found = what_if(demo_store, ["p001"], promote=True)
    assert found["chain"] == [
        {"position": "pos-ceo", "filled_by": "p004", "vacates": "pos-cto"},
        {"position": "pos-cto", "filled_by": "p008", "vacates": "pos-head-platform"},
        {"position": "pos-head-platform", "filled_by": "p009", "vacates": "pos-principal-platform"},
    ]
    assert found["final_gaps"] == ["pos-principal-platform"]


def test_the_chain_through_the_cascade_leaves_apac_open(demo_store):
    found = what_if(demo_store, ["p078"], promote=True)
    assert found["chain"] == [{"position": "pos-head-sales", "filled_by": "p099", "vacates": "pos-head-apac"}]
    assert found["final_gaps"] == ["pos-head-apac"]


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda s: what_if(s, ["p999"]), NotFound),
        (lambda s: what_if(s, []), InvalidInput),
        (lambda s: coverage(s, org_unit="u-nope"), NotFound),
        (lambda s: position_report(s, "pos-nope"), NotFound),
        (lambda s: pipeline(s, position="pos-nope"), NotFound),
        (lambda s: pipeline(s, limit=0), InvalidInput),
    ],
)
def test_unknown_ids_and_bad_requests_are_refused(demo_store, call, error):
    with pytest.raises(error):
        call(demo_store)
