"""Import speed: the generated 100k-person graph (about 1M relationships) into
each store, and the naive way (one row per transaction) on a sample, as a ratio.

Run: ``python -m benchmarks.bench_import [--people N]``. The embedded import
runs in a child process so its peak resident memory is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys

from benchmarks.common import dataset_file, neo4j_server, timed
from netgraph.io.documents import read_document
from netgraph.io.generate import count_relationships
from netgraph.io.importer import import_document
from netgraph.model.validate import validate
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.embedded import EmbeddedStore
from netgraph.store.neo4j_backend.store import Neo4jStore

NAIVE_SAMPLE = 2_000


def embedded_child(path: str, people: int) -> dict:
    """Runs in a fresh interpreter: import into an embedded store, report time and peak RSS."""
    from pathlib import Path
    import tempfile

    document, where = read_document(path)
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "graph.json")
        seconds, _ = timed(import_document, store, document, where)
        reload_seconds, _ = timed(EmbeddedStore, Path(tmp) / "graph.json")
    rss_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    return {"import_s": round(seconds, 1), "reload_s": round(reload_seconds, 1), "peak_rss_gib": round(rss_gib, 2)}


def naive_rate(store: Neo4jStore, knows: list[dict]) -> float:
    """Relationships/s writing one KNOWS row per transaction (the way not to do it)."""
    text = statement("import/knows")
    rows = [{"a": k["a"], "b": k["b"], "props": {f: k[f] for f in ("since", "strength", "context")}} for k in knows]
    seconds, _ = timed(lambda: [store.driver.execute_query(text, rows=[r], database_=store.database) for r in rows])
    return len(rows) / seconds


def run(people: int) -> dict:
    path = dataset_file(people)
    document, where = read_document(path)
    rels = count_relationships(document)
    validate_s, clean = timed(validate, document, where=where)
    result = {"people": people, "relationships": rels, "validate_s": round(validate_s, 1)}

    child = subprocess.run([sys.executable, "-m", "benchmarks.bench_import", "--embedded-child", str(path),
                            "--people", str(people)], capture_output=True, text=True, check=True)
    embedded = json.loads(child.stdout.strip().splitlines()[-1])
    embedded["rels_per_s"] = round(rels / embedded["import_s"])
    result["embedded"] = embedded

    with neo4j_server() as uri:
        store = Neo4jStore(uri)
        store.clear()
        store.init_schema()
        seconds, _ = timed(import_document, store, document, where)
        result["neo4j"] = {"import_s": round(seconds, 1), "rels_per_s": round(rels / seconds)}
        reimport_s, _ = timed(import_document, store, document, where)
        result["neo4j"]["reimport_s"] = round(reimport_s, 1)
        sample = clean["knows"][:NAIVE_SAMPLE]
        naive = naive_rate(store, sample)
        result["neo4j"]["naive_rels_per_s"] = round(naive)
        result["neo4j"]["batched_over_naive"] = round(result["neo4j"]["rels_per_s"] / naive, 1)
        store.close()
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
