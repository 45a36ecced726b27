"""Reading, checking and adding to the audit trail (the model is netgraph.model.audit).

Writes record their own events (each analysis function passes one to
``store.write``); this module reads the trail, verifies it, and records what
is not a write: sensitive reads by web users, and account changes.

Large writes are summarised (:func:`netgraph.model.audit.summarised`).
"""

from __future__ import annotations

from netgraph.errors import InvalidInput, Problem
from netgraph.model.audit import diff, entry, values, verify
from netgraph.store.ports import Store


def record_diffs(kind: str, key: str, before: dict | None, after: dict | None) -> list[dict]:
    """The changed fields of one record as audit rows (``kind:key`` names the entity)."""
    return diff(f"{kind}:{key}", before, after)


def events(store: Store, *, since: str | None = None, actor: str | None = None, entity: str | None = None,
           action: str | None = None) -> list[dict]:
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
        if entity is not None and not any(e == entity or (e or "").split(":", 1)[-1] == entity
                                          for e in shown["entities"]):
            continue
        found.append(shown)
    return found


def check(store: Store) -> str | None:
    """None if the trail verifies, else what is wrong (naming the first bad event)."""
    return verify(store.audit_events(), store.audit_anchor())


def record(store: Store, action: str, entities: list[str], changes: list[dict] | None = None,
           note: str | None = None) -> dict:
    """Append one event that is not part of a graph write (a read, an account change)."""
    return store.append_audit(entry(action, entities, changes or [], note=note))
