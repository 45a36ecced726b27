"""`netgraph db local`: a real Neo4j started from Maven jars, reused, and stopped.

One server of this module's own (a temporary home on a free port, the jars of the
test session's server) is taken through its life in order: started (it answers),
started again (reused), stopped (gone). A start costs seconds, so it is paid once;
the tests that need no server use a home that never starts one.
"""

from __future__ import annotations

import socket

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import ServiceUnavailable

from netgraph.errors import StoreUnavailable
from netgraph.localdb import LocalNeo4j
from tests.conftest import ROOT

pytestmark = pytest.mark.neo4j


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def new_home(folder) -> LocalNeo4j:
    return LocalNeo4j(
        folder / "neo4j", port=free_port(), heap="512m", pagecache="64m", lib_dir=ROOT / ".neo4j-test" / "lib"
    )


@pytest.fixture(scope="module")
def started(tmp_path_factory, neo4j_uri):  # neo4j_uri: the session server has fetched the jars
    """(the server, what its first ``start`` returned): started once, for the tests of its life in order."""
    local = new_home(tmp_path_factory.mktemp("local"))
    first = local.start()
    yield local, first
    local.stop()


@pytest.fixture
def server(tmp_path, neo4j_uri):
    """A home whose server was never started."""
    local = new_home(tmp_path)
    yield local
    local.stop()


def answer(uri: str) -> int:
    with GraphDatabase.driver(uri, auth=None, connection_timeout=2) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one", database_="neo4j")
    return records[0]["one"]


def test_start_runs_a_server_that_answers_bolt_on_loopback(started):
    server, first = started
    assert first is True
    assert server.status()["running"] is True
    assert answer(server.uri) == 1


def test_a_second_start_reuses_the_running_server(started):
    server, _ = started
    pid = server.status()["pid"]
    assert pid is not None
    assert server.start() is False
    assert server.status()["pid"] == pid


def test_stop_ends_the_server(started):
    server, _ = started  # the last of its life: it is stopped here
    assert server.stop() is True
    assert server.status()["running"] is False
    with pytest.raises(ServiceUnavailable), GraphDatabase.driver(server.uri, auth=None) as driver:
        driver.verify_connectivity()


def test_stop_without_a_server_says_so(server):
    assert server.stop() is False


def test_a_port_taken_by_another_program_is_a_clear_error(server):
    with socket.socket() as other:
        other.bind(("127.0.0.1", server.port))
        other.listen()
        with pytest.raises(StoreUnavailable, match="taken by another program"):
            server.start()
