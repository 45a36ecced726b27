"""The embedded store: a networkx graph in memory, persisted to one SQLite file.

It needs no server, so ``netgraph`` works on a fresh machine with nothing but
Python. ``EmbeddedStore(path)`` keeps the graph in ``graph.sqlite`` (see
:func:`~netgraph.store.embedded.database.database_path`: ``graph.json`` names
``graph.sqlite`` beside it; an old JSON store there is migrated on first
open, :mod:`~netgraph.store.embedded.migration`). Any number of processes
may use the same file at once: each write commits whole or not at all and
costs what it changes, each process sees the others' commits on its next
read, and a ``kill -9`` at any moment leaves the last committed state
(:mod:`~netgraph.store.embedded.mirror`, :mod:`~netgraph.store.embedded.database`).

The queries of the port modules run on the in-memory networkx mirror
(:mod:`~netgraph.store.embedded.records` says how the graph is keyed).

Examples
--------
>>> store = EmbeddedStore(None)   # in memory only
>>> store.write({"people": [{"id": "p1", "name": "Ada", "email": None, "title": None, "level": 5,
...     "location": None, "joined_on": None, "open_to_intros": True, "flight_risk": None,
...     "org_unit": None, "skills": {"python": 4}, "wants_to_grow": []}]})
>>> store.stats()["nodes"]["Skill"], store.stats()["relationships"]["HAS_SKILL"]
(1, 1)

Checks and the write they justify go in one transaction, so that no other
writer, in this process or another, can change the store between them:

>>> with store.transaction():
...     if not store.existing_keys("org_units", ["u1"]):
...         store.write({"org_units": [{"id": "u1", "name": "Sales", "parent": None}]})

The store is composed of one class per port, each in its own module, so that
this package reads like :mod:`netgraph.store.ports`: ``persistence``,
``lookups``, ``network_queries``, ``succession_queries``,
``programme_queries``, ``matching_queries``, ``match_rounds``,
``audit_trail``, ``tie_evidence`` and ``insight_queries``, over the state of
:class:`~netgraph.store.embedded.state.EmbeddedState`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netgraph.collector import cycle_collector_paused
from netgraph.store.embedded.audit_log import AuditLog
from netgraph.store.embedded.audit_trail import EmbeddedAuditTrail
from netgraph.store.embedded.database import database_path, legacy_json_path
from netgraph.store.embedded.evidence import EvidenceTables
from netgraph.store.embedded.insight_queries import EmbeddedInsightQueries
from netgraph.store.embedded.insight_tables import InsightTables
from netgraph.store.embedded.lookups import EmbeddedLookups
from netgraph.store.embedded.match_rounds import EmbeddedMatchRounds
from netgraph.store.embedded.matching_queries import EmbeddedMatchingQueries
from netgraph.store.embedded.migration import migrate_json_store, move_feedback_to_links
from netgraph.store.embedded.mirror import INLINE_LIMIT, RELOAD_INLINE_BELOW, WRITE_WAIT, Mirror
from netgraph.store.embedded.network_queries import EmbeddedNetworkQueries
from netgraph.store.embedded.outbox import EmbeddedOutbox
from netgraph.store.embedded.outbox_tables import OutboxTables
from netgraph.store.embedded.persistence import EmbeddedPersistence
from netgraph.store.embedded.programme_queries import EmbeddedProgrammeQueries
from netgraph.store.embedded.round_tables import RoundTables
from netgraph.store.embedded.succession_queries import EmbeddedSuccessionQueries
from netgraph.store.embedded.tie_evidence import EmbeddedTieEvidence


class EmbeddedStore(
    EmbeddedPersistence,
    EmbeddedNetworkQueries,  # before EmbeddedLookups, which it builds on
    EmbeddedLookups,
    EmbeddedSuccessionQueries,
    EmbeddedProgrammeQueries,
    EmbeddedMatchingQueries,
    EmbeddedMatchRounds,
    EmbeddedOutbox,
    EmbeddedAuditTrail,
    EmbeddedTieEvidence,
    EmbeddedInsightQueries,
):
    """See the module docstring. ``path=None`` keeps the graph in memory only.

    write_wait
        Seconds a write waits for another process's write (say an import) before
        :class:`~netgraph.store.embedded.database.StoreBusy`.
    inline_limit, reload_inline_below
        Keys another process may change for this one to apply them in place on
        its next read; above it, the graph is reloaded: at once if the file is
        smaller than ``reload_inline_below`` bytes, else in the background.
    audit_key
        New audit events are keyed with it (HMAC-SHA256, :func:`netgraph.model.audit.seal`).
    freeze_graph
        Keep a large graph, and the answers kept until the next write, out of Python's
        cycle collector (``gc.freeze``, :meth:`~netgraph.store.embedded.mirror.Mirror.settle`):
        for a long-lived process (``netgraph serve``, the CLI). Off by default, as it
        freezes everything else alive in the process too.
    """

    def __init__(
        self,
        path: Path | str | None,
        *,
        write_wait: float = WRITE_WAIT,
        inline_limit: int = INLINE_LIMIT,
        reload_inline_below: int = RELOAD_INLINE_BELOW,
        audit_key: bytes | None = None,
        freeze_graph: bool = False,
    ):
        if path is not None and str(path) == ":memory:":  # as open_store reads it: memory, never a file
            path = None
        self.path = database_path(path) if path is not None else None
        legacy = legacy_json_path(path) if path is not None else None
        self.freeze_graph = freeze_graph
        self._succession_cache: dict[object, Any] = {}
        with cycle_collector_paused():  # opening builds the whole graph: millions of dicts, no cycles
            migrated = (
                migrate_json_store(legacy, self.path, wait=write_wait, audit_key=audit_key)
                if self.path and legacy
                else None
            )
            self._mirror = Mirror(
                self.path,
                write_wait=write_wait,
                inline_limit=inline_limit,
                reload_inline_below=reload_inline_below,
                on_change=self._succession_cache.clear,
                start=migrated,
                freeze_graph=freeze_graph,
            )
        self._reading = self._mirror.reading
        self._audit = AuditLog(self._mirror, audit_key)
        self._audit.start()  # a file made before the audit trail existed begins one (once)
        self._evidence = EvidenceTables(self._mirror)
        self._insights = InsightTables(self._mirror)
        self._rounds = RoundTables(self._mirror)
        self._outbox = OutboxTables(self._mirror)
        # a file of an older format may hold round feedback on the proposals: moved onto the MENTORS links (once)
        move_feedback_to_links(self._mirror, self._rounds, self._audit)

    def refresh(self) -> None:
        """Catch up now with what other processes committed, waiting for a reload if one is needed.

        Reads do this by themselves (without waiting for a reload); tests and
        tools that must see another process's big import at once call it.
        """
        self._mirror.refresh(wait=True)
