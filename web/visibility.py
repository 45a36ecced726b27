"""Who sees what inside an answer: the one table every page and API answer goes through.

Operations decide *who may call them* (``x-roles`` in ``web/openapi.json``,
checked by ``auth.requires``). This module decides, inside an answer, *which
fields and records* each caller sees, so that a viewer who may open anyone's
person page still does not read an HR note on an introduction, or where a
colleague lives.

``AUDIENCES`` maps ``(schema, field)`` (a schema of ``web/openapi.json``;
field ``"*"`` for the whole record) to its audience, a tuple of tokens any one
of which lets the caller see it:

``"admin"``, ``"hr"``, ``"mentor"``, ``"viewer"``
    the account's role;
``"self"``
    the account is linked to the person the answer is about (the ``{person}``
    of the path);
``"person:F"``
    the account is linked to the person the record's field ``F`` names;
``"mentor-of:F"``
    the account's person is an active mentor of the person field ``F`` names.

A field that is not in the table is seen by everyone the operation lets in. A
hidden field is ``null``; a hidden record is left out of its list, and the
explorer leaves out the dashed edge that draws it. ``web/openapi.json``
carries the same audiences as ``x-visible-to`` (``tests/web/test_visibility.py``
checks the description against this table, and real answers for every role
against the description).

>>> sana = Viewer("mentor", "p009", frozenset({"p033"}))
>>> sees(sana, AUDIENCES["Introduction", "*"], {"by": "p067", "introduce": "p033", "to": "p074"})
True
>>> sees(Viewer("viewer"), AUDIENCES["Introduction", "*"], {"by": "p067", "introduce": "p033", "to": "p074"})
False
>>> person({"id": "p009", "email": "sana@example.org", "flight_risk": "low", "mentors": [], "mentees": [],
...         "introductions": []}, sana)["email"]
'sana@example.org'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flask import g

from netgraph.analysis.introductions import list_introductions
from netgraph.store import Store

HR = ("admin", "hr")
#: An introduction: the three people it names, the active mentors of the two introduced, HR.
INTRODUCTION = (*HR, "person:by", "person:introduce", "person:to", "mentor-of:introduce", "mentor-of:to")
#: The details of a mentorship: its two people (the page's person and ``other``), HR.
MENTORSHIP = (*HR, "self", "person:other")

#: (schema in web/openapi.json, field or "*") -> who sees it; everything else: every caller the operation admits
AUDIENCES: dict[tuple[str, str], tuple[str, ...]] = {
    ("Profile", "email"): (*HR, "self"),
    ("Profile", "location"): (*HR, "self"),
    ("Profile", "joined_on"): (*HR, "self"),
    ("Profile", "flight_risk"): HR,
    ("Profile", "left_on"): (*HR, "self"),
    ("Profile", "source"): HR,
    ("Profile", "open_to_intros"): (*HR, "mentor", "self"),  # those who may propose introductions
    ("Profile", "open_to_mentoring"): (*HR, "self"),  # HR runs the mentoring rounds
    ("Mentorship", "since"): MENTORSHIP,
    ("Mentorship", "until"): MENTORSHIP,
    ("Mentorship", "focus"): MENTORSHIP,
    ("Introduction", "*"): INTRODUCTION,  # its note, outcome and status with it
    ("Recommendation", "components"): HR,  # the scoring internals; mentors get the score and the reasons
    ("Tie", "counts"): ("admin",),  # how many events two people had: the most private figure ties come from
}


@dataclass(frozen=True)
class Viewer:
    """Who is asking: their role, the person their account is linked to, that person's active mentees."""

    role: str
    person: str | None = None
    mentees: frozenset[str] = field(default_factory=frozenset)


def sees(viewer: Viewer, audience: tuple[str, ...], record: dict, subject: str | None = None) -> bool:
    """Whether ``viewer`` is in ``audience`` for ``record`` (in an answer about the person ``subject``).

    >>> sees(Viewer("viewer", "p033"), AUDIENCES["Profile", "email"], {"id": "p033"}, subject="p033")
    True
    >>> sees(Viewer("mentor", "p009", frozenset({"p033"})), AUDIENCES["Profile", "email"], {}, subject="p033")
    False
    """
    for token in audience:
        kind, _, name = token.partition(":")
        if token == viewer.role:
            return True
        if viewer.person is None:
            continue
        if (
            token == "self"
            and subject == viewer.person
            or kind == "person"
            and record.get(name) == viewer.person
            or kind == "mentor-of"
            and record.get(name) in viewer.mentees
        ):
            return True
    return False


def sees_all(viewer: Viewer, schema: str, name: str = "*") -> bool:
    """Whether the viewer's role alone shows them every such field or record (no need to look further)."""
    return viewer.role in AUDIENCES[schema, name]


def redact(record: dict, schema: str, viewer: Viewer, subject: str | None = None) -> dict:
    """``record`` with the fields of ``schema`` that ``viewer`` may not see set to None.

    >>> redact({"id": "p1", "flight_risk": "high"}, "Profile", Viewer("viewer"))["flight_risk"] is None
    True
    """
    hidden = [
        name
        for (kind, name), audience in AUDIENCES.items()
        if kind == schema and name in record and not sees(viewer, audience, record, subject)
    ]
    return {**record, **dict.fromkeys(hidden)}


