"""Contract: bad input is refused with a located error and the store is untouched.

Each case is a file in ``fixtures/bad/``, imported on top of
``fixtures/small.json``; ``fixtures/bad/expected.json`` says where the
problem must be reported.
"""

from __future__ import annotations

import json

import pytest

from netgraph.errors import InvalidInput
from netgraph.io.documents import read_document
from netgraph.io.importer import import_document
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"
EXPECTED = {
    name: spec for name, spec in json.loads((BAD / "expected.json").read_text()).items() if not name.startswith("_")
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_input_is_refused_and_the_store_is_unchanged(store, case):
    import_document(store, *read_document(FIXTURES / "small.json"))
    before_export, before_stats = store.export(), store.stats()

    with pytest.raises(InvalidInput) as caught:
        import_document(store, *read_document(BAD / case))

    expected = EXPECTED[case]
    assert any(p.where == expected["where"] and p.field == expected["field"] for p in caught.value.problems), (
        caught.value.summary()
    )
    assert store.export() == before_export
    assert store.stats() == before_stats


def test_every_problem_of_a_document_is_reported_at_once(store):
    document = {
        "people": [{"id": "p1", "name": "A", "level": 0}, {"id": "p2", "name": "B", "org_unit": "nope"}],
        "knows": [{"a": "p1", "b": "p1"}],
    }
    with pytest.raises(InvalidInput) as caught:
        import_document(store, document)
    assert {(p.where, p.field) for p in caught.value.problems} == {
        ("people[0]", "level"),
        ("people[1]", "org_unit"),
        ("knows[0]", "b"),
    }
