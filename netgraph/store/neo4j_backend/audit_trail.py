"""The AuditTrail port on Neo4j: events sealed and appended inside the write's transaction (``cypher/audit``)."""

from __future__ import annotations

import json
import secrets

import neo4j

from netgraph.model.audit import AuditEntry, AuditEvent, timestamp
from netgraph.model.insights import cut_figures, without_person
from netgraph.model.match_rounds import names_person
from netgraph.model.match_rounds import without_person as round_without_person
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.driver import Neo4jDriver
from netgraph.store.neo4j_backend.outbox import forget_in_outbox
from netgraph.store.neo4j_backend.trail import append_event
from netgraph.store.ports import AuditAnchor


class Neo4jAuditTrail(Neo4jDriver):
    """The :class:`~netgraph.store.ports.AuditTrail` port."""

    def append_audit(self, entry: AuditEntry) -> AuditEvent:
        return self._transaction(lambda tx: append_event(tx, entry, self.audit_key), write=True)

    def audit_events(self, since: str | None = None) -> list[AuditEvent]:
        return [json.loads(r["event"]) for r in self._query("audit/events", since=since)]

    def audit_anchor(self) -> AuditAnchor | None:
        rows = self._query("audit/anchor")
        return {"head": rows[0]["head"], "count": rows[0]["count"]} if rows else None

    def replace_audit_events(self, events: list[AuditEvent]) -> None:
        rows = [{"seq": e["seq"], "event": json.dumps(e, ensure_ascii=False)} for e in events]
        self._query("audit/replace", write=True, rows=rows)

    def erasure_key(self) -> str:
        key: str = self._query("audit/erasure_key", write=True, new=secrets.token_hex(32))[0]["key"]
        return key

    def tombstones(self) -> set[str]:
        return {r["hash"] for r in self._query("audit/tombstones")}

    def erase_person(self, person: str, *, tombstones: list[str], audit: AuditEntry) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(statement("audit/erase_person"), person=person).consume()
            tx.run(statement("ties/purge"), people=[person]).consume()
            tx.run(statement("insights/forget_people"), people=[person]).consume()
            quoted = json.dumps(person, ensure_ascii=False)
            naming = list(tx.run(statement("insights/rows_naming"), text=quoted))
            scrubbed = []
            for r in naming:
                row = without_person(json.loads(r["row"]), person)
                scrubbed.append(
                    [
                        r["node"],
                        json.dumps(row, ensure_ascii=False),
                        *(cut_figures(row) or (None, None, None)),
                        bool(row.get("exposure", {}).get("exposed", True)),
                    ]
                )
            tx.run(statement("insights/replace_rows"), rows=scrubbed).consume()
            tx.run(statement("insights/mark_network_changed"), at=timestamp()).consume()
            _forget_in_rounds(tx, person)
            forget_in_outbox(tx, person)
            tx.run(statement("audit/add_tombstones"), rows=tombstones).consume()
            append_event(tx, audit, self.audit_key)

        self._transaction(work, write=True)

    def scrub(self) -> None:
        """Nothing the driver can do: the transaction logs keep old values until rotated (docs/audit.md, "Erasure")."""


def _forget_in_rounds(tx: neo4j.ManagedTransaction, person: str) -> None:
    """Erasure: take ``person`` out of every stored round that names them, in ``tx``."""
    quoted = json.dumps(person, ensure_ascii=False)
    rows: list[list[str]] = []
    for r in tx.run(statement("matching/rounds_naming"), text=quoted):
        stored = json.loads(r["round"])
        if names_person(stored, person):
            rows.append([r["id"], json.dumps(round_without_person(stored, person), ensure_ascii=False)])
    tx.run(statement("matching/replace_rounds"), rows=rows).consume()
    tx.run(statement("matching/forget_proposals"), person=person).consume()
