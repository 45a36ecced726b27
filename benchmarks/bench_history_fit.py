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
Each real network's chosen model (when recommend computes its features)
is then written to a settings file, and ``recommend`` on a store loaded
with the contacts before the test cut-off must give each evaluated person
the harness's first ``k`` (:func:`recommend_as_harness`).
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

import numpy as np

from benchmarks import sociopatterns
from netgraph.analysis.history import History
from netgraph.analysis.history_fit import LinearModel, fit_from_history, pairs_at, plausibility_toml
from netgraph.analysis.ranking_metrics import with_new_unit_slot
from netgraph.analysis.recommend import recommend
from netgraph.analysis.rolling_origin import Period, rolling_origin
from netgraph.analysis.ties import ingest
from netgraph.io.generate import generate_dataset
from netgraph.io.generate_closure import closure_history
from netgraph.io.importer import import_document
from netgraph.model.learned import LEARNABLE
from netgraph.model.validate import complete, validate
from netgraph.settings import recommend_settings_from_file
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
    """One SocioPatterns network through :func:`contact_network`, with its periods."""
    network = sociopatterns.NETWORKS[key]
    return contact_network(network, sociopatterns.contacts(network), folder, PERIODS[key], EARLIER[key], added)


def contact_network(
    network: sociopatterns.Network,
    rows: list[tuple[int, str, str, str, str]],
    folder: Path,
    plan: tuple[tuple[int, int], ...],
    earlier_plan: tuple[tuple[int, int], ...] = (),
    added: tuple[str, ...] = (),
    places: tuple[float, ...] = (),
) -> dict:
    """Import the people, ingest the contacts as events, the rolling origin, then recommend against the harness.

    ``rows``: contacts as SocioPatterns gives them (``time i j class_i
    class_j``); ``plan``: the fit, choose and test periods over the data's
    days (as :data:`PERIODS`), ``earlier_plan`` more training cut-offs;
    ``added``: features offered beyond those recommend computes (measured
    only, and then recommend is not checked); ``places``: new-unit places to
    check recommend with besides the one period 2 chose.
    """
    converted = sociopatterns.convert(network, rows)
    people = {k: v for k, v in converted["combined"].items() if k != "knows"}
    events = folder / f"{network.key}-events.csv"
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
        earlier = each_period(days, earlier_plan)
        features = (*LEARNABLE, *(f for f in added if f not in LEARNABLE))
        periods = periods_of(days, plan)
        report = rolling_origin(history, periods, earlier=earlier, features=features)
        report["seconds"] = round(time.perf_counter() - started, 1)
        if set(report["model"]["features"]) <= set(LEARNABLE):
            report["recommend"] = recommend_as_harness(people, events, history, report, periods[2])
            report["recommend_with_place"] = {
                str(place): recommend_as_harness(
                    people, events, history, {**report, "new_unit_slot": {"floor": place}}, periods[2]
                )
                for place in places
            }
    finally:
        history.close()
    report["title"] = network.title
    report["days"] = days
    report["ingest"] = {"ties": ingested["ties"], "seconds": round(ingest_seconds, 1)}
    return report


def store_at(people: dict, events: Path, cutoff: date) -> EmbeddedStore:
    """An embedded store holding ``people`` and the contacts of ``events`` dated before ``cutoff``, as ingested then.

    The network recommend reads is then the one the harness ranks on at
    ``cutoff``: the same ties, by the same rule, aged to the day before it.
    """
    kept = events.with_name(f"{events.stem}-before-{cutoff.isoformat()}.csv")
    with events.open(encoding="utf-8") as source, kept.open("w", encoding="utf-8") as target:
        for n, line in enumerate(source):
            if n == 0 or line[:10] < cutoff.isoformat():
                target.write(line)
    store = EmbeddedStore(None)
    import_document(store, people)
    ingest(store, kept, as_of=cutoff - timedelta(days=1), today=cutoff)
    return store


