"""Import speed: the generated 100k-person graph (about 1M relationships) into
each store, and the naive way (one row per transaction) on a sample, as a ratio.

On Neo4j, in the same run and on the same server: the online import
(``netgraph import``: UNWIND batches in one transaction) into a server that
held the organisation before (as any long-lived server has: it is loaded
first, untimed, when it is empty, then emptied with ``clear()``), the
re-import of the same file (all merges, nothing changes), and a small import
(SMALL_RECORDS records: people with a new title and links declared again)
into the full database; then, once the database is emptied again, the first
load with the offline importer (``netgraph db local load``), timed from the
command's start until a query answers. The re-import and the small import
are the runs that stale index samples used to make slow (see
netgraph/store/neo4j_backend/statistics.py). The embedded import runs in a child process so its peak resident
memory is its own; so does the bulk load (it is the command itself).

Run: ``python -m benchmarks.bench_import [--people N]``.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import time

from benchmarks.common import HEAP, NEO4J_PORT, STORES, WORK, dataset_file, neo4j_server, timed
from netgraph.collector import cycle_collector_paused
from netgraph.io.documents import read_document
from netgraph.io.generate import count_relationships
from netgraph.io.importer import import_document
from netgraph.localdb import LocalNeo4j
from netgraph.model.validate import validate
from netgraph.store.embedded import EmbeddedStore
from netgraph.store.neo4j_backend.persistence import write_knows
from netgraph.store.neo4j_backend.records import parameter_row
from netgraph.store.neo4j_backend.store import Neo4jStore

NAIVE_SAMPLE = 2_000
#: Records of the small import into the full database: half people (a new title), half links declared again.
SMALL_RECORDS = 100
#: The small import is timed this often: the first, then the median of the rest.
SMALL_REPEATS = 5
#: The benchmark server's sizes (as benchmarks.common.neo4j_server): the bulk load restarts it with them.
BENCH_HEAP, BENCH_PAGECACHE = HEAP, "2g"


def embedded_child(path: str, people: int) -> dict:
    """Runs in a fresh interpreter: import into an embedded store, report time and peak RSS."""
    import tempfile
    from pathlib import Path

    document, where = read_document(path)
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "graph.json", freeze_graph=True)
        seconds, _ = timed(import_document, store, document, where)
        reload_seconds, _ = timed(EmbeddedStore, Path(tmp) / "graph.json")
    rss_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    return {"import_s": round(seconds, 1), "reload_s": round(reload_seconds, 1), "peak_rss_gib": round(rss_gib, 2)}


def naive_rate(store: Neo4jStore, knows: list[dict]) -> float:
    """Relationships/s writing one KNOWS row per transaction (the way not to do it)."""
    rows = [parameter_row("knows", k) for k in knows]  # as the batched import builds them

    def one(tx, row: dict) -> None:
        write_knows(tx, [row])

    with store.driver.session(database=store.database) as session:
        seconds, _ = timed(lambda: [session.execute_write(one, r) for r in rows])
    return len(rows) / seconds


def small_document(document: dict) -> dict:
    """SMALL_RECORDS records of ``document`` as a nightly delta would bring them: people with a new
    title, and links of theirs declared again (the look-ups of stored keys and the merges of a re-import)."""
    half = SMALL_RECORDS // 2
    people = [{**p, "title": f"{p.get('title') or 'Staff'} (acting)"} for p in document["people"][:half]]
    return {"people": people, "knows": document["knows"][: SMALL_RECORDS - half]}


def bulk_load(path, rels: int, person: str) -> dict:
    """``netgraph db local load`` into the benchmark server (running, with an empty database),
    timed from the command's start until a query answers there."""
    from neo4j import GraphDatabase

    command = [
        sys.executable,
        "-m",
        "netgraph.cli.main",
        "db",
        "local",
        "load",
        str(path),
        "--format",
        "json",
        "--home",
        str(WORK / "neo4j"),
        "--port",
        str(NEO4J_PORT),
        "--heap",
        BENCH_HEAP,
        "--pagecache",
        BENCH_PAGECACHE,
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"db local load failed:\n{done.stdout}\n{done.stderr}")
    with GraphDatabase.driver(f"bolt://127.0.0.1:{NEO4J_PORT}", auth=None) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (p:Person {id: $id}) RETURN p.name AS name", id=person, database_="neo4j"
        )
    seconds = time.perf_counter() - start
    steps = {name: float(value) for name, value in re.findall(r"(\w+) ([\d.]+) s", _line_after(done.stdout, "steps:"))}
    return {
        "load_s": round(seconds, 1),
        "rels_per_s": round(rels / seconds),
        "steps": steps,
        # Python start-up, reading the file, and the first query after the command (the command
        # validates the document beside writing the importer's files: its step validate_csv)
        "read_validate_query_s": round(seconds - sum(steps.values()), 1),
        "answered": bool(records),
    }


