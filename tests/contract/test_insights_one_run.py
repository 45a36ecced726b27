"""Every read of one page answers from one refresh's result, on both stores.

A page of insights (and one JSON answer) makes several reads: the state, people's rows, parts such as
the heat map and the communities. It reads the state once and passes its ``run`` to every other read,
so a refresh that lands between two of them cannot give a page of two results: each later read of the
replaced run raises InsightsRefreshed (the page says to reload; the web answers 409), whether the
store still holds the replaced rows or has dropped them already.
"""

from __future__ import annotations

import pytest

from netgraph.analysis.insights import stored
from netgraph.errors import InsightsRefreshed
from netgraph.store.embedded.store import EmbeddedStore
from tests.contract.test_insights_overlapping_saves import _Hooked, _in_thread, tagged_save
from tests.contract.test_ports_insights import PARTS, ROWS, STATE

FIRST, SECOND = tagged_save("first", 6), tagged_save("second", 4)

#: Each read of stored rows or parts a page makes, given the run it names.
READS = {
    "parts": lambda store, run: store.insight_parts("silos", run=run),
    "parts by key": lambda store, run: store.insight_parts("silos", ["u1"], run=run),
    "person rows": lambda store, run: store.person_insights(run=run),
    "person rows of units": lambda store, run: store.person_insights(units=["u1"], run=run),
    "person rows by id": lambda store, run: store.person_insights(["p1"], run=run),
    "ordered rows": lambda store, run: store.ordered_insights("impact", run=run),
    "ordered count": lambda store, run: store.ordered_count("exposed", run=run),
    "cut points": lambda store, run: store.cut_point_insights(run=run),
}


def run_now(store) -> str:
    state, _ = store.insight_state_and_marker()
    return state["run"]


@pytest.mark.parametrize("read", READS)
def test_a_read_naming_the_current_run_answers_as_a_read_of_the_current_result(store, read):
    store.save_insights(*FIRST)
    assert READS[read](store, run_now(store)) == READS[read](store, None)


@pytest.mark.parametrize("read", READS)
def test_a_read_naming_a_run_a_refresh_replaced_says_to_reload(store, read):
    store.save_insights(*FIRST)
    page = run_now(store)
    store.save_insights(*SECOND)
    with pytest.raises(InsightsRefreshed, match="refreshed while you read; reload"):
        READS[read](store, page)


@pytest.mark.parametrize("read", READS)
def test_a_read_naming_a_run_whose_rows_are_gone_says_to_reload(store, read):
    store.save_insights(*FIRST)
    page = run_now(store)
    store.save_insights(*SECOND)
    store.save_insights(*FIRST)  # on Neo4j, this save's clean-up has dropped the first run's rows
    with pytest.raises(InsightsRefreshed):
        READS[read](store, page)


def test_a_refresh_between_two_reads_of_a_page_gives_no_rows_of_the_second(store):
    """The page's first read answers from the first result; after the refresh, its next read stops
    rather than answer from the second: what was shown is all of one run."""
    store.save_insights(*FIRST)
    page = run_now(store)
    shown = [store.person_insights(limit=3, run=page)]
    store.save_insights(*SECOND)
    try:
        shown.append(store.insight_parts("silos", run=page))
    except InsightsRefreshed:
        pass
    runs = {row["run"] for found in shown for row in found}
    assert runs == {"first"} and len(shown) == 1


def test_an_answer_reads_its_state_once_and_every_part_of_that_run(store, monkeypatch):
    """stored.communities reads the state, then parts twice: a refresh after its first part read makes
    the second stop, never answer with parts of two results."""
    store.save_insights({**STATE, "units": 2, "nmi": 0.5, "hidden_communities": 0, "communities": 1}, ROWS, PARTS)
    plain = store.insight_parts
    calls: list[str] = []

    def refreshed_after_the_first(kind, keys=None, *, run=None):
        calls.append(kind)
        found = plain(kind, keys, run=run)
        if len(calls) == 1:
            store.save_insights({**STATE, "units": 2, "nmi": 0.1, "hidden_communities": 0, "communities": 1}, ROWS)
        return found

    monkeypatch.setattr(store, "insight_parts", refreshed_after_the_first)
    with pytest.raises(InsightsRefreshed):
        stored.communities(store, limit=5)
    assert calls == ["communities", "unit_community_order"]


#: How long a read started during an in-memory save is given to (wrongly) finish before the save commits.
READER_WAIT_S = 0.5


def test_an_in_memory_store_shows_no_read_a_save_under_way():
    """In memory one SQLite connection serves the save and every thread's reads, so a read on it would see
    the save's uncommitted rows (the old ones deleted, half the new ones written): reads wait their turn."""
    memory = EmbeddedStore(None)
    memory.save_insights(*FIRST)
    state, rows, parts = SECOND
    seen: list = []

    def read_half_way() -> None:
        if seen:  # the save goes over its rows twice
            return
        thread, outcome = _in_thread(memory.person_insights)
        thread.join(READER_WAIT_S)
        seen.append((thread, outcome))

    memory.save_insights(state, _Hooked(rows, read_half_way), parts)
    ((thread, outcome),) = seen
    thread.join()
    assert {r["run"] for r in outcome[0]} == {"second"} and len(outcome[0]) == len(rows)
