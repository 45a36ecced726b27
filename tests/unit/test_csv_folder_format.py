"""The CSV folder format: parsing cells, locating lines, refusing broken structure."""

from __future__ import annotations

import pytest

from netgraph.errors import InvalidInput
from netgraph.io.csv_folder import cell_parser, iter_section, parse_cell, read_csv_folder, write_csv_folder
from netgraph.model.validate import Where, validate
from netgraph.model.vocabulary import FIELDS, SECTIONS
from tests.conftest import FIXTURES


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems(folder) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInput) as caught:
        read_csv_folder(folder)
    return {(p.where, p.field) for p in caught.value.problems}


@pytest.mark.parametrize("section", ["people", "knows", "introductions"])
def test_a_section_read_record_by_record_gives_the_records_and_lines_of_the_whole_folder(section):
    document, labels = read_csv_folder(FIXTURES / "small-csv")
    problems: list = []
    streamed = list(iter_section(FIXTURES / "small-csv" / f"{section}.csv", section, problems))
    assert streamed == list(zip(labels[section], document[section], strict=True)) and problems == []


def test_a_ragged_row_read_record_by_record_is_a_located_problem_and_the_rest_is_read(tmp_path):
    write(tmp_path, "org_units.csv", "id,name\nu1,One\nu2,Two,extra\nu3,Three\n")
    problems: list = []
    streamed = [label for label, _ in iter_section(tmp_path / "org_units.csv", "org_units", problems)]
    assert streamed == ["org_units.csv line 2", "org_units.csv line 4"]
    assert [(p.where, p.message) for p in problems] == [
        ("org_units.csv line 3", "3 cells but the header has 2 columns")
    ]


def test_write_then_read_gives_the_same_document(tmp_path):
    document = validate(read_csv_folder(FIXTURES / "small-csv")[0])
    write_csv_folder(document, tmp_path / "out")
    assert validate(read_csv_folder(tmp_path / "out")[0]) == document


def test_labels_name_the_physical_line_even_after_a_multi_line_cell(tmp_path):
    folder = write(tmp_path / "f", "people.csv", 'id,name,title\np1,"Ada\nOsei",VP\n\np2,Bo,Dev\n')
    _, labels = read_csv_folder(folder)
    assert labels["people"] == ["people.csv line 2", "people.csv line 5"]


def test_an_excel_bom_is_accepted(tmp_path):
    folder = write(tmp_path / "f", "org_units.csv", "\ufeffid,name,parent\nu1,Sales,\n")
    document, _ = read_csv_folder(folder)
    assert document["org_units"] == [{"id": "u1", "name": "Sales", "parent": None}]


def test_an_unparseable_number_is_left_for_validation_to_report(tmp_path):
    folder = write(tmp_path / "f", "people.csv", "id,name,level\np1,Ada,senior\n")
    document, labels = read_csv_folder(folder)
    with pytest.raises(InvalidInput) as caught:
        validate(document, where=Where(str(folder), labels))
    assert [(p.where, p.field) for p in caught.value.problems] == [("people.csv line 2", "level")]


def test_unknown_columns_and_files_are_named(tmp_path):
    folder = write(tmp_path / "f", "people.csv", "id,name,shoe_size\np1,Ada,40\n")
    write(folder, "pets.csv", "id\n")
    assert problems(folder) == {("people.csv line 1", "shoe_size"), ("pets.csv", "")}


def test_a_row_longer_than_the_header_is_refused(tmp_path):
    folder = write(tmp_path / "f", "knows.csv", "a,b\np1,p2\np1,p3,0.4\n")
    assert problems(folder) == {("knows.csv line 3", "")}


def test_an_empty_folder_says_which_files_it_expects(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInput, match="people.csv"):
        read_csv_folder(tmp_path / "empty")


def test_lists_skills_holders_and_booleans_are_parsed(tmp_path):
    folder = write(
        tmp_path / "f", "positions.csv", "id,title,critical,requires,holders\npos1,Lead,Yes,go; sql,p1:2020-01-01;p2\n"
    )
    (position,) = read_csv_folder(folder)[0]["positions"]
    assert (position["critical"], position["requires"], position["holders"]) == (
        True,
        ["go", "sql"],
        [{"person": "p1", "since": "2020-01-01"}, {"person": "p2", "since": None}],
    )


def test_empty_cells_are_null_or_empty(tmp_path):
    folder = write(tmp_path / "f", "people.csv", "id,name,level,skills,wants_to_grow\np1,Ada,,,\n")
    (person,) = read_csv_folder(folder)[0]["people"]
    assert (person["level"], person["skills"], person["wants_to_grow"]) == (None, {}, [])


@pytest.mark.parametrize("section", SECTIONS)
def test_each_columns_own_parser_reads_every_cell_as_parse_cell_does(section):
    texts = [
        "",
        " ",
        "3",
        " 3 ",
        "'3",
        "x",
        " Ada ",
        "'=1+2",
        "nan",
        "inf",
        "1.5",
        "yes",
        "N",
        "maybe",
        "a;b; a",
        "p1:2021-01-01;p2",
        "go:3;sql",
        "''",
    ]
    for column in FIELDS[section]:
        parse = cell_parser(section, column)
        assert [parse(t) for t in texts] == [parse_cell(section, column, t) for t in texts], column
