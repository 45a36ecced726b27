"""The one small interface both stores implement.

Everything above the store layer (import/export, analysis, CLI, web) talks to
a :class:`Store`; the embedded networkx store and the Neo4j store are
interchangeable behind it, and the contract test suite runs every method
against both and expects the same answers.

Data crosses this boundary as plain, *normalized* interchange records
(see :mod:`netgraph.model.validate`): the stores never validate, the layer
above never builds queries.
"""

from __future__ import annotations

from typing import Callable, Protocol

#: Called while a long write runs: (section, records done, records in section).
Progress = Callable[[str, int, int], None]


class Store(Protocol):
    #: "embedded" or "neo4j"
    kind: str

    def describe(self) -> str:
        """Where the data lives, for messages: a path or a URI and database."""

    def init_schema(self) -> None:
        """Create constraints and indexes (idempotent; a no-op when embedded)."""

    def existing_keys(self, section: str, keys: list) -> set:
        """The subset of ``keys`` (ids, or end-point tuples for links) already stored."""

    def parent_links(self, section: str) -> dict[str, str]:
        """child -> parent for ``org_units`` (PART_OF) or ``positions`` (REPORTS_TO)."""

    def write(self, dataset: dict, *, progress: Progress | None = None) -> None:
        """Merge a validated, normalized document in one atomic step.

        Entities merge by id and links by their end points; a record replaces
        the stored properties and owned links (skills, goals, holders...) of
        what it names and leaves everything else alone.
        """

    def people(self, ids: list[str]) -> dict[str, dict]:
        """id -> normalized person record (as in an export) of those of ``ids`` that exist."""

    def search_people(self, text: str, limit: int) -> list[dict]:
        """``[{"id", "name", "title", "org_unit" (id), "org_unit_name"}]`` whose name contains ``text``, by name."""

    def mentorships_of(self, person: str) -> list[dict]:
        """Mentorships of ``person`` either way: as_mentor, other, name, since, until, status, kind, focus."""

    def mentors_by_load(self) -> list[dict]:
        """``[{"id", "name", "mentees"}]``: active mentors by number of active mentees, most first."""

    def mentees_without_mentor(self) -> list[dict]:
        """``[{"id", "name"}]``: people who were mentored but have no active mentor now."""

    def neighbourhood(self, person: str, depth: int, limit: int) -> dict | None:
        """The people within ``depth`` links, nearest first, at most ``limit`` besides ``person``.

        ``{"total", "people": [{id, name, title, level, org_unit, distance}],
        "links": [{from, to, type (KNOWS|MENTORS|INTRODUCTION), strength, status, kind}]}``
        (see ``cypher/neighbourhood.cypher``), or None for an unknown person.
        """

    def contacts(self, person: str) -> list[dict]:
        """Everyone ``person`` is linked to by KNOWS or MENTORS, by id.

        Rows ``{"id", "name", "knows": strength | None, "mentors_them": status | None,
        "mentored_by_them": status | None}``: ``mentors_them`` is the status
        ("active"/"ended") of a mentorship in which the contact mentors ``person``.
        """

    def introductions(self, *, person: str | None = None, status: str | None = None,
                      id: str | None = None) -> list[dict]:
        """Introduction records, filtered, newest first (ties by id)."""

    def skill_names(self) -> list[str]:
        """Every skill someone has, wants or a position requires, sorted."""

    def recommendation_inputs(self, person: str, *, via: str, skill: str | None, since: str,
                              scoring: dict, limit: int) -> dict | None:
        """What one recommendation needs, in one call (one round trip on Neo4j); None if ``person`` is unknown.

        ``{"person": record as people() gives it, "contacts": rows as
        contacts() gives them, "skill_known": whether ``skill`` is None or
        exists, "rows": candidate rows}``. The introducers are
        ``netgraph.model.introducers.introducer_ids(contacts, via)``, the goals
        ``[skill]`` or the person's ``wants_to_grow``.

        Row keys: candidate, name, level, org_unit, org_unit_name, introducer,
        introducer_name, tie_strength, tie_kind ("knows"|"mentors"|"mentored_by"),
        tie_since, introducer_rated, track_record, goal_skills ([[skill, level]]
        sorted), adamic_adar, common_contacts, new_reach (bool),
        recent_introductions. One row per candidate, through the introducer
        with the best ``round(w.tie_strength * tie + w.track_record * track, 12)``
        (then lowest id, then link kind). A store may return more candidates
        than ``limit`` (the embedded store returns all; the caller scores and
        ranks); Neo4j scores in Cypher with ``scoring`` (normalized weights
        ``w``, ``mentor_strength``, ``track_prior``, ``fairness_scale``) and
        returns only the best ``limit``.
        """

    def strongest_path(self, source: str, target: str, *, max_hops: int,
                       mentor_strength: float) -> dict | None:
        """The warm path ``{"people": [ids], "strength": s}`` from source to target, or None.

        See ``cypher/warm_path_between.cypher`` for the definition.
        """

    def strongest_paths_to_skill(self, source: str, skill: str, *, max_hops: int, mentor_strength: float,
                                 limit: int) -> list[dict]:
        """``[{"to", "people", "strength"}]``: the best chains to holders of ``skill``, best first."""

    def neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        """id -> KNOWS/MENTORS contacts (either direction), for each of ``ids`` that exists."""

    def cross_unit_contacts(self, ids: list[str]) -> dict[str, list[str]]:
        """id -> contacts who belong to another org unit than the person's."""

    def unit_members(self, units: list[str]) -> dict[str, list[str]]:
        """org unit id -> ids of its members, for each of ``units`` that exists."""

    def position_coverage(self, leavers: list[str], ids: list[str] | None = None) -> list[dict]:
        """Per position (only ``ids``, when given), with ``leavers`` taken out: see ``cypher/succession_positions.cypher``.

        Row keys: id, title, level, critical, org_unit, incumbents, status,
        vacant, flight_risk, thin, shared_cover, cascade (booleans), successors
        ([{person, readiness, level, holds}]). Lists in any order.
        """

    def unit_coverage(self, leavers: list[str]) -> list[dict]:
        """Per org unit, rolled up over its sub-units: see ``cypher/succession_rollup.cypher``."""

    def positions_affected_by(self, leavers: list[str]) -> dict[str, list[str]]:
        """position -> its unit and the units above: the positions a departure can change (``what_if_affected``)."""

    def unit_bench(self, units: list[str]) -> dict[str, tuple[int, int]]:
        """unit -> (critical positions, covered critical positions) in it and below, as things are."""

    def pipeline(self, positions: list[str], weights: dict, limit: int) -> list[dict]:
        """Pipeline suggestions per position: see ``cypher/succession_pipeline.cypher``."""

    def mentees_losing_mentors(self, leavers: list[str]) -> list[dict]:
        """``[{"mentee", "mentors"}]``: mentees whose every active mentor is leaving."""

    def export(self) -> dict:
        """The whole graph as a normalized interchange document, sorted by key."""

    def stats(self) -> dict:
        """``{"nodes": {label: n}, "relationships": {type: n}}`` for every label and type."""

    def clear(self) -> None:
        """Delete everything (tests and benchmarks)."""

    def close(self) -> None:
        """Release connections or files."""
