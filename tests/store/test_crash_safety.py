"""``kill -9`` at any moment leaves the last committed state, and nothing beside the store.

An import of a generated organisation is killed at moments spread over its
whole run (starting up, loading, validating, writing, committing, closing),
each time on a fresh copy of a small store. The store must then open and
hold exactly the state before the import or exactly the state after it,
and once opened and closed, the folder must hold the database file alone.
The same for the migration of an old JSON store.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import time

from netgraph.io.documents import read_document
from netgraph.io.generate import generate_dataset
from netgraph.model.validate import complete, validate
from netgraph.store import EmbeddedStore
from tests.conftest import FIXTURES
from tests.store.processes import NETGRAPH, ROOT, environment

#: Where in the run (as a share of an unkilled run's time) each kill lands, give or take 5%.
KILL_POINTS = (0.1, 0.3, 0.5, 0.65, 0.8, 0.9, 0.97)


def state_and_leftovers(folder, name: str) -> tuple[dict, list[str]]:
    """Open the store (it recovers), read it, close it; what it holds, and what else is in the folder."""
    store = EmbeddedStore(folder / name)
    try:
        state = store.export()
    finally:
        store.close()
    return state, sorted(os.listdir(folder))


def started(folder, *args) -> tuple[subprocess.Popen, float]:
    return subprocess.Popen(
        [*NETGRAPH, "--data", str(folder / "graph.json"), *map(str, args)],
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ), time.monotonic()


def killed_at(process: subprocess.Popen, since: float, seconds: float) -> bool:
    """Send SIGKILL ``seconds`` after ``since``; True if it was still running then."""
    time.sleep(max(0.0, since + seconds - time.monotonic()))
    alive = process.poll() is None
    process.kill()
    process.wait()
    return alive


def test_a_kill_at_any_moment_of_an_import_leaves_the_old_or_the_new_state_and_nothing_else(tmp_path):
    (tmp_path / "big.json").write_text(json.dumps(generate_dataset(2000, seed=11)), "utf-8")
    base = tmp_path / "base"
    EmbeddedStore(base / "graph.json").write(validate(read_document(FIXTURES / "small.json")[0]))
    old, _ = state_and_leftovers(base, "graph.json")

    whole = tmp_path / "whole"
    shutil.copytree(base, whole)
    process, since = started(whole, "import", tmp_path / "big.json")
    assert process.wait() == 0
    duration = time.monotonic() - since
    new, _ = state_and_leftovers(whole, "graph.json")
    assert new != old

    rng, outcomes = random.Random(5), []
    for n, point in enumerate(KILL_POINTS):
        folder = tmp_path / f"killed-{n}"
        shutil.copytree(base, folder)
        process, since = started(folder, "import", tmp_path / "big.json")
        was_running = killed_at(process, since, duration * (point + rng.uniform(-0.05, 0.05)))
        state, leftovers = state_and_leftovers(folder, "graph.json")
        assert state == old or state == new, f"kill at {point:.0%}: a state that was never committed"
        assert leftovers == ["graph.sqlite"], f"kill at {point:.0%}"
        outcomes.append((was_running, state == new))
    assert (True, False) in outcomes  # some kills did interrupt the import (and it left no trace)


def test_a_kill_at_any_moment_of_a_migration_loses_nothing_and_leaves_nothing(tmp_path):
    document = complete(validate(generate_dataset(2000, seed=12)))
    base = tmp_path / "base"
    base.mkdir()
    (base / "graph.json").write_text(json.dumps(document), "utf-8")

    whole = tmp_path / "whole"
    shutil.copytree(base, whole)
    process, since = started(whole, "stats")
    assert process.wait() == 0
    duration = time.monotonic() - since

    for n, point in enumerate(KILL_POINTS[::2]):
        folder = tmp_path / f"killed-{n}"
        shutil.copytree(base, folder)
        process, since = started(folder, "stats")
        killed_at(process, since, duration * point)
        state, leftovers = state_and_leftovers(folder, "graph.json")  # finishes (or redoes) the migration
        assert state == document, f"kill at {point:.0%}"
        assert leftovers == ["graph.json.migrated", "graph.sqlite"], f"kill at {point:.0%}"
