"""Mentoring rounds: the JSON twins of ``netgraph match`` under ``/api/match/``, HR's review page, and answers.

Each write is one call of :mod:`netgraph.analysis.matching.rounds` or
:mod:`netgraph.analysis.matching.workflow` (checked first, one located
problem per line, nothing written on any; audited with its change). A round
names people (its members, proposals and the reasons for them): reading one
is for ``hr`` and ``admin`` and is recorded (``read.match``). HR reviews a
round at ``/match/<round>`` (run, send, lock, forbid, swap, close: POST forms
with the CSRF token); each person answers and rates their own proposals from
their home page (``/proposals/...``), by the app's clock; the API's twins are
``/api/match/rounds/<round>/send`` (hr, admin) and
``.../proposals/<mentor>/<mentee>/answer`` and ``.../feedback`` (the pair's own
two people only: anyone else's is 404, as if it did not exist).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for

from netgraph.analysis.matching import rounds, workflow
from netgraph.errors import InvalidInput, Problem
from netgraph.io.round_file import rows_from_json
from netgraph.model.match_proposals import ANSWERS, RATINGS
from netgraph.web.audit import record_read
from netgraph.web.auth import now, requires
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


@bp.post("/api/match/rounds/<round_id>/send")
@requires("hr")
def api_send(round_id):
    body = json_object()
    moment = clock_now()
    answer_by = a_date(body, "answer_by")
    sent = workflow.send(
        get_store(), round_id, today=moment.date(), answer_by=answer_by, mail=get_settings().mail, now=moment
    )
    return jsonify(sent)


@bp.post("/api/match/rounds/<round_id>/proposals/<mentor>/<mentee>/answer")
@requires()
def api_answer(round_id, mentor, mentee):
    body = json_object()
    choice = body.get("choice")
    if choice not in ANSWERS:
        raise InvalidInput([Problem("request body", "choice", f"must be one of {', '.join(ANSWERS)}")])
    return jsonify(_named(_answer(round_id, mentor, mentee, choice)))


@bp.post("/api/match/rounds/<round_id>/proposals/<mentor>/<mentee>/feedback")
@requires()
def api_feedback(round_id, mentor, mentee):
    body = json_object()
    rating = body.get("rating")
    if isinstance(rating, bool) or rating not in RATINGS:
        raise InvalidInput([Problem("request body", "rating", "must be a whole number from 1 to 5")])
    if "again" not in body:
        raise InvalidInput([Problem("request body", "again", "required: true or false")])
    return jsonify(_named(_rate(round_id, mentor, mentee, rating, boolean(body, "again"))))


def _named(seen: dict) -> dict:
    """A proposal as its side sees it, with both people's names (as on their home)."""
    names = {pid: r["name"] for pid, r in get_store().people([seen["mentor"], seen["mentee"]]).items()}
    return seen | {
        "mentor_name": names.get(seen["mentor"], seen["mentor"]),
        "mentee_name": names.get(seen["mentee"], seen["mentee"]),
    }


# -- the pages: HR reviews a round; each person answers their proposal -----------------------------------


def clock_now() -> datetime:
    """The app's clock (tests move it) as a UTC moment: deadlines lapse by it."""
    return datetime.fromtimestamp(now(), UTC)


def _review(round_id: str) -> dict:
    """What the review page shows: the round, each pair with its reasons and status, names, the outbox."""
    store = get_store()
    found = rounds.stored_round(store, round_id)
    today = clock_now().date()
    states = {(p["mentor"], p["mentee"]): p for p in workflow.round_proposals(store, round_id, today)}
    people = [m["person"] for m in found["members"]]
    names = {pid: r["name"] for pid, r in store.people(people).items()}
    pairs = [{**p, "state": states.get((p["mentor"], p["mentee"]))} for p in found["proposals"] or []]
    members = set(people)
    messages = [m for m in store.outbox_messages() if m["to_person"] in members]
    record_read("match", [f"match_round:{round_id}"] + [f"person:{p}" for p in people])
    return {
        "round": found,
        "pairs": pairs,
        "names": names,
        "messages": messages,
        "today": today.isoformat(),
        "feedback": workflow.round_feedback(store, round_id),
    }


@bp.get("/match")
@requires("hr")
def rounds_page():
    return render_template("match_rounds.html", rounds=[rounds.summary(r) for r in get_store().match_rounds()])


@bp.get("/match/<round_id>")
@requires("hr")
def review_page(round_id):
    return render_template("match_review.html", **_review(round_id))


def _back(round_id: str, message: str):
    flash(message)
    return redirect(url_for("matching.review_page", round_id=round_id))


@bp.post("/match/<round_id>/run")
@requires("hr")
def run_form(round_id):
    found = rounds.run(get_store(), round_id, get_settings().match, today=clock_now().date())
    return _back(round_id, f"Run: {found['figures']['chosen']['matched']} mentees matched among those left")


