"""Contract: a bad round pool is refused with one located line and the store is untouched, on both stores.

Each case is a CSV file in ``fixtures/bad/`` that ``netgraph match open
--csv`` would read, opened on top of ``fixtures/small.json``;
``fixtures/bad/round_pools.json`` says where the one problem must be reported.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from netgraph.analysis.matching import rounds
from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.errors import InvalidInput
from netgraph.io.documents import read_document
from netgraph.io.importer import import_document
from netgraph.io.round_file import read_round_file
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"
EXPECTED = {
    name: spec for name, spec in json.loads((BAD / "round_pools.json").read_text()).items() if not name.startswith("_")
}


def open_pool(store, case: str) -> None:
    rows = read_round_file(BAD / case)
    rounds.open_round(
        store,
        "bad",
        deadline=date(2099, 1, 31),
        today=date(2026, 9, 1),
        rows=rows,
        source={"csv": case},
        settings=MatchSettings(),
    )


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_bad_round_pool_is_refused_at_its_one_line_and_nothing_is_written(store, case):
    import_document(store, *read_document(FIXTURES / "small.json"))
    before = store.export(), store.stats(), store.audit_events()

    with pytest.raises(InvalidInput) as caught:
        open_pool(store, case)

    expected = EXPECTED[case]
    assert [(p.where, p.field) for p in caught.value.problems] == [(expected["where"], expected["field"])], (
        caught.value.summary()
    )
    assert store.match_rounds() == []
    assert (store.export(), store.stats(), store.audit_events()) == before


def test_every_bad_pool_in_the_folder_is_listed():
    # a new bad pool file without its expected line would never be tested
    assert {p.name for p in BAD.glob("round_*.csv")} == set(EXPECTED)
