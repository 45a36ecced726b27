"""Contract: introduction recommendations on the demo organisation, on both stores.

Walkthrough (fixtures/demo/README.md): Dana Okafor (p033) wants to grow
negotiation and product strategy; her mentor Sana Saleh (p009) knows the
sales and product people who have them.
"""

from __future__ import annotations

import math
from datetime import date

import networkx as nx
import pytest

from netgraph.analysis.recommend import MAX_LIMIT, recommend
from netgraph.errors import Conflict, InvalidInput, NotFound
from netgraph.io.graph_formats import people_network
from netgraph.model.rules import RecommendSettings

TODAY = date(2026, 11, 24)
COMPONENTS = {
    "plausibility",
    "adamic_adar",
    "goal_fit",
    "new_reach",
    "seniority_fit",
    "fairness",
    "tie_strength",
    "track_record",
}
DEFAULTS = RecommendSettings()


@pytest.fixture(scope="module")
def doc(demo_store):
    return demo_store.export()


def everyone(doc):
    return [p["id"] for p in doc["people"]]


def all_results(store, doc, **options):
    for person in everyone(doc):
        for result in recommend(store, person, via="all", today=TODAY, **options)["results"]:
            yield person, result


def test_the_walkthrough_mentee_gets_the_most_plausible_of_her_mentors_contacts_first(demo_store):
    found = recommend(demo_store, "p033", today=TODAY)
    assert found["person"] == "p033" and found["via"] == "mentors"
    assert [r["candidate"] for r in found["results"][:3]] == ["p083", "p008", "p065"]
    assert {r["introducer"] for r in found["results"]} == {"p009"}


def test_every_result_has_the_documented_shape(demo_store):
    top = recommend(demo_store, "p033", today=TODAY)["results"][0]
    assert top["candidate"] == "p083" and top["name"] == "Kamala Berg" and top["introducer"] == "p009"
    assert set(top["components"]) == COMPONENTS
    assert top["path"] == ["p033", "p009", "p083"]
    assert 0.0 <= top["score"] <= 1.0


def test_reasons_are_plain_sentences_built_from_the_components(demo_store):
    results = recommend(demo_store, "p033", today=TODAY)["results"]
    assert results[0]["reasons"] == [
        "shares 2 contacts with Dana",
        "is 3 levels above Dana",
        "works in Sales EMEA, where Dana knows no one yet",
    ]
    mateus = next(r for r in results if r["candidate"] == "p084")
    assert mateus["reasons"] == [
        "Sana and Mateus have known each other since 2019, strength 0.8",
        "has negotiation at level 5, which Dana wants to grow",
        "is 2 levels above Dana",
    ]


def test_a_recently_much_introduced_candidate_is_down_weighted_and_told(demo_store):
    femi = next(r for r in recommend(demo_store, "p033", today=TODAY)["results"] if r["candidate"] == "p065")
    assert femi["components"]["fairness"] == pytest.approx(0.5)
    assert "introduced to 3 people in the last 90 days" in femi["reasons"][-1]


def test_adamic_adar_equals_networkx_on_the_knows_and_mentors_graph(demo_store, doc):
    graph = people_network(doc)
    checked = 0
    for person, result in all_results(demo_store, doc):
        ((_, _, expected),) = nx.adamic_adar_index(graph, [(person, result["candidate"])])
        assert result["components"]["adamic_adar"] == pytest.approx(expected, abs=1e-9)
        checked += 1
    assert checked > 500


def strongest_links(doc, mentor_strength):
    """(a, b) both ways -> the strongest KNOWS or MENTORS link between them."""
    found: dict[tuple[str, str], float] = {}
    links = [(k["a"], k["b"], k["strength"]) for k in doc["knows"]]
    links += [(m["mentor"], m["mentee"], mentor_strength) for m in doc["mentorships"]]
    for a, b, strength in links:
        for pair in ((a, b), (b, a)):
            found[pair] = max(found.get(pair, strength), strength)
    return found


def test_plausibility_is_the_strength_weighted_adamic_adar_sum(demo_store, doc):
    graph, tie = people_network(doc), strongest_links(doc, DEFAULTS.mentor_tie_strength)
    checked = 0
    for person, result in all_results(demo_store, doc):
        c = result["candidate"]
        expected = sum(
            tie[person, z] * tie[z, c] / math.log(graph.degree(z)) for z in nx.common_neighbors(graph, person, c)
        )
        assert result["components"]["plausibility"] == pytest.approx(expected, abs=1e-9)
        checked += 1
    assert checked > 500


