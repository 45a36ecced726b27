"""The million-person run (benchmarks/bench_million.py): when it runs, what it asks for, and that it keeps going."""

from __future__ import annotations

import json

from benchmarks import bench_million
from benchmarks.run import streaming


def test_a_million_people_on_neo4j_is_the_streaming_run():
    assert streaming("neo4j", 1_000_000, asked=False)


def test_the_streaming_run_can_be_asked_for_at_100k():
    assert streaming("neo4j", 100_000, asked=True) and not streaming("neo4j", 100_000, asked=False)


def test_the_streaming_run_is_for_neo4j_only():
    assert not streaming("embedded", 1_000_000, asked=True) and not streaming(None, 1_000_000, asked=True)


def test_the_division_is_the_unit_whose_subtree_holds_closest_to_five_percent_of_the_positions():
    parent = {"root": None, "big": "root", "small": "root", "tiny": "root", "team": "small"}
    per_unit = {"big": 90, "small": 1, "team": 4, "tiny": 2, "root": 3}
    assert bench_million.pick_division(parent, per_unit) == ("small", 5)


def test_the_division_may_lie_below_a_top_level_unit():
    parent = {"root": None, "big": "root", "team": "big"}
    assert bench_million.pick_division(parent, {"big": 95, "team": 5}) == ("team", 5)


def test_a_step_that_fails_is_recorded_with_its_error_and_the_run_goes_on(tmp_path):
    results = tmp_path / "results.jsonl"
    records = bench_million.run(
        ["--people", "0", "--steps", "generate", "samples", "--results", str(results), "--home", str(tmp_path / "db")]
    )
    assert [(r["step"], r["ok"]) for r in records] == [("generate", False), ("samples", False)]
    assert "generate exited 1" in records[0]["error"]
    assert [json.loads(line)["step"] for line in results.read_text().splitlines()] == ["machine", "generate", "samples"]
