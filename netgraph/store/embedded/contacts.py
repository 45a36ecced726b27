"""The contact network of the embedded store: the one definition its readers share.

People who have not left, joined by a KNOWS link not retired or a MENTORS link
of any status (:func:`~netgraph.store.embedded.network.live`). Network
insights read it with each link's strength (``insights.py``), matching as
each person's contacts (``matching_queries.py``); Neo4j's twins are
``cypher/insights/contact_network.cypher`` and
``cypher/matching/contact_projection.cypher``.

Both read networkx's dicts (``adjacency.py``) in one pass, with no graph built
first: at 100k people a networkx view or a per-link function call costs seconds.
"""

from __future__ import annotations

import networkx as nx

from netgraph.store.embedded.adjacency import Keyed, Node, in_links, node_attrs, out_links
from netgraph.store.embedded.network import live


def present_people(graph: nx.MultiDiGraph) -> set[Node]:
    """The Person nodes of ``graph`` who have not left: the contact network's people."""
    return {node for node, data in node_attrs(graph).items() if node[0] == "Person" and data.get("status") != "left"}


def is_contact_link(keyed: Keyed) -> bool:
    """Whether the links ``keyed`` (type -> data) between two people make them contacts."""
    return live(keyed, "KNOWS") or "MENTORS" in keyed


def contact_lists(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """id -> contacts (either direction, sorted) of everyone present with one.

    Each person's own out- and in-links, so no shared set is grown link by link:
    that costs twice as much at 100k people.
    """
    out, into = out_links(graph), in_links(graph)
    present = present_people(graph)
    found: dict[str, list[str]] = {}
    for node in present:
        contacts = {other[1] for other, keyed in out[node].items() if other in present and is_contact_link(keyed)}
        contacts.update(other[1] for other, keyed in into[node].items() if other in present and is_contact_link(keyed))
        if contacts:
            found[node[1]] = sorted(contacts)
    return found
