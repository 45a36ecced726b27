"""The Persistence port of the embedded store: writes through the mirror, exports and counts from the graph."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self, cast

from netgraph.model.audit import AuditEntry, timestamp
from netgraph.model.records import Document, Record, RecordKey, Removals
from netgraph.model.sync_state import SyncState
from netgraph.model.vocabulary import NODE_LABELS, RELATIONSHIP_TYPES
from netgraph.store.embedded import sync_rows
from netgraph.store.embedded.adjacency import node_attrs, out_links
from netgraph.store.embedded.records import (
    LINK_SECTIONS,
    NODE_SECTIONS,
    PARENT,
    export_graph,
    stored_records,
    write_document,
)
from netgraph.store.embedded.state import EmbeddedState
from netgraph.store.ports import LiveLinks, Progress, Stats, touches_network


class EmbeddedPersistence(EmbeddedState):
    """The :class:`~netgraph.store.ports.Persistence` port."""

    #: nothing to plan: queries are Python functions over the graph
    needs_warm_up = False

    def describe(self) -> str:
        return f"embedded store at {self.path}" if self.path else "embedded store in memory"

    def init_schema(self) -> None:
        """Nothing to do: uniqueness is the graph's node keys (and the tables' primary keys)."""

    @contextmanager
    def transaction(self) -> Iterator[Self]:
        """Everything inside reads the last committed state and commits (or not) as one write.

        Holds the store's write lock: other writers, in any process, wait;
        readers do not. Re-entrant; ``write`` outside one makes its own.
        """
        with self._mirror.transaction():
            yield self

    def existing_keys(self, section: str, keys: list[RecordKey]) -> set[RecordKey]:
        with self._reading() as graph:
            if section in NODE_SECTIONS:
                label = NODE_SECTIONS[section]
                return {k for k in keys if (label, k) in graph}
            rel, src, _, dst, _ = LINK_SECTIONS[section]
            found: set[RecordKey] = set()
            for key in keys:
                u, v = (src, key[0]), (dst, key[1])
                if graph.has_edge(u, v, rel) or (rel == "KNOWS" and graph.has_edge(v, u, rel)):
                    found.add((key[0], key[1]))
            return found

    def stored_records(self, section: str, keys: list[RecordKey]) -> dict[RecordKey, Record]:
        with self._reading() as graph:
            return cast(dict[RecordKey, Record], stored_records(graph, section, keys))

    def parent_links(self, section: str) -> dict[str, str]:
        label, rel = PARENT[section]
        with self._reading() as graph:  # the label's nodes, not every edge: a tenth of the work at 100k people
            succ = out_links(graph)
            return {
                node[1]: other[1]
                for node in node_attrs(graph)
                if node[0] == label
                for other, keyed in succ[node].items()
                if rel in keyed
            }

    def ancestor_links(self, section: str, ids: list[str]) -> dict[str, str]:
        label, rel = PARENT[section]
        with self._reading() as graph:
            succ = out_links(graph)
            found: dict[str, str] = {}
            for start in ids:
                node = (label, start)
                while node in succ and node[1] not in found:
                    parent = next((other for other, keyed in succ[node].items() if rel in keyed), None)
                    if parent is None:
                        break
                    found[node[1]] = parent[1]
                    node = parent
            return found

    def departed(self, ids: list[str]) -> set[str]:
        with self._reading() as graph:
            nodes = node_attrs(graph)
            return {i for i in ids if nodes.get(("Person", i), {}).get("status") == "left"}

    def write(
        self,
        dataset: Document,
        *,
        remove: Removals | None = None,
        audit: AuditEntry | None = None,
        progress: Progress | None = None,
    ) -> None:
        """Merge a validated, normalized document, remove ``remove``, and record ``audit``, as one
        transaction (or within the current one)."""
        with self._mirror.transaction():
            self._mirror.write(lambda edit: write_document(edit, dataset, progress, remove))
            if touches_network(dataset, remove):
                self._insights.mark_changed(timestamp())
            if audit is not None:
                self._audit.append(audit)

    def export(self) -> Document:
        with self._reading():
            return cast(Document, export_graph(self.graph))

    def sync_state(self) -> SyncState:
        with self._reading() as graph:
            return sync_rows.sync_state(graph)

    def live_links(self, people: list[str]) -> LiveLinks:
        with self._reading() as graph:
            return sync_rows.live_links(graph, people)

    def stats(self) -> Stats:
        with self._reading():
            nodes = dict.fromkeys(NODE_LABELS, 0)
            for label, _ in self.graph.nodes:
                nodes[label] += 1
            rels = dict.fromkeys(RELATIONSHIP_TYPES, 0)
            for _, _, rel in self.graph.edges(keys=True):
                rels[rel] += 1
        return {"nodes": nodes, "relationships": rels, "audit": {"events": self._audit.count()}}

    def clear(self) -> None:
        """Delete everything: the graph, its audit trail and tombstones."""
        with self._mirror.transaction():
            self._mirror.clear()
            self._mirror.in_transaction(lambda conn: self._audit.clear(None) if conn is None else None)
            self._evidence.clear()
            self._insights.clear()
            self._rounds.clear()
            self._outbox.clear()

    def close(self) -> None:
        """Close the file's connections (the last one out folds the WAL into the file and removes it).

        The store stays usable: it opens them again when next used.
        """
        self._mirror.close()
