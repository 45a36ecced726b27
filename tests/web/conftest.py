"""A fresh app per test on each store, with one account per role (``accounts_file``
in tests/conftest.py, shared with the browser tests)."""

from __future__ import annotations

import re

import pytest

from netgraph.web import create_app
from tests.conftest import PASSWORD


def make_app(store, accounts_file, **settings):
    """An app on ``store``; ``settings``: values of settings by name (``NETGRAPH_SESSION_IDLE=60.0``)."""
    config = {"SECRET_KEY": "test secret", "TESTING": True, "NETGRAPH_USERS": str(accounts_file), **settings}
    return create_app(config, store=store)


@pytest.fixture
def app(demo_store, accounts_file):
    """The demo organisation, read-only, on each store."""
    return make_app(demo_store, accounts_file)


@pytest.fixture
def writable_app(store, demo_document, accounts_file):
    """A fresh copy of the demo organisation on each store, for tests that change it."""
    from netgraph.io.importer import import_document

    import_document(store, demo_document)
    return make_app(store, accounts_file)


class Browser:
    """A test client that logs in and carries the page's CSRF token like the real pages do."""

    def __init__(self, app):
        self.client = app.test_client()
        self.token = None

    def login(self, name):
        page = self.client.get("/login")
        self.token = csrf_from(page)
        response = self.client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": self.token})
        assert response.status_code == 302, response.data
        self.token = csrf_from(self.client.get("/search"))  # the home of hr and admin records a read
        return self

    def get(self, url, **kw):
        return self.client.get(url, **kw)

    def post_form(self, url, data):
        return self.client.post(url, data={**data, "csrf_token": self.token})

    def post_json(self, url, body):
        return self.client.post(url, json=body, headers={"X-CSRFToken": self.token})


def csrf_from(response) -> str:
    match = re.search(rb'name="csrf-token" content="([^"]+)"', response.data) or re.search(
        rb'name="csrf_token" value="([^"]+)"', response.data
    )
    assert match, response.data[:500]
    return match.group(1).decode()


@pytest.fixture
def as_user(app):
    return lambda name: Browser(app).login(name)


# -- one store for the role matrices ---------------------------------------------------------------
# Who may call what, and which fields each role sees, is decided by the web layer over the rows a
# store returns; the contract suite (tests/contract) holds the two stores to the same rows. So the
# big role-by-route matrices run on the embedded store only; every other web test runs on both.


@pytest.fixture(scope="module")
def embedded_app(demo_clean, accounts_file, tmp_path_factory):
    from netgraph.store.embedded.store import EmbeddedStore

    store = EmbeddedStore(tmp_path_factory.mktemp("roles") / "graph.json")
    store.write(demo_clean)
    return make_app(store, accounts_file)


@pytest.fixture
def embedded_as_user(embedded_app):
    return lambda name: Browser(embedded_app).login(name)


@pytest.fixture
def embedded_writable_as(demo_document, accounts_file, tmp_path):
    from netgraph.io.importer import import_document
    from netgraph.store.embedded.store import EmbeddedStore

    store = EmbeddedStore(tmp_path / "graph.json")
    import_document(store, demo_document)
    app = make_app(store, accounts_file)
    return lambda name: Browser(app).login(name)


@pytest.fixture
def writable_as(writable_app):
    return lambda name: Browser(writable_app).login(name)


# -- a stored mentoring round, for the answers that read one ---------------------------------------------

#: The round's id, and its pool: three mentees (levels 3, 3, 2) and two mentors (levels 6 and 7) of the demo.
ROUND = "demo-round"
ROUND_POOL = [("p003", "mentee", None), ("p005", "mentee", None), ("p006", "mentee", None), ("p002", "mentor", 2)]
ROUND_POOL += [("p004", "mentor", 1)]


def with_a_round(app):
    """``app`` whose store holds the round :data:`ROUND`, opened and run (once per store)."""
    from datetime import date

    from netgraph.analysis.matching import rounds
    from netgraph.analysis.matching.inputs import MatchSettings

    with app.app_context():
        store = app.extensions["netgraph_store"]
        if store.match_round(ROUND) is None:
            rows = [
                {"person": p, "side": side, "capacity": capacity, "preferences": [], "where": "pool"}
                for p, side, capacity in ROUND_POOL
            ]
            settings = MatchSettings()
            day = date(2026, 9, 1)
            rounds.open_round(
                store, ROUND, deadline=day, today=day, rows=rows, source={"pool": "test"}, settings=settings
            )
            rounds.run(store, ROUND, settings, today=day)
    return app