def _line_after(text: str, prefix: str) -> str:
    return next((line[len(prefix) :] for line in text.splitlines() if line.startswith(prefix)), "")


def run(people: int, stores: tuple[str, ...] = STORES) -> dict:
    """Both stores by default; ``stores`` names the ones to measure (Neo4j: the online import and the bulk load)."""
    path = dataset_file(people)
    document, where = read_document(path)
    rels = count_relationships(document)
    with cycle_collector_paused():  # as the importer validates
        validate_s, clean = timed(validate, document, where=where)
    result = {"people": people, "relationships": rels, "validate_s": round(validate_s, 1)}

    if "embedded" in stores:
        result["embedded"] = _embedded_import(path, people, rels)
    if "neo4j" in stores:
        result.update(_neo4j_imports(path, document, where, clean, rels))
    return result


def _embedded_import(path, people: int, rels: int) -> dict:
    """The embedded import, in a child process of its own (its peak memory is the import's)."""
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_import", "--embedded-child", str(path), "--people", str(people)],
        capture_output=True,
        text=True,
        check=True,
    )
    embedded = json.loads(child.stdout.strip().splitlines()[-1])
    embedded["rels_per_s"] = round(rels / embedded["import_s"])
    return embedded


def _neo4j_imports(path, document, where, clean: dict, rels: int) -> dict:
    """The online import into the benchmark Neo4j, again (all merges), a small one, and the bulk load."""
    result: dict = {}
    with neo4j_server() as uri:
        store = Neo4jStore(uri)
        store.init_schema()
        if not store.stats()["nodes"]["Person"]:  # a server that held the organisation before (untimed)
            import_document(store, document, where)
        store.clear()
        seconds, _ = timed(import_document, store, document, where)
        result["neo4j"] = {"import_s": round(seconds, 1), "rels_per_s": round(rels / seconds)}
        reimport_s, _ = timed(import_document, store, document, where)
        result["neo4j"]["reimport_s"] = round(reimport_s, 1)
        sample = clean["knows"][:NAIVE_SAMPLE]
        naive = naive_rate(store, sample)
        result["neo4j"]["naive_rels_per_s"] = round(naive)
        result["neo4j"]["batched_over_naive"] = round(result["neo4j"]["rels_per_s"] / naive, 1)
        online_stats = store.stats()
        # the first plans its statements afresh (the import above cleared the plan cache); then as every day
        small = [timed(import_document, store, small_document(document))[0] for _ in range(SMALL_REPEATS)]
        result["neo4j"]["small_import_s"] = round(small[0], 2)
        result["neo4j"]["small_import_again_s"] = round(statistics.median(small[1:]), 2)
        result["neo4j"]["small_import_records"] = SMALL_RECORDS
        # The bulk load fills only an empty database. Emptying it is not timed, nor is the checkpoint
        # that writes the deletions out (a restart: Community has no db.checkpoint()), so the load starts
        # from a running server with an empty database, as after `netgraph db local start`.
        store.clear()
        store.close()
        server = LocalNeo4j(WORK / "neo4j", port=NEO4J_PORT, heap=BENCH_HEAP, pagecache=BENCH_PAGECACHE)
        server.stop()
        server.start()

        bulk = bulk_load(path, rels, clean["people"][0]["id"])
        bulk["over_online"] = round(bulk["rels_per_s"] / result["neo4j"]["rels_per_s"], 2)
        store = Neo4jStore(uri)
        # the graph's counts: the online import also left its audit event, the offline importer none
        bulk["same_counts_as_online"] = all(store.stats()[k] == online_stats[k] for k in ("nodes", "relationships"))
        store.close()
        result["neo4j_bulk"] = bulk
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--embedded-child")
    args = parser.parse_args(argv)
    if args.embedded_child:
        print(json.dumps(embedded_child(args.embedded_child, args.people)))
        return
    print(json.dumps(run(args.people), indent=2))


if __name__ == "__main__":
    main()
