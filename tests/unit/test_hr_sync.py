"""Planning a people sync (netgraph/io/hr_sync.py): what a snapshot would change, on plain data.

The organisation is fixtures/hr/default.csv; each test changes a few of its
rows or the store it is planned against. ``applied`` plays the store's part
(merge the plan's document, retire the leavers, delete what is deletable), so
that a second plan shows what the first one left to do.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from netgraph.errors import Conflict, InvalidInput
from netgraph.io.hr_document import document_where, snapshot_document
from netgraph.io.hr_snapshot import Snapshot, read_snapshot
from netgraph.io.hr_sync import SyncPlan, plan_people_sync
from netgraph.model.validate import links_above, validate
from tests.conftest import FIXTURES

ENTITIES = ("org_units", "people", "positions")


def snapshot(*, without: tuple[str, ...] = (), **rows: dict) -> Snapshot:
    """The default export, less the employees ``without``, with some rows' fields replaced (``e1004={...}``)."""
    base = read_snapshot(FIXTURES / "hr" / "default.csv")
    employees = tuple(
        dataclasses.replace(e, **rows.get(f"e{e.employee_id}", {}))
        for e in base.employees
        if e.employee_id not in without
    )
    return dataclasses.replace(base, employees=employees)


def plan(snap: Snapshot, current: dict, **options) -> SyncPlan:
    return plan_people_sync(snapshot_document(snap), current, where=document_where(snap), **options)


def applied(done: SyncPlan, current: dict) -> dict:
    """The store after the apply: records merged by id (a field left out keeps its value), leavers left
    and out of their positions, deletable units and positions deleted."""
    store = {s: {r["id"]: dict(r) for r in current.get(s, [])} for s in ENTITIES}
    for section, records in done.document.items():
        for record in records:
            store[section][record["id"]] = {**store[section].get(record["id"], {}), **record}
    for person in done.leavers:
        store["people"][person]["status"] = "left"
        for position in store["positions"].values():
            position["holders"] = [h for h in position["holders"] if h["person"] != person]
    for gone in done.gone:
        if gone.deletable:
            del store[gone.section][gone.id]
    return {
        **{s: sorted(store[s].values(), key=lambda r: r["id"]) for s in ENTITIES},
        "successors": list(current.get("successors", [])),
    }


def synced(snap: Snapshot | None = None) -> dict:
    """A store that holds a snapshot (the default export unless given)."""
    snap = snap or snapshot()
    return applied(plan(snap, {}), {})


def with_records(current: dict, section: str, *records: dict) -> dict:
    return {**current, section: [*current.get(section, []), *records]}


def row(done: SyncPlan, section: str, record_id: str):
    (found,) = [c for c in done.changes if c.section == section and c.id == record_id]
    return found


def gone(done: SyncPlan, record_id: str):
    (found,) = [g for g in done.gone if g.id == record_id]
    return found


MANUAL = {"id": "m1", "name": "Mo Hand", "org_unit": "D300", "status": "active", "source": "manual"}


# --- people ---------------------------------------------------------------------------------------------------


def test_a_first_sync_into_an_empty_store_makes_everyone_and_everything_new():
    first = plan(snapshot(), {})
    assert first.counts == {
        "people": {"new": 8, "changed": 0, "moved": 0, "left": 0, "returned": 0, "unchanged": 0},
        "org_units": {"new": 4, "changed": 0, "unchanged": 0, "gone": 0},
        "positions": {"new": 7, "changed": 0, "unchanged": 0, "gone": 0},
    }
    assert first.document == snapshot_document(snapshot())


def test_planning_the_same_snapshot_again_gives_nothing_to_do():
    again = plan(snapshot(), synced())
    assert again.document == {"org_units": [], "people": [], "positions": []}
    assert again.counts == {
        "people": {"new": 0, "changed": 0, "moved": 0, "left": 0, "returned": 0, "unchanged": 8},
        "org_units": {"new": 0, "changed": 0, "unchanged": 4, "gone": 0},
        "positions": {"new": 0, "changed": 0, "unchanged": 7, "gone": 0},
    }
    assert again.leavers == []


def test_a_store_export_with_every_field_filled_in_is_already_in_sync():
    exported = validate(snapshot_document(snapshot()))  # defaults for skills, requires... as a store exports
    assert plan(snapshot(), exported).document == {"org_units": [], "people": [], "positions": []}


