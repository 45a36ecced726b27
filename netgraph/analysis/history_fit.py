"""Learn how this organisation's ties form, from its own history: ``netgraph evaluate --fit --from-history``.

No introduction outcomes are needed. The ties dated before a cut-off form
the network (:class:`netgraph.analysis.history.History`, without leakage);
its two-link pairs are the candidates; the pairs that became ties in the
following ``window_days`` are the positives. Each candidate pair (person,
candidate) has the features of :mod:`netgraph.analysis.pair_features`,
computed as sparse-matrix products.

**The model.** Each feature goes through a fixed transform
(:data:`TRANSFORMS`: ``log1p`` for counts and sums, none for the rest), is
standardised (the training mean and standard deviation), and scikit-learn's
logistic regression (L2, C = 1) weighs them. The score of a pair is the
linear predictor ``intercept + sum(coefficient * standardised feature)``;
only its order matters for ranking. The written model is plain numbers,
which the settings file holds as a ``[plausibility]`` table (no pickles).

**Measured honestly.** Cross-validation grouped by person (:data:`FOLDS`
folds): a person's candidates are all in one fold, and a fold trains only
on pairs naming none of its people, so the model never sees the person it
ranks, nor the mirror of a pair it is graded on (:func:`_folds`). On the held-out folds
the report gives the AUC and, per person with a positive, precision@k,
hit-rate@k and MRR@k of the learned score against plain Adamic-Adar,
resource allocation and a random order, with paired bootstrap intervals of
learned - Adamic-Adar. Gradient-boosted trees (scikit-learn's
``HistGradientBoostingClassifier``) are measured in the same folds and
reported only: the settings file cannot express them.

**The ablation.** Each feature is left out in turn and the cross-validation
run again; a feature *earns its place* when leaving it out lowers the
held-out precision@k or AUC. The written model keeps those that do
(:func:`chosen_features`) and is refitted on all pairs.

**Too little history.** With fewer than ``min_positives`` positive pairs
the fit refuses: it says how much history it used, and the default formula
stays.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import scipy.sparse as sp

from netgraph.analysis.evaluate_metrics import RESAMPLES, bootstrap_means, interval
from netgraph.analysis.history import History
from netgraph.analysis.pair_features import FEATURES, Candidates, Projection, candidate_features, project
from netgraph.analysis.ranking_metrics import per_person, random_per_person
from netgraph.errors import Conflict
from netgraph.model.learned import LEARNABLE
from netgraph.model.validate import check_whole_number

#: Each feature's fixed transform before standardising.
TRANSFORMS: Mapping[str, str] = {
    "adamic_adar": "log1p",
    "resource_allocation": "log1p",
    "common_contacts": "log1p",
    "strength_adamic_adar": "log1p",
    "strongest_path": "identity",
    "person_strength": "log1p",
    "candidate_strength": "log1p",
    "person_degree": "log1p",
    "candidate_degree": "log1p",
    "recent_common": "log1p",
    "same_unit": "identity",
    "unit_distance": "identity",
    "level_gap": "identity",
    "pair_contacts": "log1p",
    "pair_evidence": "identity",
    "pair_met": "identity",
}
FOLDS = 5
DEFAULT_K = 10
DEFAULT_WINDOW_DAYS = 90
#: Fewest positive pairs a fit needs (the ``min_positives`` argument's default).
MIN_POSITIVES = 50
#: Leaving a feature out must lower held-out precision@k or AUC by more than this for it to stay.
EARNS_ITS_PLACE = 1e-4
#: How a linear model may be fitted (:func:`fit_linear`): every pair as one sample, or the order within each person,
#: each person weighing the same (``per_person``) or each (new tie, other candidate) pair the same (``per_pair``).
OBJECTIVES: tuple[str, ...] = ("pooled", "per_person", "per_pair")
#: The objective ``evaluate --fit --from-history`` fits by.
DEFAULT_OBJECTIVE = "pooled"
#: The baselines, in reporting order (each a feature column; random is an exact expectation).
BASELINES: tuple[str, ...] = ("adamic_adar", "resource_allocation", "random")


def transformed(values: np.ndarray, transform: str) -> np.ndarray:
    """A feature column through its fixed transform.

    >>> transformed(np.array([0.0, np.e - 1]), "log1p").tolist(), transformed(np.array([-2.0]), "identity").tolist()
    ([0.0, 1.0], [-2.0])
    """
    if transform == "log1p":
        return np.asarray(np.log1p(np.maximum(values, 0.0)), dtype=np.float64)
    return values


@dataclass(frozen=True)
class LinearModel:
    """What the settings file holds: features, transforms, standardisation, coefficients, intercept."""

    features: tuple[str, ...]
    transforms: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coefficients: tuple[float, ...]
    intercept: float

    def score(self, c: Candidates) -> np.ndarray:
        """The linear predictor of each candidate pair."""
        total = np.full(len(c.person), self.intercept)
        for name, transform, m, s, w in zip(
            self.features, self.transforms, self.means, self.scales, self.coefficients, strict=True
        ):
            total = total + w * (transformed(c.column(name), transform) - m) / s
        return total


def _design(c: Candidates, names: Sequence[str]) -> np.ndarray:
    return np.column_stack([transformed(c.column(n), TRANSFORMS[n]) for n in names])


def within_person_differences(z: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each (positive, negative) pair of rows of one group as ``z[positive] - z[negative]``, and its weight.

    A group is one person's candidates at one cut-off. Each group's pairs
    weigh 1 in all (``1 / (positives x negatives)`` each), so every person
    counts once, as in precision@k's per-person mean; groups without both a
    positive and a negative say nothing about an order and are left out.

    >>> d, w = within_person_differences(np.array([[1.0], [0.0], [3.0], [2.0], [5.0]]),
    ...                                  np.array([1, 0, 1, 0, 0]), np.array([0, 0, 1, 1, 1]))
    >>> d.ravel().tolist(), w.tolist()
    ([1.0, 1.0, -2.0], [1.0, 0.5, 0.5])
    """
    positive = np.flatnonzero(y == 1)
    negative = np.flatnonzero(y == 0)
    negative = negative[np.argsort(groups[negative], kind="stable")]
    keys, first, count = np.unique(groups[negative], return_index=True, return_counts=True)
    positive = positive[np.isin(groups[positive], keys)]
    slot = np.searchsorted(keys, groups[positive])
    per_positive = count[slot]
    left = np.repeat(positive, per_positive)
    offsets = np.arange(int(per_positive.sum())) - np.repeat(np.cumsum(per_positive) - per_positive, per_positive)
    right = negative[np.repeat(first[slot], per_positive) + offsets]
    positives_of = np.bincount(slot, minlength=len(keys))
    weight = 1.0 / (np.repeat(per_positive, per_positive) * positives_of[np.repeat(slot, per_positive)])
    return z[left] - z[right], weight


