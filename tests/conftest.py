"""Shared fixtures: a real Neo4j for the whole session, and a fresh store per test.

The Neo4j server is started from Maven jars in ``.neo4j-test/`` (or reused if
it is already running there) on ``$NETGRAPH_TEST_NEO4J_PORT`` (default 7697)
and stopped at the end if this session started it. Set ``NETGRAPH_TEST_NEO4J_URI``
to test against another server instead: it is wiped between tests only if it
was empty or already marked as a test database.

``make test`` runs the suite on two pytest-xdist workers (``-n 2 --dist loadfile``:
each test file on one worker, so a module's fixtures are built once). Every
worker is a session of its own with servers of its own: its Neo4j listens on
the port plus the worker's index (``gw1``: 7698) with a home of its own
(``.neo4j-test-7698/``; the jars are shared), and the identity provider, SMTP
and web servers take free ports. A server given by ``NETGRAPH_TEST_NEO4J_URI``
is one database, so the suite refuses it on more than one worker.

The suite talks to that server through a routing URI (``neo4j://``), as an
application talks to a cluster: reads go where the driver's routing table
sends read transactions, and every store call must work so (one test,
tests/store/test_direct_bolt.py, keeps the direct ``bolt://`` connection).

Neo4j tests are marked ``neo4j``; ``pytest -m "not neo4j"`` deselects them on
a machine without Java. They never skip: a missing server is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netgraph.io.documents import read_document
from netgraph.localdb import LocalNeo4j
from netgraph.model.validate import complete, validate
from netgraph.store import EmbeddedStore
from netgraph.store.neo4j_backend import Neo4jStore
from tests.neo4j_support import is_test_database, mark_test_database, neo4j_jars

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def neo4j_uri():
    external = os.environ.get("NETGRAPH_TEST_NEO4J_URI")
    if external:
        if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
            pytest.fail("NETGRAPH_TEST_NEO4J_URI is one database, and each test worker wipes it: run with -n 0")
        yield external
        return
    port = int(os.environ.get("NETGRAPH_TEST_NEO4J_PORT", "7697")) + worker_index()
    # another port gets a home of its own (two servers cannot share a data folder), and the same jars,
    # fetched by one worker while the other waits
    home = ROOT / (".neo4j-test" if port == 7697 else f".neo4j-test-{port}")
    neo4j_jars()
    # Neo4j samples its indexes in the background every few seconds; off here, the statistics are as
    # stale as the suite leaves them, so that tests/contract/test_cypher_plans.py plans on stale figures
    # every time, not only when it outruns the sampler.
    with LocalNeo4j(
        home,
        port=port,
        heap="1g",
        pagecache="256m",
        lib_dir=ROOT / ".neo4j-test" / "lib",
        settings=("db.index_sampling.background_enabled=false",),
    ).running() as uri:
        yield routing_uri(uri)


def worker_index() -> int:
    """Which pytest-xdist worker runs this session: 0 for ``gw0``, 1 for ``gw1``; 0 without workers."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


def routing_uri(bolt_uri: str) -> str:
    """The ``neo4j://`` URI of the server at ``bolt_uri``: the driver asks it for a routing table first."""
    return bolt_uri.replace("bolt://", "neo4j://", 1)


def direct_uri(uri: str) -> str:
    """The ``bolt://`` URI of the server at ``uri``: one connection to that server, no routing."""
    return uri.replace("neo4j://", "bolt://", 1)


@pytest.fixture(scope="session")
def neo4j_store(neo4j_uri):
    store = Neo4jStore(
        neo4j_uri, os.environ.get("NETGRAPH_TEST_NEO4J_USERNAME"), os.environ.get("NETGRAPH_TEST_NEO4J_PASSWORD")
    )
    if not is_test_database(store):  # before the schema, which begins the audit trail of a database holding data
        pytest.fail(f"refusing to wipe {neo4j_uri}: it holds data and is not marked as a test database")
    store.init_schema()
    yield store
    store.close()


def _fresh_neo4j(store: Neo4jStore) -> Neo4jStore:
    store.clear()
    mark_test_database(store)
    return store


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    """An empty store of each kind: every test using it runs once per store."""
    if request.param == "embedded":
        yield EmbeddedStore(tmp_path / "graph.json")
    else:
        yield _fresh_neo4j(request.getfixturevalue("neo4j_store"))


