"""Contract: ``netgraph db check`` lists stored ids that break the id rule, on both stores.

Such ids were stored before the rule (imports now refuse them); they are
written here straight through ``store.write``, as an old import would have.
"""

from __future__ import annotations

import pytest

from netgraph.model.validate import validate
from tests.conftest import FIXTURES
from tests.contract.cli_runner import cli_on


@pytest.fixture
def cli(store, monkeypatch, capsys):
    return cli_on(store, monkeypatch, capsys)


def test_a_store_of_valid_ids_is_ok(store, cli):
    cli("import", FIXTURES / "small.json")
    assert cli("db", "check") == (0, "ok\n", "")


def test_each_stored_id_that_breaks_the_rule_is_one_line_and_exit_1(store, cli):
    cli("import", FIXTURES / "small.json")
    old = validate({"people": [{"id": "p1", "name": "Valid"}]})
    old["people"][0]["id"] = "p9/edit"
    old["org_units"] = [{"id": "u 1", "name": "Spaced", "parent": None}]
    store.write(old)

    code, out, err = cli("db", "check")

    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "org_units 'u 1': not a valid id: it contains a space (use letters, digits and _ . - : @)",
        "people 'p9/edit': not a valid id: it contains '/' (use letters, digits and _ . - : @)",
    ]


def test_each_stored_value_the_rules_now_refuse_is_one_line_naming_its_record(store, cli):
    cli("import", FIXTURES / "small.json")
    clean = validate(
        {
            "people": [{"id": "p1", "name": "Valid"}, {"id": "p2", "name": "Also valid"}],
            "knows": [{"a": "p1", "b": "p2", "strength": 0.5}],
        }
    )
    clean["knows"][0].update(strength=float("nan"), declared_strength=float("nan"))
    clean["people"][1]["name"] = "Ad\u200ba Osei"
    store.write(clean)

    code, out, err = cli("db", "check")

    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "people p2, field 'name': contains U+200B ZERO WIDTH SPACE (an invisible character) (character 3), which "
        "text may not hold",
        "knows p1-p2, field 'strength': nan is not a number",
        "knows p1-p2, field 'declared_strength': nan is not a number",
    ]
