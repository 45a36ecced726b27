"""Warm paths on the embedded store: the same walk as the two warm-path Cypher statements.

A chain's strength is the product of its links' strengths (KNOWS carries its
own, or ``missing_strength`` when it was never given; a MENTORS link counts as
``mentor_strength``). Like Cypher's
variable-length patterns, a chain never uses the same link twice; half-chains
are enumerated exhaustively from each end (a few hundred on a typical
network) and the best one per (meeting person, length) is kept. Ranking is
identical to Cypher's: strength rounded to 12 decimals (descending), then
fewer links, then the smaller sequence of ids.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from netgraph.model.rules import link_strength
from netgraph.store.embedded.network import PeopleNetwork
from netgraph.store.ports import SkillPath, WarmPath

Half = tuple[float, list[str]]  # (strength, ids from the start)


def _rank(strength: float, ids: list[str]) -> tuple[Any, ...]:
    return (-round(strength, 12), len(ids), ids)


def best_halves(
    net: PeopleNetwork,
    start: str,
    max_hops: int,
    mentor_strength: float,
    may_enter: Callable[[str, list[str]], bool],
    *,
    missing_strength: float,
    read_backwards: bool = False,
) -> dict[tuple[str, int], Half]:
    """(meeting person, length) -> the best half-chain from ``start``.

    ``may_enter(person, ids_so_far)`` says whether the chain may step onto
    ``person`` (openness rules differ between the two statements). A half
    that ends the chain (``read_backwards``) breaks ties on its ids read from
    the meeting person back to ``start``, as they appear in the whole chain.
    """

    def rank(strength: float, ids: list[str]) -> tuple[Any, ...]:
        return _rank(strength, ids[::-1] if read_backwards else ids)

    best: dict[tuple[str, int], Half] = {(start, 0): (1.0, [start])}

    def walk(person: str, strength: float, ids: list[str], used: set[Any]) -> None:
        hops = len(ids) - 1
        if hops == max_hops:
            return
        for other, rel, direction, data in net.links(person):
            link = (person, other, rel) if direction == "out" else (other, person, rel)
            if link in used or not may_enter(other, ids):
                continue
            s = strength * (link_strength(data["strength"], missing_strength) if rel == "KNOWS" else mentor_strength)
            if s <= 0:
                continue
            path = ids + [other]
            key = (other, hops + 1)
            if key not in best or rank(s, path) < rank(*best[key]):
                best[key] = (s, path)
            used.add(link)
            walk(other, s, path, used)
            used.discard(link)

    walk(start, 1.0, [start], set())
    return best


def strongest_path(
    graph: nx.MultiDiGraph, source: str, target: str, *, max_hops: int, mentor_strength: float, missing_strength: float
) -> WarmPath | None:
    """``{"people": [...], "strength": s}`` or None; see ``warm_path_between.cypher``."""
    net = PeopleNetwork(graph)
    forward_hops = (max_hops + 1) // 2
    heads = best_halves(
        net,
        source,
        forward_hops,
        mentor_strength,
        lambda x, _: x == target or net.is_open(x),
        missing_strength=missing_strength,
    )
    tails = best_halves(
        net,
        target,
        max_hops - forward_hops,
        mentor_strength,
        lambda x, _: x == source or net.is_open(x),
        missing_strength=missing_strength,
        read_backwards=True,
    )
    found = None
    for (meet, forward), (hs, hids) in heads.items():
        for backward in range(0, max_hops - forward + 1):
            if forward + backward == 0 or (meet, backward) not in tails:
                continue
            ts, tids = tails[meet, backward]
            candidate = (hs * ts, hids + tids[::-1][1:])
            if found is None or _rank(*candidate) < _rank(*found):
                found = candidate
    return None if found is None else {"people": found[1], "strength": found[0]}


def strongest_paths_to_skill(
    graph: nx.MultiDiGraph,
    source: str,
    skill: str,
    *,
    max_hops: int,
    mentor_strength: float,
    missing_strength: float,
    limit: int,
) -> list[SkillPath]:
    """The best chain to each holder of ``skill``, best ``limit`` holders; see ``warm_paths_to_skill.cypher``."""
    net = PeopleNetwork(graph)
    forward_hops = (max_hops + 1) // 2
    # a half-chain's last person may be closed (it may be the end); those before it may not
    heads = best_halves(
        net,
        source,
        forward_hops,
        mentor_strength,
        lambda x, ids: len(ids) == 1 or net.is_open(ids[-1]),
        missing_strength=missing_strength,
    )
    best: dict[str, tuple[float, list[str]]] = {}

    def offer(person: str, strength: float, ids: list[str]) -> None:
        if person != source and strength > 0 and net.has_skill(person, skill):
            if person not in best or _rank(strength, ids) < _rank(*best[person]):
                best[person] = (strength, ids)

    def extend(person: str, strength: float, ids: list[str], left: int, used: set[Any], first: bool) -> None:
        offer(person, strength, ids)
        if left == 0:
            return
        if not first and not net.is_open(person):
            return
        for other, rel, direction, data in net.links(person):
            link = (person, other, rel) if direction == "out" else (other, person, rel)
            if link in used:
                continue
            s = strength * (link_strength(data["strength"], missing_strength) if rel == "KNOWS" else mentor_strength)
            used.add(link)
            extend(other, s, ids + [other], left - 1, used, False)
            used.discard(link)

    for (meet, forward), (strength, ids) in heads.items():
        meet_may_pass = forward == 0 or net.is_open(meet)
        if forward == forward_hops and meet_may_pass:
            extend(meet, strength, ids, max_hops - forward, set(), True)
        else:
            offer(meet, strength, ids)
    ranked = sorted(best.items(), key=lambda kv: (-round(kv[1][0], 12), len(kv[1][1]), kv[0]))
    return [{"to": person, "people": ids, "strength": s} for person, (s, ids) in ranked[:limit]]
