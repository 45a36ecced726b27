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

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from netgraph.model.rules import bench_strength
from netgraph.store.ports import CoverSeat, PositionRow

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


def seats_from_rows(positions: Sequence[PositionRow]) -> list[CoverSeat]:
    """The seats of :meth:`~netgraph.store.ports.SuccessionQueries.cover_seats`, from the coverage rows of every
    position: the report has already read them, so it matches without reading anything again (it builds
    only the seats it needs, :func:`lose_out_by_scope`, each as here).

    A row's successors are counted as ``cover_seats`` counts them (leavers out, never a holder of
    the position), with every position each one holds; the critical ones among those are known from
    the rows. Ready-now successors are listed by id, as the embedded store lists them.

    >>> rows = [{"id": "a", "level": 6, "org_unit": "u", "critical": True,
    ...          "successors": [{"person": "y", "readiness": "ready_now", "holds": ["b", "c"]},
    ...                         {"person": "x", "readiness": "ready_1_2_years", "holds": []}]},
    ...         {"id": "b", "level": 5, "org_unit": "u", "critical": True, "successors": []},
    ...         {"id": "c", "level": 3, "org_unit": "u", "critical": False, "successors": []}]
    >>> seats_from_rows(rows)[0]
    {'id': 'a', 'level': 6, 'org_unit': 'u', 'ready_now': [{'person': 'y', 'holds_critical': ['b']}]}
    """
    critical = {row["id"]: row for row in positions if row["critical"]}
    return [
        _seat(row, [s for s in row["successors"] if s["readiness"] == "ready_now"], critical)
        for row in sorted(critical.values(), key=lambda row: row["id"])
    ]


def _person(successor: Mapping[str, Any]) -> str:
    person: str = successor["person"]
    return person


def scope_cover(seats: Iterable[CoverSeat]) -> dict[str, Any]:
    """Simultaneous cover of one scope, given its critical positions (``seats``).

    >>> seats = [{"id": "a", "level": 6, "org_unit": "u", "ready_now": [{"person": "x", "holds_critical": []}]},
    ...          {"id": "b", "level": 5, "org_unit": "u", "ready_now": [{"person": "x", "holds_critical": []}]},
    ...          {"id": "c", "level": 5, "org_unit": "u", "ready_now": [{"person": "y", "holds_critical": ["a"]}]}]
    >>> cover = scope_cover(seats)
    >>> cover["critical_covered"], cover["simultaneous_cover"], cover["lose_out"]
    (3, 1, ['b', 'c'])
    """
    return cover_by_scope(list(seats), [])[ORGANISATION]


def cover_by_scope(seats: Sequence[CoverSeat], units: Iterable[Mapping[str, Any]]) -> ScopeCover:
    """Simultaneous cover per scope: each unit (``units``: id, parent) with every unit below it, and the whole
    organisation under the key :data:`ORGANISATION` (None), which also counts positions in no unit.

    Each scope's answer is the one :func:`fill_at_once` gives over the scope's seats in
    :func:`seat_order`; the work is done only where it can change anything. A
    unit's seats are those of the units below it, so most units of a large
    organisation hold none and share one empty answer; a seat without ready-now
    successors takes part in no matching; and a seat whose successors are named
    for no other seat (most of them) is filled by its first eligible successor
    in any scope, without a search, since no other seat can compete for them.

    >>> units = [{"id": "root", "parent": None}, {"id": "a", "parent": "root"}, {"id": "b", "parent": "root"}]
    >>> seats = [{"id": "pa", "level": 5, "org_unit": "a", "ready_now": [{"person": "x", "holds_critical": []}]},
    ...          {"id": "pb", "level": 5, "org_unit": "b", "ready_now": [{"person": "x", "holds_critical": []}]}]
    >>> found = cover_by_scope(seats, units)
    >>> [(scope, found[scope]["simultaneous_cover"], found[scope]["lose_out"]) for scope in (None, "root", "a", "b")]
    [(None, 1, ['pb']), ('root', 1, ['pb']), ('a', 1, []), ('b', 1, [])]
    """
    parent = {u["id"]: u["parent"] for u in units}
    ordered = sorted(seats, key=seat_order)
    above = _Chains(parent)
    scopes_of = {seat["id"]: above.of(seat["org_unit"]) for seat in ordered}  # seat -> the units whose scope holds it
    contested = _named_for_several(ordered)
    covered_in: dict[str, list[_Seat]] = {}
    everywhere: list[_Seat] = []
    for seat in ordered:
        if seat["ready_now"]:
            prepared = _Seat(seat, scopes_of, contested)
            everywhere.append(prepared)
            for unit in scopes_of[seat["id"]]:
                covered_in.setdefault(unit, []).append(prepared)
    found = ScopeCover(parent, Counter(itertools.chain.from_iterable(scopes_of.values())))
    found[ORGANISATION] = _answer(ORGANISATION, len(ordered), everywhere)
    for unit, covered in covered_in.items():
        found[unit] = _answer(unit, found.critical[unit], covered)
    return found