def fit_linear(
    c: Candidates,
    labels: np.ndarray,
    names: Sequence[str],
    rows: np.ndarray | None = None,
    *,
    objective: str = "pooled",
    groups: np.ndarray | None = None,
    regularisation_c: float = 1.0,
) -> LinearModel:
    """Logistic regression on the standardised, transformed ``names`` (over ``rows`` of ``c``, default all).

    ``objective`` (:data:`OBJECTIVES`): ``pooled`` fits every pair as one
    sample, so people with many candidates dominate; ``per_person`` fits the
    order within each person (``groups``, default ``c.person``: pass one
    integer per person and cut-off when periods are stacked), each person
    weighing the same (:func:`within_person_differences`), and places the
    intercept at the log-odds of the training pairs' base rate (the odds of
    a pair whose every feature is at its mean); ``per_pair`` fits the same
    order with each (new tie, other candidate) pair of a person weighing 1,
    so people with many candidates and new ties weigh more. All three are
    the same linear model, which the ``[plausibility]`` table holds.
    ``regularisation_c``: scikit-learn's ``C``, the inverse of the L2
    penalty (the rolling origin chooses it on its second period).
    """
    from sklearn.linear_model import LogisticRegression  # heavy: imported only when fitting

    if objective not in OBJECTIVES:
        raise Conflict(f"unknown objective {objective!r}; known: {', '.join(OBJECTIVES)}")
    x = _design(c, names)
    y = labels
    g = c.person if groups is None else groups
    if rows is not None:
        x, y, g = x[rows], y[rows], g[rows]
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales = np.where(scales > 0, scales, 1.0)
    z = (x - means) / scales
    if objective == "pooled":
        model = LogisticRegression(C=regularisation_c, solver="newton-cholesky", max_iter=100)
        model.fit(z, y)
        coefficients, intercept = model.coef_[0], float(model.intercept_[0])
    else:
        d, w = within_person_differences(z, y, g)
        if objective == "per_pair":
            w = np.ones_like(w)
        model = LogisticRegression(C=regularisation_c, solver="newton-cholesky", max_iter=100, fit_intercept=False)
        # both signs of each difference: the model orders the two, and the classes balance
        model.fit(np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))], sample_weight=np.r_[w, w] / w.mean())
        rate = float(np.clip(y.mean(), 1e-9, 1 - 1e-9))
        coefficients, intercept = model.coef_[0], float(np.log(rate / (1.0 - rate)))
    return LinearModel(
        tuple(names),
        tuple(TRANSFORMS[n] for n in names),
        tuple(rounded(m) for m in means),
        tuple(rounded(s) for s in scales),
        tuple(rounded(float(w)) for w in coefficients),
        rounded(intercept),
    )


