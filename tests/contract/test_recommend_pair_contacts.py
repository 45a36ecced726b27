"""Contract: recommend reads the pair's own meetings (``pair_contacts``) from each store's tie evidence, alike.

On the demo organisation, some people meet a few of their candidates, never
twice within the tie rule's window (so no tie forms): the store's evidence
then holds events of pairs that are still candidates, which a model using
``pair_contacts`` lifts. Both stores ingest the same file and must give the
same rankings, and the reason names the meetings.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.history import History
from netgraph.analysis.history_fit import pairs_at
from netgraph.analysis.pair_features import as_dicts
from netgraph.analysis.recommend import MAX_LIMIT, recommend
from netgraph.analysis.ties import ingest
from netgraph.model.learned import learned_odds
from netgraph.settings import recommend_settings_from_file
from tests.conftest import FIXTURES
from tests.contract.same_answers import TODAY, check_recommendations, people

pytestmark = pytest.mark.neo4j

MODEL = FIXTURES / "learned" / "pair_contacts.toml"
HEADER = "timestamp,channel,sender,participants,duration_minutes\n"
#: Meetings more than the tie rule's 28 days apart: evidence, never a tie.
DAYS = ("2026-06-01", "2026-07-15", "2026-09-01")


def planned_meetings(store, persons: list[str]) -> dict[tuple[str, str], int]:
    """(person, candidate) -> meetings: each person meets their fourth candidate three times and their eighth once."""
    settings = recommend_settings_from_file(MODEL)
    planned: dict[tuple[str, str], int] = {}
    seen: set[frozenset[str]] = set()
    for person in persons:
        ranked = [
            r["candidate"] for r in recommend(store, person, via="all", today=TODAY, settings=settings)["results"]
        ]
        for place, times in ((3, 3), (7, 1)):
            if place < len(ranked) and frozenset((person, ranked[place])) not in seen:
                seen.add(frozenset((person, ranked[place])))
                planned[person, ranked[place]] = times
    return planned


@pytest.fixture(scope="module")
def met(demo_pair, tmp_path_factory):
    """The demo organisation in both stores, with the planned meetings ingested: (embedded, neo4j, planned)."""
    embedded, neo4j = demo_pair
    planned = planned_meetings(embedded, people(embedded)[:40])
    lines = [f"{day}T10:00:00Z,meeting,{a},{a};{b},30\n" for (a, b), times in planned.items() for day in DAYS[:times]]
    path = tmp_path_factory.mktemp("met") / "meetings.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    for store in (embedded, neo4j):
        ingest(store, [path], as_of=date(2026, 11, 1), today=date(2026, 11, 1))
    return embedded, neo4j, planned


def test_the_meetings_are_evidence_of_pairs_that_are_still_candidates(met):
    embedded, _, planned = met
    assert len(planned) > 40
    tied = {frozenset((k["a"], k["b"])) for k in embedded.export()["knows"]}
    assert not tied & {frozenset(pair) for pair in planned}


@pytest.mark.parametrize(("via", "limit"), [("all", MAX_LIMIT), ("all", 3), ("mentors", MAX_LIMIT)])
def test_recommendations_by_a_model_of_the_pairs_meetings_are_the_same(met, via, limit):
    embedded, neo4j, _ = met
    settings = recommend_settings_from_file(MODEL)
    assert check_recommendations(embedded, neo4j, people(embedded), via, settings, limit) > 20


@pytest.mark.parametrize("side", [0, 1], ids=["embedded", "neo4j"])
def test_a_candidate_met_three_times_rises_and_the_reason_says_they_may_know_each_other_without_the_count(met, side):
    store, planned = met[side], met[2]
    settings = recommend_settings_from_file(MODEL)
    risen = 0
    for (person, candidate), times in planned.items():
        if times != 3:
            continue
        results = recommend(store, person, via="all", today=TODAY, settings=settings)["results"]
        ranked = [r["candidate"] for r in results]
        assert ranked.index(candidate) < 3, f"{candidate} for {person}"
        risen += 1
        reasons = results[ranked.index(candidate)]["reasons"]
        said = [r for r in reasons if r.startswith("may already know ")]
        assert said and not any(c.isdigit() for c in said[0])  # how often they met is shown to admin only
    assert risen > 20


@pytest.mark.parametrize("side", [0, 1], ids=["embedded", "neo4j"])
def test_the_plausibility_is_the_models_odds_of_the_meetings_the_fit_counts(met, side):
    """The count a store reads is the one the fit counts before its cut-off: the pair's ingested events."""
    store = met[side]
    settings = recommend_settings_from_file(MODEL)
    assert settings.plausibility is not None
    history = History(store.export(), store.tie_evidence(), settings=settings)
    try:
        p = pairs_at(history, date(2030, 1, 1), 10)
        fit = as_dicts(p.candidates, p.ids)
    finally:
        history.close()
    checked = met_checked = 0
    for person in people(store)[:40]:
        for r in recommend(store, person, via="all", today=TODAY, settings=settings, limit=MAX_LIMIT)["results"]:
            features = fit[person, r["candidate"]]
            (expected,) = learned_odds([[features[n] for n in settings.plausibility.features]], settings.plausibility)
            assert r["components"]["plausibility"] == pytest.approx(expected, rel=1e-9)
            checked += 1
            met_checked += features["pair_contacts"] > 0
    assert checked > 300
    assert met_checked > 40
