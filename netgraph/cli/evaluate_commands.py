"""``netgraph evaluate``: would the recommendations have predicted the ties people went on to make?"""

from __future__ import annotations

from netgraph.analysis.evaluate import DEFAULT_K, METRICS, PREDICTORS, VIAS, evaluate, split_by_date, split_documents
from netgraph.cli.output import iso_date, print_json
from netgraph.io.documents import read_document

NAMES = {"netgraph": "netgraph", "adamic_adar": "Adamic-Adar", "random": "random (expected)"}


def register(commands) -> None:
    p = commands.add_parser(
        "evaluate", help="check recommendations offline against the ties people went on to make",
        description="Train on the ties before a date (or a training document), then see whether netgraph, plain "
                    "Adamic-Adar and a random pick among the same candidates suggest the new ties after it.")
    p.add_argument("--split", type=iso_date, metavar="DATE",
                   help="the store's own ties: before DATE train, from DATE on test (undated ties are left out)")
    p.add_argument("--train", metavar="A.json", help="the training document (with --test)")
    p.add_argument("--test", metavar="B.json", help="the test document: its ties not in training are the new ties")
    p.add_argument("--k", type=int, default=DEFAULT_K, help=f"suggestions per person (1-100, default {DEFAULT_K})")
    p.add_argument("--via", choices=VIAS, default="all", help="whose networks to search (default all)")
    p.add_argument("--sample", type=int, metavar="N", help="evaluate N people drawn at random (default everyone)")
    p.add_argument("--seed", type=int, default=0, help="seed of the sample and the bootstrap (default 0)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_evaluate, evaluate_parser=p)


def run_evaluate(context) -> None:
    a = context.args
    by_documents = a.train is not None or a.test is not None
    if (a.split is None) == (not by_documents) or (by_documents and (a.train is None or a.test is None)):
        a.evaluate_parser.error("give either --split DATE or both --train A.json --test B.json")
    if a.split is not None:
        split = split_by_date(context.store.export(), a.split)
    else:
        train, train_where = read_document(a.train)
        test, test_where = read_document(a.test)
        split = split_documents(train, test, train_where=train_where, test_where=test_where)
    report = evaluate(split, k=a.k, via=a.via, sample=a.sample, seed=a.seed, settings=context.settings.recommend)
    if a.json:
        print_json(report)
        return
    for line in report_lines(report):
        print(line)


# -- the readable report -------------------------------------------------------------------------


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def _share(part: int, whole: int) -> str:
    return f"{part:,} ({part / whole:.0%})" if whole else f"{part:,}"


def _percent(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def report_lines(r: dict) -> list[str]:
    """The report as a person reads it: the split, the people, three tables, where the new ties were."""
    s, people, k = r["split"], r["people"], r["k"]
    if s["kind"] == "date":
        head = f"split at {s['date']}: {s['training_ties']:,} ties before it, {s['new_ties']:,} new ties from it on"
        if s["undated_ties_left_out"]:
            head += f" ({s['undated_ties_left_out']:,} undated ties left out)"
    else:
        head = (f"training and test documents: {s['training_ties']:,} training ties, {s['new_ties']:,} new ties "
                f"(recommending as of {s['as_of']})")
    lines = [head]
    if not people["evaluated"]:
        lines.append("nobody to evaluate: no one has both a training tie and a new tie")
        return lines
    who = "all" if people["evaluated"] == people["eligible"] else "a sample of the"
    lines.append(f"{people['evaluated']:,} people evaluated ({who} {people['eligible']:,} with a training tie and a "
                 f"new tie); k = {k}, via {r['via']}; median {people['median_candidates']:g} candidates each; "
                 f"{people['with_a_new_tie_among_candidates']:,} with a new tie among their candidates")
    lines.append("")
    labels = {"precision": f"precision@{k}", "hit_rate": f"hit-rate@{k}", "mrr": f"MRR@{k}"}
    p = r["plausibility"]

    def cell(x: dict, sign: str = "") -> str:
        return f"{x['value']:{sign}.3f} [{x['ci'][0]:{sign}.3f}, {x['ci'][1]:{sign}.3f}]"

    lines += _table([["plausibility", *(NAMES[n] for n in PREDICTORS)]]
                    + [[labels[m], *(cell(p[m][n]) for n in PREDICTORS)] for m in METRICS])
    lines.append("")
    lines += _table([["netgraph minus", "Adamic-Adar", "random"]]
                    + [[labels[m], cell(p[m]["netgraph_minus_adamic_adar"], "+"),
                        cell(p[m]["netgraph_minus_random"], "+")] for m in METRICS])
    lines.append(f"(95 % intervals: paired bootstrap over the people evaluated, {r['resamples']:,} resamples, "
                 f"seed {r['seed']})")
    lines.append("")
    v = r["value"]
    rows = [["value", *(NAMES[n] for n in PREDICTORS)],
            ["suggestions in a new unit", *(_percent(v["new_unit_share"][n]) for n in PREDICTORS)]]
    if people["with_goals"]:
        rows.append([f"skills to grow covered ({people['with_goals']:,} people)",
                     *(_percent(v["skill_coverage"][n]) for n in PREDICTORS)])
    rows.append(["exposure Gini", *(f"{v['exposure_gini'][n]:.2f}" for n in PREDICTORS)])
    lines += _table(rows)
    lines.append(f"(exposure: how often each of the {people['could_be_suggested']:,} people who are someone's "
                 "candidate is suggested; random: of its expected counts)")
    lines.append("")
    f = r["future_ties"]
    lines.append(f"new ties of the people evaluated: {f['total']:,}; among their candidates "
                 f"{_share(f['candidates'], f['total'])}, two links away but excluded "
                 f"{_share(f['two_links_excluded'], f['total'])}, beyond two links (no introducer can reach them) "
                 f"{_share(f['beyond_two_links'], f['total'])}")
    return lines

