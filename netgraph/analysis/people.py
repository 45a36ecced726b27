"""People: search by name, and one person's profile (mentors, mentees, skills, goals, introductions)."""

from __future__ import annotations

from typing import Any

from netgraph.errors import Conflict, InvalidInput, NotFound, Problem
from netgraph.model.records import PersonRecord
from netgraph.model.validate import check_whole_number
from netgraph.store.ports import Lookups, SearchHit

MAX_SEARCH = 50


def known_people(store: Lookups, ids: list[str], *, active: bool = False) -> dict[str, PersonRecord]:
    """The records of ``ids``; NotFound naming every unknown one (one store call).

    ``active``: also refuse (Conflict) anyone who has left: they are in no
    analysis of the network, as a start, an end or anywhere between.
    """
    found = store.people(list(ids))
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound("unknown person " + ", ".join(repr(m) for m in missing))
    if active:
        gone = [found[i] for i in ids if found[i]["status"] == "left"]
        if gone:
            raise Conflict(
                ", ".join(f"{r['name']} ({r['id']})" for r in gone)
                + (" has" if len(gone) == 1 else " have")
                + " left the organisation"
            )
    return found


def search(store: Lookups, text: str, *, limit: int = 10) -> list[SearchHit]:
    """People whose name contains ``text`` (any case), by name; at least two characters."""
    text = (text or "").strip()
    if len(text) < 2:
        raise InvalidInput([Problem("request", "q", "type at least two characters of a name")])
    check_whole_number("limit", limit, 1, MAX_SEARCH)
    return store.search_people(text, limit)


def profile(store: Lookups, person: str) -> dict[str, Any]:
    """The person's record with their mentors, mentees (with kind) and introductions."""
    found = store.people([person])
    if not found:
        raise NotFound(f"unknown person {person!r}")
    record = found[person]
    links = store.mentorships_of(person)
    return {
        **record,
        "mentors": [m for m in links if not m["as_mentor"]],
        "mentees": [m for m in links if m["as_mentor"]],
        "introductions": store.introductions(person=person),
    }


def active_mentor_of(store: Lookups, mentor: str | None, mentee: str) -> bool:
    """Whether ``mentor`` currently mentors ``mentee``."""
    return mentor is not None and any(
        c["id"] == mentor and c["mentors_them"] == "active" for c in store.contacts(mentee)
    )
