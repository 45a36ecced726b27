"""Every statement that looks nodes up by key seeks the key's index, however stale Neo4j's statistics are.

A re-import once took 16 minutes instead of about 70 seconds: its look-up of
stored links had been planned when the index samples said the database was
empty, as a scan of every person's id for every key. Plans, not timings, are
tested here: each keyed statement is planned (``EXPLAIN``) right after
``clear()`` and an import, with the samples still those of the empty
database (the suite's server does not sample in the background, see
tests/conftest.py, and the store's own refresh is turned off for the import),
and no scan of a label or an index may feed a filter on the key.
"""

from __future__ import annotations

import re

import pytest

from netgraph.io.importer import import_document
from netgraph.store.neo4j_backend.cypher import available, statement
from netgraph.store.neo4j_backend.statistics import outdated
from tests.neo4j_support import mark_test_database, run_statement

pytestmark = pytest.mark.neo4j

#: Operators that read every node of a label (or of an index) rather than those of one key.
SCANS = ("NodeIndexScan", "NodeByLabelScan", "AllNodesScan", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan")
#: The node labels whose ``id`` is a key with a uniqueness constraint (cypher/admin/schema.cypher).
KEYED_LABELS = ("Person", "Position", "OrgUnit", "Introduction")
#: A statement takes keys when it matches a keyed label by an id it is given (not a literal), or
#: compares a node's id with a parameter.
TAKES_KEYS = re.compile(
    "|".join(
        [
            rf":(?:{'|'.join(KEYED_LABELS)}) \{{id: (?!')",  # (p:Person {id: key}), not {id: 'audit'}
            r"\.id (?:=|IN) (?:coalesce\()?\$",  # WHERE u.id IN $units
            r"\$\w+ IN \[\w+\.id",  # $person IN [by.id, ...]
        ]
    )
)


def keyed_statements() -> list[str]:
    return [name for name in available() if TAKES_KEYS.search(statement(name))]


def operators(plan: dict):
    """Every operator of a plan (as the driver gives it: a dict with children), depth first."""
    yield plan
    for child in plan.get("children", []):
        yield from operators(child)


def operator_name(op: dict) -> str:
    return op["operatorType"].split("@")[0]


def scans_feeding_key_filters(plan: dict) -> list[str]:
    """``Filter`` operators that test a node's id (or another key property) against a value, where
    that node was found by a scan below the filter: the scan reads the whole label once per row."""
    found = []
    for op in operators(plan):
        if not operator_name(op).startswith("Filter"):
            continue
        details = op["args"].get("Details", "")
        scanned = {
            name for below in operators(op) if operator_name(below) in SCANS for name in below.get("identifiers", [])
        }
        for name in scanned:
            if re.search(rf"(?:cache\[)?{re.escape(name)}\.id\]? (?:=|IN) ", details):
                found.append(f"{name} scanned, then filtered: {details}")
    return found


def test_the_keyed_statements_are_found():
    names = keyed_statements()
    assert {
        "import/existing_knows",
        "import/existing_mentorships",
        "lookups/people_by_id",
        "succession/positions",
        "lookups/list_introductions",
    } <= set(names)


@pytest.fixture(scope="module")
def stale_statistics(neo4j_store, demo_document):
    """The test server right after clear() and an import, planning on the samples of the empty database."""
    store = neo4j_store
    store.clear()
    mark_test_database(store)
    store.refresh_statistics()  # the samples now say: empty (as Neo4j's own sampler soon would)
    share, store.resample_share = store.resample_share, None
    try:
        import_document(store, demo_document)
    finally:
        store.resample_share = share
    assert outdated(run_statement(store, "admin/index_samples")), (
        "the samples should still be those of the empty database"
    )
    run_statement(
        store, "admin/clear_query_caches", write=True
    )  # no plan made before: each is planned on these figures
    return store


@pytest.mark.parametrize("name", keyed_statements())
def test_keyed_statement_seeks_its_index_on_stale_statistics(stale_statistics, name):
    with stale_statistics.driver.session(database=stale_statistics.database) as session:
        plan = session.run(f"EXPLAIN {statement(name)}").consume().plan
    assert scans_feeding_key_filters(plan) == []
