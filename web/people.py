"""People: search, the person page, recommendations and warm paths (pages and /api twins).

What each role sees: every logged-in user may search and see a person's
mentors, mentees, skills and goals; recommendations for a person only their
active mentor, ``hr`` or ``admin``. Inside each answer, the fields and
introductions each caller sees are decided by :mod:`netgraph.web.visibility`
(flight risk, email, introductions' notes...), pages and API alike. An
answer that shows a flight risk (to hr or admin) is recorded in the audit
trail as a read (:func:`netgraph.web.audit.record_read`).
"""

from __future__ import annotations

from importlib import resources

from flask import Blueprint, abort, g, jsonify, render_template, request, send_file

from netgraph.analysis.explorer import LINK_TYPES, MAX_DEPTH, MAX_EXPANDED, network, with_people
from netgraph.analysis.names import search_skills, search_units
from netgraph.analysis.paths import DEFAULT_MAX_HOPS, warm_path, warm_paths_to_skill
from netgraph.analysis.people import active_mentor_of, profile, search
from netgraph.analysis.recommend import recommend
from netgraph.errors import NetgraphError
from netgraph.web import visibility
from netgraph.web.audit import record_read
from netgraph.web.auth import allowed, requires
from netgraph.web.drawing import explorer_graph
from netgraph.web.home import page as role_home
from netgraph.web.params import refuse, required, whole_number
from netgraph.web.store import get_settings, get_store

bp = Blueprint("people", __name__)


def _profile(person: str) -> dict:
    """The person's profile as the current user may see it (recorded as read if it shows a flight risk)."""
    record = visibility.person(profile(get_store(), person), visibility.current_viewer(get_store()))
    if record.get("flight_risk") is not None:
        record_read("flight_risk", [f"person:{person}"])
    return record


def may_see_recommendations(person: str) -> bool:
    return allowed("hr") or (g.user["role"] == "mentor" and active_mentor_of(get_store(), g.user["person"], person))


def _recommendations(person: str) -> dict:
    if not may_see_recommendations(person):
        if not get_store().people([person]):  # unknown is a 404 for everyone, not a 403
            abort(404, f"unknown person {person!r}")
        abort(403, "only this person's mentor, HR or an admin may see their recommendations")
    return _recommend(person)


def _recommend(person: str) -> dict:
    """Recommendations for ``person`` as the current user asks for them (their right already checked)."""
    via = request.args.get("via", "mentors")
    if g.user["role"] == "mentor":
        via = g.user["person"]  # a mentor recommends from their own network
    limit = whole_number(request.args, "limit", get_settings().web.recommend_limit)
    found = recommend(
        get_store(),
        person,
        via=via,
        limit=limit,
        skill=request.args.get("skill") or None,
        settings=get_settings().recommend,
    )
    return visibility.recommendations(found, visibility.current_viewer(get_store()))


@bp.get("/")
@bp.get("/search", endpoint="search")
@requires()
def home():
    """The account's own home (:mod:`netgraph.web.home`); the name search at ``/search`` and ``/?q=``."""
    query = request.args.get("q", "").strip()
    if request.endpoint == "people.home" and not query:
        return role_home()
    found = search(get_store(), query, limit=get_settings().web.search_limit) if query else []
    return render_template("search.html", query=query, found=found)


@bp.get("/api/people")
@requires()
def api_search():
    limit = whole_number(request.args, "limit", get_settings().web.search_limit)
    return jsonify({"people": search(get_store(), request.args.get("q", ""), limit=limit)})


@bp.get("/api/units")
@requires()
def api_search_units():
    limit = whole_number(request.args, "limit", get_settings().web.search_limit)
    return jsonify({"units": search_units(get_store(), request.args.get("q", ""), limit=limit)})


@bp.get("/api/skills")
@requires()
def api_search_skills():
    limit = whole_number(request.args, "limit", get_settings().web.search_limit)
    return jsonify({"skills": search_skills(get_store(), request.args.get("q", ""), limit=limit)})


