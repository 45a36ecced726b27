"""``netgraph ties`` on both stores, as a user runs it: bad input refused whole, reports, JSON."""

from __future__ import annotations

import json

import pytest

from netgraph.model.validate import validate
from tests.conftest import FIXTURES
from tests.contract.cli_runner import cli_on
from tests.contract.test_ties import DOCUMENT, EVENTS, events_file
from tests.unit.test_interactions import BAD_EVENTS

BAD = FIXTURES / "bad"


@pytest.fixture
def cli(store, monkeypatch, capsys):
    store.write(validate(DOCUMENT))
    return cli_on(store, monkeypatch, capsys)


@pytest.mark.parametrize("name", sorted(BAD_EVENTS))
def test_bad_events_are_refused_with_one_located_line_and_nothing_is_written(store, cli, name):
    before = store.export(), store.stats(), store.tie_batches()
    fmt = "parquet" if name.endswith(".parquet") else "csv"

    code, out, err = cli("ties", "ingest", BAD / name, "--format", fmt)

    assert (code, out) == (1, "") and "Traceback" not in err
    assert err == f"netgraph: error: {BAD_EVENTS[name].format(path=BAD / name)}\n"
    assert (store.export(), store.stats(), store.tie_batches()) == before


def test_one_bad_file_among_good_ones_writes_nothing(store, cli, tmp_path):
    before = store.export(), store.tie_batches()
    code, _, err = cli("ties", "ingest", events_file(tmp_path), BAD / "events_bad_timestamp.csv")
    assert code == 1 and "is not an ISO 8601 timestamp" in err
    assert (store.export(), store.tie_batches()) == before


def test_ingest_prints_what_it_read_counted_and_wrote(cli, tmp_path):
    code, out, err = cli("ties", "ingest", events_file(tmp_path), "--as-of", "2026-11-10")
    assert (code, err) == (0, "")
    assert "1 file(s): 1 new, 0 already ingested" in out
    assert "events: 7 read, 5 counted, 1 too large to count" in out
    assert "unknown people: 1 (first: nobody@example.com)" in out
    assert "2 qualify (2 active, 0 retired); 1 created, 1 changed" in out


def test_the_second_ingest_of_a_file_says_there_is_nothing_to_do(cli, tmp_path):
    path = events_file(tmp_path)
    cli("ties", "ingest", path)
    code, out, _ = cli("ties", "ingest", path, "--json")
    assert code == 0 and json.loads(out)["new_files"] == 0 and json.loads(out)["already_ingested"] == 1


def test_refresh_and_org_chart_and_opt_out_report_in_json(cli, tmp_path):
    cli("ties", "ingest", events_file(tmp_path, EVENTS))
    _, out, _ = cli("ties", "refresh", "--as-of", "2028-01-01", "--json")
    assert json.loads(out)["ties"]["retired"] == 1
    _, out, _ = cli("ties", "from-org-chart", "--json")
    assert json.loads(out)["ties"] == 17
    _, out, _ = cli("ties", "opt-out", "p3", "--json")
    assert json.loads(out)["signals_opt_out"] is True


def test_opting_out_someone_unknown_is_a_one_line_error(cli):
    code, _, err = cli("ties", "opt-out", "p404")
    assert code == 1 and err.startswith("netgraph: error: ") and len(err.splitlines()) == 1


def test_sync_people_can_derive_the_org_chart_ties_after_each_sync(store, monkeypatch, capsys):
    run = cli_on(store, monkeypatch, capsys)

    code, out, err = run("sync", "people", FIXTURES / "hr" / "default.csv", "--as-of", "2026-12-01", "--org-chart-ties")

    assert code == 0 and "org chart ties: " in out, err
    links = store.links_with_source("org_chart")
    managers = store.manager_pairs()
    assert links and all(("org_chart" in k["sources"]) for k in links)
    assert {tuple(sorted(pair)) for pair in managers} <= {(k["a"], k["b"]) for k in links}


def test_names_nobody_knows_are_printed_escaped_not_sent_to_the_terminal(cli, tmp_path):
    path = events_file(tmp_path, "2026-11-02T09:00:00Z,meeting,p1,p1;evil\x1b[2J\x07;nul\x00guest,30\n")

    code, out, err = cli("ties", "ingest", path)

    assert (code, err) == (0, "")
    assert "unknown people: 2 (first: 'evil\\x1b[2J\\x07', 'nul\\x00guest')" in out
    assert "\x1b" not in out and "\x00" not in out and "\x07" not in out


def test_names_nobody_knows_reach_json_output_with_their_controls_escaped(cli, tmp_path):
    path = events_file(tmp_path, "2026-11-02T09:00:00Z,meeting,p1,p1;csi\x9b2J,30\n")

    code, out, err = cli("ties", "ingest", path, "--json")

    assert (code, err) == (0, "") and "\x9b" not in out
    assert json.loads(out)["events"]["unknown_first"] == ["csi\x9b2J"]
