"""Events dated after the day of an ingest are not evidence yet, on both stores.

One far-future event used to become the default as-of date: every other
derived tie then decayed to nothing and ties from interactions alone
retired. Events dated after the day of the run (one day of slack for time
zones) are held back, counted in the report, and a later ingest of the same
file takes them; the as-of date never moves past the day of the run unless
``--as-of`` says so. The organisation and the events are tests/contract/test_ties.py's.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from netgraph.analysis.ties import ingest
from netgraph.model.validate import validate
from tests.contract.cli_runner import cli_on
from tests.contract.test_ties import DOCUMENT, EVENTS, events_file, evidence, knows

FAR_FUTURE = "9999-12-31T09:00:00Z,meeting,p1,p1;p3,30\n9999-12-31T10:00:00Z,meeting,p1,p1;p3,30\n"


@pytest.fixture
def org(store):
    store.write(validate(DOCUMENT))
    return store


@pytest.fixture
def cli(org, monkeypatch, capsys):
    return cli_on(org, monkeypatch, capsys)


def test_far_future_events_are_held_back_and_counted_and_the_as_of_stays_at_the_evidence(org, cli, tmp_path):
    code, out, err = cli("ties", "ingest", events_file(tmp_path, EVENTS + FAR_FUTURE), "--json")

    done = json.loads(out)
    assert (code, err) == (0, "")
    assert done["events"]["skipped_future"] == 2 and done["as_of"] == "2026-11-10"
    assert (done["ties"]["active"], done["ties"]["retired"]) == (2, 0)
    assert ("p1", "p3") not in knows(org)


def test_the_report_says_how_many_events_were_held_back_and_why(cli, tmp_path):
    code, out, _ = cli("ties", "ingest", events_file(tmp_path, EVENTS + FAR_FUTURE))

    tomorrow = date.fromordinal(date.today().toordinal() + 1).isoformat()
    assert code == 0
    assert (
        f"held back: 2 events dated after {tomorrow} (not evidence yet: a later ingest of the same file takes them)"
    ) in out.splitlines()


def test_events_after_the_day_of_the_run_and_a_days_slack_wait_for_a_later_ingest(org, tmp_path):
    path = events_file(tmp_path)

    first = ingest(org, path, today=date(2026, 11, 5))  # 11-07 and 11-10 are after 11-06

    assert (first["events"]["skipped_future"], first["as_of"]) == (2, "2026-11-05")
    assert ("p1", "p2") not in knows(org)  # one meeting of two so far


def test_a_later_ingest_of_the_same_file_takes_only_the_events_held_back(org, tmp_path):
    path = events_file(tmp_path)
    ingest(org, path, today=date(2026, 11, 5))

    later = ingest(org, path, today=date(2026, 11, 20))

    assert (later["new_files"], later["events"]["skipped_future"], later["events"]["skipped_taken"]) == (1, 0, 5)
    assert [(r["a"], r["b"], r["day"], r["events"]) for r in evidence(org, [("p1", "p2")])] == [
        ("p1", "p2", "2026-11-02", 1),
        ("p1", "p2", "2026-11-10", 1),
    ]  # each event once
    assert knows(org)[("p1", "p2")]["sources"] == ["interactions"]


def test_a_file_whose_held_back_events_are_all_taken_is_not_read_again(org, tmp_path):
    path = events_file(tmp_path)
    ingest(org, path, today=date(2026, 11, 5))
    ingest(org, path, today=date(2026, 11, 20))
    before = evidence(org), org.export()

    again = ingest(org, path, today=date(2026, 12, 20))

    assert (again["new_files"], again["already_ingested"]) == (0, 1)
    assert (evidence(org), org.export()) == before


def test_the_same_file_again_on_the_same_day_takes_nothing(org, tmp_path):
    path = events_file(tmp_path)
    ingest(org, path, today=date(2026, 11, 5))
    before = evidence(org)

    again = ingest(org, path, today=date(2026, 11, 5))

    assert (again["new_files"], again["already_ingested"]) == (0, 1) and evidence(org) == before


def test_the_as_of_date_never_passes_the_day_of_the_run_even_for_events_within_the_slack(org, tmp_path):
    done = ingest(org, events_file(tmp_path), today=date(2026, 11, 9))  # 11-10 is within the day of slack

    assert (done["events"]["skipped_future"], done["as_of"]) == (0, "2026-11-09")


def test_an_as_of_date_given_past_today_is_used_as_given(org, tmp_path):
    done = ingest(org, events_file(tmp_path), today=date(2026, 11, 9), as_of=date(2026, 12, 31))

    assert done["as_of"] == "2026-12-31"


def test_a_file_taken_in_part_and_a_new_file_ingested_together_each_give_what_they_owe(org, tmp_path):
    first = events_file(tmp_path)
    ingest(org, first, today=date(2026, 11, 5))
    second = events_file(
        tmp_path,
        "2026-11-12T09:00:00Z,meeting,p5,p5;p6,30\n2026-11-13T09:00:00Z,meeting,p6,p5;p6,30\n",
        name="more.csv",
    )

    both = ingest(org, [first, second], today=date(2026, 11, 20))

    assert (both["new_files"], both["events"]["events_read"], both["events"]["skipped_taken"]) == (2, 9, 5)
    assert (both["events"]["pairs"], both["events"]["first_day"], both["events"]["last_day"]) == (
        2,
        "2026-11-10",
        "2026-11-13",
    )  # p1-p2 on 11-10 (11-07 pairs p1 with nobody known) and p5-p6
    assert [(r["a"], r["b"], r["day"], r["events"]) for r in evidence(org, [("p1", "p2"), ("p5", "p6")])] == [
        ("p1", "p2", "2026-11-02", 1),
        ("p1", "p2", "2026-11-10", 1),
        ("p5", "p6", "2026-11-12", 1),
        ("p5", "p6", "2026-11-13", 1),
    ]
    assert {("p1", "p2"), ("p5", "p6")} <= set(knows(org))
