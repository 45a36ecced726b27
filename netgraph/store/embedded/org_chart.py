"""The succession org chart on the embedded store: what ``cypher/succession/org_chart.cypher`` returns.

Status and flags come from :func:`~netgraph.store.embedded.succession.position_rows`
(the rules of :mod:`netgraph.model.rules`, as on the heat map); this module
picks the level, sorts and pages it, and adds names, managers and report
counts. The tree itself (:class:`ChartIndex`: managers, reports, units) is
built in one pass over the graph and kept until the next write, so a level
costs its own cards, not the organisation: at 10k positions the top, a unit
or a position answer in milliseconds.
"""

from __future__ import annotations

import networkx as nx

from netgraph.store.embedded.adjacency import node_attrs, out_links
from netgraph.store.embedded.succession import _Positions, position_rows
from netgraph.store.ports import ChartCard, ChartSuccessor, OrgChart


class ChartIndex:
    """Positions and org units as a tree: manager, reports, unit of each position; sub-units of each unit."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.manager: dict[str, str] = {}
        self.unit: dict[str, str] = {}
        self.reports: dict[str, list[str]] = {}
        self.in_unit: dict[str, list[str]] = {}
        self.sub_units: dict[str, list[str]] = {}
        self.positions: list[str] = []
        for node, linked in out_links(graph).items():
            kind = node[0]
            if kind == "Position":
                self.positions.append(node[1])
                for other, keyed in linked.items():
                    if "REPORTS_TO" in keyed:
                        self.manager[node[1]] = other[1]
                        self.reports.setdefault(other[1], []).append(node[1])
                    if "IN" in keyed:
                        self.unit[node[1]] = other[1]
                        self.in_unit.setdefault(other[1], []).append(node[1])
            elif kind == "OrgUnit":
                for other, keyed in linked.items():
                    if "PART_OF" in keyed:
                        self.sub_units.setdefault(other[1], []).append(node[1])
        self.known = set(self.positions)

    def level(self, position: str | None, unit: str | None, around: list[str] | None) -> list[str]:
        """The positions of one level, unsorted (see the port's ``org_chart``)."""
        if position is not None:
            return list(self.reports.get(position, []))
        if unit is not None:
            scope, todo = set(), [unit]
            while todo:
                u = todo.pop()
                if u not in scope:
                    scope.add(u)
                    todo.extend(self.sub_units.get(u, []))
            return [
                p
                for u in scope
                for p in self.in_unit.get(u, [])
                if p not in self.manager or self.unit.get(self.manager[p]) not in scope
            ]
        if around is not None:
            found: set[str] = set()
            for pid in around:
                current: str | None = pid
                while current is not None and current in self.known and current not in found:
                    found.add(current)
                    current = self.manager.get(current)
            return list(found)
        return [p for p in self.positions if p not in self.manager]


def org_chart(
    graph: nx.MultiDiGraph,
    index: _Positions,
    tree: ChartIndex,
    *,
    position: str | None,
    unit: str | None,
    around: list[str] | None,
    offset: int,
    limit: int,
) -> OrgChart | None:
    """One level of the org chart as the port describes it.

    ``index``: the positions index with nobody leaving; ``tree``: the :class:`ChartIndex` of ``graph``.
    """
    if position is not None and ("Position", position) not in graph:
        return None
    if unit is not None and ("OrgUnit", unit) not in graph:
        return None
    nodes = node_attrs(graph)
    level = sorted(tree.level(position, unit, around), key=lambda p: (nodes["Position", p]["title"], p))
    shown = ([position] if position is not None else []) + level[offset : offset + limit]
    rows = {r["id"]: r for r in position_rows(graph, (), shown, positions=index)}
    cards: list[ChartCard] = []
    for pid in shown:
        row = rows[pid]
        unit_id = row["org_unit"]
        cards.append(
            {
                "id": pid,
                "title": row["title"],
                "level": row["level"],
                "critical": row["critical"],
                "org_unit": unit_id,
                "org_unit_name": nodes["OrgUnit", unit_id]["name"] if unit_id is not None else None,
                "reports_to": tree.manager.get(pid),
                "incumbents": [{"id": h, "name": nodes["Person", h]["name"]} for h in sorted(row["incumbents"])],
                "status": row["status"],
                "vacant": row["vacant"],
                "flight_risk": row["flight_risk"],
                "thin": row["thin"],
                "shared_cover": row["shared_cover"],
                "cascade": row["cascade"],
                "successors": sorted(
                    (
                        ChartSuccessor(
                            person=s["person"], name=nodes["Person", s["person"]]["name"], readiness=s["readiness"]
                        )
                        for s in row["successors"]
                    ),
                    key=lambda s: (s["person"], s["readiness"]),
                ),
                "child_count": len(tree.reports.get(pid, [])),
            }
        )
    focus = cards.pop(0) if position is not None else None
    return {"focus": focus, "cards": cards, "total": len(level)}
