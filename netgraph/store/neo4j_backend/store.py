"""The Neo4j store: the graph lives in a Neo4j 5 database, reached over Bolt.

Design rules (each one a lesson of running graph workloads in production):

* One driver per store object (one per process in the CLI and web app);
  every session names its database so the driver saves a round trip.
* Managed transactions (``execute_read``, ``execute_write``): transient
  failures are retried, never half-applied.
* Fail fast: short connection and retry timeouts, and every driver error
  that means "the database is not there" becomes
  :class:`~netgraph.errors.StoreUnavailable`, which the CLI and web app turn
  into a clear message or a 503.
* All Cypher comes from ``cypher/*.cypher`` by name, with parameters only.
  Bulk writes are ``UNWIND $rows`` batches that MATCH/MERGE on constrained
  ids, all inside one write transaction, so an import is all or nothing.

The store is composed of one class per port, each in its own module, so that
this package reads like :mod:`netgraph.store.ports`: ``persistence``,
``lookups``, ``network_queries``, ``succession_queries``,
``programme_queries``, ``matching_queries``, ``match_rounds``,
``audit_trail``, ``tie_evidence`` and ``insight_queries``, all running their
statements through :class:`~netgraph.store.neo4j_backend.driver.Neo4jDriver`.
"""

from __future__ import annotations

from netgraph.store.neo4j_backend.audit_trail import Neo4jAuditTrail
from netgraph.store.neo4j_backend.driver import BATCH_SIZE, RESAMPLE_LEAST, RESAMPLE_SHARE
from netgraph.store.neo4j_backend.insight_queries import Neo4jInsightQueries
from netgraph.store.neo4j_backend.lookups import Neo4jLookups
from netgraph.store.neo4j_backend.match_rounds import Neo4jMatchRounds
from netgraph.store.neo4j_backend.matching_queries import Neo4jMatchingQueries
from netgraph.store.neo4j_backend.network_queries import Neo4jNetworkQueries
from netgraph.store.neo4j_backend.outbox import Neo4jOutbox
from netgraph.store.neo4j_backend.persistence import RESAMPLE_WAIT, Neo4jPersistence
from netgraph.store.neo4j_backend.programme_queries import Neo4jProgrammeQueries
from netgraph.store.neo4j_backend.succession_queries import Neo4jSuccessionQueries
from netgraph.store.neo4j_backend.tie_evidence import EVIDENCE_BATCH, Neo4jTieEvidence

__all__ = [
    "Neo4jStore",
    "BATCH_SIZE",
    "EVIDENCE_BATCH",
    "RESAMPLE_LEAST",
    "RESAMPLE_SHARE",
    "RESAMPLE_WAIT",
]


class Neo4jStore(
    Neo4jPersistence,
    Neo4jLookups,
    Neo4jNetworkQueries,
    Neo4jSuccessionQueries,
    Neo4jProgrammeQueries,
    Neo4jMatchingQueries,
    Neo4jMatchRounds,
    Neo4jOutbox,
    Neo4jAuditTrail,
    Neo4jTieEvidence,
    Neo4jInsightQueries,
):
    """A whole Neo4j backend: every port of :class:`netgraph.store.ports.Store`, over one driver."""
