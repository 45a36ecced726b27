"""Introductions from proposal to outcome.

An introduction is a promise one person makes: *by* introduces *introduce*
to *to*. It moves forward one step at a time and can be declined at any step
before it happens::

    proposed -> made -> accepted -> met
        \\          \\         \\
         +----------+---------+--> declined
         +----------+---------+--> closed (one of its people left: netgraph.analysis.lifecycle)

Each step records its date (``made_on``, ``accepted_on``, ``met_on``,
``declined_on``, ``closed_on``; ``created_on`` is the proposal's), so the
time from proposal to meeting can be measured.

Only a ``met`` introduction can be rated (1-5), and marking one ``met``
creates the KNOWS link it produced (context ``introduction``), so the
network learns from introductions that worked. Every change is validated
first and written with the store's atomic ``write``.

Examples
--------
>>> can_move("proposed", "made"), can_move("met", "proposed"), can_move("accepted", "declined")
(True, False, True)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from netgraph.analysis.people import known_people
from netgraph.errors import Conflict, InvalidInput, NotFound, Problem
from netgraph.model.audit import diff, entry
from netgraph.model.records import IntroductionRecord
from netgraph.model.validate import validate
from netgraph.model.vocabulary import INTRODUCTION_STATUSES, OUTCOME_MAX, OUTCOME_MIN, STATUS_DATE_FIELDS
from netgraph.store.ports import Lookups, Persistence, PersistenceLookups

#: status -> the statuses it may move to
NEXT = {
    "proposed": ("made", "declined"),
    "made": ("accepted", "declined"),
    "accepted": ("met", "declined"),
    "met": (),
    "declined": (),
    "closed": (),
}
#: Strength of the KNOWS link a met introduction creates.
MET_STRENGTH = 0.4


def can_move(current: str, wanted: str) -> bool:
    return wanted in NEXT[current]


def _knows_or_mentors(store: Persistence, a: str, b: str) -> bool:
    return bool(store.existing_keys("knows", [(a, b)]) or store.existing_keys("mentorships", [(a, b), (b, a)]))


def propose(
    store: PersistenceLookups,
    by: str,
    introduce: str,
    to: str,
    *,
    note: str | None = None,
    today: date | None = None,
    sees: Callable[[Mapping[str, Any]], bool] | None = None,
) -> IntroductionRecord:
    """Record that ``by`` proposes to introduce ``introduce`` to ``to``.

    Refused: unknown people, the same person twice, an introducer who does not
    personally know both (KNOWS or MENTORS), two people who already know each
    other or were already introduced (in any status), and anyone closed to
    introductions.

    ``sees``: whether the caller may see an introduction (the web passes the
    visibility table's answer; None: every one). An earlier introduction the
    caller may not see does not refuse the proposal: the refusal would tell
    them it exists, so they are answered as for any pair they may propose.
    """
    with store.transaction():  # the checks and the write as one unit
        if len({by, introduce, to}) < 3:
            raise InvalidInput("the introducer and the two people introduced must be three different people")
        people = known_people(store, [by, introduce, to], active=True)
        for person in (introduce, to):
            if not people[person].get("open_to_intros", True):
                raise Conflict(f"{people[person]['name']} ({person}) is closed to introductions")
            if not _knows_or_mentors(store, by, person):
                raise Conflict(
                    f"{people[by]['name']} ({by}) does not know {people[person]['name']} ({person}) "
                    "personally, so cannot introduce them"
                )
        if _knows_or_mentors(store, introduce, to):
            raise Conflict(f"{people[introduce]['name']} and {people[to]['name']} already know each other")
        earlier = [
            i
            for i in store.introductions(person=introduce)
            if to in (i["introduce"], i["to"]) and (sees is None or sees(i))
        ]
        if earlier:
            # no id or status in the message: the caller may not be allowed to see that introduction
            raise Conflict(f"{people[introduce]['name']} and {people[to]['name']} were already introduced")
        record = {
            "id": f"i-{uuid.uuid4().hex[:12]}",
            "by": by,
            "introduce": introduce,
            "to": to,
            "status": "proposed",
            "created_on": (today or date.today()).isoformat(),
            "note": note or None,
            "outcome": None,
        }
        store.write(
            validate({"introductions": [record]}, existing=store),
            audit=entry(
                "intro.propose",
                [f"introduction:{record['id']}", f"person:{by}", f"person:{introduce}", f"person:{to}"],
                diff(f"introduction:{record['id']}", None, record, fields=("status", "note")),
            ),
        )
    return store.introductions(id=record["id"])[0]


def update(
    store: PersistenceLookups,
    introduction_id: str,
    *,
    status: str | None = None,
    outcome: int | None = None,
    today: date | None = None,
) -> IntroductionRecord:
    """Move an introduction forward and/or rate its outcome; return it as stored."""
    with store.transaction():  # the checks and the write as one unit
        found = store.introductions(id=introduction_id)
        if not found:
            raise NotFound(f"unknown introduction {introduction_id!r}")
        record: dict[str, Any] = dict(found[0])
        if status is None and outcome is None:
            raise InvalidInput("nothing to change: give a status, an outcome, or both")
        if status is not None and status != record["status"]:
            if status not in INTRODUCTION_STATUSES:
                raise InvalidInput(
                    [Problem("request", "status", f"{status!r} is not one of: " + ", ".join(INTRODUCTION_STATUSES))]
                )
            if not can_move(record["status"], status):
                allowed = ", ".join(NEXT[record["status"]]) or "nothing (it is final)"
                raise Conflict(
                    f"introduction {introduction_id} is {record['status']}: it can move to {allowed}, not {status}"
                )
            record["status"] = status
            record[STATUS_DATE_FIELDS[status]] = (today or date.today()).isoformat()
        if outcome is not None:
            if isinstance(outcome, bool) or not isinstance(outcome, int) or not OUTCOME_MIN <= outcome <= OUTCOME_MAX:
                raise InvalidInput(
                    [
                        Problem(
                            "request",
                            "outcome",
                            f"{outcome!r} is not between {OUTCOME_MIN} and {OUTCOME_MAX} (a whole number)",
                        )
                    ]
                )
            if record["status"] != "met":
                raise Conflict(f"introduction {introduction_id} is {record['status']}: rate it once it is met")
            record["outcome"] = outcome
        document = {"introductions": [record]}
        if (
            record["status"] == "met"
            and found[0]["status"] != "met"
            and not _knows_or_mentors(store, record["introduce"], record["to"])
        ):
            document["knows"] = [
                {
                    "a": record["introduce"],
                    "b": record["to"],
                    "since": (today or date.today()).isoformat(),
                    "strength": MET_STRENGTH,
                    "context": "introduction",
                }
            ]
        store.write(
            validate(document, existing=store),
            audit=entry(
                "intro.update",
                [f"introduction:{introduction_id}"],
                diff(
                    f"introduction:{introduction_id}",
                    found[0],
                    record,
                    fields=("status", "outcome", *STATUS_DATE_FIELDS.values()),
                ),
            ),
        )
    return store.introductions(id=introduction_id)[0]


def list_introductions(
    store: Lookups, *, person: str | None = None, status: str | None = None
) -> list[IntroductionRecord]:
    """Introductions, newest first; ``person`` in any role; unknown person or status is an error."""
    if status is not None and status not in INTRODUCTION_STATUSES:
        raise InvalidInput(
            [Problem("request", "status", f"{status!r} is not one of: " + ", ".join(INTRODUCTION_STATUSES))]
        )
    if person is not None and not store.people([person]):
        raise NotFound(f"unknown person {person!r}")
    return store.introductions(person=person, status=status)


#: The people an introduction names, and the field their name goes in.
NAMED_FIELDS = {"by": "by_name", "introduce": "introduce_name", "to": "to_name"}


def with_names(store: Lookups, introductions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``introductions`` with ``by_name``, ``introduce_name`` and ``to_name`` beside the ids (one store call).

    Pages show people by name; the ids stay for links and the API. Someone the
    store no longer knows keeps their id as name.
    """
    ids = sorted({i[f] for i in introductions for f in NAMED_FIELDS})
    people = store.people(ids) if ids else {}
    return [
        {**i, **{named: people[i[f]]["name"] if i[f] in people else i[f] for f, named in NAMED_FIELDS.items()}}
        for i in introductions
    ]
