"""Shared checks: the two stores give the same recommendations and warm paths."""

from __future__ import annotations

import random
from datetime import date

import pytest

from netgraph.analysis.paths import warm_path, warm_paths_to_skill
from netgraph.analysis.recommend import MAX_LIMIT, recommend

TODAY = date(2026, 11, 24)


def assert_same_answer(left, right, where=""):
    """Equal structure and values; floats to 1e-9."""
    if isinstance(left, float) or isinstance(right, float):
        assert left == pytest.approx(right, abs=1e-9), where
    elif isinstance(left, dict):
        assert left.keys() == right.keys(), where
        for key in left:
            assert_same_answer(left[key], right[key], f"{where}.{key}")
    elif isinstance(left, list):
        assert len(left) == len(right), where
        for i, (a, b) in enumerate(zip(left, right, strict=True)):
            assert_same_answer(a, b, f"{where}[{i}]")
    else:
        assert left == right, where


def people(store) -> list[str]:
    return [p["id"] for p in store.export()["people"]]


def check_recommendations(embedded, neo4j, persons, via, settings=None, limit=MAX_LIMIT):
    compared = 0
    for person in persons:
        answers = []
        for store in (embedded, neo4j):
            try:
                answers.append(recommend(store, person, via=via, today=TODAY, limit=limit, settings=settings))
            except Exception as error:  # the same refusal counts as the same answer
                answers.append((type(error).__name__, str(error)))
        assert_same_answer(answers[0], answers[1], f"{person} via {via}")
        compared += isinstance(answers[0], dict) and bool(answers[0]["results"])
    return compared


def check_paths(embedded, neo4j, n, seed):
    ids = people(embedded)
    rnd = random.Random(seed)
    found = 0
    for _ in range(n):
        source, target = rnd.sample(ids, 2)
        left, right = warm_path(embedded, source, target), warm_path(neo4j, source, target)
        assert_same_answer(left, right, f"{source} -> {target}")
        found += bool(left["paths"])
    return found


def check_skill_paths(embedded, neo4j, n, seed):
    ids, skills = people(embedded), embedded.skill_names()
    rnd = random.Random(seed)
    for _ in range(n):
        source, skill = rnd.choice(ids), rnd.choice(skills)
        assert_same_answer(
            warm_paths_to_skill(embedded, source, skill),
            warm_paths_to_skill(neo4j, source, skill),
            f"{source} -> {skill}",
        )


def check_succession(embedded, neo4j, leaver_samples):
    from netgraph.analysis.succession import coverage, pipeline
    from netgraph.analysis.what_if import what_if

    assert_same_answer(coverage(embedded), coverage(neo4j), "coverage")
    assert_same_answer(pipeline(embedded), pipeline(neo4j), "pipeline")
    for leavers in leaver_samples:
        assert_same_answer(
            what_if(embedded, leavers, promote=True), what_if(neo4j, leavers, promote=True), f"what-if {leavers}"
        )