@bp.get("/people/<person>")
@requires()
def person_page(person):
    record = _profile(person)
    recommendations = None
    if may_see_recommendations(person) and record["mentors"]:
        try:
            recommendations = _recommend(person)
        except NetgraphError as error:  # shown on the page, e.g. "has no active mentor"
            recommendations = {"error": str(error), "results": []}
    return render_template("person.html", person=record, recommendations=recommendations)


@bp.get("/api/people/<person>")
@requires()
def api_person(person):
    return jsonify(_profile(person))


@bp.get("/api/people/<person>/recommendations")
@requires("mentor", "hr")
def api_recommendations(person):
    return jsonify(_recommendations(person))


@bp.get("/explore/<person>")
@requires()
def explore(person):
    """The explorer page; a bad or stale parameter of a shared link is a notice and the nearest view, not an error.

    A person who does not exist is a 404 page that says so and offers the
    name search (the id may have been mistyped, or the person erased).
    """
    found = get_store().people([person])
    if person not in found:
        return render_template("explore.html", person=None, missing=person), 404
    view, notices = explorer_view(request.args)
    return render_template(
        "explore.html", person=found[person], link_types=LINK_TYPES, view=view, notices=notices, path_to=view["path_to"]
    )


def explorer_view(args) -> tuple[dict, list[str]]:
    """The explorer's view as a page URL asks for it, made valid: ``(view, notices)``.

    The URL carries ``depth``, ``types`` (repeated), ``unit``, ``path_to``,
    ``expand`` (repeated, in the order expanded), ``overlay=mentor`` and
    ``mentee``. A depth out of range is brought into it, unknown link types
    and an unknown unit are dropped, each with a notice; expansions and the
    mentee are checked when the graph is drawn (:func:`api_network`).
    """
    notices = []
    depth, raw = 1, args.get("depth", "").strip()
    if raw:
        try:
            asked = int(raw)
        except ValueError:
            notices.append(f"depth {raw!r} is not a whole number: showing depth 1")
        else:
            depth = min(max(asked, 1), MAX_DEPTH)
            if depth != asked:
                notices.append(f"depth {asked} is out of range (1 to {MAX_DEPTH}): showing depth {depth}")
    asked_types = args.getlist("types")
    types = [t for t in LINK_TYPES if t in asked_types]
    for t in dict.fromkeys(asked_types):
        if t not in LINK_TYPES:
            notices.append(f"{t!r} is not a kind of link (" + ", ".join(t.lower() for t in LINK_TYPES) + "): left out")
    unit = args.get("unit", "").strip()
    if unit and not get_store().unit_names([unit]):
        notices.append(f"there is no org unit {unit!r}: showing every unit")
        unit = ""
    expand = list(dict.fromkeys(e for e in args.getlist("expand") if e))
    if len(expand) > MAX_EXPANDED:
        notices.append(
            f"at most {MAX_EXPANDED} people can be expanded in one view: "
            f"{len(expand) - MAX_EXPANDED} expansions are left out"
        )
    return {
        "depth": depth,
        "types": types or list(LINK_TYPES),
        "unit": unit,
        "path_to": args.get("path_to", "").strip(),
        "expand": expand[:MAX_EXPANDED],
        "overlay": args.get("overlay") == "mentor",
        "mentee": args.get("mentee", "").strip(),
    }, notices


@bp.get("/api/people/<person>/network")
@requires()
def api_network(person):
    """The explorer's graph; ``expand`` grows it, ``overlay=mentor`` (and ``mentee``) adds the mentor overlay.

    Malformed parameters are a 422 (depth not 1-3, an unknown link type);
    what a shared view may have outgrown (an expansion of someone no longer
    in it, an unknown unit, a mentee who is not the person's) is left out
    and said in ``notices``.
    """
    types = tuple(request.args.getlist("types")) or LINK_TYPES
    units = request.args.getlist("units") or None
    view = network(
        get_store(),
        person,
        depth=whole_number(request.args, "depth", 1),
        limit=get_settings().web.explorer_max_nodes,
        types=types,
        units=units,
        path=request.args.getlist("path") or None,
        expand=request.args.getlist("expand"),
    )
    viewer = visibility.current_viewer(get_store())
    if not visibility.sees_all(viewer, "Introduction") and "INTRODUCTION" in types:
        view = visibility.network(view, visibility.visible_introductions(get_store(), viewer))
    view = visibility.network_strengths(view, viewer)
    overlay = None
    if request.args.get("overlay") == "mentor":
        view, overlay = _mentor_overlay(view, request.args.get("mentee", "").strip() or None)
    return jsonify({**explorer_graph(view), "overlay": overlay})


