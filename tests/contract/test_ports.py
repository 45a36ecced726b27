"""The per-method contract: what a third backend must pass, port by port.

Every member of every port of :mod:`netgraph.store.ports` (Persistence,
Lookups, NetworkQueries, SuccessionQueries, ProgrammeQueries) has at least
one test here, named ``test_<member>_<what it guarantees>``, that states what
it must answer: on the demo organisation (``fixtures/demo``, read-only, via
``demo_store``), on ``fixtures/small.json`` or on a small document built in the
test (writes, via ``store``). Each test runs on the embedded store and on
Neo4j; rows are checked key for key against the TypedDicts of the ports.
The last test insists that no member is left without a contract
(``tests/contract/port_contract.py`` keeps the map).

The detailed behaviour behind some methods (recommendations, warm paths,
succession reports, import and export) has its own contract files; these
tests only pin down each method's own promise.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.introductions import update
from netgraph.io.importer import import_document
from netgraph.model.introduction_tally import tally_introductions
from netgraph.model.rules import PipelineWeights, RecommendSettings
from netgraph.model.sync_state import sync_state_of
from netgraph.model.validate import complete, links_above, record_key, validate
from netgraph.model.vocabulary import FIELDS, IN_FLIGHT_STATUSES, NODE_LABELS, RELATIONSHIP_TYPES, SECTIONS
from netgraph.store.first_view_rows import first_view_rows
from netgraph.store.ports import (
    CandidateRow,
    Contact,
    Coverage,
    CoverCandidate,
    CoverSeat,
    FirstViewRows,
    IntroductionFacts,
    IntroductionTally,
    MatchingData,
    MenteeLoss,
    MentorLoad,
    Mentorship,
    NamedPerson,
    Neighbourhood,
    NeighbourhoodLink,
    NeighbourhoodPerson,
    PipelineRow,
    PipelineSuggestion,
    PositionLink,
    PositionRow,
    ProgrammeCounts,
    RecommendationInputs,
    SkillPath,
    Stats,
    Successor,
    UnitRow,
    WarmPath,
)
from tests.contract.port_contract import keys

SINCE = "2026-08-26"  # 90 days before the demo's "today", 2026-11-24
SETTINGS = RecommendSettings()
WALKTHROUGH = {"p065", "p084", "p067", "p087"}  # Sana Saleh's contacts the demo README suggests for Dana


# -- fixtures -------------------------------------------------------------------------------


# -- Persistence ----------------------------------------------------------------------------


def test_existing_keys_returns_the_stored_subset_of_ids(demo_store):
    assert demo_store.existing_keys("people", ["p001", "p999", "p150"]) == {"p001", "p150"}
    assert demo_store.existing_keys("positions", ["pos-ceo", "pos-nope"]) == {"pos-ceo"}
    assert demo_store.existing_keys("org_units", []) == set()


def test_existing_keys_finds_knows_either_way_and_mentorships_as_directed(demo_store):
    both = [("p033", "p009"), ("p009", "p033")]
    assert demo_store.existing_keys("knows", both) == set(both)
    assert demo_store.existing_keys("mentorships", both) == {("p009", "p033")}
    assert demo_store.existing_keys("successors", [("p099", "pos-head-sales"), ("p099", "pos-ceo")]) == {
        ("p099", "pos-head-sales")
    }


def test_stored_records_are_the_exported_records_of_the_stored_keys_asked_for(demo_store, demo_clean):
    for section in SECTIONS:
        records = demo_clean[section][:3]
        keys = [record_key(section, r) for r in records]
        missing = "nobody" if section in ("org_units", "people", "positions", "introductions") else ("nobody", "none")
        assert demo_store.stored_records(section, [*keys, missing]) == dict(zip(keys, records, strict=True)), section


def test_stored_records_find_knows_either_way_round(demo_store):
    found = demo_store.stored_records("knows", [("p033", "p009")])
    assert [(key, k["a"], k["b"]) for key, k in found.items()] == [(("p009", "p033"), "p009", "p033")]


def test_parent_links_map_each_child_to_its_parent(demo_store):
    units, positions = demo_store.parent_links("org_units"), demo_store.parent_links("positions")
    assert len(units) == 11 and "u-nw" not in units  # the root has no parent
    assert units["u-sales-apac"] == "u-sales" and units["u-sales"] == "u-nw"
    assert len(positions) == 41 and "pos-ceo" not in positions
    assert positions["pos-head-apac"] == "pos-head-sales"


def test_ancestor_links_walk_up_from_the_ids_asked_for(demo_store):
    units = demo_store.ancestor_links("org_units", ["u-sales-apac", "u-no-such-unit"])
    assert units == {"u-sales-apac": "u-sales", "u-sales": "u-nw"}
    positions = demo_store.ancestor_links("positions", ["pos-head-apac"])
    assert positions["pos-head-apac"] == "pos-head-sales"
    assert positions == links_above(demo_store.parent_links("positions"), ["pos-head-apac"])
    assert demo_store.ancestor_links("org_units", []) == {}


def test_export_is_the_normalized_document_sorted_by_key(demo_store, demo_clean):
    found = demo_store.export()
    assert list(found) == list(SECTIONS)
    for section, records in found.items():
        assert all(list(r) == list(FIELDS[section]) for r in records)
        assert [record_key(section, r) for r in records] == sorted(record_key(section, r) for r in records)
    assert found == demo_clean


def test_sync_state_is_the_rows_of_the_exported_people_units_positions_and_nominations(demo_store, demo_clean):
    found = demo_store.sync_state()
    assert found == sync_state_of(demo_clean)
    assert len(found.people) == len(demo_clean["people"]) and found.nominations  # the demo has nominations


def test_live_links_are_the_active_mentorships_and_in_flight_introductions_of_the_people_asked_for(
    demo_store, demo_clean
):
    people = sorted({m["mentee"] for m in demo_clean["mentorships"] if m["status"] == "active"})[:3]
    people += sorted({i["by"] for i in demo_clean["introductions"] if i["status"] in IN_FLIGHT_STATUSES})[:3]
    found = demo_store.live_links([*people, "nobody"])
    assert found == {
        "mentorships": [
            m for m in demo_clean["mentorships"] if m["status"] == "active" and {m["mentor"], m["mentee"]} & set(people)
        ],
        "introductions": [
            i
            for i in demo_clean["introductions"]
            if i["status"] in IN_FLIGHT_STATUSES and {i["by"], i["introduce"], i["to"]} & set(people)
        ],
    }
    assert found["mentorships"] and found["introductions"]
    assert demo_store.live_links([]) == {"mentorships": [], "introductions": []}


def test_stats_counts_every_label_and_type_with_zeros_included(demo_store):
    found = demo_store.stats()
    assert set(found) == keys(Stats)
    assert list(found["nodes"]) == list(NODE_LABELS)
    assert list(found["relationships"]) == list(RELATIONSHIP_TYPES)
    assert found["nodes"] == {"Person": 150, "OrgUnit": 12, "Position": 42, "Skill": 35, "Introduction": 25}
    assert (
        found["relationships"]["KNOWS"],
        found["relationships"]["MENTORS"],
        found["relationships"]["SUCCESSOR_FOR"],
    ) == (686, 36, 31)


# -- Lookups --------------------------------------------------------------------------------


def test_people_gives_normalized_records_of_the_ids_that_exist(demo_store, demo_clean):
    dana = next(p for p in demo_clean["people"] if p["id"] == "p033")
    found = demo_store.people(["p033", "p999"])
    assert found == {"p033": dana}
    assert list(found["p033"]) == list(FIELDS["people"])
    assert demo_store.people([]) == {}


def test_search_people_names_the_unit_and_stops_at_the_limit(demo_store):
    (dana,) = demo_store.search_people("OKAFOR", 5)
    assert dana == {
        "id": "p033",
        "name": "Dana Okafor",
        "title": "Senior Developer",
        "org_unit": "u-apps",
        "org_unit_name": "Applications",
    }
    assert demo_store.search_people("a", 4) == demo_store.search_people("a", 1000)[:4]


def test_search_units_matches_name_or_id_in_any_case_and_names_the_parent(demo_store):
    assert demo_store.search_units("SALES ", 10) == [
        {"id": "u-sales-apac", "name": "Sales APAC", "parent": "u-sales", "parent_name": "Sales"},
        {"id": "u-sales-emea", "name": "Sales EMEA", "parent": "u-sales", "parent_name": "Sales"},
    ]
    assert [u["id"] for u in demo_store.search_units("u-nw", 10)] == ["u-nw"]
    assert demo_store.search_units("nw", 10)[0]["parent"] is None


def test_search_units_orders_by_name_then_id_and_stops_at_the_limit(demo_store):
    every = demo_store.search_units("", 1000)
    assert [u["name"] for u in every] == sorted(u["name"] for u in every) and len(every) == 12
    assert demo_store.search_units("", 3) == every[:3]


def test_search_skills_matches_any_case_sorted_up_to_the_limit(demo_store):
    assert demo_store.search_skills("NEGOT", 10) == ["negotiation"]
    assert demo_store.search_skills("an", 3) == demo_store.search_skills("an", 1000)[:3]
    assert demo_store.search_skills("an", 1000) == sorted(demo_store.search_skills("an", 1000))


def test_person_names_gives_names_of_the_people_that_exist(demo_store):
    wanted = ["p-none", "p001", "p002", "p006"]
    assert demo_store.person_names(wanted) == {i: r["name"] for i, r in demo_store.people(wanted).items()}
    assert len(demo_store.person_names(wanted)) == len(wanted) - 1
    assert demo_store.person_names([]) == {}


def test_unit_names_gives_names_of_the_units_that_exist(demo_store):
    assert demo_store.unit_names(["u-apps", "u-none", "u-sales"]) == {"u-apps": "Applications", "u-sales": "Sales"}
    assert demo_store.unit_names([]) == {}


def test_position_titles_gives_titles_of_the_positions_that_exist(demo_store):
    assert demo_store.position_titles(["pos-cto", "pos-none"]) == {"pos-cto": "VP Engineering"}
    assert demo_store.position_titles([]) == {}


def test_introductions_filters_by_person_in_any_role_newest_first(demo_store):
    assert [i["id"] for i in demo_store.introductions(person="p065")] == ["i003", "i002", "i001"]  # introduced
    assert "i001" in [i["id"] for i in demo_store.introductions(person="p002")]  # introduced to
    assert {"i001", "i002", "i003"} <= {i["id"] for i in demo_store.introductions(person="p008")}  # introducer
    assert demo_store.introductions(person="p999") == []


def test_introductions_filters_by_status_and_by_id(demo_store, demo_clean):
    assert {i["id"] for i in demo_store.introductions(status="declined")} == {"i004", "i022", "i025"}
    (i004,) = demo_store.introductions(id="i004")
    assert i004 == next(i for i in demo_clean["introductions"] if i["id"] == "i004")
    assert list(i004) == list(FIELDS["introductions"])
    assert demo_store.introductions(id="i999") == []


def test_introductions_lists_all_newest_first_ties_by_id(demo_store):
    found = demo_store.introductions()
    assert len(found) == 25
    order = sorted(sorted(found, key=lambda i: i["id"]), key=lambda i: i["created_on"], reverse=True)
    assert [i["id"] for i in found] == [i["id"] for i in order]


def test_contacts_lists_knows_and_mentors_links_by_id(demo_store):
    found = demo_store.contacts("p033")
    assert len(found) == 11 and [c["id"] for c in found] == sorted(c["id"] for c in found)
    assert all(set(c) == keys(Contact) for c in found)
    by_id = {c["id"]: c for c in found}
    assert by_id["p009"] == {
        "id": "p009",
        "name": "Sana Saleh",
        "knows": 0.9,
        "mentors_them": "active",
        "mentored_by_them": None,
    }
    assert by_id["p042"]["mentored_by_them"] == "active"  # Dana mentors Thandiwe Vargas


def test_contacts_of_an_unknown_person_is_empty(demo_store):
    assert demo_store.contacts("p999") == []


def test_mentorships_of_lists_both_directions_as_mentee_first(demo_store):
    found = demo_store.mentorships_of("p033")
    assert all(set(m) == keys(Mentorship) for m in found)
    assert found == [
        {
            "as_mentor": False,
            "other": "p009",
            "name": "Sana Saleh",
            "since": "2025-09-01",
            "until": None,
            "status": "active",
            "kind": "standard",
            "focus": ["negotiation", "product strategy"],
        },
        {
            "as_mentor": True,
            "other": "p042",
            "name": "Thandiwe Vargas",
            "since": "2026-09-12",
            "until": None,
            "status": "active",
            "kind": "standard",
            "focus": ["accounting"],
        },
    ]


def test_mentorships_of_an_unknown_person_is_empty(demo_store):
    assert demo_store.mentorships_of("p999") == []


def test_skill_names_lists_every_skill_had_wanted_or_required_once_sorted(demo_store, demo_clean):
    expected = {s for p in demo_clean["people"] for s in [*p["skills"], *p["wants_to_grow"]]}
    expected |= {s for p in demo_clean["positions"] for s in p["requires"]}
    assert demo_store.skill_names() == sorted(expected)
    assert len(expected) == 35


# -- NetworkQueries -------------------------------------------------------------------------


def test_neighbourhood_is_none_for_an_unknown_person(demo_store):
    assert demo_store.neighbourhood("p999", 2, 10) is None


def test_neighbourhood_lists_the_person_then_the_nearest_by_id(demo_store):
    found = demo_store.neighbourhood("p100", 1, 100)
    assert set(found) == keys(Neighbourhood)
    assert all(set(p) == keys(NeighbourhoodPerson) for p in found["people"])
    assert found["total"] == 5
    assert [(p["id"], p["distance"]) for p in found["people"]] == [
        ("p100", 0),
        ("p099", 1),
        ("p102", 1),
        ("p103", 1),
        ("p105", 1),
        ("p106", 1),
    ]


def test_neighbourhood_caps_the_people_at_limit_but_counts_them_all(demo_store):
    wide, capped = demo_store.neighbourhood("p100", 2, 1000), demo_store.neighbourhood("p100", 2, 3)
    assert capped["total"] == wide["total"] == len(wide["people"]) - 1 == 20
    assert capped["people"] == wide["people"][:4]
    distances = [p["distance"] for p in wide["people"]]
    assert distances == sorted(distances) and set(distances) == {0, 1, 2}


def test_neighbourhood_links_join_only_the_people_shown(demo_store):
    found = demo_store.neighbourhood("p100", 2, 3)
    shown = {p["id"] for p in found["people"]}
    assert found["links"] and all(set(link) == keys(NeighbourhoodLink) for link in found["links"])
    assert all(link["from"] in shown and link["to"] in shown for link in found["links"])
    assert {link["type"] for link in found["links"]} <= {"KNOWS", "MENTORS", "INTRODUCTION"}
    assert {
        "from": "p099",
        "to": "p100",
        "type": "MENTORS",
        "strength": None,
        "status": "active",
        "kind": "standard",
        "sources": None,
        "last_seen": None,
    } in found["links"]
    assert all(link["sources"] for link in found["links"] if link["type"] == "KNOWS")


def test_recommendation_inputs_give_one_typed_row_per_candidate_through_an_introducer(demo_store):
    found = demo_store.recommendation_inputs(
        "p033", via="mentors", skill=None, since=SINCE, settings=SETTINGS, limit=100
    )
    assert set(found) == keys(RecommendationInputs)
    assert found["introducers"] == ["p009"] and found["skill_known"]
    assert all(set(r) == keys(CandidateRow) and r["introducer"] == "p009" for r in found["rows"])
    candidates = [r["candidate"] for r in found["rows"]]
    assert len(candidates) == len(set(candidates)) and WALKTHROUGH <= set(candidates)


def _candidate_through(store, knows: list[tuple[str, str, float]], mentorships: list[tuple[str, str]] = ()) -> dict:
    """The one row for candidate c of person p, whose contacts i1 and i2 both know c."""
    people = [{"id": i, "name": f"Person {i}"} for i in ("p", "i1", "i2", "c")]
    links = [{"a": "p", "b": i, "strength": 0.5} for i in ("i1", "i2")] + [
        {"a": a, "b": b, "strength": strength} for a, b, strength in knows
    ]
    store.write(
        complete(
            validate(
                {
                    "people": people,
                    "knows": links,
                    "mentorships": [{"mentor": m, "mentee": e, "since": "2025-01-01"} for m, e in mentorships],
                }
            )
        )
    )
    found = store.recommendation_inputs("p", via="all", skill=None, since=SINCE, settings=SETTINGS, limit=10)
    (row,) = found["rows"]
    return row


def test_recommendation_inputs_leave_out_the_candidates_below_the_plausibility_floor_of_limit(store):
    """c3 is a hundred times less plausible than c1 and c2: it cannot reach the first two places (value lifts
    a score at most value_band times), so both stores leave it out for a limit of 2, and keep everyone for 10."""
    people = [{"id": i, "name": f"Person {i}"} for i in ("p", "i1", "c1", "c2", "c3")]
    knows = [("p", "i1", 0.5), ("i1", "c1", 1.0), ("i1", "c2", 1.0), ("i1", "c3", 0.01)]
    store.write(complete(validate({"people": people, "knows": [{"a": a, "b": b, "strength": s} for a, b, s in knows]})))

    def candidates(limit: int) -> list[str]:
        found = store.recommendation_inputs("p", via="all", skill=None, since=SINCE, settings=SETTINGS, limit=limit)
        return sorted(r["candidate"] for r in found["rows"])

    assert candidates(2) == ["c1", "c2"]
    assert candidates(10) == ["c1", "c2", "c3"]


def test_recommendation_inputs_reach_a_candidate_through_the_introducer_who_knows_them_best(store):
    row = _candidate_through(store, [("i1", "c", 0.4), ("i2", "c", 0.9)])
    assert (row["candidate"], row["introducer"], row["tie_strength"]) == ("c", "i2", 0.9)


def test_recommendation_inputs_choose_the_lowest_id_among_equal_introducers(store):
    row = _candidate_through(store, [("i2", "c", 0.6), ("i1", "c", 0.6)])
    assert (row["introducer"], row["tie_strength"]) == ("i1", 0.6)


def test_recommendation_inputs_choose_knows_over_a_mentorship_of_equal_strength(store):
    strength = SETTINGS.mentor_tie_strength
    row = _candidate_through(store, [("i1", "c", strength), ("i2", "c", 0.3)], mentorships=[("i1", "c")])
    assert (row["introducer"], row["tie_kind"], row["tie_strength"]) == ("i1", "knows", strength)


def test_recommendation_inputs_for_a_skill_keep_only_its_holders(demo_store, demo_clean):
    found = demo_store.recommendation_inputs(
        "p033", via="mentors", skill="negotiation", since=SINCE, settings=SETTINGS, limit=100
    )
    levels = {p["id"]: p["skills"].get("negotiation") for p in demo_clean["people"]}
    assert found["rows"] and {"p065", "p084", "p087"} <= {r["candidate"] for r in found["rows"]}
    assert all(r["goal_skills"] == [["negotiation", levels[r["candidate"]]]] for r in found["rows"])


def test_strongest_path_runs_from_source_to_target_with_its_strength(demo_store):
    found = demo_store.strongest_path("p033", "p065", max_hops=4, mentor_strength=0.9, missing_strength=0.5)
    assert set(found) == keys(WarmPath)
    assert found["people"] == ["p033", "p009", "p065"]
    assert found["strength"] == pytest.approx(0.9 * 0.85)


def test_strongest_path_is_none_for_an_unknown_person(demo_store):
    assert demo_store.strongest_path("p033", "p999", max_hops=4, mentor_strength=0.9, missing_strength=0.5) is None
    assert demo_store.strongest_path("p999", "p033", max_hops=4, mentor_strength=0.9, missing_strength=0.5) is None


def test_strongest_paths_to_skill_are_best_first_up_to_limit(demo_store):
    found = demo_store.strongest_paths_to_skill(
        "p033", "negotiation", max_hops=3, mentor_strength=0.9, missing_strength=0.5, limit=3
    )
    assert all(set(p) == keys(SkillPath) for p in found)
    assert [p["to"] for p in found] == ["p009", "p065", "p084"]
    assert all(p["people"][0] == "p033" and p["people"][-1] == p["to"] for p in found)
    strengths = [p["strength"] for p in found]
    assert strengths == sorted(strengths, reverse=True)


def test_strongest_paths_to_skill_is_empty_for_an_unknown_skill_or_person(demo_store):
    assert (
        demo_store.strongest_paths_to_skill(
            "p033", "basket weaving", max_hops=3, mentor_strength=0.9, missing_strength=0.5, limit=3
        )
        == []
    )
    assert (
        demo_store.strongest_paths_to_skill(
            "p999", "negotiation", max_hops=3, mentor_strength=0.9, missing_strength=0.5, limit=3
        )
        == []
    )


def test_neighbours_are_the_contacts_either_way_of_the_ids_that_exist(demo_store):
    found = demo_store.neighbours(["p100", "p033", "p999"])
    assert set(found) == {"p100", "p033"}
    assert set(found["p100"]) == {"p099", "p102", "p103", "p105", "p106"}
    assert sorted(found["p033"]) == [c["id"] for c in demo_store.contacts("p033")]


def test_cross_unit_contacts_keep_only_contacts_of_another_unit(demo_store):
    found = demo_store.cross_unit_contacts(["p100", "p099", "p999"])
    assert set(found) == {"p100", "p099"}
    assert found["p100"] == []  # everyone Lucia knows is in APAC
    assert sorted(found["p099"]) == [
        "p001",
        "p002",
        "p004",
        "p008",
        "p028",
        "p050",
        "p064",
        "p078",
        "p083",
        "p084",
        "p107",
        "p125",
        "p136",
    ]  # the bridge out of APAC


def test_unit_members_lists_the_direct_members_only(demo_store):
    found = demo_store.unit_members(["u-sales-apac", "u-sales"])
    assert sorted(found["u-sales-apac"]) == ["p099", "p100", "p101", "p102", "p103", "p104", "p105", "p106"]
    assert sorted(found["u-sales"]) == ["p078", "p079", "p080", "p081", "p082"]  # not EMEA's nor APAC's


def test_unit_members_skips_unknown_units(demo_store):
    assert set(demo_store.unit_members(["u-nope", "u-nw"])) == {"u-nw"}
    assert demo_store.unit_members([]) == {}


# -- SuccessionQueries ----------------------------------------------------------------------


def test_coverage_returns_every_position_and_every_unit(demo_store):
    found = demo_store.coverage([])
    assert set(found) == keys(Coverage)
    assert len(found["positions"]) == 42 and len(found["units"]) == 12
    assert all(set(r) == keys(PositionRow) for r in found["positions"])
    assert all(set(s) == keys(Successor) for r in found["positions"] for s in r["successors"])
    assert all(set(u) == keys(UnitRow) for u in found["units"])
    root = next(u for u in found["units"] if u["id"] == "u-nw")
    assert (root["parent"], root["positions"], root["critical"], root["critical_covered"]) == (None, 42, 18, 8)


def test_coverage_takes_the_leavers_out(demo_store):
    found = {r["id"]: r for r in demo_store.coverage(["p099"])["positions"]}
    assert found["pos-head-apac"]["vacant"] and found["pos-head-apac"]["incumbents"] == []
    assert found["pos-head-sales"]["status"] == "developing"  # its ready-now successor left


@pytest.mark.parametrize("leavers", [[], ["p099"]], ids=["as-it-is", "what-if"])
def test_coverage_of_a_unit_is_its_subtree_s_part_of_the_whole(demo_store, leavers):
    whole = demo_store.coverage(leavers)
    sales = demo_store.coverage(leavers, "u-sales")
    below = {"u-sales", "u-sales-emea", "u-sales-apac"}
    by_id = {u["id"]: u for u in sales["units"]}
    assert set(by_id) == below and all(by_id[u["id"]] == u for u in whole["units"] if u["id"] in below)
    assert by_id["u-sales"]["parent"] == "u-nw"  # its parent is named though not read
    positions = sorted(sales["positions"], key=lambda r: r["id"])
    assert positions == sorted((r for r in whole["positions"] if r["org_unit"] in below), key=lambda r: r["id"])
    assert len(positions) == 9


def test_coverage_of_an_unknown_unit_is_empty(demo_store):
    assert demo_store.coverage([], "u-nope") == {"positions": [], "units": []}


def test_position_coverage_of_some_ids_are_their_coverage_rows(demo_store):
    everyone = {r["id"]: r for r in demo_store.coverage([])["positions"]}
    found = demo_store.position_coverage([], ["pos-head-sales", "pos-nope", "pos-cfo"])
    assert sorted(r["id"] for r in found) == ["pos-cfo", "pos-head-sales"]
    assert all(r == everyone[r["id"]] for r in found)
    (sales,) = demo_store.position_coverage([], ["pos-head-sales"])
    assert (sales["status"], sales["cascade"]) == ("covered", True)


def test_position_coverage_flags_are_booleans_even_when_a_holder_has_no_flight_risk(demo_store):
    (sales,) = demo_store.position_coverage([], ["pos-head-sales"])  # p078 Jin Larsen: flight_risk unknown
    assert sales["flight_risk"] is False
    assert all(
        isinstance(r[flag], bool)
        for r in demo_store.position_coverage([])
        for flag in ("critical", "vacant", "flight_risk", "thin", "shared_cover", "cascade")
    )


def test_position_coverage_of_none_is_every_position_with_the_leavers_out(demo_store):
    found = demo_store.position_coverage(["p099"])
    assert sorted(r["id"] for r in found) == sorted(r["id"] for r in demo_store.coverage(["p099"])["positions"])
    assert len(found) == 42 and all(set(r) == keys(PositionRow) for r in found)
    assert next(r for r in found if r["id"] == "pos-head-apac")["vacant"]


def test_the_whole_organisations_rows_say_what_each_successor_holds(demo_store):
    """Filled from the rows' incumbents on Neo4j, walked for a part: the same either way."""
    for rows in (demo_store.position_coverage([]), demo_store.coverage([])["positions"]):
        (sales,) = (r for r in rows if r["id"] == "pos-head-sales")
        assert {s["person"]: sorted(s["holds"]) for s in sales["successors"]}["p099"] == ["pos-head-apac"]
    (part,) = demo_store.position_coverage([], ["pos-head-sales"])
    assert {s["person"]: sorted(s["holds"]) for s in part["successors"]}["p099"] == ["pos-head-apac"]


