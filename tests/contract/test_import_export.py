"""Contract: both stores import, merge and export documents identically.

Every test here runs once on the embedded store and once on a real Neo4j.
"""

from __future__ import annotations

import copy

import pytest

from netgraph.errors import InvalidInput
from netgraph.io.documents import read_document
from netgraph.io.graph_formats import to_networkx
from netgraph.io.importer import import_document
from netgraph.model.validate import complete, validate
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def small_document():
    return read_document(FIXTURES / "small.json")


def load(store, path):
    document, where = read_document(path)
    return import_document(store, document, where)


def expected_stats(document: dict) -> dict:
    """Counts computed independently of any store, from the flat export graph."""
    graph = to_networkx(validate(document))
    nodes: dict[str, int] = {}
    for _, label in graph.nodes(data="label"):
        nodes[label] = nodes.get(label, 0) + 1
    rels: dict[str, int] = {}
    for *_, rel in graph.edges(keys=True):
        rels[rel] = rels.get(rel, 0) + 1
    return {"nodes": nodes, "relationships": rels, "audit": {"events": 1}}  # the import's own event


def nonzero(stats: dict) -> dict:
    return {group: {k: v for k, v in counts.items() if v} for group, counts in stats.items()}


def test_export_returns_exactly_what_was_imported(store, small_document):
    import_document(store, *small_document)
    assert store.export() == complete(validate(small_document[0]))


def test_demo_round_trips_through_the_store(store, demo_document, demo_clean):
    import_document(store, demo_document)
    assert store.export() == demo_clean


def test_stats_count_every_label_and_type(store, demo_document):
    import_document(store, demo_document)
    assert nonzero(store.stats()) == expected_stats(demo_document)


def test_stats_of_an_empty_store_list_every_label_and_type_as_zero(store):
    stats = store.stats()
    assert set(stats["nodes"]) == {"Person", "OrgUnit", "Position", "Skill", "Introduction"}
    assert len(stats["relationships"]) == 14
    assert not any(stats["nodes"].values()) and not any(stats["relationships"].values())


def test_reimporting_the_same_document_changes_nothing(store, demo_document):
    import_document(store, demo_document)
    before_export, before_stats = store.export(), store.stats()
    report = import_document(store, demo_document)
    assert store.export() == before_export
    assert (store.stats()["nodes"], store.stats()["relationships"]) == (
        before_stats["nodes"],
        before_stats["relationships"],
    )
    assert store.stats()["audit"]["events"] == before_stats["audit"]["events"] + 1  # the import is on record
    assert all(c["new"] == 0 for c in report.counts.values())


def test_dry_run_reports_new_records_and_writes_nothing(store, small_document):
    report = import_document(store, *small_document, dry_run=True)
    assert report.counts["people"] == {"new": 4, "changed": 0, "unchanged": 0, "fields": {}}
    assert not any(store.stats()["nodes"].values())


def test_dry_run_counts_stored_records_the_document_holds_as_they_are_as_unchanged(store, small_document):
    import_document(store, *small_document)
    report = import_document(store, *small_document, dry_run=True)
    assert report.counts["knows"] == {"new": 0, "changed": 0, "unchanged": 3, "fields": {}}


def test_a_record_replaces_the_skills_it_carries_and_keeps_the_goals_and_unit_it_leaves_out(store, small_document):
    import_document(store, *small_document)
    before = next(p for p in store.export()["people"] if p["id"] == "p2")
    import_document(store, {"people": [{"id": "p2", "name": "Bruno Díaz", "skills": {"go": 2}}]})
    bruno = next(p for p in store.export()["people"] if p["id"] == "p2")
    assert (bruno["skills"], bruno["wants_to_grow"], bruno["org_unit"]) == (
        {"go": 2},
        before["wants_to_grow"],
        before["org_unit"],
    )


def test_links_may_reference_people_already_in_the_store(store, small_document):
    import_document(store, *small_document)
    import_document(store, {"knows": [{"a": "p2", "b": "p3", "strength": 0.3}]})
    pairs = {(k["a"], k["b"]) for k in store.export()["knows"]}
    assert ("p2", "p3") in pairs