def test_value_never_lifts_a_candidate_above_one_more_than_band_times_as_plausible(demo_store, doc):
    for person in everyone(doc):
        results = recommend(demo_store, person, via="all", today=TODAY, limit=MAX_LIMIT)["results"]
        least = math.inf
        for r in results:  # everyone ranked above r is at least 1/band as plausible as r
            least = min(least, r["components"]["plausibility"])
            assert r["components"]["plausibility"] <= least * DEFAULTS.value_band * (1 + 1e-9)


def test_no_one_already_known_or_mentored_is_suggested(demo_store, doc):
    graph = people_network(doc)
    for person, result in all_results(demo_store, doc):
        assert result["candidate"] != person
        assert not graph.has_edge(person, result["candidate"])


def test_no_one_ever_introduced_to_or_from_the_person_is_suggested(demo_store, doc):
    introduced = {frozenset((i["introduce"], i["to"])) for i in doc["introductions"]}
    for person, result in all_results(demo_store, doc):
        assert frozenset((person, result["candidate"])) not in introduced


def test_no_one_closed_to_introductions_is_suggested(demo_store, doc):
    closed = {p["id"] for p in doc["people"] if not p["open_to_intros"]}
    assert closed == {"p001", "p037", "p058", "p115", "p145"}
    assert not any(result["candidate"] in closed for _, result in all_results(demo_store, doc))


def test_the_introducer_personally_knows_the_candidate(demo_store, doc):
    graph = people_network(doc)
    for person, result in all_results(demo_store, doc):
        assert graph.has_edge(person, result["introducer"])
        assert graph.has_edge(result["introducer"], result["candidate"])


def test_results_are_ordered_by_score_then_candidate_id(demo_store, doc):
    for person in everyone(doc):
        results = recommend(demo_store, person, via="all", today=TODAY, limit=MAX_LIMIT)["results"]
        keys = [(-r["score"], r["candidate"]) for r in results]
        assert keys == sorted(keys)


def test_the_default_introducers_are_the_active_mentors(demo_store):
    found = recommend(demo_store, "p033", via="mentors", today=TODAY, limit=MAX_LIMIT)
    assert {r["introducer"] for r in found["results"]} == {"p009"}


def test_a_named_introducer_is_the_only_one_used(demo_store):
    found = recommend(demo_store, "p033", via="p028", today=TODAY, limit=MAX_LIMIT)
    assert found["results"] and {r["introducer"] for r in found["results"]} == {"p028"}


def test_skill_keeps_only_holders_scored_on_that_skill(demo_store, doc):
    levels = {p["id"]: p["skills"].get("negotiation") for p in doc["people"]}
    results = recommend(demo_store, "p033", via="all", skill="negotiation", today=TODAY)["results"]
    assert results
    for r in results:
        assert r["components"]["goal_fit"] == pytest.approx(levels[r["candidate"]] / 5)


def test_limit_cuts_the_ranked_list(demo_store):
    full = recommend(demo_store, "p033", via="all", today=TODAY, limit=MAX_LIMIT)["results"]
    assert recommend(demo_store, "p033", via="all", today=TODAY, limit=3)["results"] == full[:3]


def test_weights_come_from_settings(demo_store):
    only_goals = RecommendSettings(new_reach=0, seniority_fit=0, fairness=0, value_band=4)
    results = recommend(demo_store, "p033", via="all", today=TODAY, settings=only_goals, limit=MAX_LIMIT)["results"]
    assert len(results) < MAX_LIMIT
    top = max(r["components"]["plausibility"] for r in results)
    for r in results:
        parts = r["components"]
        assert r["score"] == pytest.approx(parts["plausibility"] / top * (0.25 + 0.75 * parts["goal_fit"]), abs=1e-12)


def test_a_band_of_one_ranks_by_plausibility_alone(demo_store):
    plausible = RecommendSettings(value_band=1)
    results = recommend(demo_store, "p033", via="all", today=TODAY, settings=plausible, limit=MAX_LIMIT)["results"]
    keys = [(-round(r["components"]["plausibility"], 12), r["candidate"]) for r in results]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    "call, error",
    [
        (dict(person="p999"), NotFound),
        (dict(person="p033", via="p999"), NotFound),
        (dict(person="p033", via="p100"), Conflict),
        (dict(person="p033", via="p033"), InvalidInput),
        (dict(person="p070"), Conflict),  # a mentee without a mentor, asking via mentors
        (dict(person="p033", limit=0), InvalidInput),
        (dict(person="p033", limit=MAX_LIMIT + 1), InvalidInput),
        (dict(person="p033", skill="juggling"), NotFound),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_written(demo_store, doc, call, error):
    with pytest.raises(error):
        recommend(demo_store, today=TODAY, **call)
    assert demo_store.export() == doc
