"""The contract of SuccessionQueries.org_chart: one level of the succession org chart, on both stores.

Run on the demo organisation (``fixtures/demo``) in the embedded store and
in Neo4j; the answers must be the same, card for card. Listed with the other
port contracts by tests/contract/test_port_contract.py.
"""

from __future__ import annotations

import pytest

from netgraph.store.ports import ChartCard, ChartSuccessor, NamedPerson, OrgChart
from tests.contract.port_contract import keys

CEO_REPORTS = [
    "pos-cfo",
    "pos-cos",
    "pos-cto",
    "pos-head-ops",
    "pos-head-people",
    "pos-head-product",
    "pos-head-sales",
]  # by title: Chief Financial..., Chief of Staff, VP Engineering, VP Operations...


def ids(cards: list[dict]) -> list[str]:
    return [c["id"] for c in cards]


def test_org_chart_of_a_position_gives_its_card_and_its_direct_reports_by_title(demo_store):
    found = demo_store.org_chart(position="pos-ceo")
    assert set(found) == keys(OrgChart)
    assert found["focus"]["id"] == "pos-ceo" and found["total"] == 7
    titles = [c["title"] for c in found["cards"]]
    assert sorted(ids(found["cards"])) == sorted(CEO_REPORTS) and titles == sorted(titles)
    assert all(c["reports_to"] == "pos-ceo" for c in found["cards"])


def test_org_chart_cards_have_the_keys_of_chart_card_with_names(demo_store):
    found = demo_store.org_chart(position="pos-head-sales")
    cards = [found["focus"], *found["cards"]]
    assert all(set(c) == keys(ChartCard) for c in cards)
    assert all(set(p) == keys(NamedPerson) for c in cards for p in c["incumbents"])
    assert all(set(s) == keys(ChartSuccessor) for c in cards for s in c["successors"])
    sales = found["focus"]
    assert sales["incumbents"] == [{"id": "p078", "name": "Jin Larsen"}]
    assert (sales["org_unit"], sales["org_unit_name"], sales["child_count"]) == ("u-sales", "Sales", 3)
    assert {"person": "p099", "name": "Eitan Eze", "readiness": "ready_now"} in sales["successors"]


def test_org_chart_status_and_flags_are_those_of_position_coverage(demo_store):
    found = demo_store.org_chart(position="pos-head-platform")
    rows = {r["id"]: r for r in demo_store.position_coverage([], ids([found["focus"], *found["cards"]]))}
    for card in [found["focus"], *found["cards"]]:
        row = rows[card["id"]]
        assert [card[k] for k in ("status", "vacant", "flight_risk", "thin", "shared_cover", "cascade")] == [
            row[k] for k in ("status", "vacant", "flight_risk", "thin", "shared_cover", "cascade")
        ], card["id"]
        assert sorted((s["person"], s["readiness"]) for s in card["successors"]) == sorted(
            (s["person"], s["readiness"]) for s in row["successors"]
        )
    security = next(c for c in found["cards"] if c["id"] == "pos-security-lead")
    assert security["vacant"] and security["incumbents"] == []


def test_org_chart_pages_a_level_by_offset_and_limit_and_counts_it_whole(demo_store):
    first = demo_store.org_chart(position="pos-ceo", offset=0, limit=3)
    rest = demo_store.org_chart(position="pos-ceo", offset=3, limit=10)
    assert (first["total"], rest["total"]) == (7, 7)
    assert len(first["cards"]) == 3 and len(rest["cards"]) == 4
    assert ids(first["cards"]) + ids(rest["cards"]) == ids(demo_store.org_chart(position="pos-ceo")["cards"])
    assert first["focus"]["id"] == rest["focus"]["id"] == "pos-ceo"


def test_org_chart_counts_the_reports_of_each_card(demo_store):
    cards = {c["id"]: c for c in demo_store.org_chart(position="pos-ceo")["cards"]}
    assert (cards["pos-cto"]["child_count"], cards["pos-cos"]["child_count"]) == (3, 0)


def test_org_chart_without_a_start_gives_the_positions_that_report_to_no_one(demo_store):
    found = demo_store.org_chart()
    assert found["focus"] is None and ids(found["cards"]) == ["pos-ceo"] and found["total"] == 1


def test_org_chart_of_a_unit_gives_its_top_positions_counting_the_units_below(demo_store):
    assert ids(demo_store.org_chart(unit="u-eng")["cards"]) == ["pos-cto"]
    assert ids(demo_store.org_chart(unit="u-nw")["cards"]) == ["pos-ceo"]
    sales = demo_store.org_chart(unit="u-sales-emea")
    assert sales["focus"] is None and ids(sales["cards"]) == ["pos-head-emea"]


def test_org_chart_around_positions_gives_them_and_every_position_above(demo_store):
    found = demo_store.org_chart(around=["pos-sre-lead", "pos-nope"])
    assert sorted(ids(found["cards"])) == ["pos-ceo", "pos-cto", "pos-head-platform", "pos-sre-lead"]
    assert found["total"] == 4 and found["focus"] is None


def test_org_chart_of_an_unknown_position_or_unit_is_none(demo_store):
    assert demo_store.org_chart(position="pos-nope") is None
    assert demo_store.org_chart(unit="u-nope") is None


@pytest.mark.neo4j
def test_org_chart_is_the_same_on_both_stores(demo_pair):
    embedded, neo4j = demo_pair
    for ask in (
        {},
        {"position": "pos-ceo"},
        {"position": "pos-head-platform", "limit": 2, "offset": 1},
        {"unit": "u-sales"},
        {"around": ["pos-principal-platform", "pos-head-apac"]},
    ):
        assert embedded.org_chart(**ask) == neo4j.org_chart(**ask), ask


@pytest.mark.neo4j
def test_org_chart_is_the_same_on_both_stores_down_a_generated_organisation(generated_pair):
    embedded, neo4j = generated_pair
    top = embedded.org_chart()
    assert top == neo4j.org_chart() and top["cards"]
    todo, seen = [c["id"] for c in top["cards"]], 0
    while todo and seen < 40:
        position = todo.pop(0)
        level = embedded.org_chart(position=position, limit=5)
        assert level == neo4j.org_chart(position=position, limit=5), position
        todo += [c["id"] for c in level["cards"] if c["child_count"]]
        seen += 1
    some = [c["id"] for c in level["cards"]]
    assert embedded.org_chart(around=some) == neo4j.org_chart(around=some)