class _Chains:
    """Each unit with the units above it, as :func:`_unit_and_above` gives them, a unit's shared with the units
    below it: in a large organisation most seats sit a few levels under the same few units."""

    def __init__(self, parent: Mapping[str, str | None]):
        self.parent = parent
        self.known: dict[str | None, list[str]] = {None: []}

    def of(self, unit: str | None) -> list[str]:
        if unit in self.known:
            return self.known[unit]
        path: list[str] = []
        at = unit
        while at is not None and at in self.parent and at not in self.known and at not in path:
            path.append(at)
            at = self.parent[at]
        if at in path:  # a parent link loops: each unit on the path walks up alone
            for start in path:
                self.known[start] = _unit_and_above(start, self.parent)
            return self.known[unit]
        tail = self.known.get(at, [])
        for i, start in enumerate(path):
            self.known[start] = path[i:] + tail
        if unit not in self.known:  # an unknown unit
            self.known[unit] = []
        return self.known[unit]


class ScopeCover(dict[str | None, dict[str, Any]]):
    """Answers by scope, as :func:`cover_by_scope` gives them. Only scopes where a seat is covered today are
    stored; any other unit (most units of a large organisation) is answered from its number of critical seats
    (``critical``) when asked; an unknown unit is a KeyError."""

    def __init__(self, units: Mapping[str, Any], critical: Mapping[str, int]):
        super().__init__()
        self.units = units
        self.critical = critical

    def __missing__(self, unit: str | None) -> dict[str, Any]:
        if unit is None or unit not in self.units:
            raise KeyError(unit)
        return _answer(unit, self.critical.get(unit, 0), [])


class _Seat:
    """A covered seat as the matching needs it: its ready-now successors, and the scopes that leave each out.

    ``leaves_out``: per successor, the scopes holding a critical seat the
    successor holds (the whole organisation holds every seat). ``alone``: no
    other seat names any of its successors, so no search is needed for it.
    """

    __slots__ = ("alone", "first", "id", "options")

    def __init__(self, seat: CoverSeat, scopes_of: Mapping[str, list[str]], contested: set[str]):
        self.id = seat["id"]
        self.options: list[tuple[str, set[str | None]]] = []
        for c in seat["ready_now"]:
            held = [h for h in c["holds_critical"] if h in scopes_of]
            leaves_out: set[str | None] = {ORGANISATION} if held else set()
            for h in held:
                leaves_out.update(scopes_of[h])
            self.options.append((c["person"], leaves_out))
        self.alone = contested.isdisjoint(c["person"] for c in seat["ready_now"])
        # the successor who fills it in any scope, when the seat is alone and no scope leaves its first one out
        self.first = self.options[0][0] if self.alone and not self.options[0][1] else None

    def eligible(self, scope: str | None) -> list[str]:
        return [person for person, leaves_out in self.options if scope not in leaves_out]


def _named_for_several(seats: Sequence[CoverSeat]) -> set[str]:
    """The people named as ready-now successors more than once."""
    seen: set[str] = set()
    several: set[str] = set()
    for seat in seats:
        for c in seat["ready_now"]:
            (several if c["person"] in seen else seen).add(c["person"])
    return several


def _answer(scope: str | None, critical: int, covered: list[_Seat]) -> dict[str, Any]:
    """One scope's answer, from its number of critical seats and its covered seats (in seat order)."""
    if not covered:  # most units of a large organisation
        strength = bench_strength(critical, 0)
        return {
            "critical": critical,
            "critical_covered": 0,
            "bench_strength": strength,
            "simultaneous_cover": 0,
            "simultaneous_strength": strength,
            "lose_out": [],
            "filled_by": {},
        }
    filled = _fill(scope, covered)
    return {
        "critical": critical,
        "critical_covered": len(covered),
        "bench_strength": bench_strength(critical, len(covered)),
        "simultaneous_cover": len(filled),
        "simultaneous_strength": bench_strength(critical, len(filled)),
        "lose_out": [seat.id for seat in covered if seat.id not in filled],
        "filled_by": {seat: filled[seat] for seat in sorted(filled)},
    }


