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

from flask import Blueprint, abort, current_app, g, jsonify, render_template, request, send_file

from netgraph.analysis.network import LINK_TYPES, network
from netgraph.analysis.paths import DEFAULT_MAX_HOPS, warm_path, warm_paths_to_skill
from netgraph.analysis.people import active_mentor_of, known_people, profile, search
from netgraph.analysis.recommend import recommend
from netgraph.errors import NetgraphError
from netgraph.web import visibility
from netgraph.web.audit import record_read
from netgraph.web.auth import allowed, requires
from netgraph.web.drawing import explorer_graph
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
    limit = whole_number(request.args, "limit", current_app.config["NETGRAPH_RECOMMEND_LIMIT"])
    found = recommend(get_store(), person, via=via, limit=limit, skill=request.args.get("skill") or None,
                      settings=get_settings().recommend)
    return visibility.recommendations(found, visibility.current_viewer(get_store()))


@bp.get("/")
@requires()
def home():
    query = request.args.get("q", "").strip()
    found = search(get_store(), query, limit=current_app.config["NETGRAPH_SEARCH_LIMIT"]) if query else []
    return render_template("search.html", query=query, found=found)


@bp.get("/api/people")
@requires()
def api_search():
    limit = whole_number(request.args, "limit", current_app.config["NETGRAPH_SEARCH_LIMIT"])
    return jsonify({"people": search(get_store(), request.args.get("q", ""), limit=limit)})


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
    record = known_people(get_store(), [person])[person]  # the page needs only the name
    return render_template("explore.html", person=record, link_types=LINK_TYPES,
                           path_to=request.args.get("path_to", ""))


@bp.get("/api/people/<person>/network")
@requires()
def api_network(person):
    types = tuple(request.args.getlist("types")) or LINK_TYPES
    units = request.args.getlist("units") or None
    view = network(get_store(), person, depth=whole_number(request.args, "depth", 1),
                   limit=current_app.config["NETGRAPH_EXPLORER_MAX_NODES"], types=types, units=units,
                   path=request.args.getlist("path") or None)
    viewer = visibility.current_viewer(get_store())
    if not visibility.sees_all(viewer, "Introduction") and "INTRODUCTION" in types:
        view = visibility.network(view, visibility.visible_introductions(get_store(), viewer))
    return jsonify(explorer_graph(view))


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
        return jsonify(warm_paths_to_skill(get_store(), source, request.args["to_skill"], max_hops=hops,
                                           settings=get_settings().recommend))
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
        found = (warm_paths_to_skill(get_store(), source, skill, settings=recommend_settings) if skill
                 else warm_path(get_store(), source, target, settings=recommend_settings))
    return render_template("paths.html", source=source, target=target, skill=skill, found=found)