def test_positions_affected_by_give_held_nominated_and_cascading_positions_with_the_units_above(demo_store):
    assert demo_store.positions_affected_by(["p099"]) == {
        "pos-head-apac": ["u-sales-apac", "u-sales", "u-nw"],  # he holds it
        "pos-head-sales": ["u-sales", "u-nw"],
    }  # he is its ready-now successor
    assert demo_store.positions_affected_by(["p999"]) == {}


def test_unit_bench_counts_critical_and_covered_critical_in_and_below_a_unit(demo_store):
    assert demo_store.unit_bench(["u-nw", "u-sales", "u-sales-apac"]) == {
        "u-nw": (18, 8),
        "u-sales": (4, 3),
        "u-sales-apac": (1, 0),
    }


def test_unit_bench_gives_zeros_for_an_unknown_unit(demo_store):
    assert tuple(demo_store.unit_bench(["u-nope"])["u-nope"]) == (0, 0)


@pytest.mark.parametrize("unit", [None, "u-eng"])
def test_first_view_rows_are_the_whole_coverage_rows_cut_down_to_what_is_shown(demo_store, unit):
    whole = demo_store.coverage([])
    expected = first_view_rows(whole["units"], whole["positions"], unit, critical_only=False, limit=4, at_least=2)
    found = demo_store.first_view_rows(unit, critical_only=False, limit=4, at_least=2)
    assert found == expected
    assert set(found) == keys(FirstViewRows) and len(found["shown"]) == 4 and found["nominated"]


