"""Simultaneous cover: how many critical seats the ready-now bench could fill at the same time.

Bench strength counts a critical position as covered when it has any ready-now
successor, even when one person is that successor for five positions. If the
incumbents all left at once, one person fills one seat. Per scope (an org unit
with every unit below it, and the whole organisation) this module finds the
largest number of critical positions that can be given distinct ready-now
successors at once: the size of a maximum matching between the scope's critical
positions and their counted ready-now successors, wherever those successors sit.
A successor who holds a critical position in the same scope is left out: if
every incumbent in the scope left, they would be leaving too.

Which seats lose out is, in general, a choice among equally large matchings.
Seats are taken in a fixed order (higher level first, then by id) and a seat,
once filled, is never given up for a later one; that picks the same seats
whatever algorithm finds the matching, so the positions that lose out are
stable from one run (and one store) to the next. ``lose_out`` lists the critical
positions covered today (bench strength counts them) that go unfilled at once:
their number is always ``critical_covered - simultaneous_cover``.

The inputs are plain data from the store (``cover_seats``: every critical
position with its counted ready-now successors and the critical positions each
successor holds); both stores give the same seats, and the matching is computed
here, once, for both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from netgraph.model.rules import bench_strength
from netgraph.store.ports import CoverSeat

#: the key of the whole organisation's scope in :func:`cover_by_scope`
ORGANISATION = None


def seat_order(seat: Mapping[str, Any]) -> tuple[int, str]:
    """Seats are filled higher level first (no level last), then by id.

    >>> sorted([{"id": "b", "level": 5}, {"id": "a", "level": None}, {"id": "c", "level": 7}], key=seat_order)
    [{'id': 'c', 'level': 7}, {'id': 'b', 'level': 5}, {'id': 'a', 'level': None}]
    """
    level = seat["level"]
    return (-level if level is not None else 1, seat["id"])


def fill_at_once(seats: Sequence[tuple[str, Sequence[str]]]) -> dict[str, str]:
    """A maximum matching: seat -> the successor who fills it, each successor filling one seat at most.

    ``seats``: (seat, its candidates) in priority order. Each seat in turn looks
    for an augmenting path (a free candidate, or one whose seat can move to
    another free candidate, and so on); a filled seat stays filled. Paths are
    walked without recursion, since at 100k people a path can pass through
    thousands of seats.

    >>> fill_at_once([("a", ["x"]), ("b", ["x", "y"]), ("c", ["y"])])
    {'a': 'x', 'b': 'y'}
    >>> fill_at_once([("b", ["x", "y"]), ("a", ["x"])])
    {'b': 'y', 'a': 'x'}
    """
    candidates = {seat: list(options) for seat, options in seats}
    seat_of: dict[str, str] = {}  # successor -> the seat they fill
    filled: dict[str, str] = {}  # seat -> successor
    for seat, _ in seats:
        path = _augmenting_path(seat, candidates, seat_of)
        for at, person in path:
            seat_of[person] = at
            filled[at] = person
    return {seat: filled[seat] for seat, _ in seats if seat in filled}


def _augmenting_path(
    start: str, candidates: Mapping[str, list[str]], seat_of: Mapping[str, str]
) -> list[tuple[str, str]]:
    """The (seat, successor) pairs of an augmenting path from ``start``, or [] when there is none.

    A depth-first search with an explicit stack: each frame is a seat and the
    index of the next candidate to try; a successor is visited once per search.
    """
    visited: set[str] = set()
    stack: list[list[Any]] = [[start, 0]]
    taken: list[str] = []  # the successor tried by each frame but the last
    while stack:
        frame = stack[-1]
        seat, index = frame
        options = candidates[seat]
        if index == len(options):
            stack.pop()
            if taken:
                taken.pop()
            continue
        frame[1] += 1
        person = options[index]
        if person in visited:
            continue
        visited.add(person)
        holder = seat_of.get(person)
        if holder is None:
            taken.append(person)
            return [(frame[0], p) for frame, p in zip(stack, taken, strict=True)]
        taken.append(person)
        stack.append([holder, 0])
    return []


def scope_cover(seats: Iterable[CoverSeat]) -> dict[str, Any]:
    """Simultaneous cover of one scope, given its critical positions (``seats``).

    >>> seats = [{"id": "a", "level": 6, "org_unit": "u", "ready_now": [{"person": "x", "holds_critical": []}]},
    ...          {"id": "b", "level": 5, "org_unit": "u", "ready_now": [{"person": "x", "holds_critical": []}]},
    ...          {"id": "c", "level": 5, "org_unit": "u", "ready_now": [{"person": "y", "holds_critical": ["a"]}]}]
    >>> cover = scope_cover(seats)
    >>> cover["critical_covered"], cover["simultaneous_cover"], cover["lose_out"]
    (3, 1, ['b', 'c'])
    """
    ordered = sorted(seats, key=seat_order)
    in_scope = {s["id"] for s in ordered}
    options = [
        (s["id"], [c["person"] for c in s["ready_now"] if in_scope.isdisjoint(c["holds_critical"])]) for s in ordered
    ]
    filled = fill_at_once(options)
    covered = [s["id"] for s in ordered if s["ready_now"]]
    return {
        "critical": len(ordered),
        "critical_covered": len(covered),
        "bench_strength": bench_strength(len(ordered), len(covered)),
        "simultaneous_cover": len(filled),
        "simultaneous_strength": bench_strength(len(ordered), len(filled)),
        "lose_out": [seat for seat in covered if seat not in filled],
        "filled_by": {seat: filled[seat] for seat in sorted(filled)},
    }


def cover_by_scope(seats: Sequence[CoverSeat], units: Iterable[Mapping[str, Any]]) -> dict[str | None, dict[str, Any]]:
    """Simultaneous cover per scope: each unit (``units``: id, parent) with every unit below it, and the whole
    organisation under the key :data:`ORGANISATION` (None), which also counts positions in no unit.

    >>> units = [{"id": "root", "parent": None}, {"id": "a", "parent": "root"}, {"id": "b", "parent": "root"}]
    >>> seats = [{"id": "pa", "level": 5, "org_unit": "a", "ready_now": [{"person": "x", "holds_critical": []}]},
    ...          {"id": "pb", "level": 5, "org_unit": "b", "ready_now": [{"person": "x", "holds_critical": []}]}]
    >>> found = cover_by_scope(seats, units)
    >>> [(scope, found[scope]["simultaneous_cover"], found[scope]["lose_out"]) for scope in (None, "root", "a", "b")]
    [(None, 1, ['pb']), ('root', 1, ['pb']), ('a', 1, []), ('b', 1, [])]
    """
    parent = {u["id"]: u["parent"] for u in units}
    seats_in: dict[str, list[CoverSeat]] = {uid: [] for uid in parent}
    for seat in seats:
        for unit in _unit_and_above(seat["org_unit"], parent):
            seats_in[unit].append(seat)
    found: dict[str | None, dict[str, Any]] = {ORGANISATION: scope_cover(seats)}
    nothing = scope_cover([])  # most units hold no critical position: their answer is built once
    for unit in sorted(parent):
        found[unit] = scope_cover(seats_in[unit]) if seats_in[unit] else {**nothing, "lose_out": [], "filled_by": {}}
    return found


def _unit_and_above(unit: str | None, parent: Mapping[str, str | None]) -> list[str]:
    """``unit`` and the units above it (stopping where a parent link would loop); [] for no or unknown unit."""
    chain: list[str] = []
    while unit is not None and unit in parent and unit not in chain:
        chain.append(unit)
        unit = parent[unit]
    return chain
