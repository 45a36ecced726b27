"""The learned plausibility on real contact networks and a generated history, with a rolling origin; fit timing.

Each SocioPatterns network (``benchmarks/sociopatterns.py``) is loaded as
it would be in production: its people imported into an embedded store, its
contacts written as collaboration events and counted by ``ties ingest``, so
a tie's strength exists at every cut-off. Then
:func:`netgraph.analysis.rolling_origin.rolling_origin` fits on period 1,
chooses on period 2, refits on both and tests on period 3:

- High School 2012 (7 school days): fit days 1-3 -> day 4 (with days 1 ->
  2 and 1-2 -> 3 as more training pairs); choose days 1-4 -> day 5; test
  days 1-5 -> days 6-7.
- Hospital ward (5 days): day 1 -> 2; days 1-2 -> 3; days 1-3 -> days 4-5.
- A generated organisation (``--people``, default 2,000) with 60 days of
  ties formed by closure weighted by strength and unit
  (:mod:`netgraph.io.generate_closure`): three periods of 10 days.

``--timing N`` also times one fit (no ablation, no trees) on a generated
organisation of N people with the same closure history; ``--sample S``
fits on the candidates of S people drawn at random (``evaluate --fit
--from-history --sample``), as a 100k organisation does.
``--add FEATURE`` offers a feature recommend does not compute to the
real networks' fits too (measured only: the written model can hold it only
once recommend computes it).
``--only timing`` runs the timing alone (``python -m benchmarks.run --only history_fit``).

Run: ``python -m benchmarks.bench_history_fit [--people N] [--timing N [--sample S]] [--only NAME] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks import sociopatterns
from netgraph.analysis.history import History
from netgraph.analysis.history_fit import fit_from_history
from netgraph.analysis.rolling_origin import Period, rolling_origin
from netgraph.analysis.ties import ingest
from netgraph.io.generate import generate_dataset
from netgraph.io.generate_closure import closure_history
from netgraph.io.importer import import_document
from netgraph.model.learned import LEARNABLE
from netgraph.model.validate import complete, validate
from netgraph.store import EmbeddedStore

#: (fit, choose, test): each (index of the cut-off day, index of the last day of its window) in the day list.
PERIODS = {
    "high_school_2012": ((3, 3), (4, 4), (5, 6)),
    "hospital": ((1, 1), (2, 2), (3, 4)),
}


#: Earlier training cut-offs before period 1's, each (index of its day, index of the last day of its window).
EARLIER = {
    "high_school_2012": ((1, 1), (2, 2)),
    "hospital": (),
}


def each_period(days: list[str], plan: tuple[tuple[int, int], ...]) -> list[Period]:
    """The periods of a plan over the data's days: the cut-off day, and the window up to the end of its last day."""
    out = []
    for start, last in plan:
        cutoff = date.fromisoformat(days[start])
        out.append(Period(cutoff, (date.fromisoformat(days[last]) + timedelta(days=1) - cutoff).days))
    return out


def periods_of(days: list[str], plan: tuple[tuple[int, int], ...]) -> tuple[Period, Period, Period]:
    """The fit, choose and test periods of a plan."""
    first, second, third = each_period(days, plan)
    return first, second, third


def real_network(key: str, folder: Path, added: tuple[str, ...] = ()) -> dict:
    """Import the people, ingest the contacts as events, then the rolling origin.

    ``added``: features offered beyond those recommend computes (measured only).
    """
    network = sociopatterns.NETWORKS[key]
    rows = sociopatterns.contacts(network)
    converted = sociopatterns.convert(network, rows)
    people = {k: v for k, v in converted["combined"].items() if k != "knows"}
    events = folder / f"{key}-events.csv"
    sociopatterns.write_events(network, rows, events)
    store = EmbeddedStore(None)
    import_document(store, people)
    days = converted["days"]
    last = date.fromisoformat(days[-1])
    started = time.perf_counter()
    ingested = ingest(store, events, as_of=last + timedelta(days=1), today=last + timedelta(days=1))
    ingest_seconds = time.perf_counter() - started
    history = History(store.export(), store.tie_evidence())
    try:
        started = time.perf_counter()
        earlier = each_period(days, EARLIER[key])
        features = (*LEARNABLE, *added)
        report = rolling_origin(history, periods_of(days, PERIODS[key]), earlier=earlier, features=features)
        report["seconds"] = round(time.perf_counter() - started, 1)
    finally:
        history.close()
    report["title"] = network.title
    report["days"] = days
    report["ingest"] = {"ties": ingested["ties"], "seconds": round(ingest_seconds, 1)}
    return report


