"""The typed records the ports carry have exactly the fields of the vocabulary, in its order."""

from __future__ import annotations

import pytest

from netgraph.model.records import RECORD_TYPES, Document
from netgraph.model.vocabulary import FIELDS, SECTIONS


def test_every_section_has_a_record_type():
    assert list(RECORD_TYPES) == list(SECTIONS) == list(Document.__annotations__)


@pytest.mark.parametrize("section", SECTIONS)
def test_a_record_type_lists_the_fields_of_its_section_in_order(section):
    assert tuple(RECORD_TYPES[section].__annotations__) == FIELDS[section]


@pytest.mark.parametrize("section", SECTIONS)
def test_every_field_of_a_complete_record_is_required(section):
    assert RECORD_TYPES[section].__required_keys__ == frozenset(FIELDS[section])


def test_a_stored_demo_document_fits_the_record_types(demo_clean):
    for section in SECTIONS:
        assert all(set(record) == RECORD_TYPES[section].__required_keys__ for record in demo_clean[section]), section
