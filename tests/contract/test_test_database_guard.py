"""The suite wipes only a database that is empty or marked as a test database."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.neo4j


def allowed(store) -> bool:
    return store.query("is_test_database")[0]["allowed"]


def test_an_empty_database_may_be_wiped(neo4j_store):
    neo4j_store.clear()
    assert allowed(neo4j_store)


def test_a_database_holding_data_without_the_mark_is_refused(neo4j_store):
    neo4j_store.clear()
    try:
        neo4j_store.write({"org_units": [{"id": "u1", "name": "Real data", "parent": None}]})
        assert not allowed(neo4j_store)
    finally:  # leave it marked, or the next session would refuse this server
        neo4j_store.query("mark_test_database", write=True)


def test_a_marked_database_may_be_wiped_even_with_data(neo4j_store):
    neo4j_store.clear()
    neo4j_store.write({"org_units": [{"id": "u1", "name": "Test data", "parent": None}]})
    neo4j_store.query("mark_test_database", write=True)
    assert allowed(neo4j_store)
