"""The ports both backends implement: ten small interfaces with typed rows.

Everything above the store layer (import/export, analysis, CLI, web) talks to
a store through these ports; the embedded networkx backend and the Neo4j
backend are interchangeable behind them. The contract suite
(``tests/contract``, mapped method by method in
``tests/contract/port_contract.py``) runs every method against both and
expects the same answers: it is what a third backend would have to pass.

Data crosses the boundary as plain, *normalized* records (see
:mod:`netgraph.model.validate`) and the typed rows below; settings cross it
as the frozen dataclasses of :mod:`netgraph.model.rules`, never as dicts.
The stores never validate; the layer above never builds queries.

=================  ==========================================================================
port               methods
=================  ==========================================================================
Persistence        describe, init_schema, needs_warm_up, transaction, existing_keys, stored_records, parent_links,
                   ancestor_links, departed, write, export, stats, clear, close
Lookups            people, search_people, introductions, contacts, mentorships_of, skill_names, roles_of,
                   position_dependents, search_units, search_skills, unit_names, position_titles
NetworkQueries     neighbourhood, recommendation_inputs, strongest_path,
                   strongest_paths_to_skill, neighbours, cross_unit_contacts, unit_members
SuccessionQueries  coverage, position_coverage, positions_affected_by, unit_bench, cover_seats,
                   ready_now_for, pipeline, mentees_losing_mentors, org_chart
ProgrammeQueries   mentors_by_load, mentees_without_mentor, programme_counts, introduction_facts,
                   introduction_tally
MatchingQueries    matching_inputs, contact_projection
MatchRounds        save_match_round, match_round, match_rounds, match_proposals,
                   person_match_proposals, answer_match_proposal, rate_match_proposal
Outbox             queue_messages, outbox_messages, due_messages, update_message
AuditTrail         append_audit, audit_events, audit_anchor, replace_audit_events, erasure_key, tombstones,
                   erase_person, scrub
TieEvidence        tie_batches, add_tie_evidence, tie_evidence, tie_figures, tie_figures_or_counts,
                   purge_tie_evidence, note_removed_tie, removed_ties, knows_links, links_with_source,
                   signal_people, manager_pairs
InsightQueries     contact_network, departure_links, growth_links, network_changed_at, save_insights,
                   insight_state, insight_state_and_marker, insight_parts, person_insights, ordered_insights,
                   ordered_count, cut_point_insights, units_under
=================  ==========================================================================

Code above the store asks for the port it uses, or for one of the small
combinations at the end of this module (``NetworkLookups``...), never for
more: ``Store`` is what opening a backend gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any, Final, Literal, NamedTuple, Protocol, TypedDict, overload

from netgraph.model.audit import AuditEntry, AuditEvent
from netgraph.model.insight_rows import (
    CommunityRow,
    GrowthMonth,
    HeatMapLevel,
    ImpactGrid,
    InsightOrders,
    InsightParts,
    InsightPersonRow,
    InsightState,
    MenteeDistances,
    SiloRow,
    UnitCommunities,
    UnitExposure,
)
from netgraph.model.mail import Message
from netgraph.model.match_proposals import Proposal
from netgraph.model.match_rounds import MatchRound
from netgraph.model.records import (
    Document,
    IntroductionRecord,
    KnowsRecord,
    MentorshipRecord,
    PersonRecord,
    Record,
    RecordKey,
    Removals,
)
from netgraph.model.rules import PipelineWeights, RecommendSettings
from netgraph.model.sync_state import SyncState

#: Called while a long write runs: (section, records done, records in section).
Progress = Callable[[str, int, int], None]

# -- rows ------------------------------------------------------------------------------------


class Stats(TypedDict):
    nodes: dict[str, int]
    relationships: dict[str, int]
    #: the audit trail, counted apart from the graph: {"events": n}
    audit: dict[str, int]


class AuditAnchor(TypedDict):
    """The last event's hash and the number of events, kept beside the trail."""

    head: str
    count: int


class SearchHit(TypedDict):
    id: str
    name: str
    title: str | None
    org_unit: str | None
    org_unit_name: str | None


class UnitHit(TypedDict):
    """An org unit found by name, with the unit it is part of (two units of one name differ by it)."""

    id: str
    name: str
    parent: str | None
    parent_name: str | None


class Mentorship(TypedDict):
    """One mentorship of a person, seen from that person."""

    as_mentor: bool
    other: str
    name: str
    since: str | None
    until: str | None
    status: str
    kind: str
    focus: list[str]


class Contact(TypedDict):
    """Someone a person is linked to by KNOWS or MENTORS.

    ``mentors_them``: status ("active"/"ended") of a mentorship in which the
    contact mentors the person; ``mentored_by_them`` the other way round.
    """

    id: str
    name: str
    knows: float | None
    mentors_them: str | None
    mentored_by_them: str | None


class NeighbourhoodPerson(TypedDict):
    id: str
    name: str
    title: str | None
    level: int | None
    org_unit: str | None
    distance: int


#: A link among the people shown; ``type`` is KNOWS, MENTORS or INTRODUCTION ("from" is a
#: Python keyword, hence the functional form).
NeighbourhoodLink = TypedDict(
    "NeighbourhoodLink",
    {
        "from": str,
        "to": str,
        "type": str,
        "strength": float | None,
        "status": str | None,
        "kind": str | None,
        # KNOWS only (else None): where the tie comes from, and the day of its latest evidence
        "sources": list[str] | None,
        "last_seen": str | None,
    },
)


class Neighbourhood(TypedDict):
    total: int
    people: list[NeighbourhoodPerson]
    links: list[NeighbourhoodLink]


class CandidateRow(TypedDict):
    """One introduction candidate, through its best introducer, with the raw components."""

    candidate: str
    name: str
    preferred_name: str | None
    level: int | None
    org_unit: str | None
    org_unit_name: str | None
    introducer: str
    introducer_name: str
    introducer_preferred_name: str | None
    tie_strength: float
    tie_kind: str  # "knows" | "mentors" | "mentored_by"
    tie_since: str | None
    introducer_rated: int
    track_record: float
    goal_skills: list[list[Any]]  # [[skill, level]], sorted by skill
    # the sum of rules.plausibility_term over the common contacts; with a learned model
    # (settings.plausibility), its odds (netgraph/model/learned.py: learned_odds)
    plausibility: float
    adamic_adar: float
    common_contacts: int
    new_reach: bool
    recent_introductions: int
    # with a learned model: the value of each feature it uses (netgraph/model/learned.py), in the
    # model's order; else empty. A list, not a mapping: only the shown ten need the names (their reasons)
    features: list[float]


