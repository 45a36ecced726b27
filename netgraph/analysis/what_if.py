"""What if they leave? Coverage, mentoring and the network, before and after.

``what_if(store, leavers)`` takes the leavers out and compares: positions
newly vacant, positions whose status got worse, bench strength per org unit
(units whose figure changed), mentees who lose their last active mentor,
how the part of the network the leavers belonged to splits, who is cut off,
and introductions in flight that involve a leaver. With ``promote=True`` it
also plays the promotion chain: each vacancy (critical first, then by id, in
the order they open) is filled by its best ``ready_now`` successor (highest
level, then lowest id), whose own position falls vacant in turn, until no
ready successor is left.

The network is compared locally, so the answer costs about the leavers'
neighbourhood rather than the whole graph: ``components`` counts the connected
pieces of the part of the KNOWS/MENTORS network that contains the leavers,
before and after (all other components are untouched by definition).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from netgraph.analysis.people import known_people
from netgraph.analysis.succession import STATUS_ORDER, position_record
from netgraph.errors import InvalidInput, Problem
from netgraph.model.rules import bench_strength
from netgraph.store.ports import NetworkLookups, SuccessionQueries


class WhatIfStore(NetworkLookups, SuccessionQueries, Protocol):
    """What a departure changes: coverage, the network around the leavers, their records."""


IN_FLIGHT = ("proposed", "made", "accepted")

Neighbours = Callable[[list[str]], dict[str, list[str]]]


def pieces(neighbours: Neighbours, seeds: list[str], removed: set[str]) -> tuple[list[set[str]], int | None]:
    """The connected pieces that ``seeds`` fall into once ``removed`` people are gone.

    Grows one search per seed and merges searches that meet. Each round
    expands every piece but the largest, in one batched ``neighbours`` call,
    until one piece is still growing and is larger than every complete one:
    that one is "the rest of the network" and holds only what was explored. Returns the pieces and the
    index of the one still growing (or None when every piece is complete).

    >>> links = {"a": ["b"], "b": ["a", "x"], "x": ["b", "c"], "c": ["x", "d"], "d": ["c"]}
    >>> found, growing = pieces(lambda ids: {i: links[i] for i in ids}, ["b", "c"], {"x"})
    >>> sorted(sorted(p) for p in found), growing
    ([['a', 'b'], ['c', 'd']], None)
    """
    owner: dict[str, int] = {}
    members: dict[int, set[str]] = {}
    merged_into: dict[int, int] = {}

    def root(piece: int) -> int:
        while piece in merged_into:
            piece = merged_into[piece]
        return piece

    for seed in sorted(set(seeds) - removed):
        owner[seed] = len(members)
        members[owner[seed]] = {seed}
    frontier = {p: [next(iter(m))] for p, m in members.items()}

    def settled() -> bool:  # one piece left growing, and already larger than any complete one
        if len(frontier) != 1:
            return not frontier
        (growing_piece,) = frontier
        complete = [len(m) for p, m in members.items() if p != growing_piece]
        return len(members[growing_piece]) > max(complete, default=0)

    while not settled():
        largest = max(frontier, key=lambda p: (len(members[p]), -p)) if len(frontier) > 1 else None
        batch = sorted(node for p, nodes in frontier.items() if p != largest for node in nodes)
        found = neighbours(batch)
        claimed = list(frontier[largest]) if largest is not None else []
        for node in batch:
            here = root(owner[node])
            for other in found.get(node, []):
                if other in removed:
                    continue
                if other not in owner:
                    owner[other] = here
                    members[here].add(other)
                    claimed.append(other)
                    continue
                there = root(owner[other])
                if there != here:  # two searches met: one piece
                    members[here] |= members.pop(there)
                    merged_into[there] = here
        frontier = {}
        for node in claimed:
            frontier.setdefault(root(owner[node]), []).append(node)
    growing = next(iter(frontier), None)
    order = sorted(members)
    return [members[p] for p in order], (order.index(growing) if growing is not None else None)


def _remembering(neighbours: Neighbours) -> Neighbours:
    """``neighbours``, asking the store only for people it has not been asked about yet."""
    known: dict[str, list[str]] = {}

    def lookup(ids: list[str]) -> dict[str, list[str]]:
        wanted = [i for i in ids if i not in known]
        if wanted:
            found = neighbours(wanted)
            known.update({i: found.get(i, []) for i in wanted})
        return {i: known[i] for i in ids}

    return lookup


def network_split(store: NetworkLookups, leavers: list[str]) -> dict[str, Any]:
    """How the leavers' part of the network splits, who is cut off, who lost their only outside link."""
    gone = set(leavers)
    neighbours = _remembering(store.neighbours)
    first = neighbours(sorted(gone))
    seeds = sorted({n for leaver in gone for n in first.get(leaver, []) if n not in gone})
    before, _ = pieces(neighbours, sorted(gone), set())
    after, growing = pieces(neighbours, seeds, gone)
    if growing is None and after:  # every piece complete: the largest is the rest (ties: smallest id)
        growing = min(range(len(after)), key=lambda i: (-len(after[i]), min(after[i])))
    cut_off = sorted(set().union(*(piece for i, piece in enumerate(after) if i != growing)))
    units_cut_off = []
    if cut_off:
        people = store.people(cut_off)
        units = sorted({p["org_unit"] for p in people.values() if p["org_unit"]})
        isolated = set(cut_off)
        for unit, unit_members in sorted(store.unit_members(units).items()):
            staying = [m for m in unit_members if m not in gone]
            if staying and all(m in isolated for m in staying):
                units_cut_off.append(unit)
    crossing = store.cross_unit_contacts(seeds)
    lost_links = sorted(p for p, contacts in crossing.items() if contacts and all(c in gone for c in contacts))
    return {
        "components": {"before": len(before), "after": len(after)},
        "cut_off": cut_off,
        "org_units_cut_off": units_cut_off,
        "lost_only_link_to_another_unit": lost_links,
    }