def test_first_view_rows_of_an_unknown_unit_are_none(demo_store):
    assert demo_store.first_view_rows("u-nope", critical_only=False, limit=4, at_least=2) is None


def test_cover_seats_are_the_critical_positions_with_their_counted_ready_now_successors(demo_store):
    found = demo_store.cover_seats([])
    assert [s["id"] for s in found] == sorted(r["id"] for r in demo_store.coverage([])["positions"] if r["critical"])
    assert all(set(s) == keys(CoverSeat) for s in found)
    assert all(set(c) == keys(CoverCandidate) for s in found for c in s["ready_now"])
    seats = {s["id"]: s for s in found}
    assert seats["pos-cto"] == {
        "id": "pos-cto",
        "level": 7,
        "org_unit": "u-eng",
        "ready_now": [{"person": "p008", "holds_critical": ["pos-head-platform"]}],  # p008 heads Platform
    }
    assert seats["pos-cfo"]["ready_now"] == []


def test_cover_seats_take_the_leavers_out(demo_store):
    seats = {s["id"]: s for s in demo_store.cover_seats(["p029"])}
    assert seats["pos-head-apps"]["ready_now"] == seats["pos-head-data"]["ready_now"] == []


def test_cover_seats_of_given_positions_are_the_critical_ones_among_them(demo_store):
    found = demo_store.cover_seats([], ["pos-cto", "pos-accountant", "pos-nope"])
    assert found == [s for s in demo_store.cover_seats([]) if s["id"] == "pos-cto"]  # pos-accountant: not critical


