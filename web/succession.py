"""Succession coverage for HR: heat map, gaps, positions, pipeline, what-if, CSV (pages and /api twins).

The page draws a bounded first view of the report (:mod:`netgraph.analysis.succession_first_view`, read bounded
from the store); the CSV and ``/api/succession`` carry all of it.

Only ``hr`` and ``admin`` may see any of it (it shows flight risk and
succession plans), and each answer is recorded in the audit trail as a read
(:func:`netgraph.web.audit.record_read`; a what-if form not yet sent shows nothing and is not).
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, jsonify, render_template, request

from netgraph.analysis.names import what_if_names
from netgraph.analysis.org_chart import what_if_chart
from netgraph.analysis.succession import coverage, csv_rows, pipeline, position_report
from netgraph.analysis.succession_first_view import first_view
from netgraph.analysis.what_if import what_if
from netgraph.collector import cycle_collector_paused
from netgraph.model.csv_cells import escape_row
from netgraph.model.vocabulary import READINESS
from netgraph.web.audit import page_entity, record_read
from netgraph.web.auth import requires
from netgraph.web.chart_shapes import bench_chart
from netgraph.web.drawing import chain_graph
from netgraph.web.params import boolean, flag, id_list, json_object
from netgraph.web.store import get_settings, get_store

bp = Blueprint("succession", __name__)


def _report() -> dict:
    """The coverage report the query asks for, recorded as read."""
    org_unit = request.args.get("org_unit") or None
    with cycle_collector_paused():  # a large report of acyclic dicts
        report = coverage(get_store(), org_unit=org_unit, critical_only=flag(request.args, "critical_only"))
    _record_read(org_unit)
    return report


def _record_read(org_unit: str | None) -> None:
    record_read("succession", [page_entity()] + ([f"org_unit:{org_unit}"] if org_unit else []))


def heat(value) -> str:
    """A CSS class for a bench strength: n/a, low, mid, high."""
    if value is None:
        return "heat-na"
    return "heat-low" if value < 0.34 else "heat-mid" if value < 0.67 else "heat-high"


@bp.get("/succession")
@requires("hr")
def page():
    org_unit = request.args.get("org_unit") or None
    web = get_settings().web
    with cycle_collector_paused():  # the store's answer counts every position and unit: acyclic lists and dicts
        view = first_view(
            get_store(),
            org_unit=org_unit,
            critical_only=flag(request.args, "critical_only"),
            units=web.succession_units_shown,
            positions=web.succession_positions_shown,
        )
    _record_read(org_unit)
    tree = unit_tree(view["org_units"])
    return render_template(
        "succession.html",
        totals=view["totals"],
        view=view,
        tree=tree,
        bench_chart=bench_chart(tree),
        readiness=READINESS,
        org_unit=request.args.get("org_unit", ""),
    )


def unit_tree(units: list[dict]) -> list[dict]:
    """Units in tree order (each followed by its sub-units), with depth and heat class.

    >>> [(u["id"], u["depth"]) for u in unit_tree([{"id": "b", "parent": "a", "bench_strength": None},
    ...                                             {"id": "a", "parent": None, "bench_strength": 0.5}])]
    [('a', 0), ('b', 1)]
    """
    children: dict[str | None, list[dict]] = {}
    known = {u["id"] for u in units}
    for unit in sorted(units, key=lambda u: u["id"]):
        children.setdefault(unit["parent"] if unit["parent"] in known else None, []).append(unit)
    ordered: list[dict] = []

    def walk(unit: dict, depth: int) -> None:
        ordered.append({**unit, "depth": depth, "heat": heat(unit["bench_strength"])})
        for child in children.get(unit["id"], []):
            walk(child, depth + 1)

    for root in children.get(None, []):
        walk(root, 0)
    return ordered


@bp.get("/api/succession")
@requires("hr")
def api_coverage():
    return jsonify(_report())


@bp.get("/succession.csv")
@requires("hr")
def download():
    out = io.StringIO()
    csv.writer(out).writerows(escape_row(row) for row in csv_rows(_report()))  # no formulas for spreadsheets
    return Response(
        out.getvalue(), mimetype="text/csv", headers={"Content-Disposition": "attachment; filename=succession.csv"}
    )


def _named(result: dict) -> dict:
    """A what-if answer with ``names``: the names of the people, positions and units it lists by id."""
    return {**result, "names": what_if_names(get_store(), result)}


def _chain_graph(result: dict) -> dict | None:
    """The promotion chain of a named what-if answer (:func:`_named`) as a graph, or None without one."""
    if not result["chain"]:
        return None
    return chain_graph(result["chain"], result["final_gaps"], result["names"]["people"], result["names"]["positions"])


def _position(position: str) -> dict:
    """A position's report, recorded as read (with the incumbents whose flight risk it shows)."""
    record = position_report(get_store(), position)
    shown = [f"person:{h['person']}" for h in record.get("incumbent_details", []) if h.get("flight_risk")]
    record_read("position", [f"position:{position}", *shown])
    return record


@bp.get("/succession/positions/<position>")
@requires("hr")
def position_page(position):
    record = _position(position)
    chain = _named(what_if(get_store(), record["incumbents"], promote=True)) if record["incumbents"] else None
    return render_template(
        "position.html", position=record, chain=chain, chain_graph=_chain_graph(chain) if chain else None
    )


@bp.get("/api/succession/positions/<position>")
@requires("hr")
def api_position(position):
    return jsonify(_position(position))


@bp.get("/api/succession/pipeline")
@requires("hr")
def api_pipeline():
    position = request.args.get("position") or None
    found = pipeline(get_store(), position=position)
    record_read("pipeline", [page_entity()] + ([f"position:{position}"] if position else []))
    return jsonify({"positions": found})


@bp.route("/succession/what-if", methods=["GET", "POST"])
@requires("hr")
def what_if_page():
    result, leavers = None, ""
    if request.method == "POST":
        leavers = request.form.get("leavers", "")
        named = leavers.replace(",", " ").split()
        result = _named(what_if(get_store(), named, promote=bool(request.form.get("promote"))))
        record_read("what_if", [f"person:{p}" for p in named])
    return render_template(
        "what_if.html",
        result=result,
        leavers=leavers,
        chosen=[{"id": p, "name": result["names"]["people"].get(p, p)} for p in result["leavers"]] if result else [],
        chain_graph=_chain_graph(result) if result else None,
        org_chart=what_if_chart(get_store(), result) if result else None,
    )


@bp.post("/api/succession/what-if")
@requires("hr")
def api_what_if():
    body = json_object()
    leavers = id_list(body, "leavers")
    result = _named(what_if(get_store(), leavers, promote=boolean(body, "promote")))
    record_read("what_if", [f"person:{p}" for p in leavers])
    return jsonify(result)
