"""Every statement in cypher/ is valid Cypher for the Neo4j we run (EXPLAIN plans it)."""

from __future__ import annotations

from itertools import combinations

import pytest

from netgraph.store.neo4j_backend.cypher import available, marked_parts, statement, statements

pytestmark = pytest.mark.neo4j


@pytest.mark.parametrize("name", [n for n in available() if n != "admin/schema"])
def test_statement_is_planned_by_neo4j(neo4j_store, name):
    # auto-commit, because CALL ... IN TRANSACTIONS may only be planned there
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        session.run(f"EXPLAIN {statement(name)}").consume()


def with_parts() -> list[tuple[str, frozenset[str]]]:
    """Every statement that marks optional parts, with every combination of them but none (planned above)."""
    return [
        (name, frozenset(chosen))
        for name in available()
        for size in range(1, len(marked_parts(name)) + 1)
        for chosen in combinations(sorted(marked_parts(name)), size)
    ]


def _id(value: str | frozenset[str]) -> str:
    return "+".join(sorted(value)) if isinstance(value, frozenset) else value


@pytest.mark.parametrize(("name", "parts"), with_parts(), ids=_id)
def test_statement_with_its_optional_parts_is_planned_by_neo4j(neo4j_store, name, parts):
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        session.run(f"EXPLAIN {statement(name, parts)}").consume()


def test_schema_applies_twice_without_error(neo4j_store):
    for _ in range(2):
        for text in statements("admin/schema"):
            neo4j_store.driver.execute_query(text, database_=neo4j_store.database)
