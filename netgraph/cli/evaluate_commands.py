"""``netgraph evaluate``: would the recommendations have predicted the ties people went on to make?

``--fit``: learn the recommendation weights from the introductions' outcomes instead.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from netgraph.analysis.evaluate import DEFAULT_K, METRICS, PREDICTORS, VIAS, evaluate, split_by_date, split_documents
from netgraph.analysis.fit import FOLDS, MIN_EACH, MIN_LABELLED, fit, settings_toml
from netgraph.analysis.history import History
from netgraph.analysis.history_fit import (
    DEFAULT_OBJECTIVE,
    DEFAULT_WINDOW_DAYS,
    OBJECTIVES,
    fit_from_history,
    plausibility_toml,
)
from netgraph.cli.output import iso_date, print_json
from netgraph.errors import InvalidInput, Problem
from netgraph.io.documents import read_document
from netgraph.model.rules import WEIGHTED, RecommendSettings

NAMES = {"netgraph": "netgraph", "adamic_adar": "Adamic-Adar", "random": "random (expected)"}


def register(commands) -> None:
    p = commands.add_parser(
        "evaluate",
        help="check recommendations offline against the ties people went on to make",
        description="Train on the ties before a date (or a training document), then see whether netgraph, plain "
        "Adamic-Adar and a random pick among the same candidates suggest the new ties after it.",
    )
    p.add_argument(
        "--split",
        type=iso_date,
        metavar="DATE",
        help="the store's own ties: before DATE train, from DATE on test (undated ties are left out)",
    )
    p.add_argument("--train", metavar="A.json", help="the training document (with --test)")
    p.add_argument("--test", metavar="B.json", help="the test document: its ties not in training are the new ties")
    p.add_argument("--k", type=int, default=DEFAULT_K, help=f"suggestions per person (1-100, default {DEFAULT_K})")
    p.add_argument("--via", choices=VIAS, default="all", help="whose networks to search (default all)")
    p.add_argument("--sample", type=int, metavar="N", help="evaluate N people drawn at random (default everyone)")
    p.add_argument(
        "--seed", type=int, default=0, help="seed of the sample and the bootstrap, or of --fit's folds (default 0)"
    )
    p.add_argument(
        "--fit",
        action="store_true",
        help=f"instead: fit the score's weights to the introductions' outcomes (at least {MIN_LABELLED} "
        f"labelled, {MIN_EACH} of each kind), with {FOLDS}-fold cross-validation",
    )
    p.add_argument(
        "--from-history",
        action="store_true",
        help="with --fit: learn how ties form here from the store's own dated ties (no introduction outcomes "
        "needed): the ties before --split are the network, the pairs linked within --window days after it "
        "the positives",
    )
    p.add_argument(
        "--window",
        type=int,
        metavar="DAYS",
        help=f"with --from-history: days after the cut-off whose new ties are the positives "
        f"(default {DEFAULT_WINDOW_DAYS})",
    )
    p.add_argument(
        "--objective",
        choices=OBJECTIVES,
        help="with --from-history: pooled fits every candidate pair as one sample; per_person fits the order "
        "within each person's candidates, each person weighing the same; per_pair fits that order, each "
        f"(new tie, other candidate) pair weighing the same (default {DEFAULT_OBJECTIVE})",
    )
    p.add_argument(
        "--out",
        metavar="FILE.toml",
        help="with --fit: write the fitted weights (with --from-history: the learned plausibility) to this "
        "settings file (for NETGRAPH_RECOMMEND_FILE)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_evaluate, evaluate_parser=p)


def run_evaluate(context) -> None:
    a = context.args
    if a.fit or a.out is not None or a.from_history:
        run_fit(context)
        return
    for flag, given in (("--window", a.window), ("--objective", a.objective)):
        if given is not None:
            a.evaluate_parser.error(f"{flag} is for --fit --from-history")
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


# -- fitting the weights ---------------------------------------------------------------------------


def run_fit(context) -> None:
    a = context.args
    if not a.fit:
        a.evaluate_parser.error("--from-history is for --fit" if a.from_history else "--out is for --fit")
    if a.from_history:
        run_history_fit(context)
        return
    for flag, given in (("--window", a.window), ("--objective", a.objective)):
        if given is not None:
            a.evaluate_parser.error(f"{flag} is for --fit --from-history")
    others = [
        flag
        for flag, given in (
            ("--split", a.split is not None),
            ("--train", a.train is not None),
            ("--test", a.test is not None),
            ("--sample", a.sample is not None),
            ("--k", a.k != DEFAULT_K),
            ("--via", a.via != "all"),
        )
        if given
    ]
    if others:
        a.evaluate_parser.error(f"--fit uses the store's introductions; it takes no {', '.join(others)}")
    report = fit(context.store.export(), settings=context.settings.recommend, seed=a.seed)
    _show_fit(a, report, settings_toml(report), fit_lines(report), f"load it with NETGRAPH_RECOMMEND_FILE={a.out}")


def _show_fit(a, report: dict, text: str, lines: list[str], written: str) -> None:
    """Write the fitted settings to ``--out`` (if given) and print the report, as JSON with ``--json``."""
    if a.out is not None:
        write_text(Path(a.out), text)
    if a.json:
        print_json({**report, "written_to": a.out})
        return
    for line in lines:
        print(line)
    if a.out is not None:
        print(f"\nwritten to {a.out}: {written}")
    else:
        print("\nthe settings file (write it with --out FILE.toml):\n")
        print(text, end="")


def write_text(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all (a temporary file beside it, then renamed over it)."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        raise InvalidInput([Problem(str(path), "", f"cannot write it: {exc.strerror or exc}")]) from None


def fit_lines(r: dict) -> list[str]:
    """The fit as a person reads it: the data, the weights against the defaults, the held-out gain."""
    n, cv = r["introductions"], r["cross_validation"]
    default = RecommendSettings().normalized_weights()
    gone = f", {n['left_out']:,} naming someone no longer here" if n["left_out"] else ""
    lines = [
        f"{n['labelled']:,} labelled introductions: {n['positive']:,} took (met, rated 3+ or not rated), "
        f"{n['negative']:,} did not (declined, or met and rated 1-2); left out: {n['open']:,} still open, "
        f"{n['closed']:,} closed{gone}",
        "",
    ]
    rows = [["weight", "default", "fitted"]]
    rows += [
        [
            name,
            f"{default[name]:.3f}",
            f"{r['weights'][name]:.3f}" + (" (came out negative: refitted without it)" if name in r["dropped"] else ""),
        ]
        for name in WEIGHTED
    ]
    lines += _table(rows)
    lines.append(
        "(features: each introduction's components as the graph stood on its created_on day; "
        "logistic regression, plausibility as a control)"
    )
    lines.append("")
    auc = cv["auc"]
    lines.append(
        f"held-out AUC, {cv['folds']}-fold cross-validation (seed {cv['seed']}): {auc['fitted']:.3f} fitted, "
        f"{auc['default']:.3f} with the default weights: gain {cv['gain']:+.3f}"
    )
    lines.append(
        "per fold, default -> fitted: " + ", ".join(f"{f['default']:.3f} -> {f['fitted']:.3f}" for f in cv["per_fold"])
    )
    return lines


# -- learning how ties form, from the store's history --------------------------------------------


def run_history_fit(context) -> None:
    a = context.args
    if not a.fit:
        a.evaluate_parser.error("--from-history is for --fit")
    others = [flag for flag, given in (("--train", a.train), ("--test", a.test), ("--via", a.via != "all")) if given]
    if others:
        a.evaluate_parser.error(f"--fit --from-history uses the store's own ties; it takes no {', '.join(others)}")
    store = context.store
    history = History(store.export(), store.tie_evidence(), settings=context.settings.recommend)
    try:
        report = fit_from_history(
            history,
            cutoff=a.split,
            window_days=DEFAULT_WINDOW_DAYS if a.window is None else a.window,
            k=a.k,
            sample=a.sample,
            seed=a.seed,
            min_positives=context.settings.recommend.min_history_pairs,
            objective=a.objective or DEFAULT_OBJECTIVE,
        )
    finally:
        history.close()
    written = "point NETGRAPH_RECOMMEND_FILE at it and recommend ranks by the learned plausibility"
    _show_fit(a, report, plausibility_toml(report), history_fit_lines(report), written)


HISTORY_NAMES = {
    "learned": "learned",
    "adamic_adar": "Adamic-Adar",
    "resource_allocation": "resource allocation",
    "strength_adamic_adar": "today's plausibility",
    "boosted_trees": "boosted trees (not written)",
    "random": "random (expected)",
}


def history_fit_lines(r: dict) -> list[str]:
    """The history fit as a person reads it: the history used, the held-out ranking, the ablation, the model."""
    h, ranking, k = r["history"], r["ranking"], r["k"]
    lines = [
        f"network before {h['cutoff']}: {h['ties_before']:,} ties among {h['people']:,} people; "
        f"{h['new_ties']:,} new ties up to {h['window_end']} ({h['window_days']} days)",
        f"{h['pairs']:,} candidate pairs (two links away) of {h['persons']:,} people"
        + (" (a sample)" if h["sampled"] else "")
        + f"; {h['positives']:,} became ties",
        "",
    ]
    names = list(ranking["precision"]["mean"])
    labels = {"precision": f"precision@{k}", "hit_rate": f"hit-rate@{k}", "mrr": f"MRR@{k}"}
    rows = [["held out", *(HISTORY_NAMES[n] for n in names)]]
    rows += [[labels[m], *(f"{ranking[m]['mean'][n]:.3f}" for n in names)] for m in labels]
    rows.append(["AUC", *(f"{r['auc'][n]:.3f}" if n in r["auc"] else "" for n in names)])
    lines += _table(rows)
    d = ranking["precision"]["difference"]["adamic_adar"]
    ratio = ranking["precision"]["ratio_to_adamic_adar"]
    lines.append(
        f"learned minus Adamic-Adar, precision@{k}: {d['value']:+.3f} [{d['ci'][0]:+.3f}, {d['ci'][1]:+.3f}]"
        + (f" ({ratio:.3f} x)" if ratio else "")
    )
    lines.append(
        f"({r['folds']}-fold cross-validation grouped by person, {ranking['people']:,} people with a new tie among "
        f"their candidates; 95 % paired bootstrap intervals, seed {r['seed']})"
    )
    if "ablation" in r:
        lines.append("")
        rows = [["left out", f"precision@{k} lost", "AUC lost", "kept"]]
        kept = set(r["model"]["features"])
        rows += [
            [n, f"{v['precision_loss']:+.4f}", f"{v['auc_loss']:+.4f}", "yes" if n in kept else "no"]
            for n, v in r["ablation"].items()
        ]
        lines += _table(rows)
    lines.append("")
    m = r["model"]
    rows = [["feature", "transform", "coefficient"]]
    rows += [[n, t, f"{c:+.4f}"] for n, t, c in zip(m["features"], m["transforms"], m["coefficients"], strict=True)]
    lines += _table(rows)
    lines.append(f"(standardised features; intercept {m['intercept']:+.4f}; fitted on all {m['pairs']:,} pairs)")
    return lines


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
        head = (
            f"training and test documents: {s['training_ties']:,} training ties, {s['new_ties']:,} new ties "
            f"(recommending as of {s['as_of']})"
        )
    lines = [head]
    if not people["evaluated"]:
        lines.append("nobody to evaluate: no one has both a training tie and a new tie")
        return lines
    who = "all" if people["evaluated"] == people["eligible"] else "a sample of the"
    lines.append(
        f"{people['evaluated']:,} people evaluated ({who} {people['eligible']:,} with a training tie and a "
        f"new tie); k = {k}, via {r['via']}; median {people['median_candidates']:g} candidates each; "
        f"{people['with_a_new_tie_among_candidates']:,} with a new tie among their candidates"
    )
    lines.append("")
    labels = {"precision": f"precision@{k}", "hit_rate": f"hit-rate@{k}", "mrr": f"MRR@{k}"}
    p = r["plausibility"]

    def cell(x: dict, sign: str = "") -> str:
        return f"{x['value']:{sign}.3f} [{x['ci'][0]:{sign}.3f}, {x['ci'][1]:{sign}.3f}]"

    lines += _table(
        [["plausibility", *(NAMES[n] for n in PREDICTORS)]]
        + [[labels[m], *(cell(p[m][n]) for n in PREDICTORS)] for m in METRICS]
    )
    lines.append("")
    lines += _table(
        [["netgraph minus", "Adamic-Adar", "random"]]
        + [
            [labels[m], cell(p[m]["netgraph_minus_adamic_adar"], "+"), cell(p[m]["netgraph_minus_random"], "+")]
            for m in METRICS
        ]
    )
    lines.append(
        f"(95 % intervals: paired bootstrap over the people evaluated, {r['resamples']:,} resamples, seed {r['seed']})"
    )
    lines.append("")
    v = r["value"]
    rows = [
        ["value", *(NAMES[n] for n in PREDICTORS)],
        ["suggestions in a new unit", *(_percent(v["new_unit_share"][n]) for n in PREDICTORS)],
    ]
    if people["with_goals"]:
        rows.append(
            [
                f"skills to grow covered ({people['with_goals']:,} people)",
                *(_percent(v["skill_coverage"][n]) for n in PREDICTORS),
            ]
        )
    rows.append(["exposure Gini", *(f"{v['exposure_gini'][n]:.2f}" for n in PREDICTORS)])
    lines += _table(rows)
    lines.append(
        f"(exposure: how often each of the {people['could_be_suggested']:,} people who are someone's "
        "candidate is suggested; random: of its expected counts)"
    )
    lines.append("")
    f = r["future_ties"]
    lines.append(
        f"new ties of the people evaluated: {f['total']:,}; among their candidates "
        f"{_share(f['candidates'], f['total'])}, two links away but excluded "
        f"{_share(f['two_links_excluded'], f['total'])}, beyond two links (no introducer can reach them) "
        f"{_share(f['beyond_two_links'], f['total'])}"
    )
    return lines
