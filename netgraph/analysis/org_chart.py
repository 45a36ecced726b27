"""The succession org chart: positions as a tree along ``REPORTS_TO``, one level at a time.

HR suites draw succession as an org chart of positions: each card shows the
title, the incumbent, the successors by readiness (ready now first) and the
position's status and flags, the same as the heat map's (the store applies
the rules of :mod:`netgraph.model.rules`; :data:`~netgraph.model.rules.FLAGS`
orders them). The chart is lazy so that it stays usable at 10k positions: a
level is one bounded store call (one round trip on Neo4j) of at most
:data:`MAX_CHART_LIMIT` cards, with ``total`` for "showing N of M" and the
next ``offset`` for "more".

:func:`what_if_chart` draws a what-if on the same cards: the seats the
leavers vacated, the promotion chain (numbered steps) and what is left
vacant, with every position above them so that they sit in the tree.

>>> group_successors([{"person": "p2", "name": "Bo", "readiness": "ready_1_2_years"},
...                   {"person": "p3", "name": "Cy", "readiness": "ready_now"}])[0]
{'readiness': 'ready_now', 'people': [{'id': 'p3', 'name': 'Cy'}]}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netgraph.analysis.simultaneous_cover import scope_cover
from netgraph.errors import InvalidInput, NotFound, Problem
from netgraph.model.rules import FLAGS
from netgraph.model.validate import check_whole_number
from netgraph.model.vocabulary import READINESS
from netgraph.store.ports import ChartCard, ChartSuccessor, CoverSeat, OrgChart, SuccessionQueries

#: Cards per level unless asked otherwise, and the most one request may ask for.
CHART_LIMIT = 25
MAX_CHART_LIMIT = 200
#: The furthest a page may start into one level (a level of 10k positions has room to spare).
MAX_CHART_OFFSET = 1_000_000
#: A what-if chart: the most positions it draws (marked ones and those above them).
WHAT_IF_CHART_LIMIT = 1_000
#: The marks a what-if puts on a card, in the order the legend lists them.
MARKS = ("vacated", "promoted-into", "left-vacant")


def group_successors(successors: list[ChartSuccessor]) -> list[dict[str, Any]]:
    """Successors grouped by readiness, ready now first (every readiness, empty groups too), by id."""
    return [
        {
            "readiness": r,
            "people": [
                {"id": s["person"], "name": s["name"]}
                for s in sorted(successors, key=lambda s: s["person"])
                if s["readiness"] == r
            ],
        }
        for r in READINESS
    ]


def at_once(store: SuccessionQueries) -> dict[str, Any]:
    """Simultaneous cover of the whole organisation (:mod:`netgraph.analysis.simultaneous_cover`): the figures the
    chart page shows beside bench strength, and which covered seats lose out if every incumbent left at once."""
    found = scope_cover(store.cover_seats([]))
    return {key: found[key] for key in ("critical", "critical_covered", "simultaneous_cover", "lose_out", "filled_by")}


def cover_near(store: SuccessionQueries, positions: Iterable[str]) -> dict[str, Any]:
    """Which of ``positions`` lose out or are filled at the organisation's scope (``lose_out``, ``filled_by``),
    exactly as :func:`at_once` says, from the few seats that can change it instead of every critical seat.

    Seats compete only through a ready-now successor they share, so the whole
    organisation's matching falls apart into groups of seats linked by shared
    successors, and each group is filled in the same order whether it is
    matched alone or with the rest (:func:`~netgraph.analysis.simultaneous_cover.fill_at_once`).
    The seats of ``positions``, every seat linked to them (transitively) and
    every critical seat their successors hold (which leaves those successors
    out at the organisation's scope) are whole groups: matched alone, they fill
    as in :func:`at_once`. A chart level at a million people reads a few dozen
    seats this way instead of 15,000: a few round trips, since groups are small.
    """
    seats: dict[str, CoverSeat] = {}
    asked = set(positions)
    while asked:
        found = store.cover_seats([], sorted(asked))
        seats.update((seat["id"], seat) for seat in found)
        people = sorted({c["person"] for seat in found for c in seat["ready_now"]})
        linked = {seat for ids in store.ready_now_for(people).values() for seat in ids} if people else set()
        held = {h for seat in found for c in seat["ready_now"] for h in c["holds_critical"]}
        asked = (linked | held) - seats.keys()
    cover = scope_cover(seats.values())
    return {key: cover[key] for key in ("lose_out", "filled_by")}


def cover_mark(card_id: str, cover: dict[str, Any]) -> str | None:
    """``loses_out`` for a covered critical seat the ready-now bench cannot fill at the same time as the others,
    ``filled`` for one it can, None for any other position.

    >>> cover = {"lose_out": ["b"], "filled_by": {"a": "x"}}
    >>> cover_mark("a", cover), cover_mark("b", cover), cover_mark("c", cover)
    ('filled', 'loses_out', None)
    """
    if card_id in cover["lose_out"]:
        return "loses_out"
    return "filled" if card_id in cover["filled_by"] else None


def _simultaneous(cover: dict[str, Any]) -> dict[str, Any]:
    return {key: cover[key] for key in ("critical", "critical_covered", "simultaneous_cover")}


def chart_card(card: ChartCard, cover: dict[str, Any] | None = None) -> dict[str, Any]:
    """A store card as the documented chart card: flags as a list (FLAGS order), successors grouped, and its part
    in simultaneous cover (``cover_at_once``, :func:`cover_mark`; None without ``cover``)."""
    return {
        "id": card["id"],
        "title": card["title"],
        "level": card["level"],
        "critical": card["critical"],
        "org_unit": card["org_unit"],
        "org_unit_name": card["org_unit_name"],
        "reports_to": card["reports_to"],
        "incumbents": list(card["incumbents"]),
        "status": card["status"],
        "flags": [flag for flag in FLAGS if card[flag]],  # type: ignore[literal-required]  # FLAGS are keys of ChartCard
        "successors": group_successors(card["successors"]),
        "child_count": card["child_count"],
        "has_children": card["child_count"] > 0,
        "cover_at_once": cover_mark(card["id"], cover) if cover is not None else None,
    }


def chart(
    store: SuccessionQueries,
    *,
    position: str | None = None,
    unit: str | None = None,
    offset: int = 0,
    limit: int = CHART_LIMIT,
    figures: bool = False,
) -> dict[str, Any]:
    """One level: ``position`` and its direct reports, a ``unit``'s top positions, or (neither) the top.

    ``cards`` are ``offset``.. ``offset + limit`` of the level by title;
    ``total`` counts the level, ``next_offset`` is where "more" continues (None: nothing more).
    Each card's ``cover_at_once`` is read from the seats near it (:func:`cover_near`); the organisation's
    figures (``simultaneous``) match every critical seat, so only when ``figures`` asks (the page, which
    shows them once); otherwise None.
    """
    if position is not None and unit is not None:
        raise InvalidInput([Problem("request", "unit", "give a position or a unit, not both")])
    check_whole_number("limit", limit, 1, MAX_CHART_LIMIT)
    check_whole_number("offset", offset, 0, MAX_CHART_OFFSET)
    found = store.org_chart(position=position, unit=unit, offset=offset, limit=limit)
    if found is None:
        raise NotFound(f"unknown position {position!r}" if position is not None else f"unknown org unit {unit!r}")
    cover = cover_near(store, [c["id"] for c in found["cards"]] + ([found["focus"]["id"]] if found["focus"] else []))
    cards = [chart_card(c, cover) for c in found["cards"]]
    end = offset + len(cards)
    return {
        "position": position,
        "unit": unit,
        "offset": offset,
        "limit": limit,
        "simultaneous": _simultaneous(at_once(store)) if figures else None,
        "focus": chart_card(found["focus"], cover) if found["focus"] is not None else None,
        "cards": cards,
        "shown": len(cards),
        "total": found["total"],
        "next_offset": end if end < found["total"] else None,
    }


def around_chart(
    store: SuccessionQueries,
    positions: list[str],
    *,
    offset: int = 0,
    limit: int = WHAT_IF_CHART_LIMIT,
    figures: bool = False,
) -> dict[str, Any]:
    """``positions`` and every position above them, as cards (unknown ids skipped), in one store call.

    The page draws them as a tree by ``reports_to``; ``total`` counts them all. ``figures`` as in :func:`chart`.
    """
    check_whole_number("limit", limit, 1, WHAT_IF_CHART_LIMIT)
    check_whole_number("offset", offset, 0, MAX_CHART_OFFSET)
    found = store.org_chart(around=sorted(set(positions)), offset=offset, limit=limit) or OrgChart(
        focus=None, cards=[], total=0
    )
    cover = cover_near(store, [c["id"] for c in found["cards"]])
    cards = [chart_card(c, cover) for c in found["cards"]]
    end = offset + len(cards)
    return {
        "around": sorted(set(positions)),
        "offset": offset,
        "limit": limit,
        "simultaneous": _simultaneous(at_once(store)) if figures else None,
        "focus": None,
        "cards": cards,
        "shown": len(cards),
        "total": found["total"],
        "next_offset": end if end < found["total"] else None,
    }


def what_if_marks(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """position -> {"marks": [...], "steps": [...]} for a what-if report (see :mod:`netgraph.analysis.what_if`).

    ``vacated``: a seat a leaver left, or one a promotion emptied; ``promoted-into``:
    filled by a step of the chain; ``left-vacant``: still empty at the end.
    ``steps``: ``{"step", "role": "filled"|"vacated", "person"}``, numbered from 1.

    >>> m = what_if_marks({"newly_vacant": ["boss"], "final_gaps": ["lead"],
    ...                    "chain": [{"position": "boss", "filled_by": "ann", "vacates": "lead"}]})
    >>> m["boss"]["marks"], m["lead"]["marks"], m["lead"]["steps"]
    (['vacated', 'promoted-into'], ['vacated', 'left-vacant'], [{'step': 1, 'role': 'vacated', 'person': 'ann'}])
    """
    marks: dict[str, dict[str, Any]] = {}

    def mark(position: str, what: str) -> dict[str, Any]:
        entry = marks.setdefault(position, {"marks": [], "steps": []})
        if what not in entry["marks"]:
            entry["marks"].append(what)
            entry["marks"].sort(key=MARKS.index)
        return entry

    for position in result["newly_vacant"]:
        mark(position, "vacated")
    for number, step in enumerate(result["chain"], start=1):
        mark(step["position"], "promoted-into")["steps"].append(
            {"step": number, "role": "filled", "person": step["filled_by"]}
        )
        if step["vacates"]:
            mark(step["vacates"], "vacated")["steps"].append(
                {"step": number, "role": "vacated", "person": step["filled_by"]}
            )
    for position in result["final_gaps"]:
        mark(position, "left-vacant")
    return marks


def what_if_chart(store: SuccessionQueries, result: dict[str, Any]) -> dict[str, Any]:
    """The positions a what-if marks, with every position above them, as chart cards and marks.

    The promoted people's names come from the cards (each is a successor of the seat they fill).
    """
    marks = what_if_marks(result)
    found = (
        around_chart(store, sorted(marks), figures=True)
        if marks
        else {
            "around": [],
            "offset": 0,
            "limit": WHAT_IF_CHART_LIMIT,
            "focus": None,
            "cards": [],
            "shown": 0,
            "total": 0,
            "next_offset": None,
        }
    )
    cards = found["cards"]
    names = {p["id"]: p["name"] for c in cards for group in c["successors"] for p in group["people"]}
    names.update({p["id"]: p["name"] for c in cards for p in c["incumbents"]})
    promoted = {s["person"] for m in marks.values() for s in m["steps"]}
    return {**found, "marks": marks, "names": {p: names.get(p, p) for p in sorted(promoted)}}
