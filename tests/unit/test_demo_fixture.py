"""The demo data holds exactly the situations fixtures/demo/README.md promises.

These checks use the README's definitions directly on the document, with
networkx, independently of netgraph's stores and analyses; the analyses'
own contract tests then have to find the same sets.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from netgraph.io.graph_formats import people_network


@pytest.fixture(scope="module")
def doc(demo_clean):
    return demo_clean


def nominations(doc):
    holders = {p["id"]: {h["person"] for h in p["holders"]} for p in doc["positions"]}
    counted: dict[str, list[dict]] = {}
    for s in doc["successors"]:
        if s["person"] not in holders[s["position"]]:
            counted.setdefault(s["position"], []).append(s)
    return holders, counted


def status_of(doc) -> dict[str, str]:
    _, counted = nominations(doc)
    out = {}
    for p in doc["positions"]:
        readiness = {s["readiness"] for s in counted.get(p["id"], [])}
        out[p["id"]] = "covered" if "ready_now" in readiness else "developing" if readiness else "gap"
    return out


def test_size_of_the_organisation(doc):
    assert {s: len(doc[s]) for s in doc} == {
        "org_units": 12,
        "people": 150,
        "positions": 42,
        "knows": 686,
        "mentorships": 36,
        "successors": 31,
        "introductions": 25,
    }
    assert sum(p["critical"] for p in doc["positions"]) == 18


def test_critical_gaps_are_exactly_three(doc):
    status = status_of(doc)
    gaps = {p["id"] for p in doc["positions"] if p["critical"] and status[p["id"]] == "gap"}
    assert gaps == {"pos-cfo", "pos-security-lead", "pos-head-apac"}


def test_covered_and_developing_critical_positions(doc):
    status = status_of(doc)
    critical = {p["id"] for p in doc["positions"] if p["critical"]}
    assert {p for p in critical if status[p] == "covered"} == {
        "pos-ceo",
        "pos-cto",
        "pos-head-platform",
        "pos-head-apps",
        "pos-head-data",
        "pos-head-emea",
        "pos-head-sales",
        "pos-account-director-emea",
    }
    assert {p for p in critical if status[p] == "developing"} == {
        "pos-head-product",
        "pos-head-ops",
        "pos-head-people",
        "pos-ml-lead",
        "pos-principal-platform",
        "pos-controller",
        "pos-compliance",
    }


def test_the_security_lead_seat_is_vacant_and_the_cfo_a_flight_risk(doc):
    holders, _ = nominations(doc)
    risk = {p["id"]: p["flight_risk"] for p in doc["people"]}
    assert holders["pos-security-lead"] == set()
    assert [risk[h] for h in holders["pos-cfo"]] == ["high"]


def test_one_person_is_the_only_ready_cover_of_two_critical_positions(doc):
    _, counted = nominations(doc)
    ready = {pos: [s["person"] for s in ss if s["readiness"] == "ready_now"] for pos, ss in counted.items()}
    assert ready["pos-head-apps"] == ready["pos-head-data"] == ["p029"]


def test_promoting_the_ready_successor_of_vp_sales_opens_a_critical_gap(doc):
    holders, counted = nominations(doc)
    ready = [s["person"] for s in counted["pos-head-sales"] if s["readiness"] == "ready_now"]
    assert ready == ["p099"] and "p099" in holders["pos-head-apac"]
    assert status_of(doc)["pos-head-apac"] == "gap"


def test_thin_benches(doc):
    _, counted = nominations(doc)
    thin = {pos for pos, ss in counted.items() if len(ss) == 1}
    critical = {p["id"] for p in doc["positions"] if p["critical"]}
    assert len(thin) == 19 and len(thin & critical) == 9


def test_one_person_is_nominated_for_four_positions(doc):
    (person, count), *_ = Counter(s["person"] for s in doc["successors"]).most_common()
    assert (person, count) == ("p065", 4)


def test_mentees_without_an_active_mentor(doc):
    mentees = {m["mentee"] for m in doc["mentorships"]}
    active = {m["mentee"] for m in doc["mentorships"] if m["status"] == "active"}
    assert mentees - active == {"p070", "p113", "p143"}


def test_the_busiest_mentor_and_the_reverse_mentorships(doc):
    busiest = Counter(m["mentor"] for m in doc["mentorships"] if m["status"] == "active").most_common(1)
    reverse = {(m["mentor"], m["mentee"]) for m in doc["mentorships"] if m["kind"] == "reverse"}
    assert busiest == [("p125", 6)]
    assert reverse == {("p056", "p001"), ("p035", "p136"), ("p014", "p078")}


def test_people_closed_to_introductions(doc):
    assert {p["id"] for p in doc["people"] if not p["open_to_intros"]} == {"p001", "p037", "p058", "p115", "p145"}


def test_the_head_of_apac_is_the_only_bridge(doc):
    graph = people_network(doc)
    assert nx.is_connected(graph)
    assert set(nx.articulation_points(graph)) == {"p099"}
    graph.remove_node("p099")
    assert min(nx.connected_components(graph), key=len) == {f"p{i}" for i in range(100, 107)}


def test_introductions_cover_every_status(doc):
    assert Counter(i["status"] for i in doc["introductions"]) == {
        "met": 10,
        "proposed": 5,
        "made": 4,
        "accepted": 3,
        "declined": 3,
    }


def test_a_candidate_was_introduced_three_times_in_the_last_90_days(doc):
    recent = Counter(
        person for i in doc["introductions"] if i["created_on"] >= "2026-08-26" for person in (i["introduce"], i["to"])
    )
    assert recent.most_common(1) == [("p065", 3)]


def test_the_walkthrough_mentor_knows_people_with_the_mentees_goals(doc):
    people = {p["id"]: p for p in doc["people"]}
    graph = people_network(doc)
    goals = set(people["p033"]["wants_to_grow"])
    mentors = {m["mentor"] for m in doc["mentorships"] if m["mentee"] == "p033" and m["status"] == "active"}
    reachable = {
        c for c in graph["p009"] if c != "p033" and goals & set(people[c]["skills"]) and c not in graph["p033"]
    }
    assert goals == {"negotiation", "product strategy"} and mentors == {"p009"}
    assert reachable == {"p065", "p067", "p084", "p087"}
