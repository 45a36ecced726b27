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


def insight_document(people: int = 300, seed: int = 11) -> dict:
    """A generated organisation with every case the contact network leaves out or counts specially.

    Every 40th person has left (someone who holds no position and names no introduction, which
    validation would refuse), every 17th KNOWS link is a retired tie from interactions, every 13th
    has no strength, and one person has no unit.
    """
    from netgraph.io.generate import generate_dataset

    document = generate_dataset(people, seed=seed)
    named = {h["person"] for p in document["positions"] for h in p.get("holders", [])}
    named |= {i[f] for i in document["introductions"] for f in ("by", "introduce", "to")}
    for person in document["people"][5::40]:
        if person["id"] not in named:
            person.update(status="left", left_on=person["joined_on"])
    for link in document["knows"][::17]:
        link.update(sources=["interactions"], evidence_strength=link["strength"], retired_on="2026-02-01")
    for link in document["knows"][3::13]:
        link.update(strength=None, declared_strength=None)
    document["people"][7]["org_unit"] = None
    return complete(validate(document))


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def insight_store(request, tmp_path_factory):
    """:func:`insight_document` in each store, loaded once per module: for tests that only read."""
    from tests.conftest import _loaded

    return _loaded(request.param, insight_document(), request, tmp_path_factory)
