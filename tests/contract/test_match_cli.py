"""Contract: ``netgraph match`` on both stores, through the command line as HR would type it.

A round of the demo organisation from its top unit (mentees at levels 1-3,
mentors two places each at level 5 or above) is the round docs/matching.md
reports; smaller rounds from CSV files test the checks, locks and forbids.
"""

from __future__ import annotations

import json

import pytest

from netgraph.model.audit import values
from tests.contract.cli_runner import cli_on

DEADLINE = "2099-01-31"
AS_OF = "2026-09-01"


@pytest.fixture
def cli(store, monkeypatch, capsys):
    run = cli_on(store, monkeypatch, capsys)
    assert run("demo")[0] == 0
    return run


def pool(tmp_path, *rows: str, header: str = "person,side,capacity,preferences"):
    path = tmp_path / "pool.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small(cli, tmp_path):
    """Three mentees (levels 3, 3 and 2) and two mentors (levels 6 and 7) of the demo, opened as 'small'."""
    path = pool(tmp_path, "p003,mentee,,", "p005,mentee,,", "p006,mentee,,", "p002,mentor,2,", "p004,mentor,1,")
    assert cli("match", "open", "small", "--deadline", DEADLINE, "--csv", path)[0] == 0
    return cli


def actions(store) -> list[str]:
    return [values(e)["action"] for e in store.audit_events()]


def test_a_round_of_the_demos_top_unit_is_the_documented_one(cli):
    code, out, _ = cli(
        "match",
        "open",
        "demo",
        "--deadline",
        DEADLINE,
        "--unit",
        "u-nw",
        "--levels",
        "1-3",
        "--capacity",
        "2",
        "--json",
    )
    assert code == 0
    opened = json.loads(out)
    assert (opened["status"], opened["mentees"], opened["mentors"], opened["places"]) == ("draft", 82, 37, 74)


def test_running_the_documented_round_beats_greedy_on_total_fit(cli):
    cli("match", "open", "demo", "--deadline", DEADLINE, "--unit", "u-nw", "--levels", "1-3", "--capacity", "2")
    code, out, _ = cli("match", "run", "demo", "--as-of", AS_OF, "--json")
    figures = json.loads(out)["figures"]
    assert code == 0 and figures["chosen"]["matched"] == figures["greedy"]["matched"] == 74
    assert round(figures["chosen"]["total_fit"], 2) == 41.94 and round(figures["greedy"]["total_fit"], 2) == 37.43


def test_a_round_is_stored_and_shown_as_run(small, store):
    code, out, _ = small("match", "run", "small", "--as-of", AS_OF, "--json")
    assert code == 0
    assert json.loads(small("match", "show", "small", "--json")[1]) == json.loads(out) == store.match_round("small")
    assert json.loads(out)["status"] == "proposed"


def test_every_change_to_a_round_is_audited(small, store):
    small("match", "lock", "small", "p002", "p003")
    small("match", "forbid", "small", "p004", "p005")
    small("match", "run", "small", "--as-of", AS_OF)
    small("match", "close", "small")
    assert actions(store)[-5:] == ["match.open", "match.lock", "match.forbid", "match.run", "match.close"]


def test_a_locked_pair_is_proposed_and_marked(small):
    small("match", "lock", "small", "p004", "p006")
    proposals = json.loads(small("match", "run", "small", "--as-of", AS_OF, "--json")[1])["proposals"]
    assert {"mentor": "p004", "mentee": "p006", "locked": True} in [
        {k: p[k] for k in ("mentor", "mentee", "locked")} for p in proposals
    ]


def test_a_forbidden_pair_is_never_proposed(small):
    first = json.loads(small("match", "run", "small", "--as-of", AS_OF, "--json")[1])["proposals"]
    mentor, mentee = first[0]["mentor"], first[0]["mentee"]
    small("match", "forbid", "small", mentor, mentee)
    again = json.loads(small("match", "run", "small", "--as-of", AS_OF, "--json")[1])["proposals"]
    assert (mentor, mentee) not in [(p["mentor"], p["mentee"]) for p in again]


def test_a_pair_outside_the_round_is_refused_one_line_per_problem(small, store):
    before = store.match_round("small")
    code, _, err = small("match", "lock", "small", "p003", "p099")
    assert code != 0 and err.splitlines()[1:] == [
        "  - pair, field 'mentor': 'p003' is not a mentor of round 'small'",
        "  - pair, field 'mentee': 'p099' is not a mentee of round 'small'",
    ]
    assert store.match_round("small") == before


def test_a_locked_pair_cannot_be_forbidden(small, store):
    small("match", "lock", "small", "p002", "p003")
    code, _, err = small("match", "forbid", "small", "p002", "p003")
    assert code != 0 and "p002 and p003 are locked in this round" in err
    assert store.match_round("small")["forbids"] == []


def test_a_closed_round_no_longer_changes(small, store):
    small("match", "close", "small")
    code, _, err = small("match", "lock", "small", "p002", "p003")
    assert code != 0 and "is closed" in err and store.match_round("small")["locks"] == []


