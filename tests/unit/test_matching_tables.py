"""The round's tables give exactly what the per-pair rules give, pair by pair, on generated rounds.

The per-pair rules (constraints, fit parts, one breadth-first search per
mentee) say why in words and are the specification; the tables compute the
same for a whole round at once. Rounds here are generated with every case the
rules tell apart: unknown levels, units and locations, vacant positions and a
cycle on the reporting line, active, recent, old and undated mentorships,
goals listed twice, rankings naming people outside the round, and a contact
network with one-way links.
"""

from __future__ import annotations

import random

import pytest

from netgraph.analysis.matching import network
from netgraph.analysis.matching.constraint_tables import allowed_of, refusal_tables
from netgraph.analysis.matching.constraints import refusals
from netgraph.analysis.matching.fit import fit_parts, total_fit
from netgraph.analysis.matching.fit_tables import fit_table, parts_at
from netgraph.analysis.matching.inputs import FIT_PARTS, MatchSettings, Member, PastMentorship, RoundInputs
from netgraph.analysis.matching.network import distance_table, round_distances
from netgraph.analysis.matching.table import PairTable

SKILLS = ("pricing", "sql", "negotiation", "python", "design")


def generated_round(seed: int, mentees: int = 14, mentors: int = 9, others: int = 12) -> RoundInputs:
    rng = random.Random(seed)
    ids = [f"e{i:02}" for i in range(mentees)] + [f"m{i:02}" for i in range(mentors)]
    ids += [f"x{i:02}" for i in range(others)]
    positions = [f"pos{i}" for i in range(12)]
    reports_to: dict[str, str | None] = {p: (rng.choice(positions[:i]) if i else None) for i, p in enumerate(positions)}
    reports_to["pos11"], reports_to["pos10"] = "pos10", "pos11"  # a cycle
    held: dict[str, list[str]] = {}
    members = {}
    for pid in ids:
        mine = tuple(rng.sample(positions, rng.choice((0, 1, 1, 2))))
        for p in mine:
            held.setdefault(p, []).append(pid)
        members[pid] = Member(
            pid,
            level=rng.choice((None, 1, 2, 3, 4, 5, 6, 7)),
            unit=rng.choice((None, "u1", "u2", "u3")),
            location=rng.choice((None, "Oslo", "Lima")),
            skills={s: rng.randint(1, 5) for s in rng.sample(SKILLS, rng.randint(0, 4))},
            wants=tuple(rng.choice(SKILLS) for _ in range(rng.randint(0, 3))),
            positions=mine,
            preferences=tuple(rng.sample(ids, rng.randint(0, 5))) if rng.random() < 0.4 else (),
        )
    # a vacant position is one nobody holds: some are left vacant by the draw above
    mentorships = tuple(
        PastMentorship(
            rng.choice(ids),
            rng.choice(ids),
            rng.choice(("active", "ended")),
            rng.choice((None, "2026-05-01", "2025-01-01", "2020-01-01")),
        )
        for _ in range(25)
    )
    contacts: dict[str, set[str]] = {}
    for _ in range(45):
        a, b = rng.sample(ids, 2)
        contacts.setdefault(a, set()).add(b)
        if rng.random() < 0.85:  # most links go both ways, some only one
            contacts.setdefault(b, set()).add(a)
    return RoundInputs(
        mentees=tuple(ids[:mentees]),
        capacity={m: rng.randint(1, 3) for m in ids[mentees : mentees + mentors]},
        members=members,
        today="2026-06-01",
        reports_to=reports_to,
        holders={p: tuple(h) for p, h in held.items()},
        mentorships=mentorships,
        contacts={p: frozenset(c) for p, c in contacts.items()},
        load={m: rng.randint(0, 3) for m in ids},
    )


SETTINGS = [
    MatchSettings(),
    MatchSettings(other_unit=True, same_location=True, unknown_level_passes=True, min_level_gap=2),
    MatchSettings(reporting_line_depth=1, recent_days=30, ideal_gap=3, weights={p: 1.0 for p in FIT_PARTS}),
]


def pairs(inputs: RoundInputs):
    table = PairTable.of(inputs.mentees, inputs.mentors)
    for row, mentee in enumerate(table.mentees):
        for col, mentor in enumerate(table.mentors):
            yield table, row, col, mentor, mentee


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("settings", SETTINGS, ids=["defaults", "strict", "shallow"])
def test_each_constraint_table_refuses_exactly_the_pairs_its_rule_refuses(seed, settings):
    inputs = generated_round(seed)
    forbidden = [(inputs.mentors[0], inputs.mentees[1])]
    table = PairTable.of(inputs.mentees, inputs.mentors)
    tables = refusal_tables(table, inputs, settings, forbidden)
    allowed = allowed_of(table, tables)
    for _, row, col, mentor, mentee in pairs(inputs):
        expected = set(refusals(mentor, mentee, inputs, settings)) | (
            {"forbidden"} if (mentor, mentee) in forbidden else set()
        )
        assert {name for name, refused in tables.items() if refused[row, col]} == expected, (mentor, mentee)
        assert allowed[row, col] == (not expected)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("chunk", [network.CHUNK, 3])
def test_the_distance_table_is_one_bounded_search_per_mentee(seed, chunk, monkeypatch):
    monkeypatch.setattr(network, "CHUNK", chunk)  # mentees a block at a time give the same distances
    inputs = generated_round(seed)
    table = PairTable.of(inputs.mentees, inputs.mentors)
    distance = distance_table(table, inputs.contacts, 3)
    searched = round_distances(inputs.mentees, inputs.mentors, inputs.contacts, 3)
    for _, row, col, mentor, mentee in pairs(inputs):
        assert (int(distance[row, col]) or None) == searched.get((mentor, mentee)), (mentor, mentee)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("settings", SETTINGS, ids=["defaults", "strict", "shallow"])
def test_every_fit_part_and_the_total_are_the_per_pair_rules_floats(seed, settings):
    inputs = generated_round(seed)
    table = PairTable.of(inputs.mentees, inputs.mentors)
    distance = distance_table(table, inputs.contacts, 3)
    parts = parts_at(table, inputs, settings, distance)
    total = fit_table(table, inputs, settings, distance)
    weights = settings.normalized_weights()
    for _, row, col, mentor, mentee in pairs(inputs):
        expected = fit_parts(mentor, mentee, inputs, settings, int(distance[row, col]) or None)
        assert {part: float(parts[part][row, col]) for part in FIT_PARTS} == expected, (mentor, mentee)
        assert float(total[row, col]) == total_fit(expected, weights), (mentor, mentee)
