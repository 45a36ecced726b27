"""A pair's running figures: the one rule (netgraph/model/ties.py), its SQL twin, and what they promise.

Random counts and random settings: :func:`carry_sql` gives the figures
:func:`carried_figures` gives, and :func:`figure_ties_sql` the strengths
:func:`evidence_strength` gives over every count; adding counts in any split
and order gives the figures of adding them all at once.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import duckdb
import pytest

from netgraph.io.tie_figures import FIGURES_COLUMNS, carry_sql, figure_ties_sql
from netgraph.model.ties import (
    CHANNELS,
    PairFigures,
    TieSettings,
    carried_figures,
    evidence_strength,
    figures_evidence,
    qualified_on,
)

START = date(2026, 1, 1)


def random_settings(rng: random.Random) -> TieSettings:
    return TieSettings(
        half_life_days=rng.choice([7.0, 30.0, 90.0, 365.0]),
        channel_weights={c: rng.choice([0.0, 0.3, 0.5, 1.0, 2.0]) for c in CHANNELS},
        min_events=rng.randint(1, 4),
        window_days=rng.choice([0, 3, 28, 60]),
    )


def random_counts(rng: random.Random, n: int, span: int = 200) -> list[tuple[str, date, int]]:
    return [(rng.choice(CHANNELS), START + timedelta(days=rng.randrange(span)), rng.randint(1, 3)) for _ in range(n)]


def carried_in_steps(steps, settings) -> PairFigures | None:
    figures = None
    for counts in steps:
        figures = carried_figures(figures, counts, settings)
    return figures


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


@pytest.mark.parametrize("seed", range(40))
def test_carrying_counts_in_any_split_and_order_gives_the_figures_of_all_of_them(seed):
    rng = random.Random(seed)
    settings = random_settings(rng)
    counts = random_counts(rng, rng.randint(1, 30))
    whole = carried_figures(None, counts, settings)
    shuffled = counts[:]
    rng.shuffle(shuffled)
    cuts = sorted({0, len(shuffled), *rng.sample(range(1, len(shuffled) + 1), k=min(len(shuffled), 4))})
    steps = [shuffled[i:j] for i, j in zip(cuts, cuts[1:], strict=False)]
    stepped = carried_in_steps(steps, settings)
    assert stepped is not None
    assert (stepped.first_seen, stepped.last_seen, stepped.events) == (whole.first_seen, whole.last_seen, whole.events)
    assert close(stepped.evidence, whole.evidence)
    # qualified or not alike; qualified_by on or after the first qualifying day (a late event may move it earlier)
    assert (stepped.qualified_by is None) == (whole.qualified_by is None)
    if whole.qualified_by is not None:
        assert stepped.qualified_by is not None and stepped.qualified_by >= whole.qualified_by
    else:
        assert stepped.pending == whole.pending
    assert whole.qualified_by == qualified_on(((day, events) for _, day, events in counts), settings)


@pytest.mark.parametrize("seed", range(40))
def test_figures_aged_to_a_day_give_the_strength_of_every_count(seed):
    rng = random.Random(seed)
    settings = random_settings(rng)
    counts = random_counts(rng, rng.randint(2, 30))
    figures = carried_in_steps([counts[: len(counts) // 2], counts[len(counts) // 2 :]], settings)
    assert figures is not None
    as_of = figures.last_seen + timedelta(days=rng.randrange(400))
    aged = figures_evidence(figures, as_of, settings)
    assert aged is not None and figures_evidence(figures, figures.last_seen - timedelta(days=1), settings) is None
    expected = evidence_strength([(c, (as_of - d).days, e) for c, d, e in counts], settings)
    assert close(-math.expm1(-aged / settings.evidence_scale), expected)


def _table(con, name: str, figures: dict[tuple[str, str], PairFigures]) -> None:
    con.execute(f"CREATE OR REPLACE TABLE {name} ({FIGURES_COLUMNS})")
    for (a, b), f in figures.items():
        con.execute(
            f"INSERT INTO {name} VALUES (?, ?, ?, ?, ?, ?, ?, ?::DATE[], ?::INTEGER[])",
            [
                a,
                b,
                f.first_seen,
                f.last_seen,
                f.events,
                f.evidence,
                f.qualified_by,
                [d for d, _ in f.pending],
                [e for _, e in f.pending],
            ],
        )


def _assert_sql_carries_as_the_rule(
    kept: dict[tuple[str, str], PairFigures],
    new: dict[tuple[str, str], list[tuple[str, date, int]]],
    settings: TieSettings,
    *,
    pending: bool,
) -> list[tuple[tuple[list, list], list]]:
    """Carry ``new`` counts over the ``kept`` figures with the SQL twin (``carry_sql``) and check that it gives
    each pair of ``new`` the rule's first and last day, events, qualifying day and evidence; each pair's pending
    days and their events as the twin gave them, with the rule's pending days."""
    con = duckdb.connect()
    _table(con, "kept", kept)
    con.execute("CREATE TABLE counts (a VARCHAR, b VARCHAR, channel VARCHAR, day DATE, events INTEGER)")
    con.executemany("INSERT INTO counts VALUES (?, ?, ?, ?, ?)", [(a, b, *c) for (a, b), cs in new.items() for c in cs])
    got = {(r[0], r[1]): r[2:] for r in con.execute(carry_sql("kept", "counts", settings, pending=pending)).fetchall()}
    assert set(got) == set(new)
    found = []
    for pair, counts in new.items():
        want = carried_figures(kept.get(pair), counts, settings)
        first, last, events, evidence, qualified, days, day_events = got[pair]
        assert (first, last, events, qualified) == (want.first_seen, want.last_seen, want.events, want.qualified_by)
        assert close(evidence, want.evidence)
        found.append(((days, day_events), list(want.pending)))
    return found


