"""The offline evaluation: splits, who is evaluated, and the report on tiny hand-made networks.

The store contract (both stores, same evaluation) is in tests/contract/test_evaluate.py.
"""

from __future__ import annotations

import math
from datetime import date

import networkx as nx
import pytest

from netgraph.analysis.evaluate import evaluate, score_person, split_by_date, split_documents, tie_pairs, training_store
from netgraph.analysis.recommend import recommend
from netgraph.errors import InvalidInput
from netgraph.io.graph_formats import people_network
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import validate

DAY = date(2024, 1, 1)


def person(pid: str, unit: str, **extra) -> dict:
    return {"id": pid, "name": pid.upper(), "org_unit": unit, **extra}


def knows(a: str, b: str, since: str | None = "2020-01-01", **extra) -> dict:
    return {"a": a, "b": b, "since": since, **extra}


UNITS = [{"id": u, "name": u} for u in ("u1", "u2", "u3")]


@pytest.fixture
def tiny():
    """a, b in u1; c, e in u2; d in u3. Before 2024: a-b, a-e, b-c, e-c, b-d. From 2024 on: a-d.

    a's candidates: c (common contacts b and e) and d (common b); d's: a and c (both through b).
    """
    people = [person("a", "u1"), person("b", "u1"), person("c", "u2"), person("d", "u3"), person("e", "u2")]
    ties = [
        knows("a", "b"),
        knows("a", "e"),
        knows("b", "c"),
        knows("c", "e"),
        knows("b", "d"),
        knows("a", "d", "2024-03-01"),
    ]
    return validate({"org_units": UNITS, "people": people, "knows": ties})


def test_a_tiny_network_by_hand(tiny):
    r = evaluate(split_by_date(tiny, DAY), k=1)
    assert r["people"]["eligible"] == r["people"]["evaluated"] == 2  # a and d
    p = r["plausibility"]
    # Adamic-Adar: a gets c (1/ln 3 + 1/ln 2 beats 1/ln 3): a miss; d gets a (a tie with c, broken by id): a hit
    assert p["precision"]["adamic_adar"]["value"] == 0.5 and p["mrr"]["adamic_adar"]["value"] == 0.5
    # netgraph, plausible first: a gets c too (d's new unit cannot make up for c's plausibility, 2.6 times d's);
    # for d, a and c are equally plausible and c is in a unit new to d: two misses
    assert p["hit_rate"]["netgraph"]["value"] == 0.0
    # random: one pick out of two candidates, one of them right, for each
    assert [p[m]["random"]["value"] for m in ("precision", "hit_rate", "mrr")] == [0.5, 0.5, 0.5]
    v = r["value"]
    assert v["new_unit_share"] == {"netgraph": 0.5, "adamic_adar": 0.0, "random": 0.5}
    assert v["skill_coverage"] == {"netgraph": None, "adamic_adar": None, "random": None}  # nobody has goals
    # exposure over a, c, d: netgraph suggests c twice, Adamic-Adar c and a; random 0.5 a, 1 c, 0.5 d
    assert v["exposure_gini"] == {
        "netgraph": round(2 / 3, 6),
        "adamic_adar": round(1 / 3, 6),
        "random": round(1 / 6, 6),
    }
    assert r["future_ties"] == {
        "total": 2,
        "candidates": 2,
        "two_links_excluded": 0,
        "beyond_two_links": 0,
        "no_tie_before": 0,
        "beyond_two_links_share": 0.0,
    }


def test_the_lists_are_those_of_recommend_and_networkx(tiny):
    split = split_by_date(tiny, DAY)
    store = training_store(split)
    found = store.recommendation_inputs(
        "a", via="all", skill=None, since="2000-01-01", settings=RecommendSettings(), limit=100
    )
    one = score_person(found["rows"], found["person"], {"d"}, 10, RecommendSettings())
    assert one["ranked"]["adamic_adar"] == ["c", "d"]
    assert one["ranked"]["netgraph"] == ["c", "d"]
    aa = {r["candidate"]: r["adamic_adar"] for r in found["rows"]}
    assert aa["c"] == pytest.approx(1 / math.log(3) + 1 / math.log(2)) and aa["d"] == pytest.approx(1 / math.log(3))


