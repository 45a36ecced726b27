"""The succession org chart (page and /api twin): positions along REPORTS_TO, one level per request.

``/succession/chart`` starts at ``?unit=ID``, ``?position=ID`` or (neither)
the positions that report to no one; the page carries its first level, and
``static/orgchart.js`` asks ``/api/succession/chart?position=ID`` for each
level it expands (one bounded store call: one round trip on Neo4j), and
``&offset=N`` for "more". ``?around=ID,ID`` gives those positions and every
position above them (what a what-if draws); ``&figures=1`` adds the organisation's
simultaneous-cover figures, which the page shows once (they match every critical seat, so
a level the script expands does not ask for them). Each card shows the status and
flags of the heat map, so the chart is for the same roles as the rest of
succession: ``hr`` and ``admin`` (everything on it is visible to both; see
:mod:`netgraph.web.visibility`), and every answer is recorded as a read.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request, url_for

from netgraph.analysis.org_chart import CHART_LIMIT, WHAT_IF_CHART_LIMIT, around_chart, chart
from netgraph.model.text import check_id
from netgraph.web.audit import page_entity, record_read
from netgraph.web.auth import requires
from netgraph.web.params import flag, pasted_ids, refuse, whole_number
from netgraph.web.store import get_store

bp = Blueprint("orgchart", __name__)

#: The most positions ``around`` may name in one request.
AROUND_MAX = 100


def _start(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    return check_id(value, name, where="query") if value else None


def _level(*, figures: bool) -> dict:
    """The level the query asks for, recorded as read; the organisation's figures with ``figures``."""
    position, unit = _start("position"), _start("unit")
    around = pasted_ids(request.args, "around", AROUND_MAX) if request.args.get("around", "").strip() else None
    if around is not None and (position or unit):
        raise refuse("around", "give around, a position or a unit, not several", where="query")
    offset = whole_number(request.args, "offset", 0)
    limit = whole_number(request.args, "limit", WHAT_IF_CHART_LIMIT if around is not None else CHART_LIMIT)
    if around is not None:
        found = around_chart(get_store(), around, offset=offset, limit=limit, figures=figures)
    else:
        found = chart(get_store(), position=position, unit=unit, offset=offset, limit=limit, figures=figures)
    entities = [f"position:{position}"] if position else [f"org_unit:{unit}"] if unit else []
    record_read("succession", [page_entity(), *entities, *(f"position:{p}" for p in around or [])])
    return found


@bp.get("/succession/chart")
@requires("hr")
def page():
    level = _level(figures=True)
    return render_template("orgchart.html", level=level, api=url_for("orgchart.api_chart"))


@bp.get("/api/succession/chart")
@requires("hr")
def api_chart():
    return jsonify(_level(figures=flag(request.args, "figures")))