class RecommendationInputs(TypedDict):
    """What one recommendation needs, in one call (one round trip on Neo4j).

    ``introducers``: the ids the ``via`` rule of :mod:`netgraph.model.introducers`
    chose among the contacts (empty: nobody to introduce; the analysis says why).
    """

    person: PersonRecord
    contacts: list[Contact]
    introducers: list[str]
    skill_known: bool
    rows: list[CandidateRow]


class WarmPath(TypedDict):
    people: list[str]
    strength: float


class SkillPath(TypedDict):
    to: str
    people: list[str]
    strength: float


class Held(TypedDict):
    position: str
    title: str
    since: str | None


class Nomination(TypedDict):
    position: str
    title: str
    readiness: str
    nominated_on: str | None


class Roles(TypedDict):
    """The seats a person holds and the positions they are nominated for, by position id."""

    holds: list[Held]
    nominations: list[Nomination]


class PositionDependents(TypedDict):
    """What still refers to a position (each list sorted): it cannot be deleted while any is non-empty."""

    holders: list[str]
    successors: list[str]
    reports: list[str]


class Successor(TypedDict):
    person: str
    #: the person's name, read with the row: a report of 10k positions needs no second query for names
    name: str
    readiness: str
    level: int | None
    holds: list[str]


class PositionStatus(TypedDict):
    """A position's status and flags by the rules of :mod:`netgraph.model.rules` (coverage rows, chart cards)."""

    id: str
    title: str
    level: int | None
    critical: bool
    org_unit: str | None
    status: str
    vacant: bool
    flight_risk: bool
    thin: bool
    shared_cover: bool
    cascade: bool


class PositionRow(PositionStatus):
    """A position's coverage: its status and flags, incumbents by id (and their names, in that order), successors."""

    incumbents: list[str]
    incumbent_names: list[str]
    successors: list[Successor]


class UnitRow(TypedDict):
    """Coverage counts of an org unit over itself and every unit below it."""

    id: str
    name: str
    parent: str | None
    positions: int
    critical: int
    covered: int
    developing: int
    gap: int
    critical_covered: int
    bench_strength: float | None
    ready_now_per_critical: float | None


class CoverCandidate(TypedDict):
    """A counted ready-now successor of a critical position, and the critical positions they hold (by id)."""

    person: str
    holds_critical: list[str]


class CoverSeat(TypedDict):
    """A critical position and its counted ready-now successors (by person id): what simultaneous cover matches."""

    id: str
    level: int | None
    org_unit: str | None
    ready_now: list[CoverCandidate]


class Coverage(TypedDict):
    positions: list[PositionRow]
    units: list[UnitRow]


class UnitCounts(TypedDict):
    """The positions of one org unit alone (``unit``; None: in no unit), counted for a first view of coverage."""

    unit: str | None
    positions: int
    covered: int
    developing: int
    gap: int
    critical: int
    critical_covered: int
    critical_gaps: int
    vacant: int
    critical_ready_now: int


class TitledSeat(CoverSeat):
    """A seat of simultaneous cover with its position's title (a first view names the seats that lose out)."""

    title: str


class NominatedPosition(TypedDict):
    position: str
    title: str
    readiness: str


class NominatedMany(TypedDict):
    """A person with several counted nominations, and those positions."""

    person: str
    name: str
    positions: list[NominatedPosition]


class FirstViewRows(TypedDict):
    """What the succession page's first view reads of a scope (an org unit and every unit below it, or the whole
    organisation), as things are: see :meth:`SuccessionQueries.first_view_rows`."""

    units: list[dict[str, Any]]
    counts: list[UnitCounts]
    shown: list[PositionRow]
    listed: int
    seats: list[TitledSeat]
    nominated: list[NominatedMany]
    nominated_count: int


class PipelineSuggestion(TypedDict):
    candidate: str
    name: str
    level: int
    score: float
    skill_share: float
    skills: list[list[Any]]
    mentor: str
    mentor_name: str
    mentor_is_incumbent: bool
    mentorship_status: str
    mentorship_since: str | None
    closeness: float
    level_fit: float


class PipelineRow(TypedDict):
    position: str
    required_count: int
    suggestions: list[PipelineSuggestion]


class MenteeLoss(TypedDict):
    mentee: str
    mentors: list[str]


class NamedPerson(TypedDict):
    id: str
    name: str


class IntroductionFacts(TypedDict):
    """What the programme overview counts of one introduction (no people, no notes)."""

    status: str
    created_on: str | None
    met_on: str | None
    outcome: int | None


class IntroductionTally(TypedDict):
    """How many introductions share a status, a month proposed, a rated outcome and days to meet
    (:func:`netgraph.model.introduction_tally.tally_introductions` names the groups)."""

    status: str
    month: str | None
    met_days: int | None
    outcome: int | None
    count: int


class MentorLoad(TypedDict):
    id: str
    name: str
    mentees: int


class ProgrammeCounts(TypedDict):
    """How many people :meth:`ProgrammeQueries.mentors_by_load` and ``mentees_without_mentor`` list in all."""

    mentors: int
    mentees_without_mentor: int


class ChartSuccessor(TypedDict):
    person: str
    name: str
    readiness: str


class ChartCard(PositionStatus):
    """One position on the succession org chart: its status and flags (the same rules as a
    :class:`PositionRow`), names for people and unit, its manager's position, how many report to it."""

    org_unit_name: str | None
    reports_to: str | None
    incumbents: list[NamedPerson]
    successors: list[ChartSuccessor]
    child_count: int


class OrgChart(TypedDict):
    """One level of the org chart: ``focus`` (the position asked for, else None), one page of ``cards``
    (sorted by title, then id) and ``total``, how many cards the level holds."""

    focus: ChartCard | None
    cards: list[ChartCard]
    total: int


