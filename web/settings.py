"""Every setting of the web app: name, default, meaning. README documents each (a test checks).

Read from the environment (``NETGRAPH_`` prefix, or the Neo4j variables the
CLI reads); ``create_app(config)`` may override any of them.
"""

from __future__ import annotations

import os

#: name -> (default, converter, meaning)
SETTINGS = {
    "SECRET_KEY": (None, str, "signs session cookies and CSRF tokens; required beyond loopback"),
    "NETGRAPH_DATA": (None, str, "embedded store file (':memory:' for a throwaway store)"),
    "NETGRAPH_USERS": (None, str, "accounts file (default: users.json beside the embedded store's default)"),
    "NEO4J_URI": (None, str, "use Neo4j at this Bolt URI instead of the embedded store"),
    "NETGRAPH_EXPLORER_MAX_NODES": (300, int, "most people drawn in one explorer graph"),
    "NETGRAPH_SEARCH_LIMIT": (10, int, "most people the name search returns"),
    "NETGRAPH_RECOMMEND_LIMIT": (10, int, "recommendations shown on a person page"),
    "NETGRAPH_NEO4J_TIMEOUT": (3.0, float, "seconds to wait for a Neo4j connection before a 503"),
    "NETGRAPH_QUERY_TIMEOUT": (15.0, float, "seconds Neo4j may spend on one request's query before a 503"),
}


def load_settings(environ=os.environ) -> dict:
    found = {}
    for name, (default, convert, _) in SETTINGS.items():
        env_name = name if name.startswith(("NETGRAPH_", "NEO4J_")) else f"NETGRAPH_{name}"
        value = environ.get(env_name)
        found[name] = convert(value) if value not in (None, "") else default
    return found
