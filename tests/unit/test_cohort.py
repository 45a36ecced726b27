"""A cohort at once: the assignment under exposure caps, its report, and a cohort file."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest

from netgraph.analysis import cohort as cohort_module
from netgraph.analysis.cohort import (
    AT_CAP,
    LEFT,
    NO_CANDIDATES,
    NO_INTRODUCER,
    UNKNOWN,
    all_mentees,
    assign,
    cohort,
    greedy,
    pool_size,
    read_cohort_csv,
    total_score,
)
from netgraph.analysis.lifecycle import leave
from netgraph.errors import InvalidInput
from netgraph.model.validate import validate
from netgraph.store import EmbeddedStore

TODAY = date(2026, 11, 24)


def random_lists(rng: random.Random, people: int, candidates: int, per_list: int) -> dict:
    pool = [f"c{i}" for i in range(candidates)]
    return {f"p{i}": [(c, round(rng.random(), 6)) for c in sorted(rng.sample(pool, per_list))] for i in range(people)}


def best_by_enumeration(lists: dict, per_person: int, max_exposure: int) -> float:
    """The most total score any assignment under the caps can give, by trying them all (small cases only)."""
    choices = []
    for person in sorted(lists):
        options = [c for c, _ in lists[person]]
        choices.append([subset for k in range(per_person + 1) for subset in itertools.combinations(options, k)])
    best = 0.0
    for picked in itertools.product(*choices):
        counts: dict[str, int] = {}
        for subset in picked:
            for c in subset:
                counts[c] = counts.get(c, 0) + 1
        if all(n <= max_exposure for n in counts.values()):
            given = {p: list(s) for p, s in zip(sorted(lists), picked, strict=True)}
            best = max(best, total_score(lists, given))
    return best


# -- the assignment --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_nobody_gets_more_than_k_and_no_candidate_goes_to_more_than_n(seed):
    lists = random_lists(random.Random(seed), people=60, candidates=25, per_list=8)
    given = assign(lists, per_person=3, max_exposure=4)
    exposure: dict[str, int] = {}
    for person, chosen in given.items():
        assert len(chosen) <= 3 and len(set(chosen)) == len(chosen)
        assert set(chosen) <= {c for c, _ in lists[person]}
        for c in chosen:
            exposure[c] = exposure.get(c, 0) + 1
    assert max(exposure.values()) <= 4
    assert sum(exposure.values()) == 25 * 4 or all(len(c) == 3 for c in given.values())


@pytest.mark.parametrize("seed", range(8))
def test_the_assignment_keeps_the_most_total_score_the_caps_allow(seed):
    rng = random.Random(seed)
    lists = random_lists(rng, people=3, candidates=4, per_list=3)
    per_person, max_exposure = rng.choice([(1, 1), (2, 1), (2, 2)])
    given = assign(lists, per_person=per_person, max_exposure=max_exposure)
    assert total_score(lists, given) == pytest.approx(best_by_enumeration(lists, per_person, max_exposure), abs=1e-9)


def test_the_assignment_beats_a_greedy_pass_when_one_popular_candidate_is_capped():
    # Ana could do almost as well with Yusuf; Ben has nobody as good as Xia. Greedy gives Xia to Ana.
    lists = {"ana": [("xia", 0.9), ("yusuf", 0.8)], "ben": [("xia", 0.85), ("zoe", 0.1)]}
    assert greedy(lists, per_person=1, max_exposure=1) == {"ana": ["xia"], "ben": ["zoe"]}
    assert assign(lists, per_person=1, max_exposure=1) == {"ana": ["yusuf"], "ben": ["xia"]}
    assert total_score(lists, assign(lists, per_person=1, max_exposure=1)) == pytest.approx(1.65)
    assert total_score(lists, greedy(lists, per_person=1, max_exposure=1)) == pytest.approx(1.0)


def test_between_assignments_of_equal_score_the_one_reaching_more_people_wins():
    lists = {"ana": [("xia", 0.5), ("yusuf", 0.4)], "ben": [("xia", 0.5)]}
    assert assign(lists, per_person=2, max_exposure=1) == {"ana": ["yusuf"], "ben": ["xia"]}


def test_score_is_never_traded_for_reaching_more_people():
    lists = {"ana": [("xia", 0.5), ("yusuf", 0.3)], "ben": [("xia", 0.4)]}
    assert assign(lists, per_person=2, max_exposure=1) == {"ana": ["xia", "yusuf"]}


def tiers(lists: dict, given: dict) -> tuple[int, int]:
    """What the assignment maximises, in whole numbers: the score (to 1e-6), then the people reached."""
    scores = {p: dict(lists[p]) for p in lists}
    return (sum(round(scores[p][c] * cohort_module.SCORE_UNITS) for p in given for c in given[p]), len(given))


@pytest.mark.parametrize("seed", range(40))
def test_the_linear_programme_reaches_the_exact_optimum_of_networkxs_network_simplex(seed, monkeypatch):
    rng = random.Random(seed)
    coarse = [0.1, 0.2, 0.5, 0.5, 0.7, 1.0]  # many equal scores: the tie-break tier has work to do
    pool = [f"c{i}" for i in range(rng.randint(2, 30))]
    lists = {
        f"p{i}": [
            (c, rng.choice(coarse) if seed % 2 else rng.random())
            for c in sorted(rng.sample(pool, rng.randint(1, min(len(pool), 8))))
        ]
        for i in range(rng.randint(2, 50))
    }
    per_person, max_exposure = rng.randint(1, 4), rng.randint(1, 4)
    fast = assign(lists, per_person=per_person, max_exposure=max_exposure)
    monkeypatch.setattr(cohort_module, "_by_linear_programme", lambda *args: None)
    exact = assign(lists, per_person=per_person, max_exposure=max_exposure)
    assert tiers(lists, fast) == tiers(lists, exact)


def test_the_same_lists_in_another_order_give_the_same_assignment():
    lists = random_lists(random.Random(3), people=40, candidates=10, per_list=6)
    shuffled = {p: list(reversed(lists[p])) for p in reversed(list(lists))}
    assert assign(lists, per_person=2, max_exposure=3) == assign(shuffled, per_person=2, max_exposure=3)


def test_the_pool_is_three_places_per_suggestion_at_least_ten_at_most_a_hundred():
    assert [pool_size(k) for k in (1, 4, 20)] == [10, 12, 60]


# -- the cohort on a store -------------------------------------------------------------------


@pytest.fixture
def programme():
    """Mentor Maya knows two candidates, Cato and Dara; her three mentees know each other (so are not each other's
    candidates); Noor has no mentor; Ola's mentor knows nobody else; Lea has left."""
    people = [
        ("maya", 6),
        ("ana", 2),
        ("ben", 2),
        ("eve", 2),
        ("cato", 4),
        ("dara", 5),
        ("noor", 2),
        ("ola", 2),
        ("omar", 5),
        ("lea", 2),
    ]
    store = EmbeddedStore(None)
    store.write(
        validate(
            {
                "org_units": [{"id": "u1", "name": "One", "parent": None}, {"id": "u2", "name": "Two", "parent": None}],
                "people": [
                    {"id": i, "name": i.title(), "level": level, "org_unit": "u2" if i in ("cato", "dara") else "u1"}
                    for i, level in people
                ],
                "knows": [
                    {"a": "maya", "b": "cato", "since": "2020-01-01", "strength": 0.8},
                    {"a": "maya", "b": "dara", "since": "2020-01-01", "strength": 0.7},
                    {"a": "noor", "b": "cato", "since": "2020-01-01", "strength": 0.5},
                ]
                + [
                    {"a": a, "b": b, "since": "2024-01-01", "strength": 0.5}
                    for a, b in itertools.combinations(("ana", "ben", "eve"), 2)
                ],
                "mentorships": [
                    {"mentor": "maya", "mentee": m, "since": "2025-01-01", "status": "active"}
                    for m in ("ana", "ben", "eve", "lea")
                ]
                + [{"mentor": "omar", "mentee": "ola", "since": "2025-01-01", "status": "active"}],
            }
        )
    )
    leave(store, "lea", on=date(2026, 6, 30))
    return store


