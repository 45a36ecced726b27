"""The embedded store reads mentors' loads and mentees without a mentor from its file's MENTORS rows: after
each kind of write that changes a mentorship or a person's status, they equal the walk of the graph in memory.

The walk is what a store without a file answers, and what the file-backed store answered before; both are
held to the demo's figures by the contract tests (tests/contract/test_ports.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis import lifecycle
from netgraph.io.importer import import_document
from netgraph.store.embedded import EmbeddedStore
from netgraph.store.embedded.programme_queries import walk_mentees_without_mentor, walk_mentors_by_load

ON = date(2026, 6, 30)


@pytest.fixture
def demo_file(tmp_path, demo_document) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    import_document(store, demo_document)
    return store


def walked(store: EmbeddedStore) -> tuple[list, list]:
    """What the walk of the store's graph in memory answers, in the port's order."""
    with store._reading() as graph:
        loads = sorted(walk_mentors_by_load(graph), key=lambda r: (-r["mentees"], r["id"]))
        unmentored = sorted(walk_mentees_without_mentor(graph), key=lambda r: r["id"])
    return loads, unmentored


def read(store: EmbeddedStore) -> tuple[list, list]:
    return store.mentors_by_load(), store.mentees_without_mentor()


def load_of(store: EmbeddedStore, mentor: str) -> int:
    return next((m["mentees"] for m in store.mentors_by_load() if m["id"] == mentor), 0)


def unmentored(store: EmbeddedStore) -> list[str]:
    return [m["id"] for m in store.mentees_without_mentor()]


def test_after_an_import_the_file_answers_as_the_walk(demo_file):
    assert read(demo_file) == walked(demo_file)
    assert load_of(demo_file, "p125") == 6 and unmentored(demo_file) == ["p070", "p113", "p143"]


def test_after_a_mentorship_ends_the_file_answers_as_the_walk(demo_file):
    lifecycle.end_mentorship(demo_file, "p009", "p033", on=ON)
    assert read(demo_file) == walked(demo_file)
    assert "p033" in unmentored(demo_file)


def test_after_a_mentorship_starts_the_file_answers_as_the_walk(demo_file):
    started = {"mentor": "p125", "mentee": "p070", "since": "2026-06-01", "until": None, "status": "active"}
    import_document(demo_file, {"mentorships": [{**started, "kind": "standard", "focus": []}]})
    assert read(demo_file) == walked(demo_file)
    assert load_of(demo_file, "p125") == 7 and "p070" not in unmentored(demo_file)


def test_after_a_mentee_leaves_and_rejoins_the_file_answers_as_the_walk(demo_file):
    lifecycle.end_mentorship(demo_file, "p009", "p033", on=ON)
    lifecycle.leave(demo_file, "p033", on=ON)
    assert read(demo_file) == walked(demo_file)
    assert "p033" not in unmentored(demo_file)
    lifecycle.rejoin(demo_file, "p033")
    assert read(demo_file) == walked(demo_file)
    assert "p033" in unmentored(demo_file)


def test_after_a_mentor_leaves_the_file_answers_as_the_walk(demo_file):
    lifecycle.leave(demo_file, "p125", on=ON)  # leaving ends their mentorships
    assert read(demo_file) == walked(demo_file)
    assert load_of(demo_file, "p125") == 0


def test_a_write_by_another_process_is_read_at_once(demo_file, tmp_path):
    other = EmbeddedStore(tmp_path / "graph.sqlite")
    lifecycle.end_mentorship(other, "p009", "p033", on=ON)
    assert "p033" in unmentored(demo_file)
    assert read(demo_file) == walked(demo_file)  # the mirror caught up with the same write


def test_inside_a_transaction_its_own_writes_are_read(demo_file):
    with demo_file.transaction():
        lifecycle.end_mentorship(demo_file, "p009", "p033", on=ON)
        assert "p033" in unmentored(demo_file)
        assert read(demo_file) == walked(demo_file)


def test_a_store_in_memory_walks_its_graph(demo_document):
    store = EmbeddedStore(None)
    import_document(store, demo_document)
    assert read(store) == walked(store)
    assert load_of(store, "p125") == 6 and unmentored(store) == ["p070", "p113", "p143"]
