"""The recommendation score, the plausibility floor and the reasons, as pure functions over plain rows."""

from __future__ import annotations

import math
import random
from dataclasses import fields, replace
from pathlib import Path

import pytest

from netgraph.analysis.recommend import called, rank, reasons
from netgraph.errors import InvalidInput
from netgraph.model.rules import (
    COMPONENTS,
    VALUE,
    WEIGHTED,
    RecommendSettings,
    log_odds_floor,
    plausibility_floor,
)
from netgraph.settings import recommend_settings_from_text as settings_from_text

DEFAULTS = RecommendSettings()

RECOMMENDATIONS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "recommendations.md"


def row(candidate="c1", introducer="i1", **overrides):
    base = {
        "candidate": candidate,
        "name": "Chen Li",
        "preferred_name": "Chen",
        "level": 5,
        "org_unit": "u1",
        "org_unit_name": "Sales",
        "introducer": introducer,
        "introducer_name": "Ali Ray",
        "introducer_preferred_name": "Ali",
        "tie_strength": 0.5,
        "tie_kind": "knows",
        "tie_since": "2019-01-01",
        "introducer_rated": 0,
        "track_record": 0.5,
        "goal_skills": [],
        "plausibility": 1.0,
        "adamic_adar": 1.0,
        "common_contacts": 1,
        "new_reach": False,
        "recent_introductions": 0,
    }
    return {**base, **overrides}


def ranked(rows, settings=DEFAULTS, goals=(), level=3, limit=100):
    return rank(rows, level, list(goals), settings, limit)


def test_the_most_plausible_candidate_with_every_value_scores_one():
    best = row(plausibility=2.0, goal_skills=[["sql", 5]], new_reach=True, level=5)
    (top, other) = ranked([best, row("c2", plausibility=1.0, level=9)], goals=["sql"])
    assert top["score"] == pytest.approx(1.0, abs=1e-12)
    # half as plausible, and of the value only fairness (no goal, no new unit, 6 levels above)
    worth = DEFAULTS.fairness / sum(getattr(DEFAULTS, name) for name in VALUE)
    assert other["value"] == pytest.approx(worth)
    assert other["score"] == pytest.approx(0.5 * (1 / DEFAULTS.value_band + (1 - 1 / DEFAULTS.value_band) * worth))


def test_value_reorders_candidates_of_comparable_plausibility():
    found = ranked([row("c1", plausibility=1.0), row("c2", plausibility=0.95, new_reach=True)])
    assert [r["candidate"] for r in found] == ["c2", "c1"]


def test_value_never_lifts_anyone_above_a_candidate_more_than_band_times_as_plausible():
    """Every value at its best against none at all (and fairness at its worst) is not enough."""
    perfect = dict(goal_skills=[["sql", 5]], new_reach=True, level=5)
    for band in (1.0, 1.5, 2.0, 3.0):
        settings = replace(DEFAULTS, value_band=band)
        plain = row("c2", plausibility=band * (1 + 1e-9), level=9, recent_introductions=1000)
        found = ranked([row("c1", plausibility=1.0, **perfect), plain], settings, goals=["sql"])
        assert [r["candidate"] for r in found] == ["c2", "c1"], band
        assert found[1]["score"] <= found[0]["score"]


def test_a_band_of_one_ranks_by_plausibility_alone():
    settings = replace(DEFAULTS, value_band=1.0)
    found = ranked(
        [row("c1", plausibility=1.0, new_reach=True, goal_skills=[["sql", 5]]), row("c2", plausibility=1.0 + 1e-9)],
        settings,
        goals=["sql"],
    )
    assert [r["candidate"] for r in found] == ["c2", "c1"]
    assert [r["score"] for r in found] == [1.0, round(1 / (1 + 1e-9), 12)]


def test_fairness_lowers_a_candidate_within_the_band():
    full = ranked([row()])[0]
    halved = ranked([row(recent_introductions=3)])[0]
    w = DEFAULTS.normalized_weights()
    share = w["fairness"] / sum(w[name] for name in VALUE)
    assert halved["components"]["fairness"] == 0.5
    assert full["score"] - halved["score"] == pytest.approx((1 - 1 / DEFAULTS.value_band) * share * 0.5)


