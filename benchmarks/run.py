"""Run every benchmark and print the figures as the pages of docs/benchmarks/ show them.

``make bench`` = ``python -m benchmarks.run [--people N] [--store embedded|neo4j]``. Takes several
minutes at the default 100k people; the generated data and the benchmark
Neo4j live in ``.bench/`` (ignored by git) and are reused between runs.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from benchmarks import (
    bench_cohort,
    bench_embedded_writes,
    bench_explorer,
    bench_import,
    bench_insights,
    bench_matching,
    bench_orgchart,
    bench_recommend,
    bench_stream_load,
    bench_succession,
    bench_sync,
    bench_ties,
)
from benchmarks.common import STORES, WORK, machine

#: Above this many people ``--store neo4j`` runs the streaming run of benchmarks/bench_million.py: the other
#: benchmarks read the organisation as one JSON document, which at a million people is more than this machine holds.
STREAMING_ABOVE = 300_000

#: People whose candidates a history fit of a large organisation uses (evaluate --fit --from-history --sample).
HISTORY_FIT_SAMPLE = 10_000


def import_table(r: dict) -> str:
    rows = []
    if "neo4j" in r:
        n, b = r["neo4j"], r["neo4j_bulk"]
        steps = ", ".join(f"{name} {seconds:g} s" for name, seconds in b["steps"].items())
        rows += [
            f"| Neo4j 5.26 (one transaction, UNWIND batches of 5,000) | {n['import_s']} s | {n['rels_per_s']:,} | "
            f"on a server that held the organisation before; re-import of the same file (all merges, no change): "
            f"{n['reimport_s']} s; {n['small_import_records']} records (people and links) into the full database: "
            f"{n['small_import_s']} s first, {n['small_import_again_s']} s after |",
            f"| Neo4j 5.26, first load into the empty database: `netgraph db local load` (offline importer) | "
            f"{b['load_s']} s | {b['rels_per_s']:,} | **{b['over_online']}×** the import above; from the command's "
            f"start until a query answers: {steps}; start-up, reading the file and the first query "
            f"{b['read_validate_query_s']} s; same counts as the import above: "
            f"{'yes' if b['same_counts_as_online'] else '**no**'} |",
            f"| Neo4j, naive: one KNOWS row per transaction (2,000-row sample) | | {n['naive_rels_per_s']:,} | "
            f"batched is **{n['batched_over_naive']}×** faster |",
        ]
    if "embedded" in r:
        e = r["embedded"]
        rows.append(
            f"| embedded (networkx + SQLite file) | {e['import_s']} s | {e['rels_per_s']:,} | "
            f"peak resident memory {e['peak_rss_gib']} GiB; reopening the file: {e['reload_s']} s |"
        )
    return "\n".join(
        [
            f"Import of the generated organisation: {r['people']:,} people, {r['relationships']:,} relationships "
            f"(validation of the whole document: {r['validate_s']} s, included below).",
            "",
            "| store | import | relationships/s | notes |",
            "|---|---|---|---|",
            *rows,
        ]
    )


def _cell(x: dict | None) -> str:
    """p50 / p99 / max of one store's figures, or that the store was not measured (``--store``)."""
    return f"{x['p50_ms']} / {x['p99_ms']} / {x['max_ms']}" if x else "not measured"


def latency_table(r: dict) -> str:
    e, n = r.get("embedded", {}), r.get("neo4j", {})
    found = (e or n)["warm_path"]["found"]
    lines = [
        f'Recommendations (`recommend(person, via="all")`, all of the person\'s contacts as introducers) and '
        f"warm paths on the same {r['people']:,}-person organisation; milliseconds, p50 / p99 / max "
        f"(the 20 busiest people have {r['busiest_degrees'][1]}–{r['busiest_degrees'][0]} contacts):",
        "",
        "| query | embedded | Neo4j |",
        "|---|---|---|",
        f"| recommend, 200 random people | {_cell(e.get('recommend_random'))} | {_cell(n.get('recommend_random'))} |",
        f"| recommend, 20 busiest people | {_cell(e.get('recommend_busiest'))} | {_cell(n.get('recommend_busiest'))} |",
        f"| warm path, 200 random pairs (max 4 links; {found} connected) | "
        f"{_cell(e.get('warm_path'))} | {_cell(n.get('warm_path'))} |",
    ]
    naive = r.get("naive")
    if naive:
        lines += [
            "",
            f"Against the naive way, on the {naive['people']:,}-person organisation in the same run: networkx's "
            f"`adamic_adar_index` over all {naive['non_edges']:,} non-edges takes {naive['all_non_edges_s']} s, "
            f"**{naive['ratio_all']:,}×** the p50 of our embedded recommendation ({naive['ours_p50_ms']} ms); even "
            f"scoring only the person's own non-edges takes {naive['own_non_edges_p50_ms']} ms "
            f"({naive['ratio_own']}× ours).",
        ]
    return "\n".join(lines)


