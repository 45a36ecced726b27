"""The nightly HR sync step by step on the embedded store: wall time and Python peak memory of each step.

``python -m benchmarks.bench_sync_steps setup --people N`` syncs night one
of :mod:`benchmarks.bench_sync`'s export into an embedded store file and
gives every person about five KNOWS links (a real store holds far more links
than people, and what the sync reads must not grow with them); ``measure``
opens a copy of that file and runs night two (1 % changed, 0.5 % left, 0.5 %
new) as ``sync people`` does: a dry run, then the apply, then the same file
again (``--store neo4j``: on the benchmark Neo4j, night one synced into it
first). With ``--trace`` each step's Python peak (``tracemalloc``, above what
the step started with) is measured instead of its time, for the apply only:
tracing slows Python down several times, so times and peaks come from
separate runs.

``measure --uri URI --runs night1,dry_run,apply`` times the steps on a running Neo4j as it is:
``night1`` into an emptied database (everyone new, written in parts), then night two; each run
records the load average and the process's peak (``max_rss_mib``, ``ru_maxrss``).

The steps are those of :func:`netgraph.analysis.sync.sync_people`, timed one
by one (:func:`netgraph.analysis.sync.sync_steps` yields them).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from benchmarks.bench_sync import FIRST_NIGHT, SECOND_NIGHT, employees, second_night, write_export
from benchmarks.common import WORK, neo4j_server
from netgraph.analysis.sync import sync_people, sync_steps
from netgraph.model.validate import validate
from netgraph.store import EmbeddedStore

#: KNOWS links per person in the measured store.
LINKS_PER_PERSON = 5


def folder(people: int) -> Path:
    return WORK / f"sync-steps-{people}"


def setup(people: int) -> None:
    """Night one synced, and the KNOWS links, in ``folder(people)/graph.sqlite``; both nights' exports beside it."""
    here = folder(people)
    shutil.rmtree(here, ignore_errors=True)
    here.mkdir(parents=True)
    rows = employees(people)
    night, _ = second_night(rows)
    write_export(rows, here / "night1.csv")
    write_export(night, here / "night2.csv")
    store = EmbeddedStore(here / "graph.sqlite", freeze_graph=True)
    night_one(store, people)
    store.close()


def night_one(store, people: int) -> None:
    """Sync night one's export into ``store`` and link everyone to about ``LINKS_PER_PERSON`` others."""
    sync_people(store, folder(people) / "night1.csv", today=FIRST_NIGHT)
    rows = employees(people)
    rng = random.Random(3)
    ids = [r["employee_id"] for r in rows]
    pairs = {tuple(sorted((a, b))) for a in ids for b in rng.sample(ids, LINKS_PER_PERSON) if a != b}
    links = [{"a": a, "b": b, "strength": 0.5, "context": "work"} for a, b in sorted(pairs)]
    store.write(validate({"knows": links}, existing=store))


def measure(people: int, trace: bool) -> dict:
    """Night two on a copy of the set-up store: each step of the dry run, the apply and the run again."""
    second = folder(people) / "night2.csv"
    out: dict = {"people": people, "trace": trace}
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        shutil.copy(folder(people) / "graph.sqlite", Path(tmp) / "graph.sqlite")
        store = EmbeddedStore(Path(tmp) / "graph.sqlite", freeze_graph=True)
        store.stats()  # open the file and load the graph before anything is measured
        out["base_rss_mib"] = resident_mib()  # the graph held, before the sync: what the steps add is above it
        runs = (("apply", False),) if trace else (("dry_run", True), ("apply", False), ("again", False))
        for run, dry in runs:
            out[run] = _steps(store, second, dry, trace)
        store.close()
    out["max_rss_mib"] = peak_mib()
    return out


def measure_neo4j(people: int) -> dict:
    """Night two on the benchmark Neo4j (``NETGRAPH_BENCH_NEO4J_PORT``), night one loaded again first (untimed)."""
    from netgraph.store.neo4j_backend.store import Neo4jStore

    second = folder(people) / "night2.csv"
    out: dict = {"people": people, "store": "neo4j"}
    with neo4j_server() as uri:
        store = Neo4jStore(uri)
        try:
            store.clear()
            night_one(store, people)
            for run, dry in (("dry_run", True), ("apply", False), ("again", False)):
                out[run] = _steps(store, second, dry, False)
            store.clear()
        finally:
            store.close()
    return out


