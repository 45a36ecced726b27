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
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from netgraph.errors import NetgraphError, StoreTimeout, StoreUnavailable
from netgraph.model.audit import GENESIS, seal, started_entry, timestamp
from netgraph.model.insights import cut_figures, without_person
from netgraph.model.match_rounds import names_person
from netgraph.model.match_rounds import without_person as round_without_person
from netgraph.model.rules import FLOOR_MARGIN, INTRODUCER, PipelineWeights, RecommendSettings
from netgraph.model.validate import DEFAULTS, record_key, with_defaults
from netgraph.model.vocabulary import (
    FIELDS,
    KEPT_WHEN_ABSENT,
    NODE_LABELS,
    OPEN_INTRODUCTION_STATUSES,
    RELATIONSHIP_TYPES,
    SECTIONS,
)
from netgraph.store import CONNECT_TIMEOUT, org_chart_cards, rollup
from netgraph.store import RESAMPLE_SHARE as DEFAULT_RESAMPLE_SHARE
from netgraph.store.neo4j_backend.cypher import statement, statements
from netgraph.store.neo4j_backend.evidence import chunked, packed, unpacked
from netgraph.store.neo4j_backend.statistics import changed_share, outdated, resampled
from netgraph.store.ports import (
    INSIGHT_RANK,
    AuditAnchor,
    Contact,
    ContactNetwork,
    Coverage,
    CoverSeat,
    EvidenceRow,
    Held,
    MatchingData,
    MatchingMentorship,
    MenteeLoss,
    MentorLoad,
    Mentorship,
    NamedPerson,
    Neighbourhood,
    NeighbourhoodLink,
    NeighbourhoodPerson,
    Nomination,
    OrgChart,
    PipelineRow,
    PipelineSuggestion,
    PositionDependents,
    PositionRow,
    Progress,
    RecommendationInputs,
    Roles,
    SearchHit,
    SignalPerson,
    SkillPath,
    Stats,
    UnitHit,
    WarmPath,
    touches_network,
)

#: Rows per UNWIND statement. Large enough to amortize the round trip,
#: small enough to keep each statement's parameter map modest.
BATCH_SIZE = 5_000
#: Counts of tie evidence per transaction (packed per pair, see evidence.py): millions on a first load.
EVIDENCE_BATCH = 20_000
#: LIMIT of a statement asked for everything (Cypher has no LIMIT null).
_NO_LIMIT = 2**62
#: A write that changes more than this share of a label's nodes or of a link type's links (counted
#: before it) has Neo4j sample its outdated indexes and drop its cached plans (refresh_statistics).
RESAMPLE_SHARE = DEFAULT_RESAMPLE_SHARE
#: ...unless it changes no count by more than this many: plans over a small graph are cheap whatever they are.
RESAMPLE_LEAST = 1_000
#: Seconds refresh_statistics waits for Neo4j's background sampling to finish.
RESAMPLE_WAIT = 30.0

_PROPS = {  # the fields stored as properties on the node or relationship
    "org_units": ("id", "name", "source"),
    "people": (
        "id",
        "name",
        "preferred_name",
        "email",
        "title",
        "level",
        "location",
        "joined_on",
        "status",
        "left_on",
        "source",
        "open_to_intros",
        "open_to_mentoring",
        "signals_opt_out",
        "flight_risk",
    ),
    "positions": ("id", "title", "level", "critical"),
    "knows": (
        "since",
        "strength",
        "context",
        "sources",
        "declared_strength",
        "evidence_strength",
        "org_chart_strength",
        "first_seen",
        "last_seen",
        "retired_on",
    ),
    "mentorships": ("since", "until", "status", "kind", "focus"),
    "successors": ("readiness", "nominated_on"),
    "introductions": (
        "id",
        "status",
        "closed_reason",
        "created_on",
        "made_on",
        "accepted_on",
        "met_on",
        "declined_on",
        "closed_on",
        "note",
        "outcome",
    ),
}
#: What a write may remove, and the statement that removes it.
_REMOVE = {
    "knows": "lifecycle/remove_knows",
    "successors": "lifecycle/remove_successors",
    "holds": "lifecycle/remove_holds",
    "positions": "lifecycle/remove_positions",
    "org_units": "lifecycle/remove_org_units",
}
_SECOND_PASS = {"org_units": "import/set_org_unit_parents", "positions": "import/set_position_reports_to"}

T = TypeVar("T")


