"""Learning the weights from outcomes: labels, the minimum data, no leakage, the known order recovered."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from netgraph.analysis.fit import (
    MIN_EACH,
    MIN_LABELLED,
    fit,
    introduction_features,
    label,
    settings_toml,
    simulated_outcomes,
)
from netgraph.analysis.recommend import components
from netgraph.errors import Conflict
from netgraph.io.generate import generate_dataset
from netgraph.model.rules import WEIGHTED, RecommendSettings
from netgraph.model.validate import complete, validate
from netgraph.settings import recommend_settings_from_file
from netgraph.store import EmbeddedStore

#: The weights the simulated outcomes follow; the rest are 0.
KNOWN = {"seniority_fit": 0.5, "tie_strength": 0.3, "new_reach": 0.2}


@pytest.fixture(scope="module")
def organisation() -> dict:
    """A generated organisation of 5,000 people and 1,000 introductions."""
    return complete(validate(generate_dataset(5000, seed=3)))


@pytest.fixture(scope="module")
def known_outcomes(organisation) -> dict:
    return simulated_outcomes(organisation, KNOWN, seed=0, strength=12)


@pytest.fixture(scope="module")
def fitted(known_outcomes) -> dict:
    return fit(known_outcomes)


def introduction(i: int, status: str, outcome: int | None = None, created_on: str = "2026-01-01", **people) -> dict:
    return {
        "id": f"i{i:03d}",
        "by": people.get("by", "m"),
        "introduce": people.get("introduce", "a"),
        "to": people.get("to", "c"),
        "status": status,
        "created_on": created_on,
        "outcome": outcome,
    }


def trio(introductions: list[dict], knows: list[dict] | None = None) -> dict:
    """Mentor m knows a and c (and z, whom a and c both know)."""
    return {
        "people": [{"id": i, "name": i, "level": 3, "org_unit": None} for i in ("m", "a", "c", "z")],
        "knows": knows
        if knows is not None
        else [
            {"a": "m", "b": "a", "since": "2020-01-01", "strength": 0.8},
            {"a": "m", "b": "c", "since": "2020-01-01", "strength": 0.6},
            {"a": "a", "b": "z", "since": "2020-01-01", "strength": 0.5},
            {"a": "c", "b": "z", "since": "2020-01-01", "strength": 0.5},
        ],
        "mentorships": [],
        "introductions": introductions,
    }


# -- labels and the minimum ------------------------------------------------------------------


def test_met_and_rated_3_or_more_or_not_rated_took_and_declined_or_rated_1_or_2_did_not():
    assert [label({"status": "met", "outcome": o}) for o in (None, 3, 5, 1, 2)] == [1, 1, 1, 0, 0]
    assert label({"status": "declined", "outcome": None}) == 0


def test_closed_and_open_introductions_are_not_labelled():
    assert [label({"status": s, "outcome": None}) for s in ("closed", "proposed", "made", "accepted")] == [None] * 4


def test_below_fifty_labelled_introductions_it_refuses_and_says_how_many_there_are():
    intros = [introduction(i, "met", 4) for i in range(30)] + [introduction(30 + i, "declined") for i in range(19)]
    intros += [introduction(49, "proposed"), introduction(50, "closed")]
    with pytest.raises(
        Conflict,
        match=r"at least 50 labelled .* there are 49 \(30 that took, 19 that did not; "
        r"1 still open and 1 closed are not labelled\)",
    ):
        fit(trio(intros))


def test_with_fewer_than_ten_of_one_class_it_refuses_and_says_so():
    intros = [introduction(i, "met", 4) for i in range(60)] + [introduction(60 + i, "declined") for i in range(9)]
    with pytest.raises(Conflict, match=r"there are 69 \(60 that took, 9 that did not"):
        fit(trio(intros))
    assert (MIN_LABELLED, MIN_EACH) == (50, 10)


# -- features as the graph stood -------------------------------------------------------------


def test_the_knows_link_an_introduction_created_is_not_in_its_features():
    intro = [introduction(1, "met", 5, created_on="2026-01-01")]
    without = introduction_features(trio(intro))
    made = trio(
        intro,
        knows=trio([])["knows"]
        + [{"a": "a", "b": "c", "since": "2026-01-20", "strength": 0.4, "context": "introduction"}],
    )
    assert introduction_features(made) == without


def test_a_link_between_the_two_introduced_is_left_out_even_when_undated():
    intro = [introduction(1, "met", 5)]
    undated = trio(intro, knows=trio([])["knows"] + [{"a": "a", "b": "c", "since": None, "strength": 0.4}])
    assert introduction_features(undated) == introduction_features(trio(intro))


def test_ties_made_after_the_introduction_do_not_count():
    intro = [introduction(1, "met", 5, created_on="2026-01-01")]
    later = trio(
        intro,
        knows=trio([])["knows"]
        + [
            {"a": "a", "b": "m2", "since": "2026-03-01", "strength": 0.9},
            {"a": "m2", "b": "c", "since": "2026-03-01", "strength": 0.9},
        ],
    )
    later["people"].append({"id": "m2", "name": "m2", "level": 3, "org_unit": None})
    assert introduction_features(later) == introduction_features(trio(intro))


def test_later_introductions_do_not_count_against_the_candidate_but_earlier_ones_do():
    first = introduction(1, "met", 5, created_on="2026-01-10")
    alone = introduction_features(trio([first]))["i001"]["fairness"]
    later = introduction_features(trio([first, introduction(2, "made", created_on="2026-01-20", introduce="z")]))
    earlier = introduction_features(trio([first, introduction(2, "made", created_on="2026-01-05", introduce="z")]))
    assert alone == later["i001"]["fairness"] == 1.0
    assert earlier["i001"]["fairness"] < 1.0


def test_an_introducers_track_record_counts_only_outcomes_met_before_the_day():
    rated = {**introduction(1, "met", 1, created_on="2025-12-01", to="z"), "met_on": "2026-02-01"}
    target = introduction(2, "met", 5, created_on="2026-01-10")
    assert introduction_features(trio([rated, target]))["i002"]["track_record"] == 0.5  # the prior only
    rated["met_on"] = "2026-01-01"
    assert introduction_features(trio([rated, target]))["i002"]["track_record"] < 0.5


def test_the_features_are_the_components_recommend_gives_on_the_graph_of_that_day():
    document = complete(validate(generate_dataset(400, seed=7)))
    features, settings = introduction_features(document), RecommendSettings()
    checked = 0
    for intro in sorted(document["introductions"], key=lambda i: i["id"])[:60]:
        day = intro["created_on"]
        pair = {intro["introduce"], intro["to"]}
        then = {
            **document,
            "knows": [k for k in document["knows"] if k["since"] < day and {k["a"], k["b"]} != pair],
            "mentorships": [m for m in document["mentorships"] if m["since"] < day],
            "introductions": [i for i in document["introductions"] if i["created_on"] < day],
        }
        store = EmbeddedStore(None)
        store.write(then)
        since = (date.fromisoformat(day) - timedelta(days=settings.fairness_window_days)).isoformat()
        found = store.recommendation_inputs(
            intro["introduce"], via=intro["by"], skill=None, since=since, settings=settings, limit=100
        )
        rows = [r for r in found["rows"] if r["candidate"] == intro["to"] and r["introducer"] == intro["by"]]
        if rows:
            expected = components(rows[0], found["person"]["level"], found["person"]["wants_to_grow"], settings)
            assert features[intro["id"]] == pytest.approx(expected, abs=1e-12), intro["id"]
            checked += 1
    assert checked >= 10


# -- the fit ---------------------------------------------------------------------------------


def test_the_fit_recovers_the_order_of_the_weights_the_outcomes_follow(fitted):
    weights = fitted["weights"]
    assert sorted(KNOWN, key=lambda name: -weights[name]) == ["seniority_fit", "tie_strength", "new_reach"]
    assert max(weights[name] for name in WEIGHTED if name not in KNOWN) < min(weights[name] for name in KNOWN)


def test_the_fitted_weights_beat_the_defaults_on_held_out_introductions(fitted):
    cv = fitted["cross_validation"]
    assert cv["folds"] == 5 and len(cv["per_fold"]) == 5
    assert cv["gain"] > 0 and all(f["fitted"] > f["default"] for f in cv["per_fold"])


def test_the_fitted_weights_are_shares_that_sum_to_one(fitted):
    assert set(fitted["weights"]) == set(WEIGHTED) and min(fitted["weights"].values()) >= 0
    assert sum(fitted["weights"].values()) == pytest.approx(1.0, abs=1e-5)


def test_the_same_data_and_seed_give_the_same_fit(known_outcomes, fitted):
    assert fit(known_outcomes) == fitted


def test_the_settings_file_loads_as_the_fitted_weights(fitted, tmp_path):
    path = tmp_path / "recommend.toml"
    path.write_text(settings_toml(fitted), "utf-8")
    loaded = recommend_settings_from_file(Path(path))
    assert {name: getattr(loaded, name) for name in WEIGHTED} == pytest.approx(fitted["weights"], abs=1e-6)