def _fill(scope: str | None, covered: Sequence[_Seat]) -> dict[str, str]:
    """Seat -> the successor who fills it in ``scope``, for its covered seats (in seat order).

    A seat whose successors nobody else names takes its first eligible one; the
    others are matched together (:func:`fill_at_once`). Since an alone seat competes
    with no other, the seats ``covered`` may leave out any alone seat without
    changing how the rest are filled (:func:`lose_out_by_scope` relies on it).
    """
    filled: dict[str, str] = {}
    contested: list[tuple[str, list[str]]] = []
    for seat in covered:
        if seat.first is not None:
            filled[seat.id] = seat.first
            continue
        options = seat.eligible(scope)
        if not seat.alone:
            contested.append((seat.id, options))
        elif options:
            filled[seat.id] = options[0]
    if contested:
        filled.update(fill_at_once(contested))
    return filled


def lose_out_by_scope(
    positions: Sequence[PositionRow], parent: Mapping[str, str | None]
) -> dict[str | None, list[str]]:
    """The seats that lose out per scope, for the scopes where some do: what the coverage report needs of
    :func:`cover_by_scope`, from the position rows it has read (``parent``: each unit's parent).

    Every other scope fills each of its covered seats at once, so its simultaneous cover is its
    ``critical_covered``. Only seats that can lose out anywhere are looked at: those with a successor
    named for another seat, or holding a critical seat (a scope holding it leaves them out). A seat with
    neither is filled by its first ready-now successor in every scope and competes with no other seat;
    at 100k people that is all but a few dozen of some 500 covered seats, so the rest of the work is a
    few dozen scopes, not every unit.

    >>> rows = [{"id": "pa", "level": 5, "org_unit": "a", "critical": True,
    ...          "successors": [{"person": "x", "readiness": "ready_now", "holds": []}]},
    ...         {"id": "pb", "level": 5, "org_unit": "b", "critical": True,
    ...          "successors": [{"person": "x", "readiness": "ready_now", "holds": []}]},
    ...         {"id": "pc", "level": 5, "org_unit": "b", "critical": True,
    ...          "successors": [{"person": "y", "readiness": "ready_now", "holds": []}]}]
    >>> lose_out_by_scope(rows, {"root": None, "a": "root", "b": "root"})
    {None: ['pb'], 'root': ['pb']}
    """
    critical: dict[str, PositionRow] = {}
    covered: list[tuple[PositionRow, list[Any]]] = []  # each covered seat's row and its ready-now successors
    seen: set[str] = set()
    several: set[str] = set()  # named for more than one seat
    for row in positions:
        if row["critical"]:
            critical[row["id"]] = row
            ready = [s for s in row["successors"] if s["readiness"] == "ready_now"]
            if ready:
                covered.append((row, ready))
                for s in ready:
                    (several if s["person"] in seen else seen).add(s["person"])
    seats = [
        _seat(row, ready, critical)
        for row, ready in covered
        if any(s["person"] in several or (s["holds"] and not critical.keys().isdisjoint(s["holds"])) for s in ready)
    ]
    seats.sort(key=seat_order)
    above = _Chains(parent)
    held = {h for seat in seats for c in seat["ready_now"] for h in c["holds_critical"]}
    scopes_of = {seat: above.of(critical[seat]["org_unit"]) for seat in held.union(s["id"] for s in seats)}
    in_scope: dict[str | None, list[_Seat]] = {}
    for seat in seats:
        prepared = _Seat(seat, scopes_of, several)
        if prepared.first is None:  # else filled by its first successor everywhere, like the seats left out above
            for scope in [ORGANISATION, *scopes_of[seat["id"]]]:
                in_scope.setdefault(scope, []).append(prepared)
    lost: dict[str | None, list[str]] = {}
    for scope, candidates in in_scope.items():
        filled = _fill(scope, candidates)
        if len(filled) < len(candidates):
            lost[scope] = [seat.id for seat in candidates if seat.id not in filled]
    return lost


def _seat(row: PositionRow, ready: list[Any], critical: Mapping[str, Any]) -> CoverSeat:
    """A covered critical position's seat, as :func:`seats_from_rows` gives it (``ready``: its ready-now successors;
    ``critical``: the critical positions by id)."""
    return {
        "id": row["id"],
        "level": row["level"],
        "org_unit": row["org_unit"],
        "ready_now": [
            {"person": s["person"], "holds_critical": sorted(critical.keys() & s["holds"]) if s["holds"] else []}
            for s in sorted(ready, key=_person)
        ],
    }


def _unit_and_above(unit: str | None, parent: Mapping[str, str | None]) -> list[str]:
    """``unit`` and the units above it (stopping where a parent link would loop); [] for no or unknown unit."""
    chain: list[str] = []
    while unit is not None and unit in parent and unit not in chain:
        chain.append(unit)
        unit = parent[unit]
    return chain
