"""People leave, things end: the lifecycle edits as forms on the person and position pages, and /api twins.

Each action is one call of :mod:`netgraph.analysis.lifecycle` (validated,
atomic; unknown ids 404, a change the current state refuses 409, a bad field
422 naming it). Only ``hr`` and ``admin`` may use them, except the
"open to introductions" switch, which a person sets for themselves (their
account is linked to them) and ``hr`` and ``admin`` for anyone.

A form whose change is refused as a conflict (someone who has already left,
a position that still has holders...) goes back to the page it came from
with the reason flashed; any other error is the error page, as elsewhere.
The API answers the same as JSON (409 with the reason).

The pages show the state these actions leave behind: a "Left" badge on a
leaver's page, "left" beside mentors and mentees who have left (through
:func:`left_among`, offered to every template).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for

from netgraph.analysis import lifecycle
from netgraph.analysis.people import known_people
from netgraph.errors import Conflict
from netgraph.model.vocabulary import IN_FLIGHT_STATUSES, READINESS
from netgraph.web.auth import allowed, requires, safe_next
from netgraph.web.params import a_date, an_id, choice, json_object, yes_or_no
from netgraph.web.store import get_store

bp = Blueprint("lifecycle", __name__)


@bp.app_context_processor
def template_helpers() -> dict:
    """What the person and position pages need for these actions: the readiness levels, today, leavers."""
    return {"readiness_levels": READINESS, "today": date.today().isoformat(), "left_among": left_among}


def left_among(ids) -> set[str]:
    """Those of ``ids`` who have left (one store call; none for no ids)."""
    ids = sorted({i for i in ids if i})
    return get_store().departed(ids) if ids else set()


def _person_page(person: str) -> str:
    return url_for("people.person_page", person=person)


def _position_page(position: str) -> str:
    return url_for("succession.position_page", position=position)


def _done(action: Callable[[], dict], back: str, say: Callable[[dict], str]):
    """Run a form's action: flash what it did, or why it was refused as a conflict; go back to ``back``."""
    try:
        result = action()
    except Conflict as refused:
        flash(f"Not done: {refused}")
        return redirect(back)
    flash(say(result))
    return redirect(back)


def _back(fallback: str) -> str:
    """Where a form posted from a page returns: its ``next`` field if that is a path on this site."""
    return safe_next(request.form.get("next"), fallback)


def _listed(ids: list[str]) -> str:
    return ", ".join(ids) or "none"


# -- leaving and coming back -------------------------------------------------------------------------------


def _leave(person: str, data) -> dict:
    return lifecycle.leave(get_store(), person, on=a_date(data, "on", default=date.today()))


def _said_leave(found: dict) -> str:
    who = found["person"]
    return (
        f"{who['name']} ({who['id']}) left on {who['left_on']}. "
        f"Seats vacated: {_listed(found['vacated'])}; nominations withdrawn: {_listed(found['withdrawn'])}; "
        f"mentorships ended (with): {_listed(found['mentorships_ended'])}; "
        f"introductions closed: {_listed(found['introductions_closed'])}."
    )


@bp.get("/people/<person>/leave")
@requires("hr")
def leave_page(person):
    """The confirmation step: what leaving will end, and the leaving date."""
    store = get_store()
    record = known_people(store, [person])[person]
    roles = store.roles_of(person)
    mentorships = [m for m in store.mentorships_of(person) if m["status"] == "active"]
    introductions = [i for i in store.introductions(person=person) if i["status"] in IN_FLIGHT_STATUSES]
    return render_template(
        "leave_confirm.html", person=record, roles=roles, mentorships=mentorships, introductions=introductions
    )


@bp.post("/people/<person>/leave")
@requires("hr")
def leave_form(person):
    return _done(lambda: _leave(person, request.form), _person_page(person), _said_leave)


@bp.post("/api/people/<person>/leave")
@requires("hr")
def api_leave(person):
    return jsonify(_leave(person, json_object()))


@bp.post("/people/<person>/rejoin")
@requires("hr")
def rejoin_form(person):
    return _done(
        lambda: lifecycle.rejoin(get_store(), person),
        _person_page(person),
        lambda who: f"{who['name']} ({who['id']}) is active again",
    )


@bp.post("/api/people/<person>/rejoin")
@requires("hr")
def api_rejoin(person):
    return jsonify(lifecycle.rejoin(get_store(), person))


# -- a person's unit and their own choice about introductions ----------------------------------------------


@bp.post("/people/<person>/move")
@requires("hr")
def move_form(person):
    unit = an_id(request.form, "unit")
    return _done(
        lambda: lifecycle.move_person(get_store(), person, unit=unit),
        _person_page(person),
        lambda who: f"{who['name']} ({who['id']}) is now in {who['org_unit']}",
    )


@bp.post("/api/people/<person>/move")
@requires("hr")
def api_move(person):
    return jsonify(lifecycle.move_person(get_store(), person, unit=an_id(json_object(), "unit")))


def _set_open_to_intros(person: str, data, *, form: bool) -> dict:
    """The person themselves, hr or admin; an unknown person is a 404 for everyone, not a 403."""
    known_people(get_store(), [person])
    if not (allowed("hr") or g.user["person"] == person):
        abort(403, "only the person themselves, HR or an admin may change whether they are open to introductions")
    value = yes_or_no(data, "open_to_intros", form=form)
    record = lifecycle.set_open_to_intros(get_store(), person, value)
    return {"person": record["id"], "open_to_intros": record["open_to_intros"]}