def test_everyone_with_an_active_mentor_is_a_mentee_and_leavers_are_not(programme):
    assert all_mentees(programme) == ["ana", "ben", "eve", "ola"]


def test_the_caps_hold_on_a_store_and_the_third_mentee_is_told_every_candidate_is_taken(programme):
    found = cohort(programme, ["ana", "ben", "eve"], per_person=1, max_exposure=1, today=TODAY)
    assert sorted(r["candidate"] for r in found["rows"]) == ["cato", "dara"]
    assert [w["why"] for w in found["without"]] == [AT_CAP]
    assert found["people"] == {"asked": 3, "suggested": 2, "short": 0, "without": 1}


def test_people_without_a_suggestion_are_told_why(programme):
    found = cohort(programme, ["ghost", "lea", "noor", "ola", "ana"], per_person=2, max_exposure=5, today=TODAY)
    assert {w["person"]: w["why"] for w in found["without"]} == {
        "ghost": UNKNOWN,
        "lea": LEFT,
        "noor": NO_INTRODUCER,
        "ola": NO_CANDIDATES,
    }
    assert {r["person"] for r in found["rows"]} == {"ana"}


def test_the_report_gives_the_score_given_up_and_the_exposure_before_and_after(programme):
    found = cohort(programme, ["ana", "ben", "eve"], per_person=2, max_exposure=1, today=TODAY)
    score, exposure = found["score"], found["exposure"]
    assert score["assigned"] < score["uncapped"]
    assert score["given_up"] == pytest.approx(score["uncapped"] - score["assigned"], abs=1e-5)
    assert score["given_up_share"] == pytest.approx(score["given_up"] / score["uncapped"], abs=1e-6)
    assert (exposure["most_uncapped"], exposure["most_assigned"]) == (3, 1)
    assert exposure["gini_uncapped"] == exposure["gini_assigned"] == 0.0  # two candidates, equally exposed
    assert found["people"]["short"] == 2


def test_each_row_carries_the_persons_own_place_score_introducer_and_reasons(programme):
    (row, *_) = cohort(programme, ["ana"], per_person=1, max_exposure=1, today=TODAY)["rows"]
    assert (row["person"], row["candidate"], row["introducer"], row["place"]) == ("ana", "cato", "maya", 1)
    assert row["reasons"] and 0 < row["score"] <= 1


def test_a_named_introducer_is_refused_for_a_cohort(programme):
    with pytest.raises(InvalidInput, match="via"):
        cohort(programme, ["ana"], via="maya")


# -- a cohort file ---------------------------------------------------------------------------


def test_a_cohort_file_needs_a_person_column():
    with pytest.raises(InvalidInput, match="needs a 'person' column"):
        read_cohort_csv("id\np1\n")


def test_a_cohort_file_may_have_other_columns_a_bom_and_blank_cells():
    assert read_cohort_csv("\ufeffname,person\nAna,ana\nNobody,\nBen, ben \n") == ["ana", "ben"]


def test_a_cohort_file_naming_nobody_is_refused():
    with pytest.raises(InvalidInput, match="names nobody"):
        read_cohort_csv("person\n\n")
