"""The fit's weights learned from rated pairs: the generated scenario and its rules.

The scenario: four rounds of 40 pairs, each pair's parts drawn uniformly, each
side's rating 1 + 4 x (the true weights' fit) plus noise, rounded and held to
1-5. The true weights rank the parts unlike the defaults, so a fit that recovers
them must also rank held-out pairs better than the defaults do.
"""

from __future__ import annotations

import numpy as np

from netgraph.analysis.matching import learn
from netgraph.analysis.matching.inputs import DEFAULT_WEIGHTS, FIT_PARTS
from netgraph.settings import match_settings_from_file

TRUE_WEIGHTS = {"level": 0.45, "network": 0.25, "reach": 0.15, "load": 0.1, "preference": 0.05, "goal": 0.0}
DEFAULTS = dict(DEFAULT_WEIGHTS)


def generated_rounds(rounds: int = 4, pairs: int = 40, noise: float = 0.5, seed: int = 7) -> list[tuple[dict, list]]:
    """Stored rounds (their run's proposals with parts) beside their rated proposals."""
    rng = np.random.default_rng(seed)
    found = []
    for r in range(rounds):
        run, rated = [], []
        for i in range(pairs):
            parts = {part: float(rng.uniform()) for part in FIT_PARTS}
            truth = sum(TRUE_WEIGHTS[part] * parts[part] for part in FIT_PARTS)
            mentor_rating, mentee_rating = (
                int(np.clip(round(1 + 4 * truth + rng.normal(0, noise)), 1, 5)) for _ in "ab"
            )
            run.append({"mentor": f"m{i}", "mentee": f"e{i}", "parts": parts})
            rated.append(
                {"mentor": f"m{i}", "mentee": f"e{i}", "mentor_rating": mentor_rating, "mentee_rating": mentee_rating}
            )
        found.append(({"id": f"round-{r}", "proposals": run}, rated))
    return found


def test_the_fit_recovers_the_order_of_the_weights_the_ratings_follow():
    fitted = learn.fit_weights(learn.rated_pairs(generated_rounds()), DEFAULTS)
    assert sorted(FIT_PARTS, key=fitted.__getitem__, reverse=True) == sorted(
        FIT_PARTS, key=TRUE_WEIGHTS.__getitem__, reverse=True
    )


def test_the_fitted_weights_sum_to_one_and_none_is_negative():
    fitted = learn.fit_weights(learn.rated_pairs(generated_rounds()), DEFAULTS)
    assert abs(sum(fitted.values()) - 1) < 1e-3 and min(fitted.values()) >= 0


def test_the_fitted_weights_rank_held_out_rounds_better_than_the_defaults():
    found = learn.fit_report(learn.rated_pairs(generated_rounds()), DEFAULTS, min_pairs=30)
    rho = found["held_out_spearman"]
    assert rho["fitted"] > rho["current"] + 0.1


def test_fewer_rated_pairs_than_needed_keep_the_weights():
    found = learn.fit_report(learn.rated_pairs(generated_rounds(rounds=1, pairs=10)), DEFAULTS, min_pairs=30)
    assert (found["pairs"], found["min_pairs"], found["weights"], found["held_out_spearman"]) == (10, 30, None, None)


def test_a_pair_with_one_sides_rating_counts_that_rating_and_an_unrated_one_is_left_out():
    run = {"id": "r", "proposals": [{"mentor": "a", "mentee": "b", "parts": dict.fromkeys(FIT_PARTS, 0.5)}] * 2}
    rated = [
        {"mentor": "a", "mentee": "b", "mentor_rating": None, "mentee_rating": 2},
        {"mentor": "a", "mentee": "c", "mentor_rating": None, "mentee_rating": None},
    ]
    assert [row["outcome"] for row in learn.rated_pairs([(run, rated)])] == [2.0]


def test_the_written_weights_load_as_a_match_file(tmp_path):
    fitted = learn.fit_weights(learn.rated_pairs(generated_rounds()), DEFAULTS)
    path = tmp_path / "match.toml"
    path.write_text(learn.weights_toml(fitted), "utf-8")
    assert match_settings_from_file(path).weights == fitted
