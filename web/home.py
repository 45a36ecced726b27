"""Each account's home page (``/``) and its JSON twin (``/api/home``): what the account comes for.

The home depends on who logs in (decided on the server, from the account's
role and the person it is linked to):

``mentor`` (a mentor account whose person actively mentors someone)
    each mentee with their top recommendation (from the mentor's own
    network, as on the person page), the introductions waiting on the mentor
    that concern them, and the proposals a programme cohort run made on the
    mentor's behalf (``proposed`` introductions by the mentor that another
    account recorded); then the mentor's other open introductions.
``hr``
    the worst succession gaps (the coverage report's first positions that
    are not covered, critical first) and what changed since the account's
    last visit, from the audit trail: only when, what and which people,
    positions, units and introductions (never who did it or the values, and
    never reads, account changes or erasures). The last visit is kept on the
    server per account (:meth:`netgraph.sessions.Sessions.visit`) and counts
    once per session; the first visit shows the last seven days.
``admin``
    the HR home, with links to the audit trail since the last visit.
``self`` (any other account linked to a person, and a mentor without mentees)
    the person's own page in short: their mentors, warm paths to people who
    have the skills they want to grow, and their "open to introductions"
    switch (the person page's form).
``search`` (an account linked to no one)
    the name search.

Every home offers the name search, which also answers at ``/search`` (and at
``/?q=``). Fields go through :mod:`netgraph.web.visibility` like the pages
they come from (a mentor sees no scoring components), and the HR home's gaps
are recorded as a succession read.

>>> kind_of({"role": "mentor", "person": "p9"}, visibility.Viewer("mentor", "p9", frozenset({"p33"})))
'mentor'
>>> [kind_of({"role": r, "person": p}, visibility.Viewer(r, p)) for r, p in
...  (("mentor", "p9"), ("viewer", "p33"), ("viewer", None), ("hr", None), ("admin", None))]
['self', 'self', 'search', 'hr', 'admin']
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from flask import Blueprint, g, jsonify, render_template, session

from netgraph.analysis import audit
from netgraph.analysis.introductions import list_introductions
from netgraph.analysis.names import person_names
from netgraph.analysis.paths import warm_paths_to_skill
from netgraph.analysis.people import profile
from netgraph.analysis.recommend import recommend
from netgraph.analysis.succession import coverage
from netgraph.collector import cycle_collector_paused
from netgraph.errors import NetgraphError
from netgraph.web import visibility
from netgraph.web.audit import page_entity, record_read
from netgraph.web.auth import accounts, now, requires
from netgraph.web.matching import messages_of_viewer, proposals_of_viewer
from netgraph.web.store import get_settings, get_store

bp = Blueprint("home", __name__)

#: positions on the HR home, worst first
GAPS = 5
#: changes listed on the HR home, newest first (all are counted)
CHANGES = 20
#: what the first visit shows, in days
FIRST_VISIT_DAYS = 7
#: skills a person wants to grow that get warm paths on their home, and paths for each
GROWTH_SKILLS = 3
GROWTH_PATHS = 3
#: an introduction in one of these waits on whoever makes it to move it on
OPEN = ("proposed", "made", "accepted")
#: audit action families the HR home leaves out: who read what, accounts, erasures
PRIVATE_ACTIONS = ("read", "users", "erase")
#: the kinds of entity the HR home names
SHOWN_ENTITIES = ("person", "position", "org_unit", "introduction")


def kind_of(user: dict, viewer: visibility.Viewer) -> str:
    """Which home the account gets: ``mentor``, ``hr``, ``admin``, ``self`` or ``search``."""
    if user["role"] in ("hr", "admin"):
        return user["role"]
    if user["role"] == "mentor" and viewer.mentees:
        return "mentor"
    return "self" if user.get("person") else "search"


def home() -> dict:
    """The current account's home, as ``/api/home`` answers it."""
    store = get_store()
    viewer = visibility.current_viewer(store)
    kind = kind_of(g.user, viewer)
    if kind == "self" and viewer.person not in store.people([viewer.person]):
        kind = "missing"  # linked ahead of an HR sync, or the person was erased: say so rather than 404
    answer = {
        "kind": kind,
        "account": {k: g.user[k] for k in ("name", "role", "person")},
        "mentees": None,
        "also_waiting": None,
        "gaps": None,
        "changes": None,
        "me": None,
        "proposals": proposals_of_viewer(),
        "messages": messages_of_viewer(),
    }
    if kind == "mentor":
        answer.update(_mentoring(store, viewer))
    elif kind == "self":
        answer["me"] = _me(store, viewer)
    elif kind in ("hr", "admin"):
        answer["gaps"] = _gaps(store)
        answer["changes"] = _changes(store)
    return answer


#: home kind -> its template (``home_NAME.html``)
TEMPLATES = {"mentor": "mentor", "hr": "hr", "admin": "hr", "self": "self", "search": "search", "missing": "missing"}


def page():
    """The home page (``people.home`` serves it at ``/``)."""
    found = home()
    intros = [i for m in found["mentees"] or [] for i in m["waiting"] + m["cohort_proposals"]]
    intros += found["also_waiting"] or []
    return render_template(
        f"home_{TEMPLATES[found['kind']]}.html",
        home=found,
        intro_names=person_names(get_store(), (i[k] for i in intros for k in ("introduce", "to"))),
    )


@bp.get("/api/home")
@requires()
def api_home():
    return jsonify(home())


# -- a mentor's mentees ------------------------------------------------------------------------------