def test_a_changed_hr_field_is_listed_old_to_new():
    changed = plan(snapshot(e1007={"job_title": "Senior Account Executive"}), synced())
    assert row(changed, "people", "1007").kind == "changed"
    assert row(changed, "people", "1007").changes == (("title", "Account Executive", "Senior Account Executive"),)


def test_a_changed_person_is_in_the_document_with_all_their_hr_fields():
    changed = plan(snapshot(e1007={"location": "Oslo"}), synced())
    assert changed.document["people"] == [{**snapshot_document(snapshot())["people"][6], "location": "Oslo"}]


def test_a_new_department_is_a_move():
    moved = plan(
        snapshot(e1008={"department_id": "D210", "department_name": "Platform", "parent_department_id": "D200"}),
        synced(),
    )
    assert row(moved, "people", "1008").kind == "moved"
    assert row(moved, "people", "1008").changes == (("org_unit", "D300", "D210"),)


def test_a_new_manager_is_a_move_and_the_position_reports_elsewhere():
    moved = plan(snapshot(e1008={"manager_id": "1001"}), synced())
    assert row(moved, "people", "1008").changes == (("manager", "1006", "1001"),)
    assert row(moved, "positions", "pos-1008").changes == (("reports_to", "P-HOS", "P-CEO"),)


def test_a_new_position_id_is_a_move_to_another_seat():
    moved = plan(snapshot(e1008={"position_id": "P-AE"}), synced())
    assert row(moved, "people", "1008").changes == (("seat", "pos-1008", "P-AE"),)


def test_an_active_hr_person_absent_from_the_snapshot_leaves():
    leaving = plan(snapshot(without=("1008",)), synced(), allow_mass_leave=True)
    assert (leaving.leavers, row(leaving, "people", "1008").kind) == (["1008"], "left")
    assert "1008" not in {p["id"] for p in leaving.document["people"]}


def test_someone_stored_as_left_who_is_back_returns_and_is_no_longer_left():
    store = applied(plan(snapshot(without=("1008",)), synced(), allow_mass_leave=True), synced())
    back = plan(snapshot(), store)
    assert row(back, "people", "1008").kind == "returned"
    (record,) = back.document["people"]
    assert (record["id"], record["status"], record["left_on"]) == ("1008", "active", None)


def test_someone_who_already_left_does_not_leave_again():
    store = applied(plan(snapshot(without=("1008",)), synced(), allow_mass_leave=True), synced())
    assert plan(snapshot(without=("1008",)), store).leavers == []


def test_people_added_by_hand_never_leave():
    store = with_records(synced(), "people", MANUAL)
    assert plan(snapshot(), store).leavers == []


def test_a_snapshot_row_with_the_id_of_someone_added_by_hand_is_refused_at_its_line():
    store = synced()
    store["people"] = [{**p, "source": "manual"} if p["id"] == "1008" else p for p in store["people"]]
    with pytest.raises(InvalidInput) as caught:
        plan(snapshot(), store)
    assert [str(p) for p in caught.value.problems] == [
        "default.csv line 9: person '1008' was added by hand (source 'manual'): the HR sync does not take them "
        "over (remove them, or sync with --adopt-manual)"
    ]


def test_a_stored_person_without_a_source_counts_as_added_by_hand():
    store = synced()
    store["people"] = [{k: v for k, v in p.items() if k != "source"} for p in store["people"]]
    with pytest.raises(InvalidInput):
        plan(snapshot(), store)


def test_adopting_people_added_by_hand_lets_the_hr_system_own_them():
    store = synced()
    store["people"] = [{**p, "source": "manual"} if p["id"] == "1008" else p for p in store["people"]]
    adopted = plan(snapshot(), store, adopt_manual=True)
    assert row(adopted, "people", "1008").changes == (("source", "manual", "hr"),)


def test_a_field_the_document_leaves_out_is_not_compared():
    store = synced()
    store["people"] = [{**p, "flight_risk": "high"} for p in store["people"]]
    document = snapshot_document(snapshot())
    document["people"] = [{k: v for k, v in p.items() if k != "flight_risk"} for p in document["people"]]
    assert plan_people_sync(document, store).counts["people"]["unchanged"] == 8


# --- the mass-leave guard ------------------------------------------------------------------------------------