def rounded(x: float) -> float:
    return round(float(x), 6)


# -- the data of one cut-off ---------------------------------------------------------------------


@dataclass
class Pairs:
    """The candidates of one cut-off, their labels, and how much history made them."""

    candidates: Candidates
    labels: np.ndarray
    ids: list[str]
    about: dict[str, Any]
    #: 1 where the candidate works in a unit where the person knows no one (and that is not their own)
    new_unit: np.ndarray


def pairs_at(
    history: History,
    cutoff: date,
    window_days: int,
    *,
    sample: int | None = None,
    seed: int = 0,
    half_life_days: float | None = None,
) -> Pairs:
    """The labelled candidate pairs of ``cutoff``: two links away then, positive when linked within the window."""
    network = history.network(cutoff)
    new = history.new_ties(cutoff, window_days)
    people = [p["id"] for p in history.document.get("people", [])]
    half_life = float(half_life_days or window_days)
    projection = project(people, network, cutoff, half_life, history.pair_evidence(cutoff))
    rows = None
    linked = sorted({p for pair in network for p in pair if p in projection.index})
    if sample is not None and sample < len(linked):
        rows = sorted(random.Random(seed).sample(linked, sample))
    units = {p["id"]: p.get("org_unit") for p in history.document.get("people", [])}
    levels = {p["id"]: p.get("level") for p in history.document.get("people", [])}
    parents = {u["id"]: u.get("parent") for u in history.document.get("org_units", [])}
    started = time.perf_counter()
    c = candidate_features(projection, units, levels, parents, rows)
    seconds = time.perf_counter() - started
    index = projection.index
    n = len(projection.ids)
    new_keys = np.array(
        sorted(
            k for a, b in new if a in index and b in index for k in (index[a] * n + index[b], index[b] * n + index[a])
        ),
        dtype=np.int64,
    )
    keys = c.person.astype(np.int64) * n + c.candidate
    labels = np.isin(keys, new_keys).astype(np.int64)
    in_rows = new if rows is None else {(a, b) for a, b in new if a in set(rows) or b in set(rows)}
    about = {
        "cutoff": cutoff.isoformat(),
        "window_days": window_days,
        "window_end": (cutoff + timedelta(days=window_days)).isoformat(),
        "people": n,
        "ties_before": len(network),
        "new_ties": len(new),
        "new_ties_of_persons": len(in_rows),
        "persons": len(linked) if rows is None else len(rows),
        "sampled": rows is not None,
        "pairs": len(labels),
        "positives": int(labels.sum()),
        "feature_seconds": round(seconds, 3),
    }
    return Pairs(c, labels, projection.ids, about, new_unit_pairs(projection, units, c))


