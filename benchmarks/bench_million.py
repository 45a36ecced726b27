"""Every answer at a million people on Neo4j, in one command that never holds the organisation as records.

``python -m benchmarks.run --people 1000000 --store neo4j`` (or
``python -m benchmarks.bench_million --people N``) runs the steps below in
order, each in a fresh Python process of its own so that its peak resident
memory (``ru_maxrss``) is the step's own and a step that fails or runs out of
memory leaves the others standing:

* ``generate``: ``netgraph generate --people N --seed 1`` writes the CSV
  folder ``.bench/csv-N-1/`` in one pass (skipped when it is there);
* ``load``: ``netgraph db local load`` of that folder (streaming) into a
  server of the run's own (``.bench/million-N/neo4j``, Bolt port 7762 unless
  ``--port``), its database deleted first; the server comes back sized by the
  rule of ``db local start`` (``--heap``/``--pagecache`` override it);
* ``samples``: the people, pairs, positions, managers and the division the
  later steps ask for, read by streaming the folder's files (the 200 random
  people are drawn among those with a contact, as in bench_recommend);
* ``recommend`` (200 random people, p50/p99) and ``warm_path`` (200 pairs);
* ``coverage`` (the whole organisation, and the division: the unit below
  the top whose subtree holds closest to 5 % of the positions), which also keeps 20
  incumbents of critical positions for ``what_if`` (one leaver each, with the
  promotion chain);
* ``web``: ``netgraph serve`` on the store; the person page, the explorer's
  network API at depth 2, the org chart API (top and 30 managers' reports)
  and the succession heat map page, p50/p99 over HTTP, logged in as hr;
* ``insights``: ``netgraph insights refresh`` (sampled betweenness above 20k
  people, the default), then the insights heat map at the top level (page
  and API) through the server;
* ``import``: ``netgraph import`` of 100 records (50 people with a new title,
  50 of their links declared again), first run and again;
* ``ties``: two days of collaboration events (as many events a day as there
  are people; :func:`netgraph.io.generate_events.write_events` from the
  people streamed out of the folder) through ``ties ingest``, one day each;
* ``sync``: the nightly HR sync of :mod:`benchmarks.bench_sync` (an
  N-person export, then a night with 1 % changed, 0.5 % left, 0.5 % new),
  into the same database beside the organisation (its people have ids of
  their own): last, since it adds N people (the first night, everyone new,
  is written in parts: :data:`netgraph.analysis.sync.PART_RECORDS`).

Each step prints one JSON line as it ends and appends it to the results file
(``.bench/million-N/results.jsonl`` unless ``--results``): its figures, its
wall time, Python's peak, the Neo4j process's resident and peak memory
(``VmRSS``/``VmHWM`` of the server) and the load average. A step that fails
is recorded with the end of its error and the run goes on. ``--steps`` and
``--skip`` pick steps; a run without ``load`` uses the database as it is
(the server is started by ``db local start`` if it is not running).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import ROOT, WORK, machine, percentiles, timed

PORT = 7762
STEPS = ("generate", "load", "samples", "recommend", "coverage", "what_if", "web", "insights", "import", "ties", "sync")
RANDOM_PEOPLE = 200
PATH_PAIRS = 200
WARM_UP = 20
LEAVERS = 20
PAGE_SAMPLES = 30
#: the division asked for in the coverage report: the unit below the top with closest to this share of the positions
DIVISION_SHARE = 0.05
TODAY = date(2026, 11, 24)
#: the first of the two days of events of the ``ties`` step
FIRST_DAY = date(2026, 11, 21)
STEP_TIMEOUT_S = 4 * 3600
#: the command line in a process of its own (``netgraph.cli`` is a package without ``__main__``)
CLI = "from netgraph.cli import main; raise SystemExit(main())"


def base(people: int) -> Path:
    return WORK / f"million-{people}"


def folder_of(people: int) -> Path:
    return WORK / f"csv-{people}-1"


def server(args):
    """The run's own server (its jars shared with the test session's when those are here)."""
    from netgraph.localdb import LocalNeo4j

    home = Path(args.home)
    home.mkdir(parents=True, exist_ok=True)
    jars = ROOT / ".neo4j-test" / "lib"
    if not (home / "lib").exists() and jars.exists():
        (home / "lib").symlink_to(jars)
    return LocalNeo4j(home, port=args.port)


def _rows(path: Path, section: str):
    """The records of one file of the folder, one at a time (never the file's records at once)."""
    from netgraph.io.csv_folder import iter_section

    problems: list = []
    for _, record in iter_section(path, section, problems):
        yield record
    if problems:
        raise RuntimeError(f"{path}: {problems[0]}")


def _samples_file(args) -> Path:
    return base(args.people) / "samples.json"


def _samples(args) -> dict:
    return json.loads(_samples_file(args).read_text())


def _store(args):
    from netgraph.store.neo4j_backend.store import Neo4jStore

    return Neo4jStore(f"bolt://127.0.0.1:{args.port}")


# ------------------------------------------------------------------------------------------------ the steps


def step_generate(args) -> dict:
    from netgraph.cli import main

    folder = folder_of(args.people)
    if (folder / "people.csv").exists():
        return {"skipped": f"{folder} is there"}
    code = main(["generate", "--people", str(args.people), "--seed", "1", f"{folder}/"])
    if code:
        raise RuntimeError(f"generate exited {code}")
    return {"folder_mib": round(sum(p.stat().st_size for p in folder.iterdir()) / 2**20)}


def step_load(args) -> dict:
    from netgraph.cli import main

    extra = [
        *(["--heap", args.heap] if args.heap else []),
        *(["--pagecache", args.pagecache] if args.pagecache else []),
    ]
    code = main(
        ["db", "local", "load", str(folder_of(args.people)), "--home", args.home, "--port", str(args.port), *extra]
    )
    if code:
        raise RuntimeError(f"db local load exited {code}")
    store = _store(args)
    try:
        return {"stats": store.stats()["nodes"]}
    finally:
        store.close()


def step_samples(args) -> dict:
    """What later steps ask for, streamed out of the folder: ids and counts only."""
    folder = folder_of(args.people)
    rnd = random.Random(11)
    connected: set[str] = set()
    for link in _rows(folder / "knows.csv", "knows"):
        connected.add(link["a"])
        connected.add(link["b"])
    ordered = sorted(connected)
    del connected
    people = rnd.sample(ordered, RANDOM_PEOPLE)
    pairs = [rnd.sample(ordered, 2) for _ in range(PATH_PAIRS)]
    pages = rnd.sample(ordered, PAGE_SAMPLES)
    del ordered
    parent: dict[str, str | None] = {u["id"]: u.get("parent") for u in _rows(folder / "org_units.csv", "org_units")}
    per_unit: dict[str, int] = {}
    managers: set[str] = set()
    positions = 0
    for position in _rows(folder / "positions.csv", "positions"):
        positions += 1
        if position.get("org_unit"):
            per_unit[position["org_unit"]] = per_unit.get(position["org_unit"], 0) + 1
        if position.get("reports_to"):
            managers.add(position["reports_to"])
    division, division_positions = pick_division(parent, per_unit)
    found = {
        "people": people,
        "pairs": pairs,
        "pages": pages,
        "managers": rnd.sample(sorted(managers), min(PAGE_SAMPLES, len(managers))),
        "division": division,
        "division_positions": division_positions,
        "positions": positions,
    }
    _samples_file(args).write_text(json.dumps(found))
    return {k: found[k] for k in ("division", "division_positions", "positions")}


def pick_division(parent: dict[str, str | None], per_unit: dict[str, int]) -> tuple[str, int]:
    """The unit below the top whose subtree holds closest to ``DIVISION_SHARE`` of the positions, and its count
    of positions (ties go to the smaller id): the coverage report of "one division"."""
    under: dict[str, int] = {}
    for unit, count in per_unit.items():
        seen: set[str] = set()
        node: str | None = unit
        while node is not None and node not in seen:  # the unit and every unit above it
            seen.add(node)
            under[node] = under.get(node, 0) + count
            node = parent.get(node)
    total = sum(per_unit.values())
    below_top = sorted(u for u in parent if parent[u])
    division = min(below_top, key=lambda u: abs(under.get(u, 0) - DIVISION_SHARE * total))
    return division, under.get(division, 0)


def step_recommend(args) -> dict:
    from netgraph.analysis.paths import warm_path
    from netgraph.analysis.recommend import recommend

    picked = _samples(args)
    store = _store(args)
    try:
        for person in picked["people"][:WARM_UP]:  # plan caches, page cache
            recommend(store, person, via="all", today=TODAY)
        for a, b in picked["pairs"][:WARM_UP]:
            warm_path(store, a, b)
        rec = [timed(recommend, store, p, via="all", today=TODAY)[0] for p in picked["people"]]
        found, paths = 0, []
        for a, b in picked["pairs"]:
            seconds, result = timed(warm_path, store, a, b)
            paths.append(seconds)
            found += bool(result["paths"])
        return {"recommend": percentiles(rec), "warm_path": {**percentiles(paths), "found": found}}
    finally:
        store.close()


def step_coverage(args) -> dict:
    from benchmarks.bench_succession import coverage_as_asked
    from netgraph.analysis.succession import coverage
    from netgraph.collector import cycle_collector_paused

    picked = _samples(args)
    store = _store(args)
    try:
        first_s, report = timed(coverage_as_asked, store)
        whole = [timed(coverage_as_asked, store)[0] for _ in range(2)]
        holders = sorted({h for p in report["positions"] if p["critical"] for h in p["incumbents"]})
        totals = report["totals"]
        del report
        picked["leavers"] = random.Random(5).sample(holders, min(LEAVERS, len(holders)))
        _samples_file(args).write_text(json.dumps(picked))

        def division() -> dict:
            with cycle_collector_paused():
                return coverage(store, org_unit=picked["division"])

        division()
        parts = [timed(division)[0] for _ in range(10)]
        return {
            "whole_first_s": round(first_s, 2),
            "whole": percentiles([first_s, *whole]),
            "division": {**percentiles(parts), "unit": picked["division"], "positions": picked["division_positions"]},
            "positions": totals["positions"],
            "critical": totals["critical"],
        }
    finally:
        store.close()


def step_what_if(args) -> dict:
    from netgraph.analysis.what_if import what_if

    leavers = _samples(args)["leavers"]
    store = _store(args)
    try:
        what_if(store, [leavers[0]], promote=True)  # warm up
        return {"what_if": percentiles([timed(what_if, store, [p], promote=True)[0] for p in leavers])}
    finally:
        store.close()


def _served(args, measure) -> dict:
    """``measure(client)`` against ``netgraph serve`` on the run's store, logged in as hr."""
    from benchmarks.bench_web import PASSWORD, Client, free_port, serve
    from netgraph.accounts import Accounts

    with tempfile.TemporaryDirectory() as tmp:
        users = Path(tmp) / "users.json"
        Accounts(users).add("hr", PASSWORD, role="hr")
        env = {
            "NETGRAPH_USERS": str(users),
            "NETGRAPH_SECRET_KEY": "benchmark",
            "NETGRAPH_DATA": "",
            "NEO4J_URI": f"bolt://127.0.0.1:{args.port}",
        }
        port = free_port()
        process = serve(env, port)
        try:
            return measure(Client(f"http://127.0.0.1:{port}"))
        finally:
            process.kill()
            process.wait()


def _pages(client, paths: list[str], repeat: int = 1) -> dict:
    """Warm each path once (plans), then p50/p99 over ``paths`` (each ``repeat`` times); non-200s counted."""
    for path in paths[:3]:
        client.get(path, timeout=900)
    times, errors = [], 0
    for _ in range(repeat):
        for path in paths:
            seconds, status = client.get(path, timeout=900)
            times.append(seconds)
            errors += status != 200
    return {**percentiles(times), "errors": errors}


def step_web(args) -> dict:
    picked = _samples(args)

    def measure(client) -> dict:
        return {
            "person_page": _pages(client, [f"/people/{p}" for p in picked["pages"]]),
            "explorer_api": _pages(client, [f"/api/people/{p}/network?depth=2" for p in picked["pages"]]),
            "org_chart_top": _pages(client, ["/api/succession/chart"], repeat=10),
            "org_chart_reports": _pages(client, [f"/api/succession/chart?position={p}" for p in picked["managers"]]),
            # the page: its first level and the organisation's simultaneous-cover figures (every critical seat)
            "org_chart_page": _pages(client, ["/succession/chart"], repeat=5),
            "succession_heat_map": _pages(client, ["/succession"], repeat=5),
        }

    return _served(args, measure)


def step_insights(args) -> dict:
    from netgraph.cli import main

    os.environ["NEO4J_URI"] = f"bolt://127.0.0.1:{args.port}"
    refresh_s, code = timed(main, ["insights", "refresh"])
    if code:
        raise RuntimeError(f"insights refresh exited {code}")

    def measure(client) -> dict:
        return {
            "heat_map_page": _pages(client, ["/insights?level=1"], repeat=5),
            "heat_map_api": _pages(client, ["/api/insights/heat-map?level=1"], repeat=5),
        }

    return {"refresh_s": round(refresh_s, 1), **_served(args, measure)}


def step_import(args) -> dict:
    from netgraph.io.importer import import_document

    folder = folder_of(args.people)
    people = []
    for person in _rows(folder / "people.csv", "people"):
        people.append({**person, "title": f"{person.get('title') or 'Staff'} (acting)"})
        if len(people) == 50:
            break
    knows = []
    for link in _rows(folder / "knows.csv", "knows"):
        knows.append(link)
        if len(knows) == 50:
            break
    document = {"people": people, "knows": knows}
    store = _store(args)
    try:
        first_s, _ = timed(import_document, store, document)
        again = [timed(import_document, store, document)[0] for _ in range(3)]
        return {"records": 100, "first_s": round(first_s, 2), "again_s": round(sorted(again)[1], 2)}
    finally:
        store.close()


def step_ties(args) -> dict:
    """Two days of events, each ``people`` events, through ``ties ingest`` into the store, one after the other."""
    import duckdb

    from netgraph.analysis.ties import ingest
    from netgraph.io.generate_events import write_events

    folder = folder_of(args.people)
    days = base(args.people) / "events"
    shutil.rmtree(days, ignore_errors=True)
    document = {
        "org_units": [{"id": u["id"], "parent": u.get("parent")} for u in _rows(folder / "org_units.csv", "org_units")],
        "people": [
            {k: p.get(k) for k in ("id", "email", "org_unit", "location")}
            for p in _rows(folder / "people.csv", "people")
        ],
    }
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '2GB'; SET temp_directory = '{base(args.people) / 'duckdb-tmp'}'")
    generate_s = 0.0
    for n in range(2):
        seconds, _ = timed(
            write_events,
            document,
            days / f"day{n + 1}",
            events=args.people,
            days=1,
            start=FIRST_DAY + timedelta(days=n),
            fmt="parquet",
            first_event=n * args.people,
            prefix=f"day{n + 1}",
            connection=con,
        )
        generate_s += seconds
    con.close()
    del document
    out: dict = {"events_per_day": args.people, "generate_s": round(generate_s, 1)}
    store = _store(args)
    try:
        for n in range(2):
            started = time.perf_counter()
            done = ingest(store, [days / f"day{n + 1}"], fmt="parquet", memory_limit="2GB")
            out[f"day{n + 1}"] = {
                "total_s": round(time.perf_counter() - started, 1),
                **done["timings"],
                "rows": done["rows"],
                "ties": done["ties"],
                "pairs_touched": done["pairs_touched"],
            }
    finally:
        store.close()
    return out


def step_sync(args) -> dict:
    from benchmarks.bench_sync import FIRST_NIGHT, SECOND_NIGHT, employees, second_night, write_export
    from netgraph.analysis.sync import sync_people

    here = base(args.people)
    rows = employees(args.people)
    night, changes = second_night(rows)
    first = write_export(rows, here / "hr-night1.csv")
    second = write_export(night, here / "hr-night2.csv")
    del rows, night
    store = _store(args)
    try:
        first_s, _ = timed(sync_people, store, first, today=FIRST_NIGHT)
        plan_s, _ = timed(sync_people, store, second, dry_run=True, today=SECOND_NIGHT)
        second_s, done = timed(sync_people, store, second, today=SECOND_NIGHT)
        return {
            "changes": changes,
            "first_s": round(first_s, 1),
            "plan_s": round(plan_s, 1),
            "second_s": round(second_s, 1),
            "counts": done.plan.counts["people"],
        }
    finally:
        store.close()


# ------------------------------------------------------------------------------------------------ the run


def child(args) -> None:
    """One step in this fresh interpreter: its figures and Python's peak as the last line of output."""
    started = time.perf_counter()
    figures = globals()[f"step_{args.step}"](args)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    figures["python_peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(figures, default=str))


def neo4j_memory(args) -> dict:
    """The server's resident memory now and its peak so far (since it started), MiB."""
    pid = server(args)._pid()
    if pid is None:
        return {"neo4j": "not running"}
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[f"neo4j_{key[2:].lower()}_mib"] = round(int(value.split()[0]) / 1024)
    return found


def ensure_running(args) -> None:
    """The server running, sized as ``db local start`` sizes it (the steps after ``load`` need it)."""
    if server(args)._pid() is not None:
        return
    extra = [
        *(["--heap", args.heap] if args.heap else []),
        *(["--pagecache", args.pagecache] if args.pagecache else []),
    ]
    subprocess.run(
        [sys.executable, "-c", CLI, "db", "local", "start", "--home", args.home, "--port", str(args.port)] + extra,
        check=True,
    )


def run_step(args, name: str) -> dict:
    if name == "load":
        server(args).stop()
        for part in ("databases", "transactions"):
            shutil.rmtree(Path(args.home) / "data" / part / "neo4j", ignore_errors=True)
    elif name not in ("generate", "samples"):
        ensure_running(args)
    started = time.time()
    command = [sys.executable, "-m", "benchmarks.bench_million", "--child", name, "--people", str(args.people)]
    command += ["--home", args.home, "--port", str(args.port)]
    command += [
        *(["--heap", args.heap] if args.heap else []),
        *(["--pagecache", args.pagecache] if args.pagecache else []),
    ]
    record: dict = {"step": name, "people": args.people, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=args.step_timeout, cwd=ROOT)
        if done.returncode != 0:
            raise RuntimeError(f"exit {done.returncode}: {done.stderr[-2000:]}")
        record.update(ok=True, **json.loads(done.stdout.strip().splitlines()[-1]))
    except Exception as error:  # a step that fails is recorded and the run goes on
        record.update(ok=False, error=str(error)[-2000:], seconds=round(time.time() - started, 1))
    record.update(neo4j_memory(args), load=os.getloadavg()[0])
    return record


def run(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--home", help="the server's folder (default .bench/million-N/neo4j)")
    parser.add_argument("--heap", help="the server's heap (default: the rule of db local start)")
    parser.add_argument("--pagecache", help="the server's page cache (default: the rule of db local start)")
    parser.add_argument("--results", type=Path, help="JSON Lines file (default .bench/million-N/results.jsonl)")
    parser.add_argument("--steps", nargs="+", choices=STEPS, help="run these steps only, in the run's order")
    parser.add_argument("--skip", nargs="+", choices=STEPS, default=[], help="leave these steps out")
    parser.add_argument("--keep-running", action="store_true", help="leave the server running at the end")
    parser.add_argument("--step-timeout", type=int, default=STEP_TIMEOUT_S, help="seconds before a step is stopped")
    parser.add_argument("--child", choices=STEPS, dest="step", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.home = str(args.home or base(args.people) / "neo4j")
    base(args.people).mkdir(parents=True, exist_ok=True)
    if args.step:
        child(args)
        return []
    results = args.results or base(args.people) / "results.jsonl"
    steps = [s for s in STEPS if s in (args.steps or STEPS) and s not in args.skip]
    print(f"{args.people:,} people on Neo4j ({args.home}, port {args.port}); results in {results}", flush=True)
    with open(results, "a", encoding="utf-8") as out:
        out.write(json.dumps({"step": "machine", "people": args.people, "machine": machine()}) + "\n")
    records = []
    try:
        for name in steps:
            record = run_step(args, name)
            line = json.dumps(record, default=str)
            print(line, flush=True)
            with open(results, "a", encoding="utf-8") as out:
                out.write(line + "\n")
            records.append(record)
    finally:
        if not args.keep_running:
            server(args).stop()
    return records


if __name__ == "__main__":
    run()
