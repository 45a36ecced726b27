"""Stores: where the graph lives. Pick one with :func:`open_store`.

Two backends, each in its own wing: ``netgraph.store.embedded`` (networkx
in memory, persisted to a file) and ``netgraph.store.neo4j_backend`` (Neo4j
over Bolt). Both implement the ports of :mod:`netgraph.store.ports`; the
contract suite (``tests/contract``) holds them to the same answers.

Which one to open is decided at the edges (the CLI, the app factory) and
arrives here as a :class:`StoreConfig`: this package never reads the environment.

Examples
--------
>>> store = open_store(StoreConfig(path=None))     # an embedded store in memory
>>> store.describe()
'embedded store in memory'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from netgraph.store.embedded import EmbeddedStore
from netgraph.store.ports import Progress, Store

__all__ = ["Store", "Progress", "EmbeddedStore", "Neo4jConnection", "StoreConfig", "open_store"]

#: Seconds to wait for a Neo4j connection, and for retries of a failing transaction (the CLI; the web app sets its own).
CONNECT_TIMEOUT = 5.0
#: The default of Neo4jConnection.resample_share (the same as neo4j_backend.driver.RESAMPLE_SHARE).
RESAMPLE_SHARE = 0.1


@dataclass(frozen=True)
class Neo4jConnection:
    """Where a Neo4j database is and how to log in (auth off when both are None)."""

    uri: str
    username: str | None = None
    password: str | None = None
    database: str = "neo4j"
    #: After a write that changes more than this share of a label or link type, Neo4j resamples its
    #: outdated indexes and drops its cached plans (None: never; see neo4j_backend/statistics.py).
    resample_share: float | None = RESAMPLE_SHARE

    def __repr__(self) -> str:  # never print the password
        return f"Neo4jConnection(uri={self.uri!r}, username={self.username!r}, database={self.database!r})"


@dataclass(frozen=True)
class StoreConfig:
    """Which store to open: Neo4j when ``neo4j`` is set, else the embedded store at ``path``.

    path
        The embedded store's file; ``None`` (or ``":memory:"``) keeps it in memory only.
    connect_timeout
        Seconds to wait for Neo4j before :class:`~netgraph.errors.StoreUnavailable`.
    query_timeout
        Seconds Neo4j may spend on one transaction before stopping it (None: no limit,
        as for the CLI, where an import or a report on 100k people may take minutes).
    audit_key
        The secret new audit events are keyed with (None: unkeyed); never printed.
    freeze_graph
        The embedded store keeps a large graph out of Python's cycle collector
        (:class:`~netgraph.store.embedded.store.EmbeddedStore`); ``netgraph serve`` and the CLI ask for it.
    """

    path: Path | None = None
    neo4j: Neo4jConnection | None = None
    connect_timeout: float = CONNECT_TIMEOUT
    query_timeout: float | None = None
    audit_key: bytes | None = field(default=None, repr=False)
    freeze_graph: bool = False


def open_store(config: StoreConfig) -> Store:
    """The store ``config`` names (a Neo4j store connects lazily, on first use)."""
    if config.neo4j is not None:
        from netgraph.store.neo4j_backend import Neo4jStore

        c = config.neo4j
        return Neo4jStore(
            c.uri,
            c.username,
            c.password,
            c.database,
            timeout=config.connect_timeout,
            query_timeout=config.query_timeout,
            audit_key=config.audit_key,
            resample_share=c.resample_share,
        )
    path = config.path
    return EmbeddedStore(
        None if path is None or str(path) == ":memory:" else path,
        audit_key=config.audit_key,
        freeze_graph=config.freeze_graph,
    )
