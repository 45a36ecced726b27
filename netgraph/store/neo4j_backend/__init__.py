"""The Neo4j backend: every query a named statement from ``cypher/``, run over Bolt."""

from netgraph.store.neo4j_backend.store import Neo4jStore

__all__ = ["Neo4jStore"]
