"""Moving feedback stored on round proposals (by earlier builds) onto the pairs' MENTORS links, once.

An earlier build kept each side's feedback (``mentor_rating``,
``mentor_again``, ``mentee_rating``, ``mentee_again``) on the round's
proposal; the mentorship's ``MENTORS`` link holds it now, and nothing reads
the proposal's copy. Left there, a rated pair would read as unrated and could
be rated again. Both stores run this rule once when they are opened (the
embedded store when its file's format is older, Neo4j with its schema), and
only move what it says.

Which proposal's feedback goes where, side by side (a side's rating and
``again`` move together):

- Only a proposal both sides accepted carries a mentorship's feedback, and
  only onto a link that is that mentorship: the link must exist and must not
  have started after the proposal did (the later of the two answers' days).
  A link that started later is a newer mentorship of the same pair, which
  starts unrated; the old feedback is then left on the proposal, as it is
  when the link is gone. Nothing is lost; it is just not read.
- A link that already has a side's rating keeps it: it was given later,
  through the link (the move had not run yet, the pair read as unrated).
- Of several proposals of the same pair carrying one side's rating, the one
  that started last wins.
- Every proposal whose feedback was placed (moved, or overruled by the
  link's own) loses its copy: the link is then the only place it is kept.

Examples
--------
>>> p = {"round": "r1", "mentor": "m", "mentee": "e", "mentor_state": "accepted", "mentee_state": "accepted",
...      "mentor_on": "2027-03-02", "mentee_on": "2027-03-03", "mentor_rating": 4, "mentor_again": True}
>>> moves = plan_moves([p], {("m", "e"): {"since": "2027-03-03", "mentee_rating": 2}})
>>> moves[0]["link"], moves[0]["dropped"]["mentor_rating"]
({'mentor_rating': 4, 'mentor_again': True}, 4)
>>> plan_moves([p], {("m", "e"): {"since": "2027-09-01"}})  # a newer mentorship of the pair
[]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from netgraph.model.audit import AuditEntry, summarised
from netgraph.model.match_proposals import FEEDBACK_FIELDS

#: The action of the audit event a move writes (one per transaction, the totals in its note).
MOVED = "match.feedback.move"
_SIDES = ("mentor", "mentee")


class FeedbackMove(TypedDict):
    """What the move does to one proposal: the link fields it sets, and the feedback it takes off it."""

    round: str
    mentor: str
    mentee: str
    #: the fields set on the pair's MENTORS link (empty: the link keeps what it has)
    link: dict[str, Any]
    #: the proposal's feedback fields as they were (every one is removed from the proposal)
    dropped: dict[str, Any]


def carries_feedback(stored: Mapping[str, Any]) -> bool:
    """Whether a stored proposal still holds feedback the way earlier builds kept it."""
    return any(stored.get(f) is not None for f in FEEDBACK_FIELDS)


def started_on(p: Mapping[str, Any]) -> str | None:
    """The day the round's pair started (the later answer of two acceptances), or None if it did not."""
    if (p.get("mentor_state"), p.get("mentee_state")) != ("accepted", "accepted"):
        return None
    days = [d for d in (p.get("mentor_on"), p.get("mentee_on")) if d is not None]
    return max(days) if days else ""


def plan_moves(
    proposals: Iterable[Mapping[str, Any]], links: Mapping[tuple[str, str], Mapping[str, Any] | None]
) -> list[FeedbackMove]:
    """The moves for ``proposals`` (stored ones carrying feedback) given the links of their pairs
    (``links[mentor, mentee]``: the MENTORS link's properties, None or missing when there is none),
    by (mentor, mentee, round). See the module docstring for the rule."""
    placed: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for p in proposals:
        pair = (p["mentor"], p["mentee"])
        link, start = links.get(pair), started_on(p)
        if not carries_feedback(p) or link is None or start is None:
            continue
        since = link.get("since")
        if since is not None and start != "" and start < since:
            continue  # a newer mentorship of the pair: not this proposal's
        placed[pair].append(p)
    moves: list[FeedbackMove] = []
    for pair, found in sorted(placed.items()):
        link = links[pair] or {}
        latest_first = sorted(found, key=lambda p: (started_on(p) or "", p["round"]), reverse=True)
        sets: dict[str, dict[str, Any]] = {}
        for side in _SIDES:
            if link.get(f"{side}_rating") is not None:
                continue
            winner = next((p for p in latest_first if p.get(f"{side}_rating") is not None), None)
            if winner is not None:
                fields = (f"{side}_rating", f"{side}_again")
                sets.setdefault(winner["round"], {}).update({f: winner.get(f) for f in fields})
        for p in sorted(found, key=lambda p: p["round"]):
            moves.append(
                {
                    "round": p["round"],
                    "mentor": pair[0],
                    "mentee": pair[1],
                    "link": sets.get(p["round"], {}),
                    "dropped": {f: p.get(f) for f in FEEDBACK_FIELDS},
                }
            )
    return moves


def moved_entry(moves: list[FeedbackMove], *, part: str | None = None) -> AuditEntry:
    """The one audit event of a move (or of one batch of it, ``part``): each link field set, and each
    proposal field removed, before -> after; a large move lists the first ones and gives the totals."""
    changes: list[dict[str, Any]] = []
    entities: list[str] = []
    for m in moves:
        pair, proposal = f"{m['mentor']}/{m['mentee']}", f"match_proposal:{m['round']}/{m['mentor']}/{m['mentee']}"
        entities += [f"person:{m['mentor']}", f"person:{m['mentee']}", f"match_round:{m['round']}"]
        changes += [
            {"entity": f"mentorship:{pair}", "field": f, "before": None, "after": v} for f, v in m["link"].items()
        ]
        changes += [
            {"entity": proposal, "field": f, "before": v, "after": None}
            for f, v in m["dropped"].items()
            if v is not None
        ]
    moved = sum(1 for m in moves if m["link"])
    note = (
        f"feedback kept on {len(moves)} round proposal(s) by an earlier build moved onto the MENTORS links "
        f"({moved} moved, {len(moves) - moved} already rated on the link, which wins)"
    )
    return summarised(MOVED, entities, changes, note if part is None else f"{note}; {part}")
