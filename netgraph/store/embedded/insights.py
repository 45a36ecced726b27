"""The contact network of the embedded store, read straight off the in-memory graph.

One pass over the people and their KNOWS/MENTORS links (see
:class:`~netgraph.store.ports.InsightQueries` for the definition, and
``cypher/insights/contact_network.cypher`` for Neo4j's twin), without
building a networkx graph first, which would cost several times as much.
"""

from __future__ import annotations

import networkx as nx

from netgraph.model.rules import link_strength
from netgraph.store.embedded.adjacency import node_attrs, out_links
from netgraph.store.ports import ContactNetwork


def contact_network(graph: nx.MultiDiGraph, *, mentor_strength: float, missing_strength: float) -> ContactNetwork:
    """The contact network of ``graph`` (the store's mirror), people sorted by id, links by position pair."""
    nodes, succ = node_attrs(graph), out_links(graph)
    people = sorted(key[1] for key, data in nodes.items() if key[0] == "Person" and data.get("status") != "left")
    index = {person: i for i, person in enumerate(people)}
    units: list[str | None] = []
    strongest: dict[tuple[int, int], float] = {}
    for i, person in enumerate(people):
        unit = None
        for other, keyed in succ["Person", person].items():
            if "MEMBER_OF" in keyed:
                unit = other[1]
                continue
            j = index.get(other[1]) if other[0] == "Person" else None
            if j is None:
                continue
            strength = None
            knows = keyed.get("KNOWS")
            if knows is not None and knows.get("retired_on") is None:
                strength = link_strength(knows.get("strength"), missing_strength)
            if "MENTORS" in keyed:
                strength = mentor_strength if strength is None else max(strength, mentor_strength)
            if strength is not None:
                pair = (i, j) if i < j else (j, i)
                strongest[pair] = max(strongest.get(pair, strength), strength)
        units.append(unit)
    links = [[i, j, strength] for (i, j), strength in sorted(strongest.items())]
    parents: dict[str, str | None] = {}
    for key, _ in nodes.items():
        if key[0] == "OrgUnit":
            parents[key[1]] = next((o[1] for o, keyed in succ[key].items() if "PART_OF" in keyed), None)
    return {"people": people, "units": units, "links": links, "unit_parents": dict(sorted(parents.items()))}