@pytest.fixture(scope="session")
def demo_document() -> dict:
    document, _ = read_document(FIXTURES / "demo" / "netgraph.json")
    return document


@pytest.fixture(scope="session")
def demo_clean(demo_document) -> dict:
    """The demo document as the stores keep it (normalized)."""
    return complete(validate(demo_document))


@pytest.fixture(scope="session")
def generated_document() -> dict:
    """A generated organisation of 400 people: the same graph in every run."""
    from netgraph.io.generate import generate_dataset

    return complete(validate(generate_dataset(400, seed=7)))


def _loaded(kind: str, document: dict, request, tmp_path_factory):
    if kind == "embedded":
        store = EmbeddedStore(tmp_path_factory.mktemp("loaded") / "graph.json")
    else:
        store = _fresh_neo4j(request.getfixturevalue("neo4j_store"))
    store.write(document)
    return store


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def demo_store(request, demo_clean, tmp_path_factory):
    """The demo organisation in each store, loaded once per module: for tests that only read."""
    return _loaded(request.param, demo_clean, request, tmp_path_factory)


@pytest.fixture(scope="module")
def demo_pair(request, demo_clean, tmp_path_factory):
    """(embedded, neo4j), both holding the demo organisation: for same-answer tests (mark them neo4j)."""
    return (
        _loaded("embedded", demo_clean, request, tmp_path_factory),
        _loaded("neo4j", demo_clean, request, tmp_path_factory),
    )


@pytest.fixture(scope="module")
def generated_pair(request, generated_document, tmp_path_factory):
    """(embedded, neo4j), both holding the generated 400-person organisation."""
    return (
        _loaded("embedded", generated_document, request, tmp_path_factory),
        _loaded("neo4j", generated_document, request, tmp_path_factory),
    )


#: Web accounts for tests: ``admin``; ``hr``; ``sana``, a mentor who is p009 Sana
#: Saleh (she mentors p033 Dana Okafor); ``olga``, a mentor who is p125 Olga Amini
#: (not Dana's mentor); ``vic``, a viewer. All with the same password.
PASSWORD = "correct horse battery"
ACCOUNTS = {
    "admin": ("admin", None),
    "hr": ("hr", None),
    "sana": ("mentor", "p009"),
    "olga": ("mentor", "p125"),
    "vic": ("viewer", None),
}


#: The password hashes of the test accounts: werkzeug's scrypt at a 32nd of its memory cost (N = 2**10, not
#: 2**15). A check reads the method and cost from the stored hash, so it runs the same code in a few
#: milliseconds instead of a tenth of a second (eight tenths on a loaded 2-core machine), paid at every
#: log-in of the web and browser tests. Tests about the hashes, or about log-ins overlapping, use
#: ``accounts_file_as_made`` (hashes as ``Accounts.add`` makes them).
TEST_HASH_METHOD = "scrypt:1024:8:1"


def _accounts(path: Path) -> Path:
    from netgraph.accounts import Accounts

    book = Accounts(path)
    for name, (role, person) in ACCOUNTS.items():
        book.add(name, PASSWORD, role=role, person=person)
    return path


@pytest.fixture(scope="session")
def accounts_file_as_made(tmp_path_factory):
    """An accounts file holding ACCOUNTS, each password hashed as ``Accounts.add`` hashes it."""
    return _accounts(tmp_path_factory.mktemp("accounts-as-made") / "users.json")


@pytest.fixture(scope="session")
def accounts_file(tmp_path_factory):
    """An accounts file holding ACCOUNTS (used by the web and browser tests), hashed with TEST_HASH_METHOD."""
    import json

    from werkzeug.security import generate_password_hash

    path = _accounts(tmp_path_factory.mktemp("accounts") / "users.json")
    users = json.loads(path.read_text("utf-8"))
    for user in users.values():
        user["password"] = generate_password_hash(PASSWORD, method=TEST_HASH_METHOD)
    path.write_text(json.dumps(users, indent=2, sort_keys=True), "utf-8")
    return path


@pytest.fixture(scope="session")
def identity_provider(tmp_path_factory):
    """The suite's real OpenID Connect provider, one process for the whole session (tests/identity_provider.py)."""
    from tests.identity_provider import start

    process, provider = start(tmp_path_factory.mktemp("identity-provider"))
    yield provider
    process.terminate()
    process.wait(10)
