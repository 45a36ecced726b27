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
        """id -> scalar fields (name, level, open_to_intros...) of the people that exist."""

    def introductions(self, *, person: str | None = None, status: str | None = None,
                      id: str | None = None) -> list[dict]:
        """Introduction records, filtered, newest first (ties by id)."""

    def export(self) -> dict:
        """The whole graph as a normalized interchange document, sorted by key."""

    def stats(self) -> dict:
        """``{"nodes": {label: n}, "relationships": {type: n}}`` for every label and type."""

    def clear(self) -> None:
        """Delete everything (tests and benchmarks)."""

    def close(self) -> None:
        """Release connections or files."""
