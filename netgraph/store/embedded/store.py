"""The embedded store: a networkx graph in memory, persisted to one SQLite file.

It needs no server, so ``netgraph`` works on a fresh machine with nothing but
Python. ``EmbeddedStore(path)`` keeps the graph in ``graph.sqlite`` (see
:func:`~netgraph.store.embedded.database.database_path`: ``graph.json`` names
``graph.sqlite`` beside it; an old JSON store there is migrated on first
open, :mod:`~netgraph.store.embedded.migration`). Any number of processes
may use the same file at once: each write commits whole or not at all and
costs what it changes, each process sees the others' commits on its next
read, and a ``kill -9`` at any moment leaves the last committed state
(:mod:`~netgraph.store.embedded.mirror`, :mod:`~netgraph.store.embedded.database`).

The queries below run on the in-memory networkx mirror
(:mod:`~netgraph.store.embedded.records` says how the graph is keyed).

Examples
--------
>>> store = EmbeddedStore(None)   # in memory only
>>> store.write({"people": [{"id": "p1", "name": "Ada", "email": None, "title": None, "level": 5,
...     "location": None, "joined_on": None, "open_to_intros": True, "flight_risk": None,
...     "org_unit": None, "skills": {"python": 4}, "wants_to_grow": []}]})
>>> store.stats()["nodes"]["Skill"], store.stats()["relationships"]["HAS_SKILL"]
(1, 1)

Checks and the write they justify go in one transaction, so that no other
writer, in this process or another, can change the store between them:

>>> with store.transaction():
...     if not store.existing_keys("org_units", ["u1"]):
...         store.write({"org_units": [{"id": "u1", "name": "Sales", "parent": None}]})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

import networkx as nx

from netgraph.collector import cycle_collector_paused
from netgraph.model.audit import timestamp
from netgraph.model.introducers import introducer_ids
from netgraph.model.rules import PipelineWeights, RecommendSettings
from netgraph.model.vocabulary import NODE_LABELS, OPEN_INTRODUCTION_STATUSES, RELATIONSHIP_TYPES
from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.embedded.audit_log import AuditLog
from netgraph.store.embedded.database import database_path, legacy_json_path
from netgraph.store.embedded.database import forget_keys as database_forget
from netgraph.store.embedded.edits import Edit
from netgraph.store.embedded.evidence import EvidenceTables
from netgraph.store.embedded.insight_tables import InsightTables
from netgraph.store.embedded.insights import contact_network
from netgraph.store.embedded.migration import migrate_json_store
from netgraph.store.embedded.mirror import INLINE_LIMIT, RELOAD_INLINE_BELOW, WRITE_WAIT, Mirror
from netgraph.store.embedded.network import PeopleNetwork, candidate_rows, neighbourhood
from netgraph.store.embedded.org_chart import ChartIndex, org_chart
from netgraph.store.embedded.paths import strongest_path, strongest_paths_to_skill
from netgraph.store.embedded.records import (
    LINK_SECTIONS,
    NODE_SECTIONS,
    PARENT,
    export_graph,
    introduction_record,
    knows_record,
    ordered_record,
    person_record,
    stored_records,
    target_of,
    write_document,
)
from netgraph.store.embedded.round_tables import RoundTables
from netgraph.store.embedded.succession import (
    _Positions,
    affected_positions,
    cover_seats,
    pipeline_rows,
    position_rows,
    positions_index,
    unit_rows,
)
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
    Nomination,
    OrgChart,
    PipelineRow,
    PositionDependents,
    PositionLink,
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

T = TypeVar("T")


class EmbeddedStore:
    """See the module docstring. ``path=None`` keeps the graph in memory only.

    write_wait
        Seconds a write waits for another process's write (say an import) before
        :class:`~netgraph.store.embedded.database.StoreBusy`.
    inline_limit, reload_inline_below
        Keys another process may change for this one to apply them in place on
        its next read; above it, the graph is reloaded: at once if the file is
        smaller than ``reload_inline_below`` bytes, else in the background.
    audit_key
        New audit events are keyed with it (HMAC-SHA256, :func:`netgraph.model.audit.seal`).
    freeze_graph
        Keep a large graph, and the answers kept until the next write, out of Python's
        cycle collector (``gc.freeze``, :meth:`~netgraph.store.embedded.mirror.Mirror.settle`):
        for a long-lived process (``netgraph serve``, the CLI). Off by default, as it
        freezes everything else alive in the process too.
    """

    #: nothing to plan: queries are Python functions over the graph
    needs_warm_up = False

    def __init__(
        self,
        path: Path | str | None,
        *,
        write_wait: float = WRITE_WAIT,
        inline_limit: int = INLINE_LIMIT,
        reload_inline_below: int = RELOAD_INLINE_BELOW,
        audit_key: bytes | None = None,
        freeze_graph: bool = False,
    ):
        if path is not None and str(path) == ":memory:":  # as open_store reads it: memory, never a file
            path = None
        self.path = database_path(path) if path is not None else None
        legacy = legacy_json_path(path) if path is not None else None
        self.freeze_graph = freeze_graph
        self._succession_cache: dict[object, Any] = {}
        with cycle_collector_paused():  # opening builds the whole graph: millions of dicts, no cycles
            migrated = (
                migrate_json_store(legacy, self.path, wait=write_wait, audit_key=audit_key)
                if self.path and legacy
                else None
            )
            self._mirror = Mirror(
                self.path,
                write_wait=write_wait,
                inline_limit=inline_limit,
                reload_inline_below=reload_inline_below,
                on_change=self._succession_cache.clear,
                start=migrated,
                freeze_graph=freeze_graph,
            )
        self._reading = self._mirror.reading
        self._audit = AuditLog(self._mirror, audit_key)
        self._audit.start()  # a file made before the audit trail existed begins one (once)
        self._evidence = EvidenceTables(self._mirror)
        self._insights = InsightTables(self._mirror)
        self._rounds = RoundTables(self._mirror)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The in-memory mirror as it is now (read it inside a store method, or after ``refresh``)."""
        return self._mirror.graph

    # -- the Store interface -------------------------------------------------

    def describe(self) -> str:
        return f"embedded store at {self.path}" if self.path else "embedded store in memory"

    def init_schema(self) -> None:
        """Nothing to do: uniqueness is the graph's node keys (and the tables' primary keys)."""

    @contextmanager
    def transaction(self) -> Iterator[EmbeddedStore]:
        """Everything inside reads the last committed state and commits (or not) as one write.

        Holds the store's write lock: other writers, in any process, wait;
        readers do not. Re-entrant; ``write`` outside one makes its own.
        """
        with self._mirror.transaction():
            yield self

    def refresh(self) -> None:
        """Catch up now with what other processes committed, waiting for a reload if one is needed.

        Reads do this by themselves (without waiting for a reload); tests and
        tools that must see another process's big import at once call it.
        """
        self._mirror.refresh(wait=True)

    def existing_keys(self, section: str, keys: list[Any]) -> set[Any]:
        with self._reading() as graph:
            if section in NODE_SECTIONS:
                label = NODE_SECTIONS[section]
                return {k for k in keys if (label, k) in graph}
            rel, src, _, dst, _ = LINK_SECTIONS[section]
            found = set()
            for key in keys:
                u, v = (src, key[0]), (dst, key[1])
                if graph.has_edge(u, v, rel) or (rel == "KNOWS" and graph.has_edge(v, u, rel)):
                    found.add(tuple(key))
            return found

    def stored_records(self, section: str, keys: list[Any]) -> dict[Any, dict[str, Any]]:
        with self._reading() as graph:
            return stored_records(graph, section, keys)

    def roles_of(self, person: str) -> Roles:
        with self._reading() as graph:
            node = ("Person", person)
            if node not in graph:
                return {"holds": [], "nominations": []}
            nodes, succ = node_attrs(graph), out_links(graph)[node]
            holds: list[Held] = [
                {"position": p[1], "title": nodes[p]["title"], "since": k["HOLDS"]["since"]}
                for p, k in sorted(succ.items())
                if "HOLDS" in k
            ]
            nominations: list[Nomination] = [
                {
                    "position": p[1],
                    "title": nodes[p]["title"],
                    "readiness": k["SUCCESSOR_FOR"]["readiness"],
                    "nominated_on": k["SUCCESSOR_FOR"]["nominated_on"],
                }
                for p, k in sorted(succ.items())
                if "SUCCESSOR_FOR" in k
            ]
            return {"holds": holds, "nominations": nominations}

    def position_dependents(self, position: str) -> PositionDependents | None:
        with self._reading() as graph:
            node = ("Position", position)
            if node not in graph:
                return None
            pred = in_links(graph)[node]
            return {
                "holders": sorted(p[1] for p, k in pred.items() if "HOLDS" in k),
                "successors": sorted(p[1] for p, k in pred.items() if "SUCCESSOR_FOR" in k),
                "reports": sorted(p[1] for p, k in pred.items() if "REPORTS_TO" in k),
            }

    def departed(self, ids: list[str]) -> set[str]:
        with self._reading() as graph:
            nodes = node_attrs(graph)
            return {i for i in ids if nodes.get(("Person", i), {}).get("status") == "left"}

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

    def write(
        self,
        dataset: dict[str, Any],
        *,
        remove: dict[str, list[Any]] | None = None,
        audit: dict[str, Any] | None = None,
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

    # -- the audit trail and erasure ----------------------------------------------------------

    def append_audit(self, entry: dict[str, Any]) -> dict[str, Any]:
        return self._audit.append(entry)

    def audit_events(self, since: str | None = None) -> list[dict[str, Any]]:
        return self._audit.events(since)

    def audit_anchor(self) -> AuditAnchor | None:
        return self._audit.anchor()

    def replace_audit_events(self, events: list[dict[str, Any]]) -> None:
        self._audit.replace(events)

    def erasure_key(self) -> str:
        return self._audit.erasure_key()

    def tombstones(self) -> set[str]:
        return self._audit.tombstones()

    def erase_person(self, person: str, *, tombstones: list[str], audit: dict[str, Any]) -> None:
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

    def scrub(self) -> None:
        """Leave no erased value in the file's free pages or write-ahead log."""
        self._audit.scrub()

    # -- tie evidence (netgraph/store/embedded/evidence.py) ---------------------------------------

    def tie_batches(self) -> set[str]:
        return self._evidence.batches()

    def add_tie_evidence(
        self,
        batch: str,
        rows: Iterable[EvidenceRow],
        *,
        files: list[tuple[str, str]],
        events: Iterable[tuple[str, str]] = (),
    ) -> int:
        return self._evidence.add_batch(batch, rows, files=files, events=events)

    def tie_event_key(self) -> bytes:
        return self._evidence.event_key()

    def counted_events(self) -> Iterator[str]:
        return self._evidence.counted_events()

    def forget_counted_events(self, before: str) -> int:
        return self._evidence.forget_events(before)

    def tie_evidence(self, pairs: list[tuple[str, str]] | None = None) -> Iterator[EvidenceRow]:
        return self._evidence.evidence(pairs)

    def purge_tie_evidence(self, people: list[str]) -> int:
        return self._evidence.purge(people)

    def note_removed_tie(self, a: str, b: str, on: str) -> None:
        self._evidence.note_removed(a, b, on)

    def removed_ties(self) -> dict[tuple[str, str], str]:
        return self._evidence.removed()

    def knows_links(self, pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
        with self._reading():
            found = []
            for a, b in pairs:
                u, v = ("Person", a), ("Person", b)
                data = out_links(self.graph).get(u, {}).get(v, {}).get("KNOWS")
                if data is None:
                    data = out_links(self.graph).get(v, {}).get(u, {}).get("KNOWS")
                if data is not None:
                    found.append(ordered_record("knows", {"a": a, "b": b, **knows_record(data)}))
            return found

    def signal_people(self) -> list[SignalPerson]:
        with self._reading():
            graph = self.graph
            return [
                {
                    "id": node[1],
                    "email": data.get("email"),
                    "status": data.get("status") or "active",
                    "signals_opt_out": bool(data.get("signals_opt_out")),
                    "org_unit": target_of(graph, node, "MEMBER_OF"),
                }
                for node, data in sorted(graph.nodes(data=True))
                if node[0] == "Person"
            ]

    def manager_pairs(self) -> list[tuple[str, str]]:
        with self._reading():
            graph, found = self.graph, set[tuple[str, str]]()
            nodes, succ, pred = node_attrs(graph), out_links(graph), in_links(graph)
            for node in graph.nodes:
                if node[0] != "Position":
                    continue
                boss = next((t for t, keyed in succ[node].items() if "REPORTS_TO" in keyed), None)
                if boss is None:
                    continue
                reports = [p for p, keyed in pred[node].items() if "HOLDS" in keyed]
                managers = [p for p, keyed in pred[boss].items() if "HOLDS" in keyed]
                found.update(
                    (m[1], r[1])
                    for m in managers
                    for r in reports
                    if m != r and nodes[m].get("status") != "left" and nodes[r].get("status") != "left"
                )
            return sorted(found)

    def links_with_source(self, source: str, people: list[str] | None = None) -> list[dict[str, Any]]:
        wanted = set(people) if people is not None else None
        with self._reading():
            found = []
            for u, v, key, data in self.graph.edges(keys=True, data=True):
                if key != "KNOWS" or (wanted is not None and u[1] not in wanted and v[1] not in wanted):
                    continue
                record = knows_record(data)
                if source in record["sources"]:
                    a, b = sorted((u[1], v[1]))
                    found.append(ordered_record("knows", {"a": a, "b": b, **record}))
            return sorted(found, key=lambda r: (r["a"], r["b"]))

    def people(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        with self._reading():
            return {
                i: ordered_record("people", person_record(self.graph, ("Person", i)))
                for i in ids
                if ("Person", i) in self.graph
            }

    def skill_names(self) -> list[str]:
        with self._reading():
            return sorted(key for label, key in self.graph.nodes if label == "Skill")

    def recommendation_inputs(
        self, person: str, *, via: str, skill: str | None, since: str, settings: RecommendSettings, limit: int
    ) -> RecommendationInputs | None:
        with self._reading():
            found = self.people([person])
            if not found:
                return None
            record, contacts = found[person], self.contacts(person)
            introducers = introducer_ids(contacts, via)
            goals = [skill] if skill is not None else list(record["wants_to_grow"])
            rows = (
                candidate_rows(
                    self.graph, person, introducers, goals=goals, skill=skill, since=since, settings=settings
                )
                if introducers
                else []
            )
            return {
                "person": record,
                "contacts": contacts,
                "introducers": introducers,
                "skill_known": skill is None or ("Skill", skill) in self.graph,
                "rows": rows,
            }

    def strongest_path(
        self, source: str, target: str, *, max_hops: int, mentor_strength: float, missing_strength: float
    ) -> WarmPath | None:
        with self._reading():
            if ("Person", source) not in self.graph or ("Person", target) not in self.graph:
                return None
            if _has_left(self.graph, source) or _has_left(self.graph, target):
                return None  # people who left are on no chain, not even at its ends
            return strongest_path(
                self.graph,
                source,
                target,
                max_hops=max_hops,
                mentor_strength=mentor_strength,
                missing_strength=missing_strength,
            )

    def strongest_paths_to_skill(
        self, source: str, skill: str, *, max_hops: int, mentor_strength: float, missing_strength: float, limit: int
    ) -> list[SkillPath]:
        with self._reading():
            if ("Person", source) not in self.graph or _has_left(self.graph, source):
                return []
            return strongest_paths_to_skill(
                self.graph,
                source,
                skill,
                max_hops=max_hops,
                mentor_strength=mentor_strength,
                missing_strength=missing_strength,
                limit=limit,
            )

    def neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        with self._reading():
            net = PeopleNetwork(self.graph)
            return {i: sorted(net.neighbours(i)) for i in ids if ("Person", i) in self.graph}

    def cross_unit_contacts(self, ids: list[str]) -> dict[str, list[str]]:
        with self._reading():
            net = PeopleNetwork(self.graph)
            found = {}
            for i in ids:
                if ("Person", i) not in self.graph:
                    continue
                unit = net.unit(i)
                found[i] = sorted(o for o in net.neighbours(i) if net.unit(o) is not None and net.unit(o) != unit)
            return found

    def contact_network(self, *, mentor_strength: float, missing_strength: float) -> ContactNetwork:
        with self._reading():
            return contact_network(self.graph, mentor_strength=mentor_strength, missing_strength=missing_strength)

    def network_changed_at(self) -> str | None:
        return self._insights.network_changed_at()

    def save_insights(
        self, state: dict[str, Any], people: list[dict[str, Any]], parts: dict[str, list[tuple[str, Any]]] | None = None
    ) -> None:
        self._insights.save(state, people, parts or {}, rank_by=INSIGHT_RANK)

    def insight_state(self) -> dict[str, Any] | None:
        return self._insights.state()

    def insight_parts(self, kind: str, keys: list[str] | None = None) -> list[Any]:
        return self._insights.parts(kind, None if keys is None else list(keys))

    def person_insights(
        self, persons: list[str] | None = None, limit: int | None = None, units: list[str] | None = None
    ) -> list[dict[str, Any]]:
        return self._insights.people(
            None if persons is None else list(persons), limit, None if units is None else list(units)
        )

    def cut_point_insights(self, units: list[str] | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        return self._insights.cut_points(None if units is None else list(units), limit)

    # -- stored mentoring rounds (netgraph/store/embedded/round_tables.py) ---------------------------

    def save_match_round(self, match_round: dict[str, Any], audit: dict[str, Any]) -> None:
        with self._mirror.transaction():
            self._rounds.save(match_round)
            self._audit.append(audit)

    def match_round(self, round_id: str) -> dict[str, Any] | None:
        return self._rounds.one(round_id)

    def match_rounds(self) -> list[dict[str, Any]]:
        return self._rounds.all()

    def unit_members(self, units: list[str]) -> dict[str, list[str]]:
        with self._reading():
            return {
                u: sorted(
                    p[1]
                    for p, k in self.graph.pred["OrgUnit", u].items()
                    if "MEMBER_OF" in k and not _has_left(self.graph, p[1])
                )
                for u in units
                if ("OrgUnit", u) in self.graph
            }

    def _positions(self, leavers: Iterable[str]) -> _Positions:
        """Holders and nominations per position, kept until the next write (what-ifs ask repeatedly)."""
        key = tuple(sorted(set(leavers)))
        return self._kept(key, lambda: positions_index(self.graph, key))

    def _all_position_rows(self, leavers: Iterable[str]) -> list[PositionRow]:
        return self._kept(
            ("rows", tuple(sorted(set(leavers)))),
            lambda: position_rows(self.graph, leavers, positions=self._positions(leavers)),
        )

    def _kept(self, key: object, build: Callable[[], T]) -> T:
        """An answer kept until the next write (what-ifs and reports ask repeatedly), out of the cycle collector.

        At most 33 are kept (each what-if's leavers make one). Kept answers hold no
        reference cycles, so the mirror may freeze them with the graph (``freeze_graph``).
        """
        if key not in self._succession_cache:
            if len(self._succession_cache) > 32:
                self._succession_cache.clear()
            self._succession_cache[key] = build()
            self._mirror.settle(self.graph)
        return cast(T, self._succession_cache[key])  # what build made for this key

    def position_coverage(self, leavers: list[str], ids: list[str] | None = None) -> list[PositionRow]:
        with self._reading():
            if ids is None:
                return [r.copy() for r in self._all_position_rows(leavers)]
            return position_rows(self.graph, leavers, ids, positions=self._positions(leavers))

    def coverage(self, leavers: list[str]) -> Coverage:
        with self._reading():
            positions = self._all_position_rows(leavers)
            units = self._kept(("units", tuple(sorted(set(leavers)))), lambda: unit_rows(self.graph, positions))
            return {"positions": [r.copy() for r in positions], "units": [u.copy() for u in units]}

    def positions_affected_by(self, leavers: list[str]) -> dict[str, list[str]]:
        with self._reading():
            return affected_positions(self.graph, leavers)

    def unit_bench(self, units: list[str]) -> dict[str, tuple[int, int]]:
        with self._reading():
            rows = {r["id"]: r for r in unit_rows(self.graph, self._all_position_rows(()))}
            return {u: (rows[u]["critical"], rows[u]["critical_covered"]) if u in rows else (0, 0) for u in units}

    def cover_seats(self, leavers: list[str]) -> list[CoverSeat]:
        with self._reading():
            return cover_seats(self.graph, self._positions(leavers))

    def pipeline(self, positions: list[str], weights: PipelineWeights, limit: int) -> list[PipelineRow]:
        with self._reading():
            return pipeline_rows(self.graph, positions, weights, limit, known=self._positions(()))

    def org_chart(
        self,
        *,
        position: str | None = None,
        unit: str | None = None,
        around: list[str] | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> OrgChart | None:
        with self._reading():
            tree = self._kept("org_chart", lambda: ChartIndex(self.graph))
            return org_chart(
                self.graph,
                self._positions(()),
                tree,
                position=position,
                unit=unit,
                around=around,
                offset=offset,
                limit=limit,
            )

    def mentees_losing_mentors(self, leavers: list[str]) -> list[MenteeLoss]:
        with self._reading():
            gone, found = set(leavers), {}
            for leaver in gone:
                if ("Person", leaver) not in self.graph:
                    continue
                for mentee, keyed in self.graph.succ["Person", leaver].items():
                    if "MENTORS" in keyed and keyed["MENTORS"]["status"] == "active" and mentee[1] not in gone:
                        mentors = [
                            m[1]
                            for m, k in self.graph.pred[mentee].items()
                            if "MENTORS" in k and k["MENTORS"]["status"] == "active"
                        ]
                        if all(m in gone for m in mentors):
                            found[mentee[1]] = sorted(mentors)
            return [{"mentee": m, "mentors": found[m]} for m in sorted(found)]

    def search_people(self, text: str, limit: int) -> list[SearchHit]:
        with self._reading():
            wanted = text.lower()
            found: list[SearchHit] = []
            for node, attrs in self.graph.nodes(data=True):
                if node[0] == "Person" and wanted in attrs["name"].lower():
                    unit = target_of(self.graph, node, "MEMBER_OF")
                    found.append(
                        {
                            "id": node[1],
                            "name": attrs["name"],
                            "title": attrs.get("title"),
                            "org_unit": unit,
                            "org_unit_name": self.graph.nodes["OrgUnit", unit]["name"] if unit else None,
                        }
                    )
            return sorted(found, key=lambda r: (r["name"], r["id"]))[:limit]

    def search_units(self, text: str, limit: int) -> list[UnitHit]:
        with self._reading():
            wanted = text.lower()
            found: list[UnitHit] = []
            for node, attrs in self.graph.nodes(data=True):
                if node[0] == "OrgUnit" and (wanted in attrs["name"].lower() or wanted in node[1].lower()):
                    parent = target_of(self.graph, node, "PART_OF")
                    found.append(
                        {
                            "id": node[1],
                            "name": attrs["name"],
                            "parent": parent,
                            "parent_name": self.graph.nodes["OrgUnit", parent]["name"] if parent else None,
                        }
                    )
            return sorted(found, key=lambda r: (r["name"], r["id"]))[:limit]

    def search_skills(self, text: str, limit: int) -> list[str]:
        with self._reading():
            wanted = text.lower()
            return sorted(key for label, key in self.graph.nodes if label == "Skill" and wanted in key.lower())[:limit]

    def person_names(self, ids: list[str]) -> dict[str, str]:
        with self._reading():
            nodes = node_attrs(self.graph)
            return {i: nodes["Person", i]["name"] for i in ids if ("Person", i) in nodes}

    def people_with_email(self, email: str) -> dict[str, str]:
        wanted = email.lower()
        with self._reading():
            return {
                node[1]: data.get("status") or "active"
                for node, data in self.graph.nodes(data=True)
                if node[0] == "Person" and (data.get("email") or "").lower() == wanted
            }

    def unit_names(self, ids: list[str]) -> dict[str, str]:
        with self._reading():
            return {i: self.graph.nodes["OrgUnit", i]["name"] for i in ids if ("OrgUnit", i) in self.graph}

    def position_titles(self, ids: list[str]) -> dict[str, str]:
        with self._reading():
            return {i: self.graph.nodes["Position", i]["title"] for i in ids if ("Position", i) in self.graph}

    def mentorships_of(self, person: str) -> list[Mentorship]:
        with self._reading():
            if ("Person", person) not in self.graph:
                return []
            net = PeopleNetwork(self.graph)
            rows: list[Mentorship] = [
                {
                    "as_mentor": direction == "out",
                    "other": other,
                    "name": net.person(other)["name"],
                    "since": data["since"],
                    "until": data["until"],
                    "status": data["status"],
                    "kind": data["kind"],
                    "focus": list(data["focus"]),
                }
                for other, rel, direction, data in net.links(person, history=True)
                if rel == "MENTORS"
            ]
            return sorted(rows, key=lambda r: (r["as_mentor"], r["status"], r["other"]))

    def matching_inputs(self, people: list[str]) -> MatchingData:
        with self._reading():
            graph, nodes = self.graph, [("Person", i) for i in dict.fromkeys(people) if ("Person", i) in self.graph]
            asked = {node[1] for node in nodes}
            held = {node[1]: sorted(p[1] for p, k in _out_links(graph, node) if k == "HOLDS") for node in nodes}
            positions: dict[str, PositionLink] = {}
            for position in sorted({p for ids in held.values() for p in ids}):
                while position is not None and position not in positions:
                    boss = next((p[1] for p, k in _out_links(graph, ("Position", position)) if k == "REPORTS_TO"), None)
                    holders = sorted(
                        u[1] for u, _, k in graph.in_edges(("Position", position), keys=True) if k == "HOLDS"
                    )
                    positions[position] = {"reports_to": boss, "holders": holders}
                    position = boss
            mentorships = sorted(
                (
                    MatchingMentorship(mentor=node[1], mentee=other[1], status=data["status"], until=data.get("until"))
                    for node in nodes
                    for _, other, k, data in graph.out_edges(node, keys=True, data=True)
                    if k == "MENTORS" and other[1] in asked
                ),
                key=lambda m: (m["mentor"], m["mentee"]),
            )
            load = {}
            attrs = node_attrs(graph)
            for node in nodes:
                mentees = sum(
                    1
                    for _, _, k, d in graph.out_edges(node, keys=True, data=True)
                    if k == "MENTORS" and d["status"] == "active"
                )
                intros = sum(
                    1
                    for other, k in _out_links(graph, node)
                    if k == "MADE" and attrs[other].get("status") in OPEN_INTRODUCTION_STATUSES
                )
                load[node[1]] = mentees + intros
            return {
                "held": {person: ids for person, ids in held.items() if ids},
                "positions": positions,
                "mentorships": mentorships,
                "load": load,
            }

    def contact_projection(self) -> dict[str, list[str]]:
        with self._reading():
            net = PeopleNetwork(self.graph)
            found = {}
            for label, key in self.graph.nodes:
                if label == "Person" and not _has_left(self.graph, key):
                    contacts = net.neighbours(key)
                    if contacts:
                        found[key] = sorted(contacts)
            return found

    def mentors_by_load(self) -> list[MentorLoad]:
        with self._reading():
            load: dict[tuple[Any, ...], int] = {}
            for u, _, k, d in self.graph.edges(keys=True, data=True):
                if k == "MENTORS" and d["status"] == "active":
                    load[u] = load.get(u, 0) + 1
            rows = [MentorLoad(id=u[1], name=self.graph.nodes[u]["name"], mentees=n) for u, n in load.items()]
            return sorted(rows, key=lambda r: (-r["mentees"], r["id"]))

    def mentees_without_mentor(self) -> list[NamedPerson]:
        with self._reading():
            status: dict[tuple[Any, ...], bool] = {}
            for _, v, k, d in self.graph.edges(keys=True, data=True):
                if k == "MENTORS":
                    status[v] = status.get(v, False) or d["status"] == "active"
            return [
                NamedPerson(id=v[1], name=self.graph.nodes[v]["name"])
                for v in sorted(status)
                if not status[v] and not _has_left(self.graph, v[1])
            ]

    def neighbourhood(self, person: str, depth: int, limit: int) -> Neighbourhood | None:
        with self._reading():
            if ("Person", person) not in self.graph:
                return None
            return neighbourhood(self.graph, person, depth, limit)

    def contacts(self, person: str) -> list[Contact]:
        with self._reading():
            if ("Person", person) not in self.graph:
                return []
            net = PeopleNetwork(self.graph)
            found: dict[str, Contact] = {}
            for other, rel, direction, data in net.links(person):
                row = found.setdefault(
                    other,
                    {
                        "id": other,
                        "name": net.person(other)["name"],
                        "knows": None,
                        "mentors_them": None,
                        "mentored_by_them": None,
                    },
                )
                if rel == "KNOWS":
                    row["knows"] = data["strength"]
                else:
                    row["mentored_by_them" if direction == "out" else "mentors_them"] = data["status"]
            return [found[k] for k in sorted(found)]

    def _introduction_nodes(self, person: str | None, id: str | None) -> list[tuple[Any, ...]]:
        """Introduction nodes to look at: one by id, a person's own (their links), or all."""
        if id is not None:
            return [("Introduction", id)] if ("Introduction", id) in self.graph else []
        if person is not None:
            node = ("Person", person)
            if node not in self.graph:
                return []
            linked = [n for n in self.graph.pred[node] if n[0] == "Introduction"]
            linked += [n for n in self.graph.succ[node] if n[0] == "Introduction"]
            return sorted(set(linked))
        return [n for n in self.graph.nodes if n[0] == "Introduction"]

    def introductions(
        self, *, person: str | None = None, status: str | None = None, id: str | None = None
    ) -> list[dict[str, Any]]:
        with self._reading():
            found = []
            for node in self._introduction_nodes(person, id):
                attrs = self.graph.nodes[node]
                record = introduction_record(self.graph, node, attrs)
                if (status is None or record["status"] == status) and (
                    person is None or person in (record["by"], record["introduce"], record["to"])
                ):
                    found.append(record)
        found.sort(key=lambda r: r["id"])
        found.sort(key=lambda r: r["created_on"], reverse=True)
        return found

    def export(self) -> dict[str, Any]:
        with self._reading():
            return export_graph(self.graph)

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

    def close(self) -> None:
        """Close the file's connections (the last one out folds the WAL into the file and removes it).

        The store stays usable: it opens them again when next used.
        """
        self._mirror.close()


def _out_links(graph: nx.MultiDiGraph, node: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
    """(target, relationship type) of every link going out of ``node``."""
    return [(target, key) for _, target, key in graph.out_edges(node, keys=True)]


def _has_left(graph: nx.MultiDiGraph, person: str) -> bool:
    left: bool = node_attrs(graph)["Person", person].get("status") == "left"
    return left
