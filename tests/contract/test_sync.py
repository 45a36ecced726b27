"""Contract: the nightly HR sync and the mentoring export, the same way on both stores.

fixtures/hr/default.csv: eight people in four departments; Ada (1001) at the
top, Chen (1003) manages Dana (1004) and Emeka (1005), who share P-SWE.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netgraph.analysis import lifecycle
from netgraph.analysis.erasure import erase
from netgraph.analysis.sync import sync_mentoring, sync_people
from netgraph.errors import Conflict, InvalidInput
from netgraph.io.importer import import_document

HR = Path(__file__).resolve().parents[2] / "fixtures" / "hr"
NIGHT = date(2026, 12, 1)


def snapshot(tmp_path: Path, *, without: tuple[str, ...] = (), edit=None, name: str = "hr.csv") -> Path:
    """fixtures/hr/default.csv without the rows of ``without``, each line passed through ``edit``."""
    lines = (HR / "default.csv").read_text("utf-8").splitlines()
    kept = [line for line in lines if line.split(",")[0] not in without]
    path = tmp_path / name
    path.write_text("\n".join(edit(line) if edit else line for line in kept) + "\n", "utf-8")
    return path


@pytest.fixture
def synced(store, tmp_path):
    sync_people(store, HR / "default.csv", today=NIGHT)
    return store


def person(store, pid: str) -> dict:
    return store.people([pid])[pid]


def test_a_first_sync_adds_the_people_units_and_seats_as_hr_records(synced):
    exported = synced.export()
    assert len(exported["people"]) == 8 and {p["source"] for p in exported["people"]} == {"hr"}
    assert [u["id"] for u in exported["org_units"]] == ["D100", "D200", "D210", "D300"]
    swe = next(p for p in exported["positions"] if p["id"] == "P-SWE")
    assert ([h["person"] for h in swe["holders"]], swe["reports_to"]) == (["1004", "1005"], "pos-1003")


def test_a_second_identical_sync_changes_nothing(synced):
    before = synced.export()
    again = sync_people(synced, HR / "default.csv", today=NIGHT)
    assert again.plan.counts["people"]["unchanged"] == 8 and again.plan.document == {
        "org_units": [],
        "people": [],
        "positions": [],
    }
    assert synced.export() == before


def test_the_workday_export_read_with_its_mapping_gives_the_same_organisation(store, tmp_path):
    sync_people(store, HR / "workday.csv", mapping=HR / "workday-mapping.toml", today=NIGHT)
    assert sorted(p["id"] for p in store.export()["people"]) == [f"wd-{n}" for n in range(1001, 1009)]


def test_a_dry_run_plans_and_writes_nothing(store):
    done = sync_people(store, HR / "default.csv", dry_run=True, today=NIGHT)
    assert (done.applied, done.plan.counts["people"]["new"]) == (False, 8)
    assert store.export()["people"] == []


def test_someone_missing_from_the_snapshot_leaves_and_their_seat_falls_vacant(synced, tmp_path):
    done = sync_people(synced, snapshot(tmp_path, without=("1008",)), allow_mass_leave=True, today=NIGHT)
    assert done.plan.leavers == ["1008"]
    hana = person(synced, "1008")
    assert (hana["status"], hana["left_on"]) == ("left", "2026-12-01")
    assert synced.roles_of("1008") == {"holds": [], "nominations": []}


def test_a_snapshot_that_would_empty_more_than_a_tenth_is_refused_and_nothing_changes(synced, tmp_path):
    before = synced.export()
    with pytest.raises(Conflict, match="--allow-mass-leave"):
        sync_people(synced, snapshot(tmp_path, without=("1007", "1008")), today=NIGHT)
    assert synced.export() == before


def test_a_leaver_who_is_back_in_the_snapshot_returns(synced, tmp_path):
    sync_people(synced, snapshot(tmp_path, without=("1008",)), allow_mass_leave=True, today=NIGHT)
    done = sync_people(synced, HR / "default.csv", today=date(2026, 12, 2))
    assert [c.id for c in done.plan.rows("people", "returned")] == ["1008"]
    assert (person(synced, "1008")["status"], person(synced, "1008")["left_on"]) == ("active", None)


def test_a_changed_title_is_updated_and_fields_hr_does_not_own_stay(synced, tmp_path):
    dana = person(synced, "1004")
    synced.write({"people": [{**dana, "skills": {"go": 4}, "open_to_intros": False, "open_to_mentoring": False}]})
    renamed = snapshot(tmp_path, edit=lambda line: line.replace("Software Engineer,3", "Senior Engineer,4"))
    done = sync_people(synced, renamed, today=NIGHT)
    assert {c.id for c in done.plan.rows("people", "changed")} == {"1004"}
    dana = person(synced, "1004")
    assert (dana["title"], dana["level"], dana["skills"], dana["open_to_intros"], dana["open_to_mentoring"]) == (
        "Senior Engineer",
        4,
        {"go": 4},
        False,
        False,
    )


def test_people_added_by_hand_are_never_touched(synced, tmp_path):
    import_document(synced, {"people": [{"id": "m-1", "name": "External Mentor"}]})
    sync_people(synced, HR / "default.csv", today=NIGHT)
    assert (person(synced, "m-1")["status"], person(synced, "m-1")["source"]) == ("active", "manual")


def test_a_bad_snapshot_changes_nothing(synced, tmp_path):
    before = synced.export()
    broken = snapshot(tmp_path, edit=lambda line: line.replace("2018-06-15", "15/06/2018"))
    with pytest.raises(InvalidInput, match="hr.csv line 4, field 'hire_date'"):
        sync_people(synced, broken, today=NIGHT)
    assert synced.export() == before


def test_a_manual_move_of_someone_the_sync_owns_is_refused(synced):
    with pytest.raises(Conflict, match="HR system"):
        lifecycle.move_person(synced, "1004", unit="D300")


def test_leaving_through_the_sync_ends_mentorships_and_closes_introductions(synced, tmp_path):
    import_document(
        synced,
        {
            "mentorships": [{"mentor": "1003", "mentee": "1008"}],
            "introductions": [
                {"id": "i-1", "by": "1003", "introduce": "1008", "to": "1004", "created_on": "2026-11-20"}
            ],
        },
    )
    sync_people(synced, snapshot(tmp_path, without=("1008",)), allow_mass_leave=True, today=NIGHT)
    (mentorship,) = synced.export()["mentorships"]
    assert (mentorship["status"], mentorship["until"]) == ("ended", "2026-12-01")
    (intro,) = synced.introductions(id="i-1")
    assert (intro["status"], intro["closed_reason"]) == ("closed", "person left")


# -- the mentoring programme's export -----------------------------------------------------------------------


def mentoring_export(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "mentoring.csv"
    path.write_text("mentor_email,mentee_email,start,end,status\n" + "\n".join(rows) + "\n", "utf-8")
    return path


def test_mentoring_rows_are_matched_by_email_in_any_case(synced, tmp_path):
    done = sync_mentoring(
        synced, mentoring_export(tmp_path, "CHEN.WEI@example.com,dana.kovac@EXAMPLE.com,2026-01-10,,active")
    )
    assert (done.merged, done.unmatched) == (1, [])
    (m,) = synced.export()["mentorships"]
    assert (m["mentor"], m["mentee"], m["since"], m["status"]) == ("1003", "1004", "2026-01-10", "active")


def test_mentoring_rows_that_match_no_one_are_listed_and_the_rest_merged(synced, tmp_path):
    done = sync_mentoring(
        synced,
        mentoring_export(
            tmp_path,
            "chen.wei@example.com,dana.kovac@example.com,2026-01-10,2026-06-30,completed",
            "nobody@example.com,dana.kovac@example.com,2026-01-10,,active",
        ),
    )
    assert done.merged == 1
    assert done.unmatched == ["mentoring.csv line 3: no person with the email of the mentor (nobody@example.com)"]
    assert synced.export()["mentorships"][0]["status"] == "ended"


def test_a_mentoring_export_with_a_bad_row_changes_nothing(synced, tmp_path):
    with pytest.raises(InvalidInput, match="mentoring.csv line 2, field 'start'"):
        sync_mentoring(
            synced, mentoring_export(tmp_path, "chen.wei@example.com,dana.kovac@example.com,10/01/2026,,active")
        )
    assert synced.export()["mentorships"] == []


def test_a_person_who_was_erased_is_skipped_by_the_next_sync_and_says_so(synced):
    erase(synced, "1008", reason="request 17")
    done = sync_people(synced, HR / "default.csv", today=date(2026, 12, 2))
    assert done.skipped_erased > 0 and "skipped" in done.lines()[1]
    assert synced.people(["1008"]) == {}


def test_the_bad_mentoring_export_fixture_is_refused_with_one_located_line_per_problem(synced):
    with pytest.raises(InvalidInput) as caught:
        sync_mentoring(synced, HR.parent / "bad" / "mentoring_bad_rows.csv")
    assert [str(p) for p in caught.value.problems] == [
        "mentoring_bad_rows.csv line 2, field 'start': '10/01/2026' is not an ISO 8601 date (YYYY-MM-DD)",
        "mentoring_bad_rows.csv line 3, field 'mentee_email': is required",
        "mentoring_bad_rows.csv line 3, field 'status': 'paused' is not a status (active or ended, or a word "
        "for them such as completed)",
    ]
    assert synced.export()["mentorships"] == []
