"""The programme page for programme leads (``hr``) and admins: the overview, and the cohort run (pages and /api twins).

**The cohort run** (:func:`netgraph.analysis.cohort.cohort`, as ``netgraph
recommend --cohort/--all-mentees`` runs it): for everyone with an active
mentor, or for the people pasted in, up to ``per_person`` suggestions each,
nobody suggested to more than ``max_exposure`` people, found through each
person's own mentors (``via="mentors"``) and chosen together for the most
total score. The page shows each person's suggestions (a checkbox each, ticked)
and what the caps cost; "Propose selected" records the ticked rows as
``proposed`` introductions made by the mentor
(:func:`netgraph.analysis.cohort.propose_rows`), which then wait on that
mentor's introductions page for review. A refused row does not stop the
others; the flash names each refusal.

The web holds a run to :data:`MAX_PEOPLE` people, :data:`MAX_PER_PERSON`
suggestions each, an exposure cap of at most :data:`MAX_EXPOSURE`, and a
proposal to :data:`MAX_ROWS` rows (the command line has wider limits for bigger
runs). A mistake is a 422 naming the field; on the page the form comes back
with the problem and what was typed.
"""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for

from netgraph.analysis.cohort import DEFAULT_MAX_EXPOSURE, DEFAULT_PER_PERSON, all_mentees, cohort, propose_rows
from netgraph.analysis.insights import growth_report, stored
from netgraph.analysis.programme import overview
from netgraph.errors import InvalidInput, StoredFormatUnknown
from netgraph.model.introducers import VIA_MENTORS
from netgraph.web.auth import requires
from netgraph.web.chart_shapes import MENTORS_SHOWN, mentor_load_chart, stacked_columns, time_to_meet_chart
from netgraph.web.params import (
    boolean,
    bounded,
    check_id_field,
    id_records,
    ids_up_to,
    json_object,
    pasted_ids,
    refuse,
    text,
)
from netgraph.web.store import get_settings, get_store

bp = Blueprint("programme", __name__)

#: Most people in one cohort run on the web (pasted, sent, or all mentees).
MAX_PEOPLE = 5_000
#: Suggestions per person a run on the web may ask for: 1 to this.
MAX_PER_PERSON = 10
#: Most people one candidate may be suggested to in a run on the web: 1 to this.
MAX_EXPOSURE = 100
#: Most rows one proposal may hold.
MAX_ROWS = 10_000
#: People named in each of the overview's lists on the page (mentees without a mentor, mentors by load): only
#: they are read, the rest are counted by the store, and ``/api/programme`` lists all (at 100k people: 1,570
#: and 5,561, which cost Neo4j more to send than to find).
PEOPLE_LISTED = 100
#: The fields of a chosen row.
ROW_FIELDS = ("person", "candidate", "introducer")
#: How a row travels in a form checkbox: its three ids joined (an id never holds it).
ROW_SEPARATOR = "|"
#: Refusals named one by one in the flash after proposing (the rest are counted).
REFUSALS_SHOWN = 5
#: The form's two ways of choosing who is in the run.
WHO = ("all_mentees", "people")
#: The fields of a cohort run's JSON body.
COHORT_FIELDS = ("people", "all_mentees", "per_person", "max_exposure")
#: The limits, as the page states them.
LIMITS = {"people": MAX_PEOPLE, "per_person": MAX_PER_PERSON, "max_exposure": MAX_EXPOSURE, "rows": MAX_ROWS}


# -- the overview -----------------------------------------------------------------------------------


def _page(status: int = 200, **cohort_state):
    form = {
        "who": "all_mentees",
        "people": "",
        "per_person": DEFAULT_PER_PERSON,
        "max_exposure": DEFAULT_MAX_EXPOSURE,
        **cohort_state.pop("form", {}),
    }
    found = overview(get_store(), max(PEOPLE_LISTED, MENTORS_SHOWN))  # the chart draws the busiest MENTORS_SHOWN
    try:
        grown, unreadable = growth_answer(), None
    except StoredFormatUnknown as exc:  # the rest of the page reads no stored insight: it shows, growth says why not
        grown, unreadable = _no_growth(), str(exc)
    charts = {**programme_charts(found), "growth": growth_chart(grown["months"])}
    return render_template(
        "programme.html",
        overview=found,
        charts=charts,
        growth=grown,
        growth_unreadable=unreadable,
        form=form,
        limits=LIMITS,
        listed=PEOPLE_LISTED,
        **cohort_state,
    ), status


