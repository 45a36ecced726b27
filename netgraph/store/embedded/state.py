"""The state the port modules of the embedded store share, and the graph helpers more than one of them needs."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import networkx as nx

from netgraph.store.embedded.adjacency import node_attrs
from netgraph.store.embedded.audit_log import AuditLog
from netgraph.store.embedded.evidence import EvidenceTables
from netgraph.store.embedded.insight_tables import InsightTables
from netgraph.store.embedded.mirror import Mirror
from netgraph.store.embedded.outbox_tables import OutboxTables
from netgraph.store.embedded.round_tables import RoundTables


class EmbeddedState:
    """What every port of the embedded store reads and writes through: the mirror and its side tables.

    Each port module of this package adds its port's methods to it; :class:`EmbeddedStore` makes the state
    (in its ``__init__``) and composes them all.
    """

    path: Path | None
    #: whether the graph is kept out of the cycle collector (gc.freeze) after each load
    freeze_graph: bool
    _mirror: Mirror
    #: ``with self._reading() as graph``: the graph, caught up with other processes' commits
    _reading: Callable[[], AbstractContextManager[nx.MultiDiGraph]]
    _audit: AuditLog
    _evidence: EvidenceTables
    _insights: InsightTables
    _rounds: RoundTables
    _outbox: OutboxTables
    #: succession answers kept until the next write (see succession_queries.py)
    _succession_cache: dict[object, Any]

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The in-memory mirror as it is now (read it inside a store method, or after ``refresh``)."""
        return self._mirror.graph


def typed_links_out(graph: nx.MultiDiGraph, node: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
    """(target, relationship type) of every link going out of ``node``."""
    return [(target, key) for _, target, key in graph.out_edges(node, keys=True)]


def has_left(graph: nx.MultiDiGraph, person: str) -> bool:
    left: bool = node_attrs(graph)["Person", person].get("status") == "left"
    return left
