"""Contract: simultaneous cover on both stores, on the demo (its shared cover) and on a generated organisation
(against networkx's maximum matching, scope by scope)."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest

from netgraph.analysis.org_chart import at_once, cover_mark, cover_near
from netgraph.analysis.simultaneous_cover import ORGANISATION, cover_by_scope, seats_from_rows
from netgraph.analysis.succession import coverage, csv_rows
from netgraph.io.generate import generate_dataset
from netgraph.model.validate import complete, validate
from netgraph.store.rollup import descendants
from tests.conftest import _loaded
from tests.contract.cli_runner import cli_on

#: what a unit's own report totals and the whole report's row of that unit both give
SCOPE_FIGURES = ("positions", "critical", "critical_covered", "simultaneous_cover", "lose_out", "bench_strength")


@pytest.fixture(scope="module")
def report(demo_store):
    return coverage(demo_store)


def unit(report, uid):
    return next(u for u in report["org_units"] if u["id"] == uid)


def test_the_demo_engineering_bench_looks_stronger_than_it_can_field_at_once(report):
    eng = unit(report, "u-eng")
    assert (eng["critical"], eng["critical_covered"], eng["bench_strength"]) == (7, 4, pytest.approx(4 / 7))
    assert (eng["simultaneous_cover"], eng["simultaneous_strength"]) == (1, pytest.approx(1 / 7))


def test_the_demo_shared_cover_fills_one_of_its_two_seats_in_engineering(report):
    """p029 is the only ready-now successor of both the Head of Apps and the Head of Data: each unit alone is
    covered, engineering as a whole can give p029 to one seat only."""
    assert unit(report, "u-apps")["lose_out"] == unit(report, "u-data")["lose_out"] == []
    assert "pos-head-data" in unit(report, "u-eng")["lose_out"]
    assert "pos-head-apps" not in unit(report, "u-eng")["lose_out"]


def test_the_demo_successors_who_hold_critical_seats_in_the_scope_lose_their_seats_there(report):
    """p008 (ready now for CTO) is Head of Platform; p009 (ready now for Head of Platform) is Principal Platform."""
    assert unit(report, "u-eng")["lose_out"] == ["pos-cto", "pos-head-data", "pos-head-platform"]
    assert unit(report, "u-platform")["lose_out"] == ["pos-head-platform"]


def test_the_demo_organisation_can_fill_two_of_its_eighteen_critical_seats_at_once(report):
    totals = report["totals"]
    assert (totals["critical"], totals["critical_covered"], totals["simultaneous_cover"]) == (18, 8, 2)
    assert totals["lose_out"] == [
        "pos-ceo",
        "pos-cto",
        "pos-head-sales",
        "pos-head-data",
        "pos-head-emea",
        "pos-head-platform",
    ]


def test_each_position_says_whether_it_is_filled_at_once_and_where_it_loses_out(report):
    found = {r["id"]: r for r in report["positions"]}
    assert (found["pos-head-apps"]["cover_at_once"], found["pos-head-apps"]["loses_out_in"]) == ("filled", [])
    assert found["pos-head-data"]["cover_at_once"] == "loses_out"
    assert found["pos-head-data"]["loses_out_in"] == ["u-eng", "u-nw"]
    assert found["pos-cfo"]["cover_at_once"] is None  # a gap: never counted as covered


def test_a_unit_report_counts_simultaneous_cover_in_that_unit_only(demo_store):
    eng = coverage(demo_store, org_unit="u-eng")
    assert (eng["totals"]["simultaneous_cover"], eng["totals"]["lose_out"]) == (
        1,
        ["pos-cto", "pos-head-data", "pos-head-platform"],
    )
    assert {r["id"]: r["cover_at_once"] for r in eng["positions"]}["pos-head-apps"] == "filled"


def test_a_leaver_no_longer_fills_a_seat(demo_store):
    without = coverage(demo_store, leavers=["p029"])
    assert unit(without, "u-apps")["simultaneous_cover"] == 0


def test_the_csv_carries_each_position_s_cover_at_once(report):
    rows = csv_rows(report)
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert (by_id["pos-head-data"]["cover_at_once"], by_id["pos-head-data"]["loses_out_in"]) == (
        "loses_out",
        "u-eng;u-nw",
    )


def networkx_maximum_cover(seats) -> int:
    """The size of networkx's maximum matching between ``seats`` and their eligible ready-now successors."""
    in_scope = {s["id"] for s in seats}
    graph = nx.Graph()
    graph.add_nodes_from((("seat", s["id"]) for s in seats), bipartite=0)
    for s in seats:
        for c in s["ready_now"]:
            if in_scope.isdisjoint(c["holds_critical"]):
                graph.add_edge(("seat", s["id"]), ("person", c["person"]))
    top = [n for n in graph if n[0] == "seat"]
    return len(nx.bipartite.maximum_matching(graph, top_nodes=top)) // 2


