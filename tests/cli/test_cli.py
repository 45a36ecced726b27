"""The command line: exit codes, one-line errors, and each data command end to end.

These run on the embedded store (``--data``); the store contract itself is
tested on both stores in tests/contract.
"""

from __future__ import annotations

import json

import pytest

from netgraph.cli import main
from tests.conftest import FIXTURES


@pytest.fixture
def data(tmp_path):
    return str(tmp_path / "graph.json")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_what_it_merged(capsys, data):
    code, out, _ = run(capsys, "--data", data, "import", str(FIXTURES / "small.json"))
    assert code == 0
    assert "people: 4 new, 0 changed, 0 unchanged" in out.splitlines()


def test_stats_json_has_the_documented_shape(capsys, data):
    run(capsys, "--data", data, "import", str(FIXTURES / "small.json"))
    code, out, _ = run(capsys, "--data", data, "stats", "--json")
    stats = json.loads(out)
    assert code == 0
    assert stats["nodes"]["Person"] == 4 and stats["relationships"]["KNOWS"] == 3


def test_stats_table_lists_labels_and_types(capsys, data):
    run(capsys, "--data", data, "import", str(FIXTURES / "small.json"))
    _, out, _ = run(capsys, "--data", data, "stats")
    assert "Person" in out and "SUCCESSOR_FOR" in out and "Nodes (" in out


def test_a_user_error_exits_1_with_one_located_line_and_no_traceback(capsys, data):
    code, out, err = run(capsys, "--data", data, "import", str(FIXTURES / "bad" / "malformed.json"))
    assert code == 1
    assert err.startswith("netgraph: error: malformed.json line 3 column 16")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_missing_file_is_a_user_error(capsys, data, tmp_path):
    code, _, err = run(capsys, "--data", data, "import", str(tmp_path / "nope.json"))
    assert code == 1 and "no such file" in err


def test_a_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["import"])
    assert caught.value.code == 2


def test_dry_run_leaves_the_store_file_untouched(capsys, data, tmp_path):
    code, out, _ = run(capsys, "--data", data, "import", "--dry-run", str(FIXTURES / "small.json"))
    assert code == 0 and "people: 4 new, 0 changed, 0 unchanged" in out.splitlines()
    assert not (tmp_path / "graph.json").exists()


def test_a_failed_import_leaves_the_store_file_byte_for_byte(capsys, data, tmp_path):
    run(capsys, "--data", data, "import", str(FIXTURES / "small.json"))
    before = (tmp_path / "graph.sqlite").read_bytes()  # --data graph.json lives in graph.sqlite beside it
    code, _, _ = run(capsys, "--data", data, "import", str(FIXTURES / "bad" / "unknown_reference.json"))
    assert code == 1
    assert (tmp_path / "graph.sqlite").read_bytes() == before


@pytest.mark.parametrize("fmt", ["json", "csv", "graphml", "gexf"])
def test_export_writes_every_format(capsys, data, tmp_path, fmt):
    run(capsys, "--data", data, "import", str(FIXTURES / "small.json"))
    target = tmp_path / f"out.{fmt}" if fmt != "csv" else tmp_path / "out-csv"
    code, _, _ = run(capsys, "--data", data, "export", str(target), "--format", fmt)
    assert code == 0
    written = target / "people.csv" if fmt == "csv" else target
    assert "Ada Osei" in written.read_text("utf-8")


def test_graphml_export_opens_in_networkx(capsys, data, tmp_path):
    import networkx as nx

    run(capsys, "--data", data, "import", str(FIXTURES / "small.json"))
    run(capsys, "--data", data, "export", str(tmp_path / "g.graphml"))
    _, out, _ = run(capsys, "--data", data, "stats", "--json")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.nodes["Person:p1"]["name"] == "Ada Osei"
    assert graph.number_of_edges() == sum(json.loads(out)["relationships"].values())


def test_json_export_reimports_into_an_empty_store_identically(capsys, tmp_path):
    first, second = str(tmp_path / "a.json"), str(tmp_path / "b.json")
    run(capsys, "--data", first, "import", str(FIXTURES / "small.json"))
    run(capsys, "--data", first, "export", str(tmp_path / "out.json"))
    run(capsys, "--data", second, "import", str(tmp_path / "out.json"))
    run(capsys, "--data", second, "export", str(tmp_path / "again.json"))
    assert json.loads((tmp_path / "again.json").read_text()) == json.loads((tmp_path / "out.json").read_text())


def test_demo_loads_the_demo_organisation(capsys, data):
    code, out, _ = run(capsys, "--data", data, "demo")
    assert code == 0 and "demo organisation loaded" in out
    _, out, _ = run(capsys, "--data", data, "stats", "--json")
    assert json.loads(out)["nodes"]["Person"] >= 140