def _mentor_overlay(view: dict, mentee: str | None) -> tuple[dict, dict]:
    """The view with the person's active mentees and, for ``mentee``, their recommended introductions.

    Recommendations are shown only to whom may see them (the mentee's active
    mentor, HR, admin: :func:`may_see_recommendations`), as the person page
    shows them; to anyone else the overlay says so.
    """
    store, person = get_store(), view["person"]
    notices = list(view["notices"])
    mentees = [
        {"id": m["other"], "name": m["name"]}
        for m in store.mentorships_of(person)
        if m["as_mentor"] and m["status"] == "active"
    ]
    name = next(p["name"] for p in view["people"] if p["id"] == person)
    if not mentees:
        notices.append(f"{name} mentors no one at present")
    view = with_people(store, view, [m["id"] for m in mentees], role="mentee")
    candidates: list[dict] = []
    if mentee and mentee not in {m["id"] for m in mentees}:
        notices.append(f"{mentee!r} is not a mentee of {name}: pick one of their mentees")
        mentee = None
    elif mentee and not may_see_recommendations(mentee):
        notices.append("only a mentee's own mentor, HR or an admin may see their recommended introductions")
        mentee = None
    elif mentee:
        try:
            found = _recommend(mentee)
        except NetgraphError as error:
            notices.append(str(error))
        else:
            candidates = [
                {"from": mentee, "to": r["candidate"], "name": r["name"], "score": r["score"], "reasons": r["reasons"]}
                for r in found["results"]
            ]
            view = with_people(store, view, [c["to"] for c in candidates], role="candidate")
    view = {
        **view,
        "mentees": [m["id"] for m in mentees],
        "mentee": mentee,
        "candidates": candidates,
        "notices": notices,
    }
    return view, {"mentees": mentees, "mentee": mentee, "candidates": candidates}


#: vis-network ships inside pyvis; served from here so no page loads anything from elsewhere
VENDOR_FILES = {"vis-network.min.js": "vis-network.min.js", "vis-network.css": "vis-network.css"}


@bp.get("/vendor/<name>")
def vendor(name):
    if name not in VENDOR_FILES:
        abort(404)
    folder = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    with resources.as_file(folder / VENDOR_FILES[name]) as path:
        return send_file(path, max_age=86400)


@bp.get("/api/paths")
@requires()
def api_paths():
    source = required(request.args, "from")
    hops = whole_number(request.args, "max_hops", DEFAULT_MAX_HOPS)
    if request.args.get("to_skill"):
        return jsonify(
            warm_paths_to_skill(
                get_store(), source, request.args["to_skill"], max_hops=hops, settings=get_settings().recommend
            )
        )
    if not request.args.get("to"):
        raise refuse("to", "required: the person to reach (or to_skill, a skill)")
    return jsonify(warm_path(get_store(), source, request.args["to"], max_hops=hops, settings=get_settings().recommend))


@bp.get("/paths")
@requires()
def paths_page():
    source, target, skill = (request.args.get(k, "").strip() for k in ("from", "to", "to_skill"))
    found = None
    if source and (target or skill):
        recommend_settings = get_settings().recommend
        found = (
            warm_paths_to_skill(get_store(), source, skill, settings=recommend_settings)
            if skill
            else warm_path(get_store(), source, target, settings=recommend_settings)
        )
    return render_template("paths.html", source=source, target=target, skill=skill, found=found)
