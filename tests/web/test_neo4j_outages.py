"""When Neo4j goes away, stalls or comes back: the app answers 503 quickly and recovers alone.

These run the app on the real test Neo4j. The outage is made by a TCP relay
between the app's driver and the server (:class:`Relay`), which can cut every
connection and refuse new ones, then accept again: what a restart or a network
blip looks like to the driver, without stopping the shared test server.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from netgraph.io.importer import import_document
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.records import new_defaults, parameter_row
from netgraph.web import create_app
from tests.conftest import _fresh_neo4j
from tests.web.conftest import Browser

pytestmark = pytest.mark.neo4j


class Relay:
    """Forwards 127.0.0.1:<port> to a Bolt server until ``cut()``; ``restore()`` listens again."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = _free_port()
        self.connections: list[socket.socket] = []
        self.listener: socket.socket | None = None
        self.restore()

    def restore(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self) -> None:
        """Close the listening socket and every open connection, both ways."""
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        except OSError:
            pass
        self.listener.close()
        for conn in self.connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()
        self.connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            server = socket.create_connection(("127.0.0.1", self.target_port))
            self.connections += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=_pipe, args=(a, b), daemon=True).start()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def demo_on_neo4j(neo4j_store, demo_document):
    store = _fresh_neo4j(neo4j_store)
    import_document(store, demo_document)
    return store


def _app(uri: str, accounts_file, **settings):
    return create_app(
        {
            "SECRET_KEY": "test secret",
            "TESTING": True,
            "NEO4J_URI": uri,
            "NETGRAPH_USERS": str(accounts_file),
            "NETGRAPH_NEO4J_TIMEOUT": 1.0,
            **settings,
        }
    )


def test_the_app_recovers_by_itself_when_neo4j_returns(demo_on_neo4j, neo4j_uri, accounts_file):
    relay = Relay(int(neo4j_uri.rsplit(":", 1)[1]))
    hr = Browser(_app(f"bolt://127.0.0.1:{relay.port}", accounts_file)).login("hr")
    assert hr.get("/api/people/p033").status_code == 200

    relay.cut()
    started = time.monotonic()
    down = hr.get("/api/people/p033")
    assert down.status_code == 503 and "not reachable" in down.json["error"]
    assert time.monotonic() - started < 10

    relay.restore()
    back = hr.get("/api/people/p033")
    assert back.status_code == 200 and back.json["name"] == "Dana Okafor"
    relay.cut()


def test_a_query_over_the_time_limit_is_stopped_and_answered_503(demo_on_neo4j, neo4j_uri, accounts_file):
    hr = Browser(_app(neo4j_uri, accounts_file, NETGRAPH_QUERY_TIMEOUT=1.0)).login("hr")
    intro = demo_on_neo4j.introductions(id="i001")[0]
    with demo_on_neo4j.driver.session(database=demo_on_neo4j.database) as session:
        holder = session.begin_transaction()  # another writer holds the introduction's lock
        holder.run(
            statement("import/introductions"),
            rows=[parameter_row("introductions", intro)],
            defaults=new_defaults("introductions"),
        ).consume()
        started = time.monotonic()
        response = hr.post_json("/api/introductions/i001", {"outcome": 4})
        waited = time.monotonic() - started
        holder.rollback()
    assert response.status_code == 503 and "time limit of 1 s" in response.json["error"]
    assert waited < 10, waited
    assert hr.post_json("/api/introductions/i001", {"outcome": 3}).json["outcome"] == 3
