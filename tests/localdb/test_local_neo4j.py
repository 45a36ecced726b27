"""`netgraph db local`: a real Neo4j started from Maven jars, reused, and stopped.

One server of this module's own (a temporary home on a free port, the jars of the
test session's server) is taken through its life in order: started (it answers),
started again (reused), stopped (gone). A start costs seconds, so it is paid once;
the tests that need no server use a home that never starts one.
"""

from __future__ import annotations

import socket
import threading

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import DatabaseUnavailable, ServiceUnavailable

from netgraph.errors import StoreTimeout, StoreUnavailable
from netgraph.localdb import LocalNeo4j
from netgraph.store.neo4j_backend.store import Neo4jStore
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


#: What reads through a store met while the module's server stopped (test_stop_ends_the_server fills it).
DURING_STOP: list[BaseException] = []


def read_until_stopped(store: Neo4jStore, stopped: threading.Event) -> None:
    """A page's read, again and again, recording each failure, until the server is gone."""
    while not stopped.is_set():
        try:
            store.mentees_without_mentor()
        except Exception as failure:  # noqa: BLE001 - the test asserts which kinds came
            DURING_STOP.append(failure)


def test_stop_ends_the_server(started):
    server, _ = started  # the last of its life: it is stopped here, with reads going on
    store = Neo4jStore(server.uri, timeout=2)
    assert store.mentees_without_mentor() == []
    stopped = threading.Event()
    readers = [threading.Thread(target=read_until_stopped, args=(store, stopped)) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        assert server.stop() is True
    finally:
        stopped.set()
        for reader in readers:
            reader.join()
        store.close()
    assert server.status()["running"] is False
    with pytest.raises(ServiceUnavailable), GraphDatabase.driver(server.uri, auth=None) as driver:
        driver.verify_connectivity()


def test_reads_while_the_server_stopped_failed_as_unavailable_not_as_errors(started):
    """What a page answers 503 for: the database unavailable while the server shuts down, then the server
    gone; never a driver error (a 500)."""
    assert DURING_STOP, "the reads went on while the server stopped"
    assert all(isinstance(failure, (StoreUnavailable, StoreTimeout)) for failure in DURING_STOP), DURING_STOP


def test_the_database_unavailable_is_store_unavailable(tmp_path):
    """The error a server sends for a database shutting down (``Neo.TransientError.General.DatabaseUnavailable``;
    the reads above meet it only when they hit the moment it is sent) says so, and is a 503."""
    store = Neo4jStore(f"bolt://127.0.0.1:{free_port()}", timeout=1)
    try:
        with pytest.raises(StoreUnavailable, match="unavailable"), store._errors():
            raise DatabaseUnavailable("Database 'neo4j' is unavailable.")
    finally:
        store.close()


def test_stop_without_a_server_says_so(server):
    assert server.stop() is False


def test_a_port_taken_by_another_program_is_a_clear_error(server):
    with socket.socket() as other:
        other.bind(("127.0.0.1", server.port))
        other.listen()
        with pytest.raises(StoreUnavailable, match="taken by another program"):
            server.start()
