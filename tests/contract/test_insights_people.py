"""Person measures of network insights against networkx, on the contact network of each store.

The oracle graph is built here straight from the document, by the definition
(netgraph.model.insights), not from the store's projection: both the
projection and the measures are under test.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter

import networkx as nx
import numpy as np
import pytest

from netgraph.analysis.insights.people import person_measures
from netgraph.analysis.insights.projection import load_projection
from netgraph.model.insights import ROLES, InsightSettings, brokerage_role
from netgraph.model.rules import RecommendSettings
from tests.contract.conftest import insight_document

RECOMMEND = RecommendSettings()
SETTINGS = InsightSettings()


@pytest.fixture(scope="module")
def oracle() -> nx.Graph:
    """The contact network by its definition, from the document's records."""
    document = insight_document()
    staying = {p["id"]: p["org_unit"] for p in document["people"] if p["status"] != "left"}
    graph = nx.Graph()
    graph.add_nodes_from((person, {"unit": unit}) for person, unit in staying.items())
    candidates = [
        (k["a"], k["b"], RECOMMEND.missing_strength if k["strength"] is None else k["strength"])
        for k in document["knows"]
        if k["retired_on"] is None
    ]
    candidates += [(m["mentor"], m["mentee"], RECOMMEND.mentor_tie_strength) for m in document["mentorships"]]
    for a, b, strength in candidates:
        if a in staying and b in staying:
            old = graph.edges[a, b]["strength"] if graph.has_edge(a, b) else -1.0
            graph.add_edge(a, b, strength=max(old, strength))
    return graph


@pytest.fixture(scope="module")
def projection(insight_store):
    return load_projection(insight_store, RECOMMEND)


@pytest.fixture(scope="module")
def measures(projection):
    return person_measures(projection, SETTINGS)


def by_person(projection, values) -> dict[str, float]:
    return dict(zip(projection.people, (float(v) for v in values), strict=True))


def test_the_projection_is_the_contact_network_by_its_definition(projection, oracle):
    built = projection.networkx()
    assert sorted(built.nodes(data="unit")) == sorted(oracle.nodes(data="unit"))
    assert sorted(built.edges(data="strength")) == sorted(
        (min(a, b), max(a, b), s) for a, b, s in oracle.edges(data="strength")
    )


def test_betweenness_is_exact_and_normalised_as_networkx_normalises_it(projection, measures, oracle):
    expected = nx.betweenness_centrality(oracle)
    assert measures.betweenness.mode == "exact" and measures.betweenness.sources == projection.size
    assert by_person(projection, measures.betweenness.values) == pytest.approx(expected, abs=1e-12)


def test_sampled_betweenness_is_networkx_with_the_same_sources(projection, oracle):
    sampled = person_measures(projection, InsightSettings(seed=3), exact=False, sample=50).betweenness
    # networkx draws its sources from its node order: the projection's is by id
    expected = nx.betweenness_centrality(_sorted(oracle), k=50, seed=random.Random(3))
    assert (sampled.mode, sampled.sources) == ("sampled", 50)
    assert by_person(projection, sampled.values) == pytest.approx(expected, abs=1e-12)


def _sorted(graph: nx.Graph) -> nx.Graph:
    """The same graph with its nodes in id order."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    ordered.add_edges_from(graph.edges(data=True))
    return ordered


def test_constraint_is_burts_with_strengths(projection, measures, oracle):
    expected = nx.constraint(oracle, weight="strength")
    got = by_person(projection, measures.constraint)
    assert {p for p, v in got.items() if np.isnan(v)} == {p for p, v in expected.items() if np.isnan(v)}
    assert {p: v for p, v in got.items() if not np.isnan(v)} == pytest.approx(
        {p: v for p, v in expected.items() if not np.isnan(v)}, abs=1e-12
    )


def test_effective_size_is_burts_with_strengths(projection, measures, oracle):
    # nodes= given: networkx's per-person formula (its all-at-once matrix shortcut gives other figures)
    expected = nx.effective_size(oracle, nodes=list(oracle), weight="strength")
    got = by_person(projection, measures.effective_size)
    assert {p for p, v in got.items() if np.isnan(v)} == {p for p, v in expected.items() if np.isnan(v)}
    assert {p: v for p, v in got.items() if not np.isnan(v)} == pytest.approx(
        {p: v for p, v in expected.items() if not np.isnan(v)}, abs=1e-12
    )


def test_degree_counts_contacts(projection, measures, oracle):
    assert by_person(projection, measures.degree) == dict(oracle.degree)


def test_external_counts_contacts_in_another_unit(projection, measures, oracle):
    unit = dict(oracle.nodes(data="unit"))
    expected = {p: sum(1 for o in oracle[p] if unit[o] is not None and unit[o] != unit[p]) for p in oracle}
    assert by_person(projection, measures.external) == expected


def test_brokerage_counts_each_pair_of_unlinked_contacts_in_its_role(projection, measures, oracle):
    unit = dict(oracle.nodes(data="unit"))
    expected = {}
    for broker in oracle:
        roles = Counter(
            brokerage_role(unit[broker], unit[a], unit[c])
            for a, c in itertools.combinations(sorted(oracle[broker]), 2)
            if not oracle.has_edge(a, c)
        )
        expected[broker] = [roles[role] for role in ROLES]
    got = {p: [int(measures.brokerage[role][i]) for role in ROLES] for i, p in enumerate(projection.people)}
    assert got == expected


def test_brokers_are_the_people_at_or_above_the_broker_percentile_of_betweenness(projection, measures, oracle):
    betweenness = nx.betweenness_centrality(oracle)
    cut = np.percentile(list(betweenness.values()), SETTINGS.broker_percentile)
    rows = measures.rows(projection)
    assert {r["person"] for r in rows if "broker" in r["labels"]} == {
        p for p, v in betweenness.items() if v > 0 and v >= cut - 1e-12
    }
