"""The learned plausibility evaluated with a rolling origin: fit, choose, refit, then test on later days.

Three periods, each a cut-off and a window (:class:`Period`):

1. **fit**: the candidate pairs of period 1, the features chosen by the
   grouped cross-validation's ablation there
   (:func:`netgraph.analysis.history_fit.fit_from_history`);
2. **choose**: models with every feature, with the ablation's choice, and
   with each feature left out in turn, fitted on period 1 and compared on
   period 2 by precision@k (then AUC); the best set wins;
3. **test**: that set refitted on the pairs of periods 1 and 2 together,
   then scored on the pairs of period 3, whose days it never saw.

On period 3 the report gives, per person with a new tie among their
candidates, precision@k, hit-rate@k and MRR@k of the learned score, plain
Adamic-Adar, resource allocation, today's plausibility and a random order
(its exact expectation), each difference learned - baseline with a paired
bootstrap 95 % interval, and the share of the top-k suggestions in a unit
new to the person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from netgraph.analysis.history import History
from netgraph.analysis.history_fit import (
    Pairs,
    auc,
    chosen_features,
    fit_from_history,
    fit_linear,
    metrics_of,
    pairs_at,
    rounded,
    summary,
)
from netgraph.analysis.pair_features import Candidates
from netgraph.analysis.ranking_metrics import new_unit_share, per_person
from netgraph.model.learned import LEARNABLE


@dataclass(frozen=True)
class Period:
    """A cut-off and the days after it whose new ties are the positives."""

    cutoff: date
    window_days: int


def _stacked(a: Pairs, b: Pairs) -> tuple[Candidates, np.ndarray]:
    """The pairs of two periods as one training set (people keep their integers: the same ids, sorted)."""
    c = Candidates(
        np.concatenate([a.candidates.person, b.candidates.person]),
        np.concatenate([a.candidates.candidate, b.candidates.candidate]),
        np.vstack([a.candidates.features, b.candidates.features]),
    )
    return c, np.concatenate([a.labels, b.labels])


def _precision(p: Pairs, score: np.ndarray, k: int) -> float:
    m = per_person(p.candidates.person, p.candidates.candidate, score, p.labels, k)
    return float(np.mean(m["precision"])) if len(m["precision"]) else 0.0


def rolling_origin(
    history: History,
    periods: tuple[Period, Period, Period],
    *,
    k: int = 10,
    seed: int = 0,
    features: Sequence[str] = LEARNABLE,
) -> dict[str, Any]:
    """Fit on period 1, choose on period 2, refit on both and test on period 3 (see the module docstring).

    ``features``: those the model may use (default: those ``recommend`` computes).
    """
    first, second, third = periods
    report1 = fit_from_history(
        history, cutoff=first.cutoff, window_days=first.window_days, k=k, seed=seed, trees=False, features=features
    )
    p1 = pairs_at(history, first.cutoff, first.window_days)
    p2 = pairs_at(history, second.cutoff, second.window_days)
    p3 = pairs_at(history, third.cutoff, third.window_days)
    options: dict[str, list[str]] = {"every feature": list(features)}
    options["the ablation's choice"] = chosen_features(report1["ablation"], features) or list(features)
    for name in features:
        options[f"without {name}"] = [n for n in features if n != name]
    choosing = {}
    for label, names in options.items():
        model = fit_linear(p1.candidates, p1.labels, names)
        score = model.score(p2.candidates)
        choosing[label] = {"precision": rounded(_precision(p2, score, k)), "auc": rounded(auc(p2.labels, score))}
    best = max(options, key=lambda o: (choosing[o]["precision"], choosing[o]["auc"], -len(options[o])))
    both, labels = _stacked(p1, p2)
    model = fit_linear(both, labels, options[best])
    c = p3.candidates
    scores = {
        "learned": model.score(c),
        "adamic_adar": c.column("adamic_adar"),
        "resource_allocation": c.column("resource_allocation"),
        "strength_adamic_adar": c.column("strength_adamic_adar"),
    }
    found = metrics_of(p3, scores, k)
    shares = {
        name: rounded(new_unit_share(c.person, c.candidate, s, p3.new_unit, p3.labels, k)) for name, s in scores.items()
    }
    return {
        "periods": [p1.about, p2.about, p3.about],
        "k": k,
        "chosen": best,
        "features": options[best],
        "choosing": choosing,
        "model": {
            "features": list(model.features),
            "coefficients": list(model.coefficients),
            "intercept": model.intercept,
        },
        "auc": {name: rounded(auc(p3.labels, s)) for name, s in scores.items()},
        "ranking": summary(found, "adamic_adar", seed),
        "new_unit_share": shares,
        "period1": {"ranking": report1["ranking"], "ablation": report1["ablation"], "auc": report1["auc"]},
    }
