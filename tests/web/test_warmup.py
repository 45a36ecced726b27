"""A server on Neo4j runs every page's queries once at start, so its first users do not wait for planning."""

from __future__ import annotations

from netgraph.web.warmup import warm_up
from tests.web.conftest import make_app

EVERY_PAGE = [
    "programme",
    "mentor",
    "person",
    "recommendations",
    "explorer",
    "warm path",
    "what-if",
    "succession",
    "org chart",
    "pipeline",
]


def test_every_page_is_warmed_on_neo4j_and_nothing_needs_it_when_embedded(demo_store, accounts_file):
    warmed = warm_up(make_app(demo_store, accounts_file))
    assert warmed == (EVERY_PAGE if demo_store.needs_warm_up else [])
