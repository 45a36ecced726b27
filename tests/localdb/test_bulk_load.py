"""`netgraph db local load`: the offline importer fills an empty local Neo4j with exactly
the graph an online import writes, and refuses a database that holds anything.

One server of this module's own (the first free port from 7720, a home under tmp_path,
the session's jars)
is loaded once and then taken through the other paths: running with data (refused),
running and empty (stopped, imported, started), stopped with data (refused, left
stopped). The online import for the comparison goes into the session's test server.
"""

from __future__ import annotations

import json
import re
import socket

import pytest
from neo4j import GraphDatabase

from netgraph.cli import main
from netgraph.errors import Conflict, InvalidInput
from netgraph.io.generate import generate_dataset
from netgraph.localdb import LocalNeo4j
from netgraph.localdb.bulk_load import BulkLoad, bulk_load, write_import_files
from netgraph.model.validate import Where, complete, validate
from netgraph.store.neo4j_backend import Neo4jStore
from netgraph.store.neo4j_backend.cypher import statements
from tests.conftest import FIXTURES, ROOT, _fresh_neo4j
from tests.neo4j_support import run_text

pytestmark = pytest.mark.neo4j


def free_port(first: int = 7720) -> int:
    for port in range(first, first + 80):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port from 7720 on")


#: Every node with its labels and each property with its Cypher type; every relationship
#: with its type, its end points' keys and each property with its type. Left out: the test
#: database's mark, and the insights' stale marker, whose value is the time of the write
#: (an online import moves it; a bulk load fills an empty database, where no insights exist).
NODES = """
MATCH (n) WHERE NOT n:NetgraphTestDatabase AND NOT n:InsightState
RETURN labels(n) AS labels, properties(n) AS props, [k IN keys(n) | [k, valueType(n[k])]] AS types
"""
RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, labels(a) AS from_labels, coalesce(a.id, a.name) AS from_key,
       labels(b) AS to_labels, coalesce(b.id, b.name) AS to_key,
       properties(r) AS props, [k IN keys(r) | [k, valueType(r[k])]] AS types