# -- ports -----------------------------------------------------------------------------------


class LiveLinks(TypedDict):
    """What leaving ends besides seats and nominations (``Persistence.live_links``)."""

    mentorships: list[MentorshipRecord]
    introductions: list[IntroductionRecord]


class Persistence(Protocol):
    """Writing, reading back whole, and looking after the store."""

    #: True when the backend plans each statement on its first run (Neo4j): a server should
    #: then run each page's queries once as it starts. False when there is nothing to warm.
    needs_warm_up: bool

    def describe(self) -> str:
        """Where the data lives, for messages: a path or a URI and database."""
        ...

    def init_schema(self) -> None:
        """Create constraints and indexes (idempotent; a no-op when embedded)."""
        ...

    def transaction(self) -> AbstractContextManager[Any]:
        """Checks and the writes they justify as one unit (re-entrant; yields the store).

        The embedded store takes its file's write lock and catches up with other
        processes first, so nothing another process commits can slip between a
        check and the write. On Neo4j each write is one transaction already.
        """
        ...

    def existing_keys(self, section: str, keys: list[RecordKey]) -> set[RecordKey]:
        """The subset of ``keys`` (ids, or end-point tuples for links) already stored."""
        ...

    def stored_records(self, section: str, keys: list[RecordKey]) -> dict[RecordKey, Record]:
        """key -> the stored record (normalized, as in an export) of those of ``keys`` that are stored.

        An import compares the fields a document carries with these to say what
        it changes; only the document's keys are read (a first import reads nothing).
        """
        ...

    def parent_links(self, section: str) -> dict[str, str]:
        """child -> parent for ``org_units`` (PART_OF) or ``positions`` (REPORTS_TO)."""
        ...

    def ancestor_links(self, section: str, ids: list[str]) -> dict[str, str]:
        """The child -> parent links met walking up from each of ``ids`` (``org_units`` or ``positions``).

        An import's cycle check reads these instead of the whole tree: a cycle a
        document makes runs through its own records, and the walk up from them
        is a few links deep whatever the size of the organisation.
        """
        ...

    def departed(self, ids: list[str]) -> set[str]:
        """Those of ``ids`` who have left (status ``left``): validation refuses live links to them."""
        ...

    def write(
        self,
        dataset: Document,
        *,
        remove: Removals | None = None,
        audit: AuditEntry | None = None,
        progress: Progress | None = None,
    ) -> None:
        """Merge a validated, normalized document, then remove ``remove``'s records, in one atomic step.

        Entities merge by id and links by their end points; a record replaces
        the properties and owned links (skills, goals, holders...) it carries
        and leaves everything else alone: a field it leaves out keeps its
        stored value (``KEPT_WHEN_ABSENT``), and a new record gets the defaults.
        ``remove``: ``knows``, ``successors`` and ``holds`` by their end points,
        ``positions`` and ``org_units`` by id (with their own links); a missing
        record is no error. ``audit``: an unsealed event
        (:func:`netgraph.model.audit.entry`) appended in the same transaction.
        """
        ...

    def export(self) -> Document:
        """The whole graph as a normalized interchange document, sorted by key."""
        ...

    def sync_state(self) -> SyncState:
        """What an HR sync compares, one compact row per person, org unit and position, and the nominations.

        Read as one consistent state; no KNOWS link, skill or mentorship is read
        (netgraph.model.sync_state says why and what each row holds).
        """
        ...

    def live_links(self, people: list[str]) -> LiveLinks:
        """The active mentorships and in-flight introductions of ``people`` (records as exported, by key):
        what their leaving ends. Only those people's links are read."""
        ...

    def stats(self) -> Stats:
        """Counts of every node label and relationship type, zeros included."""
        ...

    def clear(self) -> None:
        """Delete everything (tests and benchmarks)."""
        ...

    def close(self) -> None:
        """Release connections or files."""
        ...


class Lookups(Protocol):
    """Records by id or name, as the pages show them."""

    def people(self, ids: list[str]) -> dict[str, PersonRecord]:
        """id -> normalized person record (as in an export) of those of ``ids`` that exist."""
        ...

    def search_people(self, text: str, limit: int) -> list[SearchHit]:
        """People whose name contains ``text`` (any case), by name then id."""
        ...

    def introductions(
        self, *, person: str | None = None, status: str | None = None, id: str | None = None
    ) -> list[IntroductionRecord]:
        """Introduction records, filtered, newest first (ties by id)."""
        ...

    def contacts(self, person: str) -> list[Contact]:
        """Everyone ``person`` is linked to by KNOWS or MENTORS, by id."""
        ...

    def mentorships_of(self, person: str) -> list[Mentorship]:
        """Mentorships of ``person`` either way, mentees first."""
        ...

    def skill_names(self) -> list[str]:
        """Every skill someone has, wants or a position requires, sorted."""
        ...

    def roles_of(self, person: str) -> Roles:
        """The positions ``person`` holds and is nominated for (empty lists for an unknown person)."""
        ...

    def position_dependents(self, position: str) -> PositionDependents | None:
        """Holders, nominees and reporting positions of ``position``; None if it does not exist."""
        ...

    def search_units(self, text: str, limit: int) -> list[UnitHit]:
        """Org units whose name or id contains ``text`` (any case), by name then id."""
        ...

    def search_skills(self, text: str, limit: int) -> list[str]:
        """Skill names that contain ``text`` (any case), sorted."""
        ...

    def person_names(self, ids: list[str]) -> dict[str, str]:
        """person id -> name, for those of ``ids`` that exist.

        Answers that list many people (a coverage report names about 20,000 at
        100k people) need only the name: reading whole person records for them
        took half of the embedded report's time.
        """
        ...

    def unit_names(self, ids: list[str]) -> dict[str, str]:
        """org unit id -> name, for those of ``ids`` that exist (pages show names, not ids)."""
        ...

    def people_with_emails(self, emails: list[str]) -> dict[str, dict[str, str]]:
        """address (as given) -> {person id: status} of everyone whose email it is, ignoring case; an
        address nobody has (or a blank one) is left out.

        A sign-in through the identity provider links its account to the one
        active person so found (:mod:`netgraph.web.sso`); a round's pool may name
        people by email (:mod:`netgraph.analysis.matching.rounds`), all in one look-up.
        """
        ...

    def position_titles(self, ids: list[str]) -> dict[str, str]:
        """position id -> title, for those of ``ids`` that exist."""
        ...


