"""Sealing an event and appending it inside a transaction: the write path and the audit port share it."""

from __future__ import annotations

import json

import neo4j

from netgraph.model.audit import GENESIS, AuditEntry, AuditEvent, seal, started_entry, timestamp
from netgraph.store.neo4j_backend.cypher import statement


def append_event(tx: neo4j.ManagedTransaction, entry: AuditEntry, key: bytes | None) -> AuditEvent:
    """Seal ``entry`` after the last event (the anchor locked first) and append it, in ``tx``."""
    anchor = tx.run(statement("audit/lock_anchor"), genesis=GENESIS).single()
    assert anchor is not None  # the statement merges the anchor: it returns one row
    sealed = seal(entry, prev=anchor["head"], seq=anchor["count"] + 1, at=timestamp(), key=key)
    tx.run(
        statement("audit/append"),
        seq=sealed["seq"],
        at=sealed["at"],
        action=sealed["action"],
        event=json.dumps(sealed, ensure_ascii=False),
        hash=sealed["hash"],
    ).consume()
    return sealed


def start_trail(tx: neo4j.ManagedTransaction, key: bytes | None) -> None:
    """A database without an audit anchor was made before the trail existed (or is empty): begin its
    trail, with an ``audit.start`` event saying what it held if it holds data; once begun, a database
    holding data and no event fails ``audit verify``."""
    state = tx.run(statement("audit/trail_state")).single(strict=True)
    if state["kept"]:
        return
    held = {label: state[label] for label in ("Person", "OrgUnit", "Position", "Skill", "Introduction")}
    if any(held.values()):
        append_event(tx, started_entry(held), key)
    else:
        tx.run(statement("audit/keep_anchor"), genesis=GENESIS).consume()
