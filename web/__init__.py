"""The netgraph web UI: an application factory, one blueprint per area.

``create_app(config)`` builds a fresh app (tests pass their own config; a
WSGI server calls ``netgraph.web:create_app()``); the web app's settings come
from :mod:`netgraph.web.settings`, the product's from :mod:`netgraph.settings`,
the store is opened as the CLI opens it and kept on the app (one Neo4j driver
per process); ``serve()`` runs it for ``netgraph serve``. Every page has a JSON
twin under ``/api`` (described in ``web/openapi.json``, served at
``/api/openapi.json``), and roles are checked on the server for both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask, send_file

from netgraph.store import Store
from netgraph.web import (
    audit,
    auth,
    display,
    errors,
    home,
    insights,
    introductions,
    lifecycle,
    matching,
    org_chart,
    people,
    programme,
    security,
    sso,
    succession,
    ties,
)
from netgraph.web.auth import requires
from netgraph.web.settings import load_settings
from netgraph.web.store import init_store


def create_app(config: dict | None = None, *, store: Store | None = None, freeze_graph: bool = False) -> Flask:
    """A configured app; ``config`` overrides the environment (tests, ``netgraph serve``).

    ``store``: serve this open store instead of the one the settings name (tests, ``serve --demo``).
    ``freeze_graph``: the embedded store it opens keeps its graph out of the cycle collector
    (:class:`netgraph.store.StoreConfig`); :func:`serve` asks for it.
    The product settings (:class:`netgraph.settings.Settings`) are built here, once, and
    reached by views through :func:`netgraph.web.store.get_settings`.
    WSGI servers use ``netgraph.web:create_app()``.

    >>> app = create_app({"SECRET_KEY": "test", "NETGRAPH_DATA": ":memory:"})
    >>> sorted(app.blueprints)[:6]
    ['audit', 'auth', 'home', 'insights', 'introductions', 'lifecycle']
    >>> sorted(app.blueprints)[6:]
    ['matching', 'orgchart', 'people', 'programme', 'sso', 'succession', 'ties']
    """
    app = Flask(__name__)
    app.config.update(load_settings())
    app.config.update(config or {})
    security.init_app(app)
    display.init_app(app)
    init_store(app, config or {}, store, freeze_graph=freeze_graph)
    errors.init_app(app)
    sso.init_app(app)
    app.jinja_env.globals["sso_provider_name"] = sso.provider_name
    areas = (
        auth,
        sso,
        home,
        people,
        introductions,
        succession,
        org_chart,
        programme,
        lifecycle,
        audit,
        ties,
        insights,
        matching,
    )
    for area in areas:
        app.register_blueprint(area.bp)
    app.add_url_rule("/api/openapi.json", "openapi", openapi)
    return app


@requires()
def openapi():
    """The JSON API described in OpenAPI 3.1 (tests/web/test_openapi.py keeps it true)."""
    return send_file(Path(__file__).with_name("openapi.json"), mimetype="application/json")


def lifetime_words(seconds: float) -> str:
    """A link's lifetime as the start-up line says it: whole minutes in minutes, anything else in seconds.

    ``NETGRAPH_LOGIN_LINK_TTL=4`` said "within 0.0666667 minutes".

    >>> lifetime_words(600), lifetime_words(60), lifetime_words(4), lifetime_words(90), lifetime_words(1.5)
    ('10 minutes', '1 minute', '4 seconds', '90 seconds', '1.5 seconds')
    """
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds:g} second{'s' if seconds != 1 else ''}"


def serve(
    config: dict,
    host: str,
    port: int,
    *,
    store: Store | None = None,
    dev: bool = False,
    report: Callable[[str], None] | None = None,
    login_link_for: str | None = None,
) -> None:
    """Build the app and run it until stopped: what ``netgraph serve`` runs.

    ``config`` and ``store`` are as for :func:`create_app`; ``report`` hears
    one line each on where the app serves and when its warm-up is done
    (``serve`` prints them). Without ``dev`` the app runs on waitress (8
    threads), whose own error answers carry the security headers
    (:mod:`netgraph.web.serving`), after every page's queries have been run once
    in the background (Neo4j plans each statement on first use); log-ins,
    their failures and refusals go to stderr with the time. ``dev`` runs
    Flask's development server (the caller keeps it on loopback).
    ``login_link_for``: an account name; the app then makes a single-use
    log-in link for it (:func:`netgraph.web.auth.issue_login_link`) and
    ``report`` hears it after the address (``netgraph start``).
    """
    import logging

    from netgraph.web.serving import make_server
    from netgraph.web.store import get_store
    from netgraph.web.warmup import warm_up_in_background

    report = report or (lambda line: None)
    app = create_app(config, store=store, freeze_graph=True)
    with app.app_context():
        where = get_store().describe()
    if dev:
        report(f"netgraph on http://{host}:{port}/ ({where}), Flask's development server")
        app.run(host=host, port=port, debug=True)
        return
    server = make_server(app, host, port, threads=8)  # first: a port in use fails before anything starts
    # port 0: the one the system chose (several sockets, e.g. localhost on IPv4 and IPv6: the one asked for)
    address = f"http://{f'[{host}]' if ':' in host else host}:{getattr(server, 'effective_port', port)}"
    report(f"netgraph on {address}/ ({where})")
    if login_link_for is not None:
        token = auth.issue_login_link(app, login_link_for)
        report(
            f"log in as {login_link_for} with {address}/login/link/{token} "
            f"(once, from this machine, within {lifetime_words(app.config['NETGRAPH_LOGIN_LINK_TTL'])})"
        )
    logging.basicConfig(format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("netgraph").setLevel(logging.INFO)
    warm_up_in_background(app, report=lambda line: report(f"netgraph: {line}"))
    server.run()
