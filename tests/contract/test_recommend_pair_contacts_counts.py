"""Contract: the count recommend's ``pair_contacts`` reads, on both stores: the pair's ingested counts only.

Ada (p1) and Bo (p2) both know Cy (p3), so Bo is Ada's one candidate; Ada
and Bo have met, below the tie rule. What the feature reads is the sum of
the pair's counts the store keeps, and never the counts of an ingest that
was interrupted (as the evidence reads leave them out).
"""

from __future__ import annotations

import pytest

from netgraph.model.validate import validate
from netgraph.settings import recommend_settings_from_file
from netgraph.store.ports import TieFiguresRow
from tests.conftest import FIXTURES

SETTINGS = recommend_settings_from_file(FIXTURES / "learned" / "pair_contacts.toml")
TRIANGLE = {
    "org_units": [{"id": "u1", "name": "One"}],
    "people": [
        {"id": f"p{i}", "name": name, "email": f"p{i}@example.com", "org_unit": "u1"}
        for i, name in ((1, "Ada"), (2, "Bo"), (3, "Cy"))
    ],
    "knows": [{"a": "p1", "b": "p3", "strength": 0.8}, {"a": "p2", "b": "p3", "strength": 0.6}],
}
MET = {"a": "p1", "b": "p2", "channel": "meeting", "day": "2026-11-02", "events": 1, "minutes": 30.0}
FIGURES = TieFiguresRow("p1", "p2", "r1", "2026-11-02", "2026-11-09", 6, 2.5, "2026-11-09", "[[],[]]")


def pair_contacts(store) -> float:
    """The feature recommend computes for Ada's one candidate, Bo."""
    assert SETTINGS.plausibility is not None
    found = store.recommendation_inputs("p1", via="all", skill=None, since="2026-01-01", settings=SETTINGS, limit=10)
    assert found is not None
    (row,) = found["rows"]
    assert row["candidate"] == "p2"
    return float(row["features"][SETTINGS.plausibility.features.index("pair_contacts")])


def test_pair_contacts_is_the_sum_of_the_pairs_counts_on_every_channel_and_day(store):
    store.write(validate(TRIANGLE))
    assert pair_contacts(store) == 0.0
    rows = [MET, {**MET, "channel": "call", "day": "2026-12-20", "events": 2}]
    store.add_tie_evidence("b1", rows, files=[("a.csv", "h1")])
    store.add_tie_evidence("b2", [{**MET, "day": "2027-02-01", "events": 4}], files=[("b.csv", "h2")])
    assert pair_contacts(store) == 7.0


def test_pair_contacts_leaves_out_what_an_interrupted_ingest_added_to_the_pair(store):
    store.write(validate(TRIANGLE))
    store.add_tie_evidence("b1", [MET], files=[("a.csv", "h1")])

    def figures_then_a_crash():
        yield FIGURES
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.add_tie_evidence(
            "b2", [{**MET, "day": "2026-11-09", "events": 5}], files=[("b.csv", "h2")], figures=figures_then_a_crash()
        )
    assert pair_contacts(store) == 1.0


def test_pair_contacts_leaves_out_a_pair_only_an_interrupted_ingest_counted(store):
    store.write(validate(TRIANGLE))

    def figures_then_a_crash():
        yield FIGURES
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.add_tie_evidence("b1", [{**MET, "events": 5}], files=[("a.csv", "h1")], figures=figures_then_a_crash())
    assert pair_contacts(store) == 0.0
