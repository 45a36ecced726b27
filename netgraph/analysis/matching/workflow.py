"""A round after its run: proposals sent, answered by both sides, lapsed, and mentorships started.

HR sends the proposed pairs (:func:`send`); each side then accepts or
declines by the proposal's ``answer_by`` day (:func:`answer`). When both
accept, the mentorship starts: a ``MENTORS`` link dated that day, audited.
A side that has not answered after ``answer_by`` lapses, by the clock of
whoever asks (:func:`lapse_overdue`, run before every step that depends on
it). A decline or a lapse closes the pair: HR's next run
(:func:`netgraph.analysis.matching.rounds.run`) proposes again for the
mentees left and the places freed, keeping live pairs and never proposing a
closed pair again.

Two guarantees hold here and nowhere else:

* a mentor is never sent more open proposals than the places they have left
  (their capacity minus the pairs already live): extra proposals wait unsent;
* a person sees only proposals made to them (:func:`proposals_for`), and
  only once sent.

The states and what each means are in :mod:`netgraph.model.match_proposals`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Protocol

from netgraph.analysis import outbox
from netgraph.analysis.matching import learn
from netgraph.analysis.matching.rounds import open_round_of, stored_round
from netgraph.errors import Conflict, InvalidInput, NotFound, Problem
from netgraph.model.audit import entry
from netgraph.model.mail import MailSettings
from netgraph.model.match_proposals import (
    ANSWERS,
    FEEDBACK_FIELDS,
    RATINGS,
    Proposal,
    feedback_summary,
    overdue,
    places_taken,
    side_field,
    side_person,
    status,
)
from netgraph.model.match_rounds import MatchRound
from netgraph.model.validate import validate
from netgraph.store.ports import Lookups, MatchRounds, Outbox, Persistence, RoundLookups


class RoundMail(RoundLookups, Outbox, Protocol):
    """A round's steps that people hear about: its proposals, the records of those told, the outbox."""


class RoundAnswers(RoundMail, Persistence, Protocol):
    """An answer, which may start a mentorship: the link written with the records it is checked against."""


def _entity(round_id: str) -> str:
    return f"match_round:{round_id}"


def lapse_overdue(
    store: RoundMail, round_id: str, today: date, *, mail: MailSettings | None = None, now: datetime | None = None
) -> list[Proposal]:
    """Lapse every side that left a sent proposal of the round unanswered after its ``answer_by`` day.

    Each lapse is one audited change (``match.lapse``), and both sides of the pair are told (the
    outbox); return the proposals that changed, as stored after.
    """
    lapsed: dict[tuple[str, str], Proposal] = {}
    for p in store.match_proposals(round_id):
        for side in overdue(p, today):
            after = store.answer_match_proposal(
                round_id,
                p["mentor"],
                p["mentee"],
                side,
                "lapsed",
                today.isoformat(),
                entry(
                    "match.lapse",
                    [_entity(round_id), f"person:{side_person(p, side)}"],
                    [{"entity": _pair_entity(p), "field": f"{side}_state", "before": "sent", "after": "lapsed"}],
                ),
            )
            if after is not None:
                lapsed[(p["mentor"], p["mentee"])] = after
    mail, now = mail or MailSettings(), now or outbox.now_utc()
    outbox.queue(
        store,
        [m for p in lapsed.values() for m in outbox.outcome_messages(p, store, mail, now)],
        what="outcomes",
    )
    return list(lapsed.values())


def _pair_entity(p: Mapping[str, Any]) -> str:
    return f"match_proposal:{p['round']}/{p['mentor']}/{p['mentee']}"