#: The growth chart's series, stacked from the bottom: the programme's ties across units, within a unit, the rest.
GROWTH_SERIES = ("crossing-units", "within-a-unit", "not-through-the-programme")


def growth_answer() -> dict:
    """Programme growth from the stored insights, or an empty answer (``computed_at`` None) before the first refresh."""
    try:
        return growth_report.growth(get_store())
    except stored.NotComputed:
        return _no_growth()


def _no_growth() -> dict:
    empty = {"mentees": 0, "pairs": 0, "by_distance": dict.fromkeys(growth_report.DISTANCE_GROUPS, 0)}
    none = {"computed_at": None, "stale": True, "mode": None, "sources": None, "seed": None}
    return {**none, "as_of": None, "window_days": None, "months": [], "mentees": empty}


def growth_chart(months: list[dict]) -> dict:
    """New ties each month, stacked: the programme's crossing units, the programme's within a unit, the rest."""
    rows = [
        {
            "month": m["month"],
            GROWTH_SERIES[0]: m["crossing"],
            GROWTH_SERIES[1]: m["programme_ties"] - m["crossing"],
            GROWTH_SERIES[2]: m["new_ties"] - m["programme_ties"],
        }
        for m in months
    ]
    return stacked_columns(rows, GROWTH_SERIES, label="month")


def programme_charts(found: dict) -> dict:
    """The overview's charts (shapes for ``_charts.html``): introductions by month, mentor load, time to meet."""
    return {
        "by_month": stacked_columns(
            found["introductions_by_month"], list(found["introductions_by_status"]), label="month"
        ),
        "mentor_load": mentor_load_chart(found["mentors"]),
        "time_to_meet": time_to_meet_chart(found["time_to_meet"]),
    }


@bp.get("/programme")
@requires("hr")
def page():
    return _page()


@bp.get("/api/programme")
@requires("hr")
def api_overview():
    return jsonify(overview(get_store()))


@bp.get("/api/programme/growth")
@requires("hr")
def api_growth():
    return jsonify(growth_answer())


# -- the cohort run ---------------------------------------------------------------------------------


def _run(people: list[str] | None, per_person: int, max_exposure: int) -> dict:
    """The cohort report for ``people`` (None: everyone with an active mentor), through their mentors."""
    if people is None:
        people = all_mentees(get_store())
        if len(people) > MAX_PEOPLE:
            raise refuse(
                "all_mentees",
                f"{len(people):,} people have an active mentor, more than the web's limit of "
                f"{MAX_PEOPLE:,}: paste them in parts, or use `netgraph recommend "
                "--all-mentees`",
                where="request body",
            )
    return cohort(
        get_store(),
        people,
        per_person=per_person,
        max_exposure=max_exposure,
        via=VIA_MENTORS,
        settings=get_settings().recommend,
    )


def _only(body: dict, fields: tuple[str, ...]) -> dict:
    """``body``, refused (422 naming the key) if it holds a key not among ``fields``."""
    extra = sorted(set(body) - set(fields))
    if extra:
        raise refuse(extra[0], "not a field of this request (give " + ", ".join(fields) + ")", where="request body")
    return body


def _from_body(body: dict) -> dict:
    _only(body, COHORT_FIELDS)
    every = boolean(body, "all_mentees")
    if every and body.get("people") is not None:
        raise refuse("people", "give either people or all_mentees, not both", where="request body")
    if not every and body.get("people") is None:
        raise refuse("people", "required: a list of person ids (or all_mentees: true)", where="request body")
    people = None if every else ids_up_to(body, "people", MAX_PEOPLE)
    return _run(
        people,
        bounded(body, "per_person", 1, MAX_PER_PERSON, form=False),
        bounded(body, "max_exposure", 1, MAX_EXPOSURE, form=False),
    )


def _from_form(form) -> dict:
    who = form.get("who") or "all_mentees"
    if who not in WHO:
        raise refuse("who", f"must be one of: {', '.join(WHO)}", where="request body")
    people = pasted_ids(form, "people", MAX_PEOPLE)
    if who == "people" and not people:
        raise refuse(
            "people", "paste at least one person id (one a line, or separated by commas)", where="request body"
        )
    if who == "all_mentees" and people:
        raise refuse("people", 'clear the list to run for all mentees, or choose "these people"', where="request body")
    return _run(
        people if who == "people" else None,
        bounded(form, "per_person", 1, MAX_PER_PERSON, form=True),
        bounded(form, "max_exposure", 1, MAX_EXPOSURE, form=True),
    )


