"""Contract of the InsightQueries port on both stores (test_<member>_<guarantee>)."""

from __future__ import annotations

import pytest

from netgraph.model.audit import entry
from netgraph.model.validate import complete, validate
from tests.contract.test_insights_growth import DATED as GROWTH_DOCUMENT

#: Each link tells one part of the definition: the strongest link wins, a missing strength counts as
#: missing_strength, a retired tie and a leaver's links are left out, someone without a unit or contact stays.
DOCUMENT = {
    "org_units": [{"id": "u0", "name": "Company"}, {"id": "u1", "name": "Sales", "parent": "u0"}],
    "people": [
        {"id": "p1", "name": "Ada", "org_unit": "u1"},
        {"id": "p2", "name": "Bo", "org_unit": "u1"},
        {"id": "p3", "name": "Cy", "org_unit": "u0"},
        {"id": "p4", "name": "Di", "org_unit": "u0"},
        {"id": "p5", "name": "Ed", "org_unit": "u0", "status": "left", "left_on": "2026-01-01"},
        {"id": "p6", "name": "Flo"},
    ],
    "knows": [
        {"a": "p1", "b": "p2", "strength": 0.3},
        {"a": "p3", "b": "p1"},
        {
            "a": "p3",
            "b": "p4",
            "strength": 0.8,
            "sources": ["interactions"],
            "evidence_strength": 0.8,
            "retired_on": "2026-02-01",
        },
        {"a": "p4", "b": "p5", "strength": 0.7},
        {"a": "p2", "b": "p4", "strength": 0.95},
    ],
    "mentorships": [
        {"mentor": "p2", "mentee": "p1", "status": "ended", "since": "2024-01-01", "until": "2025-01-01"},
        {"mentor": "p4", "mentee": "p2", "status": "active", "since": "2024-01-01"},
    ],
}


@pytest.fixture
def loaded(store):
    store.write(complete(validate(DOCUMENT)))
    return store


def test_contact_network_keeps_the_strongest_live_link_of_each_pair_between_people_who_stay(loaded):
    found = loaded.contact_network(mentor_strength=0.9, missing_strength=0.5)
    assert found == {
        "people": ["p1", "p2", "p3", "p4", "p6"],
        "units": ["u1", "u1", "u0", "u0", None],
        "links": [[0, 1, 0.9], [0, 2, 0.5], [1, 3, 0.95]],
        "unit_parents": {"u0": None, "u1": "u0"},
    }


def test_contact_network_counts_mentorships_and_missing_strengths_as_asked(loaded):
    found = loaded.contact_network(mentor_strength=0.2, missing_strength=0.1)
    assert found["links"] == [[0, 1, 0.3], [0, 2, 0.1], [1, 3, 0.95]]


def test_contact_network_of_an_empty_store_is_empty(store):
    assert store.contact_network(mentor_strength=0.9, missing_strength=0.5) == {
        "people": [],
        "units": [],
        "links": [],
        "unit_parents": {},
    }


def test_departure_links_are_the_links_of_people_who_stay_with_people_who_left_since_a_date(loaded):
    found = loaded.departure_links("2025-12-01", mentor_strength=0.9, missing_strength=0.5)
    assert found == [{"person": "p4", "departed": "p5", "strength": 0.7, "left_on": "2026-01-01"}]


def test_departure_links_leave_out_people_who_left_before_the_date(loaded):
    assert loaded.departure_links("2026-01-02", mentor_strength=0.9, missing_strength=0.5) == []


def test_growth_links_are_the_dated_ties_mentorship_starts_and_accepted_introductions(store):
    store.write(complete(validate(GROWTH_DOCUMENT)))
    assert store.growth_links("2025-07-01") == {
        "ties": [
            ["e", "k", "2026-02-01"],
            ["e", "m", "2026-01-10"],
            ["i", "z", "2026-05-05"],
            ["s", "t", "2025-12-15"],
            ["t", "z", "2026-03-20"],
        ],
        "mentorships": [["m", "e", "2026-01-10", "active"]],
        "introductions": [["z", "t", "2026-03-01"]],
    }