def test_ready_now_for_gives_each_person_the_critical_seats_they_are_counted_ready_now_for(demo_store):
    # p029 is the only ready-now successor of both the Head of Apps and the Head of Data; p008 of the CTO
    # (and holds the Head of Platform: a seat of one's own is never counted); nobody is ready now for p-nope
    found = demo_store.ready_now_for(["p029", "p008", "p-nope"])
    assert found == {"p029": ["pos-head-apps", "pos-head-data"], "p008": ["pos-cto"]}


def test_pipeline_gives_rows_by_position_id_up_to_limit_skipping_unknown_positions(demo_store):
    found = demo_store.pipeline(["pos-staff-apps", "pos-nope", "pos-cfo", "pos-accountant"], PipelineWeights(), 1)
    assert all(set(r) == keys(PipelineRow) for r in found)
    # pos-cfo has no suggestion, so no row; pos-nope does not exist
    assert [r["position"] for r in found] == ["pos-accountant", "pos-staff-apps"]
    assert all(len(r["suggestions"]) == 1 for r in found)
    (best,) = next(r for r in found if r["position"] == "pos-staff-apps")["suggestions"]
    assert set(best) == keys(PipelineSuggestion)
    assert (best["candidate"], best["mentor"], best["mentor_is_incumbent"]) == ("p037", "p029", True)


