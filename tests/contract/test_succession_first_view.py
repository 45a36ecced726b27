"""Contract: the succession page's first view, read bounded from the store, is what the page drew when it picked
it out of the whole coverage report, on both stores: on the demo (its units, positions and shared cover) and on
a generated organisation whose successors compete for seats (units whose seats lose out at once)."""

from __future__ import annotations

import pytest

from netgraph.analysis.succession import coverage
from netgraph.analysis.succession_first_view import first_view
from netgraph.errors import NotFound
from tests.conftest import _loaded
from tests.contract.test_simultaneous_cover import contested_document
from tests.contract.whole_report_view import first_view as whole_report_view

#: (units, positions) shown: fewer than a level, a few levels, more than there are
LIMITS = [(1, 1), (3, 5), (40, 100)]


def from_the_whole_report(store, org_unit, *, units, positions, critical_only=False):
    report = coverage(store, org_unit=org_unit, critical_only=critical_only)
    return {"totals": report["totals"], **whole_report_view(report, units=units, positions=positions)}


def bounded(store, org_unit, *, units, positions, critical_only=False):
    return first_view(store, org_unit=org_unit, critical_only=critical_only, units=units, positions=positions)


@pytest.mark.parametrize(("units", "positions"), LIMITS)
def test_the_organisation_s_first_view_is_what_the_whole_report_shows(demo_store, units, positions):
    expected = from_the_whole_report(demo_store, None, units=units, positions=positions)
    assert bounded(demo_store, None, units=units, positions=positions) == expected


@pytest.mark.parametrize("org_unit", ["u-eng", "u-sales", "u-nw"])
def test_a_unit_s_first_view_is_what_its_whole_report_shows(demo_store, org_unit):
    expected = from_the_whole_report(demo_store, org_unit, units=3, positions=5)
    assert bounded(demo_store, org_unit, units=3, positions=5) == expected


def test_the_first_view_of_critical_positions_only_lists_critical_ones_and_counts_them(demo_store):
    expected = from_the_whole_report(demo_store, None, units=3, positions=5, critical_only=True)
    found = bounded(demo_store, None, units=3, positions=5, critical_only=True)
    assert found == expected
    assert all(p["critical"] for p in found["positions"]) and found["positions_left_out"] == 18 - 5


def test_the_demo_s_first_view_names_the_engineering_seat_that_loses_out_at_once(demo_store):
    found = bounded(demo_store, None, units=40, positions=5)
    engineering = next(u for u in found["org_units"] if u["id"] == "u-eng")
    assert engineering["lose_out"] and all(p in found["titles"] for p in engineering["lose_out"])


def test_the_first_view_of_an_unknown_unit_is_not_found(demo_store):
    with pytest.raises(NotFound):
        bounded(demo_store, "u-nope", units=3, positions=5)


@pytest.fixture(
    scope="module",
    params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)],
)
def contested_store(request, tmp_path_factory):
    return _loaded(request.param, contested_document(600, 8), request, tmp_path_factory)


def test_on_a_generated_organisation_the_first_view_is_what_the_whole_report_shows(contested_store):
    expected = from_the_whole_report(contested_store, None, units=40, positions=100)
    found = bounded(contested_store, None, units=40, positions=100)
    assert any(u["lose_out"] for u in found["org_units"])  # seats compete: the cover figures are tested
    assert found == expected


def test_on_a_generated_organisation_each_top_unit_s_first_view_is_what_its_whole_report_shows(contested_store):
    for unit in bounded(contested_store, None, units=6, positions=0)["org_units"]:
        expected = from_the_whole_report(contested_store, unit["id"], units=10, positions=20)
        assert bounded(contested_store, unit["id"], units=10, positions=20) == expected, unit["id"]