def test_where_the_new_ties_were(tiny):
    """g is closed to introductions; h and i know only each other before 2024."""
    extra = [person("g", "u1", open_to_intros=False), person("h", "u3"), person("i", "u3")]
    ties = [knows("b", "g"), knows("h", "i"), knows("a", "g", "2024-02-01"), knows("a", "i", "2024-02-01")]
    doc = validate({**tiny, "people": tiny["people"] + extra, "knows": tiny["knows"] + ties})
    r = evaluate(split_by_date(doc, DAY), k=3)
    assert r["people"]["evaluated"] == 4  # a, d, g, i
    # a: d (a candidate), g (two links away, closed), i (beyond); d: a; g: a (a candidate); i: a (beyond)
    assert r["future_ties"] == {
        "total": 6,
        "candidates": 3,
        "two_links_excluded": 1,
        "beyond_two_links": 2,
        "no_tie_before": 0,
        "beyond_two_links_share": round(2 / 6, 6),
    }


def test_a_date_split_puts_the_day_itself_in_the_test_and_leaves_undated_ties_out():
    doc = validate(
        {
            "people": [person(x, None) for x in "abcd"],
            "knows": [
                knows("a", "b", "2023-12-31"),
                knows("b", "c", "2024-01-01"),
                knows("c", "d", None),
                knows("a", "c", "2024-06-01"),
            ],
        }
    )
    split = split_by_date(doc, DAY)
    assert tie_pairs(split.train) == {("a", "b")}
    assert split.new_ties == (("a", "c"), ("b", "c"))
    assert split.about == {
        "kind": "date",
        "date": "2024-01-01",
        "as_of": "2024-01-01",
        "training_ties": 1,
        "test_ties": 2,
        "new_ties": 2,
        "undated_ties_left_out": 1,
    }


def test_a_date_split_shows_the_organisation_as_it_was_that_day():
    doc = validate(
        {
            "people": [person(x, None) for x in "abcd"],
            "knows": [knows("a", "b", "2019-01-01")],
            "mentorships": [
                {"mentor": "a", "mentee": "b", "since": "2024-02-01"},  # already known: not new
                {"mentor": "c", "mentee": "d", "since": "2022-01-01", "until": "2024-05-01", "status": "ended"},
                {"mentor": "a", "mentee": "c", "since": "2021-01-01", "until": "2022-01-01", "status": "ended"},
            ],
            "introductions": [
                {"id": "i1", "by": "a", "introduce": "b", "to": "c", "created_on": "2023-12-01"},
                {"id": "i2", "by": "a", "introduce": "b", "to": "d", "created_on": "2024-01-01"},
            ],
        }
    )
    split = split_by_date(doc, DAY)
    assert split.new_ties == () and split.about["test_ties"] == 1
    mentorships = {(m["mentor"], m["mentee"]): m for m in split.train["mentorships"]}
    assert mentorships["c", "d"]["status"] == "active" and mentorships["c", "d"]["until"] is None
    assert mentorships["a", "c"]["status"] == "ended"
    assert [i["id"] for i in split.train["introductions"]] == ["i1"]


def test_two_documents_the_test_one_naming_training_people(tiny):
    train = {**tiny, "knows": [k for k in tiny["knows"] if k["since"] < "2024-01-01"]}
    test = {"knows": [{"a": "a", "b": "d", "since": "2024-03-01"}, {"a": "a", "b": "b"}]}  # a-b: not new
    split = split_documents(train, test)
    assert split.new_ties == (("a", "d"),) and split.as_of == date(2024, 3, 1)
    assert split.about["kind"] == "documents" and split.about["test_ties"] == 2
    by_date = evaluate(split_by_date(tiny, date(2024, 3, 1)), k=1)
    by_documents = evaluate(split, k=1)
    assert by_documents["plausibility"] == by_date["plausibility"]
    assert by_documents["value"] == by_date["value"]


def test_a_test_document_may_name_training_people_in_a_mentorship(tiny):
    split = split_documents(tiny, {"mentorships": [{"mentor": "a", "mentee": "c", "since": "2024-02-01"}]})
    assert split.new_ties == (("a", "c"),)


