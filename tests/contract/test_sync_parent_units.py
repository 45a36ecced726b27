"""Contract: a department an HR export names only as a parent, through ``netgraph sync people``, on both stores.

fixtures/hr/division-named-only-as-parent.csv is fixtures/hr/default.csv
with Sales (D300) under DIV-B, a division nobody is directly in: no row has
DIV-B as its department_id. Real exports look like this.
"""

from __future__ import annotations

import json

import networkx
import pytest

from netgraph.io.importer import import_document
from tests.conftest import FIXTURES
from tests.contract.cli_runner import cli_on

HR = FIXTURES / "hr"
DIVISION_ONLY_AS_PARENT = HR / "division-named-only-as-parent.csv"
NIGHT = ("--as-of", "2026-12-01")


@pytest.fixture
def cli(store, monkeypatch, capsys):
    return cli_on(store, monkeypatch, capsys)


def units(store) -> dict[str, dict]:
    return {u["id"]: u for u in store.export()["org_units"]}


def test_syncing_a_division_named_only_as_a_parent_creates_it_as_an_hr_unit(store, cli):
    code, out, err = cli("sync", "people", DIVISION_ONLY_AS_PARENT, *NIGHT)

    assert code == 0, err
    assert "org units: 5 new" in out
    assert units(store)["DIV-B"] == {"id": "DIV-B", "name": "DIV-B", "parent": None, "source": "hr"}
    assert units(store)["D300"]["parent"] == "DIV-B"


def test_every_unit_a_sync_brings_in_is_marked_as_the_hr_systems(store, cli):
    cli("sync", "people", HR / "default.csv", *NIGHT)
    assert {u["source"] for u in units(store).values()} == {"hr"}


def test_the_dry_run_and_the_apply_of_a_division_named_only_as_a_parent_agree(store, cli):
    dry = cli("sync", "people", DIVISION_ONLY_AS_PARENT, "--dry-run", "--json", *NIGHT)
    applied = cli("sync", "people", DIVISION_ONLY_AS_PARENT, "--json", *NIGHT)

    assert (dry[0], applied[0]) == (0, 0), dry[2] + applied[2]
    assert json.loads(dry[1])["counts"] == json.loads(applied[1])["counts"]


def test_syncing_the_same_file_again_changes_nothing(store, cli):
    cli("sync", "people", DIVISION_ONLY_AS_PARENT, *NIGHT)
    before = store.export()

    code, out, _ = cli("sync", "people", DIVISION_ONLY_AS_PARENT, *NIGHT)

    assert code == 0 and "org units: 0 new, 0 changed, 5 unchanged, 0 gone" in out
    assert store.export() == before


def test_a_stored_unit_named_only_as_a_parent_keeps_its_name_and_is_not_taken_over(store, cli):
    import_document(store, {"org_units": [{"id": "DIV-B", "name": "Division B"}]})

    code, _, err = cli("sync", "people", DIVISION_ONLY_AS_PARENT, *NIGHT)

    assert code == 0, err
    assert units(store)["DIV-B"] == {"id": "DIV-B", "name": "Division B", "parent": None, "source": "manual"}


def test_a_later_snapshot_that_no_longer_names_the_division_lists_it_as_gone_and_deletes_it(store, cli):
    cli("sync", "people", DIVISION_ONLY_AS_PARENT, *NIGHT)

    code, out, err = cli("sync", "people", HR / "default.csv", "--json", "--as-of", "2026-12-02")

    assert code == 0, err
    assert json.loads(out)["units_gone"] == [{"id": "DIV-B", "label": "DIV-B", "deletable": True, "referenced_by": []}]
    assert "DIV-B" not in units(store) and units(store)["D300"]["parent"] == "D100"


def test_a_gone_hr_unit_something_still_refers_to_is_kept_as_the_stores_and_not_listed_again(store, cli):
    cli("sync", "people", DIVISION_ONLY_AS_PARENT, *NIGHT)
    import_document(store, {"org_units": [{"id": "u-hand", "name": "Made by hand", "parent": "DIV-B"}]})

    first = json.loads(cli("sync", "people", HR / "default.csv", "--json", "--as-of", "2026-12-02")[1])
    second = json.loads(cli("sync", "people", HR / "default.csv", "--json", "--as-of", "2026-12-03")[1])

    assert [(g["id"], g["deletable"], g["referenced_by"]) for g in first["units_gone"]] == [
        ("DIV-B", False, ["org unit u-hand"])
    ]
    assert second["units_gone"] == [] and units(store)["DIV-B"]["source"] == "manual"


def test_the_dry_run_refuses_what_the_apply_would_refuse_and_writes_nothing(store, cli, tmp_path):
    """A department cycle through a unit made by hand: the file alone holds together, the store does not."""
    import_document(
        store,
        {
            "org_units": [
                {"id": "D100", "name": "Executive"},
                {"id": "D300", "name": "Sales", "parent": "D100"},
                {"id": "DIV-B", "name": "Division B", "parent": "D300"},
            ]
        },
    )
    before = store.export()

    for extra in (("--dry-run",), ()):
        code, out, err = cli("sync", "people", DIVISION_ONLY_AS_PARENT, *extra, *NIGHT)
        assert (code, out) == (1, ""), out
        assert "Traceback" not in err and "division-named-only-as-parent.csv line 7, field 'parent'" in err, err
        assert store.export() == before


# -- a unit's source in every format ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_export_carries_each_units_source_and_imports_back_unchanged(store, cli, tmp_path, fmt):
    cli("sync", "people", DIVISION_ONLY_AS_PARENT, *NIGHT)
    import_document(store, {"org_units": [{"id": "u-hand", "name": "Made by hand"}]})
    before = store.export()
    out = tmp_path / ("out.json" if fmt == "json" else "out")

    assert cli("export", out, "--format", fmt)[0] == 0
    assert cli("import", out, "--format", fmt)[0] == 0

    assert store.export() == before
    assert {u["id"]: u["source"] for u in before["org_units"]}["u-hand"] == "manual"
    assert "source" in (
        json.loads(out.read_text())["org_units"][0]
        if fmt == "json"
        else (out / "org_units.csv").read_text().splitlines()[0].split(",")
    )


def test_importing_a_unit_without_its_source_keeps_the_stored_one(store, cli, tmp_path):
    cli("sync", "people", HR / "default.csv", *NIGHT)
    renamed = tmp_path / "renamed.json"
    renamed.write_text(json.dumps({"org_units": [{"id": "D300", "name": "Sales and Partners", "parent": "D100"}]}))

    assert cli("import", renamed)[0] == 0

    assert (units(store)["D300"]["name"], units(store)["D300"]["source"]) == ("Sales and Partners", "hr")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_give_each_unit_its_source(store, cli, tmp_path, fmt):
    cli("sync", "people", DIVISION_ONLY_AS_PARENT, *NIGHT)
    out = tmp_path / f"out.{fmt}"

    assert cli("export", out)[0] == 0

    graph = networkx.read_graphml(out) if fmt == "graphml" else networkx.read_gexf(out)
    assert graph.nodes["OrgUnit:DIV-B"]["source"] == "hr"
