"""The port contract, part two: the members whose tests write (each on an empty store of each kind).

See ``test_ports.py`` for the read-only part on the demo organisation, and for
the check that every member of every port has a contract test in the two.
"""

from __future__ import annotations

import copy
import os

from netgraph.model.audit import entry, redact, values, verify
from netgraph.model.rules import RecommendSettings
from netgraph.model.vocabulary import SECTIONS
from netgraph.store import EmbeddedStore
from netgraph.store.neo4j_backend import Neo4jStore
from netgraph.store.ports import (
    SearchHit,
)
from tests.contract.port_contract import keys, people_doc

SINCE = "2026-08-26"  # 90 days before the demo's "today", 2026-11-24
SETTINGS = RecommendSettings()
WALKTHROUGH = {"p065", "p084", "p067", "p087"}  # Sana Saleh's contacts the demo README suggests for Dana


def another_handle(store):
    """A second handle on the same data, opened as a caller would (one case per backend)."""
    if isinstance(store, EmbeddedStore):
        return EmbeddedStore(store.path)
    return Neo4jStore(
        store.uri,
        os.environ.get("NETGRAPH_TEST_NEO4J_USERNAME"),
        os.environ.get("NETGRAPH_TEST_NEO4J_PASSWORD"),
        store.database,
    )


def location(store) -> str:
    """Where a backend keeps its data (one case per backend)."""
    return str(store.path) if isinstance(store, EmbeddedStore) else store.uri


def test_needs_warm_up_is_a_boolean(store):
    assert isinstance(store.needs_warm_up, bool)


def test_describe_names_where_the_data_lives(store):
    text = store.describe()
    assert isinstance(text, str) and "\n" not in text
    assert location(store) in text


def test_init_schema_is_idempotent_and_keeps_the_data(store, small):
    store.write(small)
    store.init_schema()
    store.init_schema()
    assert store.export() == small


def test_write_merges_a_record_and_leaves_everything_else_alone(store, small):
    store.write(small)
    bruno = {**small["people"][1], "name": "Bruno Díaz Ruiz", "skills": {"go": 3}, "wants_to_grow": []}
    store.write({"people": [bruno]})
    expected = copy.deepcopy(small)
    expected["people"][1] = bruno
    assert store.export() == expected  # his mentorships, KNOWS links and introductions stay


def test_write_reports_progress_for_every_section_it_writes(store, small):
    calls = []
    store.write(small, progress=lambda section, done, total: calls.append((section, done, total)))
    last = {section: (done, total) for section, done, total in calls}
    assert set(last) == {s for s in SECTIONS if small.get(s)}
    assert all(done == total == len(small[s]) for s, (done, total) in last.items())


def test_clear_leaves_an_empty_store_that_can_be_written_again(store, small):
    store.write(small)
    store.clear()
    assert store.export() == {s: [] for s in SECTIONS}
    assert not any(n for group in store.stats().values() for n in group.values())
    store.write(small)
    assert store.export() == small


def test_close_can_be_called_after_use_and_the_data_stays(store, small):
    writer = another_handle(store)
    writer.write(small)
    writer.close()
    reader = another_handle(store)
    try:
        assert reader.export() == small
    finally:
        reader.close()


def test_search_people_matches_any_case_and_orders_by_name_then_id(store):
    store.write(people_doc(("p3", "Ann Lee"), ("p1", "Ann Lee"), ("p2", "Bob Annan"), ("p4", "Carl")))
    found = store.search_people("aNN", 10)
    assert [(h["id"], h["name"]) for h in found] == [("p1", "Ann Lee"), ("p3", "Ann Lee"), ("p2", "Bob Annan")]
    assert all(set(h) == keys(SearchHit) for h in found)


def test_mentees_losing_mentors_keeps_a_mentee_with_another_active_mentor(store):
    store.write(
        people_doc(
            ("p1", "Ann"),
            ("p2", "Bo"),
            ("p3", "Cy"),
            mentorships=[
                {"mentor": "p1", "mentee": "p3", "status": "active"},
                {"mentor": "p2", "mentee": "p3", "status": "active"},
            ],
        )
    )
    assert store.mentees_losing_mentors(["p1"]) == []
    (lost,) = store.mentees_losing_mentors(["p1", "p2"])
    assert lost["mentee"] == "p3" and sorted(lost["mentors"]) == ["p1", "p2"]


def test_transaction_yields_the_store_and_commits_its_writes_at_the_end(store, small):
    with store.transaction() as tx:
        assert tx is store
        store.write(small)
        with store.transaction():  # re-entrant
            assert store.existing_keys("people", ["p1"]) == {"p1"}
    reader = another_handle(store)
    try:
        assert reader.export() == small
    finally:
        reader.close()


# -- people who leave, and what a write removes ----------------------------------------------------------------


def test_departed_names_only_those_whose_status_is_left(store, small):
    store.write(small)
    store.write({"people": [{**small["people"][3], "status": "left", "left_on": "2026-03-31"}]})
    assert store.departed(["p1", "p4", "p-unknown"]) == {"p4"}


def test_people_with_emails_finds_everyone_with_each_address_whatever_its_case_and_their_status(store, small):
    store.write(small)
    first, second, fourth = small["people"][0], small["people"][1], small["people"][3]
    store.write(
        {
            "people": [
                {**first, "email": "Ada.Lovelace@Example.com"},
                {**fourth, "email": "ada.lovelace@example.com", "status": "left", "left_on": "2026-03-31"},
            ]
        }
    )
    found = store.people_with_emails(["ADA.lovelace@example.COM", second["email"].upper(), "nobody@example.com"])
    assert found == {
        "ADA.lovelace@example.COM": {first["id"]: "active", fourth["id"]: "left"},
        second["email"].upper(): {second["id"]: "active"},
    }


