"""Contract: a field a file does not carry is not the file's, through the command line, on both stores.

A CSV column or a JSON key left out keeps the stored value; an empty cell
or an explicit null clears it; a new record gets the defaults. The report
says what changes, per section and per field, in the dry run and the real
run alike.
"""

from __future__ import annotations

import csv
import json

import pytest

from tests.contract.cli_runner import cli_on

NIA = "p002"  # Nia Holm, Chief of Staff, in the demo


@pytest.fixture
def cli(store, monkeypatch, capsys):
    run = cli_on(store, monkeypatch, capsys)
    assert run("demo")[0] == 0
    return run


def rewrite_people_csv(folder, columns: list[str], change=lambda row: row) -> None:
    """Keep only ``columns`` of ``people.csv`` and pass each row through ``change``."""
    path = folder / "people.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [change({c: row[c] for c in columns}) for row in csv.DictReader(handle)]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def retitled(row: dict) -> dict:
    return {**row, "title": "Head of Operations"} if row["id"] == NIA else row


def person(store, pid: str) -> dict:
    return store.people([pid])[pid]


@pytest.fixture
def five_columns(cli, tmp_path):
    """The demo exported as CSV, people.csv cut to five columns and Nia's title changed."""
    folder = tmp_path / "out"
    assert cli("export", folder, "--format", "csv")[0] == 0
    rewrite_people_csv(folder, ["id", "name", "title", "level", "org_unit"], retitled)
    return folder


def test_a_csv_without_some_columns_changes_only_the_cell_that_changed(store, cli, five_columns):
    before = store.export()
    code, _, err = cli("import", five_columns)
    after = store.export()
    assert (code, err) == (0, "")
    nia_before, nia_after = ({p["id"]: p for p in doc["people"]}[NIA] for doc in (before, after))
    assert nia_after == {**nia_before, "title": "Head of Operations"}
    assert {**after, "people": [p for p in after["people"] if p["id"] != NIA]} == {
        **before,
        "people": [p for p in before["people"] if p["id"] != NIA],
    }


def test_people_who_said_no_to_introductions_stay_so_when_the_file_leaves_the_field_out(store, cli, five_columns):
    declined = sorted(p["id"] for p in store.export()["people"] if not p["open_to_intros"])
    cli("import", five_columns)
    assert declined and sorted(p["id"] for p in store.export()["people"] if not p["open_to_intros"]) == declined


def test_the_report_counts_changed_records_and_fields_alike_in_the_dry_run_and_the_import(cli, five_columns):
    dry = cli("import", five_columns, "--dry-run")[1].splitlines()
    real = cli("import", five_columns)[1].splitlines()
    assert (
        dry[:2] == real[:2] == ["org units: 0 new, 0 changed, 12 unchanged", "people: 0 new, 1 changed, 149 unchanged"]
    )
    assert dry[2] == real[2] == "  title: 1 changed"
    assert dry[:-1] == real and dry[-1].startswith("dry run: nothing was written")


def test_the_json_report_gives_the_counts_per_section_and_field(cli, five_columns):
    dry = json.loads(cli("import", five_columns, "--dry-run", "--json")[1])
    real = json.loads(cli("import", five_columns, "--json")[1])
    expected = {"new": 0, "changed": 1, "unchanged": 149, "fields": {"title": 1}}
    assert dry["people"] == real["people"] == expected
    assert (dry["dry_run"], real["dry_run"]) == (True, False)


def test_reimporting_an_unchanged_export_reports_nothing_changed(cli, tmp_path):
    for fmt, path in (("csv", tmp_path / "out"), ("json", tmp_path / "out.json")):
        cli("export", path, "--format", fmt)
        report = json.loads(cli("import", path, "--json")[1])
        counts = [c for c in report.values() if isinstance(c, dict)]
        assert len(counts) == 7 and all(c["changed"] == c["new"] == 0 for c in counts), fmt


def test_a_json_record_with_one_new_title_keeps_the_rest_of_the_person(store, cli, tmp_path):
    before = person(store, NIA)
    source = tmp_path / "one.json"
    source.write_text(json.dumps({"people": [{"id": NIA, "name": "Nia Holm", "title": "New title"}]}))
    code, out, _ = cli("import", source)
    assert code == 0 and out.splitlines() == ["people: 0 new, 1 changed, 0 unchanged", "  title: 1 changed"]
    assert person(store, NIA) == {**before, "title": "New title"}


