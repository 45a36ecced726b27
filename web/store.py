"""The settings and the store an app works on: built once per app.

Views reach them through ``get_settings()`` and ``get_store()``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from flask import Flask, current_app

from netgraph.settings import Settings, load_settings
from netgraph.store import Store, open_store

#: Keys of ``create_app(config)`` that override the environment variable of the same name.
_OVERRIDES = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "NETGRAPH_USERS", "NETGRAPH_RECOMMEND")


def settings_for(config: Mapping, environ: Mapping[str, str]) -> Settings:
    """The product settings for an app: ``config`` beats the environment, as ``--data`` does in the CLI.

    >>> s = settings_for({"NETGRAPH_DATA": ":memory:"}, {"NEO4J_URI": "bolt://x:7687"})
    >>> s.store.neo4j is None, str(s.store.path)
    (True, ':memory:')
    """
    env = {**environ, **{k: str(config[k]) for k in _OVERRIDES if config.get(k)}}
    return load_settings(env, data=config.get("NETGRAPH_DATA") or None)


def init_store(app: Flask, explicit: Mapping, store: Store | None = None, *, freeze_graph: bool = False) -> None:
    """Build the settings, open the store they name (Neo4j connects lazily, on first use), keep both on the app.

    ``explicit``: what ``create_app(config)`` was given (it beats the environment);
    ``store``: an already open store to serve instead (tests, ``serve --demo``);
    ``freeze_graph``: see :class:`netgraph.store.StoreConfig`.
    """
    settings = settings_for(explicit, os.environ).with_store(
        connect_timeout=app.config["NETGRAPH_NEO4J_TIMEOUT"],
        query_timeout=app.config["NETGRAPH_QUERY_TIMEOUT"],
        freeze_graph=freeze_graph,
    )
    app.extensions["netgraph_settings"] = settings
    app.extensions["netgraph_store"] = store if store is not None else open_store(settings.store)


def get_settings() -> Settings:
    return current_app.extensions["netgraph_settings"]


def get_store() -> Store:
    return current_app.extensions["netgraph_store"]