def test_people_with_emails_takes_quotes_and_backslashes_as_part_of_the_address(store, small):
    store.write(small)
    first = small["people"][0]
    store.write({"people": [{**first, "email": '"o\\brien"+x@Example.com'}]})
    assert store.people_with_emails(['"O\\Brien"+X@example.com', '"o\\brien"@example.com']) == {
        '"O\\Brien"+X@example.com': {first["id"]: "active"}
    }


def test_people_with_emails_finds_nobody_for_a_blank_address(store, small):
    store.write(small)
    store.write({"people": [{**small["people"][1], "email": None}]})
    assert store.people_with_emails(["", "   "]) == {}
    assert store.people_with_emails([]) == {}


def test_roles_of_lists_the_seats_held_and_the_nominations_by_position(store, small):
    store.write(small)
    assert store.roles_of("p4") == {
        "holds": [{"position": "pos-hos", "title": "Head of Sales", "since": "2022-02-01"}],
        "nominations": [
            {
                "position": "pos-vpe",
                "title": "VP Engineering",
                "readiness": "ready_1_2_years",
                "nominated_on": "2025-06-01",
            }
        ],
    }
    assert store.roles_of("p2") == {"holds": [], "nominations": []}
    assert store.roles_of("p-unknown") == {"holds": [], "nominations": []}


def test_position_dependents_names_holders_nominees_and_reporting_positions(store, small):
    store.write(small)
    assert store.position_dependents("pos-hos") == {"holders": ["p4"], "successors": ["p3"], "reports": ["pos-ae"]}
    assert store.position_dependents("pos-ae") == {"holders": [], "successors": [], "reports": []}
    assert store.position_dependents("pos-unknown") is None


def test_write_removes_knows_links_nominations_holds_and_positions_in_the_same_step(store, small):
    store.write(small)
    store.write(
        {},
        remove={
            "knows": [("p4", "p1")],
            "successors": [("p3", "pos-hos")],
            "holds": [("p1", "pos-vpe")],
            "positions": ["pos-ae"],
        },
    )
    after = store.export()
    assert [(k["a"], k["b"]) for k in after["knows"]] == [("p1", "p2"), ("p3", "p4")]
    assert [(s["person"], s["position"]) for s in after["successors"]] == [("p4", "pos-vpe")]
    assert [(p["id"], [h["person"] for h in p["holders"]]) for p in after["positions"]] == [
        ("pos-hos", ["p4"]),
        ("pos-vpe", []),
    ]
    store.write({}, remove={"knows": [("p1", "p4")], "positions": ["pos-ae"]})  # already gone: no error
    assert store.export() == after


def test_write_keeps_a_stored_status_that_a_record_leaves_out(store, small):
    store.write(small)
    store.write({"people": [{**small["people"][3], "status": "left", "left_on": "2026-03-31"}]})
    old_export = {k: v for k, v in small["people"][3].items() if k not in ("status", "left_on", "source")}
    store.write({"people": [old_export]})
    (dana,) = store.people(["p4"]).values()
    assert (dana["status"], dana["left_on"], dana["source"]) == ("left", "2026-03-31", "manual")


# -- the audit trail and erasure ---------------------------------------------------------------------------------


def test_append_audit_seals_each_event_after_the_one_before(store):
    first = store.append_audit(entry("users.add", ["user:sam"], actor="cli:test"))
    second = store.append_audit(entry("users.unlock", ["user:sam"], actor="cli:test"))
    assert (first["seq"], second["seq"], second["prev"]) == (1, 2, first["hash"])


def test_write_appends_its_audit_event_in_the_same_step(store, small):
    store.write(small, audit=entry("import", ["people:p1"], actor="cli:test"))
    (event,) = store.audit_events()
    assert values(event)["entities"] == ["people:p1"]


def test_audit_events_come_oldest_first_and_from_a_time_on(store):
    for n in range(3):
        store.append_audit(entry(f"step.{n}", [], actor="cli:test"))
    events = store.audit_events()
    assert [e["action"] for e in events] == ["step.0", "step.1", "step.2"]
    assert [e["action"] for e in store.audit_events(events[1]["at"])] == ["step.1", "step.2"]


def test_audit_anchor_is_the_head_and_count(store):
    assert store.audit_anchor() is None
    last = [store.append_audit(entry("a", [], actor="cli:test")) for _ in range(2)][-1]
    assert store.audit_anchor() == {"head": last["hash"], "count": 2}


def test_replace_audit_events_stores_redacted_versions_by_seq(store):
    sealed = store.append_audit(entry("a", ["person:p9"], actor="cli:test"))
    (redacted,) = redact([sealed], {"p9"})
    store.replace_audit_events([redacted])
    assert store.audit_events() == [redacted]
    assert verify(store.audit_events(), store.audit_anchor()) is None


def test_erasure_key_is_made_once_and_kept(store):
    key = store.erasure_key()
    assert len(key) == 64 and store.erasure_key() == key


def test_tombstones_are_what_erase_person_kept(store, small):
    store.write(small)
    assert store.tombstones() == set()
    store.erase_person("p3", tombstones=["aa" * 32], audit=entry("erase", [], actor="cli:test"))
    assert store.tombstones() == {"aa" * 32}


def test_erase_person_removes_the_node_its_links_and_introductions(store, small):
    store.write(small)
    store.erase_person("p4", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    after = store.export()
    assert "p4" not in {p["id"] for p in after["people"]} and after["introductions"] == []
    assert [values(e)["action"] for e in store.audit_events()] == ["erase"]


def test_scrub_leaves_the_store_usable(store, small):
    store.write(small)
    store.scrub()
    assert store.export() == small
