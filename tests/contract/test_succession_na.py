"""Contract: a unit without critical positions has bench strength "n/a" (None), on both stores."""

from __future__ import annotations

from netgraph.analysis.succession import coverage
from netgraph.io.importer import import_document


def test_a_unit_without_critical_positions_has_no_bench_strength(store, demo_document):
    document = {
        **demo_document,
        "org_units": demo_document["org_units"] + [{"id": "u-lab", "name": "Lab", "parent": "u-nw"}],
        "positions": demo_document["positions"]
        + [{"id": "pos-lab-tech", "title": "Lab Technician", "level": 2, "critical": False, "org_unit": "u-lab"}],
    }
    import_document(store, document)
    lab = next(u for u in coverage(store)["org_units"] if u["id"] == "u-lab")
    assert (lab["positions"], lab["critical"], lab["gap"]) == (1, 0, 1)
    assert lab["bench_strength"] is None and lab["ready_now_per_critical"] is None


def test_an_empty_organisation_has_no_totals_ratio(store):
    assert coverage(store)["totals"]["bench_strength"] is None
