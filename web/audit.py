"""The audit trail in the web app: sensitive reads, the audit page for admins, and erasure.

**Who acts.** Every request of a logged-in account runs as ``web:NAME``
(:mod:`netgraph.web.auth` enters :func:`netgraph.model.audit.acting_as` when it
loads the account), so every write made through the web records the account.

**Sensitive reads.** The views that show succession plans or flight risk call
:func:`record_read`, which appends an event ``read.WHAT`` naming what was
read (``page:/succession``, ``position:ID``, ``person:ID``), without changes:
the succession pages, their CSV and API (``read.succession``), a position's
page and API (``read.position``), the pipeline (``read.pipeline``), what-if
(``read.what_if``), and a person's page or API when it shows a flight risk
(``read.flight_risk``, hr and admin only). The CLI records no reads. The
event is part of the read: if it cannot be recorded, the read fails (as it
would with the store down anyway).

To keep the trail from growing with every reload, a read that repeats one
recorded less than :data:`READ_EVERY` seconds before (the same account, the
same path, the same entities) is not recorded again: at most one event a
minute for each. The times are kept in memory, per server process (each
process of a multi-process server keeps its own), on
``app.extensions["netgraph_read_log"]``, by the app's clock
(``app.extensions["netgraph_clock"]``, which tests replace).

**The audit page** (``/audit``, JSON at ``/api/audit``; admin only) lists the
events newest first, :data:`PER_PAGE` a page, filtered as ``netgraph audit``
filters them (``since``, ``actor``, ``entity``, ``action``), under the result
of checking the whole trail (with the audit key, if one is set), and the trail's anchor
(``SEQ:HASH:TIME``) to copy and keep elsewhere, as ``netgraph audit anchor`` prints it: ``netgraph
audit verify --anchor`` later fails if that event is gone or differs. A redacted value shows as
``[erased]``.

**Erasure** (admin only): ``GET /people/ID/erase`` shows what will be removed
and asks for a reason; ``POST`` (or ``POST /api/people/ID/erase``) runs
:func:`netgraph.analysis.erasure.erase` with the app's accounts.

>>> log = ReadLog()
>>> [log.claim(("hr", "/succession", ()), at) for at in (0.0, 30.0, 59.9, 60.0, 61.0)]
[True, False, False, True, False]
"""

from __future__ import annotations

import json
import threading
from collections.abc import Hashable

from flask import Blueprint, current_app, flash, g, jsonify, redirect, render_template, request, url_for

from netgraph.analysis import audit, erasure
from netgraph.analysis.people import known_people
from netgraph.model.text import check_text
from netgraph.web.auth import accounts, now, requires
from netgraph.web.params import json_object, refuse, whole_number
from netgraph.web.store import get_settings, get_store

bp = Blueprint("audit", __name__)

#: a read repeated within this many seconds of the one recorded (same account, path, entities) is not recorded
READ_EVERY = 60.0
#: events on one page of /audit
PER_PAGE = 500
#: how a redacted value is shown
ERASED = erasure.ERASED
#: the filters of /audit, as ``netgraph audit`` has them
FILTERS = ("since", "actor", "entity", "action")


# -- sensitive reads -------------------------------------------------------------------------------


class ReadLog:
    """When each read was last recorded: a key is claimed at most once every :data:`READ_EVERY` seconds.

    Thread-safe (waitress serves requests on several threads). Entries older
    than the window are dropped whenever a read is recorded, so it holds only
    the reads of the last minute.
    """

    def __init__(self) -> None:
        self._last: dict[tuple, float] = {}
        self._lock = threading.Lock()

    def claim(self, key: tuple, at: float) -> bool:
        """True (and ``key`` is now recorded at ``at``) unless it was recorded less than a minute before."""
        with self._lock:
            last = self._last.get(key)
            if last is not None and 0 <= at - last < READ_EVERY:
                return False
            self._last = {k: t for k, t in self._last.items() if 0 <= at - t < READ_EVERY}
            self._last[key] = at
            return True

    def release(self, key: tuple, at: float) -> None:
        """Undo :meth:`claim` (the event could not be recorded: the next read tries again)."""
        with self._lock:
            if self._last.get(key) == at:
                del self._last[key]

    def forget(self, person: str) -> None:
        """Drop every entry naming ``person`` (in its path or entities): after an erasure.

        >>> log = ReadLog(); log.claim(("hr", "/people/p4", ("person:p4",)), 0.0)
        True
        >>> log.forget("p4"); log.claim(("hr", "/people/p4", ("person:p4",)), 1.0)
        True
        """
        with self._lock:
            self._last = {k: t for k, t in self._last.items() if not _names(k, person)}


def _names(key: Hashable, person: str) -> bool:
    if isinstance(key, tuple):
        return any(_names(part, person) for part in key)
    return isinstance(key, str) and person in key.replace("/", ":").split(":")


def read_log() -> ReadLog:
    """This app's read log (in memory, made on first use)."""
    found = current_app.extensions.get("netgraph_read_log")
    if found is None:
        found = current_app.extensions.setdefault("netgraph_read_log", ReadLog())
    return found


def record_read(what: str, entities: list[str]) -> None:
    """Record that the current account read ``what`` about ``entities`` (at most once a minute).

    Called by the views once their answer is made; nothing is recorded
    without a logged-in account.
    """
    if g.get("user") is None:
        return
    entities = sorted(set(entities))
    key, at, log = (g.user["name"], request.path, tuple(entities)), now(), read_log()
    if not log.claim(key, at):
        return
    try:
        audit.record(get_store(), f"read.{what}", entities)
    except BaseException:
        log.release(key, at)
        raise


def page_entity() -> str:
    """The entity naming the page being read: ``page:/succession``."""
    return f"page:{request.path}"


