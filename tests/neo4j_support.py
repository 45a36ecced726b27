"""Statements only the test suite runs (``cypher/testing``, not shipped in the wheel), and how it runs
Cypher on a Neo4j store directly: the store itself answers only through its ports."""

from __future__ import annotations

from pathlib import Path

import neo4j

from netgraph.store.neo4j_backend.cypher import statement, strip_comments
from netgraph.store.neo4j_backend.store import Neo4jStore

TESTING = Path(__file__).resolve().parent.parent / "cypher" / "testing"


def testing_statement(name: str) -> str:
    return strip_comments(TESTING.joinpath(f"{name}.cypher").read_text("utf-8")).strip().rstrip(";")


def run_text(store: Neo4jStore, text: str, /, write: bool = False, **params) -> list[neo4j.Record]:
    """Run a statement's text on the store's database, in a managed transaction of its own session."""

    def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
        return list(tx.run(text, params))

    with store.driver.session(database=store.database) as session:
        return session.execute_write(work) if write else session.execute_read(work)


def run_statement(store: Neo4jStore, name: str, /, write: bool = False, **params) -> list[neo4j.Record]:
    """Run one of the shipped statements by name (``admin/index_samples``...), as the store would."""
    return run_text(store, statement(name), write, **params)


def is_test_database(store) -> bool:
    """Whether the suite may wipe this database: empty, or marked by an earlier test session."""
    return run_text(store, testing_statement("is_test_database"))[0]["allowed"]


def mark_test_database(store) -> None:
    run_text(store, testing_statement("mark_test_database"), write=True)
