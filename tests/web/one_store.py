"""For web test modules that check the web layer only: their tests run on the embedded store.

Pages and JSON answers are built by the web layer from what the analyses return, and the contract
suite (tests/contract) holds both stores to the same analysis answers. Running every page test on both
stores doubled the suite's time for little: a module imports the two fixtures below (which replace
``demo_store`` and ``store`` for its tests) and keeps one test, with :func:`same_answers`, that asks
Neo4j for the JSON of its pages and compares it with the embedded store's.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netgraph.store.embedded.store import EmbeddedStore
from tests.web.conftest import Browser, make_app


@pytest.fixture(scope="module", name="demo_store")
def embedded_demo_store(demo_clean, tmp_path_factory):
    """The demo organisation on the embedded store, once per module."""
    store = EmbeddedStore(tmp_path_factory.mktemp("web") / "graph.json")
    store.write(demo_clean)
    return store


@pytest.fixture(name="store")
def embedded_store(tmp_path):
    """An empty embedded store per test."""
    return EmbeddedStore(tmp_path / "graph.json")


def same_answers(
    demo_pair, accounts_file, user: str, urls: list[str], normalize: Callable[[Any], Any] = lambda answer: answer
) -> None:
    """Each of ``urls`` gives ``user`` the same status and JSON on the embedded store and on Neo4j.

    Each app gets its own copy of the accounts (a visit recorded by one must not show in the other);
    ``normalize`` blanks what depends on the clock.
    """
    with tempfile.TemporaryDirectory() as tmp:
        copies = [Path(shutil.copy(accounts_file, Path(tmp) / f"users-{i}.json")) for i in (0, 1)]
        embedded, neo4j = (
            Browser(make_app(store, copy)).login(user) for store, copy in zip(demo_pair, copies, strict=True)
        )
        _compare(embedded, neo4j, urls, normalize)


def _compare(embedded: Browser, neo4j: Browser, urls: list[str], normalize: Callable[[Any], Any]) -> None:
    for url in urls:
        found = embedded.get(url), neo4j.get(url)
        assert found[0].status_code == found[1].status_code, url
        left, right = (normalize(f.json) for f in found)
        differ = sorted(k for k in (left or {}) if left[k] != (right or {}).get(k))
        assert left == right, f"{url}: {differ}: {[(left[k], right.get(k)) for k in differ]}"