def test_generate_writes_a_document_that_imports(capsys, data, tmp_path):
    target = tmp_path / "gen.json"
    code, out, _ = run(capsys, "generate", "--people", "300", "--seed", "3", str(target))
    assert code == 0 and "300 people" in out
    code, out, _ = run(capsys, "--data", data, "import", str(target))
    assert code == 0 and "people: 300 new, 0 changed, 0 unchanged" in out.splitlines()


def test_generate_refuses_a_size_below_one(capsys, tmp_path):
    code, _, err = run(capsys, "generate", "--people", "0", str(tmp_path / "x.json"))
    assert code == 1 and "--people" in err


@pytest.fixture
def demo_data(capsys, data):
    run(capsys, "--data", data, "demo")
    return data


def test_intro_propose_then_update_walks_the_workflow(capsys, demo_data):
    code, out, _ = run(
        capsys,
        "--data",
        demo_data,
        "intro",
        "propose",
        "--by",
        "p009",
        "--introduce",
        "p033",
        "--to",
        "p067",
        "--note",
        "pricing",
        "--json",
    )
    created = json.loads(out)["introductions"][0]
    assert code == 0 and created["status"] == "proposed" and created["note"] == "pricing"
    for status in ("made", "accepted", "met"):
        code, out, _ = run(capsys, "--data", demo_data, "intro", "update", created["id"], "--status", status)
        assert code == 0 and status in out
    code, out, _ = run(capsys, "--data", demo_data, "intro", "update", created["id"], "--outcome", "5", "--json")
    assert json.loads(out)["introductions"][0]["outcome"] == 5


def test_intro_an_illegal_transition_exits_1_and_says_what_is_allowed(capsys, demo_data):
    code, _, err = run(capsys, "--data", demo_data, "intro", "update", "i004", "--status", "made")
    assert code == 1
    assert (
        err.strip() == "netgraph: error: introduction i004 is declined: it can move to nothing (it is final), not made"
    )


def test_intro_list_filters_by_person_and_status(capsys, demo_data):
    code, out, _ = run(capsys, "--data", demo_data, "intro", "list", "--status", "declined", "--json")
    assert code == 0
    assert {i["id"] for i in json.loads(out)["introductions"]} == {"i004", "i022", "i025"}


def test_intro_rating_out_of_range_exits_1(capsys, demo_data):
    code, _, err = run(capsys, "--data", demo_data, "intro", "update", "i001", "--outcome", "9")
    assert code == 1 and "not between 1 and 5" in err


def test_recommend_json_has_the_documented_shape(capsys, demo_data):
    code, out, _ = run(
        capsys, "--data", demo_data, "recommend", "p033", "--limit", "2", "--as-of", "2026-11-24", "--json"
    )
    found = json.loads(out)
    assert code == 0 and found["person"] == "p033" and found["via"] == "mentors"
    assert [r["candidate"] for r in found["results"]] == ["p083", "p008"]
    assert found["results"][0]["path"] == ["p033", "p009", "p083"]
    assert set(found["results"][0]["components"]) == {
        "plausibility",
        "adamic_adar",
        "goal_fit",
        "new_reach",
        "seniority_fit",
        "fairness",
        "tie_strength",
        "track_record",
    }


def test_recommend_prints_ranked_results_with_reasons(capsys, demo_data):
    code, out, _ = run(capsys, "--data", demo_data, "recommend", "p033", "--limit", "1", "--as-of", "2026-11-24")
    assert code == 0
    assert out.splitlines()[0] == " 1. Kamala Berg (p083)  score 0.77  via Sana Saleh (p009)"
    assert "      - shares 2 contacts with Dana" in out


def test_recommend_for_a_mentee_without_mentor_exits_1_with_advice(capsys, demo_data):
    code, _, err = run(capsys, "--data", demo_data, "recommend", "p070")
    assert code == 1 and "has no active mentor" in err and "Traceback" not in err


def test_recommend_refuses_an_out_of_range_limit(capsys, demo_data):
    code, _, err = run(capsys, "--data", demo_data, "recommend", "p033", "--limit", "0")
    assert code == 1 and "limit" in err


def test_path_prints_the_chain_with_names(capsys, demo_data):
    code, out, _ = run(capsys, "--data", demo_data, "path", "p033", "p100")
    assert code == 0
    assert out.strip() == ("0.57  Dana Okafor (p033) -> Zeynep Lund (p028) -> Eitan Eze (p099) -> Lucia Rojas (p100)")


