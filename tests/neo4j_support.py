"""Statements only the test suite runs (``cypher/testing``, not shipped in the wheel), and how it runs
Cypher on a Neo4j store directly: the store itself answers only through its ports."""

from __future__ import annotations

from pathlib import Path

import neo4j

from netgraph.localdb import LocalNeo4j
from netgraph.store.neo4j_backend.cypher import statement, strip_comments
from netgraph.store.neo4j_backend.store import Neo4jStore
from tests.exclusive import exclusive

ROOT = Path(__file__).resolve().parent.parent
TESTING = ROOT / "cypher" / "testing"
#: where the test servers' jars are (each server has a home of its own and maps these)
JARS_HOME = ROOT / ".neo4j-test"


def neo4j_jars() -> Path:
    """The folder of the test servers' jars, fetched with Maven unless a finished fetch is there.

    Both test workers (and tests starting servers of their own) need them; on a fresh clone the
    first fetches while the others wait, since a fetch empties the folder before it fills it.
    """
    with exclusive(JARS_HOME / "fetch.lock"):
        return LocalNeo4j(JARS_HOME).fetch_jars()


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
