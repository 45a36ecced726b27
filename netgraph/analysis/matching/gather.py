"""A round's plain data, read from a store in a fixed number of round trips.

Four reads whatever the round's size: :meth:`matching_inputs` for the
round's people (positions, reporting lines, mentorships among them, load),
:meth:`contact_projection` for the contact network (streamed once; every
distance search runs over it), :meth:`skill_holders` for who holds which
skill at level 3 or above (streamed once; the mentors' contacts count for
reach by it), and :meth:`people` for the records of the round's people.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from netgraph.analysis.matching.inputs import REACH_MIN_LEVEL, Member, PastMentorship, RoundInputs
from netgraph.store.ports import Lookups, MatchingQueries


class MatchingLookups(MatchingQueries, Lookups, Protocol):
    """A matching round's inputs and its people's records."""


def member_of(record: Mapping[str, Any], positions: list[str], preferences: tuple[str, ...]) -> Member:
    """A person's record (as ``people()`` gives it) as a :class:`Member` of a round."""
    skills = record.get("skills") or {}
    return Member(
        id=record["id"],
        level=record.get("level"),
        unit=record.get("org_unit"),
        location=record.get("location"),
        skills=dict(skills),
        wants=tuple(record.get("wants_to_grow") or ()),
        positions=tuple(positions),
        preferences=preferences,
    )


def gather_round(
    store: MatchingLookups,
    mentees: list[str],
    capacity: Mapping[str, int],
    today: str,
    preferences: Mapping[str, tuple[str, ...]] | None = None,
) -> RoundInputs:
    """The :class:`RoundInputs` of a round of ``mentees`` and mentors (``capacity``: mentor -> places).

    Every id must exist (the caller checks the round first); ``preferences``:
    person -> their ranking of the other side.
    """
    preferences = preferences or {}
    people = sorted({*mentees, *capacity})
    data = store.matching_inputs(people)
    contacts = store.contact_projection()  # sorted lists, kept as they are: only ever walked
    holders = store.skill_holders(REACH_MIN_LEVEL)
    # a mentor's contact counts for reach by the skills they hold at REACH_MIN_LEVEL or above: that is
    # all reach reads of them, streamed once rather than a record read per contact
    members = {
        contact: Member(id=contact, skills=holders[contact])
        for mentor in capacity
        for contact in contacts.get(mentor, ())
        if contact in holders
    }
    records = store.people(people)
    members.update(
        (pid, member_of(record, data["held"].get(pid, []), tuple(preferences.get(pid, ()))))
        for pid, record in records.items()
    )
    return RoundInputs(
        mentees=tuple(sorted(mentees)),
        capacity=dict(capacity),
        members=members,
        today=today,
        reports_to={pid: link["reports_to"] for pid, link in data["positions"].items()},
        holders={pid: tuple(link["holders"]) for pid, link in data["positions"].items()},
        mentorships=tuple(
            PastMentorship(m["mentor"], m["mentee"], m["status"], m["until"]) for m in data["mentorships"]
        ),
        contacts=contacts,
        load=dict(data["load"]),
    )
