"""Succession coverage on the embedded store: what ``succession_*.cypher`` computes on Neo4j.

Rows have exactly the keys and meaning of the Cypher statements' rows; the
contract tests hold the two stores to the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from netgraph.model import rules
from netgraph.model.rules import PipelineWeights
from netgraph.store import rollup
from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.ports import CoverSeat, PipelineRow, PipelineSuggestion, PositionRow, UnitRow


def positions_index(graph: nx.MultiDiGraph, leavers: Iterable[str] = ()) -> _Positions:
    """Holders and counted nominations of every position, with ``leavers`` out (reusable until a write)."""
    return _Positions(graph, leavers)


class _Positions:
    """Who holds and who is nominated for each position, with leavers taken out."""

    def __init__(self, graph: nx.MultiDiGraph, leavers: Iterable[str]):
        self.graph = graph
        self.leavers = set(leavers)
        self.holders: dict[str, list[str]] = {}
        self.nominations: dict[str, list[tuple[str, str]]] = {}
        self.holds: dict[str, list[str]] = {}
        nodes, pred = node_attrs(graph), in_links(graph)
        for node in nodes:
            if node[0] != "Position":
                continue
            pid = node[1]
            holders, nominated = [], []
            for person, keyed in pred[node].items():
                if "HOLDS" in keyed:
                    self.holds.setdefault(person[1], []).append(pid)
                    if person[1] not in self.leavers:
                        holders.append(person[1])
            all_holders = {p[1] for p, k in pred[node].items() if "HOLDS" in k}
            for person, keyed in pred[node].items():
                if "SUCCESSOR_FOR" in keyed and person[1] not in self.leavers and person[1] not in all_holders:
                    nominated.append((person[1], keyed["SUCCESSOR_FOR"]["readiness"]))
            self.holders[pid] = sorted(holders)
            self.nominations[pid] = sorted(nominated)

    def attrs(self, pid: str) -> dict[str, Any]:
        found: dict[str, Any] = node_attrs(self.graph)["Position", pid]
        return found

    def status(self, pid: str) -> str:
        return rules.position_status(r for _, r in self.nominations[pid])

    def unit(self, pid: str) -> str | None:
        return _unit_of(self.graph, pid)


def position_rows(
    graph: nx.MultiDiGraph,
    leavers: Iterable[str] = (),
    ids: Iterable[str] | None = None,
    *,
    positions: _Positions | None = None,
) -> list[PositionRow]:
    """One row per position (only ``ids``, when given), as ``succession_positions.cypher`` returns them.

    ``positions``: the holders and nominations for these ``leavers``, when the
    caller keeps them between queries (the embedded store does, until a write).
    """
    pos = positions or _Positions(graph, leavers)
    people = node_attrs(graph)
    rows: list[PositionRow] = []
    wanted = sorted(pos.holders) if ids is None else sorted(set(ids) & set(pos.holders))
    for pid in wanted:
        attrs = pos.attrs(pid)
        ready = [p for p, r in pos.nominations[pid] if r == "ready_now"]

        def also_ready_for_another_critical(person: str, pid: str = pid) -> bool:
            return any(
                other != pid and pos.attrs(other).get("critical") and (person, "ready_now") in pos.nominations[other]
                for other in _nominated_for(graph, person)
            )

        def holds_a_critical_gap(person: str) -> bool:
            return any(
                pos.attrs(held).get("critical") and pos.status(held) == "gap" for held in pos.holds.get(person, [])
            )

        rows.append(
            {
                "id": pid,
                "title": attrs["title"],
                "level": attrs.get("level"),
                "critical": bool(attrs.get("critical")),
                "org_unit": pos.unit(pid),
                "incumbents": pos.holders[pid],
                "incumbent_names": [people["Person", h]["name"] for h in pos.holders[pid]],
                "status": pos.status(pid),
                "vacant": rules.is_vacant(pos.holders[pid]),
                "flight_risk": rules.has_flight_risk(people["Person", h].get("flight_risk") for h in pos.holders[pid]),
                "thin": rules.is_thin(pos.nominations[pid]),
                "shared_cover": rules.has_shared_cover([also_ready_for_another_critical(p) for p in ready]),
                "cascade": rules.is_cascade([holds_a_critical_gap(p) for p in ready]),
                "successors": [
                    {
                        "person": p,
                        "name": people["Person", p]["name"],
                        "readiness": r,
                        "level": people["Person", p].get("level"),
                        "holds": sorted(pos.holds.get(p, [])),
                    }
                    for p, r in pos.nominations[pid]
                ],
            }
        )
    return rows


def cover_seats(graph: nx.MultiDiGraph, pos: _Positions) -> list[CoverSeat]:
    """As ``cover_seats.cypher``: critical positions by id, their counted ready-now successors by id, and the
    critical positions each successor holds."""
    nodes = node_attrs(graph)

    def critical(pid: str) -> bool:
        return bool(nodes["Position", pid].get("critical"))

    return [
        {
            "id": pid,
            "level": pos.attrs(pid).get("level"),
            "org_unit": pos.unit(pid),
            "ready_now": [
                {"person": p, "holds_critical": sorted(h for h in pos.holds.get(p, []) if critical(h))}
                for p, readiness in pos.nominations[pid]
                if readiness == "ready_now"
            ],
        }
        for pid in sorted(pos.holders)
        if critical(pid)
    ]


def _nominated_for(graph: nx.MultiDiGraph, person: str) -> list[str]:
    return [target[1] for target, keyed in out_links(graph)["Person", person].items() if "SUCCESSOR_FOR" in keyed]


def unit_rows(graph: nx.MultiDiGraph, positions: list[PositionRow]) -> list[UnitRow]:
    """Counts per org unit over the unit and its descendants (:func:`netgraph.store.rollup.unit_rows`)."""
    nodes, succ = node_attrs(graph), out_links(graph)
    units = [
        {
            "id": node[1],
            "name": nodes[node]["name"],
            "parent": next((o[1] for o, k in succ[node].items() if "PART_OF" in k), None),
        }
        for node in nodes
        if node[0] == "OrgUnit"
    ]
    return rollup.unit_rows(units, positions)


def pipeline_rows(
    graph: nx.MultiDiGraph,
    positions: list[str],
    weights: PipelineWeights,
    limit: int,
    *,
    known: _Positions | None = None,
) -> list[PipelineRow]:
    """Pipeline suggestions per position, as ``succession_pipeline.cypher`` returns them.

    ``known``: the positions computed with nobody leaving, when the caller has them.
    """
    nodes, succ, pred = node_attrs(graph), out_links(graph), in_links(graph)
    pos = known or _Positions(graph, ())

    def holders_of(pid: str) -> list[str]:  # nobody leaves, so these are all the holders
        return pos.holders[pid]

    def heads_a_critical_gap(person: str) -> bool:
        return any(
            nodes["Position", held].get("critical") and not pos.nominations[held] for held in pos.holds.get(person, [])
        )

    rows: list[PipelineRow] = []
    for pid in sorted(set(positions)):
        if ("Position", pid) not in graph:
            continue
        attrs = nodes["Position", pid]
        unit = pos.unit(pid)
        required = sorted(s[1] for s, k in succ["Position", pid].items() if "REQUIRES" in k)
        mentors = {(h, True) for h in holders_of(pid)}
        if unit is not None:
            for other, keyed in pred["OrgUnit", unit].items():
                if other[0] == "Position" and "IN" in keyed:
                    mentors |= {(h, other[1] == pid) for h in holders_of(other[1])}
        links: dict[str, tuple[float, str, bool, dict[str, Any]]] = {}
        for mentor, by_incumbent in mentors:
            for mentee, keyed in succ["Person", mentor].items():
                if "MENTORS" not in keyed:
                    continue
                m = keyed["MENTORS"]
                closeness = rules.mentorship_closeness(by_incumbent, m["status"])
                option = (-closeness, mentor, by_incumbent, m)
                c = mentee[1]
                if c not in links or option[:2] < links[c][:2]:
                    links[c] = option
        nominated = {p for p, _ in pos.nominations[pid]} | set(holders_of(pid))
        suggestions: list[PipelineSuggestion] = []
        for c, (neg_closeness, mentor, by_incumbent, m) in links.items():
            level = nodes["Person", c].get("level")
            if level is None or attrs.get("level") is None or attrs["level"] - level not in (1, 2):
                continue
            if c in nominated or "SUCCESSOR_FOR" in succ["Person", c].get(("Position", pid), {}):
                continue
            if heads_a_critical_gap(c):
                continue
            person_succ = succ["Person", c]
            skills = [
                [s, person_succ[("Skill", s)]["HAS_SKILL"]["level"]]
                for s in required
                if "HAS_SKILL" in person_succ.get(("Skill", s), {})
            ]
            skill_share = rules.skill_share(skills, len(required))
            level_fit = rules.level_fit(attrs["level"], level)
            closeness = -neg_closeness
            score = rules.pipeline_score({"skills": skill_share, "mentorship": closeness, "level": level_fit}, weights)
            suggestions.append(
                {
                    "candidate": c,
                    "name": nodes["Person", c]["name"],
                    "level": level,
                    "score": score,
                    "skill_share": skill_share,
                    "skills": skills,
                    "mentor": mentor,
                    "mentor_name": nodes["Person", mentor]["name"],
                    "mentor_is_incumbent": by_incumbent,
                    "mentorship_status": m["status"],
                    "mentorship_since": m.get("since"),
                    "closeness": closeness,
                    "level_fit": level_fit,
                }
            )
        suggestions.sort(key=lambda s: (-s["score"], s["candidate"]))
        if suggestions:  # as the Cypher twin: a position without suggestions has no row
            rows.append({"position": pid, "required_count": len(required), "suggestions": suggestions[:limit]})
    return rows


def affected_positions(graph: nx.MultiDiGraph, leavers: Iterable[str]) -> dict[str, list[str]]:
    """As ``what_if_affected.cypher``: positions a departure can change, with the units above each."""
    succ, pred = out_links(graph), in_links(graph)
    direct = set()
    for leaver in leavers:
        if ("Person", leaver) in graph:
            direct |= {p[1] for p, k in succ["Person", leaver].items() if "HOLDS" in k or "SUCCESSOR_FOR" in k}
    cascading = set()
    for d in direct:
        for holder, keyed in pred["Position", d].items():
            if "HOLDS" in keyed:
                cascading |= {
                    p[1]
                    for p, k in succ[holder].items()
                    if "SUCCESSOR_FOR" in k and k["SUCCESSOR_FOR"]["readiness"] == "ready_now"
                }
    found = {}
    for pid in sorted(direct | cascading):
        units, unit, seen = [], _unit_of(graph, pid), set()
        while unit is not None and unit not in seen:
            seen.add(unit)
            units.append(unit)
            unit = next((o[1] for o, k in succ["OrgUnit", unit].items() if "PART_OF" in k), None)
        found[pid] = units
    return found


def _unit_of(graph: nx.MultiDiGraph, pid: str) -> str | None:
    return next((o[1] for o, k in out_links(graph)["Position", pid].items() if "IN" in k), None)
