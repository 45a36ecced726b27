"""Neo4j saves stored insights under a new run in bounded transactions and flips to it at the end.

A save of 100,000 person rows in one transaction spent most of its time in the commit; saved batch by
batch instead, a save that stops part way must still leave the last refresh's insights what every
read sees, and a finished save must leave one run of rows behind, not two.
"""

from __future__ import annotations

import pytest

from netgraph.analysis.insights import stored
from netgraph.model.insight_rows import PART_KINDS
from netgraph.model.validate import complete, validate
from tests.conftest import _fresh_neo4j
from tests.contract.test_insights_stored import RECOMMEND, SETTINGS
from tests.contract.test_ports_insights import DOCUMENT
from tests.neo4j_support import run_statement

pytestmark = pytest.mark.neo4j


@pytest.fixture
def refreshed(neo4j_store):
    store = _fresh_neo4j(neo4j_store)
    store.write(complete(validate(DOCUMENT)))
    stored.refresh(store, SETTINGS, RECOMMEND)
    return store


def everything(store) -> tuple[list, dict[str, list]]:
    return store.person_insights(), {kind: store.insight_parts(kind) for kind in PART_KINDS}


def rows_stored(store) -> int:
    return len(run_statement(store, "insights/rows_naming", text=""))


def unfinished_save(store, run: str) -> None:
    """What a save that stopped before its flip leaves: committed batches of another run's rows and parts."""
    run_statement(
        store,
        "insights/save_people",
        write=True,
        run=run,
        rows=[["p1", None, 99.0, None, None, None, '{"person":"p1"}']],
    )
    run_statement(store, "insights/save_parts", write=True, run=run, rows=[["silos", "u1", 0, '{"unit":"u1"}']])


def test_a_save_that_stopped_before_its_flip_leaves_the_last_refresh_what_reads_see(refreshed):
    before = everything(refreshed)
    unfinished_save(refreshed, "stopped")
    assert everything(refreshed) == before


def test_the_next_save_drops_what_an_unfinished_one_left(refreshed):
    people = len(refreshed.person_insights())
    unfinished_save(refreshed, "stopped")
    stored.refresh(refreshed, SETTINGS, RECOMMEND)
    assert rows_stored(refreshed) == people


def test_a_finished_save_leaves_only_its_own_rows(refreshed):
    people = len(refreshed.person_insights())
    stored.refresh(refreshed, SETTINGS, RECOMMEND)
    assert rows_stored(refreshed) == people
