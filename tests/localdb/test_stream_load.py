"""`netgraph db local load FOLDER`: a CSV folder read record by record fills an empty local Neo4j with
the graph the old way writes, and a folder it refuses leaves the database as it was.

One server of this module's own (a free port from 7760, a home under tmp_path, the
session's jars) is loaded once through the command line, with only ``--heap`` given:
the page cache is computed from the store the import wrote. The comparison is an online
import, into the session's test server, of the same folder read whole (``read_document``
and ``validate``: what ``import`` runs).
"""

from __future__ import annotations

import contextlib
import io

import pytest

from netgraph.cli import main
from netgraph.io.csv_folder import write_csv_folder
from netgraph.io.documents import read_document
from netgraph.localdb import LocalNeo4j
from netgraph.model.validate import validate
from netgraph.store.neo4j_backend import Neo4jStore
from tests.conftest import FIXTURES, ROOT, _fresh_neo4j
from tests.localdb.test_bulk_load import SCHEMA, contract_document, dump, free_port, node_count, run_cli, schema_names
from tests.neo4j_support import run_text

pytestmark = pytest.mark.neo4j


def load(capsys, server: LocalNeo4j, folder, *extra: str) -> tuple[int, str, str]:
    return run_cli(
        capsys, "db", "local", "load", str(folder), "--home", str(server.home), "--port", str(server.port), *extra
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The contract document (the generated organisation and the CSV encoding's edge cases) as a CSV folder."""
    path = tmp_path_factory.mktemp("stream") / "org"
    write_csv_folder(contract_document(), path)
    return path


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, neo4j_uri, folder):  # neo4j_uri: the session server has fetched the jars
    server = LocalNeo4j(
        tmp_path_factory.mktemp("stream-home") / "neo4j", port=free_port(7760), lib_dir=ROOT / ".neo4j-test" / "lib"
    )
    out, err = io.StringIO(), io.StringIO()  # module-wide: no capsys; what the command printed, kept
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(
            [
                "db",
                "local",
                "load",
                str(folder),
                "--home",
                str(server.home),
                "--port",
                str(server.port),
                "--heap",
                "512m",
            ]
        )
    server.load_output = (code, out.getvalue(), err.getvalue())
    yield server
    server.stop()


@pytest.fixture
def store(loaded):
    opened = Neo4jStore(loaded.uri)
    yield opened
    opened.close()


def test_the_folder_loads_and_the_server_answers(loaded):
    code, out, _ = loaded.load_output
    assert code == 0, out
    assert "loaded" in out and f"export NEO4J_URI={loaded.uri}" in out
    assert loaded.status()["running"]


def test_the_streamed_graph_equals_an_online_import_of_the_folder_read_whole(store, folder, neo4j_store):
    document, where = read_document(folder, "csv")
    online = _fresh_neo4j(neo4j_store)
    online.write(validate(document, where=where))
    assert store.export() == online.export()
    assert store.stats() == online.stats()
    assert dump(store) == dump(online)  # labels, properties and their types, link by link


def test_the_schema_is_online_when_the_load_returns(store):
    indexes = {r["name"]: r["state"] for r in run_text(store, SCHEMA)}
    assert set(indexes) == schema_names() and set(indexes.values()) == {"ONLINE"}


def test_the_page_cache_is_computed_from_the_loaded_store_and_said(loaded):
    _, _, err = loaded.load_output
    # a store of a few MB: 1.2 x its files is below the floor of 128m; the heap given is kept
    assert "the server will run with heap 512m, page cache 128m (store files" in err
    assert "server.memory.pagecache.size=128m" in (loaded.home / "conf" / "neo4j.conf").read_text().splitlines()


def test_a_refused_folder_says_what_import_says_and_leaves_the_empty_server_running(capsys, loaded, tmp_path):
    emptied = Neo4jStore(loaded.uri)
    emptied.clear()
    emptied.close()
    bad = FIXTURES / "bad" / "many_problems_csv"

    code, _, err = load(capsys, loaded, bad)

    import_code, _, import_err = run_cli(capsys, "--data", str(tmp_path / "graph.json"), "import", str(bad))
    said = err[err.index("netgraph: error:") :]  # after the lines on the load's progress
    assert (code, said) == (import_code, import_err) and code == 1
    assert loaded.status()["running"] and node_count(loaded.uri) == 0


def test_a_refused_folder_leaves_a_new_home_without_a_database(capsys, tmp_path):
    home = LocalNeo4j(tmp_path / "neo4j", port=free_port(7760), lib_dir=ROOT / ".neo4j-test" / "lib")

    code, _, err = load(capsys, home, FIXTURES / "bad" / "nan_strength_csv")

    assert code == 1 and "knows.csv line 2, field 'strength'" in err
    assert not home.database_dir.exists() and not home.status()["running"]
