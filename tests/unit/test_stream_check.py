"""A CSV folder checked record by record (the streaming first load) is refused exactly as ``import`` refuses it.

Every bad input of ``fixtures/bad/`` that has a CSV-folder form goes through
both paths: ``read_document`` + ``validate`` (what ``import`` and the JSON
load run) and ``write_folder_import_files`` (what ``db local load FOLDER``
runs). The lines, their order and the total must be the same. The CSV
folders are taken as they are; each JSON case is written as a CSV folder
first (those whose values a CSV cell cannot hold, such as a lone surrogate,
have no CSV-folder form).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from netgraph.errors import InvalidInput
from netgraph.io.csv_folder import write_csv_folder
from netgraph.io.documents import read_document
from netgraph.io.generate import generate_dataset
from netgraph.localdb.bulk_load import LoadReport, write_import_files
from netgraph.localdb.stream_load import write_folder_import_files
from netgraph.model.stream_check import StreamCheck
from netgraph.model.validate import validate
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"


def _bad_in_csv_form(path: Path) -> bool:
    """Whether a JSON case can be written as a CSV folder (parsed, every value one a cell can hold) that
    ``import`` still refuses (a repeated JSON key, say, is gone once written as CSV)."""
    with tempfile.TemporaryDirectory() as folder:
        try:
            write_csv_folder(json.loads(path.read_text("utf-8")), folder)
            document, where = read_document(folder, "csv")
            validate(document, where=where)
        except InvalidInput:
            return True
        except (ValueError, RecursionError, UnicodeError, AttributeError):
            return False
    return False


FOLDERS = sorted(p.name for p in BAD.iterdir() if p.is_dir())
JSON_CASES = sorted(p.name for p in BAD.glob("*.json") if p.name != "expected.json" and _bad_in_csv_form(p))


def refusal_on_import(folder: Path) -> tuple[list[str], int]:
    with pytest.raises(InvalidInput) as refused:
        document, where = read_document(folder, "csv")
        validate(document, where=where)
    return [str(p) for p in refused.value.problems], refused.value.total


def refusal_streaming(folder: Path, tmp_path: Path) -> tuple[list[str], int]:
    out = tmp_path / "importer-files"
    out.mkdir()
    with pytest.raises(InvalidInput) as refused:
        write_folder_import_files(folder, out, LoadReport())
    return [str(p) for p in refused.value.problems], refused.value.total


@pytest.mark.parametrize("case", FOLDERS)
def test_each_bad_csv_folder_gets_the_same_lines_as_import(case, tmp_path):
    assert refusal_streaming(BAD / case, tmp_path) == refusal_on_import(BAD / case)


@pytest.mark.parametrize("case", JSON_CASES)
def test_each_bad_json_case_written_as_a_csv_folder_gets_the_same_lines_as_import(case, tmp_path):
    folder = tmp_path / "folder"
    write_csv_folder(json.loads((BAD / case).read_text("utf-8")), folder)
    assert refusal_streaming(folder, tmp_path) == refusal_on_import(folder)


def test_the_many_problems_folder_lists_every_kind_of_whole_graph_problem(tmp_path):
    lines, total = refusal_streaming(BAD / "many_problems_csv", tmp_path)
    text = "\n".join(lines)
    for kind in (
        "duplicate of an earlier record",
        "unknown org unit",
        "unknown position",
        "creates a cycle",
        "has left",
    ):
        assert kind in text
    assert total == len(lines)


def test_past_the_limit_the_first_problems_are_listed_and_all_are_counted(tmp_path):
    folder = tmp_path / "folder"
    document = generate_dataset(60, seed=5)
    for person in document["people"]:
        person["org_unit"] = "u-nowhere"  # 60 unknown units, more than a report lists
    write_csv_folder(document, folder)
    streaming = refusal_streaming(folder, tmp_path)
    assert streaming == refusal_on_import(folder)
    assert len(streaming[0]) == 50 and streaming[1] == 60


def test_a_valid_folder_gives_the_importer_the_rows_of_the_document_path(tmp_path):
    folder, streamed, whole = tmp_path / "folder", tmp_path / "streamed", tmp_path / "whole"
    streamed.mkdir(), whole.mkdir()
    write_csv_folder(generate_dataset(80, seed=2), folder)
    document, where = read_document(folder, "csv")
    by_document, by_stream = LoadReport(), LoadReport()
    files = write_import_files(validate(document, where=where), whole, by_document)
    streamed_files = write_folder_import_files(folder, streamed, by_stream)
    assert by_stream.nodes == by_document.nodes and by_stream.relationships == by_document.relationships
    assert {k: sorted(p.name for p in v.values()) for k, v in streamed_files.items()} == {
        k: sorted(p.name for p in v.values()) for k, v in files.items()
    }


def test_the_node_numbers_run_without_a_gap_across_the_labels(tmp_path):
    folder, out = tmp_path / "folder", tmp_path / "out"
    out.mkdir()
    document = generate_dataset(50, seed=4)
    document["org_units"].reverse()  # parents named before their records: numbered when first named
    write_csv_folder(document, folder)
    files = write_folder_import_files(folder, out, LoadReport())
    numbers = sorted(
        int(line.split(",", 1)[0]) for path in files["nodes"].values() for line in path.read_text().splitlines()[1:]
    )
    assert numbers == list(range(len(numbers)))


def test_sections_must_come_in_order():
    check = StreamCheck()
    check.record("people", "people.csv line 2", {"id": "p1", "name": "Ada"})
    with pytest.raises(ValueError, match="sections come in order"):
        check.record("org_units", "org_units.csv line 2", {"id": "u1", "name": "Unit"})


def test_a_tree_file_without_its_parent_column_is_checked_as_import_checks_it(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "org_units.csv").write_text("id,name\nu1,One\nu1,One again\n")  # no parent column
    (folder / "positions.csv").write_text("id,title,reports_to\npos1,Lead,pos2\npos2,Deputy,pos1\n")
    assert refusal_streaming(folder, tmp_path) == refusal_on_import(folder)