def by_person(report: dict) -> list[dict]:
    """The report's rows, one group a person, in the order asked: ``[{"person", "person_name", "rows"}]``.

    >>> [(g["person"], len(g["rows"])) for g in by_person({"rows": [
    ...     {"person": "b", "person_name": "B"}, {"person": "b", "person_name": "B"},
    ...     {"person": "a", "person_name": "A"}]})]
    [('b', 2), ('a', 1)]
    """
    groups: dict[str, dict] = {}
    for row in report["rows"]:
        groups.setdefault(row["person"], {"person": row["person"], "person_name": row["person_name"], "rows": []})[
            "rows"
        ].append(row)
    return list(groups.values())


def row_value(row: dict) -> str:
    """A row as its form checkbox carries it.

    >>> row_value({"person": "p033", "candidate": "p083", "introducer": "p009", "score": 0.7})
    'p033|p083|p009'
    """
    return ROW_SEPARATOR.join(row[f] for f in ROW_FIELDS)


@bp.route("/programme/cohort", methods=["GET", "POST"])
@requires("hr")
def cohort_page():
    """GET: the programme page with the form; POST: the same with the run's result (422 and the form: a mistake)."""
    if request.method == "GET":
        return _page()
    typed = {name: request.form.get(name, "") for name in ("who", "people", "per_person", "max_exposure")}
    try:
        report = _from_form(request.form)
    except InvalidInput as refused:
        return _page(422, form=typed, cohort_problems=refused.problems)
    return _page(form=typed, report=report, groups=by_person(report), row_value=row_value)


@bp.post("/api/programme/cohort")
@requires("hr")
def api_cohort():
    return jsonify(_from_body(json_object()))


# -- proposing the chosen rows ----------------------------------------------------------------------


def _rows_from_form(form) -> list[dict[str, str]]:
    values = form.getlist("row")
    if not values:
        raise refuse("row", "tick at least one suggestion to propose", where="request body")
    if len(values) > MAX_ROWS:
        raise refuse(
            "row", f"{len(values):,} rows, more than the limit of {MAX_ROWS:,}: propose in parts", where="request body"
        )
    rows = []
    for i, value in enumerate(values):
        parts = value.split(ROW_SEPARATOR)
        if len(parts) != len(ROW_FIELDS):
            raise refuse(
                f"row[{i}]", "not a suggestion of this page (person|candidate|introducer)", where="request body"
            )
        given = dict(zip(ROW_FIELDS, parts, strict=True))
        rows.append({f: check_id_field(given, f, f"row[{i}].{f}") for f in ROW_FIELDS})
    return rows


def _propose(rows: list[dict[str, str]], data) -> dict:
    return propose_rows(get_store(), rows, note=text(data, "note"))


def _named(person: str, names: dict[str, dict]) -> str:
    """``Name (id)``, or the id alone for someone the store does not know."""
    return f"{names[person]['name']} ({person})" if person in names else person


def said(result: dict) -> list[str]:
    """The flash after proposing: how many were proposed and refused, then each refusal (the first few), named."""
    refused = result["refused"]
    messages = [f"{len(result['proposed'])} proposed, {len(refused)} refused"]
    if refused:
        wanted = sorted({r[f] for r in refused[:REFUSALS_SHOWN] for f in ROW_FIELDS})
        names = get_store().people(wanted)
        messages += [
            f"Refused: {_named(r['introducer'], names)} introducing {_named(r['person'], names)} to "
            f"{_named(r['candidate'], names)}: {r['why']}"
            for r in refused[:REFUSALS_SHOWN]
        ]
        if len(refused) > REFUSALS_SHOWN:
            messages.append(f"... and {len(refused) - REFUSALS_SHOWN:,} more refused")
    return messages


@bp.post("/programme/cohort/propose")
@requires("hr")
def propose_form():
    result = _propose(_rows_from_form(request.form), request.form)
    for message in said(result):
        flash(message)
    return redirect(url_for("programme.page"))


@bp.post("/api/programme/cohort/propose")
@requires("hr")
def api_propose():
    body = _only(json_object(), ("rows", "note"))
    return jsonify(_propose(id_records(body, "rows", ROW_FIELDS, MAX_ROWS), body))
