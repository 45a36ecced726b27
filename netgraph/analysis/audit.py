"""Reading, checking and adding to the audit trail (the model is netgraph.model.audit).

Writes record their own events (each analysis function passes one to
``store.write``); this module reads the trail, verifies it, and records what
is not a write: sensitive reads by web users, and account changes.

Large writes are summarised (:func:`netgraph.model.audit.summarised`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netgraph.errors import InvalidInput, Problem
from netgraph.model.audit import STARTED, AuditEvent, anchor_token, check_kept, diff, entry, keyed_from, values, verify
from netgraph.store.ports import AuditedPersistence, AuditTrail


def record_diffs(
    kind: str, key: str, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """The changed fields of one record as audit rows (``kind:key`` names the entity)."""
    return diff(f"{kind}:{key}", before, after)


def events(
    store: AuditTrail,
    *,
    since: str | None = None,
    actor: str | None = None,
    entity: str | None = None,
    action: str | None = None,
) -> list[dict[str, Any]]:
    """The events as people read them (redacted values are None), oldest first, filtered.

    ``entity`` matches an entity id with or without its kind (``p4`` or
    ``person:p4``); ``action`` matches the action or its family (``intro``
    matches ``intro.update``).
    """
    if since is not None and (len(since) < 10 or since[4] != "-"):
        raise InvalidInput([Problem("request", "since", f"{since!r} is not an ISO date or time")])
    found = []
    for event in store.audit_events(since):
        shown = values(event)
        if actor is not None and shown.get("actor") != actor:
            continue
        if action is not None and shown["action"] != action and not shown["action"].startswith(action + "."):
            continue
        if entity is not None and not any(
            e == entity or (e or "").split(":", 1)[-1] == entity for e in shown["entities"]
        ):
            continue
        found.append(shown)
    return found


def check(store: AuditedPersistence, *, key: bytes | None = None, kept: Sequence[dict[str, Any]] = ()) -> str | None:
    """None if the trail verifies, else what is wrong (naming the first bad event)."""
    problem: str | None = report(store, key=key, kept=kept)["problem"]
    return problem


def report(
    store: AuditedPersistence, *, key: bytes | None = None, kept: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    """What ``audit verify`` says: ``problem`` (None: the trail verifies), ``count``, ``keyed_from`` (the
    first keyed event, None if none is), ``started`` (the time of the ``audit.start`` event the trail
    begins with, None if it begins with a write), ``anchors`` (how many kept anchors were checked) and
    ``anchor``: the trail's anchor to keep elsewhere (``{"seq", "hash", "at", "token"}``; None when the
    trail has no events or does not verify: an anchor must not bless a broken trail).

    ``key``: the audit key (keyed events cannot be checked without it); ``kept``: anchors kept
    elsewhere (``{"seq", "hash", "at"}``), each of which must name an event the trail holds, as it was.
    """
    events = store.audit_events()
    holds_data = any(store.stats()["nodes"].values())
    problem = verify(events, store.audit_anchor(), key=key, holds_data=holds_data) or check_kept(events, kept)
    first, last = (events[0], events[-1]) if events else (None, None)
    anchor = None
    if problem is None and last is not None:
        anchor = {"seq": last["seq"], "hash": last["hash"], "at": last["at"], "token": anchor_token(last)}
    return {
        "problem": problem,
        "count": len(events),
        "keyed_from": keyed_from(events),
        "started": first["at"] if first is not None and first["action"] == STARTED else None,
        "anchors": len(kept),
        "anchor": anchor,
    }


def record(
    store: AuditTrail,
    action: str,
    entities: list[str],
    changes: list[dict[str, Any]] | None = None,
    note: str | None = None,
) -> AuditEvent:
    """Append one event that is not part of a graph write (a read, an account change)."""
    return store.append_audit(entry(action, entities, changes or [], note=note))
