"""Neo4j saves stored insights under a new run in bounded transactions and flips to it at the end.

A save of 100,000 person rows in one transaction spent most of its time in the commit; saved batch by
batch instead, a save that stops part way must still leave the last refresh's insights what every
read sees, and a finished save must leave one run of rows behind, not two.
"""

from __future__ import annotations

import os
import threading

import pytest

from netgraph.analysis.insights import stored
from netgraph.errors import Conflict
from netgraph.model.insight_rows import PART_KINDS
from netgraph.model.validate import complete, validate
from netgraph.store.neo4j_backend import insight_queries
from netgraph.store.neo4j_backend.store import Neo4jStore
from tests import neo4j_support
from tests.conftest import _fresh_neo4j
from tests.contract.test_insights_overlapping_saves import tagged_save, what_reads_see, whole
from tests.contract.test_insights_stored import RECOMMEND, SETTINGS
from tests.contract.test_ports_insights import DOCUMENT
from tests.neo4j_support import run_statement, run_text

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


#: The indexes the pages' reads of stored insights seek (the orders of the people listed, parts by key).
READ_INDEXES = {"insight_person_impact_order", "insight_person_exposed_order", "insight_part_key"}


def test_a_refresh_makes_the_indexes_its_reads_seek_on_a_database_made_without_them(refreshed, neo4j_uri):
    for name in READ_INDEXES:  # as on a database an earlier build made, before the schema had them
        run_text(refreshed, neo4j_support.testing_statement("drop_index"), write=True, name=name)
    later = Neo4jStore(  # the next process's store, which has not applied the schema yet
        neo4j_uri, os.environ.get("NETGRAPH_TEST_NEO4J_USERNAME"), os.environ.get("NETGRAPH_TEST_NEO4J_PASSWORD")
    )
    try:
        stored.refresh(later, SETTINGS, RECOMMEND)
        found = {r["name"] for r in run_text(refreshed, neo4j_support.testing_statement("index_names"))}
    finally:
        later.close()
        refreshed.init_schema()  # the rest of the session's tests plan on the whole schema in any case
    assert READ_INDEXES <= found


#: How long the first save's flip waits, after counting its rows, for a second save to run (it finishes in
#: well under this when nothing holds it back; with the refresh lock it waits for the flip instead).
SECOND_SAVE_WAIT_S = 5.0


def test_a_save_started_between_a_flips_count_and_the_flip_waits_for_the_flip(refreshed, monkeypatch):
    """Read-committed reads let another save's clean-up delete a run's rows after its flip counted them; the
    refresh lock, taken first by the flip and every clean-up, makes the clean-up wait for the flip instead,
    so the first flips to its whole run, and the second then finishes (or, if the first's clean-up drops its
    unfinished rows, says to run it again): reads see one whole run, and only its rows are left."""
    first, second = tagged_save("first", 30), tagged_save("second", 20)
    plain, outcome, started = insight_queries.statement, [], []

    def second_save() -> None:
        try:
            outcome.append(refreshed.save_insights(*second))
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            outcome.append(exc)

    def between_count_and_flip(name: str) -> str:
        if name == "insights/save_state" and not started:  # the first save's flip, its rows counted
            started.append(threading.Thread(target=second_save))
            started[0].start()
            started[0].join(SECOND_SAVE_WAIT_S)
        return plain(name)

    monkeypatch.setattr(insight_queries, "statement", between_count_and_flip)
    refreshed.save_insights(*first)
    started[0].join()
    (failed,) = outcome  # the second either finished, or lost its rows to the first's clean-up and says so
    assert failed is None or (isinstance(failed, Conflict) and "run it again" in str(failed))
    kept = second if failed is None else first
    assert what_reads_see(refreshed) == whole(kept) and rows_stored(refreshed) == len(kept[1])
