"""The synthetic organisation: deterministic, valid, and shaped like a real one."""

from __future__ import annotations

import json
import statistics
from collections import Counter

import networkx as nx
import pytest

from netgraph.io.generate import count_relationships, generate_dataset
from netgraph.model.validate import validate


@pytest.fixture(scope="module")
def org():
    return generate_dataset(2000, seed=7)


def test_the_same_seed_gives_the_same_document_byte_for_byte():
    assert json.dumps(generate_dataset(300, seed=3)) == json.dumps(generate_dataset(300, seed=3))


def test_another_seed_gives_another_document():
    assert generate_dataset(300, seed=3) != generate_dataset(300, seed=4)


@pytest.mark.parametrize("people", [1, 10, 200, 2000])
def test_every_size_passes_validation_already_normalized(people):
    document = generate_dataset(people, seed=1)
    assert validate(document) == document


def test_sizes_follow_the_documented_ratios(org):
    assert len(org["people"]) == 2000
    assert len(org["positions"]) == 200
    assert 7 <= count_relationships(org) / 2000 <= 14


def test_about_fifteen_percent_of_positions_are_critical(org):
    share = sum(p["critical"] for p in org["positions"]) / len(org["positions"])
    assert 0.08 <= share <= 0.25


def test_knows_degrees_are_heavy_tailed(org):
    degree = Counter()
    for link in org["knows"]:
        degree[link["a"]] += 1
        degree[link["b"]] += 1
    assert max(degree.values()) >= 4 * statistics.median(degree.values())


def test_knows_is_clustered_inside_units(org):
    unit = {p["id"]: p["org_unit"] for p in org["people"]}
    inside = sum(unit[k["a"]] == unit[k["b"]] for k in org["knows"])
    assert inside / len(org["knows"]) > 0.5


def test_hierarchies_are_trees(org):
    units = nx.DiGraph((u["id"], u["parent"]) for u in org["org_units"] if u["parent"])
    positions = nx.DiGraph((p["id"], p["reports_to"]) for p in org["positions"] if p["reports_to"])
    assert nx.is_directed_acyclic_graph(units) and nx.is_directed_acyclic_graph(positions)


def test_introductions_join_contacts_of_the_introducer_who_did_not_know_each_other(org):
    pairs = {frozenset((k["a"], k["b"])) for k in org["knows"]}
    for intro in org["introductions"]:
        assert frozenset((intro["by"], intro["introduce"])) in pairs
        assert frozenset((intro["by"], intro["to"])) in pairs
        assert frozenset((intro["introduce"], intro["to"])) not in pairs


def test_every_introduction_status_and_some_reverse_and_ended_mentorships_occur(org):
    assert {i["status"] for i in org["introductions"]} == {"proposed", "made", "accepted", "declined", "met"}
    assert {m["kind"] for m in org["mentorships"]} == {"standard", "reverse"}
    assert {m["status"] for m in org["mentorships"]} == {"active", "ended"}
