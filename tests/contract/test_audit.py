"""Contract: the audit trail and erasure, the same way on both stores.

fixtures/small.json: Dana Kovač (p4, dana@example.com) holds pos-hos, is
nominated for pos-vpe, knows Ada (p1) and Chen (p3), and is named by both
introductions.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from netgraph.accounts import Accounts
from netgraph.analysis import audit, lifecycle
from netgraph.analysis.erasure import erase
from netgraph.analysis.introductions import update
from netgraph.errors import InvalidInput
from netgraph.io.importer import import_document
from netgraph.model.audit import acting_as
from netgraph.store import EmbeddedStore
from tests import neo4j_support

DANA = ("p4", "Dana Kovač", "dana@example.com")


@pytest.fixture
def trail(store, small):
    """The small organisation imported, then three changes: a leaver, an introduction update, a nomination."""
    with acting_as("cli:ana"):
        import_document(store, small)
    with acting_as("web:hr-sam"):
        lifecycle.leave(store, "p2", on=date(2026, 6, 30))
        lifecycle.nominate(store, "p1", "pos-hos", readiness="ready_now", on=date(2026, 7, 1))
    return store


# -- what is recorded --------------------------------------------------------------------------------------------


def test_every_change_is_an_event_with_who_what_and_which(trail):
    events = audit.events(trail)
    assert [(e["actor"], e["action"]) for e in events] == [
        ("cli:ana", "import"),
        ("web:hr-sam", "leave"),
        ("web:hr-sam", "succession.nominate"),
    ]
    assert "person:p2" in events[1]["entities"]


def test_an_event_holds_the_changed_fields_before_and_after(trail):
    leave = audit.events(trail, action="leave")[0]
    assert {"entity": "person:p2", "field": "status", "before": "active", "after": "left"} in leave["changes"]
    assert {"entity": "mentorship:p1/p2", "field": "status", "before": "active", "after": "ended"} in leave["changes"]


def test_an_introduction_update_is_recorded(trail):
    trail.write({"introductions": [{**trail.introductions(id="i1")[0], "status": "accepted", "outcome": None}]})
    update(trail, "i1", status="met", today=date(2026, 11, 1))
    (event,) = audit.events(trail, action="intro.update")
    assert {"entity": "introduction:i1", "field": "status", "before": "accepted", "after": "met"} in event["changes"]


def test_the_trail_filters_by_actor_entity_action_and_time(trail):
    assert [e["action"] for e in audit.events(trail, actor="web:hr-sam")] == ["leave", "succession.nominate"]
    assert [e["action"] for e in audit.events(trail, entity="pos-hos")] == ["import", "succession.nominate"]
    assert [e["action"] for e in audit.events(trail, action="succession")] == ["succession.nominate"]
    assert audit.events(trail, since="2999-01-01") == []


def test_the_trail_is_counted_apart_from_the_graph_and_left_out_of_the_export(trail, small):
    assert trail.stats()["audit"] == {"events": 3}
    assert set(trail.export()) == set(small)


def test_a_failed_write_records_no_event(trail):
    with pytest.raises(InvalidInput):
        import_document(trail, {"people": [{"id": "p9"}]})
    assert len(audit.events(trail)) == 3


def test_an_account_change_records_into_the_store_it_is_run_against(store):
    audit.record(
        store, "users.add", ["user:sam"], [{"entity": "user:sam", "field": "role", "before": None, "after": "hr"}]
    )
    (event,) = audit.events(store)
    assert (event["action"], event["entities"]) == ("users.add", ["user:sam"])


# -- tamper evidence ---------------------------------------------------------------------------------------------


def stored_events(store) -> list[dict]:
    return store.audit_events()


def overwrite_event(store, event: dict) -> None:
    if isinstance(store, EmbeddedStore):
        with sqlite3.connect(store.path) as conn:
            conn.execute("UPDATE audit SET event = ? WHERE seq = ?", (json.dumps(event), event["seq"]))
    else:
        neo4j_support.run_text(
            store,
            neo4j_support.testing_statement("replace_audit_event"),
            write=True,
            seq=event["seq"],
            event=json.dumps(event),
        )


def delete_event(store, seq: int) -> None:
    if isinstance(store, EmbeddedStore):
        with sqlite3.connect(store.path) as conn:
            conn.execute("DELETE FROM audit WHERE seq = ?", (seq,))
    else:
        neo4j_support.run_text(store, neo4j_support.testing_statement("delete_audit_event"), write=True, seq=seq)


def test_an_intact_trail_verifies(trail):
    assert audit.check(trail) is None


def test_verify_detects_an_edited_event(trail):
    event = stored_events(trail)[1]
    event["fields"]["actor"]["value"] = "web:someone-else"
    overwrite_event(trail, event)
    assert audit.check(trail) == "event 2 was edited: its actor does not match its digest"


def test_verify_detects_an_edited_event_whose_digest_was_recomputed(trail):
    event = stored_events(trail)[1]
    event["action"] = "nothing"
    overwrite_event(trail, event)
    assert audit.check(trail) == "event 2 was edited: its hash does not match its contents"


def test_verify_detects_a_deleted_event_in_the_middle(trail):
    delete_event(trail, 2)
    assert audit.check(trail) == "event 2 is missing (the next one is event 3)"


def test_verify_detects_a_truncated_tail(trail):
    delete_event(trail, 3)
    assert audit.check(trail).startswith("the anchor counts 3 events but the trail holds 2")


def test_a_redaction_verifies(trail):
    erase(trail, "p2", reason="request 17")
    assert audit.check(trail) is None
    assert all("p2" not in json.dumps(e) for e in audit.events(trail))


# -- erasure -----------------------------------------------------------------------------------------------------


def every_trace(store) -> str:
    """Everything the store holds, read through it: export, every property, the audit trail, stats."""
    parts = [json.dumps(store.export(), ensure_ascii=False), json.dumps(store.audit_events(), ensure_ascii=False)]
    if isinstance(store, EmbeddedStore):
        store.close()
        parts.append(store.path.read_bytes().decode("utf-8", "replace"))
        for leftover in store.path.parent.glob(store.path.name + "-*"):  # -wal, -shm
            parts.append(leftover.read_bytes().decode("utf-8", "replace"))
    else:
        rows = neo4j_support.run_text(store, neo4j_support.testing_statement("every_property"))
        parts.append(json.dumps([dict(r) for r in rows], ensure_ascii=False, default=str))
    return "\n".join(parts)


def test_before_erasure_the_person_is_everywhere(trail):
    text = every_trace(trail)
    assert all(needle in text for needle in DANA)


def test_after_erasure_no_trace_of_id_name_or_email_is_left(trail):
    erase(trail, "p4", reason="request of Dana Kovač, 2026-12-01")
    text = every_trace(trail)
    for needle in DANA:
        assert needle not in text
    assert '"p4"' not in text and ":p4" not in text


def test_erasure_removes_links_and_introductions_naming_the_person(trail):
    erase(trail, "p4", reason="request 17")
    after = trail.export()
    assert [p["id"] for p in after["people"]] == ["p1", "p2", "p3"]
    assert after["introductions"] == [] and [(k["a"], k["b"]) for k in after["knows"]] == [("p1", "p2")]
    assert [(s["person"], s["position"]) for s in after["successors"]] == [("p1", "pos-hos"), ("p3", "pos-hos")]


def test_erasure_leaves_one_event_without_identifiers(trail):
    erase(trail, "p4", reason="request of Dana Kovač")
    last = audit.events(trail)[-1]
    assert (last["action"], last["entities"], last["note"]) == ("erase", [], "request of [erased]")


def test_erasure_removes_accounts_linked_to_the_person(trail, tmp_path):
    accounts = Accounts(tmp_path / "users.json")
    accounts.add("dana", "a long passphrase", role="mentor", person="p4")
    accounts.add("sam", "a long passphrase", role="hr")
    erase(trail, "p4", reason="request 17", accounts=accounts)
    assert [a["name"] for a in accounts.list()] == ["sam"]


def test_reimporting_an_old_export_does_not_bring_an_erased_person_back(trail, small):
    erase(trail, "p4", reason="request 17")
    report = import_document(trail, small)
    assert report.skipped_erased > 0
    assert "p4" not in {p["id"] for p in trail.export()["people"]}
    assert all("p4" not in json.dumps(r) for s in trail.export().values() for r in s)


def test_an_erased_email_under_a_new_id_is_skipped_too(trail):
    erase(trail, "p4", reason="request 17")
    report = import_document(trail, {"people": [{"id": "p99", "name": "D. K.", "email": "DANA@example.com"}]})
    assert report.skipped_erased == 1 and trail.people(["p99"]) == {}


def test_a_tombstone_holds_no_id_or_email(trail):
    erase(trail, "p4", reason="request 17")
    stones = trail.tombstones()
    assert len(stones) == 2 and not any(n in s for s in stones for n in DANA)
