"""Learning how ties form from the store's history: the features, no leakage, the rule recovered, too little history."""

from __future__ import annotations

import math
import random
import tomllib
from datetime import date, timedelta

import networkx as nx
import numpy as np
import pytest

from netgraph.analysis.history import History
from netgraph.analysis.history_fit import OBJECTIVES, fit_from_history, fit_linear, pairs_at, plausibility_toml
from netgraph.analysis.pair_features import as_dicts
from netgraph.errors import Conflict
from netgraph.io.generate import generate_dataset
from netgraph.io.generate_closure import closure_history
from netgraph.model.learned import LEARNABLE
from netgraph.model.validate import complete, validate
from netgraph.settings import recommend_settings_from_file

CUTOFF = date(2026, 12, 1)
WINDOW = 10


@pytest.fixture(scope="module")
def closing() -> dict:
    """600 generated people, then 30 days in which 12 people a day close a triangle by strength and unit."""
    return closure_history(complete(validate(generate_dataset(600, seed=2))), days=30, per_day=12, seed=1)


@pytest.fixture(scope="module")
def fitted(closing) -> dict:
    history = History(closing)
    try:
        return fit_from_history(history, cutoff=CUTOFF, window_days=WINDOW, ablation=False, trees=False)
    finally:
        history.close()


def _features(document: dict, evidence: list | None = None) -> dict:
    history = History(document, evidence or [])
    try:
        p = pairs_at(history, CUTOFF, WINDOW)
        return {"features": as_dicts(p.candidates, p.ids), "labels": p.labels.tolist()}
    finally:
        history.close()


def _shuffled_future(document: dict, seed: int, keep_window: bool) -> dict:
    """Every ``since`` on or after the cut-off moved to another future day (``keep_window``: same side of its end)."""
    rng = random.Random(seed)
    end = CUTOFF + timedelta(days=WINDOW)

    def moved(since: str | None) -> str | None:
        if since is None or since < CUTOFF.isoformat():
            return since
        inside = since < end.isoformat()
        if keep_window:
            low, high = (CUTOFF, end - timedelta(days=1)) if inside else (end, end + timedelta(days=400))
        else:
            low, high = CUTOFF, CUTOFF + timedelta(days=400)
        return (low + timedelta(days=rng.randint(0, (high - low).days))).isoformat()

    return {**document, "knows": [{**k, "since": moved(k.get("since"))} for k in document["knows"]]}


def test_the_features_equal_each_rule_computed_pair_by_pair():
    graph = nx.karate_club_graph()
    people = [{"id": f"p{n:02d}", "name": f"P {n}", "org_unit": None} for n in graph]
    strengths = {e: round(0.2 + 0.7 * ((e[0] * 7 + e[1] * 3) % 10) / 10, 2) for e in graph.edges}
    knows = [
        {"a": f"p{a:02d}", "b": f"p{b:02d}", "since": None, "strength": s, "declared_strength": s}
        for (a, b), s in strengths.items()
    ]
    found = _features({"people": people, "knows": knows})["features"]
    w = {**strengths, **{(b, a): s for (a, b), s in strengths.items()}}
    expected_pairs = {(i, j) for i in graph for z in graph[i] for j in graph[z] if j != i and not graph.has_edge(i, j)}
    assert set(found) == {(f"p{i:02d}", f"p{j:02d}") for i, j in expected_pairs}
    for i, j in sorted(expected_pairs)[::7]:
        common = sorted(nx.common_neighbors(graph, i, j))
        row = found[(f"p{i:02d}", f"p{j:02d}")]
        assert row["adamic_adar"] == pytest.approx(next(nx.adamic_adar_index(graph, [(i, j)]))[2])
        assert row["resource_allocation"] == pytest.approx(next(nx.resource_allocation_index(graph, [(i, j)]))[2])
        assert row["common_contacts"] == len(common)
        assert row["strength_adamic_adar"] == pytest.approx(
            math.fsum(w[i, z] * w[z, j] / math.log(graph.degree(z)) for z in common)
        )
        assert row["strongest_path"] == pytest.approx(max(w[i, z] * w[z, j] for z in common))
        assert row["person_strength"] == pytest.approx(math.fsum(w[i, z] for z in common))
        assert row["candidate_strength"] == pytest.approx(math.fsum(w[z, j] for z in common))
        assert (row["person_degree"], row["candidate_degree"]) == (graph.degree(i), graph.degree(j))