def test_a_pool_names_people_by_id_or_email_and_ranks_the_other_side(cli, store, tmp_path):
    path = pool(tmp_path, "chidi.haddad@northwind.example,mentee,,p004;p002", "p002,mentor,1,", "p004,mentor,1,p003")
    assert cli("match", "open", "named", "--deadline", DEADLINE, "--csv", path)[0] == 0
    assert store.match_round("named")["members"] == [
        {"person": "p003", "side": "mentee", "capacity": None, "preferences": ["p004", "p002"]},
        {"person": "p002", "side": "mentor", "capacity": 1, "preferences": []},
        {"person": "p004", "side": "mentor", "capacity": 1, "preferences": ["p003"]},
    ]


def test_a_bad_pool_is_refused_line_by_line_and_nothing_is_written(cli, store, tmp_path):
    cli("leave", "p006", "--on", "2026-08-01")
    events = len(store.audit_events())
    path = pool(
        tmp_path,
        "p003,mentee,,",
        "nobody,mentee,,",
        "p002,mentor,0,",
        "p004,mentor,-2,",
        "p003,mentor,1,",
        "p006,mentee,,",
        "p001,mentor,9,p999",
    )
    code, _, err = cli("match", "open", "bad", "--deadline", DEADLINE, "--csv", path)
    assert code != 0
    assert err.splitlines()[1:] == [
        "  - pool.csv line 4, field 'capacity': must be at least 1, not 0",
        "  - pool.csv line 5, field 'capacity': must be at least 1, not -2",
    ]
    path = pool(tmp_path, "p003,mentee,,", "nobody,mentee,,", "p003,mentor,1,", "p006,mentee,,", "p001,mentor,9,p999")
    code, _, err = cli("match", "open", "bad", "--deadline", DEADLINE, "--csv", path)
    assert code != 0
    assert err.splitlines()[1:] == [
        "  - pool.csv line 3, field 'person': no person with this id or email: 'nobody'",
        f"  - pool.csv line 4, field 'person': {person_name(store, 'p003')} is on both sides of the round"
        " (also pool.csv line 2)",
        f"  - pool.csv line 5, field 'person': {person_name(store, 'p006')} has left the organisation",
        "  - pool.csv line 6, field 'capacity': at most 5 (the [match] max_capacity setting), not 9",
        "  - pool.csv line 6, field 'preferences': 'p999' is not a mentee of this round",
    ]
    assert store.match_rounds() == [] and len(store.audit_events()) == events


def person_name(store, pid: str) -> str:
    return f"{store.people([pid])[pid]['name']} ({pid})"


def test_a_person_who_stands_aside_is_refused_with_the_reason(cli, store, tmp_path):
    source = tmp_path / "aside.json"
    source.write_text(json.dumps({"people": [{"id": "p005", "name": "Rania Eze", "open_to_mentoring": False}]}))
    cli("import", source)
    code, _, err = cli(
        "match", "open", "r", "--deadline", DEADLINE, "--csv", pool(tmp_path, "p005,mentee,,", "p002,mentor,,")
    )
    assert code != 0 and "p005) stands aside from mentoring (open_to_mentoring is false)" in err
    assert store.match_rounds() == []


def test_a_round_with_no_eligible_pair_is_refused_at_run_and_stays_as_it_was(cli, store, tmp_path):
    path = pool(tmp_path, "p002,mentee,,", "p003,mentor,1,")  # the "mentor" is four levels below
    cli("match", "open", "upside-down", "--deadline", DEADLINE, "--csv", path)
    before = store.match_round("upside-down")
    code, _, err = cli("match", "run", "upside-down", "--as-of", AS_OF)
    assert code != 0 and "no eligible pair: the constraints refuse every pair (level_gap 1)" in err
    assert store.match_round("upside-down") == before


def test_a_round_name_is_taken_once(small, tmp_path):
    code, _, err = small("match", "open", "small", "--deadline", DEADLINE, "--csv", pool(tmp_path, "p003,mentee,,"))
    assert code != 0 and "a round named 'small' already exists" in err


def test_an_unknown_round_is_not_found(cli):
    code, _, err = cli("match", "show", "nope")
    assert code != 0 and "no mentoring round 'nope'" in err


def test_send_then_both_sides_accepting_starts_the_mentorship(small, store):
    small("match", "run", "small", "--as-of", AS_OF)
    code, out, _ = small("match", "send", "small", "--json")
    first = json.loads(out)["sent"][0]
    assert code == 0 and json.loads(out)["answer_by"] == DEADLINE
    for side in ("mentee", "mentor"):
        code, out, _ = small("match", "answer", "small", first["mentor"], first["mentee"], "--side", side, "accept")
        assert code == 0
    assert "started" in out
    assert any(m["other"] == first["mentee"] and m["as_mentor"] for m in store.mentorships_of(first["mentor"]))
    assert actions(store)[-4:] == ["match.accept", "match.accept", "mentorship.start", "mail.queue"]


def test_match_show_lists_each_sent_pairs_state(small):
    small("match", "run", "small", "--as-of", AS_OF)
    small("match", "send", "small")
    code, out, _ = small("match", "show", "small")
    assert code == 0 and out.count(f"open (mentor sent, mentee sent; answer by {DEADLINE})") == 3
