"""Fixtures of the contract suite (the stores themselves are in tests/conftest.py)."""

from __future__ import annotations

import pytest

from netgraph.io.documents import read_document
from netgraph.model.validate import complete, validate
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def small() -> dict:
    """fixtures/small.json, normalized: four people, for tests that write."""
    document, _ = read_document(FIXTURES / "small.json")
    return complete(validate(document))
