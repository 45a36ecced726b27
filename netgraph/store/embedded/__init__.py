"""The embedded backend: the graph in memory as networkx, persisted to one file."""

from netgraph.store.embedded.store import EmbeddedStore

__all__ = ["EmbeddedStore"]