STATE = {"computed_at": "2026-12-01T10:00:00.000000Z", "mode": "exact", "sources": 5, "levels": 2}
ROWS = [
    {"person": "p1", "unit": "u1", "betweenness": 0.5, "degree": 2},
    {"person": "p2", "unit": "u1", "betweenness": 0.5, "degree": 3},
    {"person": "p4", "unit": "u0", "betweenness": 0.9, "degree": 1},
]
PARTS = {
    "silos": [("u1", {"unit": "u1", "ei": -0.5}), ("u0", {"unit": "u0", "ei": 0.25})],
    "heat_map": [("1", {"level": 1, "units": ["u0"]}), ("2", {"level": 2, "units": ["u1"]})],
}


def cut(person: str, unit: str, cut_off: int, sole: int, bridges: list[str]) -> dict:
    """A stored person row that is a cut point by these figures (betweenness 0)."""
    return {
        "person": person,
        "unit": unit,
        "betweenness": 0.0,
        "cuts_off": [{"size": cut_off, "people": None}] if cut_off else [],
        "sole_links": [["u0", f"x{k}"] for k in range(sole)],
        "bridges": bridges,
    }


#: Ordered by people cut off, then sole links, then bridges, then id; p6 is no cut point.
CUTS = [
    cut("p3", "u0", 0, 0, ["p1"]),
    cut("p1", "u1", 2, 0, ["p3"]),
    cut("p2", "u1", 2, 1, []),
    cut("p4", "u0", 0, 1, []),
    cut("p6", "u0", 0, 0, []),
]


#: Who is at risk, who holds which skill and who wants to grow one; Ed has left, Flo has recorded nothing.
FACTS_DOCUMENT = {
    "people": [
        {"id": "p1", "name": "Ada", "flight_risk": "high", "skills": {"sql": 4, "go": 2}, "wants_to_grow": ["ml"]},
        {"id": "p2", "name": "Bo", "flight_risk": "low", "wants_to_grow": ["sql", "go"]},
        {"id": "p5", "name": "Ed", "flight_risk": "high", "status": "left", "left_on": "2026-01-01"},
        {"id": "p6", "name": "Flo"},
    ],
}


def test_person_facts_give_flight_risk_skills_and_goals_of_everyone_who_has_not_left(store):
    store.write(complete(validate(FACTS_DOCUMENT)))
    assert store.person_facts() == {
        "p1": {"flight_risk": "high", "skills": {"go": 2, "sql": 4}, "wants_to_grow": ["ml"]},
        "p2": {"flight_risk": "low", "skills": {}, "wants_to_grow": ["go", "sql"]},
        "p6": {"flight_risk": None, "skills": {}, "wants_to_grow": []},
    }


def test_person_facts_of_an_empty_store_are_empty(store):
    assert store.person_facts() == {}


def test_network_changed_at_is_none_before_any_change(store):
    assert store.network_changed_at() is None


def test_network_changed_at_moves_with_a_write_that_may_change_the_network(loaded):
    before = loaded.network_changed_at()
    loaded.write(complete(validate({"knows": [{"a": "p1", "b": "p4", "strength": 0.4}]}, existing=loaded)))
    assert before is not None and loaded.network_changed_at() > before


def test_network_changed_at_stays_for_a_write_that_carries_nothing(loaded):
    before = loaded.network_changed_at()
    loaded.write(complete(validate({}, existing=loaded)))
    assert loaded.network_changed_at() == before


def test_network_changed_at_moves_with_an_introduction_since_growth_reads_them(loaded):
    before = loaded.network_changed_at()
    intro = {"id": "i9", "by": "p1", "introduce": "p2", "to": "p3", "created_on": "2025-01-10"}
    loaded.write(complete(validate({"introductions": [intro]}, existing=loaded)))
    assert loaded.network_changed_at() != before


def test_network_changed_at_moves_with_a_position_since_impact_reads_positions(loaded):
    before = loaded.network_changed_at()
    loaded.write(complete(validate({"positions": [{"id": "x1", "title": "Lead"}]})))
    assert loaded.network_changed_at() != before


