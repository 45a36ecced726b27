"""Contract: on the demo organisation both stores return the same ranked lists, scores and paths."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netgraph.analysis.recommend import MAX_LIMIT, recommend
from netgraph.settings import recommend_settings_from_file
from tests.conftest import FIXTURES
from tests.contract.same_answers import (
    TODAY,
    check_paths,
    check_recommendations,
    check_skill_paths,
    check_succession,
    people,
)

pytestmark = pytest.mark.neo4j


@pytest.mark.parametrize("via", ["mentors", "all"])
def test_recommendations_for_everyone_are_the_same(demo_pair, via):
    embedded, neo4j = demo_pair
    assert check_recommendations(embedded, neo4j, people(embedded), via) > 20


@pytest.mark.parametrize(("via", "limit"), [("mentors", MAX_LIMIT), ("all", MAX_LIMIT), ("all", 3)])
def test_recommendations_by_a_learned_plausibility_are_the_same(demo_pair, via, limit):
    embedded, neo4j = demo_pair
    learned = recommend_settings_from_file(FIXTURES / "learned" / "plausibility.toml")
    assert check_recommendations(embedded, neo4j, people(embedded), via, learned, limit) > 20


def test_recommendations_with_a_place_for_a_new_unit_are_the_same_and_the_place_is_given(demo_pair):
    embedded, neo4j = demo_pair
    learned = recommend_settings_from_file(FIXTURES / "learned" / "plausibility.toml")
    placed = replace(learned, new_unit_place=0.2)
    assert check_recommendations(embedded, neo4j, people(embedded), "all", placed, 3) > 20
    moved = [
        person
        for person in people(embedded)
        if [
            r["candidate"]
            for r in recommend(neo4j, person, via="all", today=TODAY, limit=3, settings=placed)["results"]
        ]
        != [
            r["candidate"]
            for r in recommend(neo4j, person, via="all", today=TODAY, limit=3, settings=learned)["results"]
        ]
    ]
    assert moved  # the place changes someone's list, on the store that leaves candidates out below the floor


def test_recommendations_by_a_model_of_some_features_out_of_order_are_the_same(demo_pair):
    """Each store reads a model's features in the model's order, whatever order it computes them in."""
    embedded, neo4j = demo_pair
    learned = recommend_settings_from_file(FIXTURES / "learned" / "three_features.toml")
    assert check_recommendations(embedded, neo4j, people(embedded), "all", learned) > 20


def test_warm_paths_are_the_same(demo_pair):
    assert check_paths(*demo_pair, n=150, seed=1) > 100


def test_warm_paths_to_skills_are_the_same(demo_pair):
    check_skill_paths(*demo_pair, n=30, seed=2)


def test_succession_coverage_pipeline_and_what_if_are_the_same(demo_pair):
    check_succession(*demo_pair, [["p099"], ["p001"], ["p078", "p009"], ["p029", "p050", "p028"]])
