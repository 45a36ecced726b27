"""Contract: recommendations ranked by a learned plausibility (fixtures/learned/plausibility.toml), on both stores.

The file was fitted by ``evaluate --fit --from-history`` on a generated
organisation whose ties formed by triadic closure; it uses every feature
recommend can compute. Here it ranks the demo organisation.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.history import History
from netgraph.analysis.history_fit import pairs_at
from netgraph.analysis.pair_features import as_dicts
from netgraph.analysis.recommend import MAX_LIMIT, recommend
from netgraph.model.learned import contributions, learned_odds
from netgraph.settings import recommend_settings_from_file
from tests.conftest import FIXTURES

TODAY = date(2026, 11, 24)
LEARNED = recommend_settings_from_file(FIXTURES / "learned" / "plausibility.toml")


@pytest.fixture(scope="module")
def fit_features(demo_store) -> dict:
    """Each candidate pair's features as the fit computes them from the same network (every tie before 2030)."""
    history = History(demo_store.export(), demo_store.tie_evidence(), settings=LEARNED)
    try:
        p = pairs_at(history, date(2030, 1, 1), 10)
        return as_dicts(p.candidates, p.ids)
    finally:
        history.close()


def everyone(store) -> list[str]:
    return [p["id"] for p in store.export()["people"]]


def test_the_plausibility_is_the_models_odds_of_the_features_the_fit_computes(demo_store, fit_features):
    assert LEARNED.plausibility is not None
    checked = 0
    for person in everyone(demo_store)[:60]:
        for r in recommend(demo_store, person, via="all", today=TODAY, settings=LEARNED, limit=MAX_LIMIT)["results"]:
            features = fit_features[person, r["candidate"]]
            (expected,) = learned_odds([[features[n] for n in LEARNED.plausibility.features]], LEARNED.plausibility)
            assert r["components"]["plausibility"] == pytest.approx(expected, rel=1e-9)
            checked += 1
    assert checked > 500


def test_the_first_places_do_not_depend_on_the_limit(demo_store):
    for person in everyone(demo_store)[:40]:
        every = recommend(demo_store, person, via="all", today=TODAY, settings=LEARNED, limit=MAX_LIMIT)["results"]
        first = recommend(demo_store, person, via="all", today=TODAY, settings=LEARNED, limit=3)["results"]
        assert [r["candidate"] for r in first] == [r["candidate"] for r in every[:3]]


def test_value_still_lifts_no_one_above_a_candidate_band_times_as_plausible(demo_store):
    for person in everyone(demo_store)[:40]:
        results = recommend(demo_store, person, via="all", today=TODAY, settings=LEARNED, limit=MAX_LIMIT)["results"]
        least = float("inf")
        for r in results:
            least = min(least, r["components"]["plausibility"])
            assert r["components"]["plausibility"] <= least * LEARNED.value_band * (1 + 1e-9)


def test_reasons_name_the_features_that_lifted_the_candidate_most(demo_store, fit_features):
    top = recommend(demo_store, "p033", today=TODAY, settings=LEARNED)["results"][0]
    lifted = [name for name, _ in contributions([fit_features["p033", top["candidate"]]], LEARNED.plausibility)[0]]
    assert lifted[0] == "strongest_path"
    assert top["reasons"][0] == "is linked to Dana through a strong two-step chain (strength 0.77)"
    assert top["reasons"][1] == "shares a contact with Dana"
