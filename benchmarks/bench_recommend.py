"""Recommendation and warm-path latency on the generated organisation, on both stores.

Measures, at the default 100k people: ``recommend(person, via="all")`` for 200
random people and, separately, for the 20 people with the most contacts;
``warm_path`` between 200 random pairs. Then, on the 10k organisation, the
ratio against the naive way: scoring every non-edge with networkx's
``adamic_adar_index`` (and, more generously to the naive side, scoring only
the person's own non-edges).

Run: ``python -m benchmarks.bench_recommend [--people N]``.
"""

from __future__ import annotations

import random
from datetime import date

import networkx as nx

from benchmarks.common import STORES, dataset_file, measure_on_neo4j, percentiles, run_from_command_line, timed
from netgraph.analysis.paths import warm_path
from netgraph.analysis.recommend import recommend
from netgraph.io.documents import read_document
from netgraph.io.graph_formats import people_network
from netgraph.model.validate import validate
from netgraph.store.embedded import EmbeddedStore

TODAY = date(2026, 11, 24)
RANDOM_PEOPLE = 200
BUSIEST_PEOPLE = 20
PATH_PAIRS = 200
WARM_UP = 20


def samples(graph: nx.Graph, seed: int = 11) -> dict:
    rnd = random.Random(seed)
    connected = sorted(n for n in graph if graph.degree(n) > 0)
    busiest = sorted(graph, key=lambda n: (-graph.degree(n), n))[:BUSIEST_PEOPLE]
    return {
        "random": rnd.sample(connected, RANDOM_PEOPLE),
        "busiest": busiest,
        "pairs": [tuple(rnd.sample(connected, 2)) for _ in range(PATH_PAIRS)],
        "busiest_degrees": [graph.degree(n) for n in busiest],
    }


def latencies(store, sample: dict) -> dict:
    for person in sample["random"][:WARM_UP]:  # plan caches, page cache
        recommend(store, person, via="all", today=TODAY)
        warm_path(store, person, sample["busiest"][0])
    out = {}
    for name in ("random", "busiest"):
        times = [timed(recommend, store, p, via="all", today=TODAY)[0] for p in sample[name]]
        out[f"recommend_{name}"] = percentiles(times)
    found = 0
    times = []
    for a, b in sample["pairs"]:
        seconds, result = timed(warm_path, store, a, b)
        times.append(seconds)
        found += bool(result["paths"])
    out["warm_path"] = {**percentiles(times), "found": found}
    return out


def naive_ratio(people: int = 10_000) -> dict:
    """Our embedded recommendation vs networkx scoring all non-edges, on the same graph, same run."""
    document, where = read_document(dataset_file(people))
    clean = validate(document, where=where)
    graph = people_network(clean)
    store = EmbeddedStore(None, freeze_graph=True)
    store.write(clean)
    sample = samples(graph)
    ours = [timed(recommend, store, p, via="all", today=TODAY)[0] for p in sample["random"]]
    ours_p50 = percentiles(ours)["p50_ms"]
    own = []
    for person in sample["random"][:50]:
        pairs = [(person, v) for v in graph if v != person and not graph.has_edge(person, v)]
        own.append(timed(lambda pairs=pairs: sorted(nx.adamic_adar_index(graph, pairs), key=lambda t: -t[2])[:10])[0])
    all_s, count = timed(lambda: sum(1 for _ in nx.adamic_adar_index(graph)))
    return {
        "people": people,
        "non_edges": count,
        "all_non_edges_s": round(all_s, 1),
        "own_non_edges_p50_ms": percentiles(own)["p50_ms"],
        "ours_p50_ms": ours_p50,
        "ratio_all": round(all_s * 1000 / ours_p50),
        "ratio_own": round(percentiles(own)["p50_ms"] / ours_p50, 1),
    }


def run(people: int, stores: tuple[str, ...] = STORES) -> dict:
    """Both stores by default; ``stores`` names the ones to measure (the naive ratio runs with the embedded one)."""
    document, where = read_document(dataset_file(people))
    clean = validate(document, where=where)
    graph = people_network(clean)
    sample = samples(graph)
    result = {"people": people, "busiest_degrees": [sample["busiest_degrees"][0], sample["busiest_degrees"][-1]]}
    if "embedded" in stores:
        embedded = EmbeddedStore(None, freeze_graph=True)
        embedded.write(clean)
        result["embedded"] = latencies(embedded, sample)
        del embedded
    if "neo4j" in stores:
        result["neo4j"] = measure_on_neo4j(clean, latencies, sample)
    if "embedded" in stores:
        result["naive"] = naive_ratio()
    return result


if __name__ == "__main__":
    run_from_command_line(run)
