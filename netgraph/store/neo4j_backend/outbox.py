"""The Outbox port on Neo4j: the messages netgraph sends (``cypher/mail``), one node each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import neo4j

from netgraph.model.audit import AuditEntry
from netgraph.model.mail import MESSAGE_FIELDS, Message, redacted
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.driver import Neo4jDriver
from netgraph.store.neo4j_backend.trail import append_event


def _row(message: Message) -> dict[str, Any]:
    """A message as node properties: every field (an empty one is left out by Neo4j, and read back as None)."""
    return {field: message.get(field) for field in MESSAGE_FIELDS}


def _message(found: Mapping[str, Any]) -> Message:
    """A message node's properties as the message stored (an empty field comes back as None)."""
    message = {field: found.get(field) for field in MESSAGE_FIELDS}
    message["about"] = list(message["about"] or [])
    return cast(Message, message)


class Neo4jOutbox(Neo4jDriver):
    """The :class:`~netgraph.store.ports.Outbox` port."""

    def queue_messages(self, messages: list[Message], audit: AuditEntry) -> int:
        rows = [_row(m) for m in messages]

        def work(tx: neo4j.ManagedTransaction) -> int:
            added: int = tx.run(statement("mail/queue"), rows=rows).single(strict=True)["added"]
            if added:
                append_event(tx, audit, self.audit_key)
            return added

        return self._transaction(work, write=True)

    def outbox_messages(self, person: str | None = None) -> list[Message]:
        found = self._query("mail/messages") if person is None else self._query("mail/messages_to", person=person)
        return [_message(r["message"]) for r in found]

    def due_messages(self, now: str, limit: int) -> list[Message]:
        return [_message(r["message"]) for r in self._query("mail/due", now=now, limit=limit)]

    def update_message(self, message: Message, audit: AuditEntry) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            if tx.run(statement("mail/update"), row=_row(message)).single(strict=True)["updated"]:
                append_event(tx, audit, self.audit_key)

        self._transaction(work, write=True)


def forget_in_outbox(tx: neo4j.ManagedTransaction, person: str) -> None:
    """Erasure, in ``tx``: delete the messages not sent that name ``person``; redact the sent ones."""
    naming = [_message(r["message"]) for r in tx.run(statement("mail/naming"), person=person)]
    deleted = [m["id"] for m in naming if m["state"] != "sent"]
    kept = [_row(redacted(m, person)) for m in naming if m["state"] == "sent"]
    tx.run(statement("mail/forget"), deleted=deleted, redacted=kept).consume()