def generated(people: int) -> dict:
    """The rolling origin on a generated organisation whose last 60 days of ties formed by closure."""
    document = closure_history(
        complete(validate(generate_dataset(people, seed=1))), days=60, per_day=max(1, people // 100), seed=0
    )
    start = date.fromisoformat(max(k["since"] for k in document["knows"])) - timedelta(days=59)
    periods = (
        Period(start + timedelta(days=30), 10),
        Period(start + timedelta(days=40), 10),
        Period(start + timedelta(days=50), 10),
    )
    history = History(document)
    try:
        started = time.perf_counter()
        report = rolling_origin(history, periods)
        report["seconds"] = round(time.perf_counter() - started, 1)
    finally:
        history.close()
    report["title"] = f"generated, {people:,} people, 60 days of closure by strength and unit"
    return report


def timing(people: int, sample: int | None = None) -> dict:
    """Seconds to build the history and fit once (no ablation, no trees) at ``people`` (``sample``: of S people)."""
    document = closure_history(
        complete(validate(generate_dataset(people, seed=1))), days=20, per_day=max(1, people // 100), seed=0
    )
    started = time.perf_counter()
    history = History(document)
    try:
        report = fit_from_history(history, window_days=10, ablation=False, trees=False, sample=sample)
    finally:
        history.close()
    return {
        "people": people,
        "sample": sample,
        "pairs": report["history"]["pairs"],
        "positives": report["history"]["positives"],
        "feature_seconds": report["history"]["feature_seconds"],
        "fit_seconds": report["seconds"],
        "total_seconds": round(time.perf_counter() - started, 1),
    }


NAMES = {
    "learned": "learned",
    "adamic_adar": "Adamic-Adar",
    "resource_allocation": "resource allocation",
    "strength_adamic_adar": "today's plausibility",
    "random": "random (expected)",
}


def table(r: dict) -> str:
    """One network's test-period table (Markdown): the metrics, learned - each baseline, the new-unit share."""
    rk, k = r["ranking"], r["k"]
    names = list(rk["precision"]["mean"])
    lines = [
        "| held out (test period) | " + " | ".join(NAMES[n] for n in names) + " |",
        "|---" * (len(names) + 1) + "|",
    ]
    labels = {"precision": f"precision@{k}", "hit_rate": f"hit-rate@{k}", "mrr": f"MRR@{k}"}
    for m, label in labels.items():
        lines.append(f"| {label} | " + " | ".join(f"{rk[m]['mean'][n]:.3f}" for n in names) + " |")
    lines.append(
        "| new-unit share | "
        + " | ".join(f"{r['new_unit_share'][n]:.1%}" if n in r["new_unit_share"] else "" for n in names)
        + " |"
    )
    lines.append("| AUC | " + " | ".join(f"{r['auc'][n]:.3f}" if n in r["auc"] else "" for n in names) + " |")
    lines += [
        "",
        "| learned minus | " + " | ".join(NAMES[n] for n in names if n != "learned") + " |",
        "|---" * len(names) + "|",
    ]
    for m, label in labels.items():
        cells = [rk[m]["difference"][n] for n in names if n != "learned"]
        lines.append(
            f"| {label} | "
            + " | ".join(f"{c['value']:+.3f} [{c['ci'][0]:+.3f}, {c['ci'][1]:+.3f}]" for c in cells)
            + " |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--timing", type=int, default=0)
    parser.add_argument("--sample", type=int, default=None)
    parser.add_argument("--only", choices=[*PERIODS, "generated", "timing"], action="append")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--add", action="append", default=[], help="a feature beyond those recommend computes")
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for key in PERIODS:
            if args.only is None or key in args.only:
                results[key] = real_network(key, Path(tmp), tuple(args.add))
                print(json.dumps(results[key], indent=1), flush=True)
    if args.only is None or "generated" in args.only:
        results["generated"] = generated(args.people)
        print(json.dumps(results["generated"], indent=1), flush=True)
    if args.timing:
        results["timing"] = timing(args.timing, args.sample)
        print(json.dumps(results["timing"], indent=1), flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1), "utf-8")
    for key, r in results.items():
        if key != "timing":
            print(f"\n{r['title']}\n\n{table(r)}")


if __name__ == "__main__":
    main()
