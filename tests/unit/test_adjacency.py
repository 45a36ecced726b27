"""networkx keeps a graph's data where netgraph.store.embedded.adjacency reads it (a networkx upgrade fails here first).

Each test builds or reads a graph through networkx's public API and checks the
dicts the adapter hands out against it; the last one checks that no other
module reaches networkx's private attributes.
"""

from __future__ import annotations

import ast

import networkx as nx
import pytest

from netgraph.store.embedded import adjacency
from netgraph.store.embedded.adjacency import add_bare_node, drop_views, forget_derived, in_links, node_attrs, out_links
from tests.package_folders import ROOT, python_sources

A, B = ("Person", "a"), ("Person", "b")
PRIVATE = {"_node", "_adj", "_succ", "_pred"}


@pytest.fixture
def graph():
    g = nx.MultiDiGraph()
    g.add_node(A, name="Ada")
    g.add_node(B, name="Bo")
    g.add_edge(A, B, key="KNOWS", strength=3)
    return g


def test_node_attrs_are_the_dicts_the_public_api_reads(graph):
    assert node_attrs(graph) == {A: {"name": "Ada"}, B: {"name": "Bo"}}
    assert node_attrs(graph)[A] is graph.nodes[A]


def test_out_links_are_keyed_by_target_then_type(graph):
    assert out_links(graph) == {A: {B: {"KNOWS": {"strength": 3}}}, B: {}}
    assert out_links(graph)[A][B]["KNOWS"] is graph.edges[A, B, "KNOWS"]


def test_in_links_share_the_type_dicts_of_out_links(graph):
    assert in_links(graph) == {A: {}, B: {A: {"KNOWS": {"strength": 3}}}}
    assert in_links(graph)[B][A] is out_links(graph)[A][B]


def test_what_is_written_to_the_dicts_the_public_api_sees(graph):
    c = ("Skill", "python")
    add_bare_node(graph, c, {"name": "python"})
    keyed = out_links(graph)[A][c] = in_links(graph)[c][A] = {}
    keyed["HAS_SKILL"] = {"level": 4}
    assert graph.nodes[c] == {"name": "python"}
    assert graph.has_edge(A, c, key="HAS_SKILL") and list(graph.predecessors(c)) == [A]
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 2


def test_forget_derived_keeps_cached_views_from_going_stale(graph):
    assert [n for n, d in graph.out_degree() if d] == [A]
    out_links(graph)[B][A] = in_links(graph)[A][B] = {"KNOWS": {}}
    forget_derived(graph)
    assert sorted(graph.out_edges(keys=True)) == [(A, B, "KNOWS"), (B, A, "KNOWS")]


def test_drop_views_keeps_the_data_and_the_views_come_back(graph):
    graph.adj, graph.succ, graph.nodes  # noqa: B018 - cached views, made on first use
    drop_views(graph)
    assert set(vars(graph)) <= adjacency._DATA
    assert graph.nodes[A] == {"name": "Ada"} and list(graph.succ[A]) == [B]


def test_no_other_module_reads_networkx_private_attributes():
    readers = {
        str(path.relative_to(ROOT))
        for path in python_sources()
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE
    }
    assert readers == {"netgraph/store/embedded/adjacency.py"}
