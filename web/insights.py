"""Network insights for ``hr`` and ``admin``: the page ``/insights`` and its JSON twins under ``/api/insights/``.

Everything is read from the stored result of the last ``netgraph insights
refresh`` (:mod:`netgraph.analysis.insights.stored`), so every answer is
quick at any size and carries ``computed_at``, ``stale``, ``mode`` and
``sources``. Before the first refresh an answer says so: ``computed_at`` is
null and its lists are empty (the page says how to compute them).

The page ``/insights/impact`` draws the risk x impact grid
(:mod:`netgraph.analysis.insights.risk_grid`); ``/insights/exposure`` lists exposure
to departures per unit and the people exposed (:mod:`netgraph.analysis.insights.exposure_report`).

Person-level answers (brokers, cut points, impact, exposure) name people: they are for ``hr``
and ``admin`` only, like the page, and each read is recorded
(``read.insights``). Unit-level figures follow ``[insights] min_group_size``
(:mod:`netgraph.analysis.insights.privacy`).
"""

from __future__ import annotations

import math

from flask import Blueprint, jsonify, render_template, request

from netgraph.analysis.insights import exposure_report, risk_grid, stored
from netgraph.web.audit import record_read
from netgraph.web.auth import requires
from netgraph.web.params import an_id, whole_number
from netgraph.web.store import get_settings, get_store

bp = Blueprint("insights", __name__)

#: What an answer says before the first refresh.
NOT_COMPUTED = {"computed_at": None, "stale": True, "mode": None, "sources": None, "seed": None}
#: The most people one person-level answer lists.
MAX_PEOPLE = 200
#: The most units the page draws as a heat map (and lists as silos): a heat map of more units (when
#: ``NETGRAPH_INSIGHTS_UNITS_SHOWN`` is set above it) shows its densest pairs and its clearest silos
#: instead; the whole level is one command away.
MAX_DRAWN = 40
#: How many pairs and silos the page lists for a level it does not draw whole.
LISTED = 50


def _unit() -> str | None:
    return an_id(request.args, "unit", required=False)


def _number(name: str, default: int, high: int) -> int:
    """Query parameter ``name``, a whole number from 1 to ``high`` (``default`` when absent)."""
    value = whole_number(request.args, name, default)
    if not 1 <= value <= high:
        raise stored.InvalidInput([stored.Problem("request", name, f"must be from 1 to {high}, not {value}")])
    return value


def _read(call, empty: dict, **kwargs) -> dict:
    """``call(store, **kwargs)``, or ``empty`` with :data:`NOT_COMPUTED` before the first refresh.

    A refresh that replaces the result between two reads of one answer (or of one page, which passes
    each its one ``state``) raises ``InsightsRefreshed``: a 409 saying to reload, not a mix of two results."""
    try:
        return call(get_store(), **kwargs)
    except stored.NotComputed:
        return {**NOT_COMPUTED, **empty}


def _people_read(found: dict) -> dict:
    named = [r["person"] for r in found.get("people", [])] + sorted(found.get("names", {}))
    named += sorted({v["person"] for r in found.get("people", []) for v in r.get("via", [])} - set(named))
    if named:
        record_read("insights", [f"person:{p}" for p in named])
    return found


def _state() -> dict | None:
    """The stored state one page reads by, once (its ``run`` names the result every read of the page
    takes); None before the first refresh (each read then answers empty)."""
    try:
        return stored.current(get_store())
    except stored.NotComputed:
        return None


def brokers_answer(limit: int, state: dict | None = None) -> dict:
    return _people_read(_read(stored.brokers, {"unit": None, "people": []}, unit=_unit(), limit=limit, state=state))


def cut_points_answer(limit: int, state: dict | None = None) -> dict:
    empty = {"unit": None, "people": [], "names": {}}
    return _people_read(_read(stored.cut_points, empty, unit=_unit(), limit=limit, state=state))


def impact_answer(limit: int) -> dict:
    empty = {"unit": None, "grid": risk_grid.empty_grid(), "unrecorded": dict.fromkeys(risk_grid.BANDS, 0)}
    return _people_read(_read(risk_grid.impact, {**empty, "first_listed": 0, "people": []}, unit=_unit(), limit=limit))


@bp.get("/api/insights/impact")
@requires("hr")
def api_impact():
    return jsonify(impact_answer(_number("limit", risk_grid.DEFAULT_LISTED, MAX_PEOPLE)))


