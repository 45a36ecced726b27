"""Overlapping exports ingested one after the other count each event once, on both stores, through the CLI.

An event's keyed hash is kept for ``window_days`` (the default 28 here):
an event in a later export is a duplicate if an ingest within that window
counted it. Dates are relative to the day of the run (the ingest's today).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from netgraph.model.validate import validate
from netgraph.store.embedded import EmbeddedStore
from tests.contract.cli_runner import cli_on
from tests.contract.test_ties import DOCUMENT, events_file, evidence, knows


def day(days_ago: int) -> str:
    return (date.today() - timedelta(days=days_ago)).isoformat()


def line(days_ago: int, rest: str) -> str:
    return f"{day(days_ago)}T09:00:00Z,{rest}\n"


FIRST = line(9, "meeting,p1,p1;p2,30") + line(5, "meeting,p1,p1;p2,30") + line(4, "email,p3,p4,")
SECOND = (
    line(5, "meeting,p1,p1;p2,30")
    + line(4, "email,p3,p4,")
    + line(3, "meeting,p1,p1;p3,30")
    + line(2, "meeting,p3,p1;p3,30")
)
UNION = FIRST + line(3, "meeting,p1,p1;p3,30") + line(2, "meeting,p3,p1;p3,30")
OLD = line(40, "meeting,p1,p1;p2,30")  # older than window_days: its hash is not kept


@pytest.fixture
def cli(store, monkeypatch, capsys):
    store.write(validate(DOCUMENT))
    return cli_on(store, monkeypatch, capsys)


def ingested(cli, path, *options) -> dict:
    code, out, err = cli("ties", "ingest", path, "--json", *options)
    assert (code, err) == (0, "")
    return json.loads(out)


def summed(rows: list[dict]) -> dict[tuple, int]:
    """Counts per pair, channel and day, added up over the inputs that hold them."""
    total: dict[tuple, int] = {}
    for r in rows:
        key = (r["a"], r["b"], r["channel"], r["day"])
        total[key] = total.get(key, 0) + r["events"]
    return total


def test_two_overlapping_exports_give_the_ties_of_one_ingest_of_their_union(store, cli, tmp_path, monkeypatch, capsys):
    as_of = ("--as-of", day(2))  # strengths aged to the same day (an ingest ages only the pairs it touches)
    ingested(cli, events_file(tmp_path, FIRST, "first.csv"), *as_of)
    ingested(cli, events_file(tmp_path, SECOND, "second.csv"), *as_of)

    union = EmbeddedStore(tmp_path / "union.json")
    union.write(validate(DOCUMENT))
    ingested(cli_on(union, monkeypatch, capsys), events_file(tmp_path, UNION, "union.csv"), *as_of)
    assert summed(evidence(store)) == summed(evidence(union))
    assert knows(store) == knows(union)


def test_the_events_an_earlier_ingest_counted_are_reported_as_duplicates(cli, tmp_path):
    ingested(cli, events_file(tmp_path, FIRST, "first.csv"))

    events = ingested(cli, events_file(tmp_path, SECOND, "second.csv"))["events"]

    assert (events["events_read"], events["skipped_duplicate"], events["events_counted"]) == (4, 2, 2)


def test_the_report_line_says_how_many_were_already_counted(cli, tmp_path):
    ingested(cli, events_file(tmp_path, FIRST, "first.csv"))
    code, out, _ = cli("ties", "ingest", events_file(tmp_path, SECOND, "second.csv"))
    assert code == 0 and "2 duplicates (already counted)" in out


def test_an_event_older_than_window_days_is_not_remembered(store, cli, tmp_path):
    ingested(cli, events_file(tmp_path, OLD, "old.csv"))

    events = ingested(cli, events_file(tmp_path, OLD + FIRST, "again.csv"))["events"]

    assert (events["skipped_duplicate"], events["events_counted"]) == (0, 4)
    assert summed(evidence(store))[("p1", "p2", "meeting", day(40))] == 2


def test_the_store_keeps_a_hash_and_a_day_per_event_counted_and_nothing_naming_anyone(store, cli, tmp_path):
    ingested(cli, events_file(tmp_path, FIRST, "first.csv"))
    hashes = list(store.counted_events())
    assert len(hashes) == 3 and all(len(h) == 64 and int(h, 16) >= 0 for h in hashes)


def test_erasing_a_person_leaves_the_hashes_which_name_no_one(store, cli, tmp_path):
    ingested(cli, events_file(tmp_path, FIRST, "first.csv"))
    before = sorted(store.counted_events())

    code, _, err = cli("erase", "p2", "--reason", "request")

    assert (code, err) == (0, "") and sorted(store.counted_events()) == before
    assert all("p2" not in (r["a"], r["b"]) for r in evidence(store))
