"""Introductions: list and filter, propose, move on, rate (pages and /api twins).

``hr`` and ``admin`` see and change every introduction; a ``mentor`` sees
those :mod:`netgraph.web.visibility` shows them (the ones naming them, and
those introducing or introduced to their active mentees), proposes only
introductions they make themselves, and moves on only those they made.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for

from netgraph.analysis.introductions import propose, update, with_names
from netgraph.analysis.names import person_names
from netgraph.model.vocabulary import INTRODUCTION_STATUSES
from netgraph.web import visibility
from netgraph.web.auth import allowed, requires
from netgraph.web.params import an_id, json_object, refuse, text, whole_number
from netgraph.web.store import get_store

bp = Blueprint("introductions", __name__)


@bp.app_context_processor
def name_lookups() -> dict:
    """Offered to every template: ``person_names(ids)`` and ``unit_names(ids)``, id -> name in one store call.

    For pages whose answer carries ids only (a profile's introductions, a
    form filled in before): they show names, with the id in a tooltip.
    """
    return {
        "person_names": lambda ids: person_names(get_store(), [i for i in ids if i]),
        "unit_names": lambda ids: get_store().unit_names(sorted({i for i in ids if i})),
    }


def _listed() -> list[dict]:
    """The introductions the current user may see, filtered by the ``status`` and ``person`` asked for, named."""
    return with_names(
        get_store(),
        visibility.visible_introductions(
            get_store(),
            visibility.current_viewer(get_store()),
            person=request.args.get("person") or None,
            status=request.args.get("status") or None,
        ),
    )


def _proposal(data) -> dict:
    by = an_id(data, "by", required=False) or g.user["person"]
    if not by:  # hr and admin accounts need not be people
        raise refuse("by", "required: who makes the introduction (your account is not linked to a person)")
    if not allowed("hr") and by != g.user["person"]:
        abort(403, "a mentor proposes only introductions they make themselves")
    viewer = visibility.current_viewer(get_store())
    sees = (
        None
        if visibility.sees_all(viewer, "Introduction")
        else (lambda found: bool(visibility.introductions([found], viewer)))
    )
    return propose(get_store(), by, an_id(data, "introduce"), an_id(data, "to"), note=text(data, "note"), sees=sees)


def _update(introduction_id: str, data, *, form: bool) -> dict:
    if not allowed("hr"):  # update() itself says when the introduction does not exist
        found = get_store().introductions(id=introduction_id)
        if found and not visibility.introductions(found, visibility.current_viewer(get_store())):
            abort(404, f"unknown introduction {introduction_id!r}")  # as if it did not exist: it is not theirs to see
        if found and found[0]["by"] != g.user["person"]:
            abort(403, "a mentor updates only introductions they made")
    outcome = whole_number(data, "outcome", None) if form else data.get("outcome")
    return update(get_store(), introduction_id, status=data.get("status") or None, outcome=outcome)


@bp.get("/introductions")
@requires("mentor", "hr")
def page():
    return render_template(
        "introductions.html",
        introductions=_listed(),
        statuses=INTRODUCTION_STATUSES,
        status=request.args.get("status", ""),
    )


@bp.get("/api/introductions")
@requires("mentor", "hr")
def api_list():
    return jsonify({"introductions": _listed()})


@bp.post("/api/introductions")
@requires("mentor", "hr")
def api_propose():
    return jsonify(_proposal(json_object())), 201


@bp.post("/introductions")
@requires("mentor", "hr")
def propose_form():
    made = with_names(get_store(), [_proposal(request.form)])[0]
    flash(f"proposed: {made['by_name']} introduces {made['introduce_name']} to {made['to_name']}")
    return redirect(url_for("introductions.page"))


@bp.post("/api/introductions/<introduction_id>")
@requires("mentor", "hr")
def api_update(introduction_id):
    return jsonify(_update(introduction_id, json_object(), form=False))


@bp.post("/introductions/<introduction_id>")
@requires("mentor", "hr")
def update_form(introduction_id):
    changed = with_names(get_store(), [_update(introduction_id, request.form, form=True)])[0]
    flash(f"{changed['introduce_name']} and {changed['to_name']} (by {changed['by_name']}): now {changed['status']}")
    return redirect(url_for("introductions.page"))