def test_scores_are_relative_to_the_most_plausible_candidate():
    found = ranked([row("c1", plausibility=4.0), row("c2", plausibility=1.0)])
    assert found[1]["score"] == pytest.approx(found[0]["score"] / 4)
    assert all(0.0 <= r["score"] <= 1.0 for r in found)


def test_without_any_plausible_path_every_score_is_zero():
    found = ranked([row("c2", plausibility=0.0), row("c1", plausibility=0.0, new_reach=True)])
    assert [(r["candidate"], r["score"]) for r in found] == [("c1", 0.0), ("c2", 0.0)]


def test_equal_scores_are_ordered_by_candidate_id():
    assert [r["candidate"] for r in ranked([row("c2"), row("c3"), row("c1")])] == ["c1", "c2", "c3"]


def test_goal_fit_weighs_the_candidates_level_in_each_wanted_skill():
    (r,) = ranked([row(goal_skills=[["negotiation", 4], ["pricing", 2]])], goals=["negotiation", "pricing", "sql"])
    assert r["components"]["goal_fit"] == pytest.approx(6 / 15)


def test_every_component_is_reported():
    (r,) = ranked([row()])
    assert tuple(r["components"]) == COMPONENTS


def test_new_unit_place_gives_the_last_place_to_a_candidate_in_a_new_unit_plausible_enough():
    rows = [
        row("c1", plausibility=1.0),
        row("c2", plausibility=0.9),
        row("c3", plausibility=0.8),
        row("c4", plausibility=0.02, new_reach=True),
        row("c5", plausibility=0.3, new_reach=True),
    ]
    kept = replace(DEFAULTS, new_unit_place=0.2)
    assert [r["candidate"] for r in ranked(rows, kept, limit=3)] == ["c1", "c2", "c5"]
    assert [r["candidate"] for r in ranked(rows, replace(DEFAULTS, new_unit_place=0.5), limit=3)] == ["c1", "c2", "c3"]
    assert [r["candidate"] for r in ranked(rows, limit=3)] == ["c1", "c2", "c3"]  # default 0: no place kept


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 8])
def test_the_plausibility_floor_never_leaves_out_anyone_who_would_be_shown(limit):
    """What Neo4j leaves out (below the floor of limit) would not have made the first limit places."""
    rnd = random.Random(limit)
    for _ in range(300):
        rows = [
            row(
                f"c{i:02}",
                plausibility=rnd.choice([0.0, rnd.random(), rnd.random() * 5, 1.0]),
                new_reach=rnd.random() < 0.5,
                goal_skills=[["sql", rnd.randint(1, 5)]] if rnd.random() < 0.5 else [],
                level=rnd.randint(1, 9),
                recent_introductions=rnd.choice([0, 0, 1, 5]),
            )
            for i in range(rnd.randint(1, 14))
        ]
        settings = replace(
            DEFAULTS, value_band=rnd.choice([1.0, 1.3, 2.0, 4.0]), new_unit_place=rnd.choice([0.0, 0.05, 0.3, 0.9])
        )
        least = plausibility_floor(
            sorted((r["plausibility"] for r in rows), reverse=True),
            limit,
            settings.value_band,
            settings.new_unit_place,
        )
        kept = [r for r in rows if r["plausibility"] >= least]
        assert ranked(kept, settings, goals=["sql"], limit=limit) == ranked(rows, settings, goals=["sql"], limit=limit)