def new_unit_pairs(projection: Projection, units: Mapping[str, str | None], c: Candidates) -> np.ndarray:
    """1.0 where the candidate's unit is neither the person's nor any of their contacts' (sparse products)."""
    known = sorted({u for u in units.values() if u is not None})
    code = {u: k for k, u in enumerate(known)}
    member = np.array([code.get(units.get(i) or "", -1) for i in projection.ids], dtype=np.int64)
    has = member >= 0
    n = len(projection.ids)
    incidence = sp.csr_matrix(
        (np.ones(int(has.sum())), (np.flatnonzero(has), member[has])), shape=(n, max(len(known), 1))
    )
    reached = (projection.links @ incidence + incidence).tocsr()
    reached.sum_duplicates()
    target = member[c.candidate]
    seen = np.asarray(reached[c.person, np.maximum(target, 0)]).ravel()
    return np.asarray((target >= 0) & (seen == 0), dtype=np.float64)


# -- measuring -----------------------------------------------------------------------------------


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores)) if 0 < labels.sum() < len(labels) else 0.5


def _folds(c: Candidates, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Train and test rows of each fold, grouped by person and closed under the pair's mirror.

    People are dealt at random into ``folds`` groups. A fold tests the pairs
    whose person is in its group, and trains on the pairs that name nobody
    of the group on either side: the mirror pair (candidate, person) holds
    the same symmetric features and the same label, and a model that saw it
    would be graded on what it memorised.
    """
    people = np.unique(c.person)
    rng = np.random.default_rng(seed)
    group = np.empty(int(max(c.person.max(), c.candidate.max())) + 1 if len(c.person) else 0, dtype=np.int64)
    group.fill(-1)
    group[people] = rng.permutation(len(people)) % min(folds, len(people))
    out = []
    for f in range(min(folds, len(people))):
        test = np.flatnonzero(group[c.person] == f)
        train = np.flatnonzero((group[c.person] != f) & (group[c.candidate] != f))
        out.append((train, test))
    return out


def held_out_scores(
    p: Pairs,
    names: Sequence[str],
    splits: list[tuple[np.ndarray, np.ndarray]],
    *,
    trees: bool = False,
    objective: str = "pooled",
) -> np.ndarray:
    """Each pair's score from a model fitted on the other folds (logistic regression, or boosted trees)."""
    out = np.zeros(len(p.labels))
    for train, test in splits:
        if trees:
            from sklearn.ensemble import HistGradientBoostingClassifier

            x = _design(p.candidates, names)
            model = HistGradientBoostingClassifier(random_state=0, early_stopping=False)
            model.fit(x[train], p.labels[train])
            out[test] = model.predict_proba(x[test])[:, 1]
        else:
            fitted = fit_linear(p.candidates, p.labels, names, train, objective=objective)
            out[test] = fitted.score(p.candidates)[test]
    return out


def metrics_of(p: Pairs, scores: Mapping[str, np.ndarray], k: int) -> dict[str, dict[str, np.ndarray]]:
    """Per-person precision, hit-rate and MRR of each named score (and of random), same people for all."""
    c = p.candidates
    found = {name: per_person(c.person, c.candidate, s, p.labels, k) for name, s in scores.items()}
    found["random"] = random_per_person(c.person, p.labels, k)
    return found


def summary(found: Mapping[str, Mapping[str, np.ndarray]], against: str, seed: int) -> dict[str, Any]:
    """Means, and paired bootstrap intervals of (learned - each baseline), per metric."""
    out: dict[str, Any] = {"people": int(len(found["learned"]["person"]))}
    rng = random.Random(seed)
    for metric in ("precision", "hit_rate", "mrr"):
        columns = {name: found[name][metric].tolist() for name in found}
        means = bootstrap_means(
            {
                f"learned_minus_{b}": [x - y for x, y in zip(columns["learned"], columns[b], strict=True)]
                for b in found
                if b != "learned"
            },
            resamples=RESAMPLES,
            rng=rng,
        )
        out[metric] = {
            "mean": {
                name: rounded(np.mean(found[name][metric])) if len(found[name][metric]) else 0.0 for name in found
            },
            "difference": {
                name: {
                    "value": rounded(np.mean(values)) if values else 0.0,
                    "ci": [rounded(x) for x in interval(means[f"learned_minus_{name}"])],
                }
                for name in found
                if name != "learned"
                for values in [[x - y for x, y in zip(columns["learned"], columns[name], strict=True)]]
            },
        }
        base = out[metric]["mean"][against]
        out[metric]["ratio_to_" + against] = rounded(out[metric]["mean"]["learned"] / base) if base else None
    return out


def chosen_features(ablation: Mapping[str, Mapping[str, float]], names: Sequence[str] = LEARNABLE) -> list[str]:
    """The ``names`` whose leaving out lowers held-out precision@k or AUC by more than :data:`EARNS_ITS_PLACE`."""
    return [
        n
        for n in names
        if n in ablation and max(ablation[n]["precision_loss"], ablation[n]["auc_loss"]) > EARNS_ITS_PLACE
    ]


def fit_from_history(
    history: History,
    *,
    cutoff: date | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    k: int = DEFAULT_K,
    sample: int | None = None,
    seed: int = 0,
    folds: int = FOLDS,
    min_positives: int = MIN_POSITIVES,
    ablation: bool = True,
    trees: bool = True,
    features: Sequence[str] = LEARNABLE,
    objective: str = DEFAULT_OBJECTIVE,
) -> dict[str, Any]:
    """Fit the learned plausibility on ``history``; a JSON-ready report with the model to write.

    ``objective``: how the logistic regression weighs the pairs (:func:`fit_linear`).

    ``features``: those the model may use (default: those ``recommend``
    computes, :data:`netgraph.model.learned.LEARNABLE`; any of
    :data:`~netgraph.analysis.pair_features.FEATURES` to measure others).

    ``cutoff`` default: ``window_days`` before the day after the last dated
    tie, so the window covers the newest history. Raises
    :class:`~netgraph.errors.Conflict` with fewer than ``min_positives``
    positive pairs (saying how much history there was).
    """
    check_whole_number("window", window_days, 1, 36_500)
    check_whole_number("k", k, 1, 100)
    check_whole_number("folds", folds, 2, 20)
    check_whole_number("seed", seed, 0, 2**32 - 1)
    if sample is not None:
        check_whole_number("sample", sample, 1, 10_000_000)
    if cutoff is None:
        days = history.dated_days()
        if not days:
            raise Conflict("no tie is dated: there is no history to learn from; the default formula stays")
        cutoff = date.fromisoformat(days[-1]) + timedelta(days=1) - timedelta(days=window_days)
    from threadpoolctl import threadpool_limits  # scikit-learn's own dependency

    with threadpool_limits(1):  # small fits: threads fighting over shared cores only slow them down
        return _fit(
            history, cutoff, window_days, k, sample, seed, folds, min_positives, ablation, trees, features, objective
        )


def _fit(
    history: History,
    cutoff: date,
    window_days: int,
    k: int,
    sample: int | None,
    seed: int,
    folds: int,
    min_positives: int,
    ablation: bool,
    trees: bool,
    features: Sequence[str],
    objective: str,
) -> dict[str, Any]:
    if objective not in OBJECTIVES:
        raise Conflict(f"unknown objective {objective!r}; known: {', '.join(OBJECTIVES)}")
    started = time.perf_counter()
    p = pairs_at(history, cutoff, window_days, sample=sample, seed=seed)
    if p.about["positives"] < min_positives:
        a = p.about
        raise Conflict(
            f"too little history to learn from: {a['positives']:,} candidate pairs became ties between "
            f"{a['cutoff']} and {a['window_end']} (from {a['ties_before']:,} ties before {a['cutoff']} and "
            f"{a['new_ties']:,} new ties in the window); the fit needs at least {min_positives:,}. "
            "The default formula stays"
        )
    splits = _folds(p.candidates, folds, seed)
    unknown = sorted(set(features) - set(FEATURES))
    if unknown or not features:
        raise Conflict(f"unknown features {unknown}; known: {', '.join(FEATURES)}")
    learned = held_out_scores(p, features, splits, objective=objective)
    scores = {
        "learned": learned,
        "adamic_adar": p.candidates.column("adamic_adar"),
        "resource_allocation": p.candidates.column("resource_allocation"),
        "strength_adamic_adar": p.candidates.column("strength_adamic_adar"),
    }
    if trees:
        scores["boosted_trees"] = held_out_scores(p, features, splits, trees=True)
    found = metrics_of(p, scores, k)
    report: dict[str, Any] = {
        "history": p.about,
        "k": k,
        "folds": len(splits),
        "seed": seed,
        "auc": {name: rounded(auc(p.labels, s)) for name, s in scores.items()},
        "ranking": summary(found, "adamic_adar", seed),
    }
    kept = list(features)
    if ablation:
        base_precision = float(np.mean(found["learned"]["precision"]))
        base_auc = auc(p.labels, learned)
        report["ablation"] = {}
        for name in features:
            rest = [n for n in features if n != name]
            without = held_out_scores(p, rest, splits, objective=objective)
            m = per_person(p.candidates.person, p.candidates.candidate, without, p.labels, k)
            report["ablation"][name] = {
                "precision_loss": rounded(base_precision - float(np.mean(m["precision"]))),
                "auc_loss": rounded(base_auc - auc(p.labels, without)),
            }
        kept = chosen_features(report["ablation"], features) or list(features)
    model = fit_linear(p.candidates, p.labels, kept, objective=objective)
    report["objective"] = objective
    report["model"] = {
        "features": list(model.features),
        "transforms": list(model.transforms),
        "means": list(model.means),
        "scales": list(model.scales),
        "coefficients": list(model.coefficients),
        "intercept": model.intercept,
        "cutoff": p.about["cutoff"],
        "window_days": window_days,
        "recency_half_life_days": float(window_days),
        "pairs": p.about["pairs"],
        "positives": p.about["positives"],
    }
    report["seconds"] = round(time.perf_counter() - started, 3)
    return report


# -- the settings file -----------------------------------------------------------------------------


def _toml_list(values: Sequence[Any]) -> str:
    return "[" + ", ".join(f'"{v}"' if isinstance(v, str) else repr(v) for v in values) + "]"


def plausibility_toml(report: Mapping[str, Any], *, today: date | None = None) -> str:
    """The learned model as a ``[plausibility]`` table of the recommendation settings file.

    >>> r = {"model": {"features": ["adamic_adar"], "transforms": ["log1p"], "means": [0.5], "scales": [0.25],
    ...                "coefficients": [1.5], "intercept": -3.0, "cutoff": "2026-01-01", "window_days": 30,
    ...                "recency_half_life_days": 30.0, "pairs": 1000, "positives": 80},
    ...      "ranking": {"people": 40, "precision": {"mean": {"learned": 0.2, "adamic_adar": 0.1}}}, "k": 10}
    >>> print(plausibility_toml(r, today=date(2026, 2, 1)))  # doctest: +NORMALIZE_WHITESPACE
    # netgraph recommendation settings: how ties form here, fitted by
    # `netgraph evaluate --fit --from-history` on 2026-02-01 from the ties before 2026-01-01
    # and those formed in the 30 days after; held-out precision@10 (40 people): 0.200 learned,
    # 0.100 Adamic-Adar.
    [plausibility]
    features = ["adamic_adar"]
    transforms = ["log1p"]
    means = [0.5]
    scales = [0.25]
    coefficients = [1.5]
    intercept = -3.0
    cutoff = "2026-01-01"
    window_days = 30
    recency_half_life_days = 30.0
    pairs = 1000
    positives = 80
    """
    m, ranking = report["model"], report["ranking"]
    precision = ranking["precision"]["mean"]
    lines = [
        "# netgraph recommendation settings: how ties form here, fitted by",
        f"# `netgraph evaluate --fit --from-history` on {(today or date.today()).isoformat()} from the ties "
        f"before {m['cutoff']}",
        f"# and those formed in the {m['window_days']} days after; held-out precision@{report['k']} "
        f"({ranking['people']:,} people): {precision['learned']:.3f} learned,",
        f"# {precision['adamic_adar']:.3f} Adamic-Adar.",
        "[plausibility]",
    ]
    for key in ("features", "transforms", "means", "scales", "coefficients"):
        lines.append(f"{key} = {_toml_list(m[key])}")
    lines.append(f"intercept = {m['intercept']!r}")
    lines.append(f'cutoff = "{m["cutoff"]}"')
    for key in ("window_days", "recency_half_life_days", "pairs", "positives"):
        lines.append(f"{key} = {m[key]!r}")
    return "\n".join(lines) + "\n"
