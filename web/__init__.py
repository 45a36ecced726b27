"""The netgraph web UI: an application factory, one blueprint per area.

``create_app(config)`` builds a fresh app (tests pass their own config; a
WSGI server calls ``netgraph.web:create_app()``); its settings, the web
app's among them, are read once into a :class:`netgraph.settings.Settings`,
the store is opened as the CLI opens it and kept on the app (one Neo4j driver
per process); ``serve()`` runs it for ``netgraph serve``. Every page has a JSON
twin under ``/api`` (described in ``web/openapi.json``, served at
``/api/openapi.json``), and roles are checked on the server for both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from flask import Flask, send_file

from netgraph.settings import Settings, config_keys, load_settings
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
from netgraph.web.store import init_store


def create_app(
    config: Mapping[str, object] | None = None,
    *,
    settings: Settings | None = None,
    store: Store | None = None,
    clock: Callable[[], float] | None = None,
    freeze_graph: bool = False,
) -> Flask:
    """A configured app: what a WSGI server (``netgraph.web:create_app()``), ``netgraph serve`` and the tests run.

    ``config``: values under a setting's name (``NETGRAPH_SEARCH_LIMIT``, ``SECRET_KEY``, ...; see
    :data:`netgraph.settings.SETTINGS`) beat the environment's; anything else in it is Flask's
    (``TESTING``). ``settings``: settings already built (:func:`netgraph.settings.load_settings`),
    used as they are; ``config`` then holds Flask's keys only. Either way the settings are built
    once, here or by the caller, and views reach them through :func:`netgraph.web.store.get_settings`.
    ``store``: serve this open store instead of the one the settings name (tests, ``serve --demo``).
    ``clock``: the time sessions and log-in delays are counted in (``time.time``; tests move their own).
    ``freeze_graph``: the embedded store it opens keeps its graph out of the cycle collector
    (:class:`netgraph.store.StoreConfig`); :func:`serve` asks for it.

    >>> app = create_app({"SECRET_KEY": "test", "NETGRAPH_DATA": ":memory:"})
    >>> sorted(app.blueprints)[:6]
    ['audit', 'auth', 'home', 'insights', 'introductions', 'lifecycle']
    >>> sorted(app.blueprints)[6:]
    ['matching', 'orgchart', 'people', 'programme', 'sso', 'succession', 'ties']
    """
    config = dict(config or {})
    named = config_keys() & set(config)
    if settings is None:
        settings = load_settings(config={key: config[key] for key in named})
    elif named:
        raise TypeError(f"create_app: give settings built or in config, not both ({', '.join(sorted(named))})")
    app = Flask(__name__)
    app.config.update(settings.web.flask_config())
    app.config.update({key: value for key, value in config.items() if key not in named})
    if clock is not None:
        app.extensions["netgraph_clock"] = clock
    security.init_app(app, settings.web)
    display.init_app(app)
    init_store(app, settings, store, freeze_graph=freeze_graph)
    errors.init_app(app)
    sso.init_app(app, settings.web)
    app.jinja_env.globals["sso_provider_name"] = sso.provider_name
    app.jinja_env.globals["password_login"] = settings.web.password_login
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
    settings: Settings,
    host: str,
    port: int,
    *,
    store: Store | None = None,
    dev: bool = False,
    report: Callable[[str], None] | None = None,
    login_link_for: str | None = None,
) -> None:
    """Build the app and run it until stopped: what ``netgraph serve`` runs.

    ``settings`` and ``store`` are as for :func:`create_app`; ``report`` hears
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
    app = create_app(settings=settings, store=store, freeze_graph=True)
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
            f"(once, from this machine, within {lifetime_words(settings.web.login_link_ttl)})"
        )
    logging.basicConfig(format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("netgraph").setLevel(logging.INFO)
    warm_up_in_background(app, report=lambda line: report(f"netgraph: {line}"))
    server.run()
