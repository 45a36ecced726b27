"""After an upgrade that adds an index to a filled Neo4j store, ``netgraph db init`` waits for it to be built;
a write never does for more than a few seconds: it says the indexes are building instead of hanging a request.

The index is the people's email index (full text, the slowest of the schema's to build), dropped and then
filled under, as on a database an earlier build made before the schema had it.
"""

from __future__ import annotations

import os
import time

import pytest

from netgraph.errors import IndexesBuilding
from netgraph.model.validate import complete, validate
from netgraph.store.neo4j_backend import Neo4jStore
from tests import neo4j_support
from tests.conftest import _fresh_neo4j
from tests.contract.cli_runner import cli_on
from tests.neo4j_support import run_text

pytestmark = pytest.mark.neo4j

#: An index of the schema (cypher/admin/schema.cypher) and enough people under it that building it takes a while.
ADDED_INDEX = "person_email"
PEOPLE = 200_000
ONE_PERSON = {"people": [{"id": "p1", "name": "Ada"}]}


def without_index_under_many_people(store: Neo4jStore) -> None:
    _fresh_neo4j(store)
    run_text(store, neo4j_support.testing_statement("drop_index"), write=True, name=ADDED_INDEX)
    with store.driver.session(database=store.database) as session:  # IN TRANSACTIONS runs in auto-commit
        session.run(neo4j_support.testing_statement("many_people"), count=PEOPLE).consume()


def not_online(store: Neo4jStore) -> list[str]:
    return [r["name"] for r in run_text(store, "SHOW INDEXES YIELD name, state WHERE state <> 'ONLINE' RETURN name")]


@pytest.fixture
def upgraded(neo4j_store, neo4j_uri):
    """The session's database filled without the index, and a later process's store that has not applied the
    schema yet (the first write of a server started after the upgrade)."""
    without_index_under_many_people(neo4j_store)
    later = Neo4jStore(
        neo4j_uri, os.environ.get("NETGRAPH_TEST_NEO4J_USERNAME"), os.environ.get("NETGRAPH_TEST_NEO4J_PASSWORD")
    )
    yield later
    later.close()
    neo4j_store.init_schema()  # the rest of the session plans on the whole schema, built
    _fresh_neo4j(neo4j_store)


def test_a_first_write_while_an_added_index_is_built_is_refused_at_once_saying_so(upgraded):
    upgraded.write_index_wait = 0  # the few seconds a write waits, less than building this index takes
    start = time.monotonic()
    with pytest.raises(IndexesBuilding, match=rf"still building indexes \({ADDED_INDEX} \d+ %\).*netgraph db init"):
        upgraded.write(complete(validate(ONE_PERSON)))
    assert time.monotonic() - start < 60
    assert upgraded.person_names(["p1"]) == {}


def test_a_write_after_the_index_is_built_goes_through(upgraded):
    upgraded.write_index_wait = 0
    with pytest.raises(IndexesBuilding):
        upgraded.write(complete(validate(ONE_PERSON)))
    upgraded.init_schema()
    upgraded.write(complete(validate(ONE_PERSON)))
    assert upgraded.person_names(["p1"]) == {"p1": "Ada"}


def test_db_init_returns_once_the_added_index_is_online(upgraded, monkeypatch, capsys):
    code, out, _ = cli_on(upgraded, monkeypatch, capsys)("db", "init")
    assert (code, not_online(upgraded)) == (0, []) and "schema ready" in out