@bp.post("/people/<person>/open-to-intros")
@requires()
def open_to_intros_form(person):
    found = _set_open_to_intros(person, request.form, form=True)
    flash(
        "Open to introductions"
        if found["open_to_intros"]
        else "Not open to introductions: no one will be suggested an introduction to you"
    )
    return redirect(_person_page(person))


@bp.post("/api/people/<person>/open-to-intros")
@requires()
def api_open_to_intros(person):
    return jsonify(_set_open_to_intros(person, json_object(), form=False))


def _set_open_to_mentoring(person: str, data, *, form: bool) -> dict:
    """As :func:`_set_open_to_intros`: the person themselves, hr or admin."""
    known_people(get_store(), [person])
    if not (allowed("hr") or g.user["person"] == person):
        abort(403, "only the person themselves, HR or an admin may change whether they are open to mentoring")
    value = yes_or_no(data, "open_to_mentoring", form=form)
    record = lifecycle.set_open_to_mentoring(get_store(), person, value)
    return {"person": record["id"], "open_to_mentoring": record["open_to_mentoring"]}


@bp.post("/people/<person>/open-to-mentoring")
@requires()
def open_to_mentoring_form(person):
    found = _set_open_to_mentoring(person, request.form, form=True)
    flash("Open to mentoring rounds" if found["open_to_mentoring"] else "Standing aside from mentoring rounds")
    return redirect(_person_page(person))


@bp.post("/api/people/<person>/open-to-mentoring")
@requires()
def api_open_to_mentoring(person):
    return jsonify(_set_open_to_mentoring(person, json_object(), form=False))


# -- links between people ----------------------------------------------------------------------------------


def _end_mentorship(data) -> dict:
    return lifecycle.end_mentorship(
        get_store(), an_id(data, "mentor"), an_id(data, "mentee"), on=a_date(data, "on", default=date.today())
    )


@bp.post("/mentorships/end")
@requires("hr")
def end_mentorship_form():
    back = _back(_person_page(an_id(request.form, "mentee")))
    return _done(
        lambda: _end_mentorship(request.form),
        back,
        lambda m: f"the mentorship of {m['mentee']} by {m['mentor']} ended on {m['until']}",
    )


@bp.post("/api/mentorships/end")
@requires("hr")
def api_end_mentorship():
    return jsonify(_end_mentorship(json_object()))


def _remove_knows(data) -> dict:
    return lifecycle.remove_knows(get_store(), an_id(data, "a"), an_id(data, "b"))


@bp.post("/knows/remove")
@requires("hr")
def remove_knows_form():
    back = _back(_person_page(an_id(request.form, "a")))
    return _done(
        lambda: _remove_knows(request.form), back, lambda link: f"removed the KNOWS link {link['a']} - {link['b']}"
    )


@bp.post("/api/knows/remove")
@requires("hr")
def api_remove_knows():
    return jsonify(_remove_knows(json_object()))


# -- succession: nominations and positions -----------------------------------------------------------------


def _nominate(position: str, data) -> dict:
    return lifecycle.nominate(
        get_store(),
        an_id(data, "person"),
        position,
        readiness=choice(data, "readiness", READINESS),
        on=a_date(data, "on", default=date.today()),
    )


@bp.post("/succession/positions/<position>/successors")
@requires("hr")
def nominate_form(position):
    return _done(
        lambda: _nominate(position, request.form),
        _position_page(position),
        lambda n: f"nominated {n['person']} for {n['position']} ({n['readiness']})",
    )


@bp.post("/api/succession/positions/<position>/successors")
@requires("hr")
def api_nominate(position):
    return jsonify(_nominate(position, json_object())), 201


@bp.post("/succession/positions/<position>/successors/<person>/withdraw")
@requires("hr")
def withdraw_form(position, person):
    return _done(
        lambda: lifecycle.withdraw(get_store(), person, position),
        _position_page(position),
        lambda n: f"withdrew {person}'s nomination for {position}",
    )


@bp.post("/api/succession/positions/<position>/successors/<person>/withdraw")
@requires("hr")
def api_withdraw(position, person):
    return jsonify(lifecycle.withdraw(get_store(), person, position))


def _set_readiness(position: str, person: str, data) -> dict:
    return lifecycle.set_readiness(get_store(), person, position, readiness=choice(data, "readiness", READINESS))


@bp.post("/succession/positions/<position>/successors/<person>/readiness")
@requires("hr")
def readiness_form(position, person):
    return _done(
        lambda: _set_readiness(position, person, request.form),
        _position_page(position),
        lambda n: f"{person} is now {n['readiness']} for {position}",
    )


@bp.post("/api/succession/positions/<position>/successors/<person>/readiness")
@requires("hr")
def api_readiness(position, person):
    return jsonify(_set_readiness(position, person, json_object()))


@bp.post("/succession/positions/<position>/delete")
@requires("hr")
def delete_position_form(position):
    try:
        lifecycle.delete_position(get_store(), position)
    except Conflict as refused:
        flash(f"Not deleted: {refused}")
        return redirect(_position_page(position))
    flash(f"deleted position {position}")
    return redirect(url_for("succession.page"))


@bp.post("/api/succession/positions/<position>/delete")
@requires("hr")
def api_delete_position(position):
    return jsonify(lifecycle.delete_position(get_store(), position))
