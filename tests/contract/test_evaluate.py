"""Contract: ``netgraph evaluate`` gives the same evaluation on both stores.

The evaluation reads the store's export, cuts it at the split date and
recommends on the training set in an embedded store in memory; so two stores
holding the same organisation must give the same report, and the training
store's rankings must be what either store would recommend on that set.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.evaluate import evaluate, score_person, split_by_date, training_store
from netgraph.analysis.recommend import recommend
from netgraph.model.rules import RecommendSettings
from tests.contract.cli_runner import cli_on

SPLIT = "2025-01-01"


@pytest.mark.neo4j
def test_both_stores_give_the_same_evaluation_on_the_demo(demo_pair, monkeypatch, capsys):
    reports = [evaluate(split_by_date(store.export(), date.fromisoformat(SPLIT))) for store in demo_pair]
    assert reports[0] == reports[1]
    assert reports[0]["people"]["evaluated"] == 113 and reports[0]["split"]["new_ties"] == 94
    printed = []
    for store in demo_pair:  # and as a user runs it
        code, out, err = cli_on(store, monkeypatch, capsys)("evaluate", "--split", SPLIT, "--json")
        assert code == 0, err
        printed.append(out)
    assert printed[0] == printed[1]


def test_the_training_rankings_are_what_the_store_recommends_on_the_training_set(store, demo_clean):
    split = split_by_date(demo_clean, date.fromisoformat(SPLIT))
    store.write(split.train)
    memory, settings = training_store(split), RecommendSettings()
    people = sorted({p for pair in split.new_ties for p in pair})[:40]
    for person in people:
        found = memory.recommendation_inputs(
            person, via="all", skill=None, since="2024-10-03", settings=settings, limit=100
        )
        ranked = score_person(found["rows"], found["person"], set(), 10, settings)["ranked"]["netgraph"]
        shown = recommend(store, person, via="all", limit=10, today=split.as_of, settings=settings)
        assert ranked == [r["candidate"] for r in shown["results"]], person