@bp.post("/match/<round_id>/send")
@requires("hr")
def send_form(round_id):
    moment = clock_now()
    sent = workflow.send(get_store(), round_id, today=moment.date(), mail=get_settings().mail, now=moment)
    waiting = f"; {len(sent['waiting'])} wait for a free place" if sent["waiting"] else ""
    return _back(round_id, f"Sent {len(sent['sent'])} proposal(s), to answer by {sent['answer_by']}{waiting}")


@bp.post("/match/<round_id>/<action>")
@requires("hr")
def pair_form(round_id, action):
    store = get_store()
    mentor, mentee = an_id(request.form, "mentor"), an_id(request.form, "mentee")
    if action == "lock":
        rounds.lock(store, round_id, mentor, mentee)
        return _back(round_id, f"Locked {mentor} with {mentee}: run again to place it")
    if action == "forbid":
        rounds.forbid(store, round_id, mentor, mentee)
        return _back(round_id, f"Forbade {mentor} with {mentee}: run again to propose without it")
    if action == "swap":
        other = an_id(request.form, "with_mentee")
        pairs = {(p["mentor"], p["mentee"]) for p in rounds.stored_round(store, round_id)["proposals"] or []}
        other_mentor = next((a for a, b in pairs if b == other), None)
        if (mentor, mentee) not in pairs or other_mentor is None:
            raise InvalidInput([Problem("swap", "with_mentee", f"{other!r} is not a proposed mentee of this round")])
        rounds.lock(store, round_id, mentor, other)
        rounds.lock(store, round_id, other_mentor, mentee)
        rounds.run(store, round_id, get_settings().match, today=clock_now().date())
        return _back(round_id, f"Swapped: {mentor} with {other}, {other_mentor} with {mentee} (locked and run)")
    if action == "close":
        rounds.close(store, round_id, today=clock_now().date())
        return _back(round_id, "Closed: the pairs and figures stay")
    abort(404)


def _answer(round_id: str, mentor: str, mentee: str, choice: str) -> dict:
    """The logged-in person's answer to their proposal; any other pair is not found."""
    if not g.user.get("person"):
        abort(404, "your account is not linked to a person: you have no proposals")
    moment = clock_now()
    return workflow.answer(
        get_store(),
        round_id,
        mentor,
        mentee,
        person=g.user["person"],
        choice=choice,
        today=moment.date(),
        mail=get_settings().mail,
        now=moment,
    )


@bp.post("/proposals/<round_id>/<mentor>/<mentee>")
@requires()
def answer_form(round_id, mentor, mentee):
    choice = {"accept": "accepted", "decline": "declined"}.get(request.form.get("choice", ""), "")
    seen = _answer(round_id, mentor, mentee, choice)
    flash(
        "Both of you accepted: the mentorship starts today"
        if seen["status"] == "started"
        else ("You accepted: waiting for the other side" if choice == "accepted" else "You declined the proposal")
    )
    return redirect(url_for("people.home"))


def _rate(round_id: str, mentor: str, mentee: str, rating: int, again: bool) -> dict:
    """The logged-in person's feedback on their ended mentorship; any other pair is not found."""
    if not g.user.get("person"):
        abort(404, "your account is not linked to a person: you have no proposals")
    return workflow.rate(
        get_store(),
        round_id,
        mentor,
        mentee,
        person=g.user["person"],
        rating=rating,
        again=again,
        today=clock_now().date(),
    )


@bp.post("/proposals/<round_id>/<mentor>/<mentee>/feedback")
@requires()
def feedback_form(round_id, mentor, mentee):
    try:
        rating = int(request.form.get("rating", ""))
    except ValueError:
        raise InvalidInput([Problem("form", "rating", "must be a whole number from 1 to 5")]) from None
    _rate(round_id, mentor, mentee, rating, request.form.get("again") == "yes")
    flash("Thank you: your feedback is recorded")
    return redirect(url_for("people.home"))


def proposals_of_viewer() -> list[dict] | None:
    """The proposals sent to the logged-in person, with names (home pages show them); None without a person."""
    person = g.user.get("person") if g.user else None
    if not person:
        return None
    store = get_store()
    found = workflow.proposals_for(store, person, clock_now().date())
    names = {
        pid: r["name"] for pid, r in store.people(sorted({p[s] for p in found for s in ("mentor", "mentee")})).items()
    }
    return [
        p | {"mentor_name": names.get(p["mentor"], p["mentor"]), "mentee_name": names.get(p["mentee"], p["mentee"])}
        for p in found
    ]


def messages_of_viewer() -> list[dict] | None:
    """The messages to the logged-in person, newest first (with no SMTP server, the app is where they are
    read); None without a person."""
    person = g.user.get("person") if g.user else None
    if not person:
        return None
    return [
        {k: m[k] for k in ("subject", "body", "state", "queued_at")}
        for m in reversed(get_store().outbox_messages(person))
    ]
