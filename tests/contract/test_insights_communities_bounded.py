"""The bounded communities read of the page and the API, on both stores: the whole answer cut down, read
by N keyed look-ups.

Communities are numbered largest first and stored keyed by number, and a refresh stores the units'
rows again ranked most split first, so a read of the first N opens N records of each, not every
community and unit of a 100k organisation.
"""

from __future__ import annotations

import pytest

from netgraph.analysis.insights import stored
from netgraph.analysis.insights.ordered_parts import most_split
from netgraph.errors import InvalidInput
from netgraph.model.insight_rows import PART_KINDS
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from tests.contract.conftest import insight_document

#: min_group_size 1: every community of the small insight organisation is shown, so there are several.
SETTINGS = InsightSettings(permutations=20, min_group_size=1)


@pytest.fixture(scope="module")
def refreshed(insight_store):
    stored.refresh(insight_store, SETTINGS, RecommendSettings())
    return insight_store


class PartsRecorded:
    """The store, recording the kinds of parts each read asks for and the keys asked (None: every one), and
    the units whose names it looks up."""

    def __init__(self, store):
        self.store, self.asked, self.named = store, [], []

    def __getattr__(self, name):
        return getattr(self.store, name)

    def insight_parts(self, kind, keys=None, *, run=None):
        self.asked.append((kind, keys))
        return self.store.insight_parts(kind, keys, run=run)

    def unit_names(self, units):
        self.named.append(sorted(units))
        return self.store.unit_names(units)


def cut(whole: dict, limit: int) -> tuple[list, int, list, int]:
    """The whole answer cut to ``limit``: its first communities and its most split units, with what is left."""
    communities, units = whole["communities"], sorted(whole["units"], key=most_split)
    return (
        communities[:limit],
        max(0, len(communities) - limit),
        units[:limit],
        max(0, len(units) - limit),
    )


def answer(found: dict) -> tuple[list, int, list, int]:
    return found["communities"], found["left_out"], found["units"], found["units_left_out"]


def test_the_organisation_has_more_communities_and_units_than_the_limits_tried(refreshed):
    whole = stored.communities(refreshed)
    assert len(whole["communities"]) > 3 and len(whole["units"]) > 3


@pytest.mark.parametrize("limit", [1, 2, 3, 1000])
def test_limited_communities_are_the_whole_answer_cut_to_the_largest_and_the_most_split(refreshed, limit):
    assert answer(stored.communities(refreshed, limit=limit)) == cut(stored.communities(refreshed), limit)


def test_limited_communities_read_the_records_shown_only(refreshed):
    recording = PartsRecorded(refreshed)
    stored.communities(recording, limit=2)
    assert recording.asked == [("communities", ["0", "1"]), ("unit_community_order", ["all/0", "all/1"])]


def test_limited_communities_on_the_page_read_no_unit_rows(refreshed):
    recording = PartsRecorded(refreshed)
    found = stored.communities(recording, limit=2, split_units=False)
    assert recording.asked == [("communities", ["0", "1"])] and found["units"] == []


def test_limited_communities_look_up_the_names_of_the_units_shown_only(refreshed):
    recording = PartsRecorded(refreshed)
    found = stored.communities(recording, limit=2)
    shown = {u for c in found["communities"] for u in c["named_by"]} | {u["unit"] for u in found["units"]}
    assert recording.named == [sorted(shown)]


def test_a_whole_communities_answer_leaves_nothing_out(refreshed):
    found = stored.communities(refreshed)
    assert (found["left_out"], found["units_left_out"]) == (0, 0)


def units_with_people(store) -> list[str]:
    return sorted({r["unit"] for r in store.person_insights() if r["unit"]})


@pytest.mark.parametrize("limit", [1, 2, 1000])
def test_limited_communities_of_a_unit_are_its_whole_answer_cut(refreshed, limit):
    top = min(units_with_people(refreshed), key=lambda u: len(refreshed.units_under(u) or []))
    for unit in {top, *(u for u in units_with_people(refreshed) if len(refreshed.units_under(u) or []) > 1)}:
        found = stored.communities(refreshed, unit=unit, limit=limit)
        assert answer(found) == cut(stored.communities(refreshed, unit=unit), limit)