def test_pipeline_takes_frozen_weights_and_scores_by_them(demo_store):
    skills_only = PipelineWeights(skills=1.0, mentorship=0.0, level=0.0)
    with pytest.raises(AttributeError):  # frozen: a caller cannot change them under the store
        skills_only.skills = 0.5  # type: ignore[misc]
    (row,) = demo_store.pipeline(["pos-staff-apps"], skills_only, 5)
    assert row["suggestions"] and all(s["score"] == pytest.approx(s["skill_share"]) for s in row["suggestions"])


def test_mentees_losing_mentors_lists_mentees_whose_every_active_mentor_leaves(demo_store):
    found = demo_store.mentees_losing_mentors(["p078", "p009"])
    assert all(set(m) == keys(MenteeLoss) for m in found)
    assert found == [{"mentee": "p033", "mentors": ["p009"]}, {"mentee": "p081", "mentors": ["p078"]}]
    assert demo_store.mentees_losing_mentors(["p099", "p100"]) == []  # the mentee leaves too


# -- ProgrammeQueries -----------------------------------------------------------------------


def test_mentors_by_load_counts_active_mentees_most_first_then_by_id(demo_store, demo_clean):
    found = demo_store.mentors_by_load()
    assert all(set(m) == keys(MentorLoad) for m in found)
    assert found[0] == {"id": "p125", "name": "Olga Amini", "mentees": 6}
    assert [(-m["mentees"], m["id"]) for m in found] == sorted((-m["mentees"], m["id"]) for m in found)
    assert sum(m["mentees"] for m in found) == sum(m["status"] == "active" for m in demo_clean["mentorships"])


