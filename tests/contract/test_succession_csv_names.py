"""`netgraph succession --csv` puts a name column beside each id column, on both stores."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.contract.cli_runner import cli_on

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def cli(store, monkeypatch, capsys):
    return cli_on(store, monkeypatch, capsys)


def written(cli, tmp_path) -> list[dict]:
    code, _, _ = cli("succession", "--csv", tmp_path / "succession.csv")
    assert code == 0
    with open(tmp_path / "succession.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_each_id_column_has_a_name_column_beside_it(store, cli, tmp_path):
    cli("import", FIXTURES / "demo" / "netgraph.json")
    with open_header(cli, tmp_path) as header:
        for ids in ("incumbents", "ready_now", "ready_1_2_years", "ready_3_plus_years"):
            names = "incumbent_names" if ids == "incumbents" else f"{ids}_names"
            assert header.index(names) == header.index(ids) + 1
        assert header.index("org_unit_name") == header.index("org_unit") + 1


def test_the_names_follow_the_ids_in_the_same_order(store, cli, tmp_path):
    cli("import", FIXTURES / "demo" / "netgraph.json")
    head_sales = next(r for r in written(cli, tmp_path) if r["id"] == "pos-head-sales")
    assert (head_sales["title"], head_sales["org_unit_name"], head_sales["incumbent_names"]) == (
        "VP Sales",
        "Sales",
        "Jin Larsen",
    )
    ready = dict(zip(head_sales["ready_now"].split(";"), head_sales["ready_now_names"].split(";"), strict=True))
    assert ready["p099"] == "Eitan Eze"


def test_formula_like_names_are_escaped_in_the_name_columns(store, cli, tmp_path):
    cli("import", FIXTURES / "formulas.json")
    first = next(r for r in written(cli, tmp_path) if r["id"] == "'-pos1")
    assert first["incumbent_names"] == '\'=HYPERLINK("http://evil.example","x")'


class open_header:
    """The CSV's header row (a tiny context manager, so the file is closed before the assertions end)."""

    def __init__(self, cli, tmp_path):
        code, _, _ = cli("succession", "--csv", tmp_path / "header.csv")
        assert code == 0
        self.path = tmp_path / "header.csv"

    def __enter__(self) -> list[str]:
        self.handle = open(self.path, newline="", encoding="utf-8")
        return next(csv.reader(self.handle))

    def __exit__(self, *exc) -> None:
        self.handle.close()
