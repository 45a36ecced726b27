"""People leave, things end: the edits that take the graph forward in time.

Imports add and replace records; these edits end and remove them, each one
checked as an import is (the same validation, against the store) and written
in one atomic ``store.write``, so nothing changes when anything is wrong.

**Leaving** (:func:`leave`) keeps a person's history and ends their present:

* their seats become vacant (the holds are removed);
* their active mentorships end, with ``until`` set to the leaving date;
* their nominations are withdrawn;
* their in-flight introductions (proposed, made, accepted) are closed with
  the reason ``person left``.

Their KNOWS links, ended mentorships and finished introductions stay, but a
person who has left is no longer in the people network: every analysis
leaves them out (the stores' network reads skip them). :func:`rejoin` makes
them active again; what leaving ended stays ended.

**HR-owned fields.** Once a person came from an HR sync (``source`` ``hr``),
the sync owns their unit and HR fields: a manual move is refused, because
the next nightly sync would silently undo it.

Examples
--------
>>> from netgraph.store import EmbeddedStore
>>> store = EmbeddedStore(None)
>>> store.write(validate({"people": [{"id": "p1", "name": "Ada", "joined_on": "2020-01-01"}]}))
>>> leave(store, "p1", on=date(2026, 3, 31))["person"]["status"]
'left'
>>> rejoin(store, "p1")["status"]
'active'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from netgraph.analysis.people import known_people
from netgraph.errors import Conflict, InvalidInput, NotFound, Problem
from netgraph.model.audit import diff, entry, summarised
from netgraph.model.records import PersonRecord, Removals
from netgraph.model.validate import validate
from netgraph.model.vocabulary import IN_FLIGHT_STATUSES, READINESS
from netgraph.store.ports import Lookups, Nomination, PersistenceLookups, TieWrites

#: The reason an introduction is closed when one of its people leaves.
PERSON_LEFT = "person left"


def _who(record: Mapping[str, Any]) -> str:
    return f"{record['name']} ({record['id']})"


def _active(store: Lookups, person: str) -> PersonRecord:
    record = known_people(store, [person])[person]
    if record["status"] == "left":
        when = f" on {record['left_on']}" if record["left_on"] else ""
        raise Conflict(f"{_who(record)} has left{when}")
    return record


def _readiness(readiness: str) -> str:
    if readiness not in READINESS:
        raise InvalidInput([Problem("request", "readiness", f"{readiness!r} is not one of: " + ", ".join(READINESS))])
    return readiness


# -- leaving and coming back -------------------------------------------------------------------------------


def leave(store: PersistenceLookups, person: str, *, on: date) -> dict[str, Any]:
    """Mark ``person`` as left on ``on`` and end what they were part of; say what ended.

    Refused: an unknown person, someone who has already left, and a date
    before they joined.
    """
    with store.transaction():  # the checks and the write as one unit
        record = known_people(store, [person])[person]
        if record["status"] == "left":
            when = f", on {record['left_on']}" if record["left_on"] else ""
            raise Conflict(f"{_who(record)} has already left{when}")
        day = on.isoformat()
        if record["joined_on"] and day < record["joined_on"]:
            raise InvalidInput(
                [Problem("request", "on", f"{day} is before {_who(record)} joined, on {record['joined_on']}")]
            )
        roles = store.roles_of(person)
        mentorships = [
            {
                "mentor": person if m["as_mentor"] else m["other"],
                "mentee": m["other"] if m["as_mentor"] else person,
                **{k: m[k] for k in ("since", "until", "status", "kind", "focus")},
            }
            for m in store.mentorships_of(person)
            if m["status"] == "active"
        ]
        introductions = [i for i in store.introductions(person=person) if i["status"] in IN_FLIGHT_STATUSES]
        document, remove = departure(
            record,
            day,
            holds=[h["position"] for h in roles["holds"]],
            nominations=[n["position"] for n in roles["nominations"]],
            mentorships=mentorships,
            introductions=introductions,
        )
        changes = diff(f"person:{person}", record, document["people"][0], fields=("status", "left_on"))
        changes += [
            row
            for old, new in zip(mentorships, document["mentorships"], strict=True)
            for row in diff(f"mentorship:{old['mentor']}/{old['mentee']}", old, new, fields=("status", "until"))
        ]
        changes += [
            row
            for old, new in zip(introductions, document["introductions"], strict=True)
            for row in diff(f"introduction:{old['id']}", old, new, fields=("status", "closed_reason"))
        ]
        changes += [
            {"entity": f"position:{p}", "field": "holder", "before": person, "after": None} for _, p in remove["holds"]
        ]
        changes += [
            {"entity": f"position:{p}", "field": "nominee", "before": person, "after": None}
            for _, p in remove["successors"]
        ]
        store.write(
            validate(document, existing=store), remove=remove, audit=summarised("leave", [f"person:{person}"], changes)
        )
    return {
        "person": known_people(store, [person])[person],
        "vacated": [h["position"] for h in roles["holds"]],
        "withdrawn": [n["position"] for n in roles["nominations"]],
        "mentorships_ended": sorted(m["mentee"] if m["mentor"] == person else m["mentor"] for m in mentorships),
        "introductions_closed": [i["id"] for i in introductions],
    }


def departure(
    record: Mapping[str, Any],
    day: str,
    *,
    holds: list[str],
    nominations: list[str],
    mentorships: Sequence[Mapping[str, Any]],
    introductions: Sequence[Mapping[str, Any]],
) -> tuple[dict[str, Any], Removals]:
    """What leaving on ``day`` writes and removes, as a document and ``remove`` for ``store.write``.

    ``mentorships`` (records) and ``introductions`` (records) are the person's
    live ones; ``holds`` and ``nominations`` position ids. Pure, so that a sync
    can end a whole night's leavers in the write that applies it.

    >>> doc, remove = departure({"id": "p1", "status": "active"}, "2026-03-31", holds=["pos-1"], nominations=[],
    ...                         mentorships=[], introductions=[])
    >>> doc["people"][0]["status"], remove["holds"]
    ('left', [('p1', 'pos-1')])
    """
    person = record["id"]
    document = {
        "people": [{**record, "status": "left", "left_on": day}],
        "mentorships": [{**m, "until": max(day, m["since"] or day), "status": "ended"} for m in mentorships],
        "introductions": [
            {**i, "status": "closed", "closed_reason": PERSON_LEFT, "closed_on": max(day, i["created_on"])}
            for i in introductions
        ],
    }
    remove: Removals = {"holds": [(person, p) for p in holds], "successors": [(person, p) for p in nominations]}
    return document, remove


def rejoin(store: PersistenceLookups, person: str) -> PersonRecord:
    """Make a person who left active again (what leaving ended stays ended); return their record."""
    with store.transaction():
        record = known_people(store, [person])[person]
        if record["status"] != "left":
            raise Conflict(f"{_who(record)} has not left")
        after = {**record, "status": "active", "left_on": None}
        store.write(
            validate({"people": [after]}, existing=store),
            audit=entry("rejoin", [f"person:{person}"], diff(f"person:{person}", record, after)),
        )
    return known_people(store, [person])[person]


# -- succession ---------------------------------------------------------------------------------------------


def _nomination(store: Lookups, person: str, position: str) -> Nomination | None:
    return next((n for n in store.roles_of(person)["nominations"] if n["position"] == position), None)


def _known_position(store: Lookups, position: str) -> dict[str, Any]:
    found = store.position_dependents(position)
    if found is None:
        raise NotFound(f"unknown position {position!r}")
    return dict(found)


def nominate(store: PersistenceLookups, person: str, position: str, *, readiness: str, on: date) -> dict[str, Any]:
    """Nominate ``person`` as a successor for ``position``; return the nomination."""
    _readiness(readiness)
    with store.transaction():
        record = _active(store, person)
        dependents = _known_position(store, position)
        if person in dependents["holders"]:
            raise Conflict(f"{_who(record)} holds {position}: a holder cannot succeed themselves")
        if person in dependents["successors"]:
            raise Conflict(f"{_who(record)} is already nominated for {position}; change the readiness instead")
        nomination = {"person": person, "position": position, "readiness": readiness, "nominated_on": on.isoformat()}
        store.write(
            validate({"successors": [nomination]}, existing=store),
            audit=entry(
                "succession.nominate",
                [f"person:{person}", f"position:{position}"],
                diff(f"nomination:{person}/{position}", None, nomination),
            ),
        )
    return nomination


def set_readiness(store: PersistenceLookups, person: str, position: str, *, readiness: str) -> dict[str, Any]:
    """Change the readiness of an existing nomination (its date stays); return it."""
    _readiness(readiness)
    with store.transaction():
        found = _nomination(store, person, position)
        if found is None:
            raise NotFound(f"{person} is not nominated for {position}")
        nomination = {
            "person": person,
            "position": position,
            "readiness": readiness,
            "nominated_on": found["nominated_on"],
        }
        store.write(
            validate({"successors": [nomination]}, existing=store),
            audit=entry(
                "succession.readiness",
                [f"person:{person}", f"position:{position}"],
                diff(f"nomination:{person}/{position}", found, nomination, fields=("readiness",)),
            ),
        )
    return nomination


def withdraw(store: PersistenceLookups, person: str, position: str) -> dict[str, Any]:
    """Withdraw ``person``'s nomination for ``position``; return what was withdrawn."""
    with store.transaction():
        found = _nomination(store, person, position)
        if found is None:
            raise NotFound(f"{person} is not nominated for {position}")
        store.write(
            {},
            remove={"successors": [(person, position)]},
            audit=entry(
                "succession.withdraw",
                [f"person:{person}", f"position:{position}"],
                diff(f"nomination:{person}/{position}", found, None, fields=("readiness", "nominated_on")),
            ),
        )
    return {"person": person, **found}


