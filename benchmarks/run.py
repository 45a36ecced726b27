"""Run every benchmark and print the figures as the Markdown README shows them.

``make bench`` = ``python -m benchmarks.run [--people N]``. Takes several
minutes at the default 100k people; the generated data and the benchmark
Neo4j live in ``.bench/`` (ignored by git) and are reused between runs.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from benchmarks import bench_import
from benchmarks.common import WORK, machine


def import_table(r: dict) -> str:
    e, n = r["embedded"], r["neo4j"]
    return "\n".join([
        f"Import of the generated organisation: {r['people']:,} people, {r['relationships']:,} relationships "
        f"(validation of the whole document: {r['validate_s']} s, included below).",
        "",
        "| store | import | relationships/s | notes |",
        "|---|---|---|---|",
        f"| Neo4j 5.26 (one transaction, UNWIND batches of 5,000) | {n['import_s']} s | {n['rels_per_s']:,} | "
        f"re-import of the same file (all merges, no change): {n['reimport_s']} s |",
        f"| Neo4j, naive: one KNOWS row per transaction (2,000-row sample) | | {n['naive_rels_per_s']:,} | "
        f"batched is **{n['batched_over_naive']}×** faster |",
        f"| embedded (networkx + JSON file) | {e['import_s']} s | {e['rels_per_s']:,} | "
        f"peak resident memory {e['peak_rss_gib']} GiB; reopening the file: {e['reload_s']} s |",
    ])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args(argv)
    results = {"import": bench_import.run(args.people)}
    WORK.mkdir(exist_ok=True)
    (WORK / "results.json").write_text(json.dumps(results, indent=2))
    print(f"Measured on {date.today().isoformat()}: {machine()}.\n")
    print(import_table(results["import"]))


if __name__ == "__main__":
    main()