class NetworkQueries(Protocol):
    """The people network: neighbourhoods, recommendations, warm paths, what-if reach."""

    def neighbourhood(self, person: str, depth: int, limit: int) -> Neighbourhood | None:
        """The people within ``depth`` links, nearest first, at most ``limit`` besides ``person``.

        Links ``{from, to, type, strength, status, kind}`` among them (see
        ``cypher/network/neighbourhood.cypher``); None for an unknown person.
        """
        ...

    def recommendation_inputs(
        self, person: str, *, via: str, skill: str | None, since: str, settings: RecommendSettings, limit: int
    ) -> RecommendationInputs | None:
        """Everything one recommendation needs; None if ``person`` is unknown.

        The introducers are ``introducer_ids(contacts, via)``, the goals
        ``[skill]`` or the person's ``wants_to_grow``. One row per candidate,
        through the introducer with the best
        :func:`~netgraph.model.rules.introducer_term` (then lowest id, then
        link kind). The caller scores and ranks. A store may leave out the
        candidates below :func:`~netgraph.model.rules.plausibility_floor` of
        ``limit`` (both stores do); a ``limit`` above the number of candidates
        leaves nobody out.
        """
        ...

    def strongest_path(
        self, source: str, target: str, *, max_hops: int, mentor_strength: float, missing_strength: float
    ) -> WarmPath | None:
        """The warm path from source to target, or None (``cypher/network/warm_path_between.cypher``)."""
        ...

    def strongest_paths_to_skill(
        self, source: str, skill: str, *, max_hops: int, mentor_strength: float, missing_strength: float, limit: int
    ) -> list[SkillPath]:
        """The best chains to holders of ``skill``, best first."""
        ...

    def neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        """id -> KNOWS/MENTORS contacts (either direction), for each of ``ids`` that exists."""
        ...

    def cross_unit_contacts(self, ids: list[str]) -> dict[str, list[str]]:
        """id -> contacts who belong to another org unit than the person's."""
        ...

    def unit_members(self, units: list[str]) -> dict[str, list[str]]:
        """org unit id -> ids of its members, for each of ``units`` that exists."""
        ...


