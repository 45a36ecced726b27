"""The learned plausibility evaluated with a rolling origin: fit, choose, refit, then test on later days.

Three periods, each a cut-off and a window (:class:`Period`):

1. **fit**: the candidate pairs of period 1, the features chosen by the
   grouped cross-validation's ablation there
   (:func:`netgraph.analysis.history_fit.fit_from_history`);
2. **choose**: models with every feature, with the ablation's choice, and
   with each feature left out in turn, each fitted every way of
   :data:`~netgraph.analysis.history_fit.OBJECTIVES` (every pair pooled;
   the order within each person, each person weighing the same; the same
   order, each of a person's (new tie, other candidate) pairs weighing the
   same) and with each regularisation of :data:`REGULARISATION`, fitted on
   period 1 and compared on period 2. One rule chooses (:func:`choose`):
   the highest precision@k, then the highest AUC, then the fewest
   features, then the first offered (objectives in their order, ``C = 1``
   first). Period 3 plays no part in it;
3. **test**: that choice refitted on the pairs of periods 1 and 2 together,
   then scored on the pairs of period 3, whose days it never saw.

``earlier``: cut-offs before period 1's (each with its window, ending by
period 1's cut-off) whose pairs join the training data of both fits: more
days of the same history, none of them later than what period 1 sees.

**A place for a new unit.** The learned score may keep every suggestion
inside the person's own unit. :func:`~netgraph.analysis.ranking_metrics.with_new_unit_slot`
gives the ``k``-th place to the best candidate in a unit new to the person
when its odds are at least a floor times the first candidate's. The floor
is chosen on period 2 (:data:`SLOT_FLOORS`): the highest whose share of
suggestions in a new unit is at least Adamic-Adar's there. The report gives
period 3 with that floor beside the plain learned order.

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
from datetime import date, timedelta
from typing import Any

import numpy as np

from netgraph.analysis.history import History
from netgraph.analysis.history_fit import (
    OBJECTIVES,
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
from netgraph.analysis.ranking_metrics import new_unit_share, per_person, with_new_unit_slot
from netgraph.model.learned import LEARNABLE

#: The regularisations offered to period 2 (scikit-learn's ``C``, the inverse of the L2 penalty), the default first.
REGULARISATION: tuple[float, ...] = (1.0, 0.1, 10.0)
#: The floors tried for the new-unit place, highest first: the candidate's odds over the first one's.
SLOT_FLOORS: tuple[float, ...] = (0.5, 0.2, 0.1, 0.05, 0.02, 0.01)


@dataclass(frozen=True)
class Period:
    """A cut-off and the days after it whose new ties are the positives."""

    cutoff: date
    window_days: int


def _stacked(periods: Sequence[Pairs]) -> tuple[Candidates, np.ndarray, np.ndarray]:
    """The pairs of several cut-offs as one training set, and a group per person and cut-off.

    People keep their integers (the same ids, sorted), so a person's
    candidates at two cut-offs are two groups.
    """
    c = Candidates(
        np.concatenate([p.candidates.person for p in periods]),
        np.concatenate([p.candidates.candidate for p in periods]),
        np.vstack([p.candidates.features for p in periods]),
    )
    span = int(max(int(c.person.max()) + 1 if len(c.person) else 1, 1))
    groups = np.concatenate([p.candidates.person.astype(np.int64) + k * span for k, p in enumerate(periods)])
    return c, np.concatenate([p.labels for p in periods]), groups


def _new_unit_share(p: Pairs, score: np.ndarray, k: int) -> float:
    c = p.candidates
    return new_unit_share(c.person, c.candidate, score, p.new_unit, p.labels, k)


def slot_floor(p: Pairs, score: np.ndarray, k: int) -> float | None:
    """The highest of :data:`SLOT_FLOORS` whose new-unit share on ``p`` is at least Adamic-Adar's; None: no place kept.

    None also when the learned order already reaches Adamic-Adar's share.
    """
    c = p.candidates
    wanted = _new_unit_share(p, c.column("adamic_adar"), k)
    if _new_unit_share(p, score, k) >= wanted:
        return None
    for floor in SLOT_FLOORS:
        if _new_unit_share(p, with_new_unit_slot(c.person, c.candidate, score, p.new_unit, k, floor), k) >= wanted:
            return floor
    return None


@dataclass(frozen=True)
class Option:
    """One model offered to period 2: an objective, a regularisation and a named set of features."""

    objective: str
    regularisation_c: float
    label: str
    features: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.objective}, C = {self.regularisation_c:g}: {self.label}"


def choose(options: Sequence[Option], choosing: dict[str, dict[str, float]]) -> Option:
    """The option period 2 chooses: the highest precision@k, then AUC, then the fewest features, then the first offered.

    >>> a, b = Option("pooled", 1.0, "every feature", ("x", "y")), Option("per_pair", 1.0, "without y", ("x",))
    >>> choose([a, b], {a.name: {"precision": 0.2, "auc": 0.8}, b.name: {"precision": 0.2, "auc": 0.8}}).name
    'per_pair, C = 1: without y'
    """
    best = options[0]
    for o in options[1:]:
        mine, theirs = choosing[o.name], choosing[best.name]
        key = (mine["precision"], mine["auc"], -len(o.features))
        if key > (theirs["precision"], theirs["auc"], -len(best.features)):
            best = o
    return best


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
    earlier: Sequence[Period] = (),
) -> dict[str, Any]:
    """Fit on period 1, choose on period 2, refit on both and test on period 3 (see the module docstring).

    ``features``: those the model may use (default: those ``recommend`` computes).
    ``earlier``: more training cut-offs, before period 1's.
    """
    first, second, third = periods
    for e in earlier:
        if e.cutoff + timedelta(days=e.window_days) > first.cutoff:
            raise ValueError(f"an earlier period ({e.cutoff}, {e.window_days} days) must end by {first.cutoff}")
    report1 = fit_from_history(
        history, cutoff=first.cutoff, window_days=first.window_days, k=k, seed=seed, trees=False, features=features
    )
    before = [pairs_at(history, e.cutoff, e.window_days) for e in earlier]
    p1 = pairs_at(history, first.cutoff, first.window_days)
    p2 = pairs_at(history, second.cutoff, second.window_days)
    p3 = pairs_at(history, third.cutoff, third.window_days)
    sets: dict[str, list[str]] = {"every feature": list(features)}
    sets["the ablation's choice"] = chosen_features(report1["ablation"], features) or list(features)
    for name in features:
        sets[f"without {name}"] = [n for n in features if n != name]
    options = [
        Option(objective, c, label, tuple(names))
        for objective in OBJECTIVES
        for c in REGULARISATION
        for label, names in sets.items()
    ]
    train, labels, groups = _stacked([*before, p1])
    choosing: dict[str, dict[str, float]] = {}
    scored: dict[str, np.ndarray] = {}
    for o in options:
        model = fit_linear(
            train, labels, o.features, objective=o.objective, groups=groups, regularisation_c=o.regularisation_c
        )
        scored[o.name] = score = model.score(p2.candidates)
        choosing[o.name] = {"precision": rounded(_precision(p2, score, k)), "auc": rounded(auc(p2.labels, score))}
    best = choose(options, choosing)
    floor = slot_floor(p2, scored[best.name], k)
    train, labels, groups = _stacked([*before, p1, p2])
    model = fit_linear(
        train, labels, best.features, objective=best.objective, groups=groups, regularisation_c=best.regularisation_c
    )
    c = p3.candidates
    scores = {
        "learned": model.score(c),
        "adamic_adar": c.column("adamic_adar"),
        "resource_allocation": c.column("resource_allocation"),
        "strength_adamic_adar": c.column("strength_adamic_adar"),
    }
    found = metrics_of(p3, scores, k)
    shares = {name: rounded(_new_unit_share(p3, s, k)) for name, s in scores.items()}
    slotted: dict[str, Any] = {"floor": floor}
    if floor is not None:
        kept = {
            **scores,
            "learned": with_new_unit_slot(c.person, c.candidate, scores["learned"], p3.new_unit, k, floor),
        }
        slotted["ranking"] = summary(metrics_of(p3, kept, k), "adamic_adar", seed)
        slotted["new_unit_share"] = rounded(_new_unit_share(p3, kept["learned"], k))
    return {
        "periods": [p1.about, p2.about, p3.about],
        "earlier": [p.about for p in before],
        "k": k,
        "chosen": best.name,
        "objective": best.objective,
        "regularisation_c": best.regularisation_c,
        "features": list(best.features),
        "choosing": choosing,
        "model": {
            "features": list(model.features),
            "transforms": list(model.transforms),
            "means": list(model.means),
            "scales": list(model.scales),
            "coefficients": list(model.coefficients),
            "intercept": model.intercept,
        },
        "auc": {name: rounded(auc(p3.labels, s)) for name, s in scores.items()},
        "ranking": summary(found, "adamic_adar", seed),
        "new_unit_share": shares,
        "new_unit_slot": slotted,
        "period1": {"ranking": report1["ranking"], "ablation": report1["ablation"], "auc": report1["auc"]},
    }
