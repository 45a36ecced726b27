"""Contract: a mentorship's feedback travels with it through export and import, on both stores.

Each side's rating (1-5) and whether they would do it again are stored on the
MENTORS link (a round's pair rates its mentorship once it ended). Exports
carry them, JSON and CSV alike; a file that does not carry them (a column or
key left out, an empty cell) keeps what the store holds, as the mentoring
programme's sync does.
"""

from __future__ import annotations

import csv
import json

import pytest

from netgraph.analysis.sync import sync_mentoring
from tests.contract.cli_runner import cli_on

MENTOR, MENTEE = "p004", "p005"  # a mentorship of the demo
FEEDBACK = {"mentor_rating": 4, "mentor_again": True, "mentee_rating": 2, "mentee_again": False}


@pytest.fixture
def cli(store, monkeypatch, capsys, tmp_path):
    """The demo, with one mentorship ended and rated by both sides."""
    run = cli_on(store, monkeypatch, capsys)
    assert run("demo")[0] == 0
    rated = tmp_path / "rated.json"
    record = {"mentor": MENTOR, "mentee": MENTEE, "status": "ended", "until": "2026-11-30", **FEEDBACK}
    rated.write_text(json.dumps({"mentorships": [record]}))
    assert run("import", rated)[0] == 0
    return run


def feedback(store) -> dict:
    found = next(m for m in store.export()["mentorships"] if (m["mentor"], m["mentee"]) == (MENTOR, MENTEE))
    return {k: found[k] for k in FEEDBACK}


def rewrite_mentorships_csv(folder, columns: list[str], change=lambda row: row) -> None:
    path = folder / "mentorships.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [change({c: row[c] for c in columns}) for row in csv.DictReader(handle)]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def exported_row(folder) -> dict:
    with open(folder / "mentorships.csv", encoding="utf-8", newline="") as handle:
        return next(r for r in csv.DictReader(handle) if (r["mentor"], r["mentee"]) == (MENTOR, MENTEE))


def test_the_json_export_carries_each_sides_feedback(store, cli, tmp_path):
    out = tmp_path / "export.json"
    assert cli("export", out)[0] == 0
    (found,) = [m for m in json.loads(out.read_text())["mentorships"] if (m["mentor"], m["mentee"]) == (MENTOR, MENTEE)]
    assert {k: found[k] for k in FEEDBACK} == FEEDBACK


def test_the_csv_export_carries_each_sides_feedback_in_its_own_columns(cli, tmp_path):
    folder = tmp_path / "out"
    assert cli("export", folder, "--format", "csv")[0] == 0
    row = exported_row(folder)
    assert {k: row[k] for k in FEEDBACK} == {
        "mentor_rating": "4",
        "mentor_again": "true",
        "mentee_rating": "2",
        "mentee_again": "false",
    }


def test_reimporting_the_csv_export_changes_no_feedback(store, cli, tmp_path):
    folder = tmp_path / "out"
    cli("export", folder, "--format", "csv")
    code, _, err = cli("import", folder)
    assert (code, err, feedback(store)) == (0, "", FEEDBACK)


def test_a_csv_without_the_feedback_columns_keeps_the_feedback(store, cli, tmp_path):
    folder = tmp_path / "out"
    cli("export", folder, "--format", "csv")
    rewrite_mentorships_csv(folder, ["mentor", "mentee", "since", "until", "status", "kind", "focus"])
    assert cli("import", folder)[0] == 0
    assert feedback(store) == FEEDBACK


def test_empty_feedback_cells_keep_the_feedback(store, cli, tmp_path):
    folder = tmp_path / "out"
    cli("export", folder, "--format", "csv")
    columns = list(exported_row(folder))
    rewrite_mentorships_csv(folder, columns, lambda row: {**row, **dict.fromkeys(FEEDBACK, "")})
    assert cli("import", folder)[0] == 0
    assert feedback(store) == FEEDBACK


def test_a_json_record_without_the_feedback_keeps_it(store, cli, tmp_path):
    source = tmp_path / "focus.json"
    source.write_text(json.dumps({"mentorships": [{"mentor": MENTOR, "mentee": MENTEE, "focus": ["leadership"]}]}))
    assert cli("import", source)[0] == 0
    assert feedback(store) == FEEDBACK


def test_the_mentoring_programmes_sync_keeps_the_feedback(store, cli, tmp_path):
    people = store.people([MENTOR, MENTEE])
    export = tmp_path / "mentoring.csv"
    export.write_text(
        "mentor_email,mentee_email,start,end,status\n"
        f"{people[MENTOR]['email']},{people[MENTEE]['email']},2026-04-08,2026-12-01,ended\n",
        "utf-8",
    )
    assert sync_mentoring(store, export).merged == 1
    assert feedback(store) == FEEDBACK


def test_a_file_changing_the_feedback_is_audited_with_the_fields_it_changed(store, cli, tmp_path):
    source = tmp_path / "changed.json"
    source.write_text(json.dumps({"mentorships": [{"mentor": MENTOR, "mentee": MENTEE, "mentee_rating": 3}]}))
    code, out, _ = cli("import", source)
    assert code == 0 and "  mentee_rating: 1 changed" in out.splitlines()
    assert feedback(store)["mentee_rating"] == 3
