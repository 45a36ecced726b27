"""A cohort at once, and the fit of the weights, on the generated organisation (embedded store).

Measures, at the default 100k people:

* ``cohort(store, 2,000 mentees)``: a seeded sample of the people with an
  active mentor, up to 3 suggestions each, nobody suggested to more than 3
  people (the defaults), then to more than 1; via their mentors (the
  programme's case) and via all their contacts. The time of the whole call, and apart: building the candidate
  lists (one ``recommend`` per person) and the assignment (the min-cost
  flow). With the score given up, the exposure Gini before and after, and a
  greedy pass for comparison.
* ``fit``: the generated organisation's introductions given outcomes that
  follow known weights (``simulated_outcomes``), then the features (as the
  graph stood on each introduction's day), the fit and its 5-fold
  cross-validation: the time, and the weights recovered against the known ones.

Embedded store only: the benchmark Neo4j is shared, and the contract suite
holds both stores to the same assignment (``tests/contract/test_cohort.py``).

Run: ``python -m benchmarks.bench_cohort [--people N]``.
"""

from __future__ import annotations

import random
from datetime import date

from benchmarks.common import dataset_file, run_from_command_line, timed
from netgraph.analysis.cohort import (
    DEFAULT_MAX_EXPOSURE,
    DEFAULT_PER_PERSON,
    all_mentees,
    assign,
    cohort,
    pool_size,
)
from netgraph.analysis.fit import fit, introduction_features, simulated_outcomes
from netgraph.analysis.recommend import recommend
from netgraph.errors import Conflict
from netgraph.io.documents import read_document
from netgraph.model.rules import WEIGHTED
from netgraph.model.validate import validate
from netgraph.store.embedded import EmbeddedStore

TODAY = date(2026, 11, 24)
COHORT = 2000
#: The weights the benchmark's simulated outcomes follow (the rest 0).
KNOWN = {"seniority_fit": 0.5, "tie_strength": 0.3, "new_reach": 0.2}


#: (via, max exposure) of each run.
RUNS = (("mentors", DEFAULT_MAX_EXPOSURE), ("all", DEFAULT_MAX_EXPOSURE), ("mentors", 1), ("all", 1))


def candidate_lists(store, people: list[str], via: str) -> dict:
    """What ``cohort`` asks of ``recommend``: each open person's list (those closed to introductions are skipped)."""
    records = store.people(people)
    lists = {}
    for person in people:
        if records[person].get("open_to_intros") is False:
            continue
        try:
            results = recommend(store, person, via=via, limit=pool_size(DEFAULT_PER_PERSON), today=TODAY)["results"]
        except Conflict:
            continue
        lists[person] = [(r["candidate"], r["score"]) for r in results]
    return lists


def one_cohort(store, people: list[str], via: str, max_exposure: int) -> dict:
    seconds, report = timed(
        cohort, store, people, per_person=DEFAULT_PER_PERSON, max_exposure=max_exposure, via=via, today=TODAY
    )
    lists_s, lists = timed(candidate_lists, store, people, via)
    assign_s, _ = timed(assign, lists, per_person=DEFAULT_PER_PERSON, max_exposure=max_exposure)
    why: dict[str, int] = {}
    for w in report["without"]:
        why[w["why"]] = why.get(w["why"], 0) + 1
    return {
        "via": via,
        "max_exposure": max_exposure,
        "total_s": round(seconds, 2),
        "lists_s": round(lists_s, 2),
        "assign_s": round(assign_s, 2),
        "suggestions": len(report["rows"]),
        "people": report["people"],
        "score": report["score"],
        "exposure": report["exposure"],
        "without": why,
        "candidates_listed": sum(len(c) for c in lists.values()),
    }


def fit_figures(clean: dict) -> dict:
    simulate_s, known = timed(simulated_outcomes, clean, KNOWN, seed=0, strength=12)
    features_s, features = timed(introduction_features, known)
    fit_s, report = timed(fit, known)
    weights = report["weights"]
    order = sorted(WEIGHTED, key=lambda name: -weights[name])
    return {
        "introductions": report["introductions"],
        "features_s": round(features_s, 2),
        "fit_s": round(fit_s, 2),
        "simulate_s": round(simulate_s, 2),
        "known": KNOWN,
        "weights": weights,
        "order_recovered": order[: len(KNOWN)] == sorted(KNOWN, key=lambda name: -KNOWN[name]),
        "cross_validation": report["cross_validation"],
        "featured": len(features),
    }


def run(people: int) -> dict:
    document, where = read_document(dataset_file(people))
    clean = validate(document, where=where)
    store = EmbeddedStore(None, freeze_graph=True)
    store.write(clean)
    mentees_s, mentees = timed(all_mentees, store)
    sample = sorted(random.Random(5).sample(mentees, min(COHORT, len(mentees))))
    result = {
        "people": people,
        "mentees": len(mentees),
        "mentees_s": round(mentees_s, 2),
        "cohort": len(sample),
        "per_person": DEFAULT_PER_PERSON,
        "runs": [one_cohort(store, sample, via, n) for via, n in RUNS],
    }
    del store
    result["fit"] = fit_figures(clean)
    return result


def table(r: dict) -> str:
    """The figures as docs/benchmarks/cohort.md shows them."""
    lines = [
        f"A cohort at once (`recommend --cohort`), on the embedded store: {r['cohort']:,} of the "
        f"{r['mentees']:,} people with an active mentor in the {r['people']:,}-person organisation (a seeded "
        f"sample), up to {r['per_person']} suggestions each, nobody suggested to more than N people; times in "
        f"seconds. (Finding the mentees, `--all-mentees`: {r['mentees_s']} s.)",
        "",
        "| via | N | whole run | candidate lists | assignment | suggestions | score given up "
        "| a greedy pass keeps | exposure Gini, uncapped → capped | most suggested | without a suggestion |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run_ in r["runs"]:
        s, e = run_["score"], run_["exposure"]
        without = ", ".join(f"{why} {n:,}" for why, n in sorted(run_["without"].items())) or "none"
        lines.append(
            f"| {run_['via']} | {run_['max_exposure']} | {run_['total_s']} | {run_['lists_s']} | {run_['assign_s']} | "
            f"{run_['suggestions']:,} to {run_['people']['suggested']:,} people | "
            f"{s['given_up']:.1f} of {s['uncapped']:.1f} ({s['given_up_share']:.1%}) | "
            f"{s['greedy']:.1f} (the assignment {s['assigned']:.1f}) | {e['gini_uncapped']:.2f} → "
            f"{e['gini_assigned']:.2f} | {e['most_uncapped']} → {e['most_assigned']} | {without} |"
        )
    f = r["fit"]
    n, cv = f["introductions"], f["cross_validation"]
    known = ", ".join(f"{name} {w}" for name, w in f["known"].items())
    got = ", ".join(f"{name} {f['weights'][name]:.2f}" for name in sorted(WEIGHTED, key=lambda x: -f["weights"][x]))
    lines += [
        "",
        f"Fitting the weights (`evaluate --fit`) on the same organisation, its {n['labelled']:,} introductions given "
        f"outcomes that follow known weights ({known}; the rest 0): features as the graph stood on each "
        f"introduction's day {f['features_s']} s; the whole fit with 5-fold cross-validation {f['fit_s']} s "
        f"(features included). Recovered: {got}; the order of the known weights "
        f"{'recovered' if f['order_recovered'] else '**not** recovered'}. Held-out AUC {cv['auc']['fitted']:.3f} "
        f"fitted, {cv['auc']['default']:.3f} with the default weights (gain {cv['gain']:+.3f}).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    run_from_command_line(run)