def impact_reasons(row: dict, titles: dict[str, str]) -> list[str]:
    """The parts of one person's impact score that count, in words (positions by title).

    >>> impact_reasons({"critical_held": [{"position": "a", "status": "gap"}], "sole_ready_now_for": ["b"],
    ...     "cut_point": True, "cut_off": 0, "sole_links": 1, "broker": False, "brokerage_pairs": 3,
    ...     "active_mentees": 2}, {"a": "CFO"})
    ['holds CFO (gap)', 'only ready-now cover for b', 'cut point (only link of 1 unit pair)', 'mentors 2 now']
    """
    found = [f"holds {titles.get(h['position'], h['position'])} ({h['status']})" for h in row["critical_held"]]
    if row["sole_ready_now_for"]:
        found.append("only ready-now cover for " + ", ".join(titles.get(p, p) for p in row["sole_ready_now_for"]))
    if row["cut_point"]:
        cut = [f"cuts off {row['cut_off']}"] if row["cut_off"] else []
        if row["sole_links"]:
            cut.append(f"only link of {row['sole_links']} unit pair{'' if row['sole_links'] == 1 else 's'}")
        found.append(f"cut point ({', '.join(cut)})")
    if row["broker"]:
        found.append(f"brokers {row['brokerage_pairs']} pairs")
    if row["active_mentees"]:
        found.append(f"mentors {row['active_mentees']} now")
    return found


@bp.get("/insights/impact")
@requires("hr")
def impact_page():
    found = impact_answer(_number("limit", risk_grid.DEFAULT_LISTED, MAX_PEOPLE))
    titles = get_store().position_titles(
        sorted(
            {h["position"] for r in found["people"] for h in r["critical_held"]}
            | {p for r in found["people"] for p in r["sole_ready_now_for"]}
        )
    )
    return render_template(
        "impact.html",
        found=found,
        bands=list(reversed(risk_grid.BANDS)),
        rank={band: i for i, band in enumerate(risk_grid.BANDS)},
        risks=risk_grid.RISKS,
        reasons=lambda row: impact_reasons(row, titles),
    )


def exposure_answer(limit: int) -> dict:
    """Exposure of the unit asked for (everyone if none): its ``NETGRAPH_INSIGHTS_UNITS_SHOWN`` units with the most
    people exposed (the rest counted in ``left_out``) and the first ``limit`` people exposed."""
    empty = {"as_of": None, "departed_since": None, "exposure_ties": None, "unit": None, "exposed": 0, "left_out": 0}
    return _people_read(
        _read(
            exposure_report.exposure,
            {**empty, "units": [], "people": []},
            unit=_unit(),
            limit=limit,
            units_limit=get_settings().web.insights_units_shown,
        )
    )


@bp.get("/api/insights/exposure")
@requires("hr")
def api_exposure():
    return jsonify(exposure_answer(_number("limit", exposure_report.DEFAULT_LISTED, MAX_PEOPLE)))


@bp.get("/insights/exposure")
@requires("hr")
def exposure_page():
    found = exposure_answer(_number("limit", exposure_report.DEFAULT_LISTED, MAX_PEOPLE))
    return render_template(
        "exposure.html",
        found=found,
        min_group_size=get_settings().insights.min_group_size,
        unit_names={u["unit"]: u["name"] for u in found["units"]},
    )


@bp.get("/api/insights/brokers")
@requires("hr")
def api_brokers():
    return jsonify(brokers_answer(_number("limit", stored.DEFAULT_BROKERS, MAX_PEOPLE)))


@bp.get("/api/insights/cut-points")
@requires("hr")
def api_cut_points():
    return jsonify(cut_points_answer(_number("limit", stored.DEFAULT_BROKERS, MAX_PEOPLE)))


def _shown() -> int:
    """Query parameter ``limit``: how many units an answer shows, at most ``NETGRAPH_INSIGHTS_UNITS_SHOWN``
    (its default): a heat map of thousands of units or a table of thousands of silos is read by no one,
    and building one takes seconds."""
    most = get_settings().web.insights_units_shown
    return _number("limit", most, most)


def silos_answer(unit: str | None, level: int | None, limit: int, state: dict | None = None) -> dict:
    empty = {"unit": None, "units": [], "left_out": 0}
    return _read(stored.silos, empty, unit=unit, level=level, limit=limit, state=state)


def heat_map_answer(level: int, limit: int, state: dict | None = None) -> dict:
    empty = {"level": 1, "levels": 0, "units": [], "cells": [], "left_out": 0}
    return _read(stored.heat_map, empty, level=level, limit=limit, state=state)