def test_a_tie_from_evidence_exists_only_once_its_evidence_before_the_cutoff_qualifies():
    people = [{"id": p, "name": p} for p in ("a", "b", "c")]
    knows = [{"a": "a", "b": "b", "since": "2026-11-20", "sources": ["interactions"], "strength": 0.3}]
    evidence = [
        {"a": "a", "b": "b", "channel": "meeting", "day": "2026-11-20", "events": 1, "minutes": None},
        {"a": "a", "b": "b", "channel": "meeting", "day": "2026-12-01", "events": 1, "minutes": None},
    ]
    history = History({"people": people, "knows": knows}, evidence)
    try:
        assert history.network(date(2026, 12, 1)) == {}  # one meeting before the cut-off is not a tie yet
        assert list(history.network(date(2026, 12, 2))) == [("a", "b")]
        assert history.new_ties(date(2026, 12, 1), 1) == {("a", "b")}
    finally:
        history.close()


def test_undated_ties_count_as_always_there_and_dated_ones_from_their_day():
    people = [{"id": p, "name": p} for p in ("a", "b", "c")]
    knows = [
        {"a": "a", "b": "b", "since": None, "strength": 0.5, "declared_strength": 0.5},
        {"a": "b", "b": "c", "since": "2026-12-01", "strength": 0.5, "declared_strength": 0.5},
    ]
    history = History({"people": people, "knows": knows})
    try:
        assert list(history.network(date(2000, 1, 1))) == [("a", "b")]
        assert sorted(history.network(date(2026, 12, 2))) == [("a", "b"), ("b", "c")]
    finally:
        history.close()


def test_no_date_on_or_after_the_cutoff_changes_any_feature(closing):
    before = _features(closing)["features"]
    for seed in (1, 2):
        assert _features(_shuffled_future(closing, seed, keep_window=False))["features"] == before


def test_no_date_on_or_after_the_cutoff_changes_the_fitted_model(closing, fitted):
    history = History(_shuffled_future(closing, 3, keep_window=True))
    try:
        again = fit_from_history(history, cutoff=CUTOFF, window_days=WINDOW, ablation=False, trees=False)
    finally:
        history.close()
    assert again["model"] == fitted["model"]


def test_evidence_dated_on_or_after_the_cutoff_changes_no_feature():
    people = [{"id": p, "name": p} for p in ("a", "b", "c", "d")]
    knows = [
        {"a": x, "b": y, "since": "2026-11-01", "sources": ["interactions"], "strength": 0.4}
        for x, y in (("a", "b"), ("b", "c"), ("c", "d"))
    ]

    def evidence(later_day: str) -> list:
        rows = [
            {"a": x, "b": y, "channel": "meeting", "day": d, "events": 2, "minutes": None}
            for x, y in (("a", "b"), ("b", "c"))
            for d in ("2026-11-01", "2026-11-05")
        ]
        return rows + [
            {"a": "c", "b": "d", "channel": "meeting", "day": later_day, "events": 3, "minutes": None},
            {"a": "a", "b": "b", "channel": "call", "day": later_day, "events": 9, "minutes": None},
        ]

    document = {"people": people, "knows": knows}
    assert (
        _features(document, evidence("2026-12-01"))["features"]
        == _features(document, evidence("2027-03-09"))["features"]
    )


def test_the_fit_recovers_the_rule_the_ties_formed_by(fitted):
    model = dict(zip(fitted["model"]["features"], fitted["model"]["coefficients"], strict=True))
    assert model["strongest_path"] > 0.3 and model["same_unit"] > 0.3
    # the neighbourhood counts are near twins, so Adamic-Adar may take a large weight that its twins give back
    top_three = sorted(model, key=lambda n: -model[n])[:3]
    assert {"strongest_path", "same_unit"} <= set(top_three)


def test_the_learned_score_beats_adamic_adar_held_out_on_the_generated_history(fitted):
    precision = fitted["ranking"]["precision"]
    assert precision["difference"]["adamic_adar"]["ci"][0] > 0
    assert precision["ratio_to_adamic_adar"] >= 1.10


def test_too_little_history_says_how_much_there_was_and_fits_nothing(closing):
    history = History(closing)
    try:
        with pytest.raises(
            Conflict,
            match=r"too little history.*became ties between 2026-12-01 and 2026-12-02.*"
            r"needs at least 10,000\. The default formula stays",
        ):
            fit_from_history(history, cutoff=CUTOFF, window_days=1, min_positives=10_000, ablation=False)
    finally:
        history.close()