def test_limited_communities_of_a_unit_read_its_largest_communities_only(refreshed):
    unit = max(units_with_people(refreshed), key=lambda u: len(refreshed.units_under(u) or []))
    recording = PartsRecorded(refreshed)
    stored.communities(recording, unit=unit, limit=1)
    (communities,) = [keys for kind, keys in recording.asked if kind == "communities"]
    assert communities == ["0"]


@pytest.mark.parametrize("limit", [1, 2])
def test_limited_communities_of_a_result_stored_without_their_count_or_ranks_are_the_same(store, limit):
    store.write(insight_document())
    stored.refresh(store, SETTINGS, RecommendSettings())
    before = stored.communities(store, limit=limit)
    state = {k: v for k, v in store.insight_state().items() if k != "communities"}
    earlier: dict = {
        "communities": [(str(c["community"]), c) for c in store.insight_parts("communities")],
        "unit_communities": [(u["unit"], u) for u in store.insight_parts("unit_communities")],
    }
    store.save_insights(state, store.person_insights(), earlier)
    assert not store.insight_parts("unit_community_order")
    assert stored.communities(store, limit=limit) == before


def test_a_communities_limit_below_one_is_refused_naming_it(refreshed):
    with pytest.raises(InvalidInput, match="limit"):
        stored.communities(refreshed, limit=0)


def test_limited_communities_of_the_largest_unit_read_its_record_and_the_rows_shown_only(refreshed):
    """One keyed look-up of the unit's record, then the records it shows: not every unit's row under it."""
    unit = max(refreshed.insight_parts("communities_under"), key=lambda u: len(u["units"]))
    recording = PartsRecorded(refreshed)
    stored.communities(recording, unit=unit["unit"], limit=2)
    assert len(unit["units"]) > 2 and recording.asked == [
        ("communities_under", [unit["unit"]]),
        ("communities", [str(c) for c in unit["communities"][:2]]),
        ("unit_communities", unit["units"][:2]),
    ]


@pytest.mark.parametrize("limit", [1, 2, 1000])
def test_limited_communities_of_every_unit_are_those_of_a_result_stored_without_the_records(store, limit):
    store.write(insight_document())
    stored.refresh(store, SETTINGS, RecommendSettings())
    units = sorted(u["unit"] for u in store.insight_parts("communities_under"))
    before = {unit: stored.communities(store, unit=unit, limit=limit) for unit in units}
    kinds = [k for k in PART_KINDS if k != "communities_under"]
    store.save_insights(store.insight_state(), store.person_insights(), {k: keyed(store, k) for k in kinds})
    assert not store.insight_parts("communities_under")
    assert {unit: stored.communities(store, unit=unit, limit=limit) for unit in units} == before


def keyed(store, kind: str) -> list:
    """The stored parts of ``kind`` with their keys again, as a save takes them."""
    key = {"communities": lambda p: str(p["community"]), "unit_communities": lambda p: p["unit"]}
    return [(key[kind](p), p) for p in store.insight_parts(kind)] if kind in key else []


def test_every_unit_has_a_record_of_its_communities_even_without_people(refreshed):
    tree = refreshed.units_under(min(units_with_people(refreshed), key=lambda u: -len(refreshed.units_under(u) or [])))
    assert sorted(u["unit"] for u in refreshed.insight_parts("communities_under")) == tree


def test_limited_communities_of_a_unit_that_no_longer_exists_are_refused_naming_it(store):
    """A unit removed after the refresh still has its record: the read checks the unit, as before."""
    store.write(insight_document())
    stored.refresh(store, SETTINGS, RecommendSettings())
    gone = {"unit": "u-gone", "communities": [0], "units": []}
    store.save_insights(store.insight_state(), store.person_insights(), {"communities_under": [("u-gone", gone)]})
    with pytest.raises(InvalidInput, match="unknown org unit 'u-gone'"):
        stored.communities(store, unit="u-gone", limit=2)
