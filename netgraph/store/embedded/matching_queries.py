"""The MatchingQueries port of the embedded store."""

from __future__ import annotations

from netgraph.model.vocabulary import OPEN_INTRODUCTION_STATUSES
from netgraph.store.embedded.adjacency import node_attrs
from netgraph.store.embedded.network import PeopleNetwork
from netgraph.store.embedded.state import EmbeddedState, has_left, typed_links_out
from netgraph.store.ports import MatchingData, MatchingMentorship, PositionLink


class EmbeddedMatchingQueries(EmbeddedState):
    """The :class:`~netgraph.store.ports.MatchingQueries` port."""

    def matching_inputs(self, people: list[str]) -> MatchingData:
        with self._reading():
            graph, nodes = self.graph, [("Person", i) for i in dict.fromkeys(people) if ("Person", i) in self.graph]
            asked = {node[1] for node in nodes}
            held = {node[1]: sorted(p[1] for p, k in typed_links_out(graph, node) if k == "HOLDS") for node in nodes}
            positions: dict[str, PositionLink] = {}
            for position in sorted({p for ids in held.values() for p in ids}):
                while position is not None and position not in positions:
                    boss = next(
                        (p[1] for p, k in typed_links_out(graph, ("Position", position)) if k == "REPORTS_TO"), None
                    )
                    holders = sorted(
                        u[1] for u, _, k in graph.in_edges(("Position", position), keys=True) if k == "HOLDS"
                    )
                    positions[position] = {"reports_to": boss, "holders": holders}
                    position = boss
            mentorships = sorted(
                (
                    MatchingMentorship(mentor=node[1], mentee=other[1], status=data["status"], until=data.get("until"))
                    for node in nodes
                    for _, other, k, data in graph.out_edges(node, keys=True, data=True)
                    if k == "MENTORS" and other[1] in asked
                ),
                key=lambda m: (m["mentor"], m["mentee"]),
            )
            load = {}
            attrs = node_attrs(graph)
            for node in nodes:
                mentees = sum(
                    1
                    for _, _, k, d in graph.out_edges(node, keys=True, data=True)
                    if k == "MENTORS" and d["status"] == "active"
                )
                intros = sum(
                    1
                    for other, k in typed_links_out(graph, node)
                    if k == "MADE" and attrs[other].get("status") in OPEN_INTRODUCTION_STATUSES
                )
                load[node[1]] = mentees + intros
            return {
                "held": {person: ids for person, ids in held.items() if ids},
                "positions": positions,
                "mentorships": mentorships,
                "load": load,
            }

    def contact_projection(self) -> dict[str, list[str]]:
        with self._reading():
            net = PeopleNetwork(self.graph)
            found = {}
            for label, key in self.graph.nodes:
                if label == "Person" and not has_left(self.graph, key):
                    contacts = net.neighbours(key)
                    if contacts:
                        found[key] = sorted(contacts)
            return found

    def skill_holders(self, min_level: int) -> dict[str, dict[str, int]]:
        with self._reading():
            found: dict[str, dict[str, int]] = {}
            for label, key in self.graph.nodes:
                if label == "Person" and not has_left(self.graph, key):
                    for _, other, kind, data in self.graph.out_edges(("Person", key), keys=True, data=True):
                        if kind == "HAS_SKILL" and data["level"] >= min_level:
                            found.setdefault(key, {})[other[1]] = data["level"]
            return found
