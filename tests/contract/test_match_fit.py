"""Contract: ``match fit`` reads the ratings stored through the real workflow, on both stores.

The round is fixtures/matching/round.csv over fixtures/matching/round.json (two
mentors with one place each): it is run, sent, both pairs accepted by both sides,
both mentorships ended and each side rates. The fit needs two rated pairs here
(``NETGRAPH_MATCH_FIT_MIN_PAIRS=2``) and 30 by default.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from netgraph.analysis.matching import workflow
from netgraph.analysis.matching.inputs import FIT_PARTS
from netgraph.settings import match_settings_from_file
from tests.contract.cli_runner import cli_on
from tests.contract.ended_round import ended_round

#: Each pair's (mentor's, mentee's) rating, in the order the round proposes the pairs.
RATINGS = ((5, 4), (2, 1))


@pytest.fixture
def rated(store):
    """The round 'spring', both its pairs accepted, ended and rated by both sides."""
    pairs = ended_round(store)
    for (mentor, mentee), ratings in zip(pairs, RATINGS, strict=True):
        for person, rating in zip((mentor, mentee), ratings, strict=True):
            workflow.rate(
                store, "spring", mentor, mentee, person=person, rating=rating, again=True, today=date(2027, 7, 1)
            )
    return store


def test_rated_pairs_are_read_with_the_runs_parts_and_the_mean_rating(rated):
    stored = {(p["mentor"], p["mentee"]): p["parts"] for p in rated.match_round("spring")["proposals"]}
    found = workflow.rated_pairs(rated)
    assert sorted(row["outcome"] for row in found) == [1.5, 4.5]
    assert all(
        row["parts"] == {part: stored[row["mentor"], row["mentee"]][part] for part in FIT_PARTS} for row in found
    )


def test_match_fit_writes_weights_the_match_file_loads(rated, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("NETGRAPH_MATCH_FIT_MIN_PAIRS", "2")
    out = tmp_path / "weights.toml"
    code, said, _ = cli_on(rated, monkeypatch, capsys)("match", "fit", "--out", out)
    assert code == 0 and "held-out rank correlation" in said
    assert abs(sum(match_settings_from_file(out).weights.values()) - 1) < 1e-3


def test_match_fit_below_the_pairs_needed_keeps_the_weights_and_writes_nothing(rated, monkeypatch, capsys, tmp_path):
    out = tmp_path / "weights.toml"
    code, said, _ = cli_on(rated, monkeypatch, capsys)("match", "fit", "--out", out)
    assert code == 0 and not out.exists()
    assert said.splitlines() == [
        "match fit: 2 rated pair(s) in 1 round(s), 30 needed (NETGRAPH_MATCH_FIT_MIN_PAIRS): "
        "weights kept, nothing written"
    ]


def test_match_fit_to_a_path_that_cannot_be_written_is_one_located_line(rated, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("NETGRAPH_MATCH_FIT_MIN_PAIRS", "2")
    out = tmp_path / "missing" / "weights.toml"
    code, _, err = cli_on(rated, monkeypatch, capsys)("match", "fit", "--out", out)
    assert code != 0 and len(err.splitlines()) == 1 and str(out) in err and "--out" in err, err


def test_match_fit_with_no_stored_round_is_one_line(store, monkeypatch, capsys):
    code, _, err = cli_on(store, monkeypatch, capsys)("match", "fit")
    assert code != 0 and len(err.splitlines()) == 1 and "no stored round" in err, err


def test_match_fit_json_gives_the_counts_both_weightings_and_both_correlations(rated, monkeypatch, capsys):
    monkeypatch.setenv("NETGRAPH_MATCH_FIT_MIN_PAIRS", "2")
    code, said, _ = cli_on(rated, monkeypatch, capsys)("match", "fit", "--json")
    found = json.loads(said)
    assert code == 0 and (found["pairs"], found["rounds"], found["written"]) == (2, 1, None)
    assert set(found["weights"]) == set(found["current"]) == set(FIT_PARTS)
    assert set(found["held_out_spearman"]) == {"fitted", "current"}