def send(
    store: RoundMail,
    round_id: str,
    *,
    today: date,
    answer_by: date | None = None,
    mail: MailSettings | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Send the round's proposals not yet sent, each mentor's up to the places they have left, and
    queue a message to each side (the outbox).

    ``answer_by`` (default: the round's deadline) is the last day to answer; it may not be in the
    past. Proposals beyond a mentor's places stay unsent (``waiting``) until a place frees. Return
    ``{"round", "sent", "waiting", "answer_by"}``: the pairs sent and those left waiting.
    """
    found = open_round_of(store, round_id)
    if found["figures"] is None:
        raise Conflict(f"mentoring round {round_id!r} has not been run: nothing to send (netgraph match run)")
    by = answer_by or date.fromisoformat(found["deadline"])
    if by < today:
        raise InvalidInput(
            [Problem(f"round {round_id}", "answer_by", f"{by.isoformat()} is in the past: give a later day")]
        )
    mail, now = mail or MailSettings(), now or outbox.now_utc()
    lapse_overdue(store, round_id, today, mail=mail, now=now)
    proposals = store.match_proposals(round_id)
    capacity = {m["person"]: m["capacity"] or 0 for m in found["members"] if m["side"] == "mentor"}
    taken = places_taken(proposals)
    unsent = sorted(
        (p for p in proposals if status(p) == "proposed"), key=lambda p: (not p["locked"], -p["fit"], p["mentee"])
    )
    sent: list[Proposal] = []
    waiting: list[Proposal] = []
    for p in unsent:
        if taken.get(p["mentor"], 0) < capacity.get(p["mentor"], 0):
            taken[p["mentor"]] = taken.get(p["mentor"], 0) + 1
            sent.append(
                {
                    **p,
                    "mentor_state": "sent",
                    "mentee_state": "sent",
                    "sent_on": today.isoformat(),
                    "answer_by": str(by),
                }
            )
        else:
            waiting.append(p)
    if sent:
        sent_round: MatchRound = {**found, "sent_on": today.isoformat()}
        store.save_match_round(
            sent_round,
            entry(
                "match.send",
                [
                    _entity(round_id),
                    *sorted({f"person:{side_person(p, side)}" for p in sent for side in ("mentor", "mentee")}),
                ],
                [{"entity": _entity(round_id), "field": "sent", "before": None, "after": len(sent)}],
            ),
            proposals=sent + waiting,
        )
        outbox.queue(store, outbox.proposal_messages(sent, store, mail, now), what="proposals")
    return {
        "round": round_id,
        "sent": [_pair(p) for p in sent],
        "waiting": [_pair(p) for p in waiting],
        "answer_by": by.isoformat(),
    }


def _pair(p: Proposal) -> dict[str, str]:
    return {"mentor": p["mentor"], "mentee": p["mentee"]}


def _side_of(p: Proposal, person: str) -> str:
    return "mentor" if p["mentor"] == person else "mentee"


def answer(
    store: RoundAnswers,
    round_id: str,
    mentor: str,
    mentee: str,
    *,
    person: str,
    choice: str,
    today: date,
    mail: MailSettings | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """``person`` (the pair's mentor or mentee) accepts or declines; return the proposal as they see it.

    Refused: an answer after ``answer_by`` (that side lapses instead), a second answer, an answer in
    a closed round; a pair that is not ``person``'s is NotFound, as if it did not exist. When the
    second side accepts, the mentorship starts that day (a ``MENTORS`` link, audited
    ``mentorship.start``).
    """
    if choice not in ANSWERS:
        raise InvalidInput([Problem("answer", "choice", f"must be one of {', '.join(ANSWERS)}, not {choice!r}")])
    found = stored_round(store, round_id)
    mine = next(
        (
            p
            for p in store.person_match_proposals(person)
            if (p["round"], p["mentor"], p["mentee"]) == (round_id, mentor, mentee) and status(p) != "proposed"
        ),
        None,
    )
    if mine is None:
        raise NotFound(f"you have no proposal {mentor} -> {mentee} in round {round_id!r}")
    if found["status"] == "closed":
        raise Conflict(f"mentoring round {round_id!r} is closed: proposals can no longer be answered")
    side = _side_of(mine, person)
    mail, now = mail or MailSettings(), now or outbox.now_utc()
    if side in overdue(mine, today):
        lapse_overdue(store, round_id, today, mail=mail, now=now)
        raise Conflict(f"the answer was due by {mine['answer_by']}: the proposal has lapsed")
    after = store.answer_match_proposal(
        round_id,
        mentor,
        mentee,
        side,
        choice,
        today.isoformat(),
        entry(
            f"match.{choice.removesuffix('ed')}",
            [_entity(round_id), f"person:{mentor}", f"person:{mentee}"],
            [{"entity": _pair_entity(mine), "field": f"{side}_state", "before": "sent", "after": choice}],
        ),
    )
    if after is None:
        raise Conflict(f"you have already answered this proposal ({side_field(mine, side, 'state')})")
    if status(after) == "started":
        _start(store, after, today)
    outbox.queue(store, outbox.outcome_messages(after, store, mail, now), what="outcomes")
    return seen_as(after, person, today)


def _start(store: RoundAnswers, p: Proposal, today: date) -> None:
    """Both sides accepted: the mentorship starts today (a MENTORS link), unless it is already active."""
    with store.transaction():
        active = any(
            m["as_mentor"] and m["other"] == p["mentee"] and m["status"] == "active"
            for m in store.mentorships_of(p["mentor"])
        )
        if active:
            return
        # a pair that met again starts unrated: feedback is on this mentorship, not an earlier one's
        record = {
            "mentor": p["mentor"],
            "mentee": p["mentee"],
            "since": today.isoformat(),
            "status": "active",
            **dict.fromkeys(FEEDBACK_FIELDS),
        }
        store.write(
            validate({"mentorships": [record]}, existing=store),
            audit=entry(
                "mentorship.start",
                [f"person:{p['mentor']}", f"person:{p['mentee']}", _entity(p["round"])],
                [
                    {
                        "entity": f"mentorship:{p['mentor']}/{p['mentee']}",
                        "field": "status",
                        "before": None,
                        "after": "active",
                    }
                ],
            ),
        )


def seen_as(p: Proposal, person: str, today: date) -> dict[str, Any]:
    """A proposal as ``person`` (one of its sides) sees it: the pair, the reasons, both sides' states
    (a side overdue shows as lapsed, by ``today``), the day to answer by and what they may still do."""
    side = _side_of(p, person)
    late = overdue(p, today)
    states = {s: ("lapsed" if s in late else side_field(p, s, "state")) for s in ("mentor", "mentee")}
    shown = {**p, "mentor_state": states["mentor"], "mentee_state": states["mentee"]}
    return {
        "round": p["round"],
        "mentor": p["mentor"],
        "mentee": p["mentee"],
        "side": side,
        "why": p["why"],
        "fit": p["fit"],
        "mentor_state": states["mentor"],
        "mentee_state": states["mentee"],
        "answer_by": p["answer_by"],
        "status": status(shown),
        "may_answer": states[side] == "sent",
        "mentor_rating": p["mentor_rating"],
        "mentor_again": p["mentor_again"],
        "mentee_rating": p["mentee_rating"],
        "mentee_again": p["mentee_again"],
        "may_rate": status(shown) == "started" and side_field(p, side, "rating") is None,
    }


def proposals_for(store: MatchRounds, person: str, today: date) -> list[dict[str, Any]]:
    """The proposals sent to ``person``, as they see them (:func:`seen_as`); nobody else's, none unsent.

    A proposal of a closed round is shown only once it started (its outcome); the rest are over.
    """
    sent = [p for p in store.person_match_proposals(person) if status(p) != "proposed"]
    closed = {
        round_id
        for round_id in {p["round"] for p in sent}
        if (round_ := store.match_round(round_id)) is not None and round_["status"] == "closed"
    }
    return [seen_as(p, person, today) for p in sent if p["round"] not in closed or status(p) == "started"]


def round_proposals(store: MatchRounds, round_id: str, today: date) -> list[dict[str, Any]]:
    """Every stored proposal of the round with its status by ``today`` (HR's view)."""
    stored_round(store, round_id)
    found = []
    for p in store.match_proposals(round_id):
        late = overdue(p, today)
        shown = {**p, **{f"{s}_state": "lapsed" for s in late}}
        found.append({**shown, "status": status(shown)})
    return found


def tick(store: RoundMail, *, today: date, mail: MailSettings, now: datetime) -> dict[str, int]:
    """What the clock moves on in every open round: overdue sides lapse, reminders are queued.

    Return ``{"lapsed": pairs that lapsed, "reminders": reminders newly queued}``.
    """
    lapsed = sum(
        len(lapse_overdue(store, r["id"], today, mail=mail, now=now))
        for r in store.match_rounds()
        if r["status"] != "closed"
    )
    reminders = outbox.queue(store, outbox.reminder_messages(store, today, mail, now), what="reminders")
    return {"lapsed": lapsed, "reminders": reminders}


def _ended(store: Lookups, mentor: str, mentee: str) -> bool:
    """Whether the mentorship of ``mentee`` by ``mentor`` is stored and has ended."""
    return any(m["as_mentor"] and m["other"] == mentee and m["status"] == "ended" for m in store.mentorships_of(mentor))


def rate(
    store: RoundLookups,
    round_id: str,
    mentor: str,
    mentee: str,
    *,
    person: str,
    rating: int,
    again: bool,
    today: date,
) -> dict[str, Any]:
    """``person`` (one side of a pair that started in the round) rates the mentorship once it ended:
    ``rating`` 1-5 and whether they would do it again; stored with the mentorship (the pair's MENTORS
    link, so exported with it), audited
    (``match.feedback``), seen by HR and the two people. Return the proposal as they see it.

    Refused: a rating outside 1-5, a mentorship still active (or never started), a second rating;
    a pair that is not ``person``'s is NotFound.
    """
    if isinstance(rating, bool) or rating not in RATINGS:
        raise InvalidInput([Problem("feedback", "rating", f"must be a whole number from 1 to 5, not {rating!r}")])
    stored_round(store, round_id)  # an unknown round is said as such, before any pair is looked for
    mine = next(
        (
            p
            for p in store.person_match_proposals(person)
            if (p["round"], p["mentor"], p["mentee"]) == (round_id, mentor, mentee) and status(p) != "proposed"
        ),
        None,
    )
    if mine is None:
        raise NotFound(f"you have no proposal {mentor} -> {mentee} in round {round_id!r}")
    if status(mine) != "started" or not _ended(store, mentor, mentee):
        raise Conflict("feedback is for a mentorship from this round once it has ended")
    side = _side_of(mine, person)
    after = store.rate_match_proposal(
        round_id,
        mentor,
        mentee,
        side,
        rating,
        again,
        entry(
            "match.feedback",
            [_entity(round_id), f"person:{mentor}", f"person:{mentee}"],
            [
                {"entity": f"mentorship:{mentor}/{mentee}", "field": f"{side}_rating", "before": None, "after": rating},
                {"entity": f"mentorship:{mentor}/{mentee}", "field": f"{side}_again", "before": None, "after": again},
            ],
        ),
    )
    if after is None:
        raise Conflict("you have already given your feedback on this mentorship")
    return seen_as(after, person, today)


def round_feedback(store: MatchRounds, round_id: str) -> dict[str, Any]:
    """The round's feedback for HR: each rated pair's ratings and the round's summary."""
    stored_round(store, round_id)
    proposals = store.match_proposals(round_id)
    rated = [
        {k: p[k] for k in ("mentor", "mentee", "mentor_rating", "mentor_again", "mentee_rating", "mentee_again")}
        for p in proposals
        if p["mentor_rating"] is not None or p["mentee_rating"] is not None
    ]
    return {"round": round_id, "pairs": rated, **feedback_summary(proposals)}


def rated_pairs(store: MatchRounds) -> list[dict[str, Any]]:
    """Every stored round's rated pairs with their stored fit parts and outcome (see
    :func:`~netgraph.analysis.matching.learn.rated_pairs`): the rounds in one read, each
    round's proposals in one more, never a read per pair."""
    found = store.match_rounds()
    return learn.rated_pairs((r, store.match_proposals(r["id"])) for r in found)