def contested_document(people: int, seed: int) -> dict:
    """A generated organisation where successors compete: each critical position gets up to two more ready-now
    nominations from a pool of twelve people, four of whom hold critical positions themselves."""
    document = generate_dataset(people, seed=seed)
    rng = random.Random(seed)
    critical = [p for p in document["positions"] if p.get("critical")]
    holders = sorted({h["person"] for p in critical for h in p["holders"]})
    everyone = sorted(p["id"] for p in document["people"] if p.get("status") != "left")
    pool = rng.sample(everyone, 8) + rng.sample(holders, 4)
    nominated = {(s["person"], s["position"]) for s in document["successors"]}
    for position in critical:
        own = {h["person"] for h in position["holders"]}
        for person in rng.sample(pool, rng.randint(0, 2)):
            if person not in own and (person, position["id"]) not in nominated:
                nominated.add((person, position["id"]))
                document["successors"].append({"person": person, "position": position["id"], "readiness": "ready_now"})
    return complete(validate(document))


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(("embedded", 3)),
        pytest.param(("embedded", 8)),
        pytest.param(("neo4j", 3), marks=pytest.mark.neo4j),
        pytest.param(("neo4j", 8), marks=pytest.mark.neo4j),
    ],
    ids=lambda p: f"{p[0]}-seed{p[1]}",
)
def contested_store(request, tmp_path_factory):
    kind, seed = request.param
    return _loaded(kind, contested_document(600, seed), request, tmp_path_factory)


def test_every_scope_of_a_generated_organisation_fills_as_many_seats_as_networkx_matches(contested_store):
    seats = contested_store.cover_seats([])
    units = [{"id": u["id"], "parent": u["parent"]} for u in contested_store.coverage([])["units"]]
    found = cover_by_scope(seats, units)
    assert found[ORGANISATION]["simultaneous_cover"] == networkx_maximum_cover(seats)
    for u in units:
        below = descendants(units, u["id"])
        assert found[u["id"]]["simultaneous_cover"] == networkx_maximum_cover(
            [s for s in seats if s["org_unit"] in below]
        ), u["id"]


def test_a_generated_organisation_with_competing_successors_has_seats_that_lose_out(contested_store):
    totals = coverage(contested_store)["totals"]
    assert 0 < totals["simultaneous_cover"] < totals["critical_covered"]
    assert len(totals["lose_out"]) == totals["critical_covered"] - totals["simultaneous_cover"]


def test_on_a_generated_organisation_each_unit_of_the_report_fields_what_its_scope_matches(contested_store):
    report = coverage(contested_store)
    found = cover_by_scope(contested_store.cover_seats([]), report["org_units"])
    for u in report["org_units"]:
        at_once = found[u["id"]]
        assert (u["simultaneous_cover"], u["lose_out"]) == (at_once["simultaneous_cover"], at_once["lose_out"]), u["id"]
    organisation = found[ORGANISATION]
    assert (report["totals"]["simultaneous_cover"], report["totals"]["lose_out"]) == (
        organisation["simultaneous_cover"],
        organisation["lose_out"],
    )


