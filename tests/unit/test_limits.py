"""The limits table and the text rules: one source, carried by the shipped schema, applied to every field."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from netgraph.errors import InvalidInput
from netgraph.model.limits import LIST_MAX, MULTILINE_FIELDS, TEXT_MAX, text_kind
from netgraph.model.text import ID_PATTERN, LINE_PATTERN, MULTILINE_PATTERN, SKILL_PATTERN
from netgraph.model.validate import validate


def with_limits(schema: dict) -> dict:
    """The interchange schema as the limits table and the text rules say it must be."""
    schema = copy.deepcopy(schema)
    for section in schema["properties"].values():
        _apply(section["items"])
    return schema


def _apply(record: dict) -> None:
    for field, spec in record["properties"].items():
        kind = text_kind(field)
        if kind == "id":
            spec.update(maxLength=TEXT_MAX["id"], pattern=ID_PATTERN)
        elif kind:
            spec.update(
                maxLength=TEXT_MAX[kind], pattern=MULTILINE_PATTERN if field in MULTILINE_FIELDS else LINE_PATTERN
            )
        elif field == "skills":
            spec["propertyNames"].update(maxLength=TEXT_MAX["skill"], pattern=SKILL_PATTERN)
            spec["maxProperties"] = LIST_MAX["skills"]
        elif field in ("wants_to_grow", "requires", "focus"):
            spec["items"].update(maxLength=TEXT_MAX["skill"], pattern=SKILL_PATTERN)
            spec["maxItems"] = LIST_MAX[field]
        elif field == "holders":
            spec["maxItems"] = LIST_MAX[field]
            _apply(spec["items"])


def shipped_schema() -> dict:
    return json.loads(resources.files("netgraph.model").joinpath("dataset.schema.json").read_text("utf-8"))


def test_the_shipped_schema_carries_the_limits_table_and_the_text_rules():
    assert shipped_schema() == with_limits(shipped_schema())


TEXT_FIELDS = [
    ("org_units", "name", {"id": "u9"}),
    ("people", "name", {"id": "p9"}),
    ("people", "title", {"id": "p9", "name": "Eve"}),
    ("people", "email", {"id": "p9", "name": "Eve"}),
    ("people", "location", {"id": "p9", "name": "Eve"}),
    ("positions", "title", {"id": "x9"}),
    ("people", "id", {"name": "Eve"}),
]


@pytest.mark.parametrize("section, field, rest", TEXT_FIELDS)
def test_text_at_its_limit_is_accepted_and_one_character_more_is_refused(section, field, rest):
    limit = TEXT_MAX[text_kind(field)]
    validate({section: [{**rest, field: "x" * limit}]})
    with pytest.raises(InvalidInput) as caught:
        validate({section: [{**rest, field: "x" * (limit + 1)}]})
    assert [(p.field, p.message) for p in caught.value.problems] == [
        (field, f"{limit + 1} characters, more than the limit of {limit}")
    ]


def test_a_twenty_megabyte_name_is_refused_with_a_short_message():
    with pytest.raises(InvalidInput) as caught:
        validate({"people": [{"id": "p9", "name": "N" * 20_000_000}]})
    assert str(caught.value) == "people[0], field 'name': 20000000 characters, more than the limit of 200"


@pytest.mark.parametrize(
    "field, items",
    [("wants_to_grow", [f"goal {i}" for i in range(51)]), ("skills", {f"skill {i}": 2 for i in range(101)})],
)
def test_a_list_longer_than_its_limit_is_refused(field, items):
    with pytest.raises(InvalidInput) as caught:
        validate({"people": [{"id": "p9", "name": "Eve", field: items}]})
    assert [p.field for p in caught.value.problems] == [field]


def test_a_note_over_its_limit_is_refused():
    note = "n" * (TEXT_MAX["note"] + 1)
    with pytest.raises(InvalidInput, match="note"):
        validate(
            {
                "people": [{"id": "p1", "name": "A"}, {"id": "p2", "name": "B"}, {"id": "p3", "name": "C"}],
                "introductions": [
                    {"id": "i1", "by": "p1", "introduce": "p2", "to": "p3", "created_on": "2025-01-01", "note": note}
                ],
            }
        )


def test_a_nan_strength_handed_over_by_python_is_refused():
    people = [{"id": "p1", "name": "A"}, {"id": "p2", "name": "B"}]
    with pytest.raises(InvalidInput) as caught:
        validate({"people": people, "knows": [{"a": "p1", "b": "p2", "strength": float("nan")}]})
    assert [(p.where, p.field) for p in caught.value.problems] == [("knows[0]", "strength")]
