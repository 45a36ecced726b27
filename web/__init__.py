"""The netgraph web UI: an application factory, one blueprint per area.

``create_app(config)`` builds a fresh app (tests pass their own config);
settings come from :mod:`netgraph.web.settings`, the store is opened as the CLI opens
it and kept on the app (one Neo4j driver per process), every page has a JSON
twin under ``/api`` (described in ``web/openapi.json``, served at
``/api/openapi.json``), and roles are checked on the server for both.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, send_file

from netgraph.web import auth, errors, introductions, people, programme, security, succession
from netgraph.web.auth import requires
from netgraph.web.settings import load_settings
from netgraph.web.store import init_store


def create_app(config: dict | None = None) -> Flask:
    """A configured app; ``config`` overrides the environment (tests, ``netgraph serve``).

    >>> app = create_app({"SECRET_KEY": "test", "NETGRAPH_DATA": ":memory:"})
    >>> sorted(bp for bp in app.blueprints)
    ['auth', 'introductions', 'people', 'programme', 'succession']
    """
    app = Flask(__name__)
    app.config.update(load_settings())
    app.config.update(config or {})
    security.init_app(app)
    init_store(app)
    errors.init_app(app)
    for area in (auth, people, introductions, succession, programme):
        app.register_blueprint(area.bp)
    app.add_url_rule("/api/openapi.json", "openapi", openapi)
    return app


@requires()
def openapi():
    """The JSON API described in OpenAPI 3.1 (tests/web/test_openapi.py keeps it true)."""
    return send_file(Path(__file__).with_name("openapi.json"), mimetype="application/json")
