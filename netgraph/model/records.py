"""Normalized records, one typed shape per section, as an export gives them and a write takes them.

:mod:`netgraph.model.validate` makes them (``FIELDS`` of :mod:`netgraph.model.vocabulary` lists each
one's fields in order; ``tests/unit/test_records.py`` holds the two together). A store exports every
field; a document handed to ``write`` may leave out a field of ``KEPT_WHEN_ABSENT`` (the stored value,
or the default, is kept), which a type cannot say record by record.
"""

from __future__ import annotations

from typing import TypedDict


class OrgUnitRecord(TypedDict):
    id: str
    name: str
    parent: str | None
    source: str


class PersonRecord(TypedDict):
    id: str
    name: str
    preferred_name: str | None
    email: str | None
    title: str | None
    level: int | None
    location: str | None
    joined_on: str | None
    status: str
    left_on: str | None
    source: str
    open_to_intros: bool
    open_to_mentoring: bool
    signals_opt_out: bool
    flight_risk: bool | None
    org_unit: str | None
    #: skill name -> level (1-5)
    skills: dict[str, int]
    wants_to_grow: list[str]


class Holder(TypedDict):
    person: str
    since: str | None


class PositionRecord(TypedDict):
    id: str
    title: str
    level: int | None
    critical: bool
    org_unit: str | None
    reports_to: str | None
    requires: list[str]
    holders: list[Holder]


class KnowsRecord(TypedDict):
    a: str
    b: str
    since: str | None
    strength: float | None
    context: str | None
    sources: list[str] | None
    declared_strength: float | None
    evidence_strength: float | None
    org_chart_strength: float | None
    first_seen: str | None
    last_seen: str | None
    retired_on: str | None


class MentorshipRecord(TypedDict):
    mentor: str
    mentee: str
    since: str | None
    until: str | None
    status: str
    kind: str
    focus: list[str]
    mentor_rating: int | None
    mentor_again: bool | None
    mentee_rating: int | None
    mentee_again: bool | None


class SuccessorRecord(TypedDict):
    person: str
    position: str
    readiness: str
    nominated_on: str | None


#: ``by`` introduces ``introduce`` to ``to``; the dates follow the status (``STATUS_DATE_FIELDS``).
class IntroductionRecord(TypedDict):
    id: str
    by: str
    introduce: str
    to: str
    status: str
    closed_reason: str | None
    created_on: str
    made_on: str | None
    accepted_on: str | None
    met_on: str | None
    declined_on: str | None
    closed_on: str | None
    note: str | None
    outcome: int | None


#: A record of any section.
Record = (
    OrgUnitRecord
    | PersonRecord
    | PositionRecord
    | KnowsRecord
    | MentorshipRecord
    | SuccessorRecord
    | IntroductionRecord
)


class Document(TypedDict, total=False):
    """An interchange document: records by section (a section left out holds nothing)."""

    org_units: list[OrgUnitRecord]
    people: list[PersonRecord]
    positions: list[PositionRecord]
    knows: list[KnowsRecord]
    mentorships: list[MentorshipRecord]
    successors: list[SuccessorRecord]
    introductions: list[IntroductionRecord]


class Removals(TypedDict, total=False):
    """What a write removes: links by their end points, positions and units by id (with their own links)."""

    knows: list[tuple[str, str]]
    successors: list[tuple[str, str]]
    holds: list[tuple[str, str]]
    positions: list[str]
    org_units: list[str]


#: A record's key in its section: an id, or a link's end points (``KEYS`` of the vocabulary).
RecordKey = str | tuple[str, str]


#: Each section's record type, in the order of ``SECTIONS``.
RECORD_TYPES: dict[str, type] = {
    "org_units": OrgUnitRecord,
    "people": PersonRecord,
    "positions": PositionRecord,
    "knows": KnowsRecord,
    "mentorships": MentorshipRecord,
    "successors": SuccessorRecord,
    "introductions": IntroductionRecord,
}