def delete_position(store: PersistenceLookups, position: str) -> dict[str, Any]:
    """Delete a position nothing refers to any more; refused, naming them, while something does."""
    with store.transaction():
        dependents = _known_position(store, position)
        named = [
            f"{what}: {', '.join(ids)}"
            for what, ids in (
                ("holders", dependents["holders"]),
                ("nominees", dependents["successors"]),
                ("positions reporting to it", dependents["reports"]),
            )
            if ids
        ]
        if named:
            raise Conflict(f"position {position} cannot be deleted while it has " + "; ".join(named))
        store.write({}, remove={"positions": [position]}, audit=entry("position.delete", [f"position:{position}"]))
    return {"position": position, "deleted": True}


# -- people and links ------------------------------------------------------------------------------------------


def end_mentorship(store: PersistenceLookups, mentor: str, mentee: str, *, on: date) -> dict[str, Any]:
    """End an active mentorship on ``on``; return it as stored."""
    with store.transaction():
        known_people(store, [mentor, mentee])
        found = next((m for m in store.mentorships_of(mentor) if m["as_mentor"] and m["other"] == mentee), None)
        if found is None:
            raise NotFound(f"{mentor} does not mentor {mentee}")
        if found["status"] != "active":
            raise Conflict(f"the mentorship of {mentee} by {mentor} has already ended")
        record = {
            "mentor": mentor,
            "mentee": mentee,
            "since": found["since"],
            "until": on.isoformat(),
            "status": "ended",
            "kind": found["kind"],
            "focus": found["focus"],
        }
        store.write(
            validate({"mentorships": [record]}, existing=store),
            audit=entry(
                "mentorship.end",
                [f"person:{mentor}", f"person:{mentee}"],
                diff(f"mentorship:{mentor}/{mentee}", found, record, fields=("status", "until")),
            ),
        )
    return record