def introductions(records: list[dict], viewer: Viewer) -> list[dict]:
    """The introductions of ``records`` that ``viewer`` may see, in the same order."""
    return [r for r in records if sees(viewer, AUDIENCES["Introduction", "*"], r)]


def person(record: dict, viewer: Viewer) -> dict:
    """A profile (``analysis.people.profile``) as ``viewer`` may see it: fields, mentorships, introductions."""
    subject = record["id"]
    return {
        **redact(record, "Profile", viewer, subject),
        "mentors": [redact(m, "Mentorship", viewer, subject) for m in record["mentors"]],
        "mentees": [redact(m, "Mentorship", viewer, subject) for m in record["mentees"]],
        "introductions": introductions(record["introductions"], viewer),
    }


def recommendations(answer: dict, viewer: Viewer) -> dict:
    """Recommendations (``analysis.recommend.recommend``) as ``viewer`` may see them."""
    return {**answer, "results": [redact(r, "Recommendation", viewer, answer["person"]) for r in answer["results"]]}


def network(view: dict, visible: list[dict] | None) -> dict:
    """An explorer view (``analysis.explorer.network``) without the introduction links the viewer may not see.

    ``visible``: the introductions the viewer may see among these people (at
    least), or None when they may see every one. An introduction links
    ``introduce`` to ``to``; each visible one keeps one such link.

    >>> view = {"links": [{"from": "a", "to": "b", "type": "INTRODUCTION"},
    ...                   {"from": "c", "to": "d", "type": "INTRODUCTION"},
    ...                   {"from": "a", "to": "c", "type": "KNOWS"}]}
    >>> [(link["from"], link["to"]) for link in network(view, [{"introduce": "a", "to": "b"}])["links"]]
    [('a', 'b'), ('a', 'c')]
    """
    if visible is None:
        return view
    drawable = Counter((i["introduce"], i["to"]) for i in visible)
    links = []
    for link in view["links"]:
        if link["type"] == "INTRODUCTION":
            if drawable[link["from"], link["to"]] <= 0:
                continue
            drawable[link["from"], link["to"]] -= 1
        links.append(link)
    return {**view, "links": links}


#: the places a strength is rounded to for whom may not see a tie's event counts
COARSE_DIGITS = 1


def coarse(strength: float | None) -> float | None:
    """A strength to one decimal: what a caller who may not see event counts is given.

    An evidence strength is ``1 - exp(-evidence / scale)`` of a weighted sum
    of event counts, so its exact value gives "7 meetings, 3 emails" back
    (``-scale * ln(1 - s) / weight``); to one decimal it no longer does.

    >>> coarse(0.4512), coarse(None), coarse(0.96)
    (0.5, None, 1.0)
    """
    return None if strength is None else round(strength, COARSE_DIGITS)


def from_evidence(link: dict) -> bool:
    """Whether a KNOWS link's effective strength may be its evidence strength (it has that source)."""
    return "interactions" in (link.get("sources") or [])


def tie(record: dict, viewer: Viewer) -> dict:
    """A KNOWS record as ``viewer`` may see it: for whom may not see the counts, the strengths
    evidence makes (the evidence's own, and the effective one when it may be that) are :func:`coarse`."""
    if sees_all(viewer, "Tie", "counts"):
        return record
    strength = coarse(record.get("strength")) if from_evidence(record) else record.get("strength")
    return {**record, "strength": strength, "evidence_strength": coarse(record.get("evidence_strength"))}


def network_strengths(view: dict, viewer: Viewer) -> dict:
    """An explorer view whose KNOWS strengths from evidence are :func:`coarse` for whom may not see the counts."""
    if sees_all(viewer, "Tie", "counts"):
        return view
    return {
        **view,
        "links": [
            {**link, "strength": coarse(link.get("strength"))}
            if link["type"] == "KNOWS" and from_evidence(link)
            else link
            for link in view["links"]
        ],
    }


# -- the asking account, and the introductions it may see (these read the store) -------------------


def viewer_of(user: dict, store: Store) -> Viewer:
    """The Viewer for a logged-in account (one store call when the account is linked to a person)."""
    linked = user.get("person")
    mentees = (
        frozenset(m["other"] for m in store.mentorships_of(linked) if m["as_mentor"] and m["status"] == "active")
        if linked
        else frozenset()
    )
    return Viewer(user["role"], linked, mentees)


def current_viewer(store: Store) -> Viewer:
    """The Viewer of this request's account, worked out once per request."""
    if "netgraph_viewer" not in g:
        g.netgraph_viewer = viewer_of(g.user, store)
    return g.netgraph_viewer


def visible_introductions(
    store: Store, viewer: Viewer, *, person: str | None = None, status: str | None = None
) -> list[dict]:
    """The introductions ``viewer`` may see (only ``person``'s, only in ``status``), newest first.

    For a caller who may not see them all, only those that can concern them
    are read: the ones naming their own person or one of their active mentees.
    """
    if person is not None or sees_all(viewer, "Introduction"):
        return introductions(list_introductions(store, person=person, status=status), viewer)
    found = {}
    for someone in sorted({viewer.person, *viewer.mentees} - {None}):
        found.update((r["id"], r) for r in list_introductions(store, person=someone, status=status))
    newest_first = sorted(sorted(found.values(), key=lambda r: r["id"]), key=lambda r: r["created_on"], reverse=True)
    return introductions(newest_first, viewer)
