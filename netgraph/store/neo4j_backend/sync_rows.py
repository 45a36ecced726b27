"""The HR sync's read on Neo4j: the compact rows of every person, org unit and position, and the nominations.

Four streamed statements (cypher/sync/), one transaction: each row is folded
into its tuple (netgraph.model.sync_state) as it arrives, and no record of
skills, goals or links is made. The driver gives every cell a string of its
own; the values many rows repeat (a unit's id, a title, a location, a date,
``hr``, ``active``) are kept as one string each, so that at a million
people the rows hold their distinct values once, not a copy per row.
"""

from __future__ import annotations

from typing import Any

import neo4j

from netgraph.model.sync_state import SyncState
from netgraph.store.neo4j_backend.cypher import statement


def read_sync_state(tx: neo4j.ManagedTransaction) -> SyncState:
    """Every person's, unit's and position's row, and every nomination, read in ``tx``."""
    shared: dict[Any, Any] = {}

    def one(value: Any) -> Any:
        return shared.setdefault(value, value) if isinstance(value, str) else value

    state = SyncState()
    for record in tx.run(statement("sync/people")):
        row = record["row"]
        # name, preferred name and email are each one person's; most other values recur
        state.people[row[0]] = (row[1], row[2], row[3], *map(one, row[4:]))
    for record in tx.run(statement("sync/org_units")):
        row = record["row"]
        state.units[row[0]] = tuple(map(one, row[1:]))
    for record in tx.run(statement("sync/positions")):
        row = record["row"]
        requires = tuple(sorted(map(one, row[6])))
        holders = tuple(sorted((h[0], one(h[1])) for h in row[7]))
        state.positions[row[0]] = (*map(one, row[1:6]), requires, holders)
    state.nominations = sorted((p, q) for p, q in (r["row"] for r in tx.run(statement("sync/nominations"))))
    return state
