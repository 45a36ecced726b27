"""The Outbox port of the embedded store: the messages netgraph sends."""

from __future__ import annotations

from netgraph.model.audit import AuditEntry
from netgraph.model.mail import Message
from netgraph.store.embedded.state import EmbeddedState


class EmbeddedOutbox(EmbeddedState):
    """The :class:`~netgraph.store.ports.Outbox` port."""

    def queue_messages(self, messages: list[Message], audit: AuditEntry) -> int:
        with self._mirror.transaction():
            added = self._outbox.queue(messages)
            if added:
                self._audit.append(audit)
        return added

    def outbox_messages(self, person: str | None = None) -> list[Message]:
        return self._outbox.all(person)

    def due_messages(self, now: str, limit: int) -> list[Message]:
        return self._outbox.due(now, limit)

    def update_message(self, message: Message, audit: AuditEntry) -> None:
        with self._mirror.transaction():
            if self._outbox.update(message):
                self._audit.append(audit)
