"""The AuditTrail port of the embedded store (the trail itself is ``audit_log.py``)."""

from __future__ import annotations

from netgraph.model.audit import AuditEntry, AuditEvent, timestamp
from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.embedded.database import forget_keys as database_forget
from netgraph.store.embedded.edits import Edit
from netgraph.store.embedded.state import EmbeddedState
from netgraph.store.ports import AuditAnchor


class EmbeddedAuditTrail(EmbeddedState):
    """The :class:`~netgraph.store.ports.AuditTrail` port."""

    def append_audit(self, entry: AuditEntry) -> AuditEvent:
        return self._audit.append(entry)

    def audit_events(self, since: str | None = None) -> list[AuditEvent]:
        return self._audit.events(since)

    def audit_anchor(self) -> AuditAnchor | None:
        return self._audit.anchor()

    def replace_audit_events(self, events: list[AuditEvent]) -> None:
        self._audit.replace(events)

    def erasure_key(self) -> str:
        return self._audit.erasure_key()

    def tombstones(self) -> set[str]:
        return self._audit.tombstones()

    def erase_person(self, person: str, *, tombstones: list[str], audit: AuditEntry) -> None:
        """Remove the person, every link and introduction naming them, and their skills and goals
        (skills nobody else has go too); keep the tombstones; record ``audit``; all in one transaction."""
        node = ("Person", person)

        def change(edit: Edit) -> None:
            graph = edit.graph
            if node not in node_attrs(graph):
                return
            for intro in [
                i for i in list(in_links(graph)[node]) + list(out_links(graph)[node]) if i[0] == "Introduction"
            ]:
                edit.remove_node(intro)
            skills = [s for s in out_links(graph)[node] if s[0] == "Skill"]
            edit.remove_node(node)
            for skill in skills:
                if not in_links(graph)[skill] and not out_links(graph)[skill]:
                    edit.remove_node(skill)

        with self._mirror.transaction():
            self._mirror.write(change)
            self._audit.add_tombstones(tombstones)
            self._audit.append(audit)
            self._mirror.in_transaction(lambda conn: database_forget(conn, [person]) if conn is not None else None)
            self._evidence.purge([person])
            self._insights.forget([person])
            self._insights.mark_changed(timestamp())
            self._rounds.forget([person])
            self._outbox.forget([person])

    def scrub(self) -> None:
        """Leave no erased value in the file's free pages or write-ahead log."""
        self._audit.scrub()