def test_on_a_generated_organisation_each_unit_s_own_report_says_what_the_whole_one_says_of_it(contested_store):
    """A unit's report reads that unit's subtree only; seats or successors outside it change nothing inside."""
    whole = coverage(contested_store)
    where = {r["id"]: r["loses_out_in"] for r in whole["positions"]}
    for u in whole["org_units"]:
        part = coverage(contested_store, org_unit=u["id"])
        scope = {v["id"] for v in part["org_units"]}
        assert part["org_units"] == [v for v in whole["org_units"] if v["id"] in scope], u["id"]
        assert {k: part["totals"][k] for k in SCOPE_FIGURES} == {k: u[k] for k in SCOPE_FIGURES}, u["id"]
        assert sorted(r["id"] for r in part["positions"]) == sorted(
            r["id"] for r in whole["positions"] if r["org_unit"] in scope
        )
        assert all(r["loses_out_in"] == [x for x in where[r["id"]] if x in scope] for r in part["positions"])


def comparable(seats):
    """Seats with their successors and held seats in one order (Neo4j lists them in no particular order)."""
    return sorted(
        (
            s["id"],
            s["level"],
            s["org_unit"],
            sorted((c["person"], sorted(c["holds_critical"])) for c in s["ready_now"]),
        )
        for s in seats
    )


@pytest.mark.parametrize("leavers", [[], ["p029", "p008"]], ids=["as-it-is", "what-if"])
def test_the_report_reads_the_seats_the_store_gives_from_the_rows_it_already_has(demo_store, leavers):
    rows = demo_store.coverage(leavers)["positions"]
    assert comparable(seats_from_rows(rows)) == comparable(demo_store.cover_seats(leavers))


def test_on_a_generated_organisation_the_seats_from_the_rows_are_the_store_s_seats(contested_store):
    rows = contested_store.coverage([])["positions"]
    assert comparable(seats_from_rows(rows)) == comparable(contested_store.cover_seats([]))


def test_succession_json_gives_each_scope_s_cover_at_once_and_the_seats_that_lose_out(demo_store, monkeypatch, capsys):
    code, out, _ = cli_on(demo_store, monkeypatch, capsys)("succession", "--json")
    report = json.loads(out)
    eng = next(u for u in report["org_units"] if u["id"] == "u-eng")
    assert code == 0 and (eng["critical_covered"], eng["simultaneous_cover"]) == (4, 1)
    assert eng["lose_out"] == ["pos-cto", "pos-head-data", "pos-head-platform"]
    assert (report["totals"]["simultaneous_cover"], report["totals"]["simultaneous_strength"]) == (2, 2 / 18)
    head_data = next(p for p in report["positions"] if p["id"] == "pos-head-data")
    assert (head_data["cover_at_once"], head_data["loses_out_in"]) == ("loses_out", ["u-eng", "u-nw"])


def test_succession_json_for_one_unit_counts_the_seats_of_that_unit_at_once(demo_store, monkeypatch, capsys):
    code, out, _ = cli_on(demo_store, monkeypatch, capsys)("succession", "--org-unit", "u-eng", "--json")
    totals = json.loads(out)["totals"]
    assert code == 0 and (totals["critical"], totals["simultaneous_cover"]) == (7, 1)
    assert totals["lose_out"] == ["pos-cto", "pos-head-data", "pos-head-platform"]


def test_on_a_generated_organisation_the_seats_near_each_position_mark_it_as_the_whole_organisation_does(
    contested_store,
):
    whole = at_once(contested_store)
    positions = [r["id"] for r in contested_store.position_coverage([])]
    assert whole["lose_out"]  # the test means something only where seats compete
    for position in positions:
        assert cover_mark(position, cover_near(contested_store, [position])) == cover_mark(position, whole), position


def test_on_a_generated_organisation_the_seats_near_a_level_mark_every_card_as_the_whole_organisation_does(
    contested_store,
):
    whole = at_once(contested_store)
    level = [r["id"] for r in contested_store.position_coverage([]) if r["critical"]][::3]
    near = cover_near(contested_store, level)
    assert [cover_mark(p, near) for p in level] == [cover_mark(p, whole) for p in level]