@pytest.mark.parametrize("seed", range(10))
def test_the_sql_twin_carries_figures_as_the_rule_does(seed):
    rng = random.Random(seed)
    settings = random_settings(rng)
    pairs = [(f"p{i}", f"q{i}") for i in range(30)]
    kept = {pair: carried_figures(None, random_counts(rng, rng.randint(1, 8)), settings) for pair in pairs[:20]}
    new = {pair: random_counts(rng, rng.randint(1, 6), span=260) for pair in pairs[10:]}
    pending = _assert_sql_carries_as_the_rule(kept, new, settings, pending=True)
    assert all(list(zip(days, day_events, strict=True)) == want for (days, day_events), want in pending)


@pytest.mark.parametrize("seed", range(10))
def test_the_sql_twin_without_pending_days_carries_the_figures_of_pairs_that_qualify(seed):
    rng = random.Random(seed)
    settings = random_settings(rng)
    pairs = [(f"p{i}", f"q{i}") for i in range(30)]
    earlier = {pair: random_counts(rng, rng.randint(1, 8)) for pair in pairs[:20]}
    kept = {pair: carried_figures(None, counts, settings) for pair, counts in earlier.items()}
    kept = {pair: f for pair, f in kept.items() if f.qualified_by is not None}  # the ingest keeps only these
    new = {pair: random_counts(rng, rng.randint(1, 6), span=260) for pair in pairs[10:]}
    for pair in set(earlier) - set(kept):  # a pair without figures is carried from all its counts
        new[pair] = earlier[pair] + new.get(pair, [])
    pending = _assert_sql_carries_as_the_rule(kept, new, settings, pending=False)
    assert all(days == day_events == [] for (days, day_events), _ in pending)


@pytest.mark.parametrize("seed", range(10))
def test_the_sql_twin_judges_figures_as_the_rule_does(seed):
    rng = random.Random(seed)
    settings = random_settings(rng)
    figures = {
        (f"p{i}", f"q{i}"): carried_figures(None, random_counts(rng, rng.randint(1, 8)), settings) for i in range(30)
    }
    as_of = START + timedelta(days=rng.randrange(150, 400))
    con = duckdb.connect()
    _table(con, "figures", figures)
    got = {(r[0], r[1]): r for r in con.execute(figure_ties_sql("figures", settings, as_of=as_of)).fetchall()}
    want = {p for p, f in figures.items() if f.qualified_by is not None and f.last_seen <= as_of}
    assert set(got) == want
    for pair in want:
        aged = figures_evidence(figures[pair], as_of, settings)
        assert aged is not None and close(got[pair][6], aged)
        assert close(got[pair][7], -math.expm1(-aged / settings.evidence_scale))
        assert got[pair][8] == (got[pair][7] < settings.retire_below)
