"""The learned plausibility's log-odds as recommend scores them: the written model, folded (model/learned.py)."""

from __future__ import annotations

import math
import random

from netgraph.model.learned import learned_log_odds, learned_odds
from netgraph.settings import recommend_settings_from_file
from tests.conftest import FIXTURES

MODEL = recommend_settings_from_file(FIXTURES / "learned" / "plausibility.toml").plausibility


def written(row: list[float]) -> float:
    """The linear predictor as the settings file writes it: intercept + coefficient * (transform(x) - mean) / scale."""
    assert MODEL is not None
    total = MODEL.intercept
    for x, transform, mean, scale, coefficient in zip(
        row, MODEL.transforms, MODEL.means, MODEL.scales, MODEL.coefficients, strict=True
    ):
        value = math.log(1.0 + max(x, 0.0)) if transform == "log1p" else x
        total += coefficient * (value - mean) / scale
    return total


def rows(count: int) -> list[list[float]]:
    rnd = random.Random(7)
    assert MODEL is not None
    return [
        [rnd.choice([0.0, rnd.uniform(-3.0, 4.0), rnd.uniform(0.0, 30.0)]) for _ in MODEL.features]
        for _ in range(count)
    ]


def test_the_folded_log_odds_are_the_written_models_linear_predictor():
    assert MODEL is not None
    found = learned_log_odds(rows(500), MODEL).tolist()
    assert all(math.isclose(a, written(r), rel_tol=0, abs_tol=1e-12) for a, r in zip(found, rows(500), strict=True))


def test_the_odds_are_exp_of_the_log_odds():
    assert MODEL is not None
    odds, log_odds = learned_odds(rows(50), MODEL), learned_log_odds(rows(50), MODEL).tolist()
    assert all(math.isclose(p, math.exp(x), rel_tol=1e-15) for p, x in zip(odds, log_odds, strict=True))


def test_the_log_odds_of_a_candidate_do_not_depend_on_the_others_scored_with_it():
    assert MODEL is not None
    every = learned_log_odds(rows(200), MODEL).tolist()
    assert [learned_log_odds([r], MODEL).tolist()[0] for r in rows(200)] == every