def test_an_explicit_null_and_an_empty_cell_clear_the_field(store, cli, tmp_path):
    source = tmp_path / "null.json"
    source.write_text(
        json.dumps({"people": [{"id": NIA, "name": "Nia Holm", "email": None, "org_unit": None, "skills": {}}]})
    )
    cli("import", source)
    nia = person(store, NIA)
    assert (nia["email"], nia["org_unit"], nia["skills"]) == (None, None, {})
    folder = tmp_path / "out"
    cli("export", folder, "--format", "csv")
    rewrite_people_csv(
        folder,
        ["id", "name", "location", "wants_to_grow"],
        lambda row: {**row, "location": "", "wants_to_grow": ""} if row["id"] == NIA else row,
    )
    code, out, _ = cli("import", folder)
    assert code == 0 and "  location: 1 changed" in out.splitlines()
    assert (person(store, NIA)["location"], person(store, NIA)["wants_to_grow"]) == (None, [])


def test_an_empty_open_to_intros_cell_keeps_the_persons_choice(store, cli, tmp_path):
    declined = next(p["id"] for p in store.export()["people"] if not p["open_to_intros"])
    folder = tmp_path / "out"
    cli("export", folder, "--format", "csv")
    rewrite_people_csv(folder, ["id", "name", "open_to_intros"], lambda row: {**row, "open_to_intros": ""})
    cli("import", folder)
    assert person(store, declined)["open_to_intros"] is False


def test_standing_aside_from_mentoring_is_kept_by_files_that_leave_the_field_out(store, cli, tmp_path):
    source = tmp_path / "aside.json"
    source.write_text(json.dumps({"people": [{"id": NIA, "name": "Nia Holm", "open_to_mentoring": False}]}))
    cli("import", source)
    folder = tmp_path / "out"
    cli("export", folder, "--format", "csv")
    rewrite_people_csv(folder, ["id", "name", "title"], retitled)
    cli("import", folder)
    assert (person(store, NIA)["title"], person(store, NIA)["open_to_mentoring"]) == ("Head of Operations", False)


def test_an_empty_open_to_mentoring_cell_keeps_the_persons_choice(store, cli, tmp_path):
    source = tmp_path / "aside.json"
    source.write_text(json.dumps({"people": [{"id": NIA, "name": "Nia Holm", "open_to_mentoring": False}]}))
    cli("import", source)
    folder = tmp_path / "out"
    cli("export", folder, "--format", "csv")
    rewrite_people_csv(folder, ["id", "name", "open_to_mentoring"], lambda row: {**row, "open_to_mentoring": ""})
    cli("import", folder)
    assert person(store, NIA)["open_to_mentoring"] is False


def test_a_csv_cell_says_whether_a_person_stands_aside_from_mentoring(store, cli, tmp_path):
    folder = tmp_path / "out"
    cli("export", folder, "--format", "csv")
    rewrite_people_csv(
        folder, ["id", "name", "open_to_mentoring"], lambda r: {**r, "open_to_mentoring": "no"} if r["id"] == NIA else r
    )
    code, out, _ = cli("import", folder)
    assert code == 0 and "  open_to_mentoring: 1 changed" in out.splitlines()
    assert person(store, NIA)["open_to_mentoring"] is False


def test_a_new_record_that_leaves_fields_out_gets_the_defaults(store, cli, tmp_path):
    source = tmp_path / "new.json"
    source.write_text(json.dumps({"people": [{"id": "p900", "name": "New Person", "title": "Analyst"}]}))
    code, out, _ = cli("import", source)
    assert code == 0 and out.splitlines() == ["people: 1 new, 0 changed, 0 unchanged"]
    new = person(store, "p900")
    assert (new["title"], new["open_to_intros"], new["status"], new["org_unit"], new["skills"]) == (
        "Analyst",
        True,
        "active",
        None,
        {},
    )


def test_records_that_carry_only_their_required_fields_change_nothing_in_any_section(store, cli, tmp_path):
    before = store.export()
    required = {
        "org_units": ("id", "name"),
        "people": ("id", "name"),
        "positions": ("id", "title"),
        "knows": ("a", "b"),
        "mentorships": ("mentor", "mentee"),
        "successors": ("person", "position", "readiness"),
        "introductions": ("id", "by", "introduce", "to", "created_on"),
    }
    source = tmp_path / "bare.json"
    source.write_text(json.dumps({s: [{f: r[f] for f in fields} for r in before[s]] for s, fields in required.items()}))
    code, _, err = cli("import", source, "--json")
    assert (code, err) == (0, "")
    assert store.export() == before
