"""The suite runs on a routing URI (``neo4j://``); a direct ``bolt://`` connection to one server must work too.

A single server, a proxy in front of one, or a tool that must reach one
member of a cluster is addressed with ``bolt://``: no routing table is asked
for. This is the one test that keeps that path (tests/conftest.py).
"""

from __future__ import annotations

import os

import pytest

from netgraph.io.documents import read_document
from netgraph.io.importer import import_document
from netgraph.model.validate import complete, validate
from netgraph.store.neo4j_backend import Neo4jStore
from tests.conftest import FIXTURES, _fresh_neo4j, direct_uri

pytestmark = pytest.mark.neo4j


def test_the_suite_talks_to_neo4j_through_a_routing_uri(neo4j_uri):
    assert neo4j_uri.startswith("neo4j://") or os.environ.get("NETGRAPH_TEST_NEO4J_URI")


def test_a_direct_bolt_connection_imports_and_exports_the_same_document(neo4j_store, neo4j_uri):
    _fresh_neo4j(neo4j_store)  # the session's database, emptied (and still marked as a test database)
    document, where = read_document(FIXTURES / "small.json")
    direct = Neo4jStore(direct_uri(neo4j_uri))
    try:
        import_document(direct, document, where)
        assert direct.uri.startswith("bolt://") and direct.export() == complete(validate(document))
    finally:
        direct.close()
