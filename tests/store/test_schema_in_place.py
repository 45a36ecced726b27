"""A process's first write applies the schema only when something in it is missing: on a database that has it
all, the forty schema statements (each a transaction taking schema locks) are not run again, which is most of
what an import of a few records costs in a new process at a million people (docs/benchmarks/scale.md)."""

from __future__ import annotations

import pytest

from netgraph.store.neo4j_backend.cypher import statements
from netgraph.store.neo4j_backend.driver import schema_in_place, schema_names
from tests import neo4j_support
from tests.neo4j_support import run_text

SCHEMA = statements("admin/schema")


def index_names(store) -> set[str]:
    return {r["name"] for r in run_text(store, "SHOW INDEXES YIELD name RETURN name")}


def test_every_schema_statement_names_what_it_creates_or_drops():
    created, dropped = schema_names(SCHEMA)
    assert len(created) + len(dropped) == len(SCHEMA)


@pytest.mark.neo4j
def test_a_database_with_the_schema_applied_is_seen_to_have_it_all(neo4j_store):
    neo4j_store.init_schema()
    assert schema_in_place(index_names(neo4j_store), SCHEMA)


@pytest.mark.neo4j
def test_a_database_missing_one_index_is_seen_to_lack_it(neo4j_store):
    neo4j_store.init_schema()
    run_text(neo4j_store, neo4j_support.testing_statement("drop_index"), write=True, name="person_name")
    try:
        assert not schema_in_place(index_names(neo4j_store), SCHEMA)
    finally:
        neo4j_store.init_schema()
    assert "person_name" in index_names(neo4j_store)
