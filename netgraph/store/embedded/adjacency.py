"""networkx's own dicts of a graph, read and written directly: the one module that knows where they are.

The embedded store's hot loops walk these dicts instead of networkx's public
views, which build a wrapper object per lookup (docs/decisions/networkx-adjacency.md).
They are not a public API, so every other module reaches them through the
functions here; ``tests/unit/test_adjacency.py`` builds graphs with the public
API and reads them back through this module, so a networkx release that moved
or reshaped them fails there, by name, before any query gives a wrong answer.

For a :class:`networkx.MultiDiGraph` whose links are keyed by relationship type:

- :func:`node_attrs`: ``{node: attributes}``;
- :func:`out_links`: ``{source: {target: {type: attributes}}}``;
- :func:`in_links`: ``{target: {source: {type: attributes}}}``, sharing the
  ``{type: attributes}`` dicts of :func:`out_links`.

A node written here needs its entry in all three (see :func:`add_bare_node`).

>>> import networkx as nx
>>> graph = nx.MultiDiGraph()
>>> graph.add_edge(("Person", "p1"), ("Person", "p2"), key="KNOWS", strength=3)
'KNOWS'
>>> out_links(graph)[("Person", "p1")][("Person", "p2")]["KNOWS"]
{'strength': 3}
>>> in_links(graph)[("Person", "p2")][("Person", "p1")] is out_links(graph)[("Person", "p1")][("Person", "p2")]
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

#: A node: ``(label, id)``.
Node = tuple[str, str]
#: Attributes of a node or a link.
Attrs = dict[str, Any]
#: The links between two nodes, by relationship type.
Keyed = dict[str, Attrs]
#: The links of every node: ``{node: {other: {type: attributes}}}``.
Links = dict[Node, dict[Node, Keyed]]

#: The attributes of a graph that hold its data; every other one is a cached view of them.
_DATA = frozenset({"graph", "_node", "_adj", "_succ", "_pred", "__networkx_cache__"})


def node_attrs(graph: nx.MultiDiGraph) -> dict[Node, Attrs]:
    """``{node: attributes}``: the dict ``graph.nodes[node]`` reads."""
    return graph._node  # type: ignore[no-any-return]  # networkx is untyped


def out_links(graph: nx.MultiDiGraph) -> Links:
    """``{source: {target: {type: attributes}}}``: the dict ``graph.succ`` views."""
    return graph._succ  # type: ignore[no-any-return]  # networkx is untyped


def in_links(graph: nx.MultiDiGraph) -> Links:
    """``{target: {source: {type: attributes}}}``: the dict ``graph.pred`` views."""
    return graph._pred  # type: ignore[no-any-return]  # networkx is untyped


def add_bare_node(graph: nx.MultiDiGraph, node: Node, attrs: Attrs) -> None:
    """Add ``node`` with ``attrs`` (kept, not copied) and no links, as ``graph.add_node`` would."""
    graph._node[node] = attrs
    graph._succ[node] = {}
    graph._pred[node] = {}


def forget_derived(graph: nx.MultiDiGraph) -> None:
    """Drop networkx's caches of graphs derived from this one: written to directly, they go stale."""
    getattr(graph, "__networkx_cache__", {}).clear()


def drop_views(graph: nx.MultiDiGraph) -> None:
    """Delete the graph's cached views (they point back at it), leaving its data: no reference cycle is left.

    A graph frozen out of the cycle collector (:func:`netgraph.collector.freeze_survivors`)
    is then freed by reference counting once it is dropped. Views come back on use.
    """
    for name in [n for n in vars(graph) if n not in _DATA]:
        delattr(graph, name)
