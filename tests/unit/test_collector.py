"""Speed work on Python's cycle collector stays in its wing: a few entry points pause it, one module touches it.

Pausing is for the entry points that build big structures (the importer, the
bulk load, opening and reloading the embedded store, the coverage report of
the CLI and the web); freezing the graph is an option of the embedded store
that ``netgraph serve`` and the CLI turn on.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from netgraph.cli.main import Context, build_parser
from netgraph.store import EmbeddedStore, StoreConfig, open_store
from netgraph.store.embedded import mirror
from netgraph.store.embedded.mirror import SETTLE_ABOVE, Mirror
from netgraph.web import create_app
from netgraph.web.store import get_store
from tests.package_folders import ROOT, python_sources

#: where the collector is paused: each an entry point that builds something big
PAUSING = {
    "netgraph/io/importer.py",  # import_document
    "netgraph/cli/data_commands.py",  # netgraph import: parsing too
    "netgraph/localdb/bulk_load.py",  # its writing step and its validating child
    "netgraph/store/embedded/store.py",  # opening (a migration included)
    "netgraph/store/embedded/mirror.py",  # loading and reloading the graph
    "netgraph/cli/succession_commands.py",  # netgraph succession coverage
    "web/succession.py",  # the coverage page and API
    "web/home.py",  # the HR home's gaps: a coverage report
    "netgraph/cli/insights_commands.py",  # netgraph insights refresh: a row per person
}


def _files_where(found, paths) -> set[str]:
    return {
        str(path.relative_to(ROOT))
        for path in paths
        if any(found(node) for node in ast.walk(ast.parse(path.read_text("utf-8"))))
    }


def test_gc_is_imported_by_the_collector_module_and_one_benchmark_at_most():
    def imports_gc(node) -> bool:
        return isinstance(node, ast.Import) and any(a.name == "gc" for a in node.names)

    everywhere = [*python_sources(), *ROOT.joinpath("benchmarks").rglob("*.py")]
    assert _files_where(imports_gc, everywhere) <= {"netgraph/collector.py", "benchmarks/bench_embedded_writes.py"}


def test_the_collector_is_paused_only_at_the_entry_points_that_build_big_structures():
    def pauses(node) -> bool:
        return isinstance(node, ast.Call) and getattr(node.func, "id", None) == "cycle_collector_paused"

    assert _files_where(pauses, python_sources()) == PAUSING


@pytest.fixture
def freezes(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(mirror, "freeze_survivors", lambda: calls.append(1))
    return calls


def big_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(("Person", str(n)) for n in range(SETTLE_ABOVE + 1))
    return graph


def test_a_mirror_freezes_a_large_graph_only_when_asked(freezes):
    Mirror(None).settle(big_graph())
    assert freezes == []
    Mirror(None, freeze_graph=True).settle(big_graph())
    assert freezes == [1]


def test_a_mirror_never_freezes_a_small_graph(freezes):
    Mirror(None, freeze_graph=True).settle(nx.MultiDiGraph())
    assert freezes == []


def test_the_embedded_store_does_not_freeze_unless_asked():
    assert EmbeddedStore(None).freeze_graph is False
    assert open_store(StoreConfig(path=None)).freeze_graph is False


def test_the_cli_opens_its_store_with_the_graph_frozen(tmp_path: Path):
    context = Context(build_parser().parse_args(["--data", str(tmp_path / "graph.json"), "stats"]))
    assert context.store.freeze_graph is True


def test_an_app_opens_its_store_with_the_graph_frozen_when_asked_as_serve_does(tmp_path: Path):
    config = {"SECRET_KEY": "test", "NETGRAPH_DATA": str(tmp_path / "graph.json")}
    for asked in (False, True):
        with create_app(config, freeze_graph=asked).app_context():
            assert get_store().freeze_graph is asked
