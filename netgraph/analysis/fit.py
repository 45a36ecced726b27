"""Learn the recommendation weights from the organisation's own introductions: ``netgraph evaluate --fit``.

The default weights of :class:`~netgraph.model.rules.RecommendSettings` are a
guess. An organisation that has been making introductions for a while knows
which ones took: this fits the weights to those outcomes.

**Labels.** Positive: ``met``, rated 3 or more or not rated. Negative:
``declined``, or ``met`` and rated 1-2. Closed introductions (one of the two
left) are left out, and so are those still open (proposed, made, accepted).
Fitting needs at least :data:`MIN_LABELLED` labelled introductions with at
least :data:`MIN_EACH` of each class; below that it refuses, and says how many
there are.

**Features, without leakage.** Each introduction ``by`` introduces ``introduce``
(the person) to ``to`` (the candidate). Its features are the score's
components (:func:`netgraph.analysis.recommend.components`, by the same
rules) as the graph stood on its ``created_on`` day:

* only KNOWS and MENTORS ties whose ``since`` is before that day (undated
  ties count as always there), and never a tie between the two people
  introduced, so not the KNOWS link the introduction itself created when
  they met;
* only introductions created before that day: they alone count for
  fairness, and an introducer's track record counts only the ratings of
  those, and only when they were met before that day (when ``met_on`` is
  recorded);
* people who left before that day (``left_on``) are not in the network; those
  who left later still are.

Skills, goals, levels and org units are today's: the store keeps no history
of them (as in ``netgraph evaluate --split``). Rather than build one store
per day, the network is advanced day by day through the introductions'
dates, in one pass: the components equal those
``recommendation_inputs`` gives on a store holding the graph of that day
(``tests/unit/test_fit.py`` checks it).

**The fit.** scikit-learn's logistic regression (a well-kept library, not a
hand-written optimiser), on the six weighted components
(:data:`~netgraph.model.rules.WEIGHTED`, each in [0, 1] as the score uses
it, so a coefficient is directly a weight) and, as a control, the log of
1 + plausibility: the score multiplies by plausibility, and value weights
should not be credited with what plausibility explains. It is not written,
as no setting weighs it. Lightly regularised (scikit-learn's default L2, C =
1), so a small data set gives finite weights. A weight cannot be negative in
the score, so a component whose coefficient comes out negative is taken out
and the rest refitted, until none is (an active set: the constrained fit
puts such a weight at its bound, 0). The weights are the coefficients
scaled to sum to 1.

**How much better.** 5-fold stratified cross-validation: the weights are
fitted on four folds, and on the fifth the area under the ROC curve (AUC) of
the weighted sum of the six components is measured with the fitted weights
and with the default ones. The report gives both, per fold and averaged, and
the gain. (Plausibility enters both sums alike, so it is left out of both.)

**The settings file.** :func:`settings_toml` writes the weights as a
``[recommend]`` table that ``NETGRAPH_RECOMMEND_FILE`` loads
(:mod:`netgraph.settings`).
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from datetime import date, timedelta
from typing import Any

from netgraph.analysis.recommend import components
from netgraph.errors import Conflict
from netgraph.model import rules
from netgraph.model.rules import WEIGHTED, RecommendSettings
from netgraph.model.validate import check_whole_number

#: Fewest labelled introductions a fit needs, and fewest of each class.
MIN_LABELLED = 50
MIN_EACH = 10
FOLDS = 5
#: The control that is fitted but not written (see the module docstring).
CONTROL = "log_plausibility"
#: scikit-learn's default inverse regularisation strength, named.
REGULARISATION_C = 1.0
#: Newton's method with a Cholesky step: exact and fast with many rows and a handful of columns.
SOLVER = "newton-cholesky"
#: Settings the features depend on: written beside the weights when they are not the defaults.
FEATURE_SETTINGS: tuple[str, ...] = (
    "fairness_scale",
    "fairness_window_days",
    "mentor_tie_strength",
    "track_record_prior",
)
OPEN = ("proposed", "made", "accepted")


def label(introduction: Mapping[str, Any]) -> int | None:
    """1 (it took), 0 (it did not) or None (closed, or still open).

    >>> [label({"status": s, "outcome": o}) for s, o in
    ...  [("met", None), ("met", 3), ("met", 2), ("declined", None), ("closed", None), ("made", None)]]
    [1, 1, 0, 0, None, None]
    """
    if introduction["status"] == "met":
        outcome = introduction.get("outcome")
        return 1 if outcome is None or outcome >= 3 else 0
    if introduction["status"] == "declined":
        return 0
    return None


# -- the network as it stood ---------------------------------------------------------------


class _AsOf:
    """The people network walked forward in time: ties are added as their ``since`` passes."""

    def __init__(self, document: Mapping[str, Any], settings: RecommendSettings):
        self.settings = settings
        self.people = {p["id"]: p for p in document.get("people", [])}
        self.left_on = sorted(
            (p["left_on"], p["id"]) for p in self.people.values() if p.get("status") == "left" and p.get("left_on")
        )
        self.ties: dict[str, dict[str, float]] = {p: {} for p in self.people}
        dated = []
        mentor = settings.mentor_tie_strength
        links = [
            (k.get("since"), k["a"], k["b"], k["strength"])
            for k in document.get("knows", [])
            if not k.get("retired_on")
        ]  # a retired tie is in no analysis
        links += [(m.get("since"), m["mentor"], m["mentee"], mentor) for m in document.get("mentorships", [])]
        for since, a, b, strength in links:
            if since is None:
                self._link(a, b, strength)
            else:
                dated.append((since, a, b, strength))
        self.dated = sorted(dated)
        self.next = 0
        self.introduced: dict[str, list[str]] = {}  # person -> created_on of introductions of them, sorted
        self.made: dict[str, list[tuple[str, str | None, int]]] = {}  # introducer -> (created_on, met_on, outcome)
        for intro in document.get("introductions", []):
            for person in (intro["introduce"], intro["to"]):
                self.introduced.setdefault(person, []).append(intro["created_on"])
            if intro.get("outcome") is not None:
                self.made.setdefault(intro["by"], []).append(
                    (intro["created_on"], intro.get("met_on"), intro["outcome"])
                )
        for days in self.introduced.values():
            days.sort()
        for outcomes in self.made.values():
            outcomes.sort()

    def _link(self, a: str, b: str, strength: float) -> None:
        if a in self.ties and b in self.ties:
            self.ties[a][b] = max(self.ties[a].get(b, strength), strength)
            self.ties[b][a] = self.ties[a][b]

    def advance(self, day: str) -> None:
        """Add every tie whose ``since`` is before ``day``."""
        while self.next < len(self.dated) and self.dated[self.next][0] < day:
            _, a, b, strength = self.dated[self.next]
            self._link(a, b, strength)
            self.next += 1

    def gone(self, day: str) -> set[str]:
        """People who left before ``day``."""
        return {p for left, p in self.left_on if left < day}

    def unit(self, person: str) -> str | None:
        unit: str | None = self.people[person].get("org_unit")
        return unit

    def row(self, intro: Mapping[str, Any], day: str) -> dict[str, Any] | None:
        """The raw components of one introduction on its day, as a ``CandidateRow`` has them."""
        person, candidate, by = intro["introduce"], intro["to"], intro["by"]
        if not all(p in self.people for p in (person, candidate, by)):
            return None
        gone = self.gone(day) if self.left_on else set()
        ties = self.ties

        def degree(z: str) -> int:
            return len(ties[z]) - (len(gone.intersection(ties[z])) if gone else 0)

        mine = {z: t for z, t in ties[person].items() if z != candidate and z not in gone}
        theirs = ties[candidate]
        plausibility = adamic_adar = 0.0
        common = 0
        for z in sorted(z for z in mine if z in theirs):
            d = degree(z)
            adamic_adar += 1.0 / math.log(d)
            plausibility += rules.plausibility_term(mine[z], theirs[z], d)
            common += 1
        reached = {self.unit(z) for z in mine} | {self.unit(person)}
        since = (date.fromisoformat(day) - timedelta(days=self.settings.fairness_window_days)).isoformat()
        days = self.introduced.get(candidate, [])
        outcomes = [o for created, met, o in self.made.get(by, []) if created < day and (met is None or met < day)]
        goals = list(self.people[person].get("wants_to_grow") or [])
        skills = self.people[candidate].get("skills") or {}
        return {
            "candidate": candidate,
            "level": self.people[candidate].get("level"),
            "goal_skills": [[s, skills[s]] for s in sorted(set(goals)) if s in skills],
            "plausibility": plausibility,
            "adamic_adar": adamic_adar,
            "common_contacts": common,
            "new_reach": rules.new_reach(self.unit(candidate), reached) == 1.0,
            "recent_introductions": bisect.bisect_left(days, day) - bisect.bisect_left(days, since),
            "tie_strength": ties[by].get(candidate, 0.0) if by not in gone else 0.0,
            "track_record": rules.track_record(outcomes, self.settings.track_record_prior),
        }


def introduction_features(
    document: Mapping[str, Any], settings: RecommendSettings | None = None, ids: Iterable[str] | None = None
) -> dict[str, dict[str, float]]:
    """Introduction id -> its components as the graph stood on its ``created_on`` day (see the module docstring).

    ``document``: a normalized document (a store's export); ``ids``: only
    these introductions (default all). Introductions naming someone not in
    the document are left out.
    """
    settings = settings or RecommendSettings()
    wanted = None if ids is None else set(ids)
    chosen = sorted(
        (i for i in document.get("introductions", []) if wanted is None or i["id"] in wanted),
        key=lambda i: (i["created_on"], i["id"]),
    )
    network = _AsOf(document, settings)
    found = {}
    for intro in chosen:
        day = intro["created_on"]
        network.advance(day)
        row = network.row(intro, day)
        if row is not None:
            person = network.people[intro["introduce"]]
            goals = list(person.get("wants_to_grow") or [])
            found[intro["id"]] = components(row, person.get("level"), goals, settings)  # type: ignore[arg-type]  # row has what components reads
    return found


# -- the fit ---------------------------------------------------------------------------------


def _design(parts: Iterable[Mapping[str, float]]) -> list[list[float]]:
    return [[p[name] for name in WEIGHTED] + [math.log1p(p["plausibility"])] for p in parts]


def _weights_of(w: Mapping[str, float]) -> dict[str, float]:
    total = math.fsum(max(0.0, w[name]) for name in WEIGHTED)
    return {name: max(0.0, w[name]) / total if total > 0 else 0.0 for name in WEIGHTED}


def fit_weights(design: list[list[float]], labels: list[int]) -> dict[str, Any]:
    """Non-negative weights of the six components by logistic regression with an active set.

    Returns ``{"weights": {name: share}, "coefficients": {name: raw, CONTROL,
    "intercept"}, "dropped": [names whose coefficient came out negative]}``.
    """
    from sklearn.linear_model import LogisticRegression  # heavy: imported only when fitting

    control = len(WEIGHTED)
    free = list(range(len(WEIGHTED)))
    dropped: list[str] = []
    while True:
        columns = [*free, control]
        model = LogisticRegression(C=REGULARISATION_C, solver=SOLVER, max_iter=1000)
        model.fit([[row[i] for i in columns] for row in design], labels)
        coefficient = dict(zip(columns, (float(c) for c in model.coef_[0]), strict=True))
        negative = [i for i in free if coefficient[i] < 0]
        if not negative:
            break
        worst = min(negative, key=lambda i: (coefficient[i], i))
        free.remove(worst)
        dropped.append(WEIGHTED[worst])
    raw = {name: coefficient.get(i, 0.0) for i, name in enumerate(WEIGHTED)}
    return {
        "weights": _weights_of(raw),
        "coefficients": {
            **{n: _r(c) for n, c in raw.items()},
            CONTROL: _r(coefficient[control]),
            "intercept": _r(float(model.intercept_[0])),
        },
        "dropped": dropped,
    }


def weighted_sum(parts: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The six components weighed (in :data:`~netgraph.model.rules.WEIGHTED` order)."""
    total = 0.0
    for name in WEIGHTED:
        total += weights[name] * parts[name]
    return total


def _auc(labels: list[int], scores: list[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores))


def fit(
    document: Mapping[str, Any], *, settings: RecommendSettings | None = None, seed: int = 0, folds: int = FOLDS
) -> dict[str, Any]:
    """Fit the weights to the introductions of ``document`` (a store's export); a JSON-ready report.

    Returns ``{"introductions": {"total", "labelled", "positive", "negative",
    "open", "closed", "left_out"}, "weights", "coefficients", "dropped",
    "cross_validation": {"folds", "seed", "auc": {"default", "fitted"}, "gain",
    "per_fold": [{"default", "fitted"}]}, "settings": {name: value}}``;
    ``settings`` in the result are those the features were computed with
    (``settings``' constants, the caller's: the CLI passes what the
    environment says). Raises :class:`~netgraph.errors.Conflict` below the
    minimum data.
    """
    check_whole_number("seed", seed, 0, 2**32 - 1)
    check_whole_number("folds", folds, 2, 20)
    settings = settings or RecommendSettings()
    introductions = document.get("introductions", [])
    labelled = {i["id"]: y for i in introductions if (y := label(i)) is not None}
    counts = {
        "total": len(introductions),
        "labelled": len(labelled),
        "positive": sum(labelled.values()),
        "negative": len(labelled) - sum(labelled.values()),
        "open": sum(1 for i in introductions if i["status"] in OPEN),
        "closed": sum(1 for i in introductions if i["status"] == "closed"),
        "left_out": 0,
    }
    _check_enough(counts)
    features = introduction_features(document, settings, labelled)
    counts["left_out"] = len(labelled) - len(features)
    ids = sorted(features)
    labels = [labelled[i] for i in ids]
    counts.update(labelled=len(ids), positive=sum(labels), negative=len(ids) - sum(labels))
    _check_enough(counts)
    parts = [features[i] for i in ids]
    design = _design(parts)
    fitted = fit_weights(design, labels)
    if not any(fitted["weights"].values()):
        raise Conflict(
            "no component of the score goes with better outcomes in these introductions: "
            "nothing to fit (the settings are left as they are)"
        )
    default = RecommendSettings().normalized_weights()
    return {
        "introductions": counts,
        "weights": {n: _r(w) for n, w in fitted["weights"].items()},
        "coefficients": fitted["coefficients"],
        "dropped": fitted["dropped"],
        "cross_validation": cross_validate(parts, design, labels, default, seed=seed, folds=folds),
        "settings": {f.name: getattr(settings, f.name) for f in fields(settings) if f.name in FEATURE_SETTINGS},
    }


def cross_validate(
    parts: Sequence[Mapping[str, float]],
    design: list[list[float]],
    labels: list[int],
    default: Mapping[str, float],
    *,
    seed: int,
    folds: int,
) -> dict[str, Any]:
    """Held-out AUC of the weighted sum with the default and the fitted weights, fold by fold."""
    from sklearn.model_selection import StratifiedKFold

    per_fold = []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(design, labels):
        weights = fit_weights([design[i] for i in train], [labels[i] for i in train])["weights"]
        held = [labels[i] for i in test]
        per_fold.append(
            {
                "default": _r(_auc(held, [weighted_sum(parts[i], default) for i in test])),
                "fitted": _r(_auc(held, [weighted_sum(parts[i], weights) for i in test])),
            }
        )
    mean = {name: _r(math.fsum(f[name] for f in per_fold) / len(per_fold)) for name in ("default", "fitted")}
    return {
        "folds": folds,
        "seed": seed,
        "auc": mean,
        "gain": _r(mean["fitted"] - mean["default"]),
        "per_fold": per_fold,
    }


def _check_enough(counts: Mapping[str, int]) -> None:
    if counts["labelled"] >= MIN_LABELLED and min(counts["positive"], counts["negative"]) >= MIN_EACH:
        return
    left_out = f", {counts['left_out']:,} naming someone no longer in the data" if counts.get("left_out") else ""
    raise Conflict(
        f"fitting needs at least {MIN_LABELLED} labelled introductions, at least {MIN_EACH} that took and "
        f"{MIN_EACH} that did not; there are {counts['labelled']:,} ({counts['positive']:,} that took, "
        f"{counts['negative']:,} that did not; {counts['open']:,} still open and {counts['closed']:,} closed are not "
        f"labelled{left_out})"
    )


def _r(x: float) -> float:
    return round(x, 6)


# -- the settings file -----------------------------------------------------------------------


def settings_toml(report: Mapping[str, Any], *, today: date | None = None) -> str:
    """The fitted weights as a ``[recommend]`` table for ``NETGRAPH_RECOMMEND_FILE``.

    Constants the features depended on are written too when they are not the
    defaults, so the file recommends as the fit measured.

    >>> print(settings_toml({"weights": dict.fromkeys(WEIGHTED, 1 / 6), "settings": {"fairness_scale": 3.0},
    ...                      "introductions": {"labelled": 60, "positive": 40, "negative": 20},
    ...                      "cross_validation": {"folds": 5, "auc": {"default": 0.6, "fitted": 0.7}}},
    ...                     today=date(2026, 12, 1)))  # doctest: +NORMALIZE_WHITESPACE
    # netgraph recommendation settings, fitted by `netgraph evaluate --fit` on 2026-12-01
    # from 60 labelled introductions (40 that took, 20 that did not);
    # held-out AUC (5-fold cross-validation): 0.700 fitted, 0.600 with the default weights.
    # Load with NETGRAPH_RECOMMEND_FILE=<this file>; NETGRAPH_RECOMMEND overrides single values.
    [recommend]
    goal_fit = 0.166667
    new_reach = 0.166667
    seniority_fit = 0.166667
    fairness = 0.166667
    tie_strength = 0.166667
    track_record = 0.166667
    """
    counts, cv = report["introductions"], report["cross_validation"]
    defaults = RecommendSettings()
    lines = [
        f"# netgraph recommendation settings, fitted by `netgraph evaluate --fit` on "
        f"{(today or date.today()).isoformat()}",
        f"# from {counts['labelled']:,} labelled introductions ({counts['positive']:,} that took, "
        f"{counts['negative']:,} that did not);",
        f"# held-out AUC ({cv['folds']}-fold cross-validation): {cv['auc']['fitted']:.3f} fitted, "
        f"{cv['auc']['default']:.3f} with the default weights.",
        "# Load with NETGRAPH_RECOMMEND_FILE=<this file>; NETGRAPH_RECOMMEND overrides single values.",
        "[recommend]",
    ]
    lines += [f"{name} = {report['weights'][name]:.6f}" for name in WEIGHTED]
    for name, value in report["settings"].items():
        if value != getattr(defaults, name):
            lines.append(f"{name} = {value!r}")
    return "\n".join(lines) + "\n"


# -- outcomes from known weights (tests and the benchmark) -----------------------------------


def simulated_outcomes(
    document: Mapping[str, Any],
    weights: Mapping[str, float],
    *,
    seed: int = 0,
    strength: float = 8.0,
    settings: RecommendSettings | None = None,
) -> dict[str, Any]:
    """A copy of ``document`` whose introductions' outcomes follow known weights: for tests and benchmarks.

    Every introduction not closed gets an outcome drawn from a logistic model
    of its components (:func:`introduction_features`):
    ``P(took) = 1 / (1 + exp(-(strength * (sum of weights[name] * component - m))))``,
    ``m`` the median of the weighted sums, so about half take. One that took
    is ``met`` and rated 3-5 (or not rated); one that did not is ``declined``
    or ``met`` and rated 1-2.
    """
    settings = settings or RecommendSettings()
    rng = random.Random(seed)
    full = {name: weights.get(name, 0.0) for name in WEIGHTED}
    features = introduction_features(document, settings)
    sums = {i: weighted_sum(parts, full) for i, parts in features.items()}
    middle = sorted(sums.values())[len(sums) // 2] if sums else 0.0
    introductions = []
    for intro in document.get("introductions", []):
        if intro["id"] not in sums or intro["status"] == "closed":
            introductions.append(intro)
            continue
        took = rng.random() < 1.0 / (1.0 + math.exp(-strength * (sums[intro["id"]] - middle)))
        if took:
            outcome = rng.choice([3, 4, 5, None])
            changed = {"status": "met", "outcome": outcome}
        elif rng.random() < 0.5:
            changed = {"status": "declined", "outcome": None}
        else:
            changed = {"status": "met", "outcome": rng.choice([1, 2])}
        introductions.append({**intro, **changed})
    return {**document, "introductions": introductions}
