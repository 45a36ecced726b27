"""Fitting the fit's weights to how stored rounds' pairs were rated.

A rated pair is a stored proposal whose mentorship at least one side rated; its
**outcome** is the mean of the ratings given (both sides' when both rated), its
**features** the fit parts the round's run stored with the proposal. The weights
are non-negative least squares (:func:`scipy.optimize.nnls`) of the outcome on the
parts, both centred (so a constant rating level needs no weight), scaled to sum to
1: the form ``[match.weights]`` takes. They are judged held out, each round left
out in turn (with a single round, five folds of its pairs): the rank correlation
(Spearman) between the fit and the outcome of the held-out pairs, pooled, for the
fitted weights beside the current ones.

Everything here is pure: plain rows in, plain dicts out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import nnls
from scipy.stats import spearmanr

from netgraph.analysis.matching.fit import total_fit
from netgraph.analysis.matching.inputs import FIT_PARTS

#: Folds of a single round's pairs when there is no other round to leave out.
SINGLE_ROUND_FOLDS = 5


def rated_pairs(
    rounds_with_proposals: Iterable[tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]],
) -> list[dict[str, Any]]:
    """One row per rated pair: ``round``, ``mentor``, ``mentee``, ``parts`` and ``outcome``.

    ``rounds_with_proposals``: each stored round beside its stored proposals (which carry the
    ratings); the parts come from the round's run. A pair with no stored parts (locked by HR
    past the constraints) or no rating is left out.

    >>> found = {"id": "r", "proposals": [{"mentor": "a", "mentee": "b", "parts": {"goal": 1.0}}]}
    >>> rated = [{"mentor": "a", "mentee": "b", "mentor_rating": 4, "mentee_rating": 5}]
    >>> rated_pairs([(found, rated)])[0]["outcome"]
    4.5
    """
    rows: list[dict[str, Any]] = []
    for found, proposals in rounds_with_proposals:
        parts_of = {(p["mentor"], p["mentee"]): p.get("parts") for p in found.get("proposals") or () if p.get("parts")}
        for p in proposals:
            ratings = [r for r in (p.get("mentor_rating"), p.get("mentee_rating")) if r is not None]
            parts = parts_of.get((p["mentor"], p["mentee"]))
            if ratings and parts:
                rows.append(
                    {
                        "round": found["id"],
                        "mentor": p["mentor"],
                        "mentee": p["mentee"],
                        "parts": {part: float(parts.get(part, 0.0)) for part in FIT_PARTS},
                        "outcome": sum(ratings) / len(ratings),
                    }
                )
    return rows


def _matrix(rows: Sequence[Mapping[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[row["parts"][part] for part in FIT_PARTS] for row in rows], dtype=float).reshape(-1, len(FIT_PARTS))
    y = np.array([row["outcome"] for row in rows], dtype=float)
    return x, y


def fit_weights(rows: Sequence[Mapping[str, Any]], fallback: Mapping[str, float]) -> dict[str, float]:
    """Non-negative weights summing to 1 that best fit the outcomes (``fallback`` when none is above 0).

    >>> rows = [{"parts": {**dict.fromkeys(FIT_PARTS, 0.5), "goal": g}, "outcome": 1 + 4 * g} for g in (0, 0.5, 1)]
    >>> fit_weights(rows, dict.fromkeys(FIT_PARTS, 1.0))["goal"]
    1.0
    """
    x, y = _matrix(rows)
    coefficients, _ = nnls(x - x.mean(axis=0), y - y.mean())
    total = float(coefficients.sum())
    if total <= 0:
        scale = sum(fallback[part] for part in FIT_PARTS)
        return {part: fallback[part] / scale for part in FIT_PARTS}
    return {part: round(float(c) / total, 4) for part, c in zip(FIT_PARTS, coefficients, strict=True)}


def _scaled(weights: Mapping[str, float]) -> dict[str, float]:
    """The weights scaled to sum to 1, as a round uses them (:func:`total_fit` takes them so)."""
    total = sum(weights[part] for part in FIT_PARTS)
    return {part: weights[part] / total for part in FIT_PARTS}


def spearman(fits: Sequence[float], outcomes: Sequence[float]) -> float | None:
    """Rank correlation of fit and outcome; None when either is constant (no ranking to compare)."""
    if len(set(fits)) < 2 or len(set(outcomes)) < 2:
        return None
    return float(spearmanr(fits, outcomes).statistic)


def _folds(rows: Sequence[Mapping[str, Any]]) -> list[list[int]]:
    by_round: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_round.setdefault(row["round"], []).append(i)
    if len(by_round) > 1:
        return [by_round[r] for r in sorted(by_round)]
    return [list(range(k, len(rows), SINGLE_ROUND_FOLDS)) for k in range(min(SINGLE_ROUND_FOLDS, len(rows)))]


def held_out(rows: Sequence[Mapping[str, Any]], current: Mapping[str, float]) -> dict[str, float | None]:
    """Held-out Spearman of the fitted weights and of ``current``, each round left out in turn."""
    fitted_fits: list[float] = []
    current_fits: list[float] = []
    outcomes: list[float] = []
    now = _scaled(current)
    for fold in _folds(rows):
        left_out = set(fold)
        weights = _scaled(fit_weights([row for i, row in enumerate(rows) if i not in left_out], current))
        for i in fold:
            fitted_fits.append(total_fit(rows[i]["parts"], weights))
            current_fits.append(total_fit(rows[i]["parts"], now))
            outcomes.append(rows[i]["outcome"])
    return {"fitted": spearman(fitted_fits, outcomes), "current": spearman(current_fits, outcomes)}


def fit_report(rows: Sequence[Mapping[str, Any]], current: Mapping[str, float], min_pairs: int) -> dict[str, Any]:
    """What ``match fit`` answers: the rated pairs and rounds counted, and, with at least ``min_pairs``
    rated pairs, the fitted weights and the held-out rank correlation of both weightings
    (``weights`` None and the current ones kept below that)."""
    scale = sum(current[part] for part in FIT_PARTS)
    report: dict[str, Any] = {
        "pairs": len(rows),
        "rounds": len({row["round"] for row in rows}),
        "min_pairs": min_pairs,
        "current": {part: round(current[part] / scale, 4) for part in FIT_PARTS},
        "weights": None,
        "held_out_spearman": None,
    }
    if len(rows) < min_pairs:
        return report
    report["weights"] = fit_weights(rows, current)
    report["held_out_spearman"] = held_out(rows, current)
    return report


def weights_toml(weights: Mapping[str, float]) -> str:
    """A ``[match.weights]`` table ``NETGRAPH_MATCH_FILE`` accepts.

    >>> print(weights_toml(dict.fromkeys(FIT_PARTS, 0.5)).splitlines()[1])
    [match.weights]
    """
    lines = ["# fitted by `netgraph match fit` to the stored rounds' ratings", "[match.weights]"]
    lines += [f"{part} = {weights[part]!r}" for part in FIT_PARTS]
    return "\n".join(lines) + "\n"
