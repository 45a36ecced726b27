"""A people sync on Neo4j that kills its own process (SIGKILL) once its first part has committed.

``python -m tests.store.sync_killed URI SNAPSHOT DAY PART_RECORDS``: what a
crash between two parts leaves, made without guessing when to kill.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date

from netgraph.analysis.sync import sync_people
from netgraph.store.neo4j_backend import Neo4jStore


def killed(done: int, total: int) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    uri, snapshot, day, part = sys.argv[1:5]
    store = Neo4jStore(
        uri, os.environ.get("NETGRAPH_TEST_NEO4J_USERNAME"), os.environ.get("NETGRAPH_TEST_NEO4J_PASSWORD")
    )
    sync_people(
        store, snapshot, today=date.fromisoformat(day), allow_mass_leave=True, part_records=int(part), progress=killed
    )
    sys.exit("the sync ended without being killed")
