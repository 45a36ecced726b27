"""``kill -9`` between two parts of a people sync on Neo4j: running the same sync again finishes the job.

Neo4j commits a sync's parts one by one, so a crash leaves some of them
written. The same snapshot synced again must then end in exactly the state
one uninterrupted sync gives, with the sync recorded once in the audit trail.
The child (tests/store/sync_killed.py) kills itself right after its first
part commits.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import date

import pytest

from netgraph.analysis.sync import sync_people
from tests.conftest import _fresh_neo4j
from tests.contract.test_sync_in_parts import FIRST, HR, SECOND, night_two, parts_recorded, syncs_recorded
from tests.store.processes import ROOT, environment

pytestmark = pytest.mark.neo4j
PART = 3


def killed_after_a_part(uri: str, snapshot, day: date) -> int:
    child = [sys.executable, "-m", "tests.store.sync_killed", uri, str(snapshot), day.isoformat(), str(PART)]
    return subprocess.run(child, cwd=ROOT, env=environment(), capture_output=True, timeout=300).returncode


def test_a_first_sync_killed_between_parts_and_run_again_ends_as_one_uninterrupted_run(neo4j_store, neo4j_uri):
    store = _fresh_neo4j(neo4j_store)
    sync_people(store, HR / "default.csv", today=FIRST, part_records=PART)
    whole = store.export()
    store = _fresh_neo4j(neo4j_store)
    assert killed_after_a_part(neo4j_uri, HR / "default.csv", FIRST) == -signal.SIGKILL
    assert (len(store.export()["org_units"]), store.export()["people"], syncs_recorded(store)) == (PART, [], 0)
    units = sorted(f"org_unit:{unit['id']}" for unit in store.export()["org_units"])
    assert parts_recorded(store) == [units]
    sync_people(store, HR / "default.csv", today=FIRST, part_records=PART)
    assert (store.export(), syncs_recorded(store)) == (whole, 1)


def test_a_night_killed_between_parts_and_run_again_ends_as_one_uninterrupted_night(neo4j_store, neo4j_uri, tmp_path):
    second = night_two(tmp_path)
    store = _fresh_neo4j(neo4j_store)
    sync_people(store, HR / "default.csv", today=FIRST)
    sync_people(store, second, today=SECOND, allow_mass_leave=True, part_records=1)
    whole = store.export()
    store = _fresh_neo4j(neo4j_store)
    sync_people(store, HR / "default.csv", today=FIRST)
    assert killed_after_a_part(neo4j_uri, second, SECOND) == -signal.SIGKILL
    halfway = {p["id"]: p for p in store.export()["people"]}
    assert (halfway["1004"]["title"], halfway["1008"]["status"], syncs_recorded(store)) == (
        "Senior Engineer",
        "active",
        1,
    )
    sync_people(store, second, today=SECOND, allow_mass_leave=True, part_records=1)
    assert (store.export(), syncs_recorded(store)) == (whole, 2)