def test_no_path_is_a_clear_message_and_exit_0(capsys, demo_data):
    code, out, _ = run(capsys, "--data", demo_data, "path", "p033", "p100", "--max-hops", "1")
    assert code == 0 and out.startswith("no warm path from p033 to p100 within 1 links")
    code, out, _ = run(capsys, "--data", demo_data, "path", "p033", "p100", "--max-hops", "1", "--json")
    assert json.loads(out) == {"paths": []}


def test_path_to_skill_lists_the_best_holders(capsys, demo_data):
    code, out, _ = run(
        capsys, "--data", demo_data, "path", "p033", "--to-skill", "negotiation", "--limit", "2", "--json"
    )
    paths = json.loads(out)["paths"]
    assert code == 0 and len(paths) == 2 and all(p["people"][0] == "p033" for p in paths)


def test_path_needs_a_target_or_a_skill(capsys, demo_data):
    with pytest.raises(SystemExit) as exit_:
        main(["--data", demo_data, "path", "p033"])
    assert exit_.value.code == 2


def test_path_unknown_person_exits_1(capsys, demo_data):
    code, _, err = run(capsys, "--data", demo_data, "path", "p033", "p999")
    assert code == 1 and "unknown person 'p999'" in err


def test_succession_table_lists_critical_gaps_first_and_totals(capsys, demo_data):
    code, out, _ = run(capsys, "--data", demo_data, "succession", "--critical-only")
    lines = out.splitlines()
    assert code == 0 and lines[1].split()[:3] == ["pos-cfo", "yes", "gap"]
    assert "organisation: 42 positions, 18 critical; 8 critical covered, 3 critical gaps; bench strength 44%" in out


def test_succession_table_shows_how_many_critical_seats_the_bench_fills_at_once(capsys, demo_data):
    code, out, _ = run(capsys, "--data", demo_data, "succession")
    eng = next(line for line in out.splitlines() if line.startswith("u-eng "))
    assert code == 0 and eng.split()[6:] == ["57%", "14%", "pos-cto,", "pos-head-data,", "pos-head-platform"]
    assert "filled at once if every critical incumbent left: 2 of 18 (11%)" in out


def test_succession_json_and_csv(capsys, demo_data, tmp_path):
    code, out, _ = run(capsys, "--data", demo_data, "succession", "--org-unit", "u-sales-apac", "--json")
    report = json.loads(out)
    assert code == 0 and {p["id"] for p in report["positions"]} == {"pos-head-apac", "pos-ae-apac"}
    target = tmp_path / "coverage.csv"
    code, out, _ = run(capsys, "--data", demo_data, "succession", "--csv", str(target))
    rows = target.read_text("utf-8").splitlines()
    assert code == 0 and len(rows) == 43 and rows[0].startswith("id,title,org_unit,org_unit_name,critical,status,flags")


def test_succession_unit_without_critical_positions_prints_n_a(capsys, data, tmp_path):
    run(capsys, "--data", data, "import", str(FIXTURES / "no-critical-positions.json"))
    code, out, _ = run(capsys, "--data", data, "succession")
    assert code == 0 and "bench strength n/a" in out
    assert out.splitlines()[-1].endswith("bench strength n/a")


def test_succession_position_shows_successors_by_readiness(capsys, demo_data):
    code, out, _ = run(capsys, "--data", demo_data, "succession", "position", "pos-head-sales")
    assert code == 0 and "ready_now           Eitan Eze (p099), level 6, holds pos-head-apac" in out


def test_succession_pipeline_explains_each_suggestion(capsys, demo_data):
    code, out, _ = run(capsys, "--data", demo_data, "succession", "pipeline", "--position", "pos-staff-apps")
    assert code == 0 and "mentored by the incumbent, Amara Byrne, since 2025" in out


def test_what_if_json_has_the_documented_shape(capsys, demo_data):
    code, out, _ = run(capsys, "--data", demo_data, "what-if", "--leave", "p078", "--promote", "--json")
    found = json.loads(out)
    assert code == 0 and set(found) >= {
        "leavers",
        "newly_vacant",
        "worsened",
        "bench_strength",
        "mentees_without_mentor",
        "components",
        "cut_off",
        "introductions_in_flight",
        "chain",
        "final_gaps",
    }
    assert found["chain"] == [{"position": "pos-head-sales", "filled_by": "p099", "vacates": "pos-head-apac"}]


def test_what_if_unknown_person_exits_1(capsys, demo_data):
    code, _, err = run(capsys, "--data", demo_data, "what-if", "--leave", "p999")
    assert code == 1 and "unknown person 'p999'" in err


