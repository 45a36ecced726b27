"""Contract: ``netgraph generate OUT/`` writes, record by record, the CSV folder that generating the same
organisation to JSON, importing it and exporting it as CSV gives, byte for byte, on both stores.

The streaming path holds no document and no store (a million people in little memory), so nothing
but this comparison says that what it writes is what the stores would hold.
"""

from __future__ import annotations

import pytest

from tests.contract.cli_runner import cli_on


@pytest.fixture
def cli(store, monkeypatch, capsys):
    return cli_on(store, monkeypatch, capsys)


def files_of(folder) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize(("people", "seed"), [(1, 0), (45, 2), (400, 9)])
def test_generating_a_csv_folder_equals_generating_json_then_importing_and_exporting_csv(cli, tmp_path, people, seed):
    assert cli("generate", tmp_path / "org.json", "--people", people, "--seed", seed)[0] == 0
    assert cli("import", tmp_path / "org.json")[0] == 0
    assert cli("export", tmp_path / "exported", "--format", "csv")[0] == 0

    code, out, err = cli("generate", tmp_path / "generated", "--people", people, "--seed", seed)

    assert (code, err) == (0, "") and out.startswith(f"wrote {people:,} people and ")
    assert files_of(tmp_path / "generated") == files_of(tmp_path / "exported")
