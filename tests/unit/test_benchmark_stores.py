"""``python -m benchmarks.run --store neo4j|embedded``: which benchmarks run, and tables with one store."""

from __future__ import annotations

from benchmarks.run import BENCHMARKS, _runs, latency_table


def test_without_store_every_benchmark_runs():
    assert all(_runs(name, None) for name in BENCHMARKS)


def test_with_neo4j_only_the_benchmarks_that_can_measure_it_alone_run():
    assert {name for name in BENCHMARKS if _runs(name, "neo4j")} == {
        "import",
        "recommend",
        "succession",
        "explorer",
        "orgchart",
        "stream-load",
    }


def test_the_embedded_only_benchmarks_run_with_the_embedded_store():
    assert {"cohort", "embedded-writes"} <= {name for name in BENCHMARKS if _runs(name, "embedded")}


def test_the_streaming_load_is_left_out_with_the_embedded_store():
    assert not _runs("stream-load", "embedded")


def test_a_table_of_one_store_says_the_other_was_not_measured():
    figures = {"p50_ms": 1.0, "p99_ms": 2.0, "max_ms": 3.0}
    result = {
        "people": 10,
        "busiest_degrees": [5, 2],
        "neo4j": {"recommend_random": figures, "recommend_busiest": figures, "warm_path": {**figures, "found": 3}},
    }
    assert "| recommend, 200 random people | not measured | 1.0 / 2.0 / 3.0 |" in latency_table(result)
