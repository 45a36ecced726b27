"""Two insight saves at once (two ``insights refresh`` runs): reads never see a mix of them.

On Neo4j a save writes its rows under a run id in batches and makes that run current at the end,
so a second save started between the first's batches removes the first's unfinished rows: the
first must then stop with a Conflict that says to run it again, and reads keep showing one whole
finished run throughout. On the embedded store a save is one SQLite transaction, so the second
waits for the first and replaces it. Either way: every read before, during and after sees one
whole run, and the next save leaves nothing of the overlap behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from netgraph.errors import Conflict
from netgraph.store.embedded.store import EmbeddedStore

#: A save's arguments: (state, person rows, parts), every row and part tagged with its run.
Save = tuple[dict[str, Any], list[dict[str, Any]], dict[str, list[tuple[str, Any]]]]


def tagged_save(tag: str, people: int) -> Save:
    """A save of ``people`` person rows and as many silo parts, each carrying ``tag``."""
    rows = [
        {"person": f"p{i}", "unit": "u1", "betweenness": float(people - i), "run": tag, "cuts_off": [], "bridges": []}
        for i in range(people)
    ]
    parts = {"silos": [(f"u{i}", {"unit": f"u{i}", "run": tag}) for i in range(people)]}
    return {"computed_at": tag}, rows, parts


BEFORE, FIRST, SECOND = tagged_save("before", 5), tagged_save("first", 30), tagged_save("second", 20)


def what_reads_see(store) -> tuple[str, int, int]:
    """The one run every read shows, with its person rows and parts; fails on a mix of runs."""
    state = store.insight_state()
    rows = store.person_insights()
    parts = store.insight_parts("silos")
    runs = {state["computed_at"]} | {r["run"] for r in rows} | {p["run"] for p in parts}
    assert len(runs) == 1, f"reads mix runs {sorted(runs)}"
    return state["computed_at"], len(rows), len(parts)


def whole(save: Save) -> tuple[str, int, int]:
    state, rows, parts = save
    return state["computed_at"], len(rows), len(parts["silos"])


class _Hooked(list):
    """Person rows whose iteration calls ``hook`` half way (the embedded save reads them inside its transaction)."""

    def __init__(self, rows: list, hook: Callable[[], None]):
        super().__init__(rows)
        self.hook = hook

    def __iter__(self) -> Iterator[Any]:
        for i, row in enumerate(list.__iter__(self)):
            if i == len(self) // 2:
                self.hook()
            yield row


def _in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, list]:
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def overlap(store, monkeypatch, seen: list) -> Exception | None:
    """Save FIRST, start saving SECOND part way through it through the store's own API, and note in
    ``seen`` what reads showed at each step; the first save's failure, if it failed."""

    def look() -> None:  # from a thread of its own: never inside the first save's transaction
        thread, outcome = _in_thread(lambda: what_reads_see(store))
        thread.join()
        seen.append(outcome[0])

    if isinstance(store, EmbeddedStore):
        second: list = []

        def start_second() -> None:  # reads from other threads wait for the save's transaction: not looked at
            second.append(_in_thread(lambda: store.save_insights(*SECOND)))

        state, rows, parts = FIRST
        store.save_insights(state, _Hooked(rows, start_second), parts)
        thread, outcome = second[0]
        thread.join()
        assert outcome == [None]
        look()
        return None

    query = store._query
    batches = []

    def between_batches(name: str, **params: Any) -> Any:
        found = query(name, **params)
        if name == "insights/save_people" and _of_first(params.get("rows")):
            batches.append(name)
            if len(batches) == 1:
                look()
                store.save_insights(*SECOND)
                look()
        return found

    monkeypatch.setattr(store, "_query", between_batches)
    try:
        store.save_insights(*FIRST)
    except Conflict as exc:
        return exc
    finally:
        look()
    return None


def _of_first(rows: list | None) -> bool:
    """Whether a batch of person rows is the first save's (its rows' JSON cell names it)."""
    return bool(rows) and any(isinstance(cell, str) and '"first"' in cell for cell in rows[0])


@pytest.fixture
def saved_before(store):
    store.save_insights(*BEFORE)
    return store


def test_every_read_during_and_after_two_overlapping_saves_sees_one_whole_run(saved_before, monkeypatch):
    seen: list = []
    overlap(saved_before, monkeypatch, seen)
    assert seen and all(s in (whole(BEFORE), whole(FIRST), whole(SECOND)) for s in seen)


def test_after_two_overlapping_saves_reads_show_the_second(saved_before, monkeypatch):
    overlap(saved_before, monkeypatch, [])
    assert what_reads_see(saved_before) == whole(SECOND)


def test_a_save_overlapped_part_way_either_finishes_first_or_says_to_run_it_again(saved_before, monkeypatch):
    failed = overlap(saved_before, monkeypatch, [])
    if isinstance(saved_before, EmbeddedStore):
        assert failed is None  # the second waited for the first
    else:
        assert isinstance(failed, Conflict) and "run it again" in str(failed)


def stored_rows_and_parts(store) -> tuple[int, int]:
    """Person rows and parts stored of every run, unfinished ones too (the embedded store keeps one run)."""
    if isinstance(store, EmbeddedStore):
        return len(store.person_insights()), len(store.insight_parts("silos"))
    from tests.neo4j_support import run_text, testing_statement

    (found,) = run_text(store, testing_statement("stored_insight_nodes"))
    return found["people"], found["parts"]


def test_two_overlapping_saves_leave_only_the_rows_reads_see(saved_before, monkeypatch):
    overlap(saved_before, monkeypatch, [])
    assert stored_rows_and_parts(saved_before) == whole(SECOND)[1:]


def test_the_next_save_after_two_overlapping_ones_leaves_only_its_own_rows(saved_before, monkeypatch):
    overlap(saved_before, monkeypatch, [])
    monkeypatch.undo()
    saved_before.save_insights(*BEFORE)
    assert (what_reads_see(saved_before), stored_rows_and_parts(saved_before)) == (whole(BEFORE), whole(BEFORE)[1:])
