"""Simultaneous cover: a maximum matching of critical seats to distinct ready-now successors, with a stable choice
of the seats that lose out, checked against brute force on every small case drawn here."""

from __future__ import annotations

import itertools
import random

import pytest

from netgraph.analysis.simultaneous_cover import (
    ORGANISATION,
    cover_by_scope,
    fill_at_once,
    lose_out_by_scope,
    scope_cover,
    seat_order,
)


def random_seats(rng: random.Random) -> list[tuple[str, list[str]]]:
    """Up to 6 seats, each with up to 3 of 5 candidates: small enough to try every assignment."""
    people = ["p1", "p2", "p3", "p4", "p5"]
    return [(f"s{i}", sorted(rng.sample(people, rng.randint(0, 3)))) for i in range(rng.randint(0, 6))]


def matchable(seats: list[tuple[str, list[str]]]) -> bool:
    """Every one of ``seats`` can have its own candidate at once (tried exhaustively)."""
    return any(
        len(set(choice)) == len(choice) for choice in itertools.product(*(candidates for _, candidates in seats))
    )


def largest_by_brute_force(seats: list[tuple[str, list[str]]]) -> int:
    return max(
        (size for size in range(len(seats) + 1) for subset in itertools.combinations(seats, size) if matchable(subset)),
        default=0,
    )


def first_come_by_brute_force(seats: list[tuple[str, list[str]]]) -> set[str]:
    """Seats in order, each kept when it and the seats kept before it can all be filled at once."""
    kept: list[tuple[str, list[str]]] = []
    for seat in seats:
        if matchable([*kept, seat]):
            kept.append(seat)
    return {seat for seat, _ in kept}


CASES = [random_seats(random.Random(seed)) for seed in range(300)]


@pytest.mark.parametrize("seats", CASES[:100])
def test_as_many_seats_are_filled_as_brute_force_finds(seats):
    assert len(fill_at_once(seats)) == largest_by_brute_force(seats)


@pytest.mark.parametrize("seats", CASES)
def test_each_filled_seat_has_one_of_its_own_candidates_and_nobody_fills_two(seats):
    filled = fill_at_once(seats)
    candidates = dict(seats)
    assert all(person in candidates[seat] for seat, person in filled.items())
    assert len(set(filled.values())) == len(filled)


@pytest.mark.parametrize("seats", CASES)
def test_the_seats_filled_are_those_a_first_come_rule_keeps_whatever_the_algorithm(seats):
    assert set(fill_at_once(seats)) == first_come_by_brute_force(seats)


def test_a_filled_seat_is_never_given_up_for_a_later_one():
    assert fill_at_once([("ceo", ["x"]), ("cfo", ["x"])]) == {"ceo": "x"}
    assert fill_at_once([("cfo", ["x"]), ("ceo", ["x"])]) == {"cfo": "x"}


def test_a_long_chain_of_moves_is_found_without_recursion():
    chain = [(f"s{i:05}", [f"p{i:05}", f"p{i + 1:05}"]) for i in range(5000)]
    first = [("first", ["p00000"])]
    assert len(fill_at_once([*chain, *first])) == 5001


def seat(pid, ready, level=5, unit="u", holds=None):
    holds = holds or {}
    return {
        "id": pid,
        "level": level,
        "org_unit": unit,
        "ready_now": [{"person": p, "holds_critical": holds.get(p, [])} for p in ready],
    }


def test_one_successor_for_two_seats_fills_one_and_the_other_loses_out():
    cover = scope_cover([seat("a", ["x"]), seat("b", ["x"])])
    assert (cover["critical_covered"], cover["bench_strength"]) == (2, 1.0)
    assert (cover["simultaneous_cover"], cover["simultaneous_strength"], cover["lose_out"]) == (1, 0.5, ["b"])


def test_higher_level_seats_are_filled_first():
    cover = scope_cover([seat("a", ["x"], level=5), seat("b", ["x"], level=7)])
    assert cover["filled_by"] == {"b": "x"} and cover["lose_out"] == ["a"]


def test_a_successor_holding_a_critical_seat_in_the_scope_does_not_count_there():
    cover = scope_cover([seat("a", ["x"]), seat("b", ["y"], holds={"y": ["a"]})])
    assert cover["critical_covered"] == 2 and cover["lose_out"] == ["b"]


def test_a_successor_holding_a_critical_seat_elsewhere_counts():
    cover = scope_cover([seat("b", ["y"], holds={"y": ["seat-in-another-unit"]})])
    assert cover["simultaneous_cover"] == 1


def test_seats_that_lose_out_are_the_covered_ones_left_unfilled():
    seats = [seat("a", ["x"]), seat("b", ["x"]), seat("c", []), seat("d", ["y", "x"])]
    cover = scope_cover(seats)
    assert len(cover["lose_out"]) == cover["critical_covered"] - cover["simultaneous_cover"] == 1
    assert "c" not in cover["lose_out"]  # a gap was never counted as covered


def test_a_scope_without_critical_seats_has_no_strength():
    cover = scope_cover([])
    assert (cover["simultaneous_cover"], cover["simultaneous_strength"], cover["lose_out"]) == (0, None, [])


UNITS = [{"id": "root", "parent": None}, {"id": "a", "parent": "root"}, {"id": "b", "parent": "root"}]