def test_the_settings_table_holds_the_model_as_plain_numbers(fitted):
    table = tomllib.loads(plausibility_toml(fitted, today=date(2026, 12, 7)))["plausibility"]
    m = fitted["model"]
    assert table["features"] == m["features"] == list(LEARNABLE)
    assert table["coefficients"] == m["coefficients"] and table["intercept"] == m["intercept"]
    assert (table["cutoff"], table["window_days"], table["pairs"]) == ("2026-12-01", WINDOW, m["pairs"])
    assert np.all(np.array(table["scales"]) > 0)


def test_the_written_table_is_what_recommend_reads(fitted, tmp_path):
    path = tmp_path / "learned.toml"
    path.write_text(plausibility_toml(fitted, today=date(2026, 12, 7)), "utf-8")
    model = recommend_settings_from_file(path).plausibility
    m = fitted["model"]
    assert model is not None and list(model.features) == m["features"] and list(model.coefficients) == m["coefficients"]
    assert (model.intercept, model.pairs, model.positives) == (m["intercept"], m["pairs"], m["positives"])


def test_a_feature_recommend_cannot_compute_is_measured_but_only_when_asked(closing):
    history = History(closing)
    try:
        report = fit_from_history(
            history, cutoff=CUTOFF, window_days=WINDOW, ablation=False, trees=False, features=["unit_distance"]
        )
    finally:
        history.close()
    assert report["model"]["features"] == ["unit_distance"]
    with pytest.raises(Conflict, match="unknown features"):
        fit_from_history(History(closing), cutoff=CUTOFF, window_days=WINDOW, features=["shoe_size"])


def test_the_rolling_origin_tests_on_days_no_fit_saw_and_reports_each_baseline(closing):
    from netgraph.analysis.rolling_origin import REGULARISATION, SLOT_FLOORS, Period, rolling_origin

    periods = (Period(date(2026, 11, 26), 5), Period(date(2026, 12, 1), 5), Period(date(2026, 12, 6), 10))
    history = History(closing)
    try:
        report = rolling_origin(history, periods)
    finally:
        history.close()
    assert [p["cutoff"] for p in report["periods"]] == ["2026-11-26", "2026-12-01", "2026-12-06"]
    assert report["chosen"] in report["choosing"] and report["features"] == report["model"]["features"]
    precision = report["ranking"]["precision"]
    assert set(precision["mean"]) == {"learned", "adamic_adar", "resource_allocation", "strength_adamic_adar", "random"}
    assert precision["difference"]["adamic_adar"]["ci"][0] > 0
    assert set(report["new_unit_share"]) == {"learned", "adamic_adar", "resource_allocation", "strength_adamic_adar"}
    assert report["objective"] in OBJECTIVES and report["chosen"].startswith(report["objective"])
    assert report["regularisation_c"] in REGULARISATION
    assert report["new_unit_slot"]["floor"] in (None, *SLOT_FLOORS)


def test_the_per_person_objective_weighs_each_person_once_whatever_their_number_of_candidates():
    from netgraph.analysis.history_fit import within_person_differences

    # person 0: one positive, three negatives; person 1: one positive, one negative; person 2: no positive
    z = np.array([[4.0], [1.0], [2.0], [3.0], [5.0], [0.0], [9.0], [8.0]])
    y = np.array([1, 0, 0, 0, 1, 0, 0, 0])
    groups = np.array([0, 0, 0, 0, 1, 1, 2, 2])
    differences, weights = within_person_differences(z, y, groups)
    assert differences.ravel().tolist() == [3.0, 2.0, 1.0, 5.0]
    assert weights.tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 3, 1.0])


def test_the_per_person_fit_recovers_the_rule_the_ties_formed_by(closing):
    history = History(closing)
    try:
        report = fit_from_history(
            history, cutoff=CUTOFF, window_days=WINDOW, ablation=False, trees=False, objective="per_person"
        )
    finally:
        history.close()
    model = dict(zip(report["model"]["features"], report["model"]["coefficients"], strict=True))
    assert report["objective"] == "per_person"
    assert model["strongest_path"] > 0.3 and model["same_unit"] > 0.3
    assert report["ranking"]["precision"]["difference"]["adamic_adar"]["ci"][0] > 0


def test_the_per_pair_objective_weighs_each_pair_of_a_person_once_so_busy_people_weigh_more():
    from netgraph.analysis.pair_features import FEATURES, Candidates

    # person 0: one new tie, one above each of four others; person 1: one new tie, one below its other candidate
    aa = [3.0, 2.0, 2.0, 2.0, 2.0, 2.0, 3.0]
    features = np.zeros((len(aa), len(FEATURES)))
    features[:, FEATURES.index("adamic_adar")] = aa
    c = Candidates(np.array([0, 0, 0, 0, 0, 1, 1]), np.arange(7), features)
    y = np.array([1, 0, 0, 0, 0, 1, 0])
    per_person = fit_linear(c, y, ["adamic_adar"], objective="per_person")
    per_pair = fit_linear(c, y, ["adamic_adar"], objective="per_pair")
    # per person, one agreeing person and one disagreeing person weigh the same; per pair, four pairs agree, one not
    assert per_person.coefficients[0] == pytest.approx(0.0, abs=1e-6)
    assert per_pair.coefficients[0] > 0.5


