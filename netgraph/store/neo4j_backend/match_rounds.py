"""The MatchRounds port on Neo4j: stored mentoring rounds (``cypher/matching``)."""

from __future__ import annotations

import json
from typing import Any

import neo4j

from netgraph.model.audit import AuditEntry
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.driver import Neo4jDriver
from netgraph.store.neo4j_backend.trail import append_event


class Neo4jMatchRounds(Neo4jDriver):
    """The :class:`~netgraph.store.ports.MatchRounds` port."""

    def save_match_round(self, match_round: dict[str, Any], audit: AuditEntry) -> None:
        text = json.dumps(match_round, ensure_ascii=False)

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(statement("matching/save_round"), id=match_round["id"], round=text).consume()
            append_event(tx, audit, self.audit_key)

        self._transaction(work, write=True)

    def match_round(self, round_id: str) -> dict[str, Any] | None:
        found = self._query("matching/round", id=round_id)
        stored: dict[str, Any] | None = json.loads(found[0]["round"]) if found else None
        return stored

    def match_rounds(self) -> list[dict[str, Any]]:
        stored: list[dict[str, Any]] = [json.loads(r["round"]) for r in self._query("matching/rounds")]
        return stored
