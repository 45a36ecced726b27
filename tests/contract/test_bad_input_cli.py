"""Contract: ``netgraph import`` of every bad input in ``fixtures/bad/`` exits 1 with located lines, on both stores.

The same cases as tests/contract/test_bad_input.py, through the command
line: one line per problem on stderr, no traceback, the place
``expected.json`` names, and the store exactly as it was.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES
from tests.contract.cli_runner import cli_on


@pytest.fixture
def cli(store, monkeypatch, capsys):
    return cli_on(store, monkeypatch, capsys)


BAD = FIXTURES / "bad"
EXPECTED = {
    name: spec for name, spec in json.loads((BAD / "expected.json").read_text()).items() if not name.startswith("_")
}


def located(spec: dict) -> str:
    return f"{spec['where']}, field '{spec['field']}'" if spec["field"] else spec["where"]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_import_refuses_with_one_located_line_per_problem_and_changes_nothing(store, cli, case):
    cli("import", FIXTURES / "small.json")
    before = store.export(), store.stats()

    code, out, err = cli("import", BAD / case)

    lines = err.splitlines()
    assert code == 1 and out == ""
    assert "Traceback" not in err and lines[0].startswith("netgraph: error: ")
    assert len(lines) == 1 or all(line.startswith("  - ") for line in lines[1:]), err
    assert located(EXPECTED[case]) in err, err
    assert (store.export(), store.stats()) == before


def test_a_plain_csv_row_with_every_optional_cell_empty_imports_with_the_defaults(store, cli):
    code, out, err = cli("import", FIXTURES / "plain-row-csv")
    assert (code, err) == (0, "")
    assert store.export()["people"] == [
        {
            "id": "p9",
            "name": "Plain Name",
            "preferred_name": None,
            "email": None,
            "title": None,
            "level": None,
            "location": None,
            "joined_on": None,
            "status": "active",
            "left_on": None,
            "source": "manual",
            "open_to_intros": True,
            "open_to_mentoring": True,
            "signals_opt_out": False,
            "flight_risk": None,
            "org_unit": None,
            "skills": {},
            "wants_to_grow": [],
        }
    ]


def test_a_twenty_megabyte_name_is_refused_in_one_short_line(store, cli, tmp_path):
    source = tmp_path / "big.json"
    source.write_text(json.dumps({"people": [{"id": "p9", "name": "N" * 20_000_000}]}))
    before = store.stats()

    code, _, err = cli("import", source)

    assert (code, err) == (
        1,
        "netgraph: error: big.json people[0], field 'name': 20000000 characters, more than the limit of 200\n",
    )
    assert store.stats() == before


def test_a_nan_stored_before_the_rules_is_never_exported_as_invalid_json(store, cli, tmp_path):
    from netgraph.model.validate import validate

    clean = validate(json.loads((FIXTURES / "small.json").read_text("utf-8")))
    store.write(clean)
    store.write({"knows": [{**clean["knows"][0], "strength": float("nan"), "declared_strength": float("nan")}]})

    code, _, err = cli("export", tmp_path / "out.json")

    assert code == 1 and "NaN or infinity" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out.json").exists()


def test_a_record_with_ten_thousand_unknown_keys_is_refused_in_one_short_line(store, cli, tmp_path):
    # the line names ten and counts the rest, however many (text.listed): past the ten, the count is all that
    # grows; a million keys (what found the megabyte line) checked nothing more and took seconds per store
    source = tmp_path / "keys.json"
    source.write_text(json.dumps({"people": [{"id": "p9", "name": "N", **{f"k{i:07}": 1 for i in range(10_000)}}]}))
    before = store.stats()

    code, _, err = cli("import", source)

    assert (code, err) == (
        1,
        "netgraph: error: keys.json people[0], field 'k0000000, k0000001, k0000002, k0000003, "
        "k0000004, k0000005, k0000006, k0000007, k0000008, k0000009 … and 9,990 more': "
        "unknown field\n",
    )
    assert store.stats() == before


def test_a_persian_name_with_a_zero_width_non_joiner_is_imported_as_written(store, cli, tmp_path):
    name = "\u0639\u0644\u06cc\u200c\u0631\u0636\u0627 \u0645\u0647\u200c\u0622\u0628\u0627\u062f\u06cc"
    source = tmp_path / "persian.json"
    source.write_text(json.dumps({"people": [{"id": "p9", "name": name}]}))

    code, _, err = cli("import", source)

    assert (code, err) == (0, "")
    assert [p["name"] for p in store.export()["people"]] == [name]
