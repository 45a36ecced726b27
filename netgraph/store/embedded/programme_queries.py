"""The ProgrammeQueries port of the embedded store."""

from __future__ import annotations

from typing import Any

from netgraph.store.embedded.adjacency import node_attrs, out_links
from netgraph.store.embedded.state import EmbeddedState, has_left
from netgraph.store.ports import MentorLoad, NamedPerson


class EmbeddedProgrammeQueries(EmbeddedState):
    """The :class:`~netgraph.store.ports.ProgrammeQueries` port."""

    def mentors_by_load(self) -> list[MentorLoad]:
        with self._reading():
            # each person's own out-links, not networkx's view of every edge (skills and memberships too)
            nodes, load = node_attrs(self.graph), {}
            for u, links in out_links(self.graph).items():
                if u[0] == "Person":
                    n = sum(1 for keyed in links.values() if keyed.get("MENTORS", {}).get("status") == "active")
                    if n:
                        load[u] = n
            rows = [MentorLoad(id=u[1], name=nodes[u]["name"], mentees=n) for u, n in load.items()]
            return sorted(rows, key=lambda r: (-r["mentees"], r["id"]))

    def mentees_without_mentor(self) -> list[NamedPerson]:
        with self._reading():
            status: dict[tuple[Any, ...], bool] = {}
            for _, v, k, d in self.graph.edges(keys=True, data=True):
                if k == "MENTORS":
                    status[v] = status.get(v, False) or d["status"] == "active"
            return [
                NamedPerson(id=v[1], name=self.graph.nodes[v]["name"])
                for v in sorted(status)
                if not status[v] and not has_left(self.graph, v[1])
            ]