def test_a_successor_shared_across_units_covers_each_unit_alone_but_not_both_at_once():
    found = cover_by_scope([seat("pa", ["x"], unit="a"), seat("pb", ["x"], unit="b")], UNITS)
    assert [found[u]["simultaneous_cover"] for u in ("a", "b", "root", ORGANISATION)] == [1, 1, 1, 1]
    assert found["root"]["lose_out"] == ["pb"]


def test_holding_a_seat_in_a_sibling_unit_counts_in_the_unit_but_not_in_the_parent():
    seats = [seat("pa", ["x"], unit="a"), seat("pb", ["y"], unit="b", holds={"y": ["pa"]})]
    found = cover_by_scope(seats, UNITS)
    assert found["b"]["simultaneous_cover"] == 1
    assert found["root"]["lose_out"] == ["pb"]


def test_the_organisation_counts_seats_in_no_unit_that_no_unit_counts():
    found = cover_by_scope([seat("loose", ["x"], unit=None)], UNITS)
    assert found[ORGANISATION]["simultaneous_cover"] == 1
    assert all(found[u]["critical"] == 0 for u in ("root", "a", "b"))


def test_a_parent_link_that_loops_back_still_ends():
    looped = [{"id": "a", "parent": "b"}, {"id": "b", "parent": "a"}]
    found = cover_by_scope([seat("pa", ["x"], unit="a")], looped)
    assert found["a"]["critical"] == found["b"]["critical"] == 1


def scope_by_scope(seats, units):
    """Each scope answered from scratch: its seats, the successors it does not leave out, one matching over all."""
    parent = {u["id"]: u["parent"] for u in units}

    def above(unit):
        chain = []
        while unit is not None and unit in parent and unit not in chain:
            chain.append(unit)
            unit = parent[unit]
        return chain

    def answer(in_scope_seats):
        ordered = sorted(in_scope_seats, key=seat_order)
        ids = {s["id"] for s in ordered}
        options = [
            (s["id"], [c["person"] for c in s["ready_now"] if ids.isdisjoint(c["holds_critical"])]) for s in ordered
        ]
        filled = fill_at_once(options)
        return len(ordered), filled, [s["id"] for s in ordered if s["ready_now"] and s["id"] not in filled]

    found = {ORGANISATION: answer(seats)}
    for u in parent:
        found[u] = answer([s for s in seats if u in above(s["org_unit"])])
    return found


def sparse_tree(rng: random.Random) -> tuple[list[dict], list[dict]]:
    """A tree of 120 units, seats in a handful of them; successors shared between seats and some holding seats."""
    units = [{"id": "u000", "parent": None}]
    units += [{"id": f"u{i:03}", "parent": f"u{rng.randrange(i):03}"} for i in range(1, 120)]
    seat_ids = [f"s{i:02}" for i in range(rng.randint(3, 12))]
    people = [f"p{i}" for i in range(8)]
    holds = {p: rng.sample(seat_ids, rng.choice([0, 0, 0, 1])) for p in people}
    seats = [
        seat(
            pid,
            sorted(rng.sample(people, rng.randint(0, 3))),
            level=rng.choice([None, 4, 5, 6]),
            unit=rng.choice([f"u{rng.randrange(120):03}", None]),
            holds=holds,
        )
        for pid in seat_ids
    ]
    return seats, units


@pytest.mark.parametrize("seed", range(40))
def test_a_tree_where_most_units_hold_no_seat_gets_each_scope_s_own_answer(seed):
    seats, units = sparse_tree(random.Random(seed))
    expected = scope_by_scope(seats, units)
    found = cover_by_scope(seats, units)
    for scope, (critical, filled, lose_out) in expected.items():
        assert found[scope]["critical"] == critical, scope
        assert found[scope]["filled_by"] == dict(sorted(filled.items())), scope
        assert found[scope]["lose_out"] == lose_out, scope


def rows_of(seats: list[dict]) -> list[dict]:
    """The coverage rows behind ``seats``: each seat a critical position whose successors are its ready-now ones
    and a later-readiness one, and a position that is not critical, which some successors also hold."""
    rows = [
        {
            "id": s["id"],
            "level": s["level"],
            "org_unit": s["org_unit"],
            "critical": True,
            "successors": [
                *(
                    {"person": c["person"], "readiness": "ready_now", "holds": [*c["holds_critical"], "n"]}
                    for c in s["ready_now"]
                ),
                {"person": "later", "readiness": "ready_1_2_years", "holds": []},
            ],
        }
        for s in seats
    ]
    return [*rows, {"id": "n", "level": 3, "org_unit": "u000", "critical": False, "successors": []}]


@pytest.mark.parametrize("seed", range(40))
def test_the_report_s_seats_that_lose_out_are_each_scope_s_own(seed):
    seats, units = sparse_tree(random.Random(seed))
    found = cover_by_scope(seats, units)
    lost = lose_out_by_scope(rows_of(seats), {u["id"]: u["parent"] for u in units})
    for scope in [ORGANISATION, *(u["id"] for u in units)]:
        assert lost.get(scope, []) == found[scope]["lose_out"], scope


def test_a_unit_holding_no_seat_has_the_empty_answer_and_an_unknown_unit_has_none():
    found = cover_by_scope([seat("pa", ["x"], unit="a")], UNITS)
    assert found["b"] == {
        "critical": 0,
        "critical_covered": 0,
        "bench_strength": None,
        "simultaneous_cover": 0,
        "simultaneous_strength": None,
        "lose_out": [],
        "filled_by": {},
    }
    with pytest.raises(KeyError):
        found["nowhere"]