def test_knows_is_stored_once_whichever_way_it_is_written(store, small_document):
    import_document(store, *small_document)
    import_document(store, {"knows": [{"a": "p2", "b": "p1", "strength": 0.1, "context": "again"}]})
    links = [k for k in store.export()["knows"] if {k["a"], k["b"]} == {"p1", "p2"}]
    # since was left out: the stored one stays
    assert links == [
        {
            "a": "p1",
            "b": "p2",
            "since": "2021-10-01",
            "strength": 0.1,
            "context": "again",
            "sources": ["declared"],
            "declared_strength": 0.1,
            "evidence_strength": None,
            "org_chart_strength": None,
            "first_seen": None,
            "last_seen": None,
            "retired_on": None,
        }
    ]
    assert store.stats()["relationships"]["KNOWS"] == 3


def test_a_skill_nobody_has_wants_or_requires_disappears(store, small_document):
    import_document(store, *small_document)
    assert store.stats()["nodes"]["Skill"] == 5
    # 'finance' was only wanted by p1
    import_document(store, {"people": [{"id": "p1", "name": "Ada Osei", "wants_to_grow": []}]})
    assert store.stats()["nodes"]["Skill"] == 4


def test_holders_and_reporting_lines_can_be_changed(store, small_document):
    import_document(store, *small_document)
    import_document(
        store,
        {
            "positions": [
                {
                    "id": "pos-ae",
                    "title": "Account Executive",
                    "reports_to": "pos-vpe",
                    "holders": [{"person": "p3", "since": "2024-01-01"}],
                }
            ]
        },
    )
    ae = next(p for p in store.export()["positions"] if p["id"] == "pos-ae")
    holders = [{"person": "p3", "since": "2024-01-01"}]
    assert (ae["reports_to"], ae["holders"], ae["org_unit"]) == ("pos-vpe", holders, "u-sales")  # the unit was left out


def test_introduction_participants_can_be_corrected(store, small_document):
    import_document(store, *small_document)
    fixed = {"id": "i2", "by": "p1", "introduce": "p3", "to": "p2", "status": "declined", "created_on": "2025-03-02"}
    import_document(store, {"introductions": [fixed]})
    i2 = next(i for i in store.export()["introductions"] if i["id"] == "i2")
    assert (i2["by"], i2["introduce"], i2["to"]) == ("p1", "p3", "p2")
    assert store.stats()["relationships"]["MADE"] == 2


def test_existing_keys_finds_ids_and_links(store, small_document):
    import_document(store, *small_document)
    assert store.existing_keys("people", ["p1", "p9"]) == {"p1"}
    assert store.existing_keys("knows", [("p2", "p1"), ("p2", "p3")]) == {("p2", "p1")}
    assert store.existing_keys("mentorships", [("p1", "p2"), ("p3", "p1")]) == {("p1", "p2")}
    assert store.existing_keys("successors", [("p3", "pos-hos")]) == {("p3", "pos-hos")}


def test_parent_links_describe_both_hierarchies(store, small_document):
    import_document(store, *small_document)
    assert store.parent_links("org_units") == {"u-eng": "u-co", "u-sales": "u-co"}
    assert store.parent_links("positions") == {"pos-hos": "pos-vpe", "pos-ae": "pos-hos"}


def test_an_import_closing_a_cycle_through_a_record_without_its_parent_field_is_refused(store):
    import_document(
        store,
        {
            "org_units": [
                {"id": "y", "name": "Y"},
                {"id": "x", "name": "X", "parent": "y"},
                {"id": "z", "name": "Z", "parent": "x"},
            ]
        },
    )
    # x keeps its stored parent y (the document does not carry the field): y -> z -> x -> y
    with pytest.raises(InvalidInput, match="creates a cycle"):
        import_document(store, {"org_units": [{"id": "x", "name": "X2"}, {"id": "y", "name": "Y", "parent": "z"}]})
    assert store.parent_links("org_units") == {"x": "y", "z": "x"}


def test_csv_folder_imports_like_json(store):
    document, where = read_document(FIXTURES / "small-csv")
    import_document(store, document, where)
    assert store.export() == complete(validate(copy.deepcopy(document)))


def test_clear_empties_the_store(store, small_document):
    import_document(store, *small_document)
    store.clear()
    assert not any(store.stats()["nodes"].values())
