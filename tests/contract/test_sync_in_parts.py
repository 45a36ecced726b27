"""Contract: a people sync written in parts ends where one written whole does, on both stores.

Neo4j commits each part of a sync on its own (a million people's changes do
not fit one transaction); the embedded store writes the parts in its one
transaction. Either way, the parts' size changes nothing of what is stored
or of the audit trail. fixtures/hr/default.csv: eight people in four
departments; night two drops Hana (1008), promotes Dana (1004) and hires Ines.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netgraph.analysis.sync import sync_people
from netgraph.model.audit import values
from tests.contract.cli_runner import cli_on

HR = Path(__file__).resolve().parents[2] / "fixtures" / "hr"
FIRST, SECOND = date(2026, 12, 1), date(2026, 12, 2)
NEW_HIRE = "1009,Ines Park,ines.park@example.com,1003,D210,Platform,D200,,Software Engineer,2,Zagreb,2026-12-02,no,low"


def night_two(tmp_path: Path) -> Path:
    """The default export without Hana (1008), Dana (1004) promoted, and Ines (1009) hired."""
    lines = (HR / "default.csv").read_text("utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("1008,")]
    promoted = [
        line.replace("Software Engineer,3", "Senior Engineer,4") if line.startswith("1004,") else line for line in kept
    ]
    path = tmp_path / "night2.csv"
    path.write_text("\n".join([*promoted, NEW_HIRE]) + "\n", "utf-8")
    return path


def two_nights(store, tmp_path: Path, part_records: int) -> None:
    sync_people(store, HR / "default.csv", today=FIRST, part_records=part_records)
    sync_people(store, night_two(tmp_path), today=SECOND, allow_mass_leave=True, part_records=part_records)


def syncs_recorded(store) -> int:
    return sum(1 for event in store.audit_events() if event["action"] == "sync.people")


def parts_recorded(store) -> list[list[str]]:
    """The entities of each ``sync.people.part`` event, oldest first."""
    events = [values(e) for e in store.audit_events() if e["action"] == "sync.people.part"]
    return [sorted(e["entities"]) for e in events]


def test_each_part_of_a_sync_is_recorded_with_the_records_it_wrote(store):
    done = sync_people(store, HR / "default.csv", today=FIRST, part_records=5)
    planned = [r["id"] for section in ("org_units", "people", "positions") for r in done.plan.document.get(section, [])]
    recorded = [entity.split(":", 1)[1] for entities in parts_recorded(store) for entity in entities]
    assert (len(parts_recorded(store)), sorted(recorded)) == (-(-len(planned) // 5), sorted(planned))


def test_two_nights_written_a_record_at_a_time_end_as_two_nights_written_whole(store, tmp_path):
    two_nights(store, tmp_path, part_records=1)
    in_parts, recorded = store.export(), syncs_recorded(store)
    store.clear()
    two_nights(store, tmp_path, part_records=1_000)
    assert (in_parts, recorded) == (store.export(), 2)


def test_a_sync_in_parts_says_after_each_part_how_many_of_the_plans_records_are_written(store):
    said: list[tuple[int, int]] = []
    done = sync_people(
        store, HR / "default.csv", today=FIRST, part_records=5, progress=lambda n, total: said.append((n, total))
    )
    planned = sum(len(records) for records in done.plan.document.values())
    assert said == [(min(n, planned), planned) for n in range(5, planned + 5, 5)]


def test_the_command_line_prints_a_line_on_stderr_for_each_part_it_writes(store, monkeypatch, capsys):
    cli = cli_on(store, monkeypatch, capsys)
    code, _, err = cli("sync", "people", HR / "default.csv", "--as-of", FIRST.isoformat(), "--part-records", "5")
    stored = store.export()
    planned = sum(len(stored[section]) for section in ("org_units", "people", "positions"))  # all new, first night
    assert (code, err.splitlines()) == (
        0,
        [
            f"sync people: part {part} written, {min(5 * part, planned):,} of {planned:,} records"
            for part in range(1, -(-planned // 5) + 1)
        ],
    )


def test_the_command_lines_dry_run_writes_no_part_and_prints_none(store, monkeypatch, capsys):
    cli = cli_on(store, monkeypatch, capsys)
    code, _, err = cli("sync", "people", HR / "default.csv", "--dry-run", "--part-records", "5")
    assert (code, err) == (0, "")
