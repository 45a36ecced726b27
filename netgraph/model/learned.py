"""The learned plausibility: how ties form here, fitted on the organisation's own history, as recommend uses it.

``netgraph evaluate --fit --from-history --out FILE.toml`` writes a
``[plausibility]`` table (:class:`LearnedPlausibility`: plain numbers, no
pickles); with that file as ``NETGRAPH_RECOMMEND_FILE``, a candidate's
plausibility is the model's odds that the two will form a tie::

    plausibility = exp(intercept + sum over features f of coefficient_f * (transform_f(x_f) - mean_f) / scale_f)

The stores sum it folded (:attr:`LearnedPlausibility.folded`: ``base + sum of
weight_f * transform_f(x_f)``) and take ``exp`` only for the candidates above
the floor. The odds keep the meaning the default formula gives plausibility:
value re-orders only candidates whose odds are at most ``value_band`` times
apart, and the floor below which a store may leave candidates out is
:func:`netgraph.model.rules.plausibility_floor` compared on the log side
(:func:`netgraph.model.rules.log_odds_floor`).

Why only these features (:data:`LEARNABLE`): each is read per candidate
from the one walk person -> common contact z -> candidate that a
recommendation already makes on both stores (or from the two people's own
records), so the learned score costs a recommendation a few sums more. The
unit distance in the org tree and the recency of the common contacts' ties
need more (a walk up the tree, the day each tie was last seen) and are
measured by the fit, not written; so is the candidate's own number of
contacts, which walks every candidate's links (it made a recommendation at
10k people 2.6 times slower).

One feature is read beside the walk: ``pair_contacts``, the pair's own
events in the store's tie evidence (what ``ties ingest`` counted of the two,
whether or not they became a tie), one look-up of the pair's evidence per
candidate, made only when the model uses it. Most pairs that become ties
had met a few times below the tie rule first.

Each feature has one rule here and a Cypher twin in
``cypher/network/recommendation_inputs.cypher``, marked between
``// rule: NAME`` and ``// end rule``; ``tests/unit/test_rule_twins.py``
holds them together and the contract suite checks the numbers. Sums add
per common contact, in the order the walk meets them.

>>> m = LearnedPlausibility(features=("adamic_adar", "same_unit"), transforms=("log1p", "identity"),
...     means=(0.5, 0.2), scales=(0.25, 0.4), coefficients=(1.0, 0.5), intercept=-2.0)
>>> [round(odds, 6) for odds in learned_odds([[1.0, 1.0], [0.0, 0.0]], m)]
[0.796593, 0.014264]
>>> [(name, round(part, 3)) for name, part in contributions([{"adamic_adar": 1.0, "same_unit": 1.0}], m)[0]]
[('same_unit', 1.0), ('adamic_adar', 0.773)]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np

from netgraph.errors import InvalidInput, Problem

#: The features a written model may use, in the order a store computes them.
LEARNABLE: tuple[str, ...] = (
    "adamic_adar",
    "resource_allocation",
    "common_contacts",
    "strength_adamic_adar",
    "strongest_path",
    "person_strength",
    "candidate_strength",
    "person_degree",
    "same_unit",
    "level_gap",
    "pair_contacts",
)
#: The fixed transforms a feature may go through before it is standardised.
TRANSFORMS: tuple[str, ...] = ("log1p", "identity")


@dataclass(frozen=True)
class LearnedPlausibility:
    """A fitted model of how ties form, as the ``[plausibility]`` table holds it.

    ``features``, ``transforms``, ``means``, ``scales`` and ``coefficients``
    run in parallel; ``cutoff``, ``window_days``, ``recency_half_life_days``,
    ``pairs`` and ``positives`` record what history the fit used.
    """

    features: tuple[str, ...]
    transforms: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coefficients: tuple[float, ...]
    intercept: float
    cutoff: str = ""
    window_days: int = 0
    recency_half_life_days: float = 0.0
    pairs: int = 0
    positives: int = 0

    def uses(self, feature: str) -> bool:
        return feature in self.features

    @cached_property
    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The means, scales and coefficients as rows to broadcast, and the columns that take ``log1p``.

        Made once per model: a recommendation would otherwise pay numpy's cost per call three times.
        """
        means, scales, weights = (np.array(v, dtype=np.float64) for v in (self.means, self.scales, self.coefficients))
        logs = np.array([k for k, t in enumerate(self.transforms) if t == "log1p"], dtype=np.intp)
        return means, scales, weights, logs

    @cached_property
    def columns(self) -> np.ndarray:
        """Where each of the model's features sits in :data:`LEARNABLE` (to pick them from a row of all)."""
        return np.array([LEARNABLE.index(name) for name in self.features], dtype=np.intp)

    @cached_property
    def folded(self) -> tuple[float, tuple[tuple[int, float], ...], tuple[tuple[int, float], ...]]:
        """The linear predictor as a recommendation scores it: ``base``, then the ``log1p`` features, then the others.

        ``coefficient * (transform(x) - mean) / scale`` summed over the features is ``base + sum of weight *
        transform(x)``, with ``weight = coefficient / scale`` and ``base = intercept - sum of coefficient * mean /
        scale`` (in model order): each feature costs a product and a sum, and the transform is known per list,
        not asked per feature. Returns ``base`` and, in model order, (the feature's place in the model, its weight)
        for the ``log1p`` features, then for the others. Made once per model.

        >>> LearnedPlausibility(features=("same_unit", "adamic_adar"), transforms=("identity", "log1p"),
        ...     means=(0.5, 1.0), scales=(0.25, 2.0), coefficients=(2.0, 1.0), intercept=-1.0).folded
        (-5.5, ((1, 0.5),), ((0, 8.0),))
        """
        base = float(self.intercept)
        logs: list[tuple[int, float]] = []
        others: list[tuple[int, float]] = []
        for k, (transform, mean, scale, coefficient) in enumerate(
            zip(self.transforms, self.means, self.scales, self.coefficients, strict=True)
        ):
            base -= float(coefficient) * float(mean) / float(scale)
            (logs if transform == "log1p" else others).append((k, float(coefficient) / float(scale)))
        return base, tuple(logs), tuple(others)

    @cached_property
    def folded_arrays(self) -> tuple[float, tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """:attr:`folded` as numpy arrays (the columns and the weights of each list), made once per model."""
        base, logs, others = self.folded
        return base, _columns_and_weights(logs), _columns_and_weights(others)

    def as_parameter(self) -> dict[str, Any]:
        """The model as the Cypher statement's ``$learned`` map (what its twin reads).

        ``base`` and the two lists of :attr:`folded`, each term ``[the feature's place in LEARNABLE, weight]``,
        so the statement reads each candidate's features from one list; ``places``: every feature's place in
        LEARNABLE, in model order (the features a row returns).

        >>> LearnedPlausibility(features=("same_unit",), transforms=("identity",), means=(0.5,), scales=(0.25,),
        ...     coefficients=(2.0,), intercept=-1.0).as_parameter()
        {'base': -5.0, 'logs': [], 'others': [[8, 8.0]], 'places': [8]}
        """
        base, logs, others = self.folded
        places = [LEARNABLE.index(name) for name in self.features]
        return {
            "base": base,
            "logs": [[places[k], weight] for k, weight in logs],
            "others": [[places[k], weight] for k, weight in others],
            "places": places,
        }


def _columns_and_weights(terms: Sequence[tuple[int, float]]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([k for k, _ in terms], dtype=np.intp), np.array([w for _, w in terms], dtype=np.float64)


# -- the features, per candidate, from the walk person -> z -> candidate ---------------------------


def adamic_adar_term(degree: int) -> float:
    """What one common contact of degree ``degree`` adds to the Adamic-Adar index.

    >>> round(adamic_adar_term(3), 6)
    0.910239
    """
    return 1.0 / math.log(degree)


def resource_allocation_term(degree: int) -> float:
    """What one common contact adds to resource allocation: a contact who knows many passes little on.

    >>> resource_allocation_term(4)
    0.25
    """
    return 1.0 / degree


def strongest_two_link_path(person_tie: float, candidate_tie: float, best: float) -> float:
    """The strongest two-link path so far: the greater of ``best`` and this contact's ``person_tie * candidate_tie``.

    >>> strongest_two_link_path(0.8, 0.5, 0.3), strongest_two_link_path(0.5, 0.5, 0.3)
    (0.4, 0.3)
    """
    return max(best, person_tie * candidate_tie)


def same_unit(person_unit: str | None, candidate_unit: str | None) -> float:
    """1 when both work in the same org unit (both known), else 0.

    >>> same_unit("u1", "u1"), same_unit("u1", "u2"), same_unit(None, None)
    (1.0, 0.0, 0.0)
    """
    return 1.0 if person_unit is not None and person_unit == candidate_unit else 0.0


def candidate_level_gap(person_level: int | None, candidate_level: int | None) -> float:
    """The candidate's level minus the person's (either unknown: 0).

    >>> candidate_level_gap(3, 5), candidate_level_gap(None, 5)
    (2.0, 0.0)
    """
    if person_level is None or candidate_level is None:
        return 0.0
    return float(candidate_level - person_level)


def pair_contacts(events: int | None) -> float:
    """The pair's own events in the store's tie evidence (none kept: 0), as the fit counts them before its cut-off.

    The events ``ties ingest`` counted for the two, on any channel and day,
    whether they qualified as a tie or not (the sum of the pair's counts); the
    model takes its ``log1p``, as the fit does.

    >>> pair_contacts(3), pair_contacts(None)
    (3.0, 0.0)
    """
    return float(events or 0)


# -- the score -------------------------------------------------------------------------------------


def transformed_column(values: np.ndarray, transform: str) -> np.ndarray:
    """A feature's values through its fixed transform (``log1p`` as ``log(1 + x)``, 0 below 0, as Cypher has it).

    >>> transformed_column(np.array([math.e - 1, -1.0]), "log1p").tolist()
    [1.0, 0.0]
    """
    if transform == "log1p":
        return np.asarray(np.log(1.0 + np.maximum(values, 0.0)), dtype=np.float64)
    return values


def _parts(values: np.ndarray | Sequence[Sequence[float]], model: LearnedPlausibility) -> np.ndarray:
    """Each feature's part of the linear predictor, ``coefficient * (transform(x) - mean) / scale``.

    One row per candidate (its features in model order), one column per feature. A
    recommendation scores a few dozen to a few thousand candidates, where numpy's cost per
    call, not per number, is what counts: the model's numbers are arrays once per model
    (:attr:`LearnedPlausibility.arrays`) and the log columns go through their transform at once.
    """
    means, scales, weights, logs = model.arrays
    x = np.array(values, dtype=np.float64).reshape(len(values), len(model.features))  # a copy: transformed in place
    if logs.size:
        x[:, logs] = transformed_column(x[:, logs], "log1p")
    parts: np.ndarray = weights * (x - means) / scales
    return parts


def contributions(rows: Sequence[Mapping[str, float]], model: LearnedPlausibility) -> list[list[tuple[str, float]]]:
    """For each candidate (its features), each feature's part of the linear predictor, the largest first.

    Ties keep the model's order. Only the candidates shown need them (recommend asks for its ten).
    """
    names = model.features
    found = _parts([[row[name] for name in names] for row in rows], model).tolist()
    return [sorted(zip(names, parts, strict=True), key=lambda p: -p[1]) for parts in found]


def learned_log_odds(values: np.ndarray | Sequence[Sequence[float]], model: LearnedPlausibility) -> np.ndarray:
    """The model's log-odds that each pair forms a tie (its linear predictor), summed as the Cypher twin sums it.

    ``values``: one row per candidate, its features in model order (all of a request at once: a
    recommendation scores hundreds of candidates, and a loop per candidate cost it a third of its time).
    The sum runs from :attr:`~LearnedPlausibility.folded`'s ``base`` through its ``log1p`` features, then
    the others, each in model order, as the twin's two ``reduce``; the stores compare the plausibility
    floor on this side (:func:`netgraph.model.rules.log_odds_floor`) and take ``exp`` only of the
    candidates above it.
    """
    base, (log_at, log_weights), (other_at, other_weights) = model.folded_arrays
    x = np.asarray(values, dtype=np.float64).reshape(len(values), len(model.features))
    parts = np.empty_like(x)
    split = len(log_at)
    if split:
        parts[:, :split] = log_weights * transformed_column(x[:, log_at], "log1p")
    if len(other_at):
        parts[:, split:] = other_weights * x[:, other_at]
    parts[:, 0] += base  # (base + first) + second + ...: the twin's order, one array fewer
    total: np.ndarray = np.add.accumulate(parts, axis=1)[:, -1]
    return total


def learned_odds(values: np.ndarray | Sequence[Sequence[float]], model: LearnedPlausibility) -> list[float]:
    """The model's odds that each pair forms a tie: ``exp`` of :func:`learned_log_odds`."""
    odds: list[float] = np.exp(learned_log_odds(values, model)).tolist()
    return odds


# -- the [plausibility] table ----------------------------------------------------------------------

#: The table's keys, in the order the fit writes them.
TABLE_KEYS: tuple[str, ...] = (
    "features",
    "transforms",
    "means",
    "scales",
    "coefficients",
    "intercept",
    "cutoff",
    "window_days",
    "recency_half_life_days",
    "pairs",
    "positives",
)
#: The parallel lists of the table, each one entry per feature.
_LISTS: tuple[str, ...] = ("transforms", "means", "scales", "coefficients")


def _is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _is_whole(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


def from_table(table: object, where: str) -> LearnedPlausibility:
    """The model a ``[plausibility]`` table holds; every mistake reported at once, one located line each.

    >>> m = from_table({"features": ["same_unit"], "transforms": ["identity"], "means": [0.5], "scales": [0.5],
    ...                 "coefficients": [1.0], "intercept": -2.0, "cutoff": "2026-01-01", "window_days": 30,
    ...                 "recency_half_life_days": 30.0, "pairs": 100, "positives": 10}, "f.toml")
    >>> m.features, m.intercept
    (('same_unit',), -2.0)
    >>> from_table({"features": ["same_unit"], "transforms": ["sqrt"], "means": [0.5], "scales": [0.5],
    ...             "coefficients": [1.0], "intercept": -2.0, "cutoff": "2026-01-01"}, "f.toml")
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: f.toml, field 'plausibility.transforms[0]': must be one of log1p, identity, not 'sqrt'
    """
    if not isinstance(table, dict):
        raise InvalidInput([Problem(where, "plausibility", "must be a table: [plausibility]")])
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(where, f"plausibility.{field}", message))

    for key in table:
        if key not in TABLE_KEYS:
            problem(key, "unknown key; known: " + ", ".join(TABLE_KEYS))
    for key in TABLE_KEYS[:7]:
        if key not in table:
            problem(key, "missing")
    features = table.get("features", [])
    if not isinstance(features, list) or not features:
        problem("features", f"must be a list of one or more of: {', '.join(LEARNABLE)}")
        features = []
    for k, name in enumerate(features):
        if name not in LEARNABLE:
            problem(f"features[{k}]", f"{name!r} is not a feature recommend computes; known: {', '.join(LEARNABLE)}")
        elif features.index(name) != k:
            problem(f"features[{k}]", f"{name!r} is listed twice")
    for key in _LISTS:
        values = table.get(key, [])
        if not isinstance(values, list) or len(values) != len(features):
            problem(key, f"must be a list of {len(features)} entries, one per feature")
            continue
        for k, x in enumerate(values):
            if key == "transforms":
                ok = x in TRANSFORMS
                wanted = "one of " + ", ".join(TRANSFORMS)
            else:
                ok = _is_number(x) and (key != "scales" or x > 0)
                wanted = "a number > 0" if key == "scales" else "a number"
            if not ok:
                problem(f"{key}[{k}]", f"must be {wanted}, not {x!r}")
    if "intercept" in table and not _is_number(table["intercept"]):
        problem("intercept", f"must be a number, not {table['intercept']!r}")
    cutoff = table.get("cutoff", "")
    if isinstance(cutoff, date):  # TOML reads an unquoted date as one
        cutoff = cutoff.isoformat()
    try:
        if "cutoff" in table:
            date.fromisoformat(cutoff)
    except (TypeError, ValueError):
        problem("cutoff", f"must be a date (YYYY-MM-DD), not {cutoff!r}")
    for key in ("window_days", "pairs", "positives"):
        if key in table and not _is_whole(table[key]):
            problem(key, f"must be a whole number >= 0, not {table[key]!r}")
    half_life = table.get("recency_half_life_days", 0.0)
    if not _is_number(half_life) or half_life < 0:
        problem("recency_half_life_days", f"must be a number >= 0, not {half_life!r}")
    if problems:
        raise InvalidInput(problems)
    return LearnedPlausibility(
        features=tuple(features),
        transforms=tuple(table["transforms"]),
        means=tuple(float(x) for x in table["means"]),
        scales=tuple(float(x) for x in table["scales"]),
        coefficients=tuple(float(x) for x in table["coefficients"]),
        intercept=float(table["intercept"]),
        cutoff=str(cutoff),
        window_days=int(table.get("window_days", 0)),
        recency_half_life_days=float(half_life),
        pairs=int(table.get("pairs", 0)),
        positives=int(table.get("positives", 0)),
    )
