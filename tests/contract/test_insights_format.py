"""The format of stored insights on both stores: written at refresh, and a format this build does not know
refused with the command that rewrites it, before any row is read."""

from __future__ import annotations

import pytest

from netgraph.analysis.insights import exposure_report, growth_report, risk_grid, stored
from netgraph.errors import StoredFormatUnknown
from netgraph.model.insight_rows import INSIGHTS_FORMAT
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import complete, validate
from tests.contract.cli_runner import cli_on
from tests.contract.test_ports_insights import DOCUMENT

NEWER = INSIGHTS_FORMAT + 1


@pytest.fixture
def small(store):
    store.write(complete(validate(DOCUMENT)))
    stored.refresh(store, InsightSettings(permutations=20), RecommendSettings())
    return store


def stored_as(store, **state) -> None:
    """Store the refreshed result again, its state changed by ``state`` (None: the key left out)."""
    changed = {**store.insight_state(), **state}
    store.save_insights(
        {k: v for k, v in changed.items() if v is not None}, store.person_insights(), parts=None, orders=None
    )


def test_a_refresh_stores_the_format_it_wrote(small):
    assert small.insight_state()["format"] == INSIGHTS_FORMAT


@pytest.mark.parametrize(
    "read",
    [
        stored.brokers,
        stored.cut_points,
        stored.silos,
        stored.heat_map,
        stored.communities,
        risk_grid.impact,
        exposure_report.exposure,
        growth_report.growth,
    ],
)
def test_a_read_of_a_newer_format_says_a_newer_build_wrote_it_and_how_to_rewrite_it(small, read):
    stored_as(small, format=NEWER)
    with pytest.raises(StoredFormatUnknown) as raised:
        read(small)
    assert str(raised.value) == (
        f"stored insights were written by a newer netgraph (format {NEWER}); run `netgraph insights refresh`"
    )


def test_a_format_that_is_no_number_is_refused_as_unknown(small):
    stored_as(small, format="2.0-beta")
    with pytest.raises(StoredFormatUnknown, match=r"format this netgraph does not know \('2.0-beta'\); run `netgraph"):
        stored.brokers(small)


def test_a_state_stored_before_formats_were_written_reads_as_the_first_format(small):
    stored_as(small, format=None)
    assert "format" not in small.insight_state() and stored.brokers(small)["people"]


def test_a_refresh_by_this_build_makes_a_newer_format_readable_again(small):
    stored_as(small, format=NEWER)
    stored.refresh(small, InsightSettings(permutations=20), RecommendSettings())
    assert stored.brokers(small)["people"]


def test_the_command_line_prints_a_newer_format_as_one_line(small, monkeypatch, capsys):
    stored_as(small, format=NEWER)
    code, out, err = cli_on(small, monkeypatch, capsys)("insights", "brokers")
    assert (code, out, err) == (
        1,
        "",
        f"netgraph: error: stored insights were written by a newer netgraph (format {NEWER}); "
        "run `netgraph insights refresh`\n",
    )