class Neo4jStore:
    #: Neo4j plans each statement on its first run (about a second for the large ones)
    needs_warm_up = True

    def __init__(
        self,
        uri: str,
        user: str | None = None,
        password: str | None = None,
        database: str = "neo4j",
        *,
        timeout: float = CONNECT_TIMEOUT,
        query_timeout: float | None = None,
        audit_key: bytes | None = None,
        resample_share: float | None = RESAMPLE_SHARE,
        resample_least: int = RESAMPLE_LEAST,
    ):
        self.uri, self.database = uri, database
        #: new audit events are keyed with it (HMAC-SHA256) when set
        self.audit_key = audit_key
        #: The share of a label or link type a write must change to refresh the statistics (None: never).
        self.resample_share = resample_share
        #: ...and the rows it must change at least (RESAMPLE_LEAST; tests lower it to write small documents).
        self.resample_least = resample_least
        #: Seconds the server lets one query run before stopping it (None: no limit, as for
        #: the CLI, where an import or a report on 100k people may legitimately take minutes).
        self.query_timeout = query_timeout
        self._schema_applied = False
        auth = (user or "neo4j", password) if (user or password) else None
        try:
            self.driver = GraphDatabase.driver(
                uri,
                auth=auth,  # type: ignore[arg-type]  # the driver's Auth takes a None password; its tuple hint does not
                connection_timeout=timeout,
                connection_acquisition_timeout=timeout,
                max_transaction_retry_time=timeout,
                user_agent="netgraph",
                # planner notices ("unknown label" on an empty database...) are not for end users
                notifications_min_severity="OFF",
            )
        except (ValueError, DriverError) as exc:
            raise NetgraphError(f"invalid NEO4J_URI {uri!r}: {exc}") from exc

    # -- helpers ----------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except AuthError as exc:
            raise StoreUnavailable(
                f"Neo4j at {self.uri} refused the credentials (check NEO4J_USERNAME / NEO4J_PASSWORD): {exc.message}"
            ) from exc
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is not reachable: {exc}") from exc
        except Neo4jError as exc:
            limit = f" of {self.query_timeout:g} s" if self.query_timeout else ""
            if exc.code and "TransactionTimedOut" in exc.code:
                raise StoreTimeout(
                    f"Neo4j at {self.uri} stopped a query that ran over its time limit{limit}; "
                    "try again when the server is less busy"
                ) from exc
            if exc.code and exc.code.endswith((".LockClientStopped", ".Terminated")):
                # a query stopped while waiting for a lock, or by an operator or a shutdown
                raise StoreTimeout(
                    f"Neo4j at {self.uri} stopped a query (over its time limit{limit}, "
                    "or ended by the server); try again in a moment"
                ) from exc
            if not isinstance(exc, ClientError):
                raise
            if exc.code and "DatabaseNotFound" in exc.code:
                raise StoreUnavailable(f"Neo4j at {self.uri} has no database {self.database!r}") from exc
            raise

    def _query(self, name: str, write: bool = False, **params: Any) -> list[neo4j.Record]:
        """Run the named statement in a managed (retried) transaction, within ``query_timeout``.

        A short session per call rather than ``driver.execute_query``: that
        shares one bookmark manager across the process, which on a single
        server only adds work (a committed write is visible to the next read
        anyway), and under 20 concurrent web clients it measured slower.
        """
        text = statement(name)

        def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            return list(tx.run(text, params))

        return self._transaction(work, write)

    def _transaction(self, work: Callable[[neo4j.ManagedTransaction], T], write: bool) -> T:
        """``work(tx)`` in a managed transaction of its own session, within ``query_timeout``."""
        if self.query_timeout:
            work = neo4j.unit_of_work(timeout=self.query_timeout)(work)
        with self._errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(work) if write else session.execute_read(work)

    # -- the Store interface ------------------------------------------------------

    def describe(self) -> str:
        return f"Neo4j at {self.uri} (database {self.database})"

    @contextmanager
    def transaction(self) -> Iterator[Neo4jStore]:
        """Nothing to hold: each write is one Neo4j transaction, and its checks read committed data."""
        yield self

    def init_schema(self) -> None:
        """Constraints and indexes; and a database made before the audit trail existed begins one."""
        with self._errors():
            for text in statements("admin/schema"):
                self.driver.execute_query(text, database_=self.database)
        self._transaction(lambda tx: _start_trail(tx, self.audit_key), write=True)
        self._schema_applied = True

    def existing_keys(self, section: str, keys: list[Any]) -> set[Any]:
        if not keys or not self._query("import/stored_counts")[0][section]:
            return set()  # none of the section is stored (a first import): nothing to look up
        found: set[Any] = set()
        for start in range(0, len(keys), BATCH_SIZE):
            batch = [list(k) if isinstance(k, tuple) else k for k in keys[start : start + BATCH_SIZE]]
            for record in self._query(f"import/existing_{section}", keys=batch):
                key = record["key"]
                found.add(tuple(key) if isinstance(key, list) else key)
        return found

    def stored_records(self, section: str, keys: list[Any]) -> dict[Any, dict[str, Any]]:
        if not keys or not self._query("import/stored_counts")[0][section]:
            return {}  # none of the section is stored (a first import): nothing to read
        if section == "knows":  # a pair is unordered: a < b
            keys = [sorted(k) for k in keys]
        found: dict[Any, dict[str, Any]] = {}
        for start in range(0, len(keys), BATCH_SIZE):
            batch = [list(k) if isinstance(k, tuple) else k for k in keys[start : start + BATCH_SIZE]]
            for row in self._query(f"import/stored_{section}", keys=batch):
                record = _record(section, dict(row))
                found[record_key(section, record)] = record
        return found

    def parent_links(self, section: str) -> dict[str, str]:
        name = {"org_units": "import/org_unit_parents", "positions": "import/position_reports_to"}[section]
        return {r["child"]: r["parent"] for r in self._query(name)}

    def roles_of(self, person: str) -> Roles:
        rows = self._query("lifecycle/roles_of", person=person)
        if not rows:
            return {"holds": [], "nominations": []}
        return {
            "holds": cast(list[Held], [dict(h) for h in rows[0]["holds"]]),
            "nominations": cast(list[Nomination], [dict(n) for n in rows[0]["nominations"]]),
        }

    def position_dependents(self, position: str) -> PositionDependents | None:
        rows = self._query("lifecycle/position_dependents", position=position)
        if not rows:
            return None
        return cast(PositionDependents, {k: sorted(rows[0][k]) for k in ("holders", "successors", "reports")})

    # -- the audit trail and erasure ----------------------------------------------------------

    def append_audit(self, entry: dict[str, Any]) -> dict[str, Any]:
        return self._transaction(lambda tx: _append_audit(tx, entry, self.audit_key), write=True)

    def audit_events(self, since: str | None = None) -> list[dict[str, Any]]:
        return [json.loads(r["event"]) for r in self._query("audit/events", since=since)]

    def audit_anchor(self) -> AuditAnchor | None:
        rows = self._query("audit/anchor")
        return {"head": rows[0]["head"], "count": rows[0]["count"]} if rows else None

    def replace_audit_events(self, events: list[dict[str, Any]]) -> None:
        rows = [{"seq": e["seq"], "event": json.dumps(e, ensure_ascii=False)} for e in events]
        self._query("audit/replace", write=True, rows=rows)

    def erasure_key(self) -> str:
        key: str = self._query("audit/erasure_key", write=True, new=secrets.token_hex(32))[0]["key"]
        return key

    def tombstones(self) -> set[str]:
        return {r["hash"] for r in self._query("audit/tombstones")}

    def erase_person(self, person: str, *, tombstones: list[str], audit: dict[str, Any]) -> None:
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
                    [r["person"], json.dumps(row, ensure_ascii=False), *(cut_figures(row) or (None, None, None))]
                )
            tx.run(statement("insights/replace_rows"), rows=scrubbed).consume()
            tx.run(statement("insights/mark_network_changed"), at=timestamp()).consume()
            _forget_in_rounds(tx, person)
            tx.run(statement("audit/add_tombstones"), rows=tombstones).consume()
            _append_audit(tx, audit, self.audit_key)

        self._transaction(work, write=True)

    def scrub(self) -> None:
        """Nothing the driver can do: the transaction logs keep old values until rotated (docs/audit.md, "Erasure")."""

    # -- tie evidence (cypher/ties/) ------------------------------------------------------------

    def tie_batches(self) -> set[str]:
        return {r["batch"] for r in self._query("ties/batches")}

    def add_tie_evidence(
        self,
        batch: str,
        rows: Iterable[EvidenceRow],
        *,
        files: list[tuple[str, str]],
        events: Iterable[tuple[str, str]] = (),
    ) -> int:
        """Rows in transactions of EVIDENCE_BATCH (a first load holds millions), then the ledger entries.

        A pending marker is written first and removed with the ledger entries:
        the rows of any batch still pending (a run that was interrupted) are
        dropped before anything new is written, so until its ledger entries
        exist an input counts as not ingested, and nothing is counted twice.
        """
        if not self._schema_applied:
            self.init_schema()
        for pending in [r["batch"] for r in self._query("ties/pending")] + [batch]:
            while self._query("ties/drop_batch_rows", write=True, batch=pending)[0]["dropped"]:
                pass
            while self._query("ties/drop_batch_events", write=True, batch=pending)[0]["dropped"]:
                pass
        self._query("ties/mark_pending", write=True, batch=batch)
        written = 0
        for packs in packed(rows, counts_per_batch=EVIDENCE_BATCH):
            self._query("ties/add_evidence", write=True, batch=batch, packs=packs)
            written += sum(len(p["days"]) for p in packs)
        for chunk in chunked(({"hash": digest, "day": day} for digest, day in events), EVIDENCE_BATCH):
            self._query("ties/add_counted_events", write=True, batch=batch, events=chunk)
        self._query(
            "ties/record_batch",
            write=True,
            batch=batch,
            at=timestamp(),
            files=[{"name": name, "hash": digest} for name, digest in files],
        )
        return written

    def tie_evidence(self, pairs: list[tuple[str, str]] | None = None) -> Iterator[EvidenceRow]:
        if pairs is None:  # streamed from one read: tens of millions of rows must not sit in a list
            with (
                self._errors(),
                self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session,
            ):
                for record in session.run(statement("ties/evidence_all")):
                    yield from unpacked(record)
            return
        for start in range(0, len(pairs), BATCH_SIZE):
            chunk = [list(p) for p in pairs[start : start + BATCH_SIZE]]
            for record in self._query("ties/evidence_of_pairs", pairs=chunk):
                yield from unpacked(record)

    def tie_event_key(self) -> bytes:
        if not self._schema_applied:
            self.init_schema()
        return bytes.fromhex(self._query("ties/event_key", write=True, new=secrets.token_hex(32))[0]["key"])

    def counted_events(self) -> Iterator[str]:
        with (
            self._errors(),
            self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session,
        ):
            for record in session.run(statement("ties/counted_events")):
                yield record["hash"]

    def forget_counted_events(self, before: str) -> int:
        forgotten = 0
        while dropped := self._query("ties/forget_counted_events", write=True, before=before)[0]["dropped"]:
            forgotten += dropped
        return forgotten

    def purge_tie_evidence(self, people: list[str]) -> int:
        return int(self._query("ties/purge", write=True, people=list(people))[0]["dropped"] or 0)

    def note_removed_tie(self, a: str, b: str, on: str) -> None:
        self._query("ties/note_removed", write=True, a=min(a, b), b=max(a, b), on=on)

    def removed_ties(self) -> dict[tuple[str, str], str]:
        return {(r["a"], r["b"]): r["removed_on"] for r in self._query("ties/removed")}

    def knows_links(self, pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
        found = []
        for start in range(0, len(pairs), BATCH_SIZE):
            found += [
                _record("knows", dict(r))
                for r in self._query("ties/knows_links", pairs=[list(p) for p in pairs[start : start + BATCH_SIZE]])
            ]
        return found

    def signal_people(self) -> list[SignalPerson]:
        return cast(list[SignalPerson], [dict(r) for r in self._query("ties/signal_people")])

    def manager_pairs(self) -> list[tuple[str, str]]:
        return [(r["manager"], r["report"]) for r in self._query("ties/manager_pairs")]

    def links_with_source(self, source: str, people: list[str] | None = None) -> list[dict[str, Any]]:
        return [
            _record("knows", dict(r))
            for r in self._query("ties/with_source", source=source, people=None if people is None else list(people))
        ]

    def departed(self, ids: list[str]) -> set[str]:
        return {r["id"] for r in self._query("import/departed_people", ids=list(ids))}

    def write(
        self,
        dataset: dict[str, Any],
        *,
        remove: dict[str, list[Any]] | None = None,
        audit: dict[str, Any] | None = None,
        progress: Progress | None = None,
    ) -> None:
        if not self._schema_applied:  # once per store: a web write should not wait on schema locks
            self.init_schema()
        plan = [(section, [_row(section, r) for r in dataset.get(section) or []]) for section in SECTIONS]
        removals = [
            (_REMOVE[section], [list(k) if isinstance(k, tuple) else k for k in keys])
            for section, keys in (remove or {}).items()
            if keys
        ]
        before = self._graph_counts() if self.resample_share is not None else None

        def work(tx: neo4j.ManagedTransaction) -> None:
            for section, rows in plan:
                _run_batches(tx, f"import/{section}", rows, section, progress)
                if section in _SECOND_PASS:  # for the records that carry a parent (or say it has none)
                    field = "parent" if section == "org_units" else "reports_to"
                    _run_batches(tx, _SECOND_PASS[section], [r for r in rows if field in r], None, None)
            for name, keys in removals:
                _run_batches(tx, name, keys, None, None)
            tx.run(statement("import/delete_orphan_skills")).consume()
            if changes_network:
                tx.run(statement("insights/mark_network_changed"), at=timestamp()).consume()
            if audit is not None:
                _append_audit(tx, audit, self.audit_key)

        changes_network = touches_network(dataset, remove)
        self._transaction(work, write=True)
        if before is not None and self.resample_share is not None:
            if changed_share(before, self._graph_counts(), least=self.resample_least) > self.resample_share:
                self.refresh_statistics()

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

    def people(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        return {r["id"]: _record("people", dict(r)) for r in self._query("lookups/people_by_id", ids=list(ids))}

    def skill_names(self) -> list[str]:
        return [r["name"] for r in self._query("lookups/skill_names")]

    def recommendation_inputs(
        self, person: str, *, via: str, skill: str | None, since: str, settings: RecommendSettings, limit: int
    ) -> RecommendationInputs | None:
        w = settings.normalized_weights()
        found = self._query(
            "network/recommendation_inputs",
            person=person,
            ask={"via": via, "skill": skill},
            since=since,
            w={name: w[name] for name in INTRODUCER},
            mentor_strength=float(settings.mentor_tie_strength),
            missing_strength=float(settings.missing_strength),
            track_prior=float(settings.track_record_prior),
            band=float(settings.value_band),
            floor_margin=FLOOR_MARGIN,
            limit=limit,
        )
        if not found:
            return None
        record = dict(found[0])
        inputs = {key: record.pop(key) for key in ("contacts", "introducers", "skill_known", "rows")}
        return cast(RecommendationInputs, {"person": _record("people", record), **inputs})

    def strongest_path(
        self, source: str, target: str, *, max_hops: int, mentor_strength: float, missing_strength: float
    ) -> WarmPath | None:
        forward = (max_hops + 1) // 2
        rows = self._query(
            "network/warm_path_between",
            **_ends(source, target),
            max_hops=max_hops,
            forward_hops=forward,
            backward_hops=max_hops - forward,
            mentor_strength=float(mentor_strength),
            missing_strength=float(missing_strength),
        )
        return {"people": list(rows[0]["people"]), "strength": rows[0]["strength"]} if rows else None

    def strongest_paths_to_skill(
        self, source: str, skill: str, *, max_hops: int, mentor_strength: float, missing_strength: float, limit: int
    ) -> list[SkillPath]:
        rows = self._query(
            "network/warm_paths_to_skill",
            **_ends(source),
            skill=skill,
            max_hops=max_hops,
            forward_hops=(max_hops + 1) // 2,
            mentor_strength=float(mentor_strength),
            missing_strength=float(missing_strength),
            limit=limit,
        )
        return [{"to": r["to"], "people": list(r["people"]), "strength": r["strength"]} for r in rows]

    def neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        return {r["id"]: sorted(r["neighbours"]) for r in self._query("network/neighbours_of", ids=list(ids))}

    def cross_unit_contacts(self, ids: list[str]) -> dict[str, list[str]]:
        return {r["id"]: sorted(r["contacts"]) for r in self._query("network/cross_unit_contacts", ids=list(ids))}

    def contact_network(self, *, mentor_strength: float, missing_strength: float) -> ContactNetwork:
        (found,) = self._query(
            "insights/contact_network", mentor_strength=float(mentor_strength), missing_strength=float(missing_strength)
        )
        people = [row[0] for row in found["people"]]
        index = {person: i for i, person in enumerate(people)}
        # ids sort the same in Cypher and Python (plain strings), so the links keep their order
        links = [[index[a], index[b], float(strength)] for a, b, strength in found["links"]]
        return {
            "people": people,
            "units": [row[1] for row in found["people"]],
            "links": links,
            "unit_parents": {unit: parent for unit, parent in found["units"]},
        }

    def network_changed_at(self) -> str | None:
        (found,) = self._query("insights/network_changed_at")
        at: str | None = found["at"]
        return at

    def save_insights(
        self, state: dict[str, Any], people: list[dict[str, Any]], parts: dict[str, list[tuple[str, Any]]] | None = None
    ) -> None:
        rows = [
            [
                r["person"],
                r.get("unit"),
                float(r[INSIGHT_RANK]),
                *(cut_figures(r) or (None, None, None)),
                json.dumps(r, ensure_ascii=False),
            ]
            for r in people
        ]
        part_rows = [
            [kind, str(key), position, json.dumps(value, ensure_ascii=False)]
            for kind, pairs in (parts or {}).items()
            for position, (key, value) in enumerate(pairs)
        ]

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(statement("insights/delete_people")).consume()
            tx.run(statement("insights/delete_parts")).consume()
            for start in range(0, len(rows), BATCH_SIZE):
                tx.run(statement("insights/save_people"), rows=rows[start : start + BATCH_SIZE]).consume()
            for start in range(0, len(part_rows), BATCH_SIZE):
                tx.run(statement("insights/save_parts"), rows=part_rows[start : start + BATCH_SIZE]).consume()
            tx.run(statement("insights/save_state"), state=json.dumps(state, ensure_ascii=False)).consume()

        self._transaction(work, write=True)

    def insight_state(self) -> dict[str, Any] | None:
        found = self._query("insights/state")
        return json.loads(found[0]["state"]) if found else None

    def insight_parts(self, kind: str, keys: list[str] | None = None) -> list[Any]:
        (found,) = self._query("insights/parts", kind=kind, keys=None if keys is None else [str(k) for k in keys])
        return [json.loads(value) for value in found["parts"]]

    def person_insights(
        self, persons: list[str] | None = None, limit: int | None = None, units: list[str] | None = None
    ) -> list[dict[str, Any]]:
        found = self._query(
            "insights/people",
            persons=None if persons is None else list(persons),
            units=None if units is None else list(units),
            limit=_NO_LIMIT if limit is None else int(limit),
        )
        return [json.loads(r["row"]) for r in found]

    def cut_point_insights(self, units: list[str] | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        found = self._query(
            "insights/cut_points",
            units=None if units is None else list(units),
            limit=_NO_LIMIT if limit is None else int(limit),
        )
        return [json.loads(r["row"]) for r in found]

    # -- stored mentoring rounds (cypher/matching/) -------------------------------------------------

    def save_match_round(self, match_round: dict[str, Any], audit: dict[str, Any]) -> None:
        text = json.dumps(match_round, ensure_ascii=False)

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(statement("matching/save_round"), id=match_round["id"], round=text).consume()
            _append_audit(tx, audit, self.audit_key)

        self._transaction(work, write=True)

    def match_round(self, round_id: str) -> dict[str, Any] | None:
        found = self._query("matching/round", id=round_id)
        stored: dict[str, Any] | None = json.loads(found[0]["round"]) if found else None
        return stored

    def match_rounds(self) -> list[dict[str, Any]]:
        stored: list[dict[str, Any]] = [json.loads(r["round"]) for r in self._query("matching/rounds")]
        return stored

    def unit_members(self, units: list[str]) -> dict[str, list[str]]:
        return {r["unit"]: sorted(r["members"]) for r in self._query("network/unit_members", units=list(units))}

    def position_coverage(self, leavers: list[str], ids: list[str] | None = None) -> list[PositionRow]:
        # one record holding every row as a map: 10k records cost the driver more than the query
        (found,) = self._query("succession/positions", leavers=list(leavers), ids=None if ids is None else list(ids))
        positions: list[PositionRow] = found["positions"]
        return positions

    def coverage(self, leavers: list[str]) -> Coverage:
        """Both statements in one read transaction: one snapshot, one session."""
        params = {"leavers": list(leavers), "ids": None}

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            positions = tx.run(statement("succession/positions"), params).single(strict=True)["positions"]
            units = tx.run(statement("succession/units")).single(strict=True)["units"]
            return positions, units

        positions, units = self._transaction(work, write=False)
        return {"positions": cast(list[PositionRow], positions), "units": rollup.unit_rows(units, positions)}

    def positions_affected_by(self, leavers: list[str]) -> dict[str, list[str]]:
        rows = self._query("succession/what_if_affected", leavers=list(leavers))
        return {r["position"]: list(r["units"]) for r in rows}

    def unit_bench(self, units: list[str]) -> dict[str, tuple[int, int]]:
        found = {u: (0, 0) for u in units}
        found.update(
            {
                r["unit"]: (r["critical"], r["critical_covered"])
                for r in self._query("succession/unit_bench", units=list(units))
            }
        )
        return found

    def cover_seats(self, leavers: list[str]) -> list[CoverSeat]:
        (found,) = self._query("succession/cover_seats", leavers=list(leavers))
        seats = [
            {
                **seat,
                "ready_now": sorted(
                    ({"person": c["person"], "holds_critical": sorted(c["holds_critical"])} for c in seat["ready_now"]),
                    key=lambda c: c["person"],
                ),
            }
            for seat in found["seats"]
        ]
        return cast(list[CoverSeat], sorted(seats, key=lambda seat: seat["id"]))

    def pipeline(self, positions: list[str], weights: PipelineWeights, limit: int) -> list[PipelineRow]:
        rows = self._query("succession/pipeline", positions=list(positions), w=weights.as_dict(), limit=limit)
        return [
            {
                "position": r["position"],
                "required_count": r["required_count"],
                "suggestions": cast(list[PipelineSuggestion], [dict(s) for s in r["suggestions"]]),
            }
            for r in rows
        ]

    def mentees_losing_mentors(self, leavers: list[str]) -> list[MenteeLoss]:
        return cast(
            list[MenteeLoss], [dict(r) for r in self._query("succession/mentees_losing_mentors", leavers=list(leavers))]
        )

    def org_chart(
        self,
        *,
        position: str | None = None,
        unit: str | None = None,
        around: list[str] | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> OrgChart | None:
        """One statement, one round trip; the status and flag rules are applied in Python.

        (:mod:`netgraph.store.org_chart_cards`, shared with the embedded store.)
        """
        rows = self._query(
            "succession/org_chart",
            position=position,
            unit=unit,
            around=None if around is None else list(around),
            offset=offset,
            limit=limit,
        )
        if not rows:
            return None
        cards = [org_chart_cards.card(c) for c in rows[0]["cards"]]
        focus = cards.pop(0) if rows[0]["focus"] is not None else None
        return {"focus": focus, "cards": cards, "total": rows[0]["total"]}

    def search_people(self, text: str, limit: int) -> list[SearchHit]:
        return cast(list[SearchHit], [dict(r) for r in self._query("lookups/search_people", text=text, limit=limit)])

    def search_units(self, text: str, limit: int) -> list[UnitHit]:
        return cast(list[UnitHit], [dict(r) for r in self._query("lookups/search_units", text=text, limit=limit)])

    def search_skills(self, text: str, limit: int) -> list[str]:
        return [r["name"] for r in self._query("lookups/search_skills", text=text, limit=limit)]

    def person_names(self, ids: list[str]) -> dict[str, str]:
        found = self._query("lookups/person_names", ids=list(ids))
        return {row["id"]: row["name"] for row in found[0]["people"]} if found else {}

    def people_with_email(self, email: str) -> dict[str, str]:
        return {r["id"]: r["status"] for r in self._query("lookups/people_with_email", email=email)}

    def unit_names(self, ids: list[str]) -> dict[str, str]:
        return {r["id"]: r["name"] for r in self._query("lookups/unit_names", ids=list(ids))}

    def position_titles(self, ids: list[str]) -> dict[str, str]:
        return {r["id"]: r["title"] for r in self._query("lookups/position_titles", ids=list(ids))}

    def mentorships_of(self, person: str) -> list[Mentorship]:
        rows = self._query("lookups/mentorships_of", person=person)
        return cast(list[Mentorship], [{**dict(r), "focus": list(r["focus"] or [])} for r in rows])

    def matching_inputs(self, people: list[str]) -> MatchingData:
        (found,) = self._query("matching/inputs", ids=list(people), open=list(OPEN_INTRODUCTION_STATUSES))
        held: dict[str, list[str]] = {}
        for row in found["held"]:
            held.setdefault(row["person"], []).append(row["position"])
        return {
            "held": {person: sorted(ids) for person, ids in held.items()},
            "positions": {
                p["id"]: {"reports_to": p["reports_to"], "holders": sorted(p["holders"])} for p in found["positions"]
            },
            "mentorships": sorted(
                (cast(MatchingMentorship, dict(m)) for m in found["mentorships"]),
                key=lambda m: (m["mentor"], m["mentee"]),
            ),
            "load": {row["id"]: row["load"] for row in found["load"]},
        }

    def contact_projection(self) -> dict[str, list[str]]:
        return {r["id"]: sorted(r["contacts"]) for r in self._query("matching/contact_projection")}

    def mentors_by_load(self) -> list[MentorLoad]:
        return cast(list[MentorLoad], [dict(r) for r in self._query("programme/mentors")])

    def mentees_without_mentor(self) -> list[NamedPerson]:
        return cast(list[NamedPerson], [dict(r) for r in self._query("programme/unmentored")])

    def neighbourhood(self, person: str, depth: int, limit: int) -> Neighbourhood | None:
        rows = self._query("network/neighbourhood", person=person, depth=depth, limit=limit)
        if not rows:
            return None
        return {
            "total": rows[0]["total"],
            "people": cast(list[NeighbourhoodPerson], [dict(p) for p in rows[0]["people"]]),
            "links": cast(list[NeighbourhoodLink], [dict(link) for link in rows[0]["links"]]),
        }

    def contacts(self, person: str) -> list[Contact]:
        return cast(list[Contact], [dict(r) for r in self._query("lookups/contacts_of", person=person)])

    def introductions(
        self, *, person: str | None = None, status: str | None = None, id: str | None = None
    ) -> list[dict[str, Any]]:
        rows = self._query("lookups/list_introductions", person=person, status=status, id=id)
        return [_record("introductions", dict(r)) for r in rows]

    def export(self) -> dict[str, Any]:
        doc = {}
        for section in SECTIONS:
            doc[section] = [_record(section, dict(r)) for r in self._query(f"export/{section}")]
        return doc

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


def _ends(source: str, target: str | None = None) -> dict[str, Any]:
    """The ``$from`` (and ``$to``) parameters of a path statement: ``from`` is a Python keyword."""
    return {"from": source} if target is None else {"from": source, "to": target}


def _forget_in_rounds(tx: neo4j.ManagedTransaction, person: str) -> None:
    """Erasure: take ``person`` out of every stored round that names them, in ``tx``."""
    quoted = json.dumps(person, ensure_ascii=False)
    rows: list[list[str]] = []
    for r in tx.run(statement("matching/rounds_naming"), text=quoted):
        stored = json.loads(r["round"])
        if names_person(stored, person):
            rows.append([r["id"], json.dumps(round_without_person(stored, person), ensure_ascii=False)])
    tx.run(statement("matching/replace_rounds"), rows=rows).consume()


def _append_audit(tx: neo4j.ManagedTransaction, entry: dict[str, Any], key: bytes | None) -> dict[str, Any]:
    """Seal ``entry`` after the last event (the anchor locked first) and append it, in ``tx``."""
    anchor = tx.run(statement("audit/lock_anchor"), genesis=GENESIS).single()
    assert anchor is not None  # the statement merges the anchor: it returns one row
    sealed = seal(entry, prev=anchor["head"], seq=anchor["count"] + 1, at=timestamp(), key=key)
    tx.run(
        statement("audit/append"),
        seq=sealed["seq"],
        at=sealed["at"],
        action=sealed["action"],
        event=json.dumps(sealed, ensure_ascii=False),
        hash=sealed["hash"],
    ).consume()
    return sealed


def _start_trail(tx: neo4j.ManagedTransaction, key: bytes | None) -> None:
    """A database without an audit anchor was made before the trail existed (or is empty): begin its
    trail, with an ``audit.start`` event saying what it held if it holds data; once begun, a database
    holding data and no event fails ``audit verify``."""
    state = tx.run(statement("audit/trail_state")).single(strict=True)
    if state["kept"]:
        return
    held = {label: state[label] for label in ("Person", "OrgUnit", "Position", "Skill", "Introduction")}
    if any(held.values()):
        _append_audit(tx, started_entry(held), key)
    else:
        tx.run(statement("audit/keep_anchor"), genesis=GENESIS).consume()


def _run_batches(
    tx: neo4j.ManagedTransaction, name: str, rows: list[Any], section: str | None, progress: Progress | None
) -> None:
    text = statement(name)
    extra = {"defaults": _new_defaults(section)} if section else {}  # the import/<section> statements
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        if name == "import/knows":
            _write_knows(tx, batch)
        else:
            tx.run(text, rows=batch, **extra).consume()
        if progress and section:
            progress(section, min(start + BATCH_SIZE, len(rows)), len(rows))


def _write_knows(tx: neo4j.ManagedTransaction, batch: list[dict[str, Any]]) -> None:
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


def _row(section: str, record: dict[str, Any]) -> dict[str, Any]:
    """A normalized record as the parameter row its import statement expects.

    Only what the record carries is written (``KEPT_WHEN_ABSENT``): ``props``
    holds the properties it carries (a null one removes the stored property),
    and the statement gives a new node or link ``$defaults`` first
    (:func:`_new_defaults`); a link field (a person's ``org_unit``, ``skills``...)
    is in the row only when the record carries it. A KNOWS row is complete
    instead: ``props`` holds a new link's values and ``kept`` names the fields
    the record left out, which the statement takes from the stored link (its
    provenance is worked out from both).
    """
    if section == "knows":
        kept = [f for f in KEPT_WHEN_ABSENT["knows"] if f not in record]
        record = with_defaults(section, record)
        # null properties are not stored: the statement sets the link's properties from one map
        return {
            "a": record["a"],
            "b": record["b"],
            "kept": kept,
            "props": {k: record[k] for k in _PROPS[section] if record[k] is not None},
        }
    props = _PROPS[section]
    row = {k: v for k, v in record.items() if k not in props or k == "id"}
    row["props"] = {k: v for k, v in record.items() if k in props}
    if "skills" in row:
        row["skills"] = [{"name": n, "level": lvl} for n, lvl in record["skills"].items()]
    return row


def _new_defaults(section: str) -> dict[str, Any]:
    """The properties a new node or link of ``section`` gets before the record's own (nulls are not stored).

    >>> _new_defaults("people")  # doctest: +NORMALIZE_WHITESPACE
    {'status': 'active', 'source': 'manual', 'open_to_intros': True, 'open_to_mentoring': True,
     'signals_opt_out': False}
    """
    return {k: v for k, v in DEFAULTS[section].items() if k in _PROPS[section] and v is not None}


def _record(section: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row of an export statement as a normalized record (lists sorted as sets)."""
    if section == "people":
        row["skills"] = dict(sorted((name, level) for name, level in row["skills"]))
        row["wants_to_grow"] = sorted(row["wants_to_grow"])
    elif section == "positions":
        row["requires"] = sorted(row["requires"])
        row["holders"] = sorted(
            ({"person": h["person"], "since": h["since"]} for h in row["holders"]), key=lambda h: h["person"]
        )
        row["critical"] = bool(row["critical"])
    elif section == "mentorships":
        row["focus"] = list(row["focus"] or [])
    return {f: row[f] for f in FIELDS[section]}
