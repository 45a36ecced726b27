"""Run every benchmark and print the figures as the pages of docs/benchmarks/ show them.

``make bench`` = ``python -m benchmarks.run [--people N]``. Takes several
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
    bench_succession,
    bench_sync,
    bench_ties,
)
from benchmarks.common import WORK, machine


def import_table(r: dict) -> str:
    e, n, b = r["embedded"], r["neo4j"], r["neo4j_bulk"]
    steps = ", ".join(f"{name} {seconds:g} s" for name, seconds in b["steps"].items())
    return "\n".join(
        [
            f"Import of the generated organisation: {r['people']:,} people, {r['relationships']:,} relationships "
            f"(validation of the whole document: {r['validate_s']} s, included below).",
            "",
            "| store | import | relationships/s | notes |",
            "|---|---|---|---|",
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
            f"| embedded (networkx + SQLite file) | {e['import_s']} s | {e['rels_per_s']:,} | "
            f"peak resident memory {e['peak_rss_gib']} GiB; reopening the file: {e['reload_s']} s |",
        ]
    )


def latency_table(r: dict) -> str:
    def cell(x: dict) -> str:
        return f"{x['p50_ms']} / {x['p99_ms']} / {x['max_ms']}"

    e, n, naive = r["embedded"], r["neo4j"], r["naive"]
    return "\n".join(
        [
            f'Recommendations (`recommend(person, via="all")`, all of the person\'s contacts as introducers) and '
            f"warm paths on the same {r['people']:,}-person organisation; milliseconds, p50 / p99 / max "
            f"(the 20 busiest people have {r['busiest_degrees'][1]}–{r['busiest_degrees'][0]} contacts):",
            "",
            "| query | embedded | Neo4j |",
            "|---|---|---|",
            f"| recommend, 200 random people | {cell(e['recommend_random'])} | {cell(n['recommend_random'])} |",
            f"| recommend, 20 busiest people | {cell(e['recommend_busiest'])} | {cell(n['recommend_busiest'])} |",
            f"| warm path, 200 random pairs (max 4 links; {e['warm_path']['found']} connected) | "
            f"{cell(e['warm_path'])} | {cell(n['warm_path'])} |",
            "",
            f"Against the naive way, on the {naive['people']:,}-person organisation in the same run: networkx's "
            f"`adamic_adar_index` over all {naive['non_edges']:,} non-edges takes {naive['all_non_edges_s']} s, "
            f"**{naive['ratio_all']:,}×** the p50 of our embedded recommendation ({naive['ours_p50_ms']} ms); even "
            f"scoring only the person's own non-edges takes {naive['own_non_edges_p50_ms']} ms "
            f"({naive['ratio_own']}× ours).",
        ]
    )


def succession_table(r: dict) -> str:
    def cell(x: dict) -> str:
        return f"{x['p50_ms']} / {x['p99_ms']} / {x['max_ms']}"

    e, n = r["embedded"], r["neo4j"]
    return "\n".join(
        [
            f"Succession analysis on the same organisation ({r['positions']:,} positions, {r['critical']:,} "
            "critical); milliseconds, p50 / p99 / max:",
            "",
            "| query | embedded | Neo4j |",
            "|---|---|---|",
            f"| full coverage report with rollups ({e['coverage']['n']} runs) | {cell(e['coverage'])} | "
            f"{cell(n['coverage'])} |",
            f"| the same, p95 | {e['coverage'].get('p95_ms')} | {n['coverage'].get('p95_ms')} |",
            f"| pipeline suggestions for one position (20 positions) | {cell(e['pipeline'])} | {cell(n['pipeline'])} |",
            f"| what-if, one leaver, with the promotion chain (20 critical incumbents) | {cell(e['what_if'])} | "
            f"{cell(n['what_if'])} |",
        ]
    )


#: --only name -> (key in results.json, run(people), table(result)), in the order they run and print
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
}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--only", choices=(*BENCHMARKS, "evaluate"), help="run one benchmark")
    args = parser.parse_args(argv)
    if args.only == "evaluate":  # real networks and the 10k timing: tables of its own (benchmarks/bench_evaluate.py)
        from benchmarks import bench_evaluate

        bench_evaluate.main([])
        return
    chosen = [name for name in BENCHMARKS if args.only in (None, name)]
    results = {BENCHMARKS[name][0]: BENCHMARKS[name][1](args.people) for name in chosen}
    WORK.mkdir(exist_ok=True)
    (WORK / "results.json").write_text(json.dumps(results, indent=2))
    print(f"Measured on {date.today().isoformat()}: {machine()}.")
    for name in chosen:
        key, _, table = BENCHMARKS[name]
        print()
        print(table(results[key]))


if __name__ == "__main__":
    main()
