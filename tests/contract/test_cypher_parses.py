"""Every statement in cypher/ is valid Cypher for the Neo4j we run (EXPLAIN plans it)."""

from __future__ import annotations

import pytest

from netgraph.store.neo4j_backend.cypher import available, statement, statements

pytestmark = pytest.mark.neo4j


@pytest.mark.parametrize("name", [n for n in available() if n != "admin/schema"])
def test_statement_is_planned_by_neo4j(neo4j_store, name):
    # auto-commit, because CALL ... IN TRANSACTIONS may only be planned there
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        session.run(f"EXPLAIN {statement(name)}").consume()


def test_schema_applies_twice_without_error(neo4j_store):
    for _ in range(2):
        for text in statements("admin/schema"):
            neo4j_store.driver.execute_query(text, database_=neo4j_store.database)