def _proposers(store, introductions: list[dict]) -> dict[str, str | None]:
    """introduction id -> the actor who recorded its proposal (one read of the trail since the oldest)."""
    if not introductions:
        return {}
    wanted = {f"introduction:{i['id']}": i["id"] for i in introductions}
    found: dict[str, str | None] = {}
    for event in audit.events(store, since=min(i["created_on"] for i in introductions), action="intro.propose"):
        for entity in event["entities"]:
            if entity in wanted:
                found[wanted[entity]] = event.get("actor")
    return found


def _top_recommendation(store, viewer: visibility.Viewer, mentee: str) -> tuple[dict | None, str | None]:
    """The mentee's best suggestion from the mentor's own network, or why there is none."""
    try:
        found = recommend(store, mentee, via=viewer.person, limit=1, settings=get_settings().recommend)
    except NetgraphError as error:  # e.g. closed to introductions, has left
        return None, str(error)
    results = visibility.recommendations(found, viewer)["results"]
    return (results[0], None) if results else (None, "no one to suggest from your network")


def _mentoring(store, viewer: visibility.Viewer) -> dict:
    me = viewer.person
    names = store.people(sorted(viewer.mentees))
    mine = [
        i
        for i in visibility.introductions(list_introductions(store, person=me), viewer)
        if i["by"] == me and i["status"] in OPEN
    ]
    proposers = _proposers(store, [i for i in mine if i["status"] == "proposed"])
    own = f"web:{g.user['name']}"
    mentees, concerned = [], set()
    for mentee in sorted(viewer.mentees, key=lambda p: (names.get(p, {}).get("name", p), p)):
        theirs = [i for i in mine if mentee in (i["introduce"], i["to"])]
        concerned.update(i["id"] for i in theirs)
        cohort = [i for i in theirs if i["status"] == "proposed" and proposers.get(i["id"]) not in (None, own)]
        top, why_none = _top_recommendation(store, viewer, mentee)
        mentees.append(
            {
                "person": mentee,
                "name": names.get(mentee, {}).get("name", mentee),
                "top_recommendation": top,
                "no_recommendation": why_none,
                "waiting": [i for i in theirs if i not in cohort],
                "cohort_proposals": cohort,
            }
        )
    return {"mentees": mentees, "also_waiting": [i for i in mine if i["id"] not in concerned]}


# -- a person's own home -----------------------------------------------------------------------------


def _me(store, viewer: visibility.Viewer) -> dict:
    record = visibility.person(profile(store, viewer.person), viewer)
    growth = []
    for skill in record["wants_to_grow"][:GROWTH_SKILLS]:
        try:
            paths, note = (
                warm_paths_to_skill(store, record["id"], skill, limit=GROWTH_PATHS, settings=get_settings().recommend)[
                    "paths"
                ],
                None,
            )
        except NetgraphError as error:  # e.g. the person has left
            paths, note = [], str(error)
        growth.append({"skill": skill, "paths": paths, "note": note if note or paths else "no warm path yet"})
    return {
        "person": record["id"],
        "name": record["name"],
        "status": record["status"],
        "open_to_intros": record["open_to_intros"],
        "wants_to_grow": record["wants_to_grow"],
        "mentors": [
            {"person": m["other"], "name": m["name"], "kind": m["kind"]}
            for m in record["mentors"]
            if m["status"] == "active"
        ],
        "growth": growth,
    }


# -- HR: gaps and changes ----------------------------------------------------------------------------


def _gaps(store) -> dict:
    with cycle_collector_paused():  # the coverage report: large, acyclic
        report = coverage(store)
    open_gaps = [p for p in report["positions"] if p["status"] != "covered"]  # already worst first
    record_read("succession", [page_entity()])
    g.netgraph_position_titles = {p["id"]: p["title"] for p in report["positions"]}
    return {
        "open": len(open_gaps),
        "positions": [
            {k: p[k] for k in ("id", "title", "org_unit", "critical", "status", "flags")} for p in open_gaps[:GAPS]
        ],
    }


def iso(seconds: float) -> str:
    """A time as the audit trail writes it.

    >>> iso(0.0)
    '1970-01-01T00:00:00.000000Z'
    """
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _changes(store) -> dict:
    at = now()
    previous = accounts().sessions.visit(g.user["name"], session["sid"], now=at)
    since = iso(previous if previous is not None else at - FIRST_VISIT_DAYS * 86400)
    found = [e for e in audit.events(store, since=since) if e["action"].split(".", 1)[0] not in PRIVATE_ACTIONS]
    listed = list(reversed(found))[:CHANGES]
    entities = [
        (kind, key)
        for e in listed
        for kind, _, key in ((entity or "").partition(":") for entity in e["entities"])
        if kind in SHOWN_ENTITIES and key
    ]
    people = person_names(store, (key for kind, key in entities if kind == "person"))
    titles = g.get("netgraph_position_titles", {})

    def named(kind: str, key: str) -> dict:
        name = people.get(key) if kind == "person" else titles.get(key) if kind == "position" else None
        return {"kind": kind, "id": key, "name": name}

    return {
        "since": since,
        "first_visit": previous is None,
        "total": len(found),
        "by_action": [
            {"action": a, "count": n}
            for a, n in sorted(Counter(e["action"] for e in found).items(), key=lambda item: (-item[1], item[0]))
        ],
        "events": [
            {
                "at": e["at"],
                "action": e["action"],
                "entities": [
                    named(kind, key)
                    for kind, _, key in ((entity or "").partition(":") for entity in e["entities"])
                    if kind in SHOWN_ENTITIES and key
                ],
            }
            for e in listed
        ],
    }


@bp.app_template_filter("audit_time")
def audit_time(value: str) -> str:
    """An audit time as a short date and time for the home page.

    >>> audit_time("2026-12-02T10:15:00.123456Z")
    '2026-12-02 10:15 UTC'
    """
    return f"{value[:10]} {value[11:16]} UTC"