def random_log_odds(rnd: random.Random) -> list[float]:
    """A learned model's log-odds for 1-14 candidates, some of them tied."""
    return [rnd.choice([-8.0, -3.5, rnd.uniform(-9.0, 3.0), rnd.uniform(-9.0, 3.0)]) for _ in range(rnd.randint(1, 14))]


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 8])
def test_the_log_odds_floor_never_leaves_out_anyone_who_would_be_shown(limit):
    """What a store leaves out below the floor on the log side would not have made the first limit places."""
    rnd = random.Random(limit)
    for _ in range(300):
        log_odds = random_log_odds(rnd)
        rows = [
            row(
                f"c{i:02}",
                plausibility=math.exp(x),
                new_reach=rnd.random() < 0.5,
                goal_skills=[["sql", rnd.randint(1, 5)]] if rnd.random() < 0.5 else [],
                level=rnd.randint(1, 9),
                recent_introductions=rnd.choice([0, 0, 1, 5]),
            )
            for i, x in enumerate(log_odds)
        ]
        settings = replace(
            DEFAULTS, value_band=rnd.choice([1.0, 1.3, 2.0, 4.0]), new_unit_place=rnd.choice([0.0, 0.05, 0.3, 0.9])
        )
        least = log_odds_floor(sorted(log_odds, reverse=True), limit, settings.value_band, settings.new_unit_place)
        kept = [r for r, x in zip(rows, log_odds, strict=True) if x >= least]
        assert ranked(kept, settings, goals=["sql"], limit=limit) == ranked(rows, settings, goals=["sql"], limit=limit)


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 8])
def test_the_log_odds_floor_keeps_the_candidates_the_floor_on_the_odds_keeps(limit):
    rnd = random.Random(100 + limit)
    for _ in range(300):
        log_odds = sorted(random_log_odds(rnd), reverse=True)
        odds = [math.exp(x) for x in log_odds]
        band, place = rnd.choice([1.0, 1.3, 2.0, 4.0]), rnd.choice([0.0, 0.05, 0.3, 0.9])
        on_logs, on_odds = log_odds_floor(log_odds, limit, band, place), plausibility_floor(odds, limit, band, place)
        assert [x >= on_logs for x in log_odds] == [p >= on_odds for p in odds]


def test_candidates_tied_with_the_one_band_times_below_the_last_place_are_kept_on_the_log_side():
    """At the boundary: log-odds exactly log(band) below the limit-th's are above the floor (its margin)."""
    band = 2.0
    log_odds = [1.0, 0.5, 0.5 - math.log(band), 0.5 - math.log(band), -5.0]
    least = log_odds_floor(log_odds, 2, band)
    assert [x >= least for x in log_odds] == [True, True, True, True, False]


@pytest.mark.parametrize(
    "name, preferred, expected",
    [
        ("Dana Okafor", "Dana", "Dana"),
        ("Dana Okafor", None, "Dana Okafor"),
        ("Person 454", None, "Person 454"),
        ("Nguyen Thi Lan", "Lan", "Lan"),
    ],
)
def test_reasons_call_people_by_their_preferred_name_else_their_whole_name(name, preferred, expected):
    assert called(name, preferred) == expected


def test_a_numbered_name_is_used_whole_in_the_reasons():
    person = {"name": "Person 454", "level": None}
    (r,) = ranked(
        [
            row(
                name="Person 17",
                preferred_name=None,
                level=None,
                introducer_name="Person 3",
                introducer_preferred_name=None,
                common_contacts=11,
                new_reach=True,
                org_unit_name="Class 2B",
            )
        ]
    )
    assert reasons(r, person, DEFAULTS) == [
        "shares 11 contacts with Person 454",
        "works in Class 2B, where Person 454 knows no one yet",
        "Person 3 and Person 17 have known each other since 2019, strength 0.5",
    ]


def test_the_plausibility_reason_comes_first():
    person = {"name": "Dana Okafor", "preferred_name": "Dana", "level": 3}
    (r,) = ranked([row(goal_skills=[["sql", 5]], common_contacts=1)], goals=["sql"])
    assert reasons(r, person, DEFAULTS) == [
        "Ali and Chen have known each other since 2019, strength 0.5",
        "has sql at level 5, which Dana wants to grow",
        "is 2 levels above Dana",
    ]


def test_unknown_and_negative_settings_are_all_reported():
    with pytest.raises(InvalidInput) as caught:
        settings_from_text("goal_fit=-1, speed=3, fairness_scale=0")
    assert [p.field for p in caught.value.problems] == ["goal_fit", "speed", "fairness_scale"]


def test_all_weights_zero_is_refused():
    with pytest.raises(InvalidInput, match="at least one weight"):
        settings_from_text(",".join(f"{w}=0" for w in WEIGHTED))


@pytest.mark.parametrize("name", [f.name for f in fields(RecommendSettings)])
def test_every_setting_is_documented_on_the_recommendations_page(name):
    page = RECOMMENDATIONS_PAGE.read_text("utf-8")
    assert f"`{name}`" in page, f"docs/recommendations.md does not document the setting {name}"
