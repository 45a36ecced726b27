"""A stored mentoring round as plain data, and what erasing a person leaves of it.

A round is one JSON-able record, stored whole by both stores (it is not part
of ``export``/``import`` documents)::

    id, name, deadline, opened_on, status, source
    members      [{person, side (mentee|mentor), capacity (mentors), preferences}]
    locks        [[mentor, mentee]]   pairs HR placed first
    forbids      [[mentor, mentee]]   pairs HR refused
    settings     the [match] settings the last run used (None before a run)
    mode, ran_on, proposals, figures, unmatched   what the last run found (None before)
    left_out     [{person, reason}]   members the last run left out (they left, or stand aside)
    sent_on      the day proposals were last sent (absent before)

Its status moves ``draft`` (opened) -> ``proposed`` (run at least once) ->
``closed`` (no change after that). Locks and forbids may change while the
round is not closed; a new run then proposes again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict

#: A round's statuses, in the order it moves through them.
ROUND_STATUSES = ("draft", "proposed", "closed")
#: The two sides of a round.
SIDES = ("mentee", "mentor")


class RoundMember(TypedDict):
    """A person in a round: their side, a mentor's places (None for a mentee), their ranking of the other side."""

    person: str
    side: str
    capacity: int | None
    preferences: list[str]


class LeftOut(TypedDict):
    """A member the last run left out, and why."""

    person: str
    reason: str | None


class MatchRound(TypedDict):
    """A stored round, as above. What a run found (``proposals``, ``figures``, ``unmatched``) is the
    matching report's own JSON (:mod:`netgraph.analysis.matching.report`), kept as it came."""

    id: str
    name: str
    deadline: str
    opened_on: str
    status: str
    source: dict[str, Any]
    members: list[RoundMember]
    locks: list[list[str]]
    forbids: list[list[str]]
    settings: dict[str, Any] | None
    mode: str | None
    ran_on: str | None
    proposals: list[dict[str, Any]] | None
    figures: dict[str, Any] | None
    unmatched: list[dict[str, Any]] | None
    left_out: list[LeftOut]
    sent_on: NotRequired[str]


def names_person(round_: Mapping[str, Any], person: str) -> bool:
    """Whether ``person`` appears anywhere in the round (as a member, in a pair, a ranking or the report).

    >>> names_person({"members": [{"person": "p1", "preferences": ["p2"]}]}, "p2")
    True
    """
    return person in _mentioned(round_)


def _mentioned(round_: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()
    for member in round_.get("members") or ():
        found.add(member["person"])
        found.update(member.get("preferences") or ())
    for pair in (*(round_.get("locks") or ()), *(round_.get("forbids") or ())):
        found.update(pair)
    for proposal in round_.get("proposals") or ():
        found.update((proposal["mentor"], proposal["mentee"]))
    for unmatched in round_.get("unmatched") or ():
        found.add(unmatched["mentee"])
    return found


def without_person(round_: MatchRound, person: str) -> MatchRound:
    """The round with ``person`` taken out (erasure): their membership, their place in others' rankings,
    every lock, forbid and proposal naming them, and their line among the unmatched.

    The round's figures are counts over everyone and name nobody, so they stay as they were.

    >>> r = {"members": [{"person": "p1", "side": "mentee", "capacity": None, "preferences": ["p2"]},
    ...                  {"person": "p2", "side": "mentor", "capacity": 1, "preferences": []}],
    ...      "locks": [["p2", "p1"]], "forbids": [], "proposals": [{"mentor": "p2", "mentee": "p1"}], "unmatched": []}
    >>> gone = without_person(r, "p2")
    >>> gone["members"], gone["locks"], gone["proposals"]
    ([{'person': 'p1', 'side': 'mentee', 'capacity': None, 'preferences': []}], [], [])
    """
    found: MatchRound = {
        **round_,
        "members": [
            {**m, "preferences": [p for p in m.get("preferences") or () if p != person]}
            for m in round_.get("members") or ()
            if m["person"] != person
        ],
        "locks": [pair for pair in round_.get("locks") or () if person not in pair],
        "forbids": [pair for pair in round_.get("forbids") or () if person not in pair],
    }
    proposals, unmatched = round_.get("proposals"), round_.get("unmatched")
    if proposals is not None:
        found["proposals"] = [p for p in proposals if person not in (p["mentor"], p["mentee"])]
    if unmatched is not None:
        found["unmatched"] = [u for u in unmatched if u["mentee"] != person]
    return found
