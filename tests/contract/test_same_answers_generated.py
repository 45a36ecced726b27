"""Contract: on a generated 400-person organisation both stores give the same answers."""

from __future__ import annotations

import pytest

from tests.contract.same_answers import check_paths, check_recommendations, check_skill_paths, check_succession, people

pytestmark = pytest.mark.neo4j


def test_recommendations_via_mentors_are_the_same(generated_pair):
    embedded, neo4j = generated_pair
    assert check_recommendations(embedded, neo4j, people(embedded), "mentors") > 20


def test_recommendations_via_all_contacts_are_the_same(generated_pair):
    embedded, neo4j = generated_pair
    assert check_recommendations(embedded, neo4j, people(embedded)[::4], "all") > 50


def test_warm_paths_are_the_same(generated_pair):
    assert check_paths(*generated_pair, n=150, seed=4) > 20


def test_warm_paths_to_skills_are_the_same(generated_pair):
    check_skill_paths(*generated_pair, n=30, seed=5)


def test_succession_coverage_pipeline_and_what_if_are_the_same(generated_pair):
    embedded, _ = generated_pair
    holders = sorted({h["person"] for p in embedded.export()["positions"] for h in p["holders"]})
    check_succession(*generated_pair, [[h] for h in holders[:8]] + [holders[8:12]])
