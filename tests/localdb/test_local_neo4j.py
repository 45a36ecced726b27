"""`netgraph db local`: a real Neo4j started from Maven jars, reused, and stopped.

Each test runs its own server in a temporary home on a free port; the jars
are shared with the test session's server (fetched once).
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


@pytest.fixture
def server(tmp_path, neo4j_uri):  # neo4j_uri: the session server has fetched the jars
    local = LocalNeo4j(
        tmp_path / "neo4j", port=free_port(), heap="512m", pagecache="64m", lib_dir=ROOT / ".neo4j-test" / "lib"
    )
    yield local
    local.stop()


def answer(uri: str) -> int:
    with GraphDatabase.driver(uri, auth=None, connection_timeout=2) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one", database_="neo4j")
    return records[0]["one"]


def test_start_runs_a_server_that_answers_bolt_on_loopback(server):
    assert server.start() is True
    assert server.status()["running"] is True
    assert answer(server.uri) == 1


def test_a_second_start_reuses_the_running_server(server):
    server.start()
    pid = server.status()["pid"]
    assert server.start() is False
    assert server.status()["pid"] == pid


def test_stop_ends_the_server(server):
    server.start()
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