# -- the audit page --------------------------------------------------------------------------------


def _filters() -> dict[str, str | None]:
    return {name: (request.args.get(name) or "").strip() or None for name in FILTERS}


def _redacted(raw: list[dict]) -> dict[int, set[str]]:
    """seq -> the paths of its values that were redacted (value and salt gone)."""
    return {e["seq"]: {path for path, f in e["fields"].items() if f["salt"] is None} for e in raw}


def trail() -> dict:
    """The events the filters select, newest first, one page of them, and whether the trail verifies."""
    filters, page = _filters(), whole_number(request.args, "page", 1)
    if page is None or page < 1:
        raise refuse("page", "must be 1 or more")
    store = get_store()
    found = audit.events(store, **filters)
    found.reverse()
    start = (page - 1) * PER_PAGE
    shown = found[start : start + PER_PAGE]
    marks = _redacted(store.audit_events(filters["since"])) if shown else {}
    checked = audit.report(store, key=get_settings().store.audit_key)
    problem = checked["problem"]
    anchor = store.audit_anchor()
    return {
        "verifies": problem is None,
        "problem": problem,
        "count": anchor["count"] if anchor else 0,
        "keyed_from": checked["keyed_from"],
        "anchor": checked["anchor"]["token"] if checked["anchor"] else None,
        "filters": filters,
        "total": len(found),
        "page": page,
        "per_page": PER_PAGE,
        "first": start + 1 if shown else 0,
        "last": start + len(shown),
        "events": [{**e, "redacted": sorted(marks.get(e["seq"], ()))} for e in shown],
    }


def shown_value(value) -> str:
    """A changed field's value as the page shows it.

    >>> [shown_value(v) for v in (None, "left", 3, True, ["a"])]
    ['none', 'left', '3', 'true', '["a"]']
    """
    if value is None:
        return "none"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def displayed(event: dict) -> dict:
    """An event of :func:`trail` as the page shows it: every value text, redacted ones ``[erased]``.

    >>> e = {"seq": 2, "at": "2026-12-01T10:00:00.000000Z", "action": "leave", "actor": "web:hr",
    ...      "entities": [None], "changes": [{"entity": "position:x", "field": "holder", "before": None,
    ...      "after": None}], "redacted": ["changes.0.before", "entities.0"]}
    >>> d = displayed(e)
    >>> d["entities"], d["changes"][0]["before"], d["changes"][0]["after"], d["at"]
    (['[erased]'], '[erased]', 'none', '2026-12-01 10:00:00 UTC')
    """
    redacted = set(event.get("redacted", ()))

    def text(path: str, value, blank: str = ERASED) -> str:
        return ERASED if path in redacted else blank if value is None else shown_value(value)

    changes = []
    for i, change in enumerate(event["changes"]):
        change = change or {}
        changes.append(
            {
                "entity": text(f"changes.{i}.entity", change.get("entity")),
                "field": text(f"changes.{i}.field", change.get("field")),
                "before": text(f"changes.{i}.before", change.get("before"), "none"),
                "after": text(f"changes.{i}.after", change.get("after"), "none"),
            }
        )
    note = event.get("note")
    return {
        "seq": event["seq"],
        "at": event["at"][:19].replace("T", " ") + " UTC",
        "action": event["action"],
        "actor": text("actor", event.get("actor")),
        "entities": [text(f"entities.{i}", e) for i, e in enumerate(event["entities"])],
        "changes": changes,
        "note": ERASED if "note" in redacted else note,
    }


@bp.get("/audit")
@requires("admin")
def page():
    found = trail()
    pages = max(1, -(-found["total"] // PER_PAGE))
    query = {k: v for k, v in found["filters"].items() if v}
    return render_template(
        "audit.html", trail=found, events=[displayed(e) for e in found["events"]], pages=pages, query=query
    )


@bp.get("/api/audit")
@requires("admin")
def api_trail():
    return jsonify(trail())


# -- erasure ---------------------------------------------------------------------------------------


def erasure_summary(person: str) -> dict:
    """What erasing ``person`` will remove (a 404 for an unknown person): the confirmation page's content."""
    store = get_store()
    record = known_people(store, [person])[person]
    roles = store.roles_of(person)
    return {
        "person": record,
        "links": {
            "people linked (KNOWS or MENTORS)": len(store.contacts(person)),
            "mentorships": len(store.mentorships_of(person)),
            "seats held": len(roles["holds"]),
            "nominations as a successor": len(roles["nominations"]),
            "skills": len(record.get("skills") or {}),
            "goals": len(record.get("wants_to_grow") or []),
        },
        "introductions": len(store.introductions(person=person)),
        "accounts": sorted(a["name"] for a in accounts().list() if a.get("person") == person),
    }


def _erase(person: str, data) -> dict:
    reason = data.get("reason")
    if reason is None or reason == "":
        raise refuse("reason", "is required: say why (for example the request's date)", where="request body")
    reason = check_text(reason, "reason", "note", where="request body", multiline=True)
    done = erasure.erase(get_store(), person, reason=reason, accounts=accounts())
    read_log().forget(person)
    return done


@bp.get("/people/<person>/erase")
@requires("admin")
def erase_page(person):
    """The confirmation step: what will be removed, and the reason to give."""
    return render_template("erase_confirm.html", **erasure_summary(person))


@bp.post("/people/<person>/erase")
@requires("admin")
def erase_form(person):
    done = _erase(person, request.form)
    flash(f"erased: {done['audit_events_redacted']} audit events redacted, {done['accounts_removed']} accounts removed")
    return redirect(url_for("people.home"))


@bp.post("/api/people/<person>/erase")
@requires("admin")
def api_erase(person):
    return jsonify(_erase(person, json_object()))