def test_introduction_facts_are_the_status_dates_and_outcome_of_every_introduction(demo_store):
    facts = demo_store.introduction_facts()
    assert all(set(f) == keys(IntroductionFacts) for f in facts)
    fields = ("status", "created_on", "met_on", "outcome")
    assert sorted(tuple(f[k] for k in fields) for f in facts) == sorted(
        tuple(i[k] for k in fields) for i in demo_store.introductions()
    )
    assert len(facts) == 25 and sum(f["outcome"] is not None for f in facts) > 0


def test_mentees_without_mentor_are_those_whose_every_mentorship_ended(demo_store):
    found = demo_store.mentees_without_mentor()
    assert all(set(p) == keys(NamedPerson) for p in found)
    assert found == [
        {"id": "p070", "name": "Ximena Tehrani"},
        {"id": "p113", "name": "Rania Ndlovu"},
        {"id": "p143", "name": "Wei Fischer"},
    ]


def test_mentors_by_load_with_a_limit_are_the_first_of_the_whole_order(demo_store):
    assert demo_store.mentors_by_load(3) == demo_store.mentors_by_load()[:3]
    assert demo_store.mentors_by_load(0) == []


def test_mentees_without_mentor_with_a_limit_are_the_first_by_id(demo_store):
    assert demo_store.mentees_without_mentor(2) == demo_store.mentees_without_mentor()[:2]