@bp.get("/api/insights/silos")
@requires("hr")
def api_silos():
    level = _number("level", 1, 100) if "level" in request.args else None
    return jsonify(silos_answer(_unit(), level, _shown()))


@bp.get("/api/insights/heat-map")
@requires("hr")
def api_heat_map():
    return jsonify(heat_map_answer(_number("level", 1, 100), _shown()))


@bp.get("/api/insights/communities")
@requires("hr")
def api_communities():
    return jsonify(communities_answer(_unit(), _shown(), split_units=True))


def communities_answer(unit: str | None, limit: int, *, split_units: bool, state: dict | None = None) -> dict:
    """The ``limit`` largest communities (and units split across the most communities), with how many of
    each are left out."""
    empty = {
        "unit": None,
        "nmi": None,
        "names": {},
        "communities": [],
        "units": [],
        "left_out": 0,
        "units_left_out": 0,
    }
    return _read(stored.communities, empty, unit=unit, split_units=split_units, limit=limit, state=state)


def heat_rows(found: dict) -> list[dict]:
    """The heat map as table rows: each unit, then its density with every unit of the level (None: no pair)."""
    cells = {}
    for cell in found["cells"]:
        cells[cell["a"], cell["b"]] = cells[cell["b"], cell["a"]] = cell
    return [
        {"unit": row, "cells": [cells.get((row["unit"], col["unit"])) for col in found["units"]]}
        for row in found["units"]
    ]


def densest_pairs(found: dict, count: int = LISTED) -> list[dict]:
    """The ``count`` cells of a heat map with the highest density (then the most ties), with both units."""
    units = {u["unit"]: u for u in found["units"]}
    cells = sorted(found["cells"], key=lambda c: (-(c["density"] or 0), -c["ties"], c["a"], c["b"]))[:count]
    return [{**c, "unit_a": units[c["a"]], "unit_b": units[c["b"]]} for c in cells]


def clearest_silos(rows: list[dict], count: int = LISTED) -> list[dict]:
    """The ``count`` units whose E-I index lies furthest below what chance gives a unit of their size."""
    scored = [r for r in rows if r["ei"] is not None and r["expected_ei"] is not None]
    return sorted(scored, key=lambda r: (r["ei"] - r["expected_ei"], r["unit"]))[:count]


def shade(density: float | None, densest: float | None) -> int:
    """A heat-map cell's shade class, 0 (no tie) to 5 (the densest cell of the level), on a square-root scale of
    its share of the densest, so the pattern shows at any size (at 100k people every density is below 0.001).

    >>> [shade(x, 0.5) for x in (None, 0.0, 0.005, 0.1, 0.5)]
    [0, 0, 1, 2, 5]
    """
    if not density or not densest:
        return 0
    return max(1, min(5, round(5 * (density / densest) ** 0.5)))


def density_text(density: float | None) -> str:
    """A density with two significant digits and no exponent, readable at any size.

    >>> [density_text(x) for x in (None, 0.0, 1.0, 0.4375, 0.0123, 0.000017)]
    ['', '0', '1.00', '0.44', '0.012', '0.000017']
    """
    if density is None:
        return ""
    if density == 0:
        return "0"
    return f"{density:.{max(2, 1 - math.floor(math.log10(density)))}f}"


def densest_of(found: dict) -> float | None:
    """The highest density among a heat map's cells (None: no cell has one)."""
    return max((c["density"] for c in found["cells"] if c["density"] is not None), default=None)


@bp.get("/insights")
@requires("hr")
def page():
    level = _number("level", 1, 100)
    shown = get_settings().web.insights_units_shown
    state = _state()  # one result for every part of the page
    heat = heat_map_answer(level, shown, state)
    silos = silos_answer(None, level, shown, state)
    drawn = len(heat["units"]) <= MAX_DRAWN
    return render_template(
        "insights.html",
        min_group_size=get_settings().insights.min_group_size,
        heat=heat,
        drawn=drawn,
        listed=LISTED,
        heat_rows=heat_rows(heat) if heat["units"] and drawn else [],
        densest=[] if drawn else densest_pairs(heat, LISTED),
        shade=shade,
        density_text=density_text,
        densest_density=densest_of(heat),
        silos=silos,
        silo_rows=silos["units"] if drawn else clearest_silos(silos["units"], LISTED),
        brokers=brokers_answer(stored.DEFAULT_BROKERS, state),
        cuts=cut_points_answer(stored.DEFAULT_BROKERS, state),
        communities=communities_answer(None, shown, split_units=False, state=state),
    )
