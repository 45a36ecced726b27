"""Mentoring rounds for ``hr`` and ``admin``: the JSON twins of ``netgraph match`` under ``/api/match/``.

Each write is one call of :mod:`netgraph.analysis.matching.rounds` (checked
first, one located problem per line, nothing written on any; audited with
its change). A round names people (its members, proposals and the reasons
for them): reading one is for ``hr`` and ``admin`` and is recorded
(``read.match``).
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, jsonify

from netgraph.analysis.matching import rounds
from netgraph.errors import InvalidInput, Problem
from netgraph.io.round_file import rows_from_json
from netgraph.web.audit import record_read
from netgraph.web.auth import requires
from netgraph.web.params import a_date, an_id, boolean, check_id_field, json_object, text
from netgraph.web.store import get_settings, get_store

bp = Blueprint("matching", __name__)

#: The levels a unit's pool takes as mentees when the body does not say.
DEFAULT_LEVELS = (1, 3)


def _whole(body: dict, name: str, default: int, low: int, high: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput([Problem("request body", name, f"must be a whole number from {low} to {high}")])
    return value


def _levels(body: dict) -> tuple[int, int]:
    value = body.get("levels", list(DEFAULT_LEVELS))
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 1 <= value[0] <= value[1] <= 8
    ):
        raise InvalidInput([Problem("request body", "levels", "must be [A, B] with 1 <= A <= B <= 8")])
    return value[0], value[1]


@bp.get("/api/match/rounds")
@requires("hr")
def api_rounds():
    return jsonify({"rounds": [rounds.summary(r) for r in get_store().match_rounds()]})


@bp.get("/api/match/rounds/<round_id>")
@requires("hr")
def api_round(round_id):
    found = rounds.stored_round(get_store(), round_id)
    record_read("match", [f"match_round:{round_id}"] + [f"person:{m['person']}" for m in found["members"]])
    return jsonify(found)


@bp.post("/api/match/rounds")
@requires("hr")
def api_open():
    body = json_object()
    name = check_id_field(body, "name", "name")
    deadline = a_date(body, "deadline")
    if deadline is None:
        raise InvalidInput([Problem("request body", "deadline", "required (YYYY-MM-DD)")])
    settings = get_settings().match
    store = get_store()
    if ("pool" in body) == ("unit" in body):
        raise InvalidInput([Problem("request body", "pool", "give either pool (a list of people) or unit")])
    if "pool" in body:
        rows, source = rows_from_json(body["pool"]), {"pool": "request"}
    else:
        unit = an_id(body, "unit")
        levels, wants = _levels(body), text(body, "wants")
        capacity = _whole(body, "capacity", 1, 1, settings.max_capacity)
        rows = rounds.pool_of_unit(store, unit, levels=levels, wants=wants, capacity=capacity, settings=settings)
        source = {"unit": unit, "levels": list(levels), "wants": wants, "capacity": capacity}
    found = rounds.open_round(
        store, name, deadline=deadline, today=date.today(), rows=rows, source=source, settings=settings
    )
    return jsonify(rounds.summary(found))


@bp.post("/api/match/rounds/<round_id>/run")
@requires("hr")
def api_run(round_id):
    body = json_object()
    found = rounds.run(
        get_store(),
        round_id,
        get_settings().match,
        today=a_date(body, "as_of", default=date.today()) or date.today(),
        stable=boolean(body, "stable"),
        seed=_whole(body, "seed", 0, 0, 2**31 - 1),
    )
    return jsonify(rounds.summary(found))


@bp.post("/api/match/rounds/<round_id>/lock")
@requires("hr")
def api_lock(round_id):
    body = json_object()
    found = rounds.lock(get_store(), round_id, an_id(body, "mentor"), an_id(body, "mentee"))
    return jsonify(rounds.summary(found))


@bp.post("/api/match/rounds/<round_id>/forbid")
@requires("hr")
def api_forbid(round_id):
    body = json_object()
    found = rounds.forbid(get_store(), round_id, an_id(body, "mentor"), an_id(body, "mentee"))
    return jsonify(rounds.summary(found))


@bp.post("/api/match/rounds/<round_id>/close")
@requires("hr")
def api_close(round_id):
    json_object()
    return jsonify(rounds.summary(rounds.close(get_store(), round_id)))