def test_users_add_list_remove(capsys, tmp_path, monkeypatch, demo_data):
    monkeypatch.setenv("NETGRAPH_USERS", str(tmp_path / "users.json"))
    monkeypatch.setenv("NETGRAPH_PASSWORD", "a long enough password")
    assert run(capsys, "--data", demo_data, "users", "add", "sana", "--role", "mentor", "--person", "p009")[0] == 0
    code, out, _ = run(capsys, "users", "list")
    assert code == 0 and out.split() == ["sana", "mentor", "p009", "password", "never"]
    assert "a long enough password" not in (tmp_path / "users.json").read_text()
    assert run(capsys, "users", "remove", "sana")[0] == 0
    assert run(capsys, "users", "list")[1] == ""


def test_users_list_says_how_each_account_signs_in_and_when_it_last_did(capsys, tmp_path, monkeypatch):
    from netgraph.accounts import Accounts

    monkeypatch.setenv("NETGRAPH_USERS", str(tmp_path / "users.json"))
    book = Accounts(tmp_path / "users.json")
    book.add("ada", "a long enough password", role="admin")
    name, _ = book.sign_in_sso("https://id.example", "u-7", role="hr", person="p009", display="Sana")
    book.sessions.note_sign_in(name, "sso", now=1_780_000_000.0)
    lines = [line.split() for line in run(capsys, "users", "list")[1].splitlines()]
    assert lines == [
        ["ada", "admin", "-", "password", "never"],
        [name, "hr", "p009", "sso", "https://id.example", "2026-05-28T20:26Z"],
    ]


def test_users_add_refuses_a_name_kept_for_company_sign_ins(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NETGRAPH_USERS", str(tmp_path / "users.json"))
    monkeypatch.setenv("NETGRAPH_PASSWORD", "a long enough password")
    code, _, err = run(capsys, "users", "add", "sso-0123456789abcdef", "--role", "admin")
    assert code == 1 and "kept for company sign-ins" in err


def test_users_add_refuses_a_person_the_store_does_not_hold_and_adds_no_account(
    capsys, tmp_path, monkeypatch, demo_data
):
    monkeypatch.setenv("NETGRAPH_USERS", str(tmp_path / "users.json"))
    monkeypatch.setenv("NETGRAPH_PASSWORD", "a long enough password")
    code, _, err = run(capsys, "--data", demo_data, "users", "add", "eve", "--role", "viewer", "--person", "p999")
    assert code == 1 and "no person 'p999'" in err and "--person-not-yet-stored" in err
    assert run(capsys, "users", "list")[1] == ""


def test_users_add_refuses_an_invalid_person_id(capsys, tmp_path, monkeypatch, demo_data):
    monkeypatch.setenv("NETGRAPH_USERS", str(tmp_path / "users.json"))
    monkeypatch.setenv("NETGRAPH_PASSWORD", "a long enough password")
    code, _, err = run(
        capsys,
        "--data",
        demo_data,
        "users",
        "add",
        "eve",
        "--role",
        "viewer",
        "--person",
        "p 1/x",
        "--person-not-yet-stored",
    )
    assert code == 1 and "not a valid id" in err and err.count("\n") == 1
    assert run(capsys, "users", "list")[1] == ""


def test_users_add_links_ahead_of_an_hr_sync_when_asked_to(capsys, tmp_path, monkeypatch, demo_data):
    monkeypatch.setenv("NETGRAPH_USERS", str(tmp_path / "users.json"))
    monkeypatch.setenv("NETGRAPH_PASSWORD", "a long enough password")
    code, _, _ = run(
        capsys,
        "--data",
        demo_data,
        "users",
        "add",
        "eve",
        "--role",
        "viewer",
        "--person",
        "p999",
        "--person-not-yet-stored",
    )
    assert code == 0 and run(capsys, "users", "list")[1].split() == ["eve", "viewer", "p999", "password", "never"]


def test_users_add_refuses_a_short_password_and_a_mentor_without_person(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NETGRAPH_USERS", str(tmp_path / "users.json"))
    monkeypatch.setenv("NETGRAPH_PASSWORD", "short")
    code, _, err = run(capsys, "users", "add", "sana", "--role", "mentor")
    assert code == 1 and "password" in err and "person" in err


def test_serve_refuses_to_listen_beyond_loopback_without_a_secret_key(capsys, monkeypatch):
    monkeypatch.delenv("NETGRAPH_SECRET_KEY", raising=False)
    code, _, err = run(capsys, "serve", "--host", "0.0.0.0")
    assert code == 1 and "NETGRAPH_SECRET_KEY" in err


def test_serve_on_a_port_in_use_is_a_one_line_error(capsys, monkeypatch):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code, _, err = run(capsys, "serve", "--demo", "--port", str(taken.getsockname()[1]))
    assert code == 1 and "cannot listen on 127.0.0.1" in err and "Traceback" not in err
