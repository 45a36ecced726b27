"""What `audit verify` proves against someone who can write the store, on each store, through the command line.

Two defences, alone or together: a key the store does not hold (``NETGRAPH_AUDIT_KEY_FILE``: new events are
HMAC-SHA256 under it), and an anchor kept elsewhere (``audit anchor`` prints ``SEQ:HASH:TIME``;
``audit verify --anchor`` fails when that event is gone or differs). The attacks are the ones of the probe:
cut the tail and move the anchor, delete the whole trail, edit an event and recompute the chain.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date

import pytest

from netgraph.analysis import lifecycle
from netgraph.io.importer import import_document
from netgraph.model.audit import GENESIS, event_hash
from netgraph.store import EmbeddedStore
from netgraph.store.neo4j_backend import Neo4jStore
from tests import neo4j_support
from tests.contract.cli_runner import cli_on

KEY = b"0123456789abcdef0123456789abcdef-test-key"


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "audit.key"
    path.write_bytes(KEY + b"\n")
    path.chmod(0o600)
    return path


def opened_with_key(store, key: bytes | None):
    """Another store object on the same data, keying new events with ``key``."""
    if isinstance(store, EmbeddedStore):
        return EmbeddedStore(store.path, audit_key=key)
    return Neo4jStore(
        store.uri,
        os.environ.get("NETGRAPH_TEST_NEO4J_USERNAME"),
        os.environ.get("NETGRAPH_TEST_NEO4J_PASSWORD"),
        audit_key=key,
    )


@pytest.fixture
def keyed(store, small, key_file, monkeypatch, capsys):
    """The small organisation imported without a key (events 1-2), then two changes with it (events 3-4);
    the command line runs with the key set."""
    import_document(store, small)
    lifecycle.leave(store, "p2", on=date(2026, 6, 30))
    with_key = opened_with_key(store, KEY)
    lifecycle.nominate(with_key, "p1", "pos-hos", readiness="ready_now", on=date(2026, 7, 1))
    lifecycle.leave(with_key, "p3", on=date(2026, 7, 2))
    monkeypatch.setenv("NETGRAPH_AUDIT_KEY_FILE", str(key_file))
    yield cli_on(with_key, monkeypatch, capsys)
    if isinstance(with_key, Neo4jStore):
        with_key.close()


@pytest.fixture
def unkeyed(store, small, monkeypatch, capsys):
    """The small organisation imported and three changes, no key anywhere."""
    import_document(store, small)
    lifecycle.leave(store, "p2", on=date(2026, 6, 30))
    lifecycle.nominate(store, "p1", "pos-hos", readiness="ready_now", on=date(2026, 7, 1))
    lifecycle.leave(store, "p3", on=date(2026, 7, 2))
    monkeypatch.delenv("NETGRAPH_AUDIT_KEY_FILE", raising=False)
    return cli_on(store, monkeypatch, capsys)


# -- tampering, as someone who can write the store does it -------------------------------------------------------


def overwrite_events(store, events: list[dict]) -> None:
    if isinstance(store, EmbeddedStore):
        with sqlite3.connect(store.path) as conn:
            conn.executemany("UPDATE audit SET event = ? WHERE seq = ?", [(json.dumps(e), e["seq"]) for e in events])
    else:
        for e in events:
            neo4j_support.run_text(
                store,
                neo4j_support.testing_statement("replace_audit_event"),
                write=True,
                seq=e["seq"],
                event=json.dumps(e),
            )


def set_anchor(store, head: str, count: int) -> None:
    if isinstance(store, EmbeddedStore):
        with sqlite3.connect(store.path) as conn:
            conn.executemany("UPDATE meta SET value = ? WHERE key = ?", [(head, "audit_head"), (count, "audit_count")])
    else:
        neo4j_support.run_text(
            store, neo4j_support.testing_statement("set_audit_anchor"), write=True, head=head, count=count
        )


def cut_the_last_event(store) -> None:
    """Delete the last event and point the anchor at the one before (the probe's two statements)."""
    events = store.audit_events()
    if isinstance(store, EmbeddedStore):
        with sqlite3.connect(store.path) as conn:
            conn.execute("DELETE FROM audit WHERE seq = ?", (events[-1]["seq"],))
    else:
        neo4j_support.run_text(
            store, neo4j_support.testing_statement("delete_audit_event"), write=True, seq=events[-1]["seq"]
        )
    set_anchor(store, events[-2]["hash"], events[-2]["seq"])


def delete_the_trail(store) -> None:
    if isinstance(store, EmbeddedStore):
        with sqlite3.connect(store.path) as conn:
            conn.execute("DELETE FROM audit")
            conn.execute("DELETE FROM meta WHERE key IN ('audit_head', 'audit_count')")
    else:
        neo4j_support.run_text(store, neo4j_support.testing_statement("delete_audit_trail"), write=True)


def edit_and_rechain(store, seq: int) -> None:
    """Change event ``seq``'s action and recompute every hash from it on, as plain SHA-256 (no key), and the
    anchor: a chain that is consistent again, made without the key."""
    events = store.audit_events()
    prev = events[seq - 2]["hash"] if seq > 1 else GENESIS
    changed = []
    for event in events[seq - 1 :]:
        event = {k: v for k, v in event.items() if k != "keyed"}
        if event["seq"] == seq:
            event["action"] = "nothing.to.see"
        event["prev"] = prev
        event["hash"] = prev = event_hash(event)
        changed.append(event)
    overwrite_events(store, changed)
    set_anchor(store, prev, events[-1]["seq"])


# -- without a key or a kept anchor: consistency only ----------------------------------------------------------


def test_without_key_or_anchor_verify_says_what_it_cannot_prove(unkeyed):
    code, out, _ = unkeyed("audit", "verify")
    assert code == 0
    assert "the audit trail verifies: 4 events" in out and "not keyed" in out


def test_without_key_or_anchor_a_rechained_edit_goes_unseen(unkeyed, store):
    edit_and_rechain(store, 2)
    assert unkeyed("audit", "verify")[0] == 0  # the limit the security docs state


def test_a_store_holding_data_whose_trail_was_deleted_does_not_verify(unkeyed, store):
    delete_the_trail(store)
    code, _, err = unkeyed("audit", "verify")
    assert code == 1 and "the store holds data but its audit trail has no events" in err


def test_an_empty_store_without_events_verifies(store, monkeypatch, capsys):
    code, out, _ = cli_on(store, monkeypatch, capsys)("audit", "verify")
    assert code == 0 and "0 events" in out


# -- a key the store does not hold ----------------------------------------------------------------------------


def test_with_a_key_new_events_are_keyed_and_verify_says_from_which(keyed):
    code, out, _ = keyed("audit", "verify")
    assert code == 0, out
    assert "the audit trail verifies: 4 events" in out and "keyed from event 3 on" in out


def test_with_a_key_an_edit_with_the_chain_recomputed_does_not_verify(keyed, store):
    edit_and_rechain(store, 3)
    code, _, err = keyed("audit", "verify")
    assert code == 1 and "event 4, the last, is not keyed though a key is given" in err


def test_with_a_key_an_edit_keeping_the_keyed_mark_does_not_verify(keyed, store):
    event = store.audit_events()[3]
    event["action"] = "nothing.to.see"
    event["hash"] = event_hash({**event, "keyed": False})
    overwrite_events(store, [event])
    set_anchor(store, event["hash"], 4)
    code, _, err = keyed("audit", "verify")
    assert code == 1 and "event 4 was edited, or keyed with another key" in err


def test_with_a_key_the_whole_keyed_part_rewritten_unkeyed_does_not_verify(keyed, store):
    edit_and_rechain(store, 1)
    code, _, err = keyed("audit", "verify")
    assert code == 1 and "is not keyed though a key is given" in err


def test_keyed_events_cannot_be_checked_without_the_key(keyed, monkeypatch):
    monkeypatch.delenv("NETGRAPH_AUDIT_KEY_FILE")
    code, _, err = keyed("audit", "verify")
    assert code == 1 and "event 3 is keyed, and no key was given (NETGRAPH_AUDIT_KEY_FILE)" in err


def test_keyed_events_do_not_verify_under_another_key(keyed, key_file):
    key_file.write_bytes(b"another key of at least thirty-two bytes")
    code, _, err = keyed("audit", "verify")
    assert code == 1 and "event 3 was edited, or keyed with another key" in err


def test_an_erasure_keeps_a_keyed_trail_verifying(keyed):
    assert keyed("erase", "p4", "--reason", "request 17")[0] == 0
    code, out, _ = keyed("audit", "verify")
    assert code == 0 and "keyed from event 3 on" in out


# -- an anchor kept elsewhere -----------------------------------------------------------------------------------


def test_audit_anchor_prints_one_token_and_its_json(unkeyed, store):
    code, token, _ = unkeyed("audit", "anchor")
    last = store.audit_events()[-1]
    assert code == 0 and token.strip() == f"4:{last['hash']}:{last['at']}"
    code, out, _ = unkeyed("audit", "anchor", "--json")
    assert json.loads(out) == {"seq": 4, "hash": last["hash"], "at": last["at"], "token": token.strip()}


def test_a_kept_anchor_verifies_while_the_trail_grows_and_after_an_erasure(unkeyed, store):
    token = unkeyed("audit", "anchor")[1].strip()
    assert unkeyed("erase", "p4", "--reason", "request 17")[0] == 0
    code, out, _ = unkeyed("audit", "verify", "--anchor", token)
    assert code == 0 and "1 kept anchor matched" in out


def test_a_kept_anchor_catches_a_cut_tail_with_the_anchor_moved(unkeyed, store):
    token = unkeyed("audit", "anchor")[1].strip()
    cut_the_last_event(store)
    assert unkeyed("audit", "verify")[0] == 0  # the store's own anchor was moved with it
    code, _, err = unkeyed("audit", "verify", "--anchor", token)
    assert code == 1 and "event 4, which the kept anchor of" in err and "is missing" in err


def test_a_kept_anchor_catches_a_deleted_trail(unkeyed, store):
    token = unkeyed("audit", "anchor")[1].strip()
    delete_the_trail(store)
    code, _, err = unkeyed("audit", "verify", "--anchor", token)
    assert code == 1 and "the audit trail does not verify" in err


def test_a_kept_anchor_catches_an_edit_with_the_chain_recomputed(unkeyed, store):
    token = unkeyed("audit", "anchor")[1].strip()
    edit_and_rechain(store, 2)
    code, _, err = unkeyed("audit", "verify", "--anchor", token)
    assert code == 1 and "event 4 differs from the one the kept anchor" in err


def test_anchors_are_read_from_a_file_one_a_line(unkeyed, store, tmp_path):
    kept = tmp_path / "anchors.txt"
    first = unkeyed("audit", "anchor")[1]
    lifecycle.leave(store, "p1", on=date(2026, 8, 1))
    kept.write_text("# taken daily\n" + first + unkeyed("audit", "anchor")[1], "utf-8")
    code, out, _ = unkeyed("audit", "verify", "--anchor", kept)
    assert code == 0 and "2 kept anchors matched" in out
    cut_the_last_event(store)
    code, _, err = unkeyed("audit", "verify", "--anchor", kept)
    assert code == 1 and "event 5, which the kept anchor" in err


def test_a_bad_anchor_is_one_located_line(unkeyed, tmp_path):
    code, _, err = unkeyed("audit", "verify", "--anchor", "5:abc:yesterday")
    assert code == 1 and err.count("\n") == 1 and "--anchor" in err and "is not an anchor" in err
    bad = tmp_path / "anchors.txt"
    bad.write_text("4:" + "0" * 64 + ":2026-12-01T10:00:00Z\nnonsense\n", "utf-8")
    code, _, err = unkeyed("audit", "verify", "--anchor", bad)
    assert code == 1 and err.count("\n") == 1 and f"--anchor {bad}, line 2" in err


def test_no_anchor_is_given_for_a_trail_that_does_not_verify(unkeyed, store):
    delete_the_trail(store)
    code, out, err = unkeyed("audit", "anchor")
    assert code == 1 and out == "" and "does not verify" in err


# -- stores made before the trail existed ------------------------------------------------------------------------


def made_before_the_trail(store, small) -> None:
    """``small`` written as a store of a version without the audit trail holds it: no event, and nothing
    to say the trail was ever kept (the embedded file's mark, Neo4j's anchor)."""
    store.write(small)
    if isinstance(store, EmbeddedStore):
        with sqlite3.connect(store.path) as conn:
            conn.execute("DELETE FROM meta WHERE key = 'audit_trail'")
    else:
        neo4j_support.run_text(store, neo4j_support.testing_statement("delete_audit_trail"), write=True)


def migrate(store) -> None:
    """Open the store as the next netgraph run does (Neo4j begins the trail with its schema)."""
    again = opened_with_key(store, None)
    if isinstance(again, Neo4jStore):
        again.init_schema()
        again.close()


def test_a_store_made_before_the_trail_begins_one_when_migrated(store, small, monkeypatch, capsys):
    made_before_the_trail(store, small)
    migrate(store)
    (first,) = store.audit_events()
    assert first["action"] == "audit.start" and first["seq"] == 1
    code, out, _ = cli_on(store, monkeypatch, capsys)("audit", "verify")
    assert code == 0 and "the trail begins with an audit.start event" in out


def test_the_trail_is_begun_once(store, small):
    made_before_the_trail(store, small)
    migrate(store)
    lifecycle.leave(store, "p2", on=date(2026, 6, 30))
    migrate(store)
    assert [e["action"] for e in store.audit_events()] == ["audit.start", "leave"]


def test_a_json_store_of_earlier_versions_begins_its_trail_when_migrated(tmp_path, small):
    (tmp_path / "graph.json").write_text(json.dumps(small), "utf-8")
    store = EmbeddedStore(tmp_path / "graph.json")
    (first,) = store.audit_events()
    assert first["action"] == "audit.start" and "4 Person" in first["fields"]["note"]["value"]
