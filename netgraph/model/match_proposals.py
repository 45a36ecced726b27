"""A round's proposals as plain data: one record per proposed pair, and the state of each side's answer.

A proposal is stored apart from its round (the round is saved whole; answers
arrive one side at a time and must not overwrite each other)::

    round, mentor, mentee        its key
    fit, why, locked             what the run said of the pair
    mentor_state, mentee_state   each side: proposed -> sent -> accepted | declined | lapsed
    mentor_on, mentee_on         the day that side answered (or lapsed)
    sent_on, answer_by           the day it was sent, and the last day to answer
    mentor_rating, mentor_again  each side's feedback once the mentorship ended: 1-5, and
    mentee_rating, mentee_again  whether they would do it again (None until given)

The feedback is the mentorship's, not the proposal's: it is stored on the
pair's ``MENTORS`` link (exported and imported with it, FEEDBACK_FIELDS) and
only read into the proposal of a pair both sides accepted.

A mentorship starts the day the second side accepts (a ``MENTORS`` link
dated that day). A proposal closes when either side declines or lapses:
its mentee and the mentor's place are free again for the next run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TypedDict, cast

#: Each side's states, in the order they move (the last three are answers; none changes after).
SIDE_STATES = ("proposed", "sent", "accepted", "declined", "lapsed")
#: The answers a person may give.
ANSWERS = ("accepted", "declined")
#: Every field of a stored proposal, in order.
PROPOSAL_FIELDS = (
    "round",
    "mentor",
    "mentee",
    "fit",
    "why",
    "locked",
    "mentor_state",
    "mentee_state",
    "mentor_on",
    "mentee_on",
    "sent_on",
    "answer_by",
    "mentor_rating",
    "mentor_again",
    "mentee_rating",
    "mentee_again",
)
#: The proposal's fields read from its mentorship (the pair's MENTORS link), never stored with the proposal.
FEEDBACK_FIELDS = ("mentor_rating", "mentor_again", "mentee_rating", "mentee_again")
#: The ratings a side may give its ended mentorship.
RATINGS = (1, 2, 3, 4, 5)


class Proposal(TypedDict):
    """A stored proposal: the fields of PROPOSAL_FIELDS, in their order (a unit test holds the two together)."""

    round: str
    mentor: str
    mentee: str
    fit: float
    why: list[str]
    locked: bool
    mentor_state: str
    mentee_state: str
    mentor_on: str | None
    mentee_on: str | None
    sent_on: str | None
    answer_by: str | None
    mentor_rating: int | None
    mentor_again: bool | None
    mentee_rating: int | None
    mentee_again: bool | None


def side_field(p: Mapping[str, Any], side: str, field: str) -> Any:
    """One side's ``state``, ``on``, ``rating`` or ``again`` (``side`` is mentor or mentee).

    >>> side_field({"mentor_state": "sent", "mentee_state": "accepted"}, "mentee", "state")
    'accepted'
    """
    return p[f"{side}_{field}"]


def side_person(p: Mapping[str, Any], side: str) -> str:
    """The person on ``side`` (mentor or mentee) of the pair.

    >>> side_person({"mentor": "m", "mentee": "e"}, "mentee")
    'e'
    """
    person: str = p[side]
    return person


def proposal(round_id: str, pair: Mapping[str, Any]) -> Proposal:
    """A new, unsent proposal of ``pair`` (a run's proposal: mentor, mentee, fit, why, locked).

    >>> proposal("r", {"mentor": "m", "mentee": "e", "fit": 0.5, "why": ["goals"], "locked": False})["mentee_state"]
    'proposed'
    """
    return {
        "round": round_id,
        "mentor": pair["mentor"],
        "mentee": pair["mentee"],
        "fit": pair["fit"],
        "why": list(pair["why"]),
        "locked": bool(pair["locked"]),
        "mentor_state": "proposed",
        "mentee_state": "proposed",
        "mentor_on": None,
        "mentee_on": None,
        "sent_on": None,
        "answer_by": None,
        "mentor_rating": None,
        "mentor_again": None,
        "mentee_rating": None,
        "mentee_again": None,
    }


def complete_proposal(stored: Mapping[str, Any]) -> Proposal:
    """A stored proposal with every field (a store that drops empty fields gives them back as None).

    What a store reads back is JSON or node properties: this is where it becomes a :class:`Proposal`.
    """
    found = {field: stored.get(field) for field in PROPOSAL_FIELDS}
    found["why"] = list(found["why"] or [])
    found["locked"] = bool(found["locked"])
    return cast(Proposal, found)


def with_feedback(p: Proposal, link: Mapping[str, Any] | None) -> Proposal:
    """``p`` with its mentorship's feedback, read off the pair's stored MENTORS link (``link``, its
    properties, or None): only a pair both sides accepted has a mentorship of its own to carry it.

    >>> p = proposal("r", {"mentor": "m", "mentee": "e", "fit": 0.5, "why": [], "locked": False})
    >>> with_feedback(p, {"mentee_rating": 4})["mentee_rating"] is None
    True
    """
    started = (p["mentor_state"], p["mentee_state"]) == ("accepted", "accepted")
    found = link if started and link is not None else {}
    return cast(Proposal, {**p, **{f: found.get(f) for f in FEEDBACK_FIELDS}})


def status(p: Mapping[str, Any]) -> str:
    """The pair's status: ``proposed`` (not sent), ``open`` (waiting for an answer), ``started``
    (both accepted), ``declined`` or ``lapsed`` (closed: the place is free again).

    >>> status({"mentor_state": "accepted", "mentee_state": "sent"}), status({"mentor_state": "accepted",
    ...     "mentee_state": "accepted"}), status({"mentor_state": "lapsed", "mentee_state": "declined"})
    ('open', 'started', 'declined')
    """
    states = (p["mentor_state"], p["mentee_state"])
    if "declined" in states:
        return "declined"
    if "lapsed" in states:
        return "lapsed"
    if states == ("accepted", "accepted"):
        return "started"
    if "proposed" in states:
        return "proposed"
    return "open"


#: Statuses that hold the mentee and one of the mentor's places.
LIVE = ("open", "started")
#: Statuses that free them (the pair is not proposed again in this round).
CLOSED = ("declined", "lapsed")


def overdue(p: Mapping[str, Any], today: date) -> list[str]:
    """The sides of a sent proposal still unanswered after its ``answer_by`` day: they have lapsed.

    >>> overdue({"mentor_state": "accepted", "mentee_state": "sent", "answer_by": "2027-01-31"}, date(2027, 2, 1))
    ['mentee']
    """
    if p["answer_by"] is None or today <= date.fromisoformat(p["answer_by"]):
        return []
    return [side for side in ("mentor", "mentee") if side_field(p, side, "state") == "sent"]


def places_taken(proposals: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """mentor -> places held by live proposals (open or started): a mentor is never shown more
    open proposals than their capacity minus these."""
    taken: dict[str, int] = {}
    for p in proposals:
        if status(p) in LIVE:
            taken[p["mentor"]] = taken.get(p["mentor"], 0) + 1
    return taken


def seen_by(p: Mapping[str, Any], person: str) -> Mapping[str, Any] | None:
    """The proposal as ``person`` may see it (they are one of its two sides), or None.

    >>> seen_by({"mentor": "m", "mentee": "e"}, "x") is None
    True
    """
    return p if person in (p["mentor"], p["mentee"]) else None


def feedback_summary(proposals: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A round's feedback: how many sides rated, the mean rating, and the share who would do it again.

    >>> feedback_summary([{"mentor_rating": 4, "mentor_again": True, "mentee_rating": 2, "mentee_again": False}])
    {'ratings': 2, 'mean_rating': 3.0, 'again_share': 0.5}
    """
    given = [
        (p[f"{side}_rating"], p[f"{side}_again"])
        for p in proposals
        for side in ("mentor", "mentee")
        if p.get(f"{side}_rating") is not None
    ]
    return {
        "ratings": len(given),
        "mean_rating": sum(r for r, _ in given) / len(given) if given else None,
        "again_share": sum(bool(a) for _, a in given) / len(given) if given else None,
    }