def test_period_two_chooses_by_precision_then_auc_then_fewer_features_then_the_first_offered():
    from netgraph.analysis.rolling_origin import Option, choose

    every = Option("pooled", 1.0, "every feature", ("a", "b"))
    fewer = Option("per_person", 1.0, "without b", ("a",))
    other = Option("per_pair", 0.1, "every feature", ("a", "b"))
    tied = {o.name: {"precision": 0.2, "auc": 0.8} for o in (every, fewer, other)}
    assert choose([every, other], tied) == every
    assert choose([every, fewer, other], tied) == fewer
    assert choose([every, fewer, other], {**tied, other.name: {"precision": 0.2, "auc": 0.81}}) == other
    assert choose([every, fewer, other], {**tied, every.name: {"precision": 0.21, "auc": 0.5}}) == every


def test_an_unknown_objective_is_refused_before_any_fit(closing):
    with pytest.raises(Conflict, match="unknown objective 'median'; known: pooled, per_person, per_pair"):
        fit_from_history(History(closing), cutoff=CUTOFF, window_days=WINDOW, objective="median")


def test_the_new_unit_place_goes_to_the_best_candidate_in_a_new_unit_only_when_its_odds_clear_the_floor():
    from netgraph.analysis.ranking_metrics import with_new_unit_slot

    person, candidate = np.zeros(4, dtype=np.int64), np.arange(1, 5)
    log_odds = np.log(np.array([1.0, 0.8, 0.5, 0.2]))
    new_unit = np.array([0.0, 0.0, 1.0, 1.0])

    def order(floor: float) -> list[int]:
        placed = with_new_unit_slot(person, candidate, log_odds, new_unit, 2, floor)
        return candidate[np.argsort(-placed, kind="stable")].tolist()

    assert order(0.4) == [1, 3, 2, 4]  # 0.5 of the first's odds clears 0.4: candidate 3 takes place 2
    assert order(0.6) == [1, 2, 3, 4]  # it does not clear 0.6: the order stays
    assert with_new_unit_slot(person, candidate, log_odds, np.array([0.0, 1.0, 1.0, 1.0]), 2, 0.01).tolist() == [
        -1.0,
        -2.0,
        -3.0,
        -4.0,
    ]  # a new unit is already in the first two: nothing moves


def test_earlier_training_periods_must_end_by_the_first_cutoff(closing):
    from netgraph.analysis.rolling_origin import Period, rolling_origin

    periods = (Period(date(2026, 11, 26), 5), Period(date(2026, 12, 1), 5), Period(date(2026, 12, 6), 10))
    with pytest.raises(ValueError, match="must end by 2026-11-26"):
        rolling_origin(History(closing), periods, earlier=[Period(date(2026, 11, 24), 3)])


def test_the_pairs_own_meetings_before_the_cutoff_count_and_none_on_or_after_it():
    """a and c met once before the cut-off (below the tie rule): that counts; their meetings after change nothing."""
    people = [{"id": p, "name": p} for p in ("a", "b", "c")]
    knows = [
        {"a": x, "b": y, "since": "2026-11-01", "sources": ["interactions"], "strength": 0.4}
        for x, y in (("a", "b"), ("b", "c"))
    ]
    ties = [
        {"a": x, "b": y, "channel": "meeting", "day": "2026-11-01", "events": 3, "minutes": None}
        for x, y in (("a", "b"), ("b", "c"))
    ]
    met_once = {"a": "a", "b": "c", "channel": "meeting", "day": "2026-11-20", "events": 1, "minutes": None}

    def later(day: str) -> list:
        return [{"a": "a", "b": "c", "channel": "call", "day": day, "events": 9, "minutes": None}]

    document = {"people": people, "knows": knows}
    found = _features(document, [*ties, met_once, *later("2026-12-01")])["features"][("a", "c")]
    assert found["pair_contacts"] == 1.0
    assert found["pair_met"] == 1.0
    assert 0.0 < found["pair_evidence"] < 0.4
    assert _features(document, [*ties, met_once, *later("2027-02-01")])["features"][("a", "c")] == found
    assert _features(document, ties)["features"][("a", "c")]["pair_contacts"] == 0.0
