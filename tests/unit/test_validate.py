"""The model's validation: what is refused, how it is located, what is normalized."""

from __future__ import annotations

import pytest

from netgraph.errors import InvalidInput
from netgraph.model.validate import MAX_PROBLEMS, Where, complete, find_cycles, links_above, validate


def problems_of(document, **kwargs) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInput) as caught:
        validate(document, **kwargs)
    return {(p.where, p.field) for p in caught.value.problems}


class FakeStore:
    """The two questions validation asks a store, answered from plain data."""

    def __init__(self, ids=(), parents=None):
        self.ids, self.parents = set(ids), parents or {}

    def existing_keys(self, section, keys):
        return {k for k in keys if k in self.ids}

    def ancestor_links(self, section, ids):
        return links_above(self.parents.get(section, {}), ids)


def test_a_document_must_be_an_object():
    assert problems_of([1, 2], where=Where("x.json")) == {("x.json", "")}


def test_unknown_sections_are_named():
    assert problems_of({"persons": []}) == {("input", "persons")}


def test_unknown_fields_are_named():
    assert problems_of({"people": [{"id": "p1", "name": "A", "nickname": "Al"}]}) == {("people[0]", "nickname")}


def test_a_compact_date_is_not_accepted_as_iso():
    assert problems_of({"people": [{"id": "p1", "name": "A", "joined_on": "20200101"}]}) == {("people[0]", "joined_on")}


def test_skill_names_may_not_contain_list_separators():
    assert problems_of({"people": [{"id": "p1", "name": "A", "wants_to_grow": ["a;b"]}]}) == {
        ("people[0]", "wants_to_grow.0")
    }


def test_references_may_point_into_the_store():
    clean = validate({"knows": [{"a": "p1", "b": "p2"}]}, existing=FakeStore({"p1", "p2"}))
    assert clean["knows"] == [{"a": "p1", "b": "p2"}]


def test_references_to_ids_nowhere_are_refused():
    assert problems_of({"knows": [{"a": "p1", "b": "p2"}]}, existing=FakeStore({"p1"})) == {("knows[0]", "b")}


def test_a_record_refused_for_its_shape_still_declares_its_id():
    document = {
        "people": [{"id": "p1", "name": "A", "level": 0}, {"id": "p2", "name": "B"}],
        "knows": [{"a": "p1", "b": "p2"}],
    }
    assert problems_of(document) == {("people[0]", "level")}


def test_duplicate_knows_pairs_are_refused_whichever_way_round():
    document = {
        "people": [{"id": "p1", "name": "A"}, {"id": "p2", "name": "B"}],
        "knows": [{"a": "p1", "b": "p2"}, {"a": "p2", "b": "p1"}],
    }
    assert problems_of(document) == {("knows[1]", "a")}


def test_an_introducer_must_be_a_third_person():
    document = {
        "people": [{"id": "p1", "name": "A"}, {"id": "p2", "name": "B"}],
        "introductions": [{"id": "i1", "by": "p1", "introduce": "p1", "to": "p2", "created_on": "2025-01-01"}],
    }
    assert problems_of(document) == {("introductions[0]", "by")}


def test_a_mentorship_cannot_end_before_it_starts():
    document = {
        "people": [{"id": "p1", "name": "A"}, {"id": "p2", "name": "B"}],
        "mentorships": [{"mentor": "p1", "mentee": "p2", "since": "2024-01-01", "until": "2023-01-01"}],
    }
    assert problems_of(document) == {("mentorships[0]", "until")}


def test_a_position_cannot_list_the_same_holder_twice():
    document = {
        "people": [{"id": "p1", "name": "A"}],
        "positions": [{"id": "x", "title": "X", "holders": [{"person": "p1"}, {"person": "p1"}]}],
    }
    assert problems_of(document) == {("positions[0]", "holders")}


def test_a_cycle_through_the_stored_hierarchy_is_refused():
    store = FakeStore({"u-a", "u-b"}, {"org_units": {"u-b": "u-a"}})
    assert problems_of({"org_units": [{"id": "u-a", "name": "A", "parent": "u-b"}]}, existing=store) == {
        ("org_units[0]", "parent")
    }


def test_moving_a_unit_out_of_a_stored_cycle_risk_is_accepted():
    store = FakeStore({"u-a", "u-b"}, {"org_units": {"u-b": "u-a"}})
    document = {"org_units": [{"id": "u-b", "name": "B", "parent": None}, {"id": "u-a", "name": "A", "parent": "u-b"}]}
    assert validate(document, existing=store)["org_units"][0]["id"] == "u-a"


def test_a_record_without_its_parent_field_keeps_its_stored_parent_in_the_cycle_check():
    # stored: z -> x -> y; the document renames x (no parent field) and puts y under z: y -> z -> x -> y
    store = FakeStore({"x", "y", "z"}, {"org_units": {"z": "x", "x": "y"}})
    document = {"org_units": [{"id": "x", "name": "X2"}, {"id": "y", "name": "Y", "parent": "z"}]}
    assert problems_of(document, existing=store) == {("org_units[0]", "parent")}


def test_the_cycle_check_reads_only_the_links_above_the_documents_records():
    asked = []

    class Recording(FakeStore):
        def ancestor_links(self, section, ids):
            asked.append((section, ids))
            return super().ancestor_links(section, ids)

    store = Recording({"u-a", "u-b", "u-c"}, {"org_units": {"u-b": "u-a"}})
    validate({"org_units": [{"id": "u-d", "name": "D", "parent": "u-b"}]}, existing=store)
    assert asked == [("org_units", ["u-b", "u-d"])]


def test_the_number_of_listed_problems_is_capped_but_counted():
    document = {"people": [{"id": f"p{i}", "name": "A", "level": 99} for i in range(MAX_PROBLEMS + 7)]}
    with pytest.raises(InvalidInput) as caught:
        validate(document)
    assert (len(caught.value.problems), caught.value.total) == (MAX_PROBLEMS, MAX_PROBLEMS + 7)
    assert "and 7 more" in str(caught.value)


def test_normalizing_orders_sets_and_keeps_only_the_fields_given():
    given = {"id": "p1", "name": "A", "skills": {"z": 1, "a": 2}, "wants_to_grow": ["y", "b", "y"]}
    clean = validate({"people": [given]})
    assert clean["people"] == [{"id": "p1", "name": "A", "skills": {"a": 2, "z": 1}, "wants_to_grow": ["b", "y"]}]


def test_completing_fills_the_defaults_of_a_new_record():
    person = complete(validate({"people": [{"id": "p1", "name": "A"}]}))["people"][0]
    assert (person["open_to_intros"], person["status"], person["level"], person["skills"]) == (True, "active", None, {})


def test_a_new_person_is_open_to_mentoring_unless_they_say_otherwise():
    people = complete(
        validate({"people": [{"id": "p1", "name": "A"}, {"id": "p2", "name": "B", "open_to_mentoring": False}]})
    )
    assert [p["open_to_mentoring"] for p in people["people"]] == [True, False]


def test_open_to_mentoring_must_be_true_or_false():
    with pytest.raises(InvalidInput) as caught:
        validate({"people": [{"id": "p1", "name": "A", "open_to_mentoring": "maybe"}]})
    assert [p.field for p in caught.value.problems] == ["open_to_mentoring"]


def test_cycles_are_found_once_each():
    assert find_cycles({"a": "a", "b": "c", "c": "b", "d": None}) == [["a"], ["b", "c"]]
