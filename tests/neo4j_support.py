"""Statements only the test suite runs (``cypher/testing``, not shipped in the wheel)."""

from __future__ import annotations

from pathlib import Path

from netgraph.store.neo4j_backend.cypher import strip_comments

TESTING = Path(__file__).resolve().parent.parent / "cypher" / "testing"


def testing_statement(name: str) -> str:
    return strip_comments(TESTING.joinpath(f"{name}.cypher").read_text("utf-8")).strip().rstrip(";")


def is_test_database(store) -> bool:
    """Whether the suite may wipe this database: empty, or marked by an earlier test session."""
    return store.run_text(testing_statement("is_test_database"))[0]["allowed"]


def mark_test_database(store) -> None:
    store.run_text(testing_statement("mark_test_database"), write=True)