def succession_table(r: dict) -> str:
    e, n = r.get("embedded", {}), r.get("neo4j", {})
    runs = (e or n)["coverage"]["n"]
    return "\n".join(
        [
            f"Succession analysis on the same organisation ({r['positions']:,} positions, {r['critical']:,} "
            "critical); milliseconds, p50 / p99 / max:",
            "",
            "| query | embedded | Neo4j |",
            "|---|---|---|",
            f"| full coverage report with rollups ({runs} runs) | {_cell(e.get('coverage'))} | "
            f"{_cell(n.get('coverage'))} |",
            f"| the same, p95 | {e.get('coverage', {}).get('p95_ms', 'not measured')} | "
            f"{n.get('coverage', {}).get('p95_ms', 'not measured')} |",
            f"| pipeline suggestions for one position (20 positions) | {_cell(e.get('pipeline'))} | "
            f"{_cell(n.get('pipeline'))} |",
            f"| what-if, one leaver, with the promotion chain (20 critical incumbents) | {_cell(e.get('what_if'))} | "
            f"{_cell(n.get('what_if'))} |",
        ]
    )


#: --only name -> (key in results.json, run(people, stores=...), table(result)), in the order they run and print
BENCHMARKS = {
    "import": ("import", bench_import.run, import_table),
    "recommend": ("recommend", bench_recommend.run, latency_table),
    "succession": ("succession", bench_succession.run, succession_table),
    "embedded-writes": ("embedded_writes", bench_embedded_writes.run, bench_embedded_writes.table),
    "sync": ("sync", bench_sync.run, bench_sync.table),
    "cohort": ("cohort", bench_cohort.run, bench_cohort.table),
    "matching": ("matching", bench_matching.run, bench_matching.table),
    "ties": ("ties", bench_ties.run, bench_ties.table),  # 10 million events into ties
    "explorer": ("explorer", bench_explorer.run, bench_explorer.table),  # in Chromium, on 10k people always
    "orgchart": ("orgchart", bench_orgchart.run, bench_orgchart.table),  # in Chromium, at 10k positions
    "insights": ("insights", bench_insights.run, bench_insights.table),  # refresh, then every read, both stores
    "stream-load": ("stream_load", bench_stream_load.run_new, bench_stream_load.table),  # CSV folder into Neo4j
}
#: the benchmarks whose ``run`` takes ``stores`` and measures only those (--store)
BY_STORE = {"import", "recommend", "succession", "explorer", "orgchart"}
#: the benchmarks of one store only: run when --store names it (or no --store is given)
ONE_STORE = {"embedded-writes": "embedded", "cohort": "embedded", "stream-load": "neo4j"}


def _runs(name: str, store: str | None) -> bool:
    """Whether ``--store store`` (None: both) runs benchmark ``name``."""
    return store is None or name in BY_STORE or ONE_STORE.get(name) == store


def streaming(store: str | None, people: int, asked: bool) -> bool:
    """Whether the run is the streaming one of benchmarks/bench_million.py: on Neo4j alone, asked or large."""
    return store == "neo4j" and (asked or people > STREAMING_ABOVE)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument(
        "--only",
        choices=(*BENCHMARKS, "evaluate", "history_fit", "recommend_latency"),
        help="run one benchmark (recommend_latency: at 10,000 people on Neo4j, with its own defaults)",
    )
    parser.add_argument(
        "--store",
        choices=STORES,
        help="measure this store only (default: both); benchmarks that cannot yet measure one store alone are "
        "left out, and said so",
    )
    parser.add_argument(
        "--streaming",
        action="store_true",
        help="with --store neo4j: the streaming run of benchmarks/bench_million.py at any size (the default above "
        f"{STREAMING_ABOVE:,} people); its own options (--port, --heap, --steps STEP...) follow",
    )
    args, rest = parser.parse_known_args(argv)
    if streaming(args.store, args.people, args.streaming):
        from benchmarks import bench_million

        bench_million.run(["--people", str(args.people), *rest])
        return
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.only == "evaluate":  # real networks and the 10k timing: tables of its own (benchmarks/bench_evaluate.py)
        from benchmarks import bench_evaluate

        bench_evaluate.main([])
        return
    if args.only == "recommend_latency":  # this code against the code before the learned score, alternated, at 10k
        from benchmarks import bench_recommend_latency

        bench_recommend_latency.main([])
        return
    if args.only == "history_fit":  # one fit of how ties form at --people (a sample of 10,000 above 20,000)
        from benchmarks import bench_history_fit

        sample = ["--sample", str(HISTORY_FIT_SAMPLE)] if args.people > 2 * HISTORY_FIT_SAMPLE else []
        bench_history_fit.main(["--only", "timing", "--timing", str(args.people), *sample])
        return
    asked = [name for name in BENCHMARKS if args.only in (None, name)]
    chosen = [name for name in asked if _runs(name, args.store)]
    for name in asked:
        if name not in chosen:
            why = f"it measures the {ONE_STORE[name]} store only" if name in ONE_STORE else "it measures both in one go"
            print(f"{name}: not run with --store {args.store} ({why})")
    results = {
        BENCHMARKS[name][0]: BENCHMARKS[name][1](args.people, **({"stores": (args.store,)} if args.store else {}))
        if name in BY_STORE
        else BENCHMARKS[name][1](args.people)
        for name in chosen
    }
    WORK.mkdir(exist_ok=True)
    (WORK / "results.json").write_text(json.dumps(results, indent=2))
    print(f"Measured on {date.today().isoformat()}: {machine()}.")
    for name in chosen:
        key, _, table = BENCHMARKS[name]
        print()
        print(table(results[key]))


if __name__ == "__main__":
    main()
