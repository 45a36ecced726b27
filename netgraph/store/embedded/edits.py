"""One write's changes to the in-memory graph, with what they replaced.

Why: the embedded store keeps its graph in networkx (the algorithms need it)
and in an SQLite file (so other processes and the next run see it). A write
is made on the graph through an :class:`Edit`, which remembers the state of
every node and link before the write touched it. From that record

- only the rows that really changed are written to the file (a write costs
  what it changes, not the size of the graph), and other processes are told
  which keys to read again;
- a write that fails is taken back in memory from the same record, in time
  proportional to the write (no reload of the whole store).

Nodes are ``(label, id)`` tuples; links are keyed ``(source, target, type)``,
so each exists at most once, as in :mod:`netgraph.store.embedded.store`.

Examples
--------
>>> import networkx as nx
>>> graph = nx.MultiDiGraph()
>>> edit = Edit(graph)
>>> edit.set_node(("Person", "p1"), {"id": "p1", "name": "Ada"})
>>> edit.set_node(("Skill", "go"), {"name": "go"})
>>> edit.set_link(("Person", "p1"), ("Skill", "go"), "HAS_SKILL", {"level": 3})
>>> edit.size()
3
>>> [node for node, attrs in edit.changed_nodes()]
[('Person', 'p1'), ('Skill', 'go')]
>>> edit.undo()
>>> graph.number_of_nodes(), graph.number_of_edges()
(0, 0)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from netgraph.store.embedded.adjacency import Node, add_bare_node, forget_derived, in_links, node_attrs, out_links

LinkKey = tuple[Node, Node, str]


class Edit:
    """Changes made to ``graph`` through this object, each with its state before the first change."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        forget_derived(graph)
        #: node -> its attributes before this edit (a copy), or None if it did not exist
        self.nodes: dict[Node, dict[str, Any] | None] = {}
        #: (source, target, type) -> the link's data before this edit (a copy), or None if it did not exist
        self.links: dict[LinkKey, dict[str, Any] | None] = {}

    # -- recording ---------------------------------------------------------------------------

    def _note_node(self, node: Node) -> None:
        if node not in self.nodes:
            attrs = node_attrs(self.graph).get(node)
            self.nodes[node] = None if attrs is None else dict(attrs)

    def _note_link(self, key: LinkKey) -> None:
        if key not in self.links:
            data = out_links(self.graph).get(key[0], {}).get(key[1], {}).get(key[2])
            self.links[key] = None if data is None else dict(data)

    # -- changing the graph --------------------------------------------------------------------

    def set_node(self, node: Node, props: dict[str, Any]) -> None:
        """Create ``node`` or replace all its properties."""
        self._note_node(node)
        attrs = node_attrs(self.graph).get(node)
        if attrs is None:
            add_bare_node(self.graph, node, dict(props))
        else:
            attrs.clear()
            attrs.update(props)

    def add_node_if_missing(self, node: Node, props: dict[str, Any]) -> None:
        """Create ``node`` with ``props`` unless it exists (a skill, made from the names used)."""
        if node not in node_attrs(self.graph):
            self.set_node(node, props)

    def remove_node(self, node: Node) -> None:
        """Remove ``node`` and every link it has."""
        for source, target, rel in list(self.graph.in_edges(node, keys=True)) + list(
            self.graph.out_edges(node, keys=True)
        ):
            self.remove_link(source, target, rel)
        self._note_node(node)
        self.graph.remove_node(node)

    def set_link(self, source: Node, target: Node, rel: str, props: dict[str, Any]) -> None:
        """Create the link or replace all its properties (its ends are created bare if missing).

        Works on networkx's adjacency dicts directly: ``add_edge`` costs three
        times as much, which is most of an import's time.
        """
        graph = self.graph
        for end in (source, target):
            if end not in node_attrs(graph):
                self.set_node(end, {})
        out = out_links(graph)[source]
        keyed = out.get(target)
        if keyed is None:
            keyed = out[target] = in_links(graph)[target][source] = {}
        data = keyed.get(rel)
        key = (source, target, rel)
        if key not in self.links:
            self.links[key] = None if data is None else dict(data)
        if data is None:
            keyed[rel] = dict(props)
        else:
            data.clear()
            data.update(props)

    def remove_link(self, source: Node, target: Node, rel: str) -> None:
        key = (source, target, rel)
        self._note_link(key)
        out = out_links(self.graph)[source]
        keyed = out[target]
        del keyed[rel]
        if not keyed:
            del out[target]
            del in_links(self.graph)[target][source]

    # -- reading what changed ------------------------------------------------------------------

    def size(self) -> int:
        """Nodes and links touched (an upper bound of the rows the write changes)."""
        return len(self.nodes) + len(self.links)

    def changed_nodes(self) -> Iterator[tuple[Node, dict[str, Any] | None]]:
        """(node, attributes now or None if removed) for each node whose state differs from before."""
        current = node_attrs(self.graph)
        for node, before in self.nodes.items():
            now = current.get(node)
            if now != before:
                yield node, now

    def changed_links(self) -> Iterator[tuple[LinkKey, dict[str, Any] | None]]:
        """((source, target, type), data now or None if removed) for each link that differs from before."""
        succ = out_links(self.graph)
        for key, before in self.links.items():
            now = succ.get(key[0], {}).get(key[1], {}).get(key[2])
            if now != before:
                yield key, now

    # -- taking it back ------------------------------------------------------------------------

    def undo(self) -> None:
        """Put every node and link back as it was before this edit."""
        graph = self.graph
        for node, before in self.nodes.items():  # nodes that existed come back first: links may need them
            if before is None:
                continue
            attrs = node_attrs(graph).get(node)
            if attrs is None:
                graph.add_node(node, **before)
            else:
                attrs.clear()
                attrs.update(before)
        for (source, target, rel), before in self.links.items():
            exists = graph.has_edge(source, target, rel)
            if before is None:
                if exists:
                    graph.remove_edge(source, target, key=rel)
            elif exists:
                data: Any = out_links(graph)[source][target][rel]
                data.clear()
                data.update(before)
            else:
                graph.add_edge(source, target, key=rel, **before)
        for node, before in self.nodes.items():  # then the nodes this edit created go
            if before is None and node in node_attrs(graph):
                graph.remove_node(node)
        self.nodes.clear()
        self.links.clear()