def setup_on(uri: str, people: int) -> None:
    """Night one synced into a running Neo4j at ``uri`` as it is (nothing cleared: a copy of a benchmark
    store keeps its organisation beside the export's people), each part said on stderr."""
    from netgraph.store.neo4j_backend.store import Neo4jStore

    store = Neo4jStore(uri)
    try:
        report = lambda done, total: print(f"night one: {done:,} of {total:,} records", file=sys.stderr, flush=True)  # noqa: E731
        sync_people(store, folder(people) / "night1.csv", today=FIRST_NIGHT, progress=report)
    finally:
        store.close()


def measure_on(uri: str, people: int, runs: list[str]) -> dict:
    """``runs`` on a running Neo4j at ``uri``: ``night1`` syncs night one into it step by step (an emptied
    database: everyone new), ``dry_run``, ``apply`` and ``again`` night two on a store holding night one.
    The dry run leaves the store as it was, so old and new code can take turns on it. Both nights'
    exports are written first if ``setup`` has not written them."""
    from netgraph.store.neo4j_backend.store import Neo4jStore

    exports(people)
    out: dict = {"people": people, "store": "neo4j", "uri": uri, "load": load_average()}
    store = Neo4jStore(uri)
    try:
        store.stats()  # connected before anything is measured
        out["base_rss_mib"] = resident_mib()
        for run in runs:
            night = folder(people) / ("night1.csv" if run == "night1" else "night2.csv")
            day = FIRST_NIGHT if run == "night1" else SECOND_NIGHT
            out[run] = _steps(store, night, run == "dry_run", False, day)
    finally:
        store.close()
    out["max_rss_mib"] = peak_mib()
    out["load_after"] = load_average()
    return out


def exports(people: int) -> None:
    """Both nights' exports in ``folder(people)``, unless they are there."""
    here = folder(people)
    if (here / "night1.csv").exists() and (here / "night2.csv").exists():
        return
    here.mkdir(parents=True, exist_ok=True)
    rows = employees(people)
    night, _ = second_night(rows)
    write_export(rows, here / "night1.csv")
    write_export(night, here / "night2.csv")


def load_average() -> list[float]:
    """The machine's load average over 1, 5 and 15 minutes (Linux)."""
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def resident_mib() -> int:
    """The process's resident memory now (Linux), in MiB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return round(pages * resource.getpagesize() / 2**20)


def peak_mib() -> int:
    """The process's peak resident memory so far, in MiB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _steps(store, snapshot: Path, dry_run: bool, trace: bool, day: date = SECOND_NIGHT) -> dict:
    figures: dict = {}
    if trace:
        tracemalloc.start()
    start = last = time.perf_counter()
    cpu_start = cpu_last = time.process_time()  # this process's CPU seconds: what a busy machine changes least
    base = tracemalloc.get_traced_memory()[0] if trace else 0
    for name in sync_steps(store, snapshot, dry_run=dry_run, today=day):
        now, cpu_now = time.perf_counter(), time.process_time()
        if trace:
            current, peak = tracemalloc.get_traced_memory()
            figures[name] = {
                "peak_mib": round((peak - base) / 2**20, 1),
                "held_mib": round((current - base) / 2**20, 1),
            }
            tracemalloc.reset_peak()
        else:
            figures[name] = round(now - last, 2)
            figures[f"{name}_cpu"] = round(cpu_now - cpu_last, 2)
            figures[f"{name}_rss_mib"] = resident_mib()  # what the process holds after the step
            figures[f"{name}_peak_mib"] = peak_mib()  # its peak so far: the step that raises it stands out
        last, cpu_last = now, cpu_now
    figures["total_s"] = round(time.perf_counter() - start, 2)
    figures["total_cpu_s"] = round(time.process_time() - cpu_start, 2)
    if trace:
        tracemalloc.stop()
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("setup", "measure"))
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--store", choices=("embedded", "neo4j"), default="embedded")
    parser.add_argument("--uri", help="a running Neo4j to use as it is (setup: night one into it; measure: --runs)")
    parser.add_argument(
        "--runs", default="dry_run", help="with --uri: of night1 (into an emptied database), dry_run, apply, again"
    )
    options = parser.parse_args()
    if options.uri and options.what == "setup":
        setup_on(options.uri, options.people)
    elif options.uri:
        print(json.dumps(measure_on(options.uri, options.people, options.runs.split(","))))
    elif options.what == "setup":
        setup(options.people)
    elif options.store == "neo4j":
        print(json.dumps(measure_neo4j(options.people)))
    else:
        print(json.dumps(measure(options.people, options.trace)))