def test_more_leavers_than_the_share_is_refused_and_names_the_flag():
    with pytest.raises(Conflict) as caught:
        plan(snapshot(without=("1007", "1008")), synced())
    assert str(caught.value) == (
        "the snapshot would mark 2 of the 8 active HR people as left (25%, more than the "
        "10% allowed): is the export complete? If they did all leave, sync again with "
        "--allow-mass-leave"
    )


def test_leavers_up_to_the_share_are_accepted():
    assert plan(snapshot(without=("1007", "1008")), synced(), mass_leave_share=0.25).leavers == ["1007", "1008"]


def test_allowing_a_mass_leave_lets_them_all_go():
    assert len(plan(snapshot(without=("1004", "1005", "1007", "1008")), synced(), allow_mass_leave=True).leavers) == 4


# --- units and positions -------------------------------------------------------------------------------------


def test_a_leavers_own_position_is_gone_and_deletable():
    leaving = plan(snapshot(without=("1008",)), synced(), allow_mass_leave=True)
    assert [(g.section, g.id, g.deletable, g.referenced_by) for g in leaving.gone] == [
        ("positions", "pos-1008", True, ())
    ]


def test_a_position_with_a_successor_nomination_is_kept_and_says_why():
    store = with_records(synced(), "successors", {"person": "1007", "position": "pos-1008", "readiness": "ready_now"})
    leaving = plan(snapshot(without=("1008",)), store, allow_mass_leave=True)
    assert (gone(leaving, "pos-1008").deletable, gone(leaving, "pos-1008").referenced_by) == (
        False,
        ("nomination of 1007",),
    )


def test_a_kept_position_loses_its_hr_holders_and_is_not_reported_again():
    store = with_records(synced(), "successors", {"person": "1007", "position": "pos-1008", "readiness": "ready_now"})
    leaving = plan(snapshot(without=("1008",)), store, allow_mass_leave=True)
    assert [p["holders"] for p in leaving.document["positions"] if p["id"] == "pos-1008"] == [[]]
    later = plan(snapshot(without=("1008",)), applied(leaving, store))
    assert (later.gone, later.document) == ((), {"org_units": [], "people": [], "positions": []})


def test_a_nomination_of_a_leaver_keeps_nothing():
    store = with_records(synced(), "successors", {"person": "1008", "position": "pos-1007", "readiness": "ready_now"})
    leaving = plan(snapshot(without=("1007", "1008")), store, allow_mass_leave=True)
    assert gone(leaving, "pos-1007").deletable


def test_a_unit_everyone_moved_out_of_is_gone_and_deletable():
    to_platform = {"department_id": "D210", "department_name": "Platform", "parent_department_id": "D200"}
    moved = plan(snapshot(e1006=to_platform, e1007=to_platform, e1008=to_platform), synced())
    assert [(g.section, g.id, g.label, g.deletable) for g in moved.gone] == [("org_units", "D300", "Sales", True)]


def test_a_unit_with_a_member_added_by_hand_is_kept():
    to_platform = {"department_id": "D210", "department_name": "Platform", "parent_department_id": "D200"}
    store = with_records(synced(), "people", MANUAL)
    moved = plan(snapshot(e1006=to_platform, e1007=to_platform, e1008=to_platform), store)
    assert (gone(moved, "D300").deletable, gone(moved, "D300").referenced_by) == (False, ("person m1",))


def test_a_unit_gone_with_all_its_sub_units_is_deletable_with_them():
    to_top = {"department_id": "D100", "department_name": "Executive", "parent_department_id": None}
    moved = plan(snapshot(e1002=to_top, e1003=to_top, e1004=to_top, e1005=to_top), synced())
    assert [(g.id, g.deletable) for g in moved.gone] == [("D200", True), ("D210", True)]


def test_a_sub_unit_added_by_hand_keeps_its_parent():
    to_top = {"department_id": "D100", "department_name": "Executive", "parent_department_id": None}
    store = with_records(synced(), "org_units", {"id": "guild", "name": "Guild", "parent": "D210"})
    moved = plan(snapshot(e1002=to_top, e1003=to_top, e1004=to_top, e1005=to_top), store)
    assert [(g.id, g.deletable, g.referenced_by) for g in moved.gone] == [
        ("D200", False, ("org unit D210",)),
        ("D210", False, ("org unit guild",)),
    ]