def test_a_test_document_naming_a_training_person_who_left_in_a_live_mentorship_is_refused(tiny):
    train = {
        **tiny,
        "people": [{**p, "status": "left", "left_on": "2023-06-01"} if p["id"] == "e" else p for p in tiny["people"]],
    }
    with pytest.raises(InvalidInput, match=r"test mentorships\[0\], field 'mentor': e has left"):
        split_documents(train, {"mentorships": [{"mentor": "e", "mentee": "c", "since": "2024-02-01"}]})


def test_a_test_document_naming_an_unknown_person_is_refused(tiny):
    with pytest.raises(InvalidInput, match=r"test knows\[0\], field 'b': unknown person 'zz'"):
        split_documents(tiny, {"knows": [{"a": "a", "b": "zz"}]})


@pytest.mark.parametrize(
    "options, field",
    [
        (dict(k=0), "k"),
        (dict(k=101), "k"),
        (dict(via="p1"), "via"),
        (dict(sample=0), "sample"),
        (dict(seed=-1), "seed"),
    ],
)
def test_impossible_options_are_refused(tiny, options, field):
    with pytest.raises(InvalidInput, match=field):
        evaluate(split_by_date(tiny, DAY), **options)


# -- on the demo organisation ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_split(demo_clean):
    return split_by_date(demo_clean, date(2025, 1, 1))


def test_netgraphs_top_k_is_what_recommend_returns_and_adamic_adar_is_networkxs(demo_split):
    store, settings = training_store(demo_split), RecommendSettings()
    graph = people_network(demo_split.train)
    checked = 0
    for pid in sorted({p for pair in demo_split.new_ties for p in pair} & set(graph)):
        if not graph.degree(pid):
            continue
        found = store.recommendation_inputs(
            pid, via="all", skill=None, since="2024-10-03", settings=settings, limit=100
        )
        one = score_person(found["rows"], found["person"], set(), 10, settings)
        shown = recommend(store, pid, via="all", limit=10, today=demo_split.as_of, settings=settings)
        assert one["ranked"]["netgraph"] == [r["candidate"] for r in shown["results"]]
        pairs = [(pid, r["candidate"]) for r in found["rows"]]
        expected = {v: aa for _, v, aa in nx.adamic_adar_index(graph, pairs)}
        assert {r["candidate"]: r["adamic_adar"] for r in found["rows"]} == pytest.approx(expected, abs=1e-12)
        by_networkx = sorted(expected, key=lambda v: (-round(expected[v], 12), v))[:10]
        assert one["ranked"]["adamic_adar"] == by_networkx
        checked += 1
    assert checked > 100


def test_a_sample_is_seeded(demo_split):
    full = evaluate(demo_split, resamples=50)
    one, same, other = (evaluate(demo_split, sample=30, seed=s, resamples=50) for s in (1, 1, 2))
    assert full["people"]["evaluated"] == full["people"]["eligible"] == 113
    assert one["people"]["evaluated"] == 30 and one == same and one["plausibility"] != other["plausibility"]
    assert evaluate(demo_split, sample=500, resamples=50)["people"]["evaluated"] == 113


def test_via_mentors_narrows_the_candidates(demo_split):
    everyone = evaluate(demo_split, resamples=50)
    mentors = evaluate(demo_split, via="mentors", resamples=50)
    assert mentors["future_ties"]["candidates"] < everyone["future_ties"]["candidates"]
    assert mentors["people"]["could_be_suggested"] < everyone["people"]["could_be_suggested"]


def test_the_settings_evaluated_are_the_callers(demo_split):
    only_reach = RecommendSettings(goal_fit=0, seniority_fit=0, fairness=0, value_band=100)
    r = evaluate(demo_split, settings=only_reach, resamples=50)
    default = evaluate(demo_split, resamples=50)
    assert r["value"]["new_unit_share"]["netgraph"] > default["value"]["new_unit_share"]["netgraph"]
    assert r["plausibility"]["precision"]["adamic_adar"] == default["plausibility"]["precision"]["adamic_adar"]
