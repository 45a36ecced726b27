"""After a large write, the Neo4j store leaves no index sample out of date (and drops the plans made on them).

The suite's Neo4j does not sample in the background (tests/conftest.py): what
is fresh after a write was made fresh by the store. The embedded store keeps
no statistics; these tests are Neo4j's alone.
"""

from __future__ import annotations

import pytest

from netgraph.io.importer import import_document
from netgraph.store.neo4j_backend import Neo4jStore
from netgraph.store.neo4j_backend.statistics import outdated
from tests.neo4j_support import mark_test_database, run_statement

pytestmark = pytest.mark.neo4j


@pytest.fixture
def emptied(neo4j_store):
    """The test database emptied: its samples are still those of the data before."""
    neo4j_store.clear()
    mark_test_database(neo4j_store)
    return neo4j_store


def store_with(uri: str, share: float | None) -> Neo4jStore:
    return Neo4jStore(uri, resample_share=share, resample_least=0)  # the demo is far below RESAMPLE_LEAST


def test_an_import_changing_more_than_the_share_leaves_no_sample_out_of_date(emptied, neo4j_uri, demo_document):
    store = store_with(neo4j_uri, share=0.1)
    try:
        import_document(store, demo_document)
        assert outdated(run_statement(store, "admin/index_samples")) == {}
    finally:
        store.close()


def test_with_the_share_off_an_import_leaves_the_samples_as_they_were(emptied, neo4j_uri, demo_document):
    store = store_with(neo4j_uri, share=None)
    try:
        import_document(store, demo_document)
        assert (("Person",), ("id",)) in outdated(run_statement(store, "admin/index_samples"))
    finally:
        store.close()


def test_an_import_changing_less_than_the_share_does_not_resample(emptied, neo4j_uri, demo_document):
    store = store_with(neo4j_uri, share=0.1)
    try:
        import_document(store, demo_document)
        # 10 new people on 150 (6.7 %, below the share), though more than Neo4j's 5 % that makes a sample old
        newcomers = [
            {**p, "id": f"p-new-{n}", "email": f"new.{n}@example.org"}
            for n, p in enumerate(demo_document["people"][:10])
        ]
        import_document(store, {"people": newcomers})
        assert (("Person",), ("id",)) in outdated(run_statement(store, "admin/index_samples"))
    finally:
        store.close()
