"""The audit event of one part of a people sync (netgraph/analysis/sync.py part_event), planned without a store."""

from __future__ import annotations

from netgraph.analysis.sync import _audited, changes_by_key, part_event, parts
from netgraph.io.hr_document import document_and_where, snapshot_document
from netgraph.io.hr_snapshot import read_snapshot
from netgraph.io.hr_sync import SyncPlan, plan_people_sync
from netgraph.model.audit import summarised
from netgraph.model.sync_state import sync_state_of
from tests.conftest import FIXTURES

EXPORT = FIXTURES / "hr" / "default.csv"


def night_two() -> SyncPlan:
    """The export planned against a store holding it with every person's title and level different."""
    held = snapshot_document(read_snapshot(EXPORT))
    held["people"] = [{**p, "title": "Before", "level": 1} for p in held["people"]]
    document, where = document_and_where(read_snapshot(EXPORT))
    return plan_people_sync(document, sync_state_of(held), where=where)


def test_a_parts_event_lists_the_changes_of_its_own_records_as_the_plan_orders_them():
    plan = night_two()
    part = list(parts(plan.document, 3))[1]
    written = {(section, record["id"]) for section, records in part.items() for record in records}
    scanned = summarised(
        "sync.people.part",
        *_audited([c for c in plan.changes if (c.section, c.id) in written]),
        f"hr.csv: part 2, {len(written)} records",
    )
    assert part_event(plan, part, "hr.csv", 2, changes_by_key(plan)) == scanned


def test_the_changes_a_parts_event_looks_up_are_those_of_the_records_the_plan_writes():
    plan = night_two()
    assert set(changes_by_key(plan)) == {
        (section, record["id"]) for section, records in plan.document.items() for record in records
    }
