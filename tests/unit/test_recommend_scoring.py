"""The recommendation score as pure functions over plain rows."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from netgraph.analysis.recommend import rank
from netgraph.errors import InvalidInput
from netgraph.model.rules import WEIGHTED, RecommendSettings
from netgraph.model.rules import recommendation_score as score
from netgraph.settings import recommend_settings_from_text as settings_from_text

DEFAULTS = RecommendSettings()

README = Path(__file__).resolve().parents[2] / "README.md"


def row(candidate="c1", introducer="i1", **overrides):
    base = {"candidate": candidate, "name": "Chen Li", "level": 5, "org_unit": "u1", "org_unit_name": "Sales",
            "introducer": introducer, "introducer_name": "Ali Ray", "tie_strength": 0.5, "tie_kind": "knows",
            "tie_since": "2019-01-01", "introducer_rated": 0, "track_record": 0.5, "goal_skills": [],
            "adamic_adar": 0.0, "common_contacts": 0, "new_reach": False, "recent_introductions": 0}
    return {**base, **overrides}


def test_a_perfect_candidate_scores_one():
    parts = {"goal_fit": 1.0, "adamic_adar": float("inf"), "tie_strength": 1.0, "new_reach": 1.0,
             "seniority_fit": 1.0, "fairness": 1.0, "track_record": 1.0}
    parts["adamic_adar"] = 1e12
    assert score(parts, DEFAULTS.normalized_weights()) == pytest.approx(1.0, abs=1e-9)


def test_fairness_scales_the_whole_score():
    full = rank([row()], 3, [], DEFAULTS, 10)[0]["score"]
    halved = rank([row(recent_introductions=3)], 3, [], DEFAULTS, 10)[0]["score"]
    assert halved == pytest.approx(full / 2, abs=1e-12)


def test_the_stronger_introducer_is_kept_for_a_candidate():
    (best,) = rank([row(introducer="i1", tie_strength=0.4), row(introducer="i2", tie_strength=0.9)], 3, [],
                   DEFAULTS, 10)
    assert best["introducer"] == "i2"


def test_equal_introducers_are_chosen_by_id():
    (best,) = rank([row(introducer="i2"), row(introducer="i1")], 3, [], DEFAULTS, 10)
    assert best["introducer"] == "i1"


def test_equal_scores_are_ordered_by_candidate_id():
    assert [r["candidate"] for r in rank([row("c2"), row("c3"), row("c1")], 3, [], DEFAULTS, 10)] == \
        ["c1", "c2", "c3"]


def test_goal_fit_weighs_the_candidates_level_in_each_wanted_skill():
    (r,) = rank([row(goal_skills=[["negotiation", 4], ["pricing", 2]])], 3,
                ["negotiation", "pricing", "sql"], DEFAULTS, 10)
    assert r["components"]["goal_fit"] == pytest.approx(6 / 15)


def test_unknown_and_negative_settings_are_all_reported():
    with pytest.raises(InvalidInput) as caught:
        settings_from_text("goal_fit=-1, speed=3, fairness_scale=0")
    assert [p.field for p in caught.value.problems] == ["goal_fit", "speed", "fairness_scale"]


def test_all_weights_zero_is_refused():
    with pytest.raises(InvalidInput, match="at least one weight"):
        settings_from_text(",".join(f"{w}=0" for w in WEIGHTED))


@pytest.mark.parametrize("name", [f.name for f in fields(RecommendSettings)])
def test_every_setting_is_documented_in_readme(name):
    assert f"`{name}`" in README.read_text("utf-8"), f"README does not document the setting {name}"