def remove_knows(store: TieWrites, a: str, b: str, *, today: date | None = None) -> dict[str, Any]:
    """Remove the KNOWS link between two people (either way round).

    The removal is remembered: evidence of their interactions dated up to
    ``today`` will not bring the link back (netgraph/analysis/ties.py).
    """
    with store.transaction():
        known_people(store, [a, b])
        pair = (min(a, b), max(a, b))
        if not store.existing_keys("knows", [pair]):
            raise NotFound(f"{a} and {b} have no KNOWS link")
        store.write({}, remove={"knows": [pair]}, audit=entry("knows.remove", [f"person:{a}", f"person:{b}"]))
        store.note_removed_tie(min(a, b), max(a, b), (today or date.today()).isoformat())
    return {"a": min(a, b), "b": max(a, b), "removed": True}


def move_person(store: PersistenceLookups, person: str, *, unit: str) -> PersonRecord:
    """Move a person to another org unit; refused for people whose unit the HR sync owns."""
    with store.transaction():
        record = _active(store, person)
        if record["source"] == "hr":
            raise Conflict(
                f"{_who(record)} comes from the HR system, which owns their org unit: "
                "change it there, or the next sync would undo it"
            )
        store.write(
            validate({"people": [{**record, "org_unit": unit}]}, existing=store),
            audit=entry(
                "person.move",
                [f"person:{person}", f"org_unit:{unit}"],
                diff(f"person:{person}", record, {"org_unit": unit}, fields=("org_unit",)),
            ),
        )
    return known_people(store, [person])[person]


def set_open_to_intros(store: PersistenceLookups, person: str, open_to_intros: bool) -> PersonRecord:
    """A person's own opt-out of (or back into) introductions; return their record."""
    if not isinstance(open_to_intros, bool):
        raise InvalidInput([Problem("request", "open_to_intros", "must be true or false")])
    with store.transaction():
        record = known_people(store, [person])[person]
        store.write(
            validate({"people": [{**record, "open_to_intros": open_to_intros}]}, existing=store),
            audit=entry(
                "person.open_to_intros",
                [f"person:{person}"],
                diff(f"person:{person}", record, {"open_to_intros": open_to_intros}, fields=("open_to_intros",)),
            ),
        )
    return known_people(store, [person])[person]


def set_open_to_mentoring(store: PersistenceLookups, person: str, open_to_mentoring: bool) -> PersonRecord:
    """A person's own choice to stand aside from mentoring rounds (or to come back); return their record."""
    if not isinstance(open_to_mentoring, bool):
        raise InvalidInput([Problem("request", "open_to_mentoring", "must be true or false")])
    with store.transaction():
        record = known_people(store, [person])[person]
        store.write(
            validate({"people": [{**record, "open_to_mentoring": open_to_mentoring}]}, existing=store),
            audit=entry(
                "person.open_to_mentoring",
                [f"person:{person}"],
                diff(
                    f"person:{person}",
                    record,
                    {"open_to_mentoring": open_to_mentoring},
                    fields=("open_to_mentoring",),
                ),
            ),
        )
    return known_people(store, [person])[person]