def test_network_changed_at_moves_when_a_person_is_erased(loaded):
    before = loaded.network_changed_at()
    loaded.erase_person("p6", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert loaded.network_changed_at() > before


def test_save_insights_replaces_every_stored_result(loaded):
    loaded.save_insights(
        {**STATE, "mode": "sampled"}, [{"person": "p3", "betweenness": 0.1}], {"communities": [("0", {"size": 5})]}
    )
    loaded.save_insights(STATE, ROWS, PARTS)
    assert (loaded.insight_state(), loaded.person_insights()) == (STATE, [ROWS[2], ROWS[0], ROWS[1]])
    assert (loaded.insight_parts("silos"), loaded.insight_parts("communities")) == ([p for _, p in PARTS["silos"]], [])


def test_insight_state_is_none_before_the_first_save(loaded):
    assert loaded.insight_state() is None


def test_insight_state_and_marker_gives_the_state_and_network_changed_at_together(loaded):
    loaded.save_insights(STATE, ROWS, PARTS)
    state, marker = loaded.insight_state_and_marker()
    assert ({k: v for k, v in state.items() if k != "run"}, marker) == (STATE, loaded.network_changed_at())


def test_insight_state_and_marker_names_a_new_run_at_each_save(loaded):
    loaded.save_insights(STATE, ROWS, PARTS)
    first = loaded.insight_state_and_marker()[0]["run"]
    loaded.save_insights(STATE, ROWS, PARTS)
    assert first and loaded.insight_state_and_marker()[0]["run"] not in {"", first}


def test_insight_state_and_marker_is_none_twice_on_an_empty_store(store):
    assert store.insight_state_and_marker() == (None, None)


def test_insight_parts_of_a_kind_come_in_the_order_saved_of_some_keys_if_asked(loaded):
    loaded.save_insights(STATE, ROWS, PARTS)
    assert loaded.insight_parts("silos", ["u0", "u1", "nowhere"]) == [
        {"unit": "u1", "ei": -0.5},
        {"unit": "u0", "ei": 0.25},
    ]
    assert loaded.insight_parts("heat_map", ["2"]) == [{"level": 2, "units": ["u1"]}]
    assert (loaded.insight_parts("heat_map", []), loaded.insight_parts("nothing")) == ([], [])


def test_person_insights_of_some_people_at_most_limit_by_rank_then_id(loaded):
    loaded.save_insights(STATE, ROWS)
    assert loaded.person_insights(["p2", "p1", "nobody"]) == [ROWS[0], ROWS[1]]
    assert loaded.person_insights(limit=2) == [ROWS[2], ROWS[0]]
    assert loaded.person_insights([]) == []


def test_person_insights_of_some_units_are_those_of_their_people(loaded):
    loaded.save_insights(STATE, ROWS)
    assert loaded.person_insights(units=["u1", "nowhere"], limit=1) == [ROWS[0]]
    assert loaded.person_insights(["p4", "p2"], units=["u1"]) == [ROWS[1]]


def test_person_insights_lose_an_erased_person_in_the_erasure(loaded):
    loaded.save_insights(STATE, ROWS)
    loaded.erase_person("p4", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert [r["person"] for r in loaded.person_insights()] == ["p1", "p2"]


def test_cut_point_insights_are_the_cut_points_by_people_cut_off_sole_links_bridges_then_id(loaded):
    loaded.save_insights(STATE, CUTS)
    assert [r["person"] for r in loaded.cut_point_insights()] == ["p2", "p1", "p4", "p3"]
    assert [r["person"] for r in loaded.cut_point_insights(units=["u0"], limit=1)] == ["p4"]


def test_cut_point_insights_follow_the_erasure_of_the_person_a_bridge_led_to(loaded):
    loaded.save_insights(STATE, CUTS)
    loaded.erase_person("p1", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert [r["person"] for r in loaded.cut_point_insights()] == ["p2", "p4"]


def exposed_row(person: str, unit: str, via: list[str]) -> dict:
    """A stored person row exposed to departures through ties with ``via`` (not exposed if none)."""
    ties = [{"person": p, "reason": "high_risk", "strength": 0.5, "left_on": None} for p in via]
    return {"person": person, "unit": unit, "betweenness": 0.0, "exposure": {"exposed": bool(via), "via": ties}}


#: p1 is exposed through p4 alone, p2 through p4 and p3; p3 and p4 are not exposed.
EXPOSED = [exposed_row("p1", "u1", ["p4"]), exposed_row("p2", "u1", ["p4", "p3"])]
EXPOSED += [exposed_row("p3", "u0", []), exposed_row("p4", "u0", [])]
ORDERS = {"impact": ["p4", "p2", "p1", "p3"], "exposed": ["p1", "p2"]}
#: More units than a read looks up one by one on Neo4j: it walks the order instead.
MANY_UNITS = ["u1", *(f"x{k}" for k in range(60))]


def test_ordered_insights_follow_the_saved_order_of_some_units_at_most_limit(loaded):
    loaded.save_insights(STATE, EXPOSED, orders=ORDERS)
    assert [r["person"] for r in loaded.ordered_insights("impact")] == ["p4", "p2", "p1", "p3"]
    assert [r["person"] for r in loaded.ordered_insights("impact", units=["u1"], limit=1)] == ["p2"]
    assert [r["person"] for r in loaded.ordered_insights("impact", units=MANY_UNITS)] == ["p2", "p1"]
    assert loaded.ordered_insights("exposed", limit=2) == EXPOSED[:2]


def test_ordered_insights_are_none_of_a_result_saved_without_orders(loaded):
    loaded.save_insights(STATE, EXPOSED)
    assert (loaded.ordered_insights("impact"), loaded.ordered_insights("exposed")) == ([], [])


def test_ordered_insights_lose_an_erased_person_and_whom_only_a_tie_to_them_exposed(loaded):
    loaded.save_insights(STATE, EXPOSED, orders=ORDERS)
    loaded.erase_person("p4", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert [r["person"] for r in loaded.ordered_insights("impact")] == ["p2", "p1", "p3"]
    assert [r["person"] for r in loaded.ordered_insights("exposed")] == ["p2"]


def test_ordered_count_counts_the_people_an_order_lists_of_some_units(loaded):
    loaded.save_insights(STATE, EXPOSED, orders=ORDERS)
    assert (loaded.ordered_count("impact"), loaded.ordered_count("exposed")) == (4, 2)
    assert (loaded.ordered_count("impact", units=["u0"]), loaded.ordered_count("exposed", units=MANY_UNITS)) == (2, 2)
    assert loaded.ordered_count("exposed", units=["u0", "nowhere"]) == 0


def test_ordered_count_follows_an_erasure(loaded):
    loaded.save_insights(STATE, EXPOSED, orders=ORDERS)
    loaded.erase_person("p4", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert (loaded.ordered_count("impact"), loaded.ordered_count("exposed")) == (3, 1)


#: A unit filter that would match every row if it were pasted into the query text.
INJECTED_UNITS = ["u0' OR '1'='1", 'u0") OR 1=1 --']


def test_ordered_insights_ordered_count_and_cut_point_insights_take_units_as_values_not_query_text(loaded):
    loaded.save_insights(STATE, EXPOSED, orders=ORDERS)
    assert loaded.ordered_insights("impact", units=INJECTED_UNITS) == []
    assert loaded.ordered_count("impact", units=INJECTED_UNITS) == 0
    loaded.save_insights(STATE, CUTS)
    assert loaded.cut_point_insights(units=INJECTED_UNITS) == []


def test_ordered_insights_ordered_count_and_cut_point_insights_of_no_units_are_none(loaded):
    loaded.save_insights(STATE, EXPOSED, orders=ORDERS)
    assert (loaded.ordered_insights("impact", units=[]), loaded.ordered_count("impact", units=[])) == ([], 0)
    loaded.save_insights(STATE, CUTS)
    assert loaded.cut_point_insights(units=[], limit=10) == []


def test_units_under_gives_the_unit_and_every_unit_below_it_at_any_depth(loaded):
    loaded.write(
        complete(validate({"org_units": [{"id": "u2", "name": "Inside sales", "parent": "u1"}]}, existing=loaded))
    )
    assert (loaded.units_under("u0"), loaded.units_under("u1"), loaded.units_under("u2")) == (
        ["u0", "u1", "u2"],
        ["u1", "u2"],
        ["u2"],
    )


def test_units_under_is_none_for_an_unknown_unit(loaded):
    assert loaded.units_under("nowhere") is None
