"""The ProgrammeQueries port of the embedded store."""

from __future__ import annotations

from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.embedded.state import EmbeddedState
from netgraph.store.ports import IntroductionFacts, MentorLoad, NamedPerson


class EmbeddedProgrammeQueries(EmbeddedState):
    """The :class:`~netgraph.store.ports.ProgrammeQueries` port."""

    def mentors_by_load(self) -> list[MentorLoad]:
        with self._reading():
            # each person's own out-links, not networkx's view of every edge (skills and memberships too)
            nodes, load = node_attrs(self.graph), {}
            for u, links in out_links(self.graph).items():
                if u[0] == "Person":
                    n = 0
                    for keyed in links.values():
                        if "MENTORS" in keyed and keyed["MENTORS"]["status"] == "active":
                            n += 1
                    if n:
                        load[u] = n
            rows = [MentorLoad(id=u[1], name=nodes[u]["name"], mentees=n) for u, n in load.items()]
            return sorted(rows, key=lambda r: (-r["mentees"], r["id"]))

    def mentees_without_mentor(self) -> list[NamedPerson]:
        with self._reading():
            # each person's own in-links, not networkx's view of every edge with its data (1.1 million at 100k)
            nodes, found = node_attrs(self.graph), []
            for v, links in in_links(self.graph).items():
                if v[0] != "Person" or nodes[v].get("status") == "left":
                    continue
                mentored = active = False
                for keyed in links.values():
                    if "MENTORS" in keyed:
                        mentored = True
                        if keyed["MENTORS"]["status"] == "active":
                            active = True
                            break
                if mentored and not active:
                    found.append(NamedPerson(id=v[1], name=nodes[v]["name"]))
            return sorted(found, key=lambda r: r["id"])

    def introduction_facts(self) -> list[IntroductionFacts]:
        with self._reading():
            return [
                IntroductionFacts(
                    status=attrs["status"],
                    created_on=attrs.get("created_on"),
                    met_on=attrs.get("met_on"),
                    outcome=attrs.get("outcome"),
                )
                for node, attrs in node_attrs(self.graph).items()
                if node[0] == "Introduction"
            ]
