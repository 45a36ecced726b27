"""The tie rules (netgraph.model.ties) and their SQL twin in netgraph.io.interactions.

``evidence_strength`` is the one definition of a tie's strength; the query
of ``qualifying_ties`` computes the same in DuckDB SQL (marked "rule twin of
netgraph/model/ties.py: evidence_strength"). On random aggregates and
random settings the two must agree, and so must the SQL's choice of the
pairs that are ties with the rule written here in plain Python.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from netgraph.errors import InvalidInput
from netgraph.io.interactions import connect, qualifying_ties
from netgraph.model.ties import (
    CHANNELS,
    DEFAULT_CHANNEL_WEIGHTS,
    DEFAULT_SETTINGS,
    TieSettings,
    evidence_strength,
)

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- the formula


def test_the_defaults_are_the_documented_ones():
    s = TieSettings()
    assert (
        s.max_participants,
        s.min_events,
        s.window_days,
        s.half_life_days,
        s.evidence_scale,
        s.retire_below,
        s.min_group_size,
    ) == (8, 2, 28, 90.0, 5.0, 0.05, 5)
    assert dict(s.channel_weights) == {"meeting": 1.0, "call": 1.0, "project": 0.5, "chat": 0.5, "email": 0.3}
    assert all(s.max_for(c) == 8 for c in CHANNELS) and s == DEFAULT_SETTINGS


def test_no_evidence_is_no_strength_and_strength_stays_below_one():
    assert evidence_strength([]) == 0.0
    assert evidence_strength([("meeting", 0, 0)]) == 0.0
    assert 0.99 < evidence_strength([("meeting", 0, 1000)]) <= 1.0
    assert evidence_strength([("meeting", 0, 20)]) < 1.0


def test_an_event_weighs_half_as_much_every_half_life():
    s = TieSettings(evidence_scale=1.0)
    evidence = [-math.log1p(-evidence_strength([("meeting", age, 1)], s)) for age in (0, 90, 180, 45)]
    assert evidence[:3] == pytest.approx([1.0, 0.5, 0.25]) and evidence[3] == pytest.approx(2**-0.5)


def test_channels_weigh_what_the_settings_say():
    s = TieSettings(evidence_scale=1.0)
    for channel, weight in DEFAULT_CHANNEL_WEIGHTS.items():
        assert -math.log1p(-evidence_strength([(channel, 0, 2)], s)) == pytest.approx(2 * weight)
    heavier_email = TieSettings(channel_weights={"email": 1.0})
    assert evidence_strength([("email", 0, 1)], heavier_email) == evidence_strength([("meeting", 0, 1)])
    assert heavier_email.channel_weights["chat"] == 0.5  # the channels not named keep their defaults


def test_more_and_more_recent_evidence_is_stronger():
    base = evidence_strength([("chat", 10, 1)])
    assert evidence_strength([("chat", 10, 2)]) > base
    assert evidence_strength([("chat", 5, 1)]) > base
    assert evidence_strength([("meeting", 10, 1)]) > base > evidence_strength([("email", 10, 1)])


def test_events_after_as_of_are_not_evidence_yet():
    assert evidence_strength([("meeting", -1, 3), ("chat", 0, 1)]) == evidence_strength([("chat", 0, 1)])


@pytest.mark.parametrize(
    "given, field",
    [
        ({"max_participants": 1}, "max_participants"),
        ({"max_participants": 8.5}, "max_participants"),
        ({"min_events": 0}, "min_events"),
        ({"window_days": -1}, "window_days"),
        ({"half_life_days": 0}, "half_life_days"),
        ({"half_life_days": math.inf}, "half_life_days"),
        ({"evidence_scale": -1}, "evidence_scale"),
        ({"retire_below": 1}, "retire_below"),
        ({"min_group_size": 0}, "min_group_size"),
        ({"channel_weights": {"chat": -0.1}}, "channel_weights"),
        ({"channel_weights": {"chat": math.nan}}, "channel_weights"),
        ({"channel_max": {"meeting": 1}}, "channel_max"),
        ({"channel_max": {"fax": 10}}, "channel_max"),
        ({"min_events": True}, "min_events"),
    ],
)
def test_settings_out_of_range_are_refused(given, field):
    with pytest.raises(InvalidInput) as caught:
        TieSettings(**given)
    assert [(p.where, p.field) for p in caught.value.problems] == [("tie settings", field)]


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        DEFAULT_SETTINGS.min_events = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        DEFAULT_SETTINGS.channel_weights["email"] = 1.0  # type: ignore[index]


def test_the_sql_says_it_is_the_rule_twin():
    source = (ROOT / "netgraph" / "io" / "interactions.py").read_text("utf-8")
    assert "rule twin of netgraph/model/ties.py: evidence_strength" in source


# ---------------------------------------------------------------- the SQL twin, on random data


def python_qualified_on(days: dict[date, int], min_events: int, window_days: int) -> date | None:
    """The first day on which the events of the days at most window_days before it reach min_events."""
    for day in sorted(days):
        if sum(n for d, n in days.items() if day - timedelta(days=window_days) <= d <= day) >= min_events:
            return day
    return None


def random_aggregates(rng: random.Random) -> list[tuple[str, str, str, date, int]]:
    start, rows = date(2025, 1, 1), []
    people = [f"p{i:03d}" for i in range(40)]
    for _ in range(rng.randint(30, 120)):
        a, b = sorted(rng.sample(people, 2))
        for _ in range(rng.choice([1, 1, 2, 3, 6, 15])):
            rows.append(
                (a, b, rng.choice(CHANNELS), start + timedelta(days=rng.randint(0, 400)), rng.choice([1, 1, 1, 2, 5]))
            )
    for _ in range(5):  # busy pairs: many events close together, so that a large min_events is met too
        a, b = sorted(rng.sample(people, 2))
        first = rng.randint(0, 380)
        rows += [(a, b, rng.choice(CHANNELS), start + timedelta(days=first + rng.randint(0, 20)), 1) for _ in range(30)]
    merged: dict[tuple, int] = {}
    for a, b, channel, day, events in rows:  # one row per pair, channel and day, as aggregation leaves them
        merged[(a, b, channel, day)] = merged.get((a, b, channel, day), 0) + events
    return [(*key, events) for key, events in merged.items()]


def random_settings(rng: random.Random) -> TieSettings:
    return TieSettings(
        min_events=rng.choice([1, 2, 2, 3, 4, 9, 12]),
        window_days=rng.choice([0, 7, 28, 90]),
        half_life_days=rng.choice([30, 90, 365.25, 7.5]),
        channel_weights={c: round(rng.uniform(0, 2), 3) for c in CHANNELS},
        evidence_scale=rng.choice([1.0, 5.0, 12.5]),
        retire_below=rng.choice([0.0, 0.05, 0.3]),
    )


@pytest.mark.parametrize("seed", range(16))
def test_the_sql_twin_agrees_with_the_python_rule_on_random_data(seed):
    rng = random.Random(seed)
    rows = random_aggregates(rng)
    settings = DEFAULT_SETTINGS if seed == 0 else random_settings(rng)
    as_of = date(2025, 1, 1) + timedelta(days=rng.randint(200, 420))
    con = connect()
    con.execute(
        "CREATE TABLE agg AS SELECT unnest($1::VARCHAR[]) AS a, unnest($2::VARCHAR[]) AS b, "
        "unnest($3::VARCHAR[]) AS channel, unnest($4::DATE[]) AS day, unnest($5::BIGINT[]) AS events, "
        "NULL::DOUBLE AS minutes",
        [[r[i] for r in rows] for i in range(5)],
    )
    got = {
        (r[0], r[1]): r[2:]
        for r in qualifying_ties(con, "agg", settings, as_of=as_of)
        .select("a, b, first_seen, last_seen, qualified_on, events, strength, retire")
        .fetchall()
    }

    expected = {}
    for pair in {(r[0], r[1]) for r in rows}:
        mine = [r for r in rows if (r[0], r[1]) == pair and r[3] <= as_of]
        days: dict[date, int] = {}
        for _, _, _, day, events in mine:
            days[day] = days.get(day, 0) + events
        qualified = python_qualified_on(days, settings.min_events, settings.window_days)
        if qualified is None:
            continue
        strength = evidence_strength(
            [(channel, (as_of - day).days, events) for _, _, channel, day, events in mine], settings
        )
        expected[pair] = (
            min(days),
            max(days),
            qualified,
            sum(days.values()),
            strength,
            strength < settings.retire_below,
        )

    assert set(got) == set(expected) and expected  # the same pairs are ties (and some are)
    for pair, (first, last, qualified, events, strength, retire) in expected.items():
        g = got[pair]
        assert g[:4] == (first, last, qualified, events), pair
        assert g[4] == pytest.approx(strength, rel=1e-12, abs=1e-15), pair
        assert g[5] == retire or abs(strength - settings.retire_below) < 1e-12, pair