"""
SCHEMA = "SHOW INDEXES YIELD name, state, type WHERE type <> 'LOOKUP' RETURN name, state ORDER BY name"


def schema_names() -> set[str]:
    """The name of every constraint and index ``admin/schema`` creates (a constraint's index has its name); its
    ``DROP`` statements (indexes an earlier schema made) create none."""
    created = (
        re.search(r"CREATE (?:CONSTRAINT|(?:FULLTEXT )?INDEX) (\w+)", text) for text in statements("admin/schema")
    )
    return {found.group(1) for found in created if found}


def contract_document() -> dict:
    """The generated organisation, plus records that test the CSV encoding at its edges."""
    doc = generate_dataset(400, seed=7)
    doc["org_units"].append({"id": "u-edge", "name": 'Ops, "night" shift; Zoë ✓', "parent": None})
    doc["org_units"].append({"id": "u-hr", "name": "From the HR system", "parent": "u-edge", "source": "hr"})
    doc["people"] += [
        {
            "id": "Zoë.Ng@hr",
            "name": "Zoë Ng",
            "email": "",
            "title": "",
            "location": "",
            "level": None,
            "open_to_intros": False,
            "open_to_mentoring": False,
            "org_unit": "u-edge",
            "skills": {'ops, "night" shift': 5, "data analysis": 1},
            "wants_to_grow": ['ops, "night" shift'],
        },
        {"id": "p-no-unit", "name": "No Unit", "skills": {}, "wants_to_grow": []},
    ]
    doc["positions"].append(
        {
            "id": "pos-edge",
            "title": 'Edge, "lead"',
            "critical": False,
            "requires": ['ops, "night" shift'],
            "holders": [{"person": "Zoë.Ng@hr"}],
        }
    )
    doc["knows"] += [
        {"a": "p-no-unit", "b": "Zoë.Ng@hr", "strength": 1, "context": ""},  # b < a: stored the other way
        {"a": "Zoë.Ng@hr", "b": "p001", "strength": 0.1 + 0.2, "since": "2020-02-29"},
        # provenance beside the declared strength, and a retired tie (KNEW): every column of the link files
        {
            "a": "p-no-unit",
            "b": "p001",
            "strength": 0.4,
            "sources": ["declared", "interactions"],
            "declared_strength": 0.4,
            "evidence_strength": 0.7,
            "first_seen": "2026-01-05",
            "last_seen": "2026-06-30",
        },
        {
            "a": "p-no-unit",
            "b": "p002",
            "sources": ["interactions"],
            "evidence_strength": 0.2,
            "first_seen": "2025-01-05",
            "last_seen": "2025-03-30",
            "retired_on": "2026-10-01",
        },
    ]
    doc["mentorships"].append(
        {
            "mentor": "Zoë.Ng@hr",
            "mentee": "p-no-unit",
            "status": "ended",
            "until": "2026-01-01",
            "focus": ['data "wrangling", advanced', "b", "a"],
        }
    )
    doc["successors"].append({"person": "p-no-unit", "position": "pos-edge", "readiness": "ready_now"})
    doc["introductions"].append(
        {
            "id": "i-edge",
            "by": "Zoë.Ng@hr",
            "introduce": "p-no-unit",
            "to": "p001",
            "created_on": "2026-11-01",
            "status": "met",
            "outcome": 5,
            "note": 'line "one", \\ back\r\nline\ttwo; three\n\n',
        }
    )
    return complete(validate(doc))


def dump(store: Neo4jStore) -> tuple[list, list]:
    nodes = sorted(
        json.dumps([r["labels"], r["props"], sorted(r["types"])], sort_keys=True, ensure_ascii=False)
        for r in run_text(store, NODES)
    )
    rels = sorted(
        json.dumps(
            [r["type"], r["from_labels"], r["from_key"], r["to_labels"], r["to_key"], r["props"], sorted(r["types"])],
            sort_keys=True,
            ensure_ascii=False,
        )
        for r in run_text(store, RELATIONSHIPS)
    )
    return nodes, rels


def node_count(uri: str) -> int:
    with GraphDatabase.driver(uri, auth=None) as driver:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_="neo4j")
    return records[0]["n"]


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def document() -> dict:
    return contract_document()


@pytest.fixture(scope="module")
def server(tmp_path_factory, neo4j_uri, document):  # neo4j_uri: the session server has fetched the jars
    """A new home (no server, no database folder): the first load's simplest path."""
    local = LocalNeo4j(
        tmp_path_factory.mktemp("bulk") / "neo4j",
        port=free_port(),
        heap="512m",
        pagecache="64m",
        lib_dir=ROOT / ".neo4j-test" / "lib",
    )
    local.bulk_report = bulk_load(local, document, threads=2)
    yield local
    local.stop()


@pytest.fixture
def store(server):
    opened = Neo4jStore(server.uri)
    yield opened
    opened.close()


def cli_load(capsys, server, path, *extra):
    return run_cli(
        capsys,
        "db",
        "local",
        "load",
        str(path),
        "--home",
        str(server.home),
        "--port",
        str(server.port),
        "--heap",
        "512m",
        "--pagecache",
        "64m",
        *extra,
    )


def test_the_loaded_graph_equals_an_online_import_of_the_same_document(server, store, document, neo4j_store):
    online = _fresh_neo4j(neo4j_store)
    online.write(document)
    assert store.export() == online.export()
    assert store.stats() == online.stats()
    assert dump(store) == dump(online)  # labels, properties and their types, link by link
    assert server.bulk_report.total_relationships == sum(online.stats()["relationships"].values())


def test_the_schema_is_there_and_online_when_the_load_returns(store):
    indexes = {r["name"]: r["state"] for r in run_text(store, SCHEMA)}
    assert set(indexes) == schema_names()
    assert set(indexes.values()) == {"ONLINE"}


def test_a_database_that_holds_data_is_refused_and_left_as_it_was(capsys, server, store):
    before = store.stats()
    code, _, err = cli_load(capsys, server, FIXTURES / "small.json")
    assert code == 1
    assert err.startswith(f"netgraph: error: the database of the Neo4j at {server.uri}")
    assert "is not empty: it holds" in err and "use `netgraph import`" in err
    assert len(err.strip().splitlines()) == 1
    assert server.status()["running"] and store.stats() == before


def test_an_invalid_document_leaves_the_empty_server_running(capsys, server, store):
    store.clear()
    code, _, err = cli_load(capsys, server, FIXTURES / "bad" / "duplicate_id.json")
    assert code == 1 and "Traceback" not in err
    assert server.status()["running"] and node_count(server.uri) == 0


def test_a_running_empty_server_is_stopped_loaded_and_started(capsys, server, demo_clean):
    opened = Neo4jStore(server.uri)
    opened.clear()
    opened.close()
    code, out, _ = cli_load(capsys, server, FIXTURES / "demo" / "netgraph.json")
    assert code == 0, out
    assert "loaded" in out and f"export NEO4J_URI={server.uri}" in out
    assert server.status()["running"]
    reopened = Neo4jStore(server.uri)
    try:
        assert reopened.export() == demo_clean
        assert set(r["state"] for r in run_text(reopened, SCHEMA)) == {"ONLINE"}
    finally:
        reopened.close()


def test_a_stopped_server_with_data_is_refused_and_left_stopped(server, store):
    if node_count(server.uri) == 0:
        store.write(validate({"people": [{"id": "p1", "name": "Ada"}]}))
    server.stop()
    with pytest.raises(Conflict, match="is not empty"):
        with BulkLoad(server) as load:
            load.run(validate({}))
    assert not server.status()["running"]


def new_home(tmp_path) -> LocalNeo4j:
    """A home without a server or a database: a load that fails before importing starts nothing."""
    return LocalNeo4j(
        tmp_path / "neo4j", port=free_port(), heap="512m", pagecache="64m", lib_dir=ROOT / ".neo4j-test" / "lib"
    )


def test_a_document_read_from_a_file_is_refused_with_every_problem_validate_finds(tmp_path):
    document = {
        "people": [{"id": "p1", "name": "Ada"}, {"id": "p1", "name": "Bo"}],
        "knows": [{"a": "p1", "b": "nobody"}],
    }
    where = Where("org.json")
    with pytest.raises(InvalidInput) as expected:
        validate(document, where=where)
    home = new_home(tmp_path)
    with pytest.raises(InvalidInput) as refused:  # validated in a forked child, beside the CSV files
        with BulkLoad(home) as load:
            load.run_document(document, where)
    assert refused.value.problems == expected.value.problems and refused.value.total == expected.value.total
    assert not home.database_dir.exists() and not home.status()["running"]


def test_a_document_too_broken_to_normalize_gets_its_problems_not_a_crash(tmp_path):
    document = {"knows": [{"a": 1, "b": "p1"}]}  # normalizing compares 1 with "p1": a TypeError
    home = new_home(tmp_path)
    with pytest.raises(InvalidInput, match="knows"):
        with BulkLoad(home) as load:
            load.run_document(document)
    assert not home.database_dir.exists()


def test_csv_files_quote_text_and_leave_null_cells_empty(tmp_path):
    doc = validate(
        {
            "people": [{"id": "p1", "name": 'Ada "A", Osei', "email": "", "level": 3, "skills": {"x, y": 2}}],
            "knows": [],
            "mentorships": [],
        }
    )
    files = write_import_files(doc, tmp_path)
    assert (
        files["nodes"]["Person"].read_text("utf-8").splitlines()[1]
        == '0,p1,,"Ada ""A"", Osei",,"",,3,,,"active",,"manual",true,true,false,'
    )  # number, id, label, name...
    assert files["nodes"]["Skill"].read_text("utf-8").splitlines()[1] == '1,"x, y"'
    assert files["relationships"]["HAS_SKILL"].read_text("utf-8").splitlines()[1] == "0,1,2"  # by the numbers
    assert "KNOWS" not in files["relationships"]


def test_csv_files_of_records_that_leave_fields_out_hold_the_defaults(tmp_path):
    doc = validate(
        {
            "org_units": [{"id": "u1", "name": "Unit"}],
            "people": [{"id": "p1", "name": "Ada"}, {"id": "p2", "name": "Bo"}],
            "positions": [{"id": "pos1", "title": "Lead"}],
            "mentorships": [{"mentor": "p1", "mentee": "p2"}],
            "successors": [{"person": "p2", "position": "pos1", "readiness": "ready_now"}],
        }
    )
    files = write_import_files(doc, tmp_path)
    assert files["nodes"]["Position"].read_text("utf-8").splitlines()[1] == '3,pos1,"Lead",,false'
    assert files["relationships"]["MENTORS"].read_text("utf-8").splitlines()[1] == '1,2,,,"active","standard",,,,,'
    assert files["relationships"]["SUCCESSOR_FOR"].read_text("utf-8").splitlines()[1] == '2,3,"ready_now",'
    assert "PART_OF" not in files["relationships"]


def test_csv_files_carry_a_mentorships_feedback(tmp_path):
    doc = validate(
        {
            "people": [{"id": "p1", "name": "Ada"}, {"id": "p2", "name": "Bo"}],
            "mentorships": [
                {"mentor": "p1", "mentee": "p2", "status": "ended", "mentor_rating": 4, "mentee_again": False}
            ],
        }
    )
    files = write_import_files(doc, tmp_path)
    assert files["relationships"]["MENTORS"].read_text("utf-8").splitlines()[1] == '0,1,,,"ended","standard",,4,,,false'
