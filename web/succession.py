"""Succession coverage for HR: heat map, gaps, positions, pipeline, what-if, CSV (pages and /api twins).

Only ``hr`` and ``admin`` may see any of it (it shows flight risk and
succession plans).
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, jsonify, render_template, request

from netgraph.analysis.succession import coverage, pipeline, position_report
from netgraph.analysis.what_if import what_if
from web.auth import requires
from web.store import get_store

bp = Blueprint("succession", __name__)


def _report() -> dict:
    return coverage(get_store(), org_unit=request.args.get("org_unit") or None,
                    critical_only=request.args.get("critical_only") in ("1", "true", "on"))


def heat(value) -> str:
    """A CSS class for a bench strength: n/a, low, mid, high."""
    if value is None:
        return "heat-na"
    return "heat-low" if value < 0.34 else "heat-mid" if value < 0.67 else "heat-high"


@bp.get("/succession")
@requires("hr")
def page():
    report = _report()
    units = report["org_units"]
    depth = {}
    for unit in units:
        depth[unit["id"]] = 0
    children = {u["id"]: [c["id"] for c in units if c["parent"] == u["id"]] for u in units}
    roots = [u["id"] for u in units if u["parent"] not in children]
    order = []

    def walk(unit_id, level):
        depth[unit_id] = level
        order.append(unit_id)
        for child in sorted(children[unit_id]):
            walk(child, level + 1)

    for root in sorted(roots):
        walk(root, 0)
    by_id = {u["id"]: u for u in units}
    tree = [{**by_id[u], "depth": depth[u], "heat": heat(by_id[u]["bench_strength"])} for u in order]
    return render_template("succession.html", report=report, tree=tree, org_unit=request.args.get("org_unit", ""))


@bp.get("/api/succession")
@requires("hr")
def api_coverage():
    return jsonify(_report())


@bp.get("/succession.csv")
@requires("hr")
def download():
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "title", "org_unit", "critical", "status", "flags", "incumbents", "ready_now",
                     "ready_1_2_years", "ready_3_plus_years"])
    for r in _report()["positions"]:
        writer.writerow([r["id"], r["title"], r["org_unit"] or "", r["critical"], r["status"], ";".join(r["flags"]),
                         ";".join(r["incumbents"]),
                         *(";".join(r["successors"][k]) for k in ("ready_now", "ready_1_2_years",
                                                                  "ready_3_plus_years"))])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=succession.csv"})


@bp.get("/succession/positions/<position>")
@requires("hr")
def position_page(position):
    return render_template("position.html", position=position_report(get_store(), position))


@bp.get("/api/succession/positions/<position>")
@requires("hr")
def api_position(position):
    return jsonify(position_report(get_store(), position))


@bp.get("/api/succession/pipeline")
@requires("hr")
def api_pipeline():
    return jsonify({"positions": pipeline(get_store(), position=request.args.get("position") or None)})


@bp.route("/succession/what-if", methods=["GET", "POST"])
@requires("hr")
def what_if_page():
    result, leavers = None, ""
    if request.method == "POST":
        leavers = request.form.get("leavers", "")
        result = what_if(get_store(), [x for x in leavers.replace(",", " ").split() if x],
                         promote=bool(request.form.get("promote")))
    return render_template("what_if.html", result=result, leavers=leavers)


@bp.post("/api/succession/what-if")
@requires("hr")
def api_what_if():
    data = request.get_json(silent=True) or {}
    return jsonify(what_if(get_store(), list(data.get("leavers") or []), promote=bool(data.get("promote"))))



