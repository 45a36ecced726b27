"""Ties from evidence at scale: events of the 100k-person organisation into pair aggregates and ties.

Measures, at the default 100k people and 10 million events (100 days of
the generated organisation's collaboration, :mod:`netgraph.io.generate_events`):

* **Parquet**: the events as a Hive-partitioned folder (``year=/month=``),
  read, checked, aggregated per pair, channel and day
  (:func:`~netgraph.io.interactions.aggregate_events`) and judged
  (:func:`~netgraph.io.interactions.qualifying_ties`, materialised), with
  DuckDB capped at ``SET memory_limit = '2GB'`` (it spills to disk past it).
  The target: 60 s.
* **CSV**: the same events as one CSV file (ISO 8601 text with offsets),
  the same steps.
* **One more day** (about 1 % of the events, a Parquet file of its own):
  aggregated and merged into the aggregates of the 100 days
  (:func:`~netgraph.io.interactions.merge_aggregates`), then the pairs it
  touched judged again. The target: 5 s for the aggregation.

Each step runs in a fresh Python process started by a small one, so the
peak resident memory (``ru_maxrss``, which Linux carries over fork and exec)
is the step's own (VmHWM, the program's own peak, is kept too); DuckDB's own
peak (the buffer manager's memory and what it spilled to disk) is sampled
from ``duckdb_memory()`` every 0.2 s. The events and the lookup are generated once into ``.bench/``
and reused (generation is not timed).

Run: ``python -m benchmarks.bench_ties [--people N] [--events N]`` (JSON), or
``python -m benchmarks.run --only ties`` (the table of docs/benchmarks/ties.md).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import WORK, dataset_file

EVENTS = 10_000_000
DAYS = 100
MEMORY_LIMIT = "2GB"
#: The generated organisation's last day; "one more day" is the day after.
LAST_DAY = date(2026, 11, 20)


def paths(people: int, events: int) -> dict[str, Path]:
    base = WORK / f"events-{people}-{events}"
    return {
        "parquet": base / "parquet",
        "csv": base / "events.csv",
        "day": base / "day",
        "lookup": base / "lookup.parquet",
        "aggregates": base / "pair_day.parquet",
        "temp": base / "duckdb-tmp",
        "base": base,
    }


def prepare(people: int, events: int) -> dict[str, Path]:
    """Generate the events (Parquet folder, CSV file, one more day) and the lookup, once."""
    import duckdb

    from netgraph.io.documents import read_document
    from netgraph.io.generate_events import write_events
    from netgraph.io.interactions import lookup_rows

    p = paths(people, events)
    if all(p[k].exists() for k in ("parquet", "csv", "day", "lookup")):
        return p
    p["base"].mkdir(parents=True, exist_ok=True)
    document, _ = read_document(dataset_file(people))
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '6GB'; SET temp_directory = '{p['temp']}'")
    if not p["lookup"].exists():
        rows = lookup_rows(document["people"])
        con.execute(
            "COPY (SELECT unnest($1::VARCHAR[]) AS key, unnest($2::VARCHAR[]) AS person_id) "
            f"TO '{p['lookup']}' (FORMAT parquet)",
            [[r[0] for r in rows], [r[1] for r in rows]],
        )
    start = LAST_DAY - timedelta(days=DAYS - 1)
    if not p["parquet"].exists():
        print(f"generating {events:,} events as Parquet...", file=sys.stderr)
        write_events(document, p["parquet"], events=events, days=DAYS, start=start, fmt="parquet", connection=con)
    if not p["day"].exists():
        write_events(
            document,
            p["day"],
            events=events // DAYS,
            days=1,
            start=LAST_DAY + timedelta(days=1),
            fmt="parquet",
            first_event=events,
            prefix="day",
            connection=con,
        )
    if not p["csv"].exists():
        print(f"generating {events:,} events as CSV...", file=sys.stderr)
        tmp = p["csv"].with_suffix(".tmp.csv")
        write_events(document, tmp, events=events, days=DAYS, start=start, fmt="csv", connection=con)
        tmp.replace(p["csv"])
    con.close()
    return p


class MemorySampler:
    """DuckDB's own peak: the largest memory and temporary storage ``duckdb_memory()`` reported."""

    def __init__(self, con, every_s: float = 0.2):
        self.cursor, self.every_s = con.cursor(), every_s
        self.memory = self.spilled = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                used, spilled = self.cursor.execute(
                    "SELECT sum(memory_usage_bytes), sum(temporary_storage_bytes) FROM duckdb_memory()"
                ).fetchall()[0]
                self.memory, self.spilled = max(self.memory, used or 0), max(self.spilled, spilled or 0)
            except Exception:  # the sampler must never fail a measurement
                pass
            self._stop.wait(self.every_s)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _vm_hwm() -> int:
    """This program's own peak resident memory, in bytes (VmHWM of /proc/self/status; 0 if unknown).

    ``ru_maxrss`` is the peak of the process, and Linux carries it over
    ``fork`` and ``exec``: a step started by a large process reports that
    process's peak. VmHWM belongs to the program image the step runs in.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _gib(n: float) -> float:
    return round(n / 2**30, 2)


def _connection(p: dict[str, Path]):
    from netgraph.io.interactions import connect

    p["temp"].mkdir(parents=True, exist_ok=True)
    con = connect(memory_limit=MEMORY_LIMIT, temp_directory=p["temp"])
    con.execute(f"CREATE VIEW people_keys AS SELECT * FROM read_parquet('{p['lookup']}')")
    return con


def step(name: str, people: int, events: int) -> dict:
    """One measured step, in this process: ``parquet``, ``csv`` or ``day``."""
    from netgraph.io.interactions import aggregate_events, load_lookup, merge_aggregates, ties_sql

    p = paths(people, events)
    con = _connection(p)
    result: dict = {"step": name}
    with MemorySampler(con) as sampler:
        start = time.perf_counter()
        load_lookup(con, "people_keys")
        result["lookup_s"] = round(time.perf_counter() - start, 2)
        if name in ("parquet", "csv"):
            source, fmt = (p["parquet"], "parquet") if name == "parquet" else (p["csv"], "csv")
            start = time.perf_counter()
            aggregated = aggregate_events(con, source, fmt=fmt)
            result["aggregate_s"] = round(time.perf_counter() - start, 2)
            start = time.perf_counter()
            con.execute("CREATE TABLE ties AS " + ties_sql(aggregated, as_of=aggregated.report.last_day))
            result["ties_s"] = round(time.perf_counter() - start, 2)
            report = aggregated.report
            result["total_s"] = round(result["lookup_s"] + result["aggregate_s"] + result["ties_s"], 2)
            result["input_bytes"] = sum(
                f.stat().st_size for f in ([source] if source.is_file() else source.rglob("*.parquet"))
            )
        else:
            con.execute(f"CREATE TABLE pair_day AS SELECT * FROM read_parquet('{p['aggregates']}')")  # not timed
            held = con.execute("SELECT count(*) FROM pair_day").fetchall()[0][0]
            start = time.perf_counter()
            aggregated = aggregate_events(con, p["day"], fmt="parquet", into="pair_day_new")
            merged = merge_aggregates(con, "pair_day", aggregated)
            result["aggregate_s"] = round(time.perf_counter() - start, 2)
            start = time.perf_counter()
            con.execute("CREATE TABLE touched AS SELECT DISTINCT a, b FROM pair_day_new")
            con.execute(
                "CREATE TABLE ties AS " + ties_sql("pair_day", as_of=aggregated.report.last_day, only_pairs="touched")
            )
            result["ties_s"] = round(time.perf_counter() - start, 2)
            result.update(
                held_rows=held,
                merged_rows=merged,
                total_s=round(result["lookup_s"] + result["aggregate_s"] + result["ties_s"], 2),
            )
            report = aggregated.report
        result["events_per_s"] = round(report.events_read / (result["aggregate_s"] + result["ties_s"]))
        ties = con.execute("SELECT count(*), count(*) FILTER (WHERE retire), median(strength) FROM ties").fetchall()[0]
    result.update(
        report=report.as_dict(),
        ties=ties[0],
        retired=ties[1],
        median_strength=round(ties[2] or 0, 3),
        peak_rss_gib=_gib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024),
        peak_rss_own_gib=_gib(_vm_hwm()),
        duckdb_peak_memory_gib=_gib(sampler.memory),
        duckdb_peak_spilled_gib=_gib(sampler.spilled),
    )
    if name == "parquet":  # kept for the one-more-day step (not timed)
        con.execute(f"COPY pair_day TO '{p['aggregates']}' (FORMAT parquet)")
    con.close()
    return result


def store_step(kind: str, people: int, events: int) -> dict:
    """``netgraph ties ingest`` end to end into a store holding the organisation: the events, then one more day.

    The store (embedded: a fresh SQLite file; Neo4j: the benchmark server,
    emptied) is loaded with the generated organisation first (not timed).
    Timed, from the ingest's own report: reading and aggregating, storing the
    counts (per pair, channel and day), judging the pairs, writing the ties.
    """
    from netgraph.analysis.ties import ingest
    from netgraph.io.documents import read_document
    from netgraph.model.validate import complete, validate

    p = paths(people, events)
    document, _ = read_document(dataset_file(people))
    clean = complete(validate(document))
    del document
    result: dict = {"store": kind}

    def measure(store) -> None:
        store.write(clean)
        for name, source in (("events", p["parquet"]), ("day", p["day"])):
            start = time.perf_counter()
            done = ingest(store, [source], fmt="parquet", memory_limit=MEMORY_LIMIT)
            result[name] = {
                "total_s": round(time.perf_counter() - start, 2),
                **done["timings"],
                "rows": done["rows"],
                "ties": done["ties"],
                "pairs_touched": done["pairs_touched"],
            }
        result["peak_rss_gib"] = _gib(_vm_hwm())

    if kind == "embedded":
        from netgraph.store.embedded.store import EmbeddedStore

        path = WORK / f"ties-store-{people}.sqlite"
        for stale in WORK.glob(f"ties-store-{people}.sqlite*"):
            stale.unlink()
        store = EmbeddedStore(path, freeze_graph=True)
        try:
            measure(store)
        finally:
            store.close()
    else:
        from benchmarks.common import emptied_neo4j, neo4j_server
        from netgraph.store.neo4j_backend.store import Neo4jStore

        emptied_neo4j()
        with neo4j_server() as uri:
            store = Neo4jStore(uri)
            try:
                measure(store)
            finally:
                store.close()
        (WORK / f"ties-store-neo4j-{people}-{events}.json").write_text(json.dumps(result, indent=2))
        emptied_neo4j()  # the other benchmarks load the organisation alone
    return result


def _in_subprocess(name: str, people: int, events: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.bench_ties",
            "--step",
            name,
            "--people",
            str(people),
            "--events",
            str(events),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"step {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def run(people: int, events: int = EVENTS) -> dict:
    from benchmarks.common import machine

    _in_subprocess("prepare", people, events)  # here the document and the generator would swell this process
    p = paths(people, events)
    results = {
        "people": people,
        "events": events,
        "days": DAYS,
        "memory_limit": MEMORY_LIMIT,
        "measured_on": date.today().isoformat(),
        "machine": machine(),
    }
    for name in ("parquet", "csv", "day", "store-embedded", "store-neo4j"):
        results[name] = _in_subprocess(name, people, events)
    results["parquet"]["files"] = len(list(p["parquet"].rglob("*.parquet")))
    return results


def table(r: dict) -> str:
    """The figures as docs/benchmarks/ties.md shows them."""

    def row(label: str, s: dict, target: str) -> str:
        rep = s["report"]
        return (
            f"| {label} | {rep['events_read']:,} | {s['aggregate_s']} | {s['ties_s']} | {s['total_s']} | "
            f"{target} | {s['events_per_s']:,} | {s['peak_rss_gib']} | {s['duckdb_peak_memory_gib']} / "
            f"{s['duckdb_peak_spilled_gib']} |"
        )

    pq, csv, day = r["parquet"], r["csv"], r["day"]
    rep = pq["report"]
    lines = [
        f"Ties from evidence: {r['events']:,} generated events ({r['days']} days) among the {r['people']:,} people "
        f"of the generated organisation, DuckDB capped at `memory_limit = '{r['memory_limit']}'`; seconds "
        f"(measured {r['measured_on']}: {r['machine']}).",
        "",
        "| input | events | read, check, aggregate | ties | whole step (with the lookup) | target | events/s "
        "| peak RSS, GiB | DuckDB peak memory / spilled, GiB |",
        "|---|---|---|---|---|---|---|---|---|",
        row(f"Parquet, Hive-partitioned by month ({pq['files']} files, {_gib(pq['input_bytes'])} GiB)", pq, "≤ 60"),
        row(f"CSV, one file ({_gib(csv['input_bytes'])} GiB, ISO 8601 text with offsets)", csv, "—"),
        row(
            f"one more day (Parquet, {day['report']['events_read']:,} events), merged into the "
            f"{day['held_rows']:,} aggregates held; ties judged again for the pairs it touched",
            day,
            "≤ 5",
        ),
        "",
        f"The {rep['events_read']:,} events gave {rep['rows']:,} pair × channel × day aggregates for "
        f"{rep['pairs']:,} pairs over {rep['days']} days, and {pq['ties']:,} ties (median strength "
        f"{pq['median_strength']}); skipped: {rep['skipped_too_large']:,} events too large "
        f"({', '.join(f'{k} {v:,}' for k, v in rep['skipped_too_large_by_channel'].items())}), "
        f"{rep['skipped_unknown_people']:,} left without a pair once {rep['unknown_people']:,} unknown people "
        f"(outside guests) were left out, {rep['skipped_alone']:,} of one person.",
        "",
        "Into each store (`netgraph ties ingest`, the organisation already loaded): seconds.",
        "",
        "| store | input | read, check, aggregate | store the counts | judge the pairs | write the ties | "
        "whole ingest | counts stored | ties created / changed |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for kind in ("store-embedded", "store-neo4j"):
        s = r.get(kind)
        if not s:
            continue
        for name, label in (("events", f"{r['events']:,} events"), ("day", "one more day")):
            t = s[name]
            lines.append(
                f"| {s['store']} | {label} | {t['aggregate_s']} | {t['store_counts_s']} | {t['judge_s']} | "
                f"{t['write_ties_s']} | {t['total_s']} | {t['rows']:,} | {t['ties']['created']:,} / "
                f"{t['ties']['changed']:,} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument(
        "--step",
        choices=("prepare", "parquet", "csv", "day", "store-embedded", "store-neo4j"),
        help="one measured step, in this process (prepare: generate the inputs)",
    )
    parser.add_argument("--table", action="store_true", help="print the docs table instead of JSON")
    args = parser.parse_args(argv)
    if args.step == "prepare":
        prepare(args.people, args.events)
        print(json.dumps({}))
        return
    if args.step in ("store-embedded", "store-neo4j"):
        print(json.dumps(store_step(args.step.removeprefix("store-"), args.people, args.events)))
        return
    if args.step:
        print(json.dumps(step(args.step, args.people, args.events)))
        return
    results = run(args.people, args.events)
    (WORK / f"ties-results-{args.people}-{args.events}.json").write_text(json.dumps(results, indent=2))
    print(table(results) if args.table else json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
