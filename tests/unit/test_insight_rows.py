"""What a refresh stores has exactly the fields of the typed rows in netgraph/model/insight_rows.py."""

from __future__ import annotations

import pytest

from netgraph.analysis.insights import stored
from netgraph.model.insight_rows import (
    PART_KINDS,
    CommunitiesUnder,
    CommunityRow,
    CutPiece,
    ExposingTie,
    ExposureRow,
    GrowthMonth,
    HeatMapLevel,
    ImpactRow,
    InsightParts,
    InsightPersonRow,
    InsightState,
    MenteeDistances,
    SiloRow,
    UnitCommunities,
    UnitExposure,
)
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.store import EmbeddedStore

#: The typed row of each kind of part but growth (whose two parts differ).
PART_ROWS = {
    "silos": SiloRow,
    "heat_map": HeatMapLevel,
    "communities": CommunityRow,
    "unit_communities": UnitCommunities,
    "communities_under": CommunitiesUnder,
    "exposure": UnitExposure,
}


@pytest.fixture(scope="module")
def refreshed(demo_clean) -> EmbeddedStore:
    store = EmbeddedStore(None)
    store.write(demo_clean)
    stored.refresh(store, InsightSettings(permutations=20), RecommendSettings())
    return store


def fields(row_type: type) -> set[str]:
    return set(row_type.__annotations__)


def test_the_part_kinds_are_the_keys_of_the_parts():
    assert set(PART_KINDS) == fields(InsightParts)


def test_the_stored_state_has_the_fields_of_insight_state(refreshed):
    assert set(refreshed.insight_state()) == fields(InsightState) - {"run"} == InsightState.__required_keys__


def test_the_state_every_read_starts_from_names_its_run_too(refreshed):
    state, _ = refreshed.insight_state_and_marker()
    assert set(state) == fields(InsightState)


def test_every_stored_person_row_has_the_fields_of_insight_person_row(refreshed):
    rows = refreshed.person_insights()
    assert rows
    assert all(set(r) == fields(InsightPersonRow) for r in rows)


def test_every_impact_exposure_and_cut_piece_has_its_fields(refreshed):
    rows = refreshed.person_insights()
    assert all(set(r["impact"]) == fields(ImpactRow) for r in rows)
    assert all(set(r["exposure"]) == fields(ExposureRow) for r in rows)
    assert {frozenset(p) for r in rows for p in r["cuts_off"]} == {frozenset(fields(CutPiece))}
    assert {frozenset(v) for r in rows for v in r["exposure"]["via"]} == {frozenset(fields(ExposingTie))}


@pytest.mark.parametrize("kind", sorted(PART_ROWS))
def test_every_stored_part_has_the_fields_of_its_kind(refreshed, kind):
    found = refreshed.insight_parts(kind)
    assert found
    assert all(set(part) == fields(PART_ROWS[kind]) for part in found)


def test_the_growth_parts_are_months_and_mentees_distances(refreshed):
    months, mentees = refreshed.insight_parts("growth", ["months", "mentees"])
    assert all(set(m) == fields(GrowthMonth) for m in months)
    assert set(mentees) == fields(MenteeDistances)