def promotion_chain(
    after: dict[str, dict[str, Any]],
    vacancies: list[str],
    leavers: set[str],
    fetch: Callable[[list[str]], dict[str, dict[str, Any]]] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Fill vacancies with ready successors, each promotion opening the promoted person's seat.

    ``after`` maps position id -> position record (with ``successor_details``
    and ``incumbents``) once the leavers are gone; ``fetch`` supplies the
    records of seats the chain reaches that ``after`` lacks. Returns (chain,
    final gaps).

    >>> after = {
    ...   "boss": {"critical": True, "incumbents": [], "successor_details": [
    ...       {"person": "ann", "readiness": "ready_now", "level": 5, "holds": ["lead"]}]},
    ...   "lead": {"critical": False, "incumbents": ["ann"], "successor_details": []}}
    >>> promotion_chain(after, ["boss"], set())
    ([{'position': 'boss', 'filled_by': 'ann', 'vacates': 'lead'}], ['lead'])
    """
    after = dict(after)

    def record(position: str) -> dict[str, Any]:
        if position not in after and fetch is not None:
            after.update(fetch([position]))
        return after[position]

    incumbents = {p: set(r["incumbents"]) for p, r in after.items()}
    queue = deque(sorted(vacancies, key=lambda p: (not after[p]["critical"], p)))
    promoted: set[str] = set()
    chain, final_gaps = [], []
    while queue:
        position = queue.popleft()
        ready = [
            s
            for s in record(position)["successor_details"]
            if s["readiness"] == "ready_now" and s["person"] not in promoted and s["person"] not in leavers
        ]
        if not ready:
            final_gaps.append(position)
            continue
        best = min(ready, key=lambda s: (-(s["level"] or 0), s["person"]))
        promoted.add(best["person"])
        held = sorted(h for h in best["holds"] if h != position)
        chain.append({"position": position, "filled_by": best["person"], "vacates": held[0] if held else None})
        incumbents[position] = {best["person"]}
        for seat in held:
            incumbents.setdefault(seat, set(record(seat)["incumbents"])).discard(best["person"])
            if not incumbents[seat]:
                queue.append(seat)
    return chain, final_gaps


def bench_strength_change(
    store: SuccessionQueries, affected: dict[str, list[str]], before: dict[str, Any], after: dict[str, Any]
) -> list[dict[str, Any]]:
    """Bench strength before and after for every unit where it changes (only units above affected positions)."""
    change: dict[str, int] = {}
    for position, units in affected.items():
        if not after[position]["critical"]:
            continue
        delta = (after[position]["status"] == "covered") - (before[position]["status"] == "covered")
        for unit in units:
            change[unit] = change.get(unit, 0) + delta
    moved = sorted(u for u, d in change.items() if d)
    counts = store.unit_bench(moved)
    return [
        {
            "org_unit": u,
            "before": bench_strength(counts[u][0], counts[u][1]),
            "after": bench_strength(counts[u][0], counts[u][1] + change[u]),
        }
        for u in moved
    ]


def what_if(store: WhatIfStore, leavers: list[str], *, promote: bool = False) -> dict[str, Any]:
    """The difference the leavers make; see the module docstring for each part."""
    leavers = sorted(set(leavers))
    if not leavers:
        raise InvalidInput([Problem("request", "leave", "name at least one person who leaves")])
    known_people(store, leavers)
    affected = store.positions_affected_by(leavers)  # nothing else can change
    before = {r["id"]: position_record(r) for r in store.position_coverage([], sorted(affected))}
    after = {r["id"]: position_record(r) for r in store.position_coverage(leavers, sorted(affected))}
    newly_vacant = sorted(p for p in after if "vacant" in after[p]["flags"] and "vacant" not in before[p]["flags"])
    worsened = [
        {"position": p, "before": before[p]["status"], "after": after[p]["status"]}
        for p in sorted(after)
        if STATUS_ORDER.index(after[p]["status"]) < STATUS_ORDER.index(before[p]["status"])
    ]
    bench = bench_strength_change(store, affected, before, after)
    in_flight = sorted(
        {i["id"] for person in leavers for i in store.introductions(person=person) if i["status"] in IN_FLIGHT}
    )
    report = {
        "leavers": leavers,
        "newly_vacant": newly_vacant,
        "worsened": worsened,
        "bench_strength": bench,
        "mentees_without_mentor": [m["mentee"] for m in store.mentees_losing_mentors(leavers)],
        **network_split(store, leavers),
        "introductions_in_flight": in_flight,
        "chain": [],
        "final_gaps": newly_vacant,
    }
    if promote:

        def fetch(ids: list[str]) -> dict[str, dict[str, Any]]:
            return {r["id"]: position_record(r) for r in store.position_coverage(leavers, ids)}

        report["chain"], report["final_gaps"] = promotion_chain(after, newly_vacant, set(leavers), fetch)
    return report