def test_programme_counts_are_how_many_the_unlimited_lists_hold(demo_store):
    counts = demo_store.programme_counts()
    assert set(counts) == keys(ProgrammeCounts)
    assert counts == {
        "mentors": len(demo_store.mentors_by_load()),
        "mentees_without_mentor": len(demo_store.mentees_without_mentor()),
    }
    assert counts["mentees_without_mentor"] == 3


def test_introduction_tally_counts_the_introduction_facts_in_groups(demo_store):
    tally = demo_store.introduction_tally()
    assert all(set(g) == keys(IntroductionTally) for g in tally)
    in_order = sorted(tally, key=lambda g: tuple((v is not None, v) for v in g.values()))
    assert in_order == tally_introductions(demo_store.introduction_facts())
    assert sum(g["count"] for g in tally) == 25


def test_introduction_tally_counts_the_days_from_proposal_to_meeting(store, demo_document):
    import_document(store, demo_document)
    update(store, "i002", status="met", today=date(2026, 11, 24))  # accepted -> met
    tally = store.introduction_tally()
    met = [g for g in tally if g["met_days"] is not None]
    assert met and met[0]["status"] == "met" and met[0]["count"] == 1
    in_order = sorted(tally, key=lambda g: tuple((v is not None, v) for v in g.values()))
    assert in_order == tally_introductions(store.introduction_facts())


