"""Stored insights on both stores: the same results, provenance, staleness, erasure, and the read answers."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from netgraph.analysis.insights import stored
from netgraph.analysis.insights.projection import Projection
from netgraph.analysis.insights.silos import silo_rows, unit_matrix
from netgraph.analysis.insights.units import unit_tree
from netgraph.errors import InvalidInput
from netgraph.model.audit import entry
from netgraph.model.insight_rows import PART_KINDS
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import complete, validate
from netgraph.store import EmbeddedStore
from tests.contract.conftest import insight_document
from tests.contract.test_ports_insights import DOCUMENT

SETTINGS = InsightSettings(permutations=20)
RECOMMEND = RecommendSettings()


def without_time(state: dict) -> dict:
    return {k: v for k, v in state.items() if k != "computed_at"}


def parts(store) -> dict[str, list]:
    return {kind: store.insight_parts(kind) for kind in PART_KINDS}


@pytest.fixture(scope="module")
def reference() -> tuple[dict, list[dict], dict[str, list]]:
    """What refresh stores for the insight organisation, computed on an in-memory store."""
    memory = EmbeddedStore(None)
    memory.write(insight_document())
    stored.refresh(memory, SETTINGS, RECOMMEND)
    return memory.insight_state(), memory.person_insights(), parts(memory)


@pytest.fixture(scope="module")
def refreshed(insight_store):
    stored.refresh(insight_store, SETTINGS, RECOMMEND)
    return insight_store


@pytest.fixture
def small(store):
    store.write(complete(validate(DOCUMENT)))
    stored.refresh(store, SETTINGS, RECOMMEND)
    return store


def test_refresh_stores_the_same_results_on_both_stores(refreshed, reference):
    state, people, found = reference
    assert without_time(refreshed.insight_state()) == without_time(state)
    assert refreshed.person_insights() == people
    assert parts(refreshed) == found and all(found.values())


def test_every_answer_says_when_and_how_it_was_computed(refreshed):
    found = stored.silos(refreshed)
    assert (found["mode"], found["sources"], found["seed"], found["stale"]) == ("exact", 294, 0, False)
    assert found["computed_at"] == refreshed.insight_state()["computed_at"]


def test_a_sampled_refresh_says_so_with_its_sources_and_seed(small):
    done = stored.refresh(small, SETTINGS, RECOMMEND, sample=3, seed=7)
    assert (done["mode"], done["sources"], done["seed"]) == ("sampled", 3, 7)
    assert stored.brokers(small)["mode"] == "sampled"


def test_a_write_to_the_network_after_a_refresh_makes_the_results_stale(small):
    small.write(complete(validate({"knows": [{"a": "p1", "b": "p4"}]}, existing=small)))
    assert stored.brokers(small)["stale"] is True


def test_a_write_that_carries_nothing_leaves_the_results_fresh(small):
    small.write(complete(validate({}, existing=small)))
    assert stored.brokers(small)["stale"] is False


def test_a_new_position_after_a_refresh_makes_the_results_stale_since_impact_reads_positions(small):
    small.write(complete(validate({"positions": [{"id": "x1", "title": "Lead", "critical": True}]}, existing=small)))
    assert stored.brokers(small)["stale"] is True


def test_erasing_a_person_removes_them_from_every_stored_result(small):
    small.erase_person("p2", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    assert "p2" not in {r["person"] for r in stored.brokers(small, limit=100)["people"]}
    assert "p2" not in str(small.insight_state()) + str(parts(small))


def test_brokers_of_a_unit_are_its_people_and_those_of_the_units_under_it(small):
    assert {r["person"] for r in stored.brokers(small, unit="u0", limit=100)["people"]} == {"p1", "p2", "p3", "p4"}
    assert {r["person"] for r in stored.brokers(small, unit="u1", limit=100)["people"]} == {"p1", "p2"}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: stored.brokers(s, unit="nowhere"), "unknown org unit 'nowhere'"),
        (lambda s: stored.brokers(s, limit=0), "limit"),
        (lambda s: stored.heat_map(s, level=9), "must be from 1 to 2"),
    ],
)
def test_bad_requests_get_a_clear_message(small, call, message):
    with pytest.raises(InvalidInput, match=message):
        call(small)


def test_reads_before_the_first_refresh_say_how_to_refresh(store):
    with pytest.raises(InvalidInput, match="netgraph insights refresh"):
        stored.brokers(store)


def test_refreshing_an_empty_network_says_it_is_empty(store):
    with pytest.raises(InvalidInput, match="the network is empty"):
        stored.refresh(store, SETTINGS, RECOMMEND)


def test_unit_figures_of_a_network_without_units_say_there_are_none(store):
    store.write(
        complete(
            validate(
                {"people": [{"id": "p1", "name": "Ada"}, {"id": "p2", "name": "Bo"}], "knows": [{"a": "p1", "b": "p2"}]}
            )
        )
    )
    stored.refresh(store, SETTINGS, RECOMMEND)
    with pytest.raises(InvalidInput, match="no org units"):
        stored.silos(store)


# -- reads of one unit or one level: the same rows as the whole answer, narrowed ----------------------


def subtree(store, unit: str) -> set[str]:
    return stored.unit_tree_below(store.parent_links("org_units"), unit)


def second_level_unit(store) -> str:
    return stored.heat_map(store, level=2)["units"][0]["unit"]


def test_silos_of_a_level_are_those_of_the_units_of_its_heat_map(refreshed):
    units = [u["unit"] for u in stored.heat_map(refreshed, level=2)["units"]]
    every = {r["unit"]: r for r in stored.silos(refreshed)["units"]}
    assert stored.silos(refreshed, level=2)["units"] == [every[u] for u in units]


def test_silos_of_a_unit_are_those_of_it_and_the_units_under_it(refreshed):
    unit = second_level_unit(refreshed)
    below = subtree(refreshed, unit)
    assert stored.silos(refreshed, unit=unit)["units"] == [
        r for r in stored.silos(refreshed)["units"] if r["unit"] in below
    ]


def test_cut_points_of_a_unit_are_those_of_its_people_in_the_same_order(refreshed):
    unit = second_level_unit(refreshed)
    below = subtree(refreshed, unit)
    found = stored.cut_points(refreshed, unit=unit, limit=1000)["people"]
    assert found and found == [r for r in stored.cut_points(refreshed, limit=1000)["people"] if r["unit"] in below]


def test_communities_of_a_unit_are_those_holding_its_people(refreshed):
    unit = second_level_unit(refreshed)
    below = subtree(refreshed, unit)
    every, found = stored.communities(refreshed), stored.communities(refreshed, unit=unit)
    assert found["communities"] == [c for c in every["communities"] if any(u in below for u, _ in c["units"])]
    assert found["units"] == [u for u in every["units"] if u["unit"] in below]


def test_communities_without_units_split_leave_the_unit_rows_out(refreshed):
    found = stored.communities(refreshed, split_units=False)
    assert found["units"] == [] and found["communities"] == stored.communities(refreshed)["communities"]


# -- silos, by hand and against the definition -------------------------------------------------------

#: A (a1 a2 a3) and B (b1 b2) under T; c1 directly in T; x without a unit.
HAND = Projection(
    people=["a1", "a2", "a3", "b1", "b2", "c1", "x"],
    units=["A", "A", "A", "B", "B", "T", None],
    sources=np.array([0, 1, 0, 3, 4, 5]),
    targets=np.array([1, 2, 3, 4, 5, 6]),
    strengths=np.ones(6),
    unit_parents={"T": None, "A": "T", "B": "T"},
)


def hand_rows() -> dict[str, dict]:
    degree = np.bincount(np.concatenate([HAND.sources, HAND.targets]), minlength=HAND.size).astype(float)
    return {r["unit"]: r for r in silo_rows(HAND, unit_tree(HAND), degree, permutations=50, seed=1)}


def test_ei_counts_ties_inside_and_out_of_a_unit_with_the_units_under_it():
    rows = hand_rows()
    assert [(rows[u]["internal"], rows[u]["external"], rows[u]["members"]) for u in "ABT"] == [
        (2, 1, 3),
        (1, 2, 2),
        (5, 1, 6),
    ]
    assert [rows[u]["ei"] for u in "ABT"] == pytest.approx([-1 / 3, 1 / 3, -2 / 3])


def test_expected_ei_is_what_random_mixing_gives_a_unit_of_that_size():
    # 3 of 7 people: 3 * 4 = 12 outside pairs, 3 inside: (12 - 3) / 15; 2 of 7: (10 - 1) / 11; 6 of 7: (6 - 15) / 21
    assert [hand_rows()[u]["expected_ei"] for u in "ABT"] == pytest.approx([9 / 15, 9 / 11, -9 / 21])


def test_the_permutation_interval_holds_every_shuffled_index_between_its_ends():
    low, high = hand_rows()["A"]["interval"]
    assert -1 <= low <= high <= 1


def test_the_unit_matrix_counts_ties_between_the_units_of_one_level():
    assert unit_matrix(HAND, unit_tree(HAND), 2) == {
        "level": 2,
        "units": ["A", "B"],
        "sizes": [3, 2],
        "ties": [[0, 0, 2], [0, 1, 1], [1, 1, 1]],
    }


def document_graph() -> tuple[nx.Graph, dict[str, str | None], dict[str, str | None]]:
    """The insight organisation's contact network by its definition, its people's units and the unit tree."""
    document = insight_document()
    staying = {p["id"]: p["org_unit"] for p in document["people"] if p["status"] != "left"}
    graph = nx.Graph()
    graph.add_nodes_from(staying)
    graph.add_edges_from(
        (k["a"], k["b"])
        for k in document["knows"]
        if k["retired_on"] is None and k["a"] in staying and k["b"] in staying
    )
    graph.add_edges_from(
        (m["mentor"], m["mentee"]) for m in document["mentorships"] if m["mentor"] in staying and m["mentee"] in staying
    )
    return graph, staying, {u["id"]: u["parent"] for u in document["org_units"]}


def test_silos_of_the_organisation_follow_the_definition(refreshed):
    graph, staying, parents = document_graph()

    def chain(unit):
        while unit is not None:
            yield unit
            unit = parents[unit]

    for row in stored.silos(refreshed)["units"]:
        inside = {p for p, u in staying.items() if row["unit"] in chain(u)}
        internal = graph.subgraph(inside).number_of_edges()
        external = sum(1 for a, b in graph.edges if (a in inside) != (b in inside))
        assert (row["members"], row["internal"], row["external"]) == (len(inside), internal, external), row["unit"]


def test_heat_map_densities_are_ties_over_possible_pairs(refreshed):
    found = stored.heat_map(refreshed, level=2)
    size = {u["unit"]: u["members"] for u in found["units"]}
    for cell in found["cells"]:
        a, b = size[cell["a"]], size[cell["b"]]
        pairs = a * (a - 1) / 2 if cell["a"] == cell["b"] else a * b
        assert cell["ties"] > 0 and cell["density"] == pytest.approx(cell["ties"] / pairs)


class NamesRecorded:
    """The store, recording which units each unit-name look-up asks for."""

    def __init__(self, store):
        self.store, self.asked = store, []

    def __getattr__(self, name):
        return getattr(self.store, name)

    def unit_names(self, units):
        self.asked.append(sorted(units))
        return self.store.unit_names(units)


def most_ties_first(found: dict) -> list[str]:
    total = {u["unit"]: 0 for u in found["units"]}
    for cell in found["cells"]:
        total[cell["a"]] += cell["ties"]
        if cell["b"] != cell["a"]:
            total[cell["b"]] += cell["ties"]
    order = [u["unit"] for u in found["units"]]
    return sorted(order, key=lambda u: (-total[u], order.index(u)))


def test_a_limited_heat_map_keeps_the_units_with_the_most_ties_and_counts_the_rest(refreshed):
    whole = stored.heat_map(refreshed, level=2)
    busiest = set(most_ties_first(whole)[:2])
    found = stored.heat_map(refreshed, level=2, limit=2)
    assert len(whole["units"]) > 2 and found["left_out"] == len(whole["units"]) - 2
    assert found["units"] == [u for u in whole["units"] if u["unit"] in busiest]
    assert found["cells"] == [c for c in whole["cells"] if c["a"] in busiest and c["b"] in busiest]


def test_a_limited_heat_map_looks_up_the_names_of_the_units_shown_only(refreshed):
    recording = NamesRecorded(refreshed)
    found = stored.heat_map(recording, level=2, limit=2)
    assert recording.asked == [sorted(u["unit"] for u in found["units"])]


def test_a_whole_heat_map_leaves_no_unit_out(refreshed):
    found = stored.heat_map(refreshed, level=2)
    assert found["left_out"] == 0 and stored.heat_map(refreshed, level=2, limit=len(found["units"])) == found


def test_a_limited_silo_table_keeps_the_clearest_silos_first_and_counts_the_rest(refreshed):
    every = stored.silos(refreshed)["units"]
    found = stored.silos(refreshed, limit=3)
    assert len(every) > 3 and found["left_out"] == len(every) - 3
    assert found["units"] == sorted(every, key=stored.clearest_first)[:3]


def test_a_limited_silo_table_of_a_level_looks_up_the_names_of_the_units_shown_only(refreshed):
    recording = NamesRecorded(refreshed)
    found = stored.silos(recording, level=2, limit=2)
    assert len(found["units"]) == 2 and recording.asked == [sorted(u["unit"] for u in found["units"])]


def test_a_whole_silo_table_keeps_the_stored_order_and_leaves_no_unit_out(refreshed):
    found = stored.silos(refreshed)
    assert found["left_out"] == 0 and [r["unit"] for r in found["units"]] == [
        r["unit"] for r in refreshed.insight_parts("silos")
    ]


class PartsRecorded:
    """The store, recording which kinds of parts each read asks for, with the keys asked (None: every one)."""

    def __init__(self, store):
        self.store, self.asked = store, []

    def __getattr__(self, name):
        return getattr(self.store, name)

    def insight_parts(self, kind, keys=None, *, run=None):
        self.asked.append((kind, keys))
        return self.store.insight_parts(kind, keys, run=run)


def test_a_limited_heat_map_reads_the_records_of_the_units_shown_only(refreshed):
    recording = PartsRecorded(refreshed)
    stored.heat_map(recording, level=2, limit=2)
    assert recording.asked == [("heat_map_units", ["2/0", "2/1"])]


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 1000])
def test_a_limited_heat_map_of_every_level_is_the_whole_one_cut_to_its_busiest_units(refreshed, limit):
    for level in range(1, refreshed.insight_state()["levels"] + 1):
        whole = stored.heat_map(refreshed, level=level)
        busiest = set(most_ties_first(whole)[:limit])
        found = stored.heat_map(refreshed, level=level, limit=limit)
        assert found["units"] == [u for u in whole["units"] if u["unit"] in busiest]
        assert found["cells"] == [c for c in whole["cells"] if c["a"] in busiest and c["b"] in busiest]
        assert found["left_out"] == len(whole["units"]) - len(busiest)


@pytest.mark.parametrize("level", [None, 2])
def test_a_limited_silo_table_reads_the_ranked_records_of_the_units_shown_only(refreshed, level):
    recording = PartsRecorded(refreshed)
    stored.silos(recording, level=level, limit=2)
    scope = "all" if level is None else str(level)
    assert recording.asked == [("silo_order", [f"{scope}/0", f"{scope}/1"])]


@pytest.mark.parametrize("limit", [1, 2, 3, 1000])
def test_a_limited_silo_table_of_every_level_is_the_whole_one_cut_to_its_clearest_silos(refreshed, limit):
    for level in [None, *range(1, refreshed.insight_state()["levels"] + 1)]:
        whole = stored.silos(refreshed, level=level)["units"]
        found = stored.silos(refreshed, level=level, limit=limit)
        shown = whole if len(whole) <= limit else sorted(whole, key=stored.clearest_first)[:limit]
        assert found["units"] == shown and found["left_out"] == len(whole) - len(shown)


def test_limited_reads_of_a_result_stored_without_ranked_records_pick_from_the_whole_parts(small):
    reads = [
        lambda: stored.heat_map(small, level=2, limit=1),
        lambda: stored.silos(small, limit=1),
        lambda: stored.silos(small, level=2, limit=1),
    ]
    before = [read() for read in reads]
    earlier: dict = {
        "silos": [(row["unit"], row) for row in small.insight_parts("silos")],
        "heat_map": [(str(m["level"]), m) for m in small.insight_parts("heat_map")],
    }
    small.save_insights(small.insight_state(), small.person_insights(), earlier)
    assert not small.insight_parts("heat_map_units") and [read() for read in reads] == before


@pytest.mark.parametrize("read", [stored.silos, stored.heat_map])
def test_a_limit_below_one_is_refused_naming_it(refreshed, read):
    with pytest.raises(InvalidInput, match="limit"):
        read(refreshed, limit=0)


# -- cut points ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cuts(refreshed):
    return {r["person"]: r for r in stored.cut_points(refreshed, limit=1000)["people"]}


def test_cut_points_are_the_articulation_points_with_the_pieces_they_cut_off(cuts):
    graph, _, _ = document_graph()
    expected = {}
    for person in nx.articulation_points(graph):
        rest = graph.subgraph(nx.node_connected_component(graph, person) - {person})
        sizes = sorted((len(c) for c in nx.connected_components(rest)), reverse=True)
        expected[person] = sizes[1:]
    assert {p: [piece["size"] for piece in r["cuts_off"]] for p, r in cuts.items() if r["cuts_off"]} == expected


def test_a_small_piece_cut_off_lists_its_people(cuts):
    graph, _, _ = document_graph()
    for person, row in cuts.items():
        for piece in row["cuts_off"]:
            if piece["people"] is not None:
                without = graph.subgraph(set(graph) - {person})
                assert sorted(nx.node_connected_component(without, piece["people"][0])) == piece["people"]
                assert len(piece["people"]) == piece["size"]


def test_both_ends_of_each_bridge_name_the_other(cuts):
    graph, _, _ = document_graph()
    expected = {}
    for a, b in nx.bridges(graph):
        expected.setdefault(a, []).append(b)
        expected.setdefault(b, []).append(a)
    assert {p: sorted(r["bridges"]) for p, r in cuts.items() if r["bridges"]} == {
        p: sorted(o) for p, o in expected.items()
    }


def test_sole_links_are_the_unit_pairs_whose_every_tie_a_person_takes_part_in(cuts):
    graph, unit, _ = document_graph()
    pairs: dict[tuple, list] = {}
    for a, b in graph.edges:
        if unit[a] and unit[b] and unit[a] != unit[b]:
            pairs.setdefault(tuple(sorted((unit[a], unit[b]))), []).append({a, b})
    expected: dict[str, list] = {}
    for pair, ties in pairs.items():
        for person in set.intersection(*ties):
            own = unit[person]
            expected.setdefault(person, []).append([own, pair[1] if pair[0] == own else pair[0]])
    assert {p: r["sole_links"] for p, r in cuts.items() if r["sole_links"]} == {
        p: sorted(v) for p, v in expected.items()
    }


def test_erasing_a_person_takes_them_out_of_the_cut_points_of_others(small):
    assert any("p4" in r["bridges"] for r in stored.cut_points(small, limit=100)["people"])
    small.erase_person("p4", tombstones=[], audit=entry("erase", [], actor="cli:test"))
    found = stored.cut_points(small, limit=100)["people"]
    assert "p4" not in str([r["bridges"] + r["cuts_off"] for r in found]) and "p4" not in {r["person"] for r in found}


# -- communities --------------------------------------------------------------------------------------


def test_communities_partition_everyone_and_their_nmi_against_units_is_sklearns(refreshed):
    from sklearn.metrics import normalized_mutual_info_score

    graph, unit, _ = document_graph()
    community = {r["person"]: r["community"] for r in refreshed.person_insights()}
    assert set(community) == set(graph)
    people = sorted(graph)
    groups = {u: k for k, u in enumerate(sorted({unit[p] or f"none:{p}" for p in people}))}
    expected = normalized_mutual_info_score(
        [groups[unit[p] or f"none:{p}"] for p in people], [community[p] for p in people]
    )
    assert stored.communities(refreshed)["nmi"] == pytest.approx(expected, abs=1e-9)


def test_the_communities_are_at_least_as_modular_as_the_units(refreshed):
    graph, unit, _ = document_graph()
    by_community: dict[int, set] = {}
    for r in refreshed.person_insights():
        by_community.setdefault(r["community"], set()).add(r["person"])
    by_unit: dict[str, set] = {}
    for person in graph:
        by_unit.setdefault(unit[person] or f"none:{person}", set()).add(person)
    weighted = nx.Graph(graph)
    assert nx.community.modularity(weighted, by_community.values()) >= nx.community.modularity(
        weighted, by_unit.values()
    )


def test_each_community_counts_its_people_by_unit_and_each_unit_by_community(refreshed):
    rows = refreshed.person_insights()
    found = stored.communities(refreshed)
    for c in found["communities"]:
        members = [r for r in rows if r["community"] == c["community"]]
        assert c["size"] == len(members)
        assert c["units"] == sorted(
            ([u, sum(1 for r in members if r["unit"] == u)] for u, _ in c["units"]), key=lambda x: (-x[1], x[0])
        )
        assert c["named_by"] == [u for u, _ in c["units"]][:3]
    for u in found["units"]:
        assert u["members"] == sum(1 for r in rows if r["unit"] == u["unit"])
        assert all(
            n == sum(1 for r in rows if r["unit"] == u["unit"] and r["community"] == c) for c, n in u["communities"]
        )


def test_the_same_seed_gives_the_same_communities(small):
    first = [r["community"] for r in small.person_insights()]
    stored.refresh(small, SETTINGS, RECOMMEND)
    assert [r["community"] for r in small.person_insights()] == first