def settings_file(report: dict, path: Path) -> Path:
    """The model the harness chose as recommend reads it: its ``[plausibility]`` table, value not re-ordering.

    ``value_band = 1``: the harness ranks by the learned odds alone, so the
    value part may not move anyone; ``new_unit_place``: the floor period 2
    chose for the place kept for a new unit (0: none).
    """
    m, test = report["model"], report["periods"][-1]
    written = {
        "model": {
            **m,
            "cutoff": test["cutoff"],
            "window_days": test["window_days"],
            "recency_half_life_days": float(test["window_days"]),
            "pairs": test["pairs"],
            "positives": test["positives"],
        },
        "ranking": report["ranking"],
        "k": report["k"],
    }
    place = report["new_unit_slot"]["floor"] or 0.0
    path.write_text(
        plausibility_toml(written) + f"\n[recommend]\nvalue_band = 1.0\nnew_unit_place = {float(place)!r}\n", "utf-8"
    )
    return path


def harness_top(history: History, report: dict, test: Period) -> tuple[dict[str, list[str]], int]:
    """Each evaluated person's first ``k`` candidates by the harness (the chosen model, with the new-unit place).

    And how many of those lists the new-unit place changed.
    """
    k = report["k"]
    p = pairs_at(history, test.cutoff, test.window_days)
    c = p.candidates
    m = report["model"]
    model = LinearModel(
        tuple(m["features"]),
        tuple(m["transforms"]),
        tuple(m["means"]),
        tuple(m["scales"]),
        tuple(m["coefficients"]),
        m["intercept"],
    )
    evaluated = set(c.person[p.labels == 1].tolist())

    def first(score: np.ndarray) -> dict[str, list[str]]:
        top: dict[str, list[str]] = {}
        for row in np.lexsort((c.candidate, -score, c.person)):
            person = int(c.person[row])
            if person in evaluated and len(top.setdefault(p.ids[person], [])) < k:
                top[p.ids[person]].append(p.ids[int(c.candidate[row])])
        return top

    plain = first(model.score(c))
    floor = report["new_unit_slot"]["floor"]
    if floor is None:
        return plain, 0
    placed = first(with_new_unit_slot(c.person, c.candidate, model.score(c), p.new_unit, k, floor))
    return placed, sum(placed[x] != plain[x] for x in placed)


def recommend_as_harness(people: dict, events: Path, history: History, report: dict, test: Period) -> dict:
    """Does ``recommend`` rank each evaluated person's candidates as the harness did? The people who differ.

    A store loaded with the contacts before the test cut-off, the settings
    file the chosen model is written to (:func:`settings_file`), and
    ``recommend(via="all")`` for each person the test period evaluates,
    against :func:`harness_top`.
    """
    store = store_at(people, events, test.cutoff)
    written = events.with_name(f"model-{report['new_unit_slot']['floor']}.toml")
    settings = recommend_settings_from_file(settings_file(report, written))
    expected, placed = harness_top(history, report, test)
    differ = {}
    for person, wanted in sorted(expected.items()):
        got = recommend(store, person, via="all", limit=report["k"], today=test.cutoff, settings=settings)
        ranked = [r["candidate"] for r in got["results"]]
        if ranked != wanted:
            differ[person] = {"harness": wanted, "recommend": ranked}
    loaded = History(store.export(), store.tie_evidence())
    try:
        same_network = set(loaded.network(test.cutoff)) == set(history.network(test.cutoff))
    finally:
        loaded.close()
    return {
        "people": len(expected),
        "differ": differ,
        "same_network": same_network,
        "new_unit_place": report["new_unit_slot"]["floor"],
        "moved_by_the_place": placed,
    }


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
            if "recommend" in r:
                c = r["recommend"]
                print(f"\nrecommend as the harness: {c['people'] - len(c['differ'])} of {c['people']} people the same")


if __name__ == "__main__":
    main()
