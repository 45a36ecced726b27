"""The Persistence port on Neo4j: batched ``UNWIND`` writes in one transaction, exports, counts, schema."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Self, cast

import neo4j

from netgraph.model.audit import AuditEntry, timestamp
from netgraph.model.records import Document, Record, RecordKey, Removals
from netgraph.model.sync_state import SyncState
from netgraph.model.validate import record_key
from netgraph.model.vocabulary import IN_FLIGHT_STATUSES, NODE_LABELS, RELATIONSHIP_TYPES, SECTIONS
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.driver import BATCH_SIZE, SCHEMA_INDEX_WAIT_S, Neo4jDriver
from netgraph.store.neo4j_backend.records import export_record, new_defaults, parameter_row
from netgraph.store.neo4j_backend.statistics import changed_share, outdated, resampled
from netgraph.store.neo4j_backend.sync_rows import read_sync_state
from netgraph.store.neo4j_backend.trail import append_event
from netgraph.store.ports import LiveLinks, Progress, Stats, touches_network

#: Seconds refresh_statistics waits for Neo4j's background sampling to finish.
RESAMPLE_WAIT = 30.0

#: What a write may remove, and the statement that removes it.
_REMOVE = {
    "knows": "lifecycle/remove_knows",
    "successors": "lifecycle/remove_successors",
    "holds": "lifecycle/remove_holds",
    "positions": "lifecycle/remove_positions",
    "org_units": "lifecycle/remove_org_units",
}

_SECOND_PASS = {"org_units": "import/set_org_unit_parents", "positions": "import/set_position_reports_to"}


class Neo4jPersistence(Neo4jDriver):
    """The :class:`~netgraph.store.ports.Persistence` port."""

    #: Neo4j plans each statement on its first run (about a second for the large ones)
    needs_warm_up = True

    def describe(self) -> str:
        return f"Neo4j at {self.uri} (database {self.database})"

    def init_schema(self) -> None:
        """Constraints and indexes, online before this returns (up to ``SCHEMA_INDEX_WAIT_S``: after an upgrade
        that adds an index to a large store, it is built here rather than at the first write); and a database
        made before the audit trail existed begins one."""
        self._apply_schema(SCHEMA_INDEX_WAIT_S)

    @contextmanager
    def transaction(self) -> Iterator[Self]:
        """Nothing to hold: each write is one Neo4j transaction, and its checks read committed data."""
        yield self

    def existing_keys(self, section: str, keys: list[RecordKey]) -> set[RecordKey]:
        if not keys or not self._query("import/stored_counts")[0][section]:
            return set()  # none of the section is stored (a first import): nothing to look up
        found: set[Any] = set()
        for start in range(0, len(keys), BATCH_SIZE):
            batch = [list(k) if isinstance(k, tuple) else k for k in keys[start : start + BATCH_SIZE]]
            for record in self._query(f"import/existing_{section}", keys=batch):
                key = record["key"]
                found.add(tuple(key) if isinstance(key, list) else key)
        return found

    def stored_records(self, section: str, keys: list[RecordKey]) -> dict[RecordKey, Record]:
        if not keys or not self._query("import/stored_counts")[0][section]:
            return {}  # none of the section is stored (a first import): nothing to read
        if section == "knows":  # a pair is unordered: a < b
            keys = [(min(k), max(k)) for k in keys]
        found: dict[Any, dict[str, Any]] = {}
        for start in range(0, len(keys), BATCH_SIZE):
            batch = [list(k) if isinstance(k, tuple) else k for k in keys[start : start + BATCH_SIZE]]
            for row in self._query(f"import/stored_{section}", keys=batch):
                record = export_record(section, dict(row))
                found[record_key(section, record)] = record
        return cast(dict[RecordKey, Record], found)

    def parent_links(self, section: str) -> dict[str, str]:
        name = {"org_units": "import/org_unit_parents", "positions": "import/position_reports_to"}[section]
        return {r["child"]: r["parent"] for r in self._query(name)}

    def ancestor_links(self, section: str, ids: list[str]) -> dict[str, str]:
        name = {"org_units": "import/org_unit_ancestors", "positions": "import/position_ancestors"}[section]
        return {r["child"]: r["parent"] for r in self._query(name, ids=list(ids))}

    def departed(self, ids: list[str]) -> set[str]:
        return {r["id"] for r in self._query("import/departed_people", ids=list(ids))}

    def write(
        self,
        dataset: Document,
        *,
        remove: Removals | None = None,
        audit: AuditEntry | None = None,
        progress: Progress | None = None,
    ) -> None:
        self._ensure_schema()  # once per store: a web write should not wait on schema locks
        sections = cast(Mapping[str, list[Any]], dataset)
        plan = [(section, [parameter_row(section, r) for r in sections.get(section) or []]) for section in SECTIONS]
        removals = [
            (_REMOVE[section], [list(k) if isinstance(k, tuple) else k for k in keys])
            for section, keys in cast(Mapping[str, list[Any]], remove or {}).items()
            if keys
        ]
        before = self._graph_counts() if self.resample_share is not None else None

        def work(tx: neo4j.ManagedTransaction) -> None:
            for section, rows in plan:
                run_batches(tx, f"import/{section}", rows, section, progress)
                if section in _SECOND_PASS:  # for the records that carry a parent (or say it has none)
                    field = "parent" if section == "org_units" else "reports_to"
                    run_batches(tx, _SECOND_PASS[section], [r for r in rows if field in r], None, None)
            for name, keys in removals:
                run_batches(tx, name, keys, None, None)
            tx.run(statement("import/delete_orphan_skills")).consume()
            if changes_network:
                tx.run(statement("insights/mark_network_changed"), at=timestamp()).consume()
            if audit is not None:
                append_event(tx, audit, self.audit_key)

        changes_network = touches_network(dataset, remove)
        self._transaction(work, write=True)
        if before is not None and self.resample_share is not None:
            if changed_share(before, self._graph_counts(), least=self.resample_least) > self.resample_share:
                self.refresh_statistics()

    def export(self) -> Document:
        doc = {}
        for section in SECTIONS:
            doc[section] = [export_record(section, dict(r)) for r in self._query(f"export/{section}")]
        return cast(Document, doc)

    def sync_state(self) -> SyncState:
        """Four streamed reads in one transaction: each row is folded into its tuple as it arrives."""
        return self._transaction(read_sync_state, write=False)

    def live_links(self, people: list[str]) -> LiveLinks:
        mentorships: list[Any] = []
        introductions: list[Any] = []
        for start in range(0, len(people), BATCH_SIZE):
            ids = people[start : start + BATCH_SIZE]
            mentorships += [
                export_record("mentorships", dict(r)) for r in self._query("sync/live_mentorships", ids=ids)
            ]
            introductions += [
                export_record("introductions", dict(r))
                for r in self._query("sync/live_introductions", ids=ids, statuses=list(IN_FLIGHT_STATUSES))
            ]
        # a link of two leavers in two batches comes back twice
        unique_mentorships = {(m["mentor"], m["mentee"]): m for m in mentorships}
        unique_introductions = {i["id"]: i for i in introductions}
        return {
            "mentorships": [unique_mentorships[k] for k in sorted(unique_mentorships)],
            "introductions": [unique_introductions[k] for k in sorted(unique_introductions)],
        }

    def stats(self) -> Stats:
        (row,) = self._query("admin/stats")
        return {
            "nodes": {label: row[label] for label in NODE_LABELS},
            "relationships": {rel: row[rel] for rel in RELATIONSHIP_TYPES},
            "audit": {"events": row["audit_events"]},
        }

    def clear(self) -> None:
        with self._errors(), self.driver.session(database=self.database) as session:
            session.run(statement("admin/delete_everything")).consume()

    def close(self) -> None:
        self.driver.close()

    def _graph_counts(self) -> dict[str, int]:
        """Nodes per label and links per type (from the count store: no scan), the audit trail left out."""
        figures = self.stats()
        return {**figures["nodes"], **figures["relationships"]}

    def refresh_statistics(self, wait: float = RESAMPLE_WAIT) -> None:
        """Have Neo4j sample its outdated indexes again, wait (up to ``wait`` s) until it has, and drop
        every cached plan, so that each statement is planned again on today's figures.

        Run after a write that changed a large share of a label (an import into an emptied
        database, a large sync); see netgraph/store/neo4j_backend/statistics.py for why.
        """
        was = outdated(self._query("admin/index_samples"))
        self._query("admin/resample_outdated_indexes", write=True)
        deadline = time.monotonic() + wait
        while was and not resampled(was, self._query("admin/index_samples")) and time.monotonic() < deadline:
            time.sleep(0.1)
        self._query("admin/clear_query_caches", write=True)


def run_batches(
    tx: neo4j.ManagedTransaction, name: str, rows: list[Any], section: str | None, progress: Progress | None
) -> None:
    text = statement(name)
    extra = {"defaults": new_defaults(section)} if section else {}  # the import/<section> statements
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        if name == "import/knows":
            write_knows(tx, batch)
        else:
            tx.run(text, rows=batch, **extra).consume()
        if progress and section:
            progress(section, min(start + BATCH_SIZE, len(rows)), len(rows))


def write_knows(tx: neo4j.ManagedTransaction, batch: list[dict[str, Any]]) -> None:
    """One batch of links: import/knows, with a retired tie (KNEW) made a KNOWS again before it and
    a link left retired made KNEW after it, each only when the batch may need it.

    Whether any KNEW is stored is asked per batch (the count store answers): an earlier
    batch may have retired a link. Without one, only a row that gives ``retired_on``
    itself can leave a link retired."""
    retired_stored = tx.run(statement("import/any_retired")).single(strict=True)["any"]
    if retired_stored:
        tx.run(statement("import/knows_revive"), rows=batch).consume()
    tx.run(statement("import/knows"), rows=batch).consume()
    if retired_stored or any(row["props"].get("retired_on") is not None for row in batch):
        tx.run(statement("import/knows_retire"), rows=batch).consume()