def test_holders_added_by_hand_stay_on_a_snapshot_position():
    store = with_records(synced(), "people", MANUAL)
    store["positions"] = [
        {**p, "holders": [*p["holders"], {"person": "m1", "since": None}]} if p["id"] == "P-SWE" else p
        for p in store["positions"]
    ]
    assert row(plan(snapshot(), store), "positions", "P-SWE").kind == "unchanged"


def test_an_hr_person_is_released_from_a_position_the_snapshot_does_not_give_them():
    store = with_records(
        synced(),
        "positions",
        {"id": "guild-lead", "title": "Guild lead", "requires": ["go"], "holders": [{"person": "1004", "since": None}]},
    )
    released = plan(snapshot(), store)
    assert row(released, "people", "1004").changes == (("seat", "P-SWE, guild-lead", "P-SWE"),)
    assert [p["holders"] for p in released.document["positions"] if p["id"] == "guild-lead"] == [[]]
    assert (gone(released, "guild-lead").deletable, gone(released, "guild-lead").referenced_by) == (
        False,
        ("required skills",),
    )


def test_a_released_position_is_named_as_stored_in_the_plans_document():
    store = with_records(
        synced(),
        "positions",
        {"id": "guild-lead", "title": "Guild lead", "requires": ["go"], "holders": [{"person": "1004", "since": None}]},
    )
    released = plan(snapshot(), store)
    assert released.where("positions", 0) == "stored position 'guild-lead'"


# --- the plan as the command line and the apply use it -------------------------------------------------------


def test_the_plans_document_is_valid_against_the_store_it_was_planned_on():
    store = synced()
    leaving = plan(snapshot(without=("1008",), e1007={"manager_id": "1001"}), store, allow_mass_leave=True)
    validate(leaving.document, existing=FakeStore(store))


def test_the_plans_document_names_each_record_by_its_export_line():
    moved = plan(snapshot(e1008={"manager_id": "1001"}), synced())
    assert (moved.where("people", 0), moved.where("positions", 0)) == ("default.csv line 9", "default.csv line 9")


def test_the_summary_gives_the_counts_then_the_rows_of_each_kind():
    moved = plan(snapshot(without=("1007",), e1008={"manager_id": "1001"}), synced(), allow_mass_leave=True)
    assert moved.summary() == [
        "people: 0 new, 0 changed, 1 moved, 1 left, 0 returned, 6 unchanged",
        "  moved: 1008 Hana Sato: manager '1006' -> '1001'",
        "  left: 1007 Gustav Lind",
        "org units: 0 new, 0 changed, 4 unchanged, 0 gone",
        "positions: 0 new, 1 changed, 5 unchanged, 1 gone",
        "  changed: pos-1008 Account Executive: reports_to 'P-HOS' -> 'P-CEO'",
        "  gone: pos-1007 Account Executive: deletable",
    ]


def test_the_summary_shows_the_first_rows_and_how_many_more():
    lines = plan(snapshot(), {}).summary(first=2)
    assert lines[:4] == [
        "people: 8 new, 0 changed, 0 moved, 0 left, 0 returned, 0 unchanged",
        "  new: 1001 Ada Osei",
        "  new: 1002 Bruno Díaz",
        "  ... and 6 more new",
    ]


def test_the_plan_as_json_is_plain_data_without_unchanged_rows():
    moved = plan(snapshot(e1008={"manager_id": "1001"}), synced())
    data = json.loads(json.dumps(moved.to_json()))
    assert data["people"]["moved"] == [
        {"id": "1008", "label": "Hana Sato", "changes": {"manager": {"old": "1006", "new": "1001"}}}
    ]
    assert set(data) == {"counts", "people", "org_units", "positions", "units_gone", "positions_gone", "leavers"}
    assert "unchanged" not in data["people"]


class FakeStore:
    """The questions validation asks a store, answered from plain records."""

    def __init__(self, current: dict):
        self.current = current

    def existing_keys(self, section, keys):
        return {r["id"] for r in self.current.get(section, [])} & set(keys)

    def ancestor_links(self, section, ids):
        field = "parent" if section == "org_units" else "reports_to"
        return links_above({r["id"]: r.get(field) for r in self.current.get(section, [])}, ids)

    def departed(self, ids):
        return {p["id"] for p in self.current["people"] if p.get("status") == "left"} & set(ids)
