"""Contract: bad input to ``match send|answer|feedback`` and ``outbox send`` is one located line, on both stores.

Each refusal prints exactly one line (``netgraph: error: ...``), exits
non-zero and leaves the store as it was: the graph, the audit trail, the
round, its proposals and the outbox. The round is test_match_cli.py's small
one of the demo (three mentees, two mentors), run and sent; files given to
``outbox send`` are in ``fixtures/bad/`` (``smtp_files.json`` says what each
must be refused for).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES
from tests.contract.cli_runner import cli_on

BAD = FIXTURES / "bad"
SMTP_FILES = {
    name: spec for name, spec in json.loads((BAD / "smtp_files.json").read_text()).items() if not name.startswith("_")
}
DEADLINE = "2099-01-31"


@pytest.fixture
def cli(store, monkeypatch, capsys, tmp_path):
    """The demo with the rounds 'small' and 'done' run and sent, and 'done' closed."""
    run = cli_on(store, monkeypatch, capsys)
    assert run("demo")[0] == 0
    pool = tmp_path / "pool.csv"
    pool.write_text("person,side,capacity,preferences\np003,mentee,,\np005,mentee,,\np002,mentor,2,\n", "utf-8")
    for name in ("small", "done"):
        assert run("match", "open", name, "--deadline", DEADLINE, "--csv", pool)[0] == 0
        assert run("match", "run", name, "--as-of", "2026-09-01")[0] == 0
        assert run("match", "send", name)[0] == 0
    assert run("match", "close", "done")[0] == 0
    return run


def held(store) -> tuple:
    """Everything a refused command must leave as it was."""
    return (
        store.export(),
        len(store.audit_events()),
        store.match_rounds(),
        store.match_proposals("small"),
        store.match_proposals("done"),
        store.outbox_messages(),
    )


def refused_with_one_line(cli, store, *argv) -> str:
    before = held(store)
    code, _, err = cli(*argv)
    assert code != 0 and len(err.splitlines()) == 1 and err.startswith("netgraph: error: "), err
    assert held(store) == before
    return err.removeprefix("netgraph: error: ").strip()


def test_sending_an_unknown_round(cli, store):
    assert refused_with_one_line(cli, store, "match", "send", "nope") == "no mentoring round 'nope'"


def test_sending_a_closed_round(cli, store):
    assert "is closed" in refused_with_one_line(cli, store, "match", "send", "done")


def test_sending_with_a_day_to_answer_by_in_the_past(cli, store):
    said = refused_with_one_line(cli, store, "match", "send", "small", "--answer-by", "2020-01-01")
    assert said == "round small, field 'answer_by': 2020-01-01 is in the past: give a later day"


@pytest.mark.parametrize("day", ["soon", "2027-02-30"])
def test_sending_with_a_day_to_answer_by_that_is_not_a_day(cli, store, day):
    said = refused_with_one_line(cli, store, "match", "send", "small", "--answer-by", day)
    assert said == f"round small, field 'answer_by': {day!r} is not a day: give one as YYYY-MM-DD"


def test_answering_in_an_unknown_round(cli, store):
    said = refused_with_one_line(cli, store, "match", "answer", "nope", "p002", "p003", "--side", "mentee", "accept")
    assert said == "no mentoring round 'nope'"


@pytest.mark.parametrize("word", ["maybe", "yes", ""])
def test_an_answer_that_is_neither_accept_nor_decline(cli, store, word):
    said = refused_with_one_line(cli, store, "match", "answer", "small", "p002", "p003", "--side", "mentee", word)
    assert said == f"answer, field 'choice': must be one of accepted, declined, not {word!r}"


def test_answering_a_pair_the_round_did_not_propose(cli, store):
    said = refused_with_one_line(cli, store, "match", "answer", "small", "p002", "p099", "--side", "mentee", "accept")
    assert said == "you have no proposal p002 -> p099 in round 'small'"


def test_answering_in_a_closed_round(cli, store):
    said = refused_with_one_line(cli, store, "match", "answer", "done", "p002", "p003", "--side", "mentee", "accept")
    assert said == "mentoring round 'done' is closed: proposals can no longer be answered"


def test_answering_twice(cli, store):
    assert cli("match", "answer", "small", "p002", "p003", "--side", "mentee", "accept")[0] == 0
    said = refused_with_one_line(cli, store, "match", "answer", "small", "p002", "p003", "--side", "mentee", "decline")
    assert said.startswith("you have already answered this proposal")


@pytest.mark.parametrize("rating", ["0", "6", "x", "4.5"])
def test_a_rating_that_is_not_one_to_five(cli, store, rating):
    said = refused_with_one_line(
        cli, store, "match", "feedback", "small", "p002", "p003", "--side", "mentee", rating, "--again", "yes"
    )
    shown = repr(int(rating)) if rating.isdigit() else repr(rating)
    assert said == f"feedback, field 'rating': must be a whole number from 1 to 5, not {shown}"


def test_feedback_in_an_unknown_round(cli, store):
    said = refused_with_one_line(
        cli, store, "match", "feedback", "nope", "p002", "p003", "--side", "mentee", "4", "--again", "yes"
    )
    assert said == "no mentoring round 'nope'"


def test_feedback_on_a_mentorship_that_has_not_ended(cli, store):
    for side in ("mentee", "mentor"):
        assert cli("match", "answer", "small", "p002", "p003", "--side", side, "accept")[0] == 0
    said = refused_with_one_line(
        cli, store, "match", "feedback", "small", "p002", "p003", "--side", "mentee", "4", "--again", "yes"
    )
    assert said == "feedback is for a mentorship from this round once it has ended"


@pytest.mark.parametrize("name", sorted(SMTP_FILES))
def test_outbox_send_refuses_a_bad_file_before_anything_changes(cli, store, monkeypatch, name):
    setting = SMTP_FILES[name]["setting"]
    monkeypatch.setenv("NETGRAPH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NETGRAPH_SMTP_PORT", "1")  # never reached
    monkeypatch.setenv(setting, str(BAD / name))
    if setting == "NETGRAPH_SMTP_PASSWORD_FILE":
        monkeypatch.setenv("NETGRAPH_SMTP_USER", "netgraph")
    said = refused_with_one_line(cli, store, "outbox", "send")
    assert said.startswith(f"{setting}: {BAD / name} {SMTP_FILES[name]['says']}")


def test_outbox_send_refuses_a_reminder_window_out_of_range(cli, store, monkeypatch):
    monkeypatch.setenv("NETGRAPH_REMIND_DAYS", "61")
    said = refused_with_one_line(cli, store, "outbox", "send")
    assert said == "NETGRAPH_REMIND_DAYS: must be a whole number of days from 0 to 60"
