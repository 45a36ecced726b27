"""The programme overview for programme leads (``hr``) and admins (page and /api twin)."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from netgraph.analysis.programme import overview
from netgraph.web.auth import requires
from netgraph.web.store import get_store

bp = Blueprint("programme", __name__)


@bp.get("/programme")
@requires("hr")
def page():
    return render_template("programme.html", overview=overview(get_store()))


@bp.get("/api/programme")
@requires("hr")
def api_overview():
    return jsonify(overview(get_store()))
