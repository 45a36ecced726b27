"""The store an app works on: opened once per app, reached through ``get_store()``."""

from __future__ import annotations

import os

from flask import Flask, current_app

from netgraph.store import EmbeddedStore, open_store
from netgraph.store.neo4j_backend.store import Neo4jStore


def init_store(app: Flask) -> None:
    """Open the store the settings name (a Neo4j store connects lazily, on first use)."""
    data = app.config.get("NETGRAPH_DATA")
    if data == ":memory:":
        store = EmbeddedStore(None)
    elif app.config.get("NEO4J_URI") and not data:
        store = Neo4jStore(app.config["NEO4J_URI"], os.environ.get("NEO4J_USERNAME"),
                           os.environ.get("NEO4J_PASSWORD"), os.environ.get("NEO4J_DATABASE") or "neo4j",
                           timeout=app.config["NETGRAPH_NEO4J_TIMEOUT"],
                           query_timeout=app.config["NETGRAPH_QUERY_TIMEOUT"])
    else:
        store = open_store(data=data)
    app.extensions["netgraph_store"] = store


def get_store():
    return current_app.extensions["netgraph_store"]
