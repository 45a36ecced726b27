"""The suite wipes only a database that is empty or marked as a test database."""

from __future__ import annotations

import pytest

from tests.neo4j_support import is_test_database, mark_test_database

pytestmark = pytest.mark.neo4j


def allowed(store) -> bool:
    return is_test_database(store)


def test_an_empty_database_may_be_wiped(neo4j_store):
    neo4j_store.clear()
    assert allowed(neo4j_store)


def test_a_database_holding_data_without_the_mark_is_refused(neo4j_store):
    neo4j_store.clear()
    try:
        neo4j_store.write({"org_units": [{"id": "u1", "name": "Real data", "parent": None}]})
        assert not allowed(neo4j_store)
    finally:  # leave it marked, or the next session would refuse this server
        mark_test_database(neo4j_store)


def test_a_marked_database_may_be_wiped_even_with_data(neo4j_store):
    neo4j_store.clear()
    neo4j_store.write({"org_units": [{"id": "u1", "name": "Test data", "parent": None}]})
    mark_test_database(neo4j_store)
    assert allowed(neo4j_store)
