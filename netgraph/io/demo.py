"""The demo organisation (``fixtures/demo/netgraph.json``, about 150 people): where it ships and how it loads.

``netgraph demo`` loads it into the configured store, ``netgraph start`` into an
empty one, and ``netgraph serve --demo`` into an embedded store in memory; the
three share this module, so the CLI only says what happened.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from netgraph.io.documents import read_document
from netgraph.io.importer import ImportReport, import_document
from netgraph.store import StoreConfig, open_store
from netgraph.store.ports import AuditedPersistence, Progress, Store


def demo_path() -> Traversable:
    """The shipped demo document (``fixtures/demo/netgraph.json``)."""
    return resources.files("netgraph.fixtures").joinpath("demo", "netgraph.json")


def load_demo(store: AuditedPersistence, *, progress: Progress | None = None) -> ImportReport:
    """Validate the demo document and merge it into ``store``, as ``netgraph import`` would."""
    with resources.as_file(demo_path()) as path:
        document, where = read_document(path, "json")
    return import_document(store, document, where, progress=progress)


def demo_in_memory() -> Store:
    """The demo organisation in an embedded store in memory (``serve --demo``)."""
    store = open_store(StoreConfig(path=None))
    load_demo(store)
    return store
