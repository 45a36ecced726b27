"""Stores: where the graph lives. Pick one with :func:`open_store`.

``NEO4J_URI`` set (and no explicit ``--data``): the Neo4j store, configured
like Neo4j's own tools (``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``). Otherwise: the embedded store in the file given by
``--data``, ``NETGRAPH_DATA``, or the per-user default
``$XDG_DATA_HOME/netgraph/graph.json`` (``~/.local/share/netgraph/graph.json``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from netgraph.store.base import Progress, Store
from netgraph.store.embedded import EmbeddedStore

__all__ = ["Store", "Progress", "EmbeddedStore", "open_store", "default_data_path"]


def default_data_path(env: Mapping[str, str] = os.environ) -> Path:
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "netgraph" / "graph.json"


def open_store(data: str | Path | None = None, env: Mapping[str, str] = os.environ) -> Store:
    """The store the configuration asks for (see the module docstring)."""
    if data is None and env.get("NEO4J_URI"):
        from netgraph.store.neo4j_backend.store import Neo4jStore

        return Neo4jStore(env["NEO4J_URI"], env.get("NEO4J_USERNAME"), env.get("NEO4J_PASSWORD"),
                          env.get("NEO4J_DATABASE") or "neo4j")
    return EmbeddedStore(data or env.get("NETGRAPH_DATA") or default_data_path(env))
