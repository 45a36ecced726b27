"""The embedded store's file: where it lives, what a write costs, and what several handles see.

Every handle here is a separate ``EmbeddedStore`` on the same path, with its
own SQLite connections and its own networkx mirror, as separate processes
have (``tests/store`` runs the same promises with real processes).
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading

import pytest

from netgraph.errors import NetgraphError
from netgraph.io.documents import read_document
from netgraph.model.validate import complete, validate
from netgraph.store import EmbeddedStore
from netgraph.store.embedded.database import StoreBusy
from tests.conftest import FIXTURES

EMPTY = {
    "org_units": [],
    "people": [],
    "positions": [],
    "knows": [],
    "mentorships": [],
    "successors": [],
    "introductions": [],
}


@pytest.fixture(scope="module")
def small() -> dict:
    document, _ = read_document(FIXTURES / "small.json")
    return complete(validate(document))


def person(pid: str, name: str) -> dict:
    return complete(validate({"people": [{"id": pid, "name": name}]}))


def rows(path, sql: str, *args) -> list:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, args).fetchall()


# -- where the file lives ------------------------------------------------------------------------


def test_a_json_path_names_the_database_beside_it(tmp_path, small):
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(small)
    store.close()
    assert sorted(os.listdir(tmp_path)) == ["graph.sqlite"]
    assert store.describe() == f"embedded store at {tmp_path / 'graph.sqlite'}"


def test_a_sqlite_path_is_the_database_itself(tmp_path, small):
    EmbeddedStore(tmp_path / "team.sqlite").write(small)
    assert EmbeddedStore(tmp_path / "graph.json").export() == EMPTY
    assert EmbeddedStore(tmp_path / "team.sqlite").export() == small


def test_reading_a_store_that_was_never_written_creates_no_file(tmp_path):
    store = EmbeddedStore(tmp_path / "graph.json")
    assert store.export() == EMPTY and store.stats()["nodes"]["Person"] == 0
    store.close()
    assert os.listdir(tmp_path) == []


def test_the_database_is_private_to_its_owner(tmp_path, small):
    EmbeddedStore(tmp_path / "graph.sqlite").write(small)
    assert stat.S_IMODE((tmp_path / "graph.sqlite").stat().st_mode) == 0o600


def test_closing_the_last_handle_leaves_only_the_database_file(tmp_path, small):
    first, second = EmbeddedStore(tmp_path / "graph.json"), EmbeddedStore(tmp_path / "graph.json")
    first.write(small)
    assert second.export() == small
    first.close()
    second.close()
    assert os.listdir(tmp_path) == ["graph.sqlite"]


def test_a_store_written_by_a_newer_netgraph_is_refused(tmp_path, small):
    EmbeddedStore(tmp_path / "graph.sqlite").write(small)
    with sqlite3.connect(tmp_path / "graph.sqlite") as conn:
        conn.execute("UPDATE meta SET value = 99 WHERE key = 'format'")
    with pytest.raises(NetgraphError, match="written by a newer netgraph"):
        EmbeddedStore(tmp_path / "graph.sqlite")


# -- migrating a JSON store of earlier versions --------------------------------------------------------


def old_json_store(path, document) -> None:
    path.write_text(json.dumps(document), "utf-8")


def test_an_old_json_store_is_migrated_on_first_open_and_then_renamed(tmp_path, small):
    old_json_store(tmp_path / "graph.json", small)
    assert EmbeddedStore(tmp_path / "graph.json").export() == small
    assert sorted(os.listdir(tmp_path)) == ["graph.json.migrated", "graph.sqlite"]
    assert json.loads((tmp_path / "graph.json.migrated").read_text("utf-8")) == small  # kept, unchanged


def test_a_json_store_without_the_json_suffix_is_migrated_beside_it(tmp_path, small):
    old_json_store(tmp_path / "mystore", small)
    assert EmbeddedStore(tmp_path / "mystore").export() == small
    assert sorted(os.listdir(tmp_path)) == ["mystore.migrated", "mystore.sqlite"]


def test_a_migration_interrupted_before_the_rename_is_finished_without_importing_again(tmp_path, small):
    old_json_store(tmp_path / "graph.json", small)
    EmbeddedStore(tmp_path / "graph.json").write(person("p9", "Written after the migration"))
    os.rename(tmp_path / "graph.json.migrated", tmp_path / "graph.json")  # as if killed before the rename
    store = EmbeddedStore(tmp_path / "graph.json")
    assert store.people(["p9"])["p9"]["name"] == "Written after the migration"
    store.close()
    assert sorted(os.listdir(tmp_path)) == ["graph.json.migrated", "graph.sqlite"]


def test_a_json_store_changed_after_its_migration_is_refused_not_guessed(tmp_path, small):
    old_json_store(tmp_path / "graph.json", small)
    EmbeddedStore(tmp_path / "graph.json")
    old_json_store(tmp_path / "graph.json", person("p9", "Written by an older netgraph still running"))
    with pytest.raises(NetgraphError, match="changed after it was migrated"):
        EmbeddedStore(tmp_path / "graph.json")


def test_temporary_files_the_json_design_left_behind_are_removed_by_the_migration(tmp_path, small):
    old_json_store(tmp_path / "graph.json", small)
    (tmp_path / ".graph.json.k2j_9xq1").write_text('{"people": [', "utf-8")  # a write killed half-way
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    EmbeddedStore(tmp_path / "graph.json")
    assert sorted(os.listdir(tmp_path)) == ["graph.json.migrated", "graph.sqlite", "notes.txt"]


# -- several handles on one file -----------------------------------------------------------------------


def test_another_handle_sees_a_write_at_its_next_read(tmp_path, small):
    reader = EmbeddedStore(tmp_path / "graph.json")
    assert reader.people(["p1"]) == {}
    EmbeddedStore(tmp_path / "graph.json").write(small)
    assert reader.people(["p1"])["p1"]["name"] == "Ada Osei"
    assert reader.export() == small


def test_a_handle_opened_earlier_never_writes_over_what_another_committed(tmp_path, small):
    server, cli = EmbeddedStore(tmp_path / "graph.json"), EmbeddedStore(tmp_path / "graph.json")
    server.write(small)
    cli.write(person("p-new", "Imported by the command line"))
    server.write(person("p-web", "Written by the server"))
    found = EmbeddedStore(tmp_path / "graph.json").people(["p-new", "p-web", "p1"])
    assert sorted(found) == ["p-new", "p-web", "p1"]


def test_catching_up_from_the_change_log_gives_the_graph_a_fresh_open_reads(tmp_path, small):
    reader, writer = EmbeddedStore(tmp_path / "graph.json"), EmbeddedStore(tmp_path / "graph.json")
    writer.write(small)
    assert reader.export() == small
    writer.write(
        validate(
            {  # links dropped and moved, a skill nobody has any more, a reporting line changed
                "people": [{"id": "p1", "name": "Ada Osei", "skills": {"architecture": 5}}],
                "positions": [
                    {
                        "id": "pos-ae",
                        "title": "Account Executive",
                        "reports_to": "pos-vpe",
                        "holders": [{"person": "p3", "since": "2024-01-01"}],
                    }
                ],
                "introductions": [
                    {
                        "id": "i2",
                        "by": "p1",
                        "introduce": "p3",
                        "to": "p2",
                        "status": "declined",
                        "created_on": "2025-03-02",
                    }
                ],
            },
            existing=writer,
        )
    )
    fresh = EmbeddedStore(tmp_path / "graph.json")
    assert reader.export() == fresh.export() != small
    assert reader.stats() == fresh.stats()
    assert sorted(reader.graph.edges(keys=True)) == sorted(fresh.graph.edges(keys=True))


def test_clear_is_seen_by_other_handles(tmp_path, small):
    first, second = EmbeddedStore(tmp_path / "graph.json"), EmbeddedStore(tmp_path / "graph.json")
    first.write(small)
    assert second.export() == small
    first.clear()
    assert second.export() == EMPTY


def test_a_big_change_by_another_handle_is_loaded_in_the_background_and_reads_go_on(tmp_path, demo_clean):
    # (the limits are set low so that the demo counts as big)
    server = EmbeddedStore(tmp_path / "graph.json", inline_limit=5, reload_inline_below=0)
    server.write(person("p-old", "Before the import"))
    EmbeddedStore(tmp_path / "graph.json").write(demo_clean)  # far more than 5 keys: a reload
    before = server.people(["p-old", "p033"])  # answered at once, from the graph as it was or as it is
    assert "p-old" in before
    server.refresh()  # waits for the reload under way
    assert server.people(["p033"])["p033"]["name"] == "Dana Okafor"
    assert server.stats() == EmbeddedStore(tmp_path / "graph.json").stats()


def test_a_write_waits_for_another_handles_transaction_and_builds_on_it(tmp_path, small):
    first, second = EmbeddedStore(tmp_path / "graph.json"), EmbeddedStore(tmp_path / "graph.json")
    first.write(small)
    results = []

    def propose_the_same_introduction(store, name):
        with store.transaction():
            already = store.existing_keys("introductions", ["i-dup"])
            if not already:
                store.write(
                    validate(
                        {
                            "introductions": [
                                {
                                    "id": "i-dup",
                                    "by": "p1",
                                    "introduce": "p3",
                                    "to": "p4",
                                    "created_on": "2026-01-01",
                                    "note": name,
                                }
                            ]
                        },
                        existing=store,
                    )
                )
            results.append((name, bool(already)))

    with first.transaction():
        assert not first.existing_keys("introductions", ["i-dup"])
        other = threading.Thread(target=propose_the_same_introduction, args=(second, "second"))
        other.start()
        other.join(0.5)
        assert other.is_alive()  # waiting for the write lock, not checking against a stale store
        first.write(
            validate(
                {
                    "introductions": [
                        {
                            "id": "i-dup",
                            "by": "p1",
                            "introduce": "p3",
                            "to": "p4",
                            "created_on": "2026-01-01",
                            "note": "first",
                        }
                    ]
                },
                existing=first,
            )
        )
    other.join()
    assert results == [("second", True)]  # it saw the first one's commit once it got the lock
    assert EmbeddedStore(tmp_path / "graph.json").introductions(id="i-dup")[0]["note"] == "first"


def test_a_writer_in_another_process_blocks_no_reader(tmp_path, small):
    EmbeddedStore(tmp_path / "graph.json").write(small)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('BEGIN IMMEDIATE'); c.execute(\"UPDATE meta SET value = value WHERE key = 'format'\"); "
            "print('holding', flush=True); sys.stdin.read()",
            str(tmp_path / "graph.sqlite"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        opened = EmbeddedStore(tmp_path / "graph.json", write_wait=0.2)
        assert opened.export() == small  # opening and reading go on
        with pytest.raises(StoreBusy, match="busy"):  # a write waits, then says why it gave up
            opened.write(person("p9", "Nine"))
        assert opened.export() == small
    finally:
        holder.communicate("")


# -- what a write costs, and a write that fails -----------------------------------------------------------


def test_a_write_changes_only_the_rows_it_names(tmp_path, demo_clean):
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(demo_clean)
    store.write(
        validate(
            {
                "introductions": [
                    {"id": "i-one", "by": "p009", "introduce": "p033", "to": "p084", "created_on": "2026-11-24"}
                ]
            },
            existing=store,
        )
    )
    (generation,) = rows(tmp_path / "graph.sqlite", "SELECT value FROM meta WHERE key = 'generation'")[0]
    changed = rows(tmp_path / "graph.sqlite", "SELECT kind, a, b, c FROM changes WHERE generation = ?", generation)
    assert sorted(changed) == [
        (0, "Introduction", "i-one", ""),
        (1, "INTRODUCES", "i-one", "p033"),
        (1, "MADE", "p009", "i-one"),
        (1, "TO", "i-one", "p084"),
    ]


def test_writing_what_is_already_stored_writes_nothing(tmp_path, small):
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(small)
    before = rows(tmp_path / "graph.sqlite", "SELECT value FROM meta WHERE key = 'generation'")
    store.write(small)
    assert rows(tmp_path / "graph.sqlite", "SELECT value FROM meta WHERE key = 'generation'") == before


def broken_people(breakage: str) -> dict:
    """Two people; writing the second fails after the graph has changed (p9 exists by then)."""
    document = validate({"people": [{"id": "p1", "name": "Ada Osei"}, {"id": "p9", "name": "Nine"}]})
    if breakage == "a field missing":
        del document["people"][1]["skills"]
    else:  # the graph takes it, the file cannot: fails while saving
        document["people"][1]["title"] = object()
    return document


@pytest.mark.parametrize(
    "where, breakage",
    [("file", "a field missing"), ("file", "a value JSON cannot hold"), ("memory", "a field missing")],
)
def test_a_failed_write_is_undone_in_memory_without_a_reload(tmp_path, small, where, breakage):
    store = EmbeddedStore(tmp_path / "graph.json" if where == "file" else None)
    store.write(small)
    graph = store.graph
    with pytest.raises((KeyError, TypeError)):
        store.write(broken_people(breakage))
    assert store.graph is graph  # taken back in place, not loaded again
    assert store.export() == small
    if where == "file":
        assert EmbeddedStore(tmp_path / "graph.json").export() == small


def test_an_error_inside_a_transaction_takes_back_all_its_writes(tmp_path, small):
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(small)
    with pytest.raises(RuntimeError, match="changed my mind"), store.transaction():
        store.write(person("p8", "Eight"))
        store.write(person("p9", "Nine"))
        assert sorted(store.people(["p8", "p9"])) == ["p8", "p9"]  # the transaction reads its own writes
        raise RuntimeError("changed my mind")
    assert store.people(["p8", "p9"]) == {}
    assert EmbeddedStore(tmp_path / "graph.json").export() == small


def test_a_failed_import_leaves_the_database_byte_for_byte(tmp_path, small):
    from netgraph.cli import main

    EmbeddedStore(tmp_path / "graph.json").write(small)
    before = (tmp_path / "graph.sqlite").read_bytes()
    bad = FIXTURES / "bad" / "unknown_reference.json"
    assert main(["--data", str(tmp_path / "graph.json"), "import", str(bad)]) == 1
    assert (tmp_path / "graph.sqlite").read_bytes() == before
    assert os.listdir(tmp_path) == ["graph.sqlite"]
