"""Contract: warm paths on the demo organisation, on both stores.

p099 Eitan Eze is the only bridge into the APAC team (p100-p106), so every
warm path from elsewhere into APAC runs through him.
"""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from netgraph.analysis.paths import MAX_HOPS, warm_path, warm_paths_to_skill
from netgraph.errors import InvalidInput, NotFound
from netgraph.model.rules import RecommendSettings

DEFAULTS = RecommendSettings()


@pytest.fixture(scope="module")
def doc(demo_store):
    return demo_store.export()


@pytest.fixture(scope="module")
def strengths(doc) -> dict[frozenset, float]:
    """Strongest link between each linked pair (a mentorship counts as a strong tie)."""
    found: dict[frozenset, float] = {}
    for k in doc["knows"]:
        pair = frozenset((k["a"], k["b"]))
        found[pair] = max(found.get(pair, 0.0), k["strength"])
    for m in doc["mentorships"]:
        pair = frozenset((m["mentor"], m["mentee"]))
        found[pair] = max(found.get(pair, 0.0), DEFAULTS.mentor_tie_strength)
    return found


@pytest.fixture(scope="module")
def closed(doc) -> set[str]:
    return {p["id"] for p in doc["people"] if not p["open_to_intros"]}


def chain_strength(people, strengths) -> float:
    return math.prod(strengths[frozenset(pair)] for pair in zip(people, people[1:], strict=False))


def best_by_brute_force(source, target, strengths, closed, max_hops=4) -> float:
    graph = nx.Graph(list(tuple(pair) for pair in strengths))
    best = 0.0
    for path in nx.all_simple_paths(graph, source, target, cutoff=max_hops):
        if not closed & set(path[1:-1]):
            best = max(best, chain_strength(path, strengths))
    return best


def sample_pairs(doc, n, seed=3):
    ids = sorted(p["id"] for p in doc["people"])
    rnd = random.Random(seed)
    return [tuple(rnd.sample(ids, 2)) for _ in range(n)]


def test_the_way_into_apac_runs_through_its_bridge(demo_store, strengths):
    (path,) = warm_path(demo_store, "p033", "p100")["paths"]
    assert path["to"] == "p100" and path["people"][0] == "p033" and path["people"][-1] == "p100"
    assert "p099" in path["people"]
    assert path["names"][0] == "Dana Okafor"
    assert path["strength"] == pytest.approx(chain_strength(path["people"], strengths), abs=1e-12)


def test_the_path_is_the_strongest_chain_within_the_hop_limit(demo_store, doc, strengths, closed):
    for source, target in sample_pairs(doc, 25):
        found = warm_path(demo_store, source, target)["paths"]
        best = best_by_brute_force(source, target, strengths, closed)
        if best == 0.0:
            assert found == []
        else:
            assert found[0]["strength"] == pytest.approx(best, abs=1e-12)
            assert len(found[0]["people"]) - 1 <= 4


def test_no_path_passes_through_someone_closed_to_introductions(demo_store, doc, closed):
    for source, target in sample_pairs(doc, 60, seed=5):
        for path in warm_path(demo_store, source, target)["paths"]:
            assert not closed & set(path["people"][1:-1])


def test_a_closed_person_may_be_the_end_of_a_path(demo_store):
    assert warm_path(demo_store, "p033", "p001")["paths"][0]["people"][-1] == "p001"


def test_max_hops_bounds_the_chain(demo_store):
    assert warm_path(demo_store, "p033", "p100", max_hops=1) == {"paths": []}
    for hops in range(1, MAX_HOPS + 1):
        for path in warm_path(demo_store, "p033", "p099", max_hops=hops)["paths"]:
            assert len(path["people"]) - 1 <= hops


def test_a_direct_contact_is_a_one_link_path(demo_store, strengths):
    (path,) = warm_path(demo_store, "p033", "p009")["paths"]
    assert path["people"] == ["p033", "p009"]
    assert path["strength"] == pytest.approx(strengths[frozenset(("p033", "p009"))])


def test_to_skill_finds_holders_strongest_first(demo_store, doc):
    holders = {p["id"] for p in doc["people"] if "negotiation" in p["skills"]}
    paths = warm_paths_to_skill(demo_store, "p033", "negotiation", limit=5)["paths"]
    assert len(paths) == 5
    assert all(p["to"] in holders and p["people"][-1] == p["to"] and p["people"][0] == "p033" for p in paths)
    strengths_found = [p["strength"] for p in paths]
    assert strengths_found == sorted(strengths_found, reverse=True)


def test_to_skill_each_chain_is_the_warm_path_to_that_person(demo_store):
    for found in warm_paths_to_skill(demo_store, "p033", "negotiation", limit=5)["paths"]:
        (direct,) = warm_path(demo_store, "p033", found["to"])["paths"]
        assert found["strength"] == pytest.approx(direct["strength"], abs=1e-12)


def test_to_skill_never_offers_the_person_themselves(demo_store, doc):
    own = next(p for p in doc["people"] if p["skills"])
    skill = sorted(own["skills"])[0]
    assert all(p["to"] != own["id"] for p in warm_paths_to_skill(demo_store, own["id"], skill)["paths"])


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda s: warm_path(s, "p033", "p999"), NotFound),
        (lambda s: warm_path(s, "p999", "p033"), NotFound),
        (lambda s: warm_path(s, "p033", "p033"), InvalidInput),
        (lambda s: warm_path(s, "p033", "p100", max_hops=0), InvalidInput),
        (lambda s: warm_path(s, "p033", "p100", max_hops=MAX_HOPS + 1), InvalidInput),
        (lambda s: warm_paths_to_skill(s, "p033", "juggling"), NotFound),
        (lambda s: warm_paths_to_skill(s, "p033", "negotiation", limit=0), InvalidInput),
    ],
)
def test_bad_requests_are_refused(demo_store, call, error):
    with pytest.raises(error):
        call(demo_store)
