"""The settings and the store an app works on: built once per app.

Views reach them through ``get_settings()`` and ``get_store()``.
"""

from __future__ import annotations

from flask import Flask, current_app

from netgraph.settings import Settings
from netgraph.store import Store, open_store


def init_store(app: Flask, settings: Settings, store: Store | None = None, *, freeze_graph: bool = False) -> None:
    """Keep the settings on the app, and the store they name (Neo4j connects lazily, on first use).

    The store waits for Neo4j and its queries as long as the web settings say.
    ``store``: an already open store to serve instead (tests, ``serve --demo``);
    ``freeze_graph``: see :class:`netgraph.store.StoreConfig`.
    """
    settings = settings.with_store(
        connect_timeout=settings.web.neo4j_timeout,
        query_timeout=settings.web.query_timeout,
        freeze_graph=freeze_graph,
    )
    app.extensions["netgraph_settings"] = settings
    app.extensions["netgraph_store"] = store if store is not None else open_store(settings.store)


def get_settings() -> Settings:
    return current_app.extensions["netgraph_settings"]


def get_store() -> Store:
    return current_app.extensions["netgraph_store"]
