"""Contract of the Outbox port on both stores (test_<member>_<guarantee>)."""

from __future__ import annotations

import pytest

from netgraph.model.audit import entry, values
from netgraph.model.validate import complete, validate

PEOPLE = {"people": [{"id": f"p{i}", "name": f"Person {i}", "email": f"p{i}@example.com"} for i in range(1, 4)]}


def a_message(key: str = "proposal:spring:p2:p1:p1", to: str = "p1", **changes) -> dict:
    return {
        "id": key,
        "to_person": to,
        "to_address": f"{to}@example.com",
        "about": sorted({to, "p2"}),
        "subject": "Mentoring round spring: a proposal for you",
        "body": "Hello",
        "state": "queued",
        "attempts": 0,
        "next_try": "2027-03-02T09:00:00+00:00",
        "last_error": None,
        "queued_at": "2027-03-02T09:00:00+00:00",
        "sent_at": None,
        **changes,
    }


def queued() -> dict:
    return entry("mail.queue", ["person:p1"], actor="cli:test")


@pytest.fixture
def people(store):
    store.write(complete(validate(PEOPLE)))
    return store


def test_queue_messages_stores_each_new_message_and_its_audit_event(people):
    assert people.queue_messages([a_message(), a_message("reminder:spring", "p2")], queued()) == 2
    assert people.outbox_messages() == [a_message(), a_message("reminder:spring", "p2")]
    assert [values(e)["action"] for e in people.audit_events()][-1] == "mail.queue"


def test_queue_messages_queues_a_message_once(people):
    people.queue_messages([a_message()], queued())
    events = len(people.audit_events())
    assert people.queue_messages([a_message(body="again")], queued()) == 0
    assert people.outbox_messages() == [a_message()]
    assert len(people.audit_events()) == events


def test_outbox_messages_of_a_person_are_those_to_them(people):
    people.queue_messages([a_message(), a_message("reminder:spring", "p2")], queued())
    assert people.outbox_messages("p2") == [a_message("reminder:spring", "p2")]


def test_outbox_messages_of_an_empty_outbox_is_empty(store):
    assert store.outbox_messages() == []


def test_due_messages_are_the_queued_ones_due_by_then_oldest_first(people):
    people.queue_messages(
        [
            a_message("late", next_try="2027-03-02T10:00:00+00:00"),
            a_message("early", next_try="2027-03-02T08:00:00+00:00"),
            a_message("sent", state="sent"),
            a_message("in_app", state="in_app"),
        ],
        queued(),
    )
    assert [m["id"] for m in people.due_messages("2027-03-02T09:00:00+00:00", 10)] == ["early"]
    assert [m["id"] for m in people.due_messages("2027-03-02T11:00:00+00:00", 1)] == ["early"]


def test_update_message_stores_the_message_in_place_with_its_audit_event(people):
    people.queue_messages([a_message()], queued())
    people.update_message(a_message(state="sent", attempts=1), entry("mail.sent", ["person:p1"], actor="cli:test"))
    assert people.outbox_messages() == [a_message(state="sent", attempts=1)]
    assert [values(e)["action"] for e in people.audit_events()][-1] == "mail.sent"


def test_update_message_of_an_unknown_id_writes_nothing(people):
    events = len(people.audit_events())
    people.update_message(a_message(), entry("mail.sent", ["person:p1"], actor="cli:test"))
    assert people.outbox_messages() == [] and len(people.audit_events()) == events


def test_erase_person_deletes_messages_not_sent_and_redacts_sent_ones_naming_them(people):
    people.queue_messages(
        [
            a_message("queued"),
            a_message("sent", state="sent"),
            a_message("to-p2", "p2", state="sent", about=["p1", "p2"]),
        ],
        queued(),
    )
    people.queue_messages([a_message("unrelated", "p3", about=["p3"])], queued())
    people.erase_person("p1", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    found = {m["id"]: m for m in people.outbox_messages()}
    assert sorted(found) == ["sent", "to-p2", "unrelated"]
    assert (found["sent"]["to_person"], found["sent"]["to_address"], found["sent"]["body"]) == (None, None, "[erased]")
    assert (found["to-p2"]["to_person"], found["to-p2"]["about"], found["to-p2"]["subject"]) == (
        "p2",
        ["p2"],
        "[erased]",
    )
    assert found["unrelated"] == a_message("unrelated", "p3", about=["p3"])


def test_clear_empties_the_outbox(people):
    people.queue_messages([a_message()], queued())
    people.clear()
    assert people.outbox_messages() == []
