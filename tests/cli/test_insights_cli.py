"""``netgraph insights``: refresh once, then each command reads the stored result (embedded store, the demo)."""

from __future__ import annotations

import json

import pytest

from netgraph.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """The demo organisation in a file, its insights not yet computed."""
    path = tmp_path_factory.mktemp("insights") / "graph.json"
    assert main(["--data", str(path), "demo"]) == 0
    return path


@pytest.fixture(scope="module")
def refreshed(data):
    assert main(["--data", str(data), "insights", "refresh"]) == 0
    return data


def test_a_read_before_the_first_refresh_says_how_to_compute(tmp_path, capsys):
    path = tmp_path / "graph.json"
    assert main(["--data", str(path), "demo"]) == 0
    code, _, err = run(capsys, "--data", path, "insights", "brokers")
    assert code != 0 and "netgraph insights refresh" in err


def test_refresh_says_what_it_stored_and_how(refreshed, capsys):
    code, out, _ = run(capsys, "--data", refreshed, "insights", "refresh", "--json")
    found = json.loads(out)
    assert code == 0 and (found["mode"], found["stale"], found["people"]) == ("exact", False, 150)


def test_brokers_of_a_unit_list_its_people_by_betweenness(refreshed, capsys):
    code, out, _ = run(
        capsys, "--data", refreshed, "insights", "brokers", "--unit", "u-sales", "--limit", "3", "--json"
    )
    people = json.loads(out)["people"]
    assert code == 0 and len(people) == 3
    assert [r["betweenness"] for r in people] == sorted((r["betweenness"] for r in people), reverse=True)


def test_silos_with_a_level_print_the_tie_densities_of_that_level(refreshed, capsys):
    code, out, _ = run(capsys, "--data", refreshed, "insights", "silos", "--level", "2")
    assert code == 0 and "ties, density" in out and out.startswith("computed ")


def test_cut_points_name_the_one_person_whose_leaving_cuts_off_sales_apac(refreshed, capsys):
    code, out, _ = run(capsys, "--data", refreshed, "insights", "cut-points", "--json")
    found = [r for r in json.loads(out)["people"] if r["cuts_off"]]
    assert code == 0 and [r["person"] for r in found] == ["p099"]


def test_communities_print_their_agreement_with_the_units(refreshed, capsys):
    code, out, _ = run(capsys, "--data", refreshed, "insights", "communities")
    assert code == 0 and "NMI" in out


def test_communities_text_lists_the_largest_and_says_how_many_it_left_out(refreshed, capsys, monkeypatch):
    monkeypatch.setenv("NETGRAPH_INSIGHTS_UNITS_SHOWN", "1")
    _, out, _ = run(capsys, "--data", refreshed, "insights", "communities", "--json")
    every = json.loads(out)["communities"]
    code, out, _ = run(capsys, "--data", refreshed, "insights", "communities")
    assert (
        code == 0
        and len(every) > 1
        and [line for line in out.splitlines() if line.startswith("community ")]
        == [line for line in out.splitlines() if line.startswith("community 1:")]
    )
    assert f"{len(every) - 1} other communities" in out


def test_communities_json_lists_every_community_whatever_the_units_shown(refreshed, capsys, monkeypatch):
    _, out, _ = run(capsys, "--data", refreshed, "insights", "communities", "--json")
    monkeypatch.setenv("NETGRAPH_INSIGHTS_UNITS_SHOWN", "1")
    code, limited, _ = run(capsys, "--data", refreshed, "insights", "communities", "--json")
    assert code == 0 and json.loads(limited) == json.loads(out) and json.loads(out)["left_out"] == 0


def test_an_unknown_unit_is_named_in_the_message(refreshed, capsys):
    code, _, err = run(capsys, "--data", refreshed, "insights", "silos", "--unit", "u-nowhere")
    assert code != 0 and "u-nowhere" in err


def test_impact_prints_the_grid_and_the_high_risk_incumbent_with_no_ready_now_successor_first(refreshed, capsys):
    code, out, _ = run(capsys, "--data", refreshed, "insights", "impact", "--limit", "2")
    lines = out.splitlines()
    assert code == 0 and lines[1].startswith("impact \\ flight risk")
    assert "with no ready-now successor: 1" in out
    assert lines[6].startswith("! Kamala Zhang (p136): impact high") and "holds pos-cfo (gap)" in lines[6]


def test_impact_of_a_unit_as_json_lists_its_people_with_every_part(refreshed, capsys):
    code, out, _ = run(capsys, "--data", refreshed, "insights", "impact", "--unit", "u-sales-apac", "--json")
    found = json.loads(out)
    eitan = next(r for r in found["people"] if r["person"] == "p099")
    assert code == 0 and (eitan["succession"], eitan["network"], eitan["score"]) == (5, 4, 9)


def test_exposure_of_a_unit_counts_its_units_and_names_the_ties_that_expose_people(refreshed, capsys):
    code, out, _ = run(capsys, "--data", refreshed, "insights", "exposure", "--unit", "u-sales", "--json")
    found = json.loads(out)
    assert code == 0 and {u["unit"] for u in found["units"]} == {"u-sales", "u-sales-apac", "u-sales-emea"}
    assert found["exposed"] == len(found["people"]) and all(r["via"] for r in found["people"])


def test_growth_prints_twelve_months_and_the_mentees_reach(refreshed, capsys):
    code, out, _ = run(capsys, "--data", refreshed, "insights", "growth", "--json")
    found = json.loads(out)
    assert code == 0 and len(found["months"]) == 12 and found["mentees"]["mentees"] == 33