# -- MatchingQueries ---------------------------------------------------------------------------


def expected_matching_inputs(document: dict, ids: set[str]) -> dict:
    """What matching_inputs must answer, worked out from the document itself."""
    positions = {p["id"]: p for p in document["positions"]}
    held: dict[str, list[str]] = {}
    for position in document["positions"]:
        for holder in position["holders"]:
            if holder["person"] in ids:
                held.setdefault(holder["person"], []).append(position["id"])
    chain = {}
    for position in {p for ps in held.values() for p in ps}:
        while position is not None and position not in chain:
            chain[position] = {
                "reports_to": positions[position]["reports_to"],
                "holders": sorted(h["person"] for h in positions[position]["holders"]),
            }
            position = positions[position]["reports_to"]
    open_made = [i["by"] for i in document["introductions"] if i["status"] in ("proposed", "made", "accepted")]
    active = [m["mentor"] for m in document["mentorships"] if m["status"] == "active"]
    return {
        "held": {p: sorted(ps) for p, ps in held.items()},
        "positions": chain,
        "mentorships": sorted(
            (
                {"mentor": m["mentor"], "mentee": m["mentee"], "status": m["status"], "until": m["until"]}
                for m in document["mentorships"]
                if m["mentor"] in ids and m["mentee"] in ids
            ),
            key=lambda m: (m["mentor"], m["mentee"]),
        ),
        "load": {p: active.count(p) + open_made.count(p) for p in ids},
    }


def test_matching_inputs_give_positions_up_the_line_mentorships_among_them_and_load(demo_store, demo_clean):
    ids = {p["id"] for p in demo_clean["people"]}
    found = demo_store.matching_inputs([*sorted(ids), "p999"])
    assert set(found) == keys(MatchingData)
    assert found == expected_matching_inputs(demo_clean, ids)


def test_matching_inputs_of_a_few_people_keep_only_their_mentorships_and_reporting_lines(demo_store, demo_clean):
    ids = {"p033", "p009", "p099", "p100"}
    found = demo_store.matching_inputs(sorted(ids))
    assert found == expected_matching_inputs(demo_clean, ids)
    assert all(set(link) == keys(PositionLink) for link in found["positions"].values())


def test_contact_projection_is_everyones_neighbours_leaving_out_people_who_left(demo_store, demo_clean):
    staying = [p["id"] for p in demo_clean["people"] if p["status"] != "left"]
    expected = {person: contacts for person, contacts in demo_store.neighbours(staying).items() if contacts}
    assert demo_store.contact_projection() == expected


def test_skill_holders_are_everyones_skills_at_the_level_or_above_leaving_out_people_who_left(demo_store, demo_clean):
    expected = {
        p["id"]: {skill: level for skill, level in p["skills"].items() if level >= 3}
        for p in demo_clean["people"]
        if p["status"] != "left"
    }
    found = demo_store.skill_holders(3)
    assert found == {person: skills for person, skills in expected.items() if skills}


def test_skill_holders_leave_out_people_who_left(store):
    document = {
        "people": [
            {"id": "a", "name": "Ada", "skills": {"sql": 4, "go": 2}},
            {"id": "b", "name": "Bea", "status": "left", "left_on": "2026-01-01", "skills": {"sql": 5}},
        ]
    }
    store.write(validate(document))
    assert store.skill_holders(3) == {"a": {"sql": 4}}


# -- the contract covers every port ---------------------------------------------------------
