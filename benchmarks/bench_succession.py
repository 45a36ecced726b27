"""Succession analysis speed on the generated organisation, on both stores.

Measures, at the default 100k people (about 10k positions): the full coverage
report with rollups; pipeline suggestions for one position (20 gap or
developing positions, p50 / p99); what-if for one leaver (20 incumbents of
critical positions, with the promotion chain).

Run: ``python -m benchmarks.bench_succession [--people N]``.
"""

from __future__ import annotations

import random

from benchmarks.common import STORES, dataset_file, measure_on_neo4j, percentiles, run_from_command_line, timed
from netgraph.analysis.succession import coverage, pipeline
from netgraph.analysis.what_if import what_if
from netgraph.collector import cycle_collector_paused
from netgraph.io.documents import read_document
from netgraph.model.validate import validate
from netgraph.store.embedded import EmbeddedStore

SAMPLE = 20
#: the coverage report's target is a p95 over 20 runs
REPEAT_REPORT = 20


def samples(clean: dict, report: dict, seed: int = 5) -> dict:
    rnd = random.Random(seed)
    open_positions = sorted(p["id"] for p in report["positions"] if p["status"] != "covered")
    critical_holders = sorted({h for p in report["positions"] if p["critical"] for h in p["incumbents"]})
    return {
        "positions": rnd.sample(open_positions, min(SAMPLE, len(open_positions))),
        "leavers": rnd.sample(critical_holders, min(SAMPLE, len(critical_holders))),
    }


def coverage_as_asked(store) -> dict:
    """The report as the CLI and the web build it: with the cycle collector paused."""
    with cycle_collector_paused():
        return coverage(store)


def measure(store, sample: dict) -> dict:
    coverage_as_asked(store)  # warm up: plan caches, page cache, interpreter
    pipeline(store, position=sample["positions"][0])
    what_if(store, [sample["leavers"][0]], promote=True)
    report_times = [timed(coverage_as_asked, store)[0] for _ in range(REPEAT_REPORT)]
    pipeline_times = [timed(pipeline, store, position=p)[0] for p in sample["positions"]]
    what_if_times = [timed(what_if, store, [p], promote=True)[0] for p in sample["leavers"]]
    return {
        "coverage": percentiles(report_times),
        "pipeline": percentiles(pipeline_times),
        "what_if": percentiles(what_if_times),
    }


def run(people: int, stores: tuple[str, ...] = STORES) -> dict:
    """Both stores by default; ``stores`` names the ones to measure (the sample is drawn on the embedded store
    when it is measured, else on Neo4j: the same report either way)."""
    document, where = read_document(dataset_file(people))
    clean = validate(document, where=where)
    del document
    result: dict = {"people": people}
    sample: dict | None = None

    def sampled(store) -> dict:
        report = coverage(store)
        result.update(positions=report["totals"]["positions"], critical=report["totals"]["critical"])
        return samples(clean, report)

    if "embedded" in stores:
        embedded = EmbeddedStore(None, freeze_graph=True)
        embedded.write(clean)
        sample = sampled(embedded)
        result["embedded"] = measure(embedded, sample)
        del embedded
    if "neo4j" in stores:
        result["neo4j"] = measure_on_neo4j(clean, lambda store: measure(store, sample or sampled(store)))
    return result


if __name__ == "__main__":
    run_from_command_line(run)
