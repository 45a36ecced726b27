"""The first load of a CSV folder into an empty Neo4j: Python's peak memory and the time until queries answer.

``netgraph db local load FOLDER`` reads the folder record by record
(``netgraph.localdb.stream_load``); before, it read the whole folder into a
document, validated it in a forked child and wrote the importer's files from
it (``BulkLoad.run_document``: still the way of a JSON file). Each run is a
child process that runs one of the two ways in full (check, stop, files,
import, start, schema) and then a query by person id, on a server of its own
(``.bench/stream-neo4j``, port 7761 unless given, its database deleted before
each run), so the peak resident memory it reports (``RUSAGE_SELF``) is Python's
own: the importer's JVM is a child of it and not counted. The old way's
validating child shares the parsed document with it (fork) and is not
counted either. The server runs with ``--heap`` (2g unless given) and the
page cache the command computes from the loaded store.

The folder is the generated organisation (``netgraph generate --people N
--seed 1 .bench/csv-N-1/``, written once). Runs alternate the two ways when
both are asked for, so load on the machine hits both alike.

Run: ``python -m benchmarks.bench_stream_load --people 100000 --way both --repeat 2``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT, WORK, machine

PORT = 7761


def folder_of(people: int) -> Path:
    """The generated CSV folder for a size, written once (in a child: the generator's memory is its own)."""
    folder = WORK / f"csv-{people}-1"
    if not (folder / "people.csv").exists():
        subprocess.run(
            [sys.executable, "-m", "netgraph.cli", "generate", "--people", str(people), "--seed", "1", f"{folder}/"],
            check=True,
        )
    return folder


def home(port: int) -> Path:
    """The benchmark's own server home, sharing the test session's jars."""
    folder = WORK / "stream-neo4j"
    folder.mkdir(parents=True, exist_ok=True)
    lib = folder / "lib"
    if not lib.exists():
        lib.symlink_to(ROOT / ".neo4j-test" / "lib")
    return folder


def child(way: str, folder: str, home_dir: str, port: int, heap: str) -> None:
    """One load, in this fresh interpreter; prints a JSON line with its figures."""
    started = time.perf_counter()
    from neo4j import GraphDatabase

    from netgraph.cli import main

    if way == "new":
        code = main(["db", "local", "load", folder, "--home", home_dir, "--port", str(port), "--heap", heap])
        assert code == 0, code
    else:  # the way before: the whole folder read, validated in a forked child beside the files
        from netgraph.io.documents import read_document
        from netgraph.localdb import LocalNeo4j
        from netgraph.localdb.bulk_load import BulkLoad
        from netgraph.localdb.memory import files_size, machine_memory, memory_plan, neo4j_size, parse_size

        def resize(server: LocalNeo4j) -> str:
            plan = memory_plan(machine_memory(), files_size(server.database_dir), heap=parse_size(heap, "--heap"))
            server.heap, server.pagecache = neo4j_size(plan.heap), neo4j_size(plan.pagecache)
            return plan.describe()

        server = LocalNeo4j(Path(home_dir), port=port)
        with BulkLoad(server, resize=resize, say=lambda m: print(m, file=sys.stderr)) as load:
            document, where = read_document(folder, "csv")
            report = load.run_document(document, where)
        print("\n".join(report.lines()))
    with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=None) as driver:
        records, _, _ = driver.execute_query("MATCH (p:Person {id: $id}) RETURN p.name AS name", id="p000001")
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)  # Python's own: not the importer's JVM nor a validating child
    figures = {
        "way": way,
        "seconds": round(seconds, 1),
        "python_cpu_s": round(own.ru_utime + own.ru_stime, 1),
        "peak_mib": round(own.ru_maxrss / 1024),
        "answered": bool(records),
    }
    print(json.dumps(figures))


def run(people: int, ways: list[str], repeat: int, port: int, heap: str) -> list[dict]:
    from netgraph.localdb import LocalNeo4j

    folder, server_home = folder_of(people), home(port)
    results = []
    try:
        for _ in range(repeat):
            for way in ways:
                LocalNeo4j(server_home, port=port).stop()
                for part in ("databases", "transactions"):
                    shutil.rmtree(server_home / "data" / part / "neo4j", ignore_errors=True)
                started = time.time()
                done = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "benchmarks.bench_stream_load",
                        "--child",
                        way,
                        str(folder),
                        str(server_home),
                        str(port),
                        heap,
                    ],
                    capture_output=True,
                    text=True,
                )
                if done.returncode != 0:
                    raise SystemExit(f"{way} failed:\n{done.stdout}\n{done.stderr}")
                figures = json.loads(done.stdout.strip().splitlines()[-1])
                steps = [line for line in done.stdout.splitlines() if line.startswith("steps:")]
                sized = [line for line in done.stderr.splitlines() if "heap" in line]
                figures.update(
                    people=people,
                    at=time.strftime("%H:%M", time.gmtime(started)),
                    load=open("/proc/loadavg").read().split()[0],
                    steps=steps[-1] if steps else "",
                    server=sized[-1] if sized else "",
                )
                print(json.dumps(figures), flush=True)
                results.append(figures)
    finally:
        LocalNeo4j(server_home, port=port).stop()
    return results


def run_new(people: int) -> list[dict]:
    """``python -m benchmarks.run --only stream-load``: one streaming load, on the default port and heap."""
    return run(people, ["new"], 1, PORT, "2g")


def table(runs: list[dict]) -> str:
    """The runs as the docs table (benchmarks/run.py prints it)."""
    lines = [
        "First load of the generated CSV folder into an empty Neo4j (`netgraph db local load FOLDER`), "
        "until a query by id answers:",
        "",
        "| people | way | seconds | Python CPU s | Python peak, MiB | load | server |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        lines.append(
            f"| {r['people']:,} | {r['way']} | {r['seconds']} | {r['python_cpu_s']} | {r['peak_mib']:,} | "
            f"{r['load']} | {r['server'] or '—'} |"
        )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        way, folder, home_dir, port, heap = sys.argv[2:7]
        child(way, folder, home_dir, int(port), heap)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--way", choices=("new", "old", "both"), default="new")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--heap", default="2g")
    args = parser.parse_args()
    print(machine(), flush=True)
    ways = ["new", "old"] if args.way == "both" else [args.way]
    run(args.people, ways, args.repeat, args.port, args.heap)


if __name__ == "__main__":
    main()
