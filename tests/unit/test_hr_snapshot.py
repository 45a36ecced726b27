"""Reading an HR export (netgraph/io/hr_snapshot.py) and turning it into an interchange document (hr_document.py).

The bad exports are files in ``fixtures/bad/hr_*.csv`` (with ``hr_*.toml`` when
a mapping is needed); ``BAD_EXPORTS`` below gives the exact lines each must
be refused with. They are not interchange documents, so they are not in
``fixtures/bad/expected.json``.
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from netgraph.errors import InvalidInput
from netgraph.io import hr_snapshot
from netgraph.io.hr_document import document_where, snapshot_document
from netgraph.io.hr_snapshot import HrMapping, Snapshot, mapping_from, read_mapping, read_snapshot
from netgraph.model.validate import MAX_PROBLEMS, validate
from tests.conftest import FIXTURES

HR = FIXTURES / "hr"
BAD = FIXTURES / "bad"
HEADER = "employee_id,name,email,manager_id,department_id,department_name,parent_department_id,hire_date\n"
ADA = "e1,Ada,ada@example.com,,d1,Eng,,2016-03-01\n"


def workday() -> Snapshot:
    return read_snapshot(HR / "workday.csv", read_mapping(HR / "workday-mapping.toml"))


def export(tmp_path, text: str, name: str = "hr.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path, mapping: HrMapping | None = None) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        read_snapshot(path, mapping or HrMapping())
    return [str(problem) for problem in caught.value.problems]


# --- the good exports ----------------------------------------------------------------------------------------


def test_the_workday_export_reads_as_the_same_organisation_as_the_default_columns():
    default = read_snapshot(HR / "default.csv", HrMapping(id_prefix="wd-"))
    assert snapshot_document(workday()) == snapshot_document(default)


def test_every_id_gets_the_mapping_prefix():
    bruno = workday().employees[1]
    assert (
        bruno.employee_id,
        bruno.manager_id,
        bruno.department_id,
        bruno.parent_department_id,
        bruno.position_id,
    ) == ("wd-1002", "wd-1001", "wd-D200", "wd-D100", "wd-P-CTO")


def test_grades_become_levels():
    assert [e.level for e in workday().employees] == [8, 7, 5, 3, 2, 6, 3, 4]


def test_dates_are_read_in_the_mapping_format_and_kept_as_iso():
    assert workday().employees[0].hire_date == "2015-01-12"


def test_each_employee_keeps_the_line_it_was_read_from():
    assert [e.line for e in workday().employees] == list(range(2, 10))


def test_critical_and_flight_risk_words_are_read_ignoring_case():
    ada, _, chen, dana = workday().employees[:4]
    assert (ada.critical, chen.critical, ada.flight_risk, chen.flight_risk, dana.flight_risk) == (
        True,
        False,
        "low",
        None,
        "high",
    )


def test_columns_the_mapping_does_not_name_are_ignored():
    assert "Cost_Center" not in {field.name for field in dataclasses.fields(hr_snapshot.Employee)}
    assert workday().columns == frozenset(hr_snapshot.COLUMNS) - {"preferred_name"}  # the export has none


def test_an_email_is_kept_as_given_without_surrounding_spaces(tmp_path):
    path = export(tmp_path, HEADER + "e1,Ada,  Ada.Osei@Example.com ,,d1,Eng,,2016-03-01\n")
    assert read_snapshot(path).employees[0].email == "Ada.Osei@Example.com"


def test_an_excel_bom_is_accepted(tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + ADA).encode())
    assert read_snapshot(path).employees[0].employee_id == "e1"


def test_blank_trailing_lines_are_ignored(tmp_path):
    path = export(tmp_path, HEADER + ADA + "\n\n,,,,,,,\n\n")
    assert len(read_snapshot(path).employees) == 1


def test_a_quoted_cell_may_hold_the_delimiter_and_lines_are_counted_after_it(tmp_path):
    path = export(tmp_path, HEADER + 'e1,"Osei, Ada",,,d1,Eng,,2016-03-01\ne2,Bo,,e1,d1,Eng,,2019-05-01\n')
    assert [(e.name, e.line) for e in read_snapshot(path).employees] == [("Osei, Ada", 2), ("Bo", 3)]


def test_a_missing_optional_column_is_a_field_the_hr_system_does_not_own(tmp_path):
    path = export(tmp_path, "employee_id,name,manager_id,department_id,hire_date\ne1,Ada,,d1,2016-03-01\n")
    snapshot = read_snapshot(path)
    person = snapshot_document(snapshot)["people"][0]
    assert "flight_risk" not in snapshot.columns
    assert set(person) == {"id", "name", "joined_on", "org_unit", "status", "source"}


def test_a_parent_department_the_file_does_not_otherwise_name_is_accepted(tmp_path):
    path = export(tmp_path, HEADER + "e1,Ada,,,d1,Eng,division-x,2016-03-01\n")
    assert snapshot_document(read_snapshot(path))["org_units"] == [
        {"id": "d1", "name": "Eng", "parent": "division-x", "source": "hr"},
        {"id": "division-x", "source": "hr"},
    ]  # a unit of its own, known only by its id


# --- the bad exports -----------------------------------------------------------------------------------------

#: fixture -> the exact lines it is refused with.
BAD_EXPORTS = {
    "hr_manager_cycle.csv": ["hr_manager_cycle.csv line 2, field 'manager_id': manager cycle: e1 -> e2 -> e1"],
    "hr_department_cycle.csv": [
        "hr_department_cycle.csv line 2, field 'parent_department_id': department cycle: d1 -> d2 -> d1"
    ],
    "hr_unknown_manager.csv": [
        "hr_unknown_manager.csv line 3, field 'manager_id': unknown manager 'e9': no row has this employee_id"
    ],
    "hr_duplicate_id.csv": [
        "hr_duplicate_id.csv line 4, field 'employee_id': duplicate employee id 'e2' (first on line 3)"
    ],
    "hr_duplicate_email.csv": [
        "hr_duplicate_email.csv line 3, field 'email': 'ADA@Example.com' is also the email of line 2 "
        "(emails are compared ignoring case)"
    ],
    "hr_department_two_names.csv": [
        "hr_department_two_names.csv line 3, field 'department_name': department 'd1' is named "
        "'Engineering Dept' here but 'Engineering' on line 2"
    ],
    "hr_department_two_parents.csv": [
        "hr_department_two_parents.csv line 4, field 'parent_department_id': department 'd1' is in "
        "no department here but in 'd0' on line 3"
    ],
    "hr_unknown_grade.csv": [
        "hr_unknown_grade.csv line 3, field 'Grade': unknown grade 'P9' (the mapping's [grades] has M4, P1, P2)"
    ],
    "hr_bad_date.csv": [
        "hr_bad_date.csv line 3, field 'hire_date': '31/02/2024' does not match the date format %Y-%m-%d"
    ],
    "hr_missing_column.csv": ["hr_missing_column.csv line 1, field 'manager_id': required column missing"],
    "hr_empty.csv": ["hr_empty.csv line 1: empty file: a header row is needed"],
    "hr_header_only.csv": [
        "hr_header_only.csv: no employees: the file has a header but no rows (a full snapshot cannot be empty)"
    ],
    "hr_not_utf8.csv": [
        "hr_not_utf8.csv line 3: not UTF-8 text (invalid continuation byte at byte 7 of the line, "
        "byte offset 129 in the file)"
    ],
    "hr_id_with_slash.csv": [
        "hr_id_with_slash.csv line 3, field 'employee_id': 'e/2' is not a valid id: it contains '/' "
        "(use letters, digits and _ . - : @)"
    ],
    "hr_bidi_name.csv": [
        "hr_bidi_name.csv line 3, field 'name': contains U+202E RIGHT-TO-LEFT OVERRIDE (character 3), "
        "which text may not hold"
    ],
    "hr_utf16.csv": ["hr_utf16.csv line 1: UTF-16 text: netgraph reads UTF-8; save the file as CSV UTF-8"],
    "hr_cr_only.csv": [
        "hr_cr_only.csv line 1: lines end with a carriage return alone (classic Mac line endings); "
        "save the file with Windows or Unix line endings"
    ],
    "hr_invisible_name.csv": [
        "hr_invisible_name.csv line 3, field 'name': contains U+200B ZERO WIDTH SPACE (an invisible character) "
        "(character 3), which text may not hold"
    ],
    "hr_long_name.csv": ["hr_long_name.csv line 3, field 'name': 201 characters, more than the limit of 200"],
    "hr_level_out_of_range.csv": [
        "hr_level_out_of_range.csv line 2, field 'level': '9' is not a level from 1 to 8",
        "hr_level_out_of_range.csv line 3, field 'level': 'senior' is not a level from 1 to 8",
    ],
    "hr_short_row.csv": ["hr_short_row.csv line 3: 5 cells but the header has 8 columns"],
    "hr_malformed.csv": ["hr_malformed.csv line 3: malformed CSV: unexpected end of data"],
    "hr_shared_position_two_managers.csv": [
        "hr_shared_position_two_managers.csv line 6, field 'manager_id': position 'P9' reports to 'P3' here "
        "(manager 'e3') but to 'P2' on line 5: the holders of one position need managers in one position"
    ],
}


@pytest.mark.parametrize("name", sorted(BAD_EXPORTS))
def test_a_bad_export_is_refused_with_located_lines(name):
    mapping = BAD / name.replace(".csv", ".toml")
    assert refusal(BAD / name, read_mapping(mapping) if mapping.exists() else None) == BAD_EXPORTS[name]


def test_every_bad_hr_fixture_has_its_expected_lines():
    assert sorted(p.name for p in BAD.glob("hr_*.csv")) == sorted(BAD_EXPORTS)


def test_every_problem_of_an_export_is_reported_at_once_in_line_order(tmp_path):
    path = export(tmp_path, HEADER + "e1,Ada,,e9,d1,Eng,,2016-03-01\ne2,,,e1,d1,Eng,,01.01.2020\n")
    assert refusal(path) == [
        "hr.csv line 2, field 'manager_id': unknown manager 'e9': no row has this employee_id",
        "hr.csv line 3, field 'name': is required",
        "hr.csv line 3, field 'hire_date': '01.01.2020' does not match the date format %Y-%m-%d",
    ]


def test_a_row_refused_for_one_cell_still_declares_its_id(tmp_path):
    path = export(tmp_path, HEADER + "e1,Ada,,,d1,Eng,,yesterday\ne2,Bo,,e1,d1,Eng,,2019-05-01\n")
    assert refusal(path) == ["hr.csv line 2, field 'hire_date': 'yesterday' does not match the date format %Y-%m-%d"]


def test_the_number_of_listed_problems_is_capped_but_counted(tmp_path):
    rows = "".join(f"e{i},Ada,,,d1,Eng,,someday\n" for i in range(MAX_PROBLEMS + 7))
    with pytest.raises(InvalidInput) as caught:
        read_snapshot(export(tmp_path, HEADER + rows))
    assert (len(caught.value.problems), caught.value.total) == (MAX_PROBLEMS, MAX_PROBLEMS + 7)


def test_a_day_that_does_not_exist_is_refused(tmp_path):
    path = export(tmp_path, HEADER + "e1,Ada,,,d1,Eng,,30/02/2024\n")
    assert refusal(path, HrMapping(date_format="%d/%m/%Y")) == [
        "hr.csv line 2, field 'hire_date': '30/02/2024' is not a real day (day is out of range for month)"
    ]


def test_a_column_the_mapping_names_must_be_in_the_header(tmp_path):
    path = export(tmp_path, HEADER + ADA)
    assert refusal(path, HrMapping(columns={"job_title": "Business_Title"})) == [
        "hr.csv line 1, field 'Business_Title': column missing (the mapping names it for job_title)"
    ]


def test_a_column_that_appears_twice_is_refused(tmp_path):
    path = export(tmp_path, HEADER.replace("email", "name") + ADA)
    assert refusal(path) == ["hr.csv line 1, field 'name': column appears twice"]


def test_a_word_that_is_neither_yes_nor_no_is_refused(tmp_path):
    path = export(tmp_path, HEADER.replace("\n", ",critical\n") + ADA.replace("\n", ",maybe\n"))
    assert refusal(path) == [
        "hr.csv line 2, field 'critical': 'maybe' is not one of: false, no, n, 0, true, yes, y, 1, x"
    ]


def test_an_id_the_prefix_makes_too_long_is_refused(tmp_path):
    path = export(tmp_path, HEADER + "e" * 198 + ",Ada,,,d1,Eng,,2016-03-01\n")
    assert refusal(path, HrMapping(id_prefix="wd-")) == [
        f"hr.csv line 2, field 'employee_id': 'wd-{'e' * 24}...{'e' * 28}' is not a valid id: "
        "201 characters, more than the limit of 200"
    ]


def test_a_derived_position_id_over_the_id_limit_is_refused(tmp_path):
    path = export(tmp_path, HEADER + "e" * 198 + ",Ada,,,d1,Eng,,2016-03-01\n")
    assert refusal(path)[0].startswith("hr.csv line 2, field 'employee_id': its derived position: 'pos-eee")


def test_a_position_shared_by_more_holders_than_the_limit_is_refused(tmp_path):
    rows = "".join(f"e{i},Ada,,,d1,P1,2016-03-01\n" for i in range(51))
    path = export(tmp_path, "employee_id,name,manager_id,department_id,department_name,position_id,hire_date\n" + rows)
    assert refusal(path) == [
        "hr.csv line 52, field 'position_id': position 'P1' has 51 holders, more than the limit of 50"
    ]


def test_holders_of_one_position_in_two_departments_are_refused(tmp_path):
    path = export(
        tmp_path,
        "employee_id,name,manager_id,department_id,position_id,hire_date\n"
        "e1,Ada,,d1,P1,2016-03-01\ne2,Bo,,d2,P1,2019-05-01\n",
    )
    assert refusal(path) == [
        "hr.csv line 3, field 'department_id': position 'P1' is in department 'd2' here but in 'd1' on line 2"
    ]


def test_a_position_whose_holder_manages_another_holder_is_refused(tmp_path):
    path = export(
        tmp_path,
        "employee_id,name,manager_id,department_id,position_id,hire_date\n"
        "e1,Ada,,d1,P1,2016-03-01\ne2,Bo,e1,d1,P1,2019-05-01\n",
    )
    assert refusal(path) == [
        "hr.csv line 3, field 'manager_id': position 'P1' reports to 'P1' here (manager 'e1') "
        "but to no position on line 2: the holders of one position need managers in one position"
    ]


def test_a_given_position_id_may_not_be_the_one_derived_for_someone_else(tmp_path):
    path = export(
        tmp_path,
        "employee_id,name,manager_id,department_id,position_id,hire_date\n"
        "e1,Ada,,d1,,2016-03-01\ne2,Bo,e1,d1,pos-e1,2019-05-01\n",
    )
    assert refusal(path)[0] == (
        "hr.csv line 3, field 'position_id': 'pos-e1' is also the position derived "
        "for employee 'e1', who has no position_id"
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(hr_snapshot, "MAX_FILE_BYTES", 100)
    path = export(tmp_path, HEADER + ADA)
    assert refusal(path) == [f"hr.csv: {path.stat().st_size} bytes, more than the limit of 100"]


def test_a_line_over_the_width_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(hr_snapshot, "MAX_LINE_BYTES", 120)
    path = export(tmp_path, HEADER + ADA + "e2,B" + "o" * 200 + ",,,d1,Eng,,2019-05-01\n")
    assert refusal(path) == ["hr.csv line 3: longer than 120 bytes: not a row of an HR export"]


def test_a_missing_file_is_named(tmp_path):
    assert refusal(tmp_path / "nope.csv") == [f"{tmp_path / 'nope.csv'}: no such file"]


# --- the mapping -------------------------------------------------------------------------------------------


def test_the_workday_mapping_renames_columns_and_reads_grades_dates_and_delimiter():
    mapping = read_mapping(HR / "workday-mapping.toml")
    assert (
        mapping.header("employee_id"),
        mapping.grades["M4"],
        mapping.date_format,
        mapping.delimiter,
        mapping.id_prefix,
    ) == ("Employee_ID", 7, "%d/%m/%Y", ";", "wd-")


def test_an_empty_mapping_is_the_default():
    assert mapping_from({}) == HrMapping()


def test_every_problem_of_a_bad_mapping_is_named_by_its_key():
    with pytest.raises(InvalidInput) as caught:
        read_mapping(BAD / "hr_bad_mapping.toml")
    assert {(p.where, p.field) for p in caught.value.problems} == {
        ("hr_bad_mapping.toml", "delimeter"),
        ("hr_bad_mapping.toml", "columns.employe_id"),
        ("hr_bad_mapping.toml", "columns.manager_id"),
        ("hr_bad_mapping.toml", "grades.P1"),
        ("hr_bad_mapping.toml", "date_format"),
    }


def test_a_mapping_that_is_not_toml_is_refused_with_its_place(tmp_path):
    path = export(tmp_path, "[columns\n", "m.toml")
    with pytest.raises(InvalidInput, match=r"m.toml: not valid TOML: .*line 1"):
        read_mapping(path)


def test_a_delimiter_must_be_one_character():
    with pytest.raises(InvalidInput, match="field 'delimiter': ';;' must be one character"):
        mapping_from({"delimiter": ";;"})


def test_unknown_value_words_are_refused():
    with pytest.raises(InvalidInput, match="field 'values.flight_risk.Hoch': 'very high' is not one of"):
        mapping_from({"values": {"flight_risk": {"Hoch": "very high"}}})


def test_a_word_may_not_mean_both_yes_and_no():
    with pytest.raises(InvalidInput, match="field 'values.critical_no': yes would mean both yes and no"):
        mapping_from({"values": {"critical_no": ["yes"]}})


def test_flight_risk_words_of_the_mapping_are_read(tmp_path):
    path = export(tmp_path, HEADER.replace("\n", ",flight_risk\n") + ADA.replace("\n", ",Hoch\n"))
    mapping = mapping_from({"values": {"flight_risk": {"Hoch": "high", "Niedrig": "low"}}})
    assert read_snapshot(path, mapping).employees[0].flight_risk == "high"


# --- the interchange document -------------------------------------------------------------------------------


def test_the_document_is_a_valid_interchange_document():
    document = snapshot_document(workday())
    assert validate(document)["people"][0]["id"] == "wd-1001"


def test_people_are_active_hr_people_with_their_hr_fields_only():
    ada = snapshot_document(workday())["people"][0]
    assert ada == {
        "id": "wd-1001",
        "name": "Ada Osei",
        "email": "ada.osei@example.com",
        "title": "Chief Executive Officer",
        "level": 8,
        "location": "Accra",
        "joined_on": "2015-01-12",
        "flight_risk": "low",
        "org_unit": "wd-D100",
        "status": "active",
        "source": "hr",
    }


def test_one_org_unit_per_department_with_its_name_and_parent():
    assert snapshot_document(workday())["org_units"] == [
        {"id": "wd-D100", "name": "Executive", "parent": None, "source": "hr"},
        {"id": "wd-D200", "name": "Engineering", "parent": "wd-D100", "source": "hr"},
        {"id": "wd-D210", "name": "Platform", "parent": "wd-D200", "source": "hr"},
        {"id": "wd-D300", "name": "Sales", "parent": "wd-D100", "source": "hr"},
    ]


def test_a_department_without_a_name_is_named_by_its_id(tmp_path):
    path = export(tmp_path, HEADER + "e1,Ada,,,d1,,,2016-03-01\n")
    assert snapshot_document(read_snapshot(path))["org_units"] == [
        {"id": "d1", "name": "d1", "parent": None, "source": "hr"}
    ]


def test_someone_without_a_position_id_holds_a_position_of_their_own():
    positions = {p["id"]: p for p in snapshot_document(workday())["positions"]}
    assert positions["pos-wd-1003"] == {
        "id": "pos-wd-1003",
        "title": "Engineering Manager",
        "level": 5,
        "critical": False,
        "org_unit": "wd-D210",
        "reports_to": "wd-P-CTO",
        "holders": [{"person": "wd-1003", "since": "2018-06-15"}],
    }


def test_everyone_sharing_a_position_id_holds_it_and_it_reports_to_their_managers_position():
    swe = {p["id"]: p for p in snapshot_document(workday())["positions"]}["wd-P-SWE"]
    assert (swe["holders"], swe["reports_to"]) == (
        [{"person": "wd-1004", "since": "2021-09-01"}, {"person": "wd-1005", "since": "2022-02-14"}],
        "pos-wd-1003",
    )


def test_a_position_is_critical_when_a_holders_row_says_so():
    critical = {p["id"] for p in snapshot_document(workday())["positions"] if p["critical"]}
    assert critical == {"wd-P-CEO", "wd-P-CTO", "wd-P-HOS"}


def test_the_document_does_not_depend_on_the_order_of_the_rows():
    snapshot = workday()
    shuffled = list(snapshot.employees)
    random.Random(7).shuffle(shuffled)
    assert snapshot_document(dataclasses.replace(snapshot, employees=tuple(shuffled))) == snapshot_document(snapshot)


def test_each_record_of_the_document_is_named_by_its_line_of_the_export():
    where = document_where(workday())
    assert (where("people", 2), where("org_units", 2), where("positions", 0)) == (
        "workday.csv line 4",
        "workday.csv line 4",
        "workday.csv line 4",
    )


def test_windows_line_endings_are_read(tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes((HEADER + ADA + "e2,Bo,,e1,d1,Eng,,2019-05-01\n").replace("\n", "\r\n").encode())
    assert [(e.employee_id, e.hire_date, e.line) for e in read_snapshot(path).employees] == [
        ("e1", "2016-03-01", 2),
        ("e2", "2019-05-01", 3),
    ]


def test_a_name_broken_over_two_lines_is_refused(tmp_path):
    path = export(tmp_path, HEADER + 'e1,"Ada\nOsei",,,d1,Eng,,2016-03-01\ne2,Bo,,e1,d1,Eng,,2019-05-01\n')
    assert refusal(path) == [
        "hr.csv line 2, field 'name': contains a line break (character 4), which text may not hold"
    ]


def test_broken_quoting_in_the_header_is_located(tmp_path):
    assert refusal(export(tmp_path, '"employee_id,name\n')) == ["hr.csv line 1: malformed CSV: unexpected end of data"]


def test_a_refused_cell_repeated_on_later_rows_is_refused_on_each_of_them(tmp_path):
    path = export(tmp_path, HEADER + "e1,Ada,,,d1,Eng,,someday\ne2,Bo,,e1,d1,Eng,,someday\n")
    assert refusal(path) == [
        "hr.csv line 2, field 'hire_date': 'someday' does not match the date format %Y-%m-%d",
        "hr.csv line 3, field 'hire_date': 'someday' does not match the date format %Y-%m-%d",
    ]


def test_a_cell_repeated_on_later_rows_is_read_as_its_first_row_read_it(tmp_path):
    path = export(tmp_path, HEADER + ADA + "e2,Bo,,e1,d1,Eng,,2016-03-01\n")
    ada, bo = read_snapshot(path).employees
    repeated = ("department_id", "department_name", "hire_date")
    assert [getattr(bo, c) for c in repeated] == [getattr(ada, c) for c in repeated]
