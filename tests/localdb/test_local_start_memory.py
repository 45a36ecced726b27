"""`netgraph db local start` sizes the server from the machine and the store, and says so."""

from __future__ import annotations

import socket

import pytest

from netgraph.cli import main
from netgraph.localdb import LocalNeo4j
from tests.neo4j_support import neo4j_jars

pytestmark = pytest.mark.neo4j


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def home(tmp_path):
    """A new server home using the test session's jars (fetched here if need be; no session server)."""
    (tmp_path / "neo4j").mkdir()
    (tmp_path / "neo4j" / "lib").symlink_to(neo4j_jars())
    yield tmp_path / "neo4j"
    LocalNeo4j(tmp_path / "neo4j").stop()


def test_start_computes_the_page_cache_from_the_store_prints_it_and_runs_with_it(home, capsys):
    port = free_port()

    code = main(["db", "local", "start", "--home", str(home), "--port", str(port), "--heap", "512m"])

    out = capsys.readouterr().out
    assert code == 0 and "heap 512m, page cache 128m (store files 0 MiB" in out  # a new home: no store yet
    assert "server.memory.pagecache.size=128m" in (home / "conf" / "neo4j.conf").read_text().splitlines()