class SuccessionQueries(Protocol):
    """Coverage of positions, rolled up by org unit, and the mentoring pipeline."""

    def coverage(self, leavers: list[str], unit: str | None = None) -> Coverage:
        """Every position's coverage and every unit's rollup, with ``leavers`` taken out. With ``unit``: only
        that org unit and the units below it, and the positions in them (both empty when there is no such
        unit); each unit's rollup is the same as in the whole organisation's answer."""
        ...

    def position_coverage(self, leavers: list[str], ids: list[str] | None = None) -> list[PositionRow]:
        """Coverage of the positions ``ids`` (all when None), with ``leavers`` taken out; any order."""
        ...

    def positions_affected_by(self, leavers: list[str]) -> dict[str, list[str]]:
        """position -> its unit and the units above: the positions a departure can change."""
        ...

    def unit_bench(self, units: list[str]) -> dict[str, tuple[int, int]]:
        """unit -> (critical positions, covered critical positions) in it and below, as things are."""
        ...

    def first_view_rows(
        self, unit: str | None, *, critical_only: bool, limit: int, at_least: int
    ) -> FirstViewRows | None:
        """The part of :meth:`coverage` (nobody leaving) a first view draws, for the org unit ``unit`` and the units
        below it (None: the whole organisation), or None for an unknown unit: every unit of the scope (id, name,
        parent, in no order); each unit's own positions counted (:class:`UnitCounts`; those in no unit under None,
        whole organisation only; a unit holding none is left out); the ``limit`` most urgent positions listed
        (critical first, then gap, developing, covered, then id; only critical ones with ``critical_only``), as
        coverage rows, and how many are listed in all; every critical position as a :class:`TitledSeat`, by id;
        the ``limit`` people with at least ``at_least`` counted nominations in the scope (most first, then by id;
        their positions by id), and how many there are."""
        ...

    def cover_seats(self, leavers: list[str], positions: list[str] | None = None) -> list[CoverSeat]:
        """Every critical position (``cypher/succession/cover_seats.cypher``), by id, with its ready-now successors
        counted as in :meth:`coverage` (``leavers`` out, never a holder of the position), by person id, and the
        critical positions each successor holds, by id. With ``positions``, only the critical ones among
        those ids (unknown ids skipped)."""
        ...

    def ready_now_for(self, people: list[str]) -> dict[str, list[str]]:
        """Per person of ``people``, the critical positions (by id) they are a counted ready-now successor for,
        as :meth:`cover_seats` counts them (``cypher/succession/ready_now_for.cypher``); people with none (or
        unknown) are left out."""
        ...

    def pipeline(self, positions: list[str], weights: PipelineWeights, limit: int) -> list[PipelineRow]:
        """Pipeline suggestions per position (``cypher/succession/pipeline.cypher``), by position id.

        Only positions with at least one suggestion have a row; unknown positions are skipped.
        """
        ...

    def mentees_losing_mentors(self, leavers: list[str]) -> list[MenteeLoss]:
        """Mentees whose every active mentor is leaving."""
        ...

    def org_chart(
        self,
        *,
        position: str | None = None,
        unit: str | None = None,
        around: list[str] | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> OrgChart | None:
        """One level of the succession org chart (``cypher/succession/org_chart.cypher``: one round trip).

        Give at most one of: ``position`` (its card as ``focus``, its direct reports as ``cards``),
        ``unit`` (the positions in the unit or below whose manager is not), ``around`` (those
        positions and every position above them; unknown ids skipped); none: the positions that
        report to no one. ``cards`` are ``[offset:offset + limit]`` of the level, sorted by title
        then id; incumbents and successors sorted by id. None for an unknown position or unit.
        """
        ...


class ProgrammeQueries(Protocol):
    """The mentoring programme as a whole."""

    def mentors_by_load(self, limit: int | None = None) -> list[MentorLoad]:
        """Active mentors by number of active mentees, most first, then by id; the first ``limit`` (None: all)."""
        ...

    def mentees_without_mentor(self, limit: int | None = None) -> list[NamedPerson]:
        """People still here who were mentored but have no active mentor now, by id; the first ``limit``
        (None: all)."""
        ...

    def programme_counts(self) -> ProgrammeCounts:
        """How many mentors have an active mentee, and how many people the unlimited
        :meth:`mentees_without_mentor` lists: what a page naming only the first few counts."""
        ...

    def introduction_facts(self) -> list[IntroductionFacts]:
        """Status, ``created_on``, ``met_on`` and ``outcome`` of every introduction, in no order: what the
        overview counts, without the people and fields of :meth:`Lookups.introductions`' records."""
        ...

    def introduction_tally(self) -> list[IntroductionTally]:
        """The introductions counted in groups of the same status, month proposed, days to meet and outcome, in
        no order: what :meth:`introduction_facts` says, in a few hundred rows rather than one an introduction
        (:func:`netgraph.model.introduction_tally.tally_introductions` of them)."""
        ...


class AuditTrail(Protocol):
    """The append-only, hash-chained record of changes and sensitive reads, and what erasure keeps.

    Events are sealed by :func:`netgraph.model.audit.seal` inside the store's
    transaction (each links to the one before it); only erasure rewrites
    them, to redact values (their digests stay).
    """

    def append_audit(self, entry: AuditEntry) -> AuditEvent:
        """Seal and append one event (in the current transaction, or its own); return it sealed."""
        ...

    def audit_events(self, since: str | None = None) -> list[AuditEvent]:
        """Every sealed event, oldest first (those at or after the ISO time ``since``)."""
        ...

    def audit_anchor(self) -> AuditAnchor | None:
        """The anchor (head hash, count); None before the first event."""
        ...

    def replace_audit_events(self, events: list[AuditEvent]) -> None:
        """Store redacted versions of events, by ``seq`` (erasure only)."""
        ...

    def erasure_key(self) -> str:
        """The secret tombstones are hashed with (made on first use, kept in the store)."""
        ...

    def tombstones(self) -> set[str]:
        """The keyed hashes of erased ids and emails."""
        ...

    def erase_person(self, person: str, *, tombstones: list[str], audit: AuditEntry) -> None:
        """Remove the person, their links and the introductions naming them, keep ``tombstones`` and
        append ``audit``, in one transaction."""
        ...

    def scrub(self) -> None:
        """Leave no erased value in free pages or logs the store controls."""
        ...


class EvidenceRow(TypedDict):
    """One count of tie evidence: how many events tied the pair (a < b) that day through that channel."""

    a: str
    b: str
    channel: str
    day: str  # ISO date (UTC)
    events: int
    minutes: float | None


class TieFiguresRow(NamedTuple):
    """A pair's running figures (:class:`netgraph.model.ties.PairFigures`), kept beside its counts, as stored.

    ``rule``: :func:`netgraph.model.ties.figures_rule` of the settings they
    were made under (figures of other settings are not used). Days are ISO
    dates; ``pending``: the pair's pending days and their events as JSON,
    ``[[days], [events]]`` (both empty once the pair qualified). A tuple, and
    the pending days one string, because a first ingest passes one per pair
    it counted (hundreds of thousands) straight from DuckDB to the store.
    """

    a: str
    b: str
    rule: str
    first_seen: str
    last_seen: str
    events: int
    evidence: float
    qualified_by: str | None
    pending: str


class SignalPerson(TypedDict):
    """What ingesting events needs to know of a person."""

    id: str
    email: str | None
    status: str
    signals_opt_out: bool
    org_unit: str | None


class TieEvidence(Protocol):
    """The counts ties are built from, the ledger of inputs already counted, and links removed by hand.

    No event is ever stored: only per-pair, per-channel, per-day counts
    (:mod:`netgraph.io.interactions`). :mod:`netgraph.analysis.ties` reads
    them, judges the pairs (DuckDB) and writes the ties as KNOWS records.
    """

    def tie_batches(self) -> set[str]:
        """The content hashes of the inputs already ingested (the ledger)."""
        ...

    def add_tie_evidence(
        self,
        batch: str,
        rows: Iterable[EvidenceRow],
        *,
        files: list[tuple[str, str]],
        events: Iterable[tuple[str, str]] = (),
        figures: Iterable[TieFiguresRow] = (),
        new_pairs: Iterable[tuple[str, str]] = (),
    ) -> int:
        """Store the counts of one ingest under ``batch``, then record its ``files`` ((name, hash) each).

        Until the ledger holds the files, their counts do not count: rows an
        interrupted run left behind are dropped before anything new is
        written, so a crash never counts an input twice. ``events``: the
        keyed hashes of the events counted, with their day ((hash, ISO day)
        each), kept with the counts (:meth:`counted_events`). ``figures``:
        the new running figures of the pairs the counts touch, replacing
        theirs (:meth:`tie_figures`); they stand or fall with the counts (an
        interrupted run's pairs lose their figures, and are judged from
        their counts next time). ``new_pairs``: pairs of ``rows`` that the
        caller has just found without counts or figures in the store (in pair
        order, as ``rows``; :meth:`tie_figures_or_counts` left them out of
        both), which a store may add without looking for what it holds of
        them; the result is the same without it. Returns the rows written.
        """
        ...

    def tie_figures(self, pairs: list[tuple[str, str]]) -> Iterable[TieFiguresRow]:
        """The running figures kept of ``pairs`` (each ``(a, b)`` with a < b; a pair without any is left out)."""
        ...

    def tie_figures_or_counts(
        self, pairs: list[tuple[str, str]], rule: str
    ) -> tuple[list[TieFiguresRow], list[EvidenceRow]]:
        """Of each of ``pairs``: its figures if kept under ``rule`` and qualified, else its stored counts.

        What a day judges a pair from (:meth:`tie_figures` of the pairs, then
        :meth:`tie_evidence` of those without such figures), in one read of
        each pair: a day of a million events touches most pairs of a 10k
        organisation. A pair with neither is left out of both.
        """
        ...

    def tie_event_key(self) -> bytes:
        """The store's secret key for hashing events (made at random on first use, then always the same)."""
        ...

    def counted_events(self) -> Iterable[str]:
        """The keyed hashes of the events counted by ingests (those not forgotten yet), streamed."""
        ...

    def forget_counted_events(self, before: str) -> int:
        """Drop the hashes of events dated before ``before`` (ISO date); how many went."""
        ...

    def tie_evidence(self, pairs: list[tuple[str, str]] | None = None) -> Iterable[EvidenceRow]:
        """The stored counts (of ``pairs`` only, each ``(a, b)`` with a < b), in no particular order.

        One row per input that counted them: the same pair, channel and day
        may come more than once (add them up). Streamed: an organisation
        holds tens of millions.
        """
        ...

    def purge_tie_evidence(self, people: list[str]) -> int:
        """Drop every count, running figure and removal note naming one of ``people``; how many counts went."""
        ...

    def note_removed_tie(self, a: str, b: str, on: str) -> None:
        """Remember that the KNOWS link of a and b was removed by hand on ``on`` (ISO date)."""
        ...

    def removed_ties(self) -> dict[tuple[str, str], str]:
        """(a, b) with a < b -> the day its link was last removed by hand."""
        ...

    def knows_links(self, pairs: list[tuple[str, str]]) -> list[KnowsRecord]:
        """The stored KNOWS records (retired ones too) of ``pairs``, as ``export`` gives them."""
        ...

    def links_with_source(self, source: str, people: list[str] | None = None) -> list[KnowsRecord]:
        """The stored KNOWS records naming ``source``, of ``people`` only if given, sorted by (a, b)."""
        ...

    def signal_people(self) -> list[SignalPerson]:
        """Everyone, with what events name them by and whether they opted out, sorted by id."""
        ...

    def manager_pairs(self) -> list[tuple[str, str]]:
        """(manager, report): holders of a position and of the one it reports to, neither left; sorted."""
        ...


class PositionLink(TypedDict):
    """A position on a reporting line: the position it reports to and who holds it (sorted)."""

    reports_to: str | None
    holders: list[str]


class MatchingMentorship(TypedDict):
    mentor: str
    mentee: str
    status: str
    until: str | None


class MatchingData(TypedDict):
    """What a mentor-matching round reads about its people, besides their records and the contact network.

    ``held``: person -> positions they hold (sorted; people holding none are absent).
    ``positions``: every position they hold and every one above it -> its link.
    ``mentorships``: every mentorship with both ends among the people, by (mentor, mentee).
    ``load``: person -> active mentees plus open introductions they made, for every person that exists.
    """

    held: dict[str, list[str]]
    positions: dict[str, PositionLink]
    mentorships: list[MatchingMentorship]
    load: dict[str, int]


class MatchingQueries(Protocol):
    """What mentor matching reads: a round's people in one round trip, and the contact network once."""

    def matching_inputs(self, people: list[str]) -> MatchingData:
        """Positions, reporting lines, mentorships among them and load of ``people`` (unknown ids skipped)."""
        ...

    def contact_projection(self) -> dict[str, list[str]]:
        """id -> KNOWS/MENTORS contacts (either direction, sorted) of everyone with one, people who left left out."""
        ...

    def skill_holders(self, min_level: int) -> dict[str, dict[str, int]]:
        """id -> {skill: level} of the skills each person holds at ``min_level`` or above; people who left and
        people holding none left out. Streamed once: what the contacts of a round's mentors can reach."""
        ...


class MatchRounds(Protocol):
    """Stored mentoring rounds (netgraph/model/match_rounds.py), each one JSON-able record kept whole.

    Not part of export/import documents. Every write carries its audit event, appended in the
    same transaction; erasing a person takes them out of every round (``erase_person``).
    """

    def save_match_round(
        self, match_round: MatchRound, audit: AuditEntry, proposals: list[Proposal] | None = None
    ) -> None:
        """Store ``match_round`` (a new one, or in place of the stored one with its ``id``) and append
        ``audit``, in one transaction.

        With ``proposals`` (records of netgraph/model/match_proposals.py, of this round), the round's
        stored proposals never sent (both sides ``proposed``) are dropped and ``proposals`` stored, each
        in place of a stored one of the same pair, in the same transaction.
        """
        ...

    def match_proposals(self, round_id: str) -> list[Proposal]:
        """The round's stored proposals, every field present, by (mentor, mentee); a pair both sides
        accepted carries its mentorship's feedback (read off the MENTORS link)."""
        ...

    def person_match_proposals(self, person: str) -> list[Proposal]:
        """Every stored proposal naming ``person`` (as mentor or mentee), by (round, mentor, mentee)."""
        ...

    def answer_match_proposal(
        self, round_id: str, mentor: str, mentee: str, side: str, state: str, on: str, audit: AuditEntry
    ) -> Proposal | None:
        """Set ``side``'s state (``mentor``/``mentee``) to ``state`` and its day to ``on``, only if that
        side's state is ``sent``, appending ``audit`` in the same transaction; return the proposal as
        stored after (None, and nothing written, when there is no such proposal or that side is not
        ``sent``). One side's answer never overwrites the other's."""
        ...

    def rate_match_proposal(
        self,
        round_id: str,
        mentor: str,
        mentee: str,
        side: str,
        rating: int,
        again: bool,
        audit: AuditEntry,
    ) -> Proposal | None:
        """Set ``side``'s feedback (``{side}_rating``, ``{side}_again``) on the pair's MENTORS link (the
        mentorship's record), only if both sides accepted the proposal, the mentorship has ended and that
        side has not rated yet, appending ``audit`` in the same transaction; return the proposal as read
        after (None, and nothing written, otherwise)."""
        ...

    def match_round(self, round_id: str) -> MatchRound | None:
        """The stored round with this id, as saved; None when there is none."""
        ...

    def match_rounds(self) -> list[MatchRound]:
        """Every stored round, by id."""
        ...


class Outbox(Protocol):
    """The messages netgraph sends (netgraph/model/mail.py), one record each, kept until erasure.

    Not part of export/import documents. Erasing a person deletes every message not yet sent that
    names them and redacts the words of every sent one (``erase_person``).
    """

    def queue_messages(self, messages: list[Message], audit: AuditEntry) -> int:
        """Store each message whose ``id`` is not stored yet (one event queues one message, however often
        it is asked) and append ``audit`` when any was new, in one transaction; return how many were new."""
        ...

    def outbox_messages(self, person: str | None = None) -> list[Message]:
        """Every stored message (of ``to_person`` ``person`` only, if given), by ``queued_at`` then ``id``."""
        ...

    def due_messages(self, now: str, limit: int) -> list[Message]:
        """At most ``limit`` messages in state ``queued`` whose ``next_try`` is at or before ``now``,
        by ``next_try`` then ``id``."""
        ...

    def update_message(self, message: Message, audit: AuditEntry) -> None:
        """Store ``message`` in place of the stored one with its ``id`` (a delivery's outcome) and append
        ``audit``, in one transaction; nothing when no message has that id."""
        ...


class ContactNetwork(TypedDict):
    """The contact network as network insights read it, in integer ids (see :mod:`netgraph.model.insights`).

    ``people``: the ids of everyone who has not left, sorted; ``units``: each one's org unit (None without
    one), in the same order; ``links``: one ``[i, j, strength]`` per linked pair, positions in ``people``
    with i < j, sorted by (i, j), the strength that of the pair's strongest link; ``unit_parents``:
    every org unit -> the unit it is part of (None at the top).
    """

    people: list[str]
    units: list[str | None]
    links: list[list[Any]]
    unit_parents: dict[str, str | None]


#: Sections whose records may change what stored insights read: the contact network or the unit tree (a
#: person's status or unit, a link, a unit's parent), the positions and nominations the impact of loss
#: reads (flight risk is a person's field) and the introductions programme growth reads: a write carrying
#: any moves ``network_changed_at``, as does removing ties, units, positions or nominations, and erasing a
#: person.
NETWORK_SECTIONS = ("people", "knows", "mentorships", "org_units", "positions", "successors", "introductions")
NETWORK_REMOVALS = ("knows", "org_units", "positions", "successors")
#: The figure stored person rows are ranked by (``person_insights`` answers highest first).
INSIGHT_RANK: Final = "betweenness"


def touches_network(dataset: Document, remove: Removals | None) -> bool:
    """Whether a write may change the contact network, the unit tree or the succession facts impact reads
    (then stored insights go stale).

    >>> touches_network({"introductions": []}, None), touches_network({}, {"knows": [("a", "b")]})
    (False, True)
    """
    return any(dataset.get(section) for section in NETWORK_SECTIONS) or any(
        (remove or {}).get(section) for section in NETWORK_REMOVALS
    )


class DepartureLink(TypedDict):
    """A link between someone who stays (``person``) and someone who left (``departed``, on ``left_on``)."""

    person: str
    departed: str
    strength: float
    left_on: str


class PersonFacts(TypedDict):
    """What impact, exposure and growth read of a person who has not left: :meth:`InsightQueries.person_facts`."""

    flight_risk: str | None
    skills: dict[str, int]
    wants_to_grow: list[str]


class GrowthLinks(TypedDict):
    """Dated ties, mentorship starts and accepted introductions: :meth:`InsightQueries.growth_links`."""

    ties: list[list[str]]
    mentorships: list[list[str]]
    introductions: list[list[str]]


class InsightQueries(Protocol):
    """What network insights read: the whole contact network at once, as a projection."""

    def contact_network(self, *, mentor_strength: float, missing_strength: float) -> ContactNetwork:
        """KNOWS links not retired and MENTORS links of any status between people who have not left.

        A MENTORS link counts as ``mentor_strength``, a KNOWS link without a strength as
        ``missing_strength`` (:func:`~netgraph.model.rules.link_strength`). Read in one pass (one
        statement on Neo4j), so the measures see one snapshot.
        """
        ...

    def departure_links(self, since: str, *, mentor_strength: float, missing_strength: float) -> list[DepartureLink]:
        """Links counted as :meth:`contact_network` counts them (the strongest of each pair), between someone
        who has not left and someone who left on or after ``since`` (an ISO date, ``left_on``), by the one
        who stays, then the leaver (``cypher/insights/departure_links.cypher``): exposure to departures."""
        ...

    def growth_links(self, since: str) -> GrowthLinks:
        """What programme growth reads (``cypher/insights/growth_links.cypher``): every KNOWS link, retired ones
        too, dated (its ``since``, else ``first_seen``) on or after ``since``, [a, b, date] with a < b; every
        mentorship with a start, [mentor, mentee, since, status]; every introduction accepted, [introduce, to,
        accepted_on]; each sorted."""
        ...

    def person_facts(self) -> dict[str, PersonFacts]:
        """id -> flight risk (None when not recorded), skills (name -> level) and skills they want to grow, of
        everyone who has not left (``cypher/insights/person_facts.cypher``): all that impact, exposure and growth
        read of people, without reading their whole records."""
        ...

    def network_changed_at(self) -> str | None:
        """When a write last changed the contact network or the unit tree (ISO time); None if never."""
        ...

    def save_insights(
        self,
        state: InsightState,
        people: list[InsightPersonRow],
        parts: InsightParts | None = None,
        orders: InsightOrders | None = None,
    ) -> None:
        """Replace every stored insight, in one transaction: ``state`` (``computed_at``, ``mode``, ``sources``
        and the other small figures every read needs; it names no person), one row per person (``person``,
        ``unit`` and the figures), and ``parts``: kind -> ``(key, value)`` pairs in the order reads list
        them (a silo row per unit, a heat map per level...), stored one record each so a read opens only
        the ones it shows. Parts name no person. ``orders``: kind -> the ids of people in the order a page
        lists them (:meth:`ordered_insights` reads the first ones)."""
        ...

    def insight_state(self) -> InsightState | None:
        """The stored ``state``, as saved; None before the first refresh."""
        ...

    def insight_state_and_marker(self) -> tuple[InsightState | None, str | None]:
        """(:meth:`insight_state`, :meth:`network_changed_at`) read together: what every read of stored
        insights needs to say whether they are stale, in one round trip on Neo4j. The state carries ``run``
        too: the store's id of the refresh that saved it, which the reads below take (``run=``)."""
        ...

    @overload
    def insight_parts(
        self, kind: Literal["silos"], keys: list[str] | None = None, *, run: str | None = None
    ) -> list[SiloRow]: ...
    @overload
    def insight_parts(
        self, kind: Literal["heat_map"], keys: list[str] | None = None, *, run: str | None = None
    ) -> list[HeatMapLevel]: ...
    @overload
    def insight_parts(
        self, kind: Literal["communities"], keys: list[str] | None = None, *, run: str | None = None
    ) -> list[CommunityRow]: ...
    @overload
    def insight_parts(
        self, kind: Literal["unit_communities"], keys: list[str] | None = None, *, run: str | None = None
    ) -> list[UnitCommunities]: ...
    @overload
    def insight_parts(
        self, kind: Literal["exposure"], keys: list[str] | None = None, *, run: str | None = None
    ) -> list[UnitExposure]: ...
    @overload
    def insight_parts(
        self, kind: Literal["impact_grid"], keys: list[str] | None = None, *, run: str | None = None
    ) -> list[ImpactGrid]: ...
    @overload
    def insight_parts(
        self, kind: Literal["growth"], keys: list[str] | None = None, *, run: str | None = None
    ) -> list[list[GrowthMonth] | MenteeDistances]: ...
    @overload
    def insight_parts(self, kind: str, keys: list[str] | None = None, *, run: str | None = None) -> list[Any]: ...
    def insight_parts(self, kind: str, keys: list[str] | None = None, *, run: str | None = None) -> list[Any]:
        """The stored parts of ``kind`` in the order saved: of ``keys`` only if given (unknown keys skipped).

        ``run`` (here and in every read of stored rows below): the run a reader's state names
        (``InsightState["run"]``, read once per page or answer): rows of that run only, or
        :class:`~netgraph.errors.InsightsRefreshed` when a refresh has replaced it since, never rows of
        another run. None: the current run, whatever it is when the read runs."""
        ...

    def person_insights(
        self,
        persons: list[str] | None = None,
        limit: int | None = None,
        units: list[str] | None = None,
        *,
        run: str | None = None,
    ) -> list[InsightPersonRow]:
        """Stored person rows by ``INSIGHT_RANK``, highest first (then by id): of ``persons`` only if given
        (unknown ids skipped), of people in ``units`` only if given, at most ``limit``. Erasing a person
        removes their row in the same write."""
        ...

    def ordered_insights(
        self,
        order: Literal["impact", "exposed"],
        units: list[str] | None = None,
        limit: int | None = None,
        *,
        run: str | None = None,
    ) -> list[InsightPersonRow]:
        """Stored person rows in the saved ``order`` (:class:`~netgraph.model.insight_rows.InsightOrders`): of
        people in ``units`` only if given, at most ``limit``. Erasing a person removes them from every order,
        and a person whose only exposing tie ran to them from ``exposed``, in the same write."""
        ...

    def ordered_count(
        self, order: Literal["impact", "exposed"], units: list[str] | None = None, *, run: str | None = None
    ) -> int:
        """How many people the saved ``order`` lists (of people in ``units`` only if given): the rows
        :meth:`ordered_insights` gives without a limit, counted without reading them."""
        ...

    def cut_point_insights(
        self, units: list[str] | None = None, limit: int | None = None, *, run: str | None = None
    ) -> list[InsightPersonRow]:
        """The stored rows of cut points (:func:`~netgraph.model.insights.cut_figures` not None), by those
        figures, largest first, then by id: of people in ``units`` only if given, at most ``limit``."""
        ...

    def units_under(self, unit: str) -> list[str] | None:
        """``unit`` and every org unit under it (PART_OF, any depth), sorted; None for an unknown unit. What a
        read of one unit's insights covers, found from the unit down rather than from the whole tree."""
        ...


class Store(
    Persistence,
    Lookups,
    NetworkQueries,
    SuccessionQueries,
    ProgrammeQueries,
    MatchingQueries,
    MatchRounds,
    Outbox,
    AuditTrail,
    TieEvidence,
    InsightQueries,
    Protocol,
):
    """A whole backend: every port."""


# -- what code above the store asks for when it needs more than one port (a module needing a mix
#    of its own declares it beside its functions) -------------------------------------------------


class PersistenceLookups(Persistence, Lookups, Protocol):
    """Records looked up, then written: the lifecycle changes, introductions, cohorts."""


class AuditedPersistence(Persistence, AuditTrail, Protocol):
    """Writes and the trail beside them: imports (which skip erased records), syncs, the audit report."""


class NetworkLookups(NetworkQueries, Lookups, Protocol):
    """The people network and the records it names: the explorer, warm paths, recommendations, what-if."""


class ProgrammeLookups(ProgrammeQueries, Lookups, Protocol):
    """The mentoring programme and the records it names: the overview, cohorts."""


class TieWrites(PersistenceLookups, TieEvidence, Protocol):
    """A change of a tie by hand, with the evidence it leaves or drops: removing a link, opting out."""


class RoundLookups(MatchRounds, Lookups, Protocol):
    """Stored mentoring rounds and the records of the people in them: opening a round, reminders, feedback."""


#: Each port and its methods, in the order of the table above (docs/architecture.md and the contract map use it).
PORTS: dict[str, type] = {
    "Persistence": Persistence,
    "Lookups": Lookups,
    "NetworkQueries": NetworkQueries,
    "SuccessionQueries": SuccessionQueries,
    "ProgrammeQueries": ProgrammeQueries,
    "MatchingQueries": MatchingQueries,
    "MatchRounds": MatchRounds,
    "Outbox": Outbox,
    "AuditTrail": AuditTrail,
    "TieEvidence": TieEvidence,
    "InsightQueries": InsightQueries,
}


def port_methods(port: type) -> list[str]:
    """The public methods a port declares (not inherited ones), in declaration order.

    >>> port_methods(ProgrammeQueries)
    ['mentors_by_load', 'mentees_without_mentor', 'programme_counts', 'introduction_facts', 'introduction_tally']
    """
    return [name for name, value in vars(port).items() if callable(value) and not name.startswith("_")]
