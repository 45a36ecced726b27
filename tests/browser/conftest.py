"""A real Chromium against the real app on the real Neo4j, served on 127.0.0.1.

Chromium comes from Debian (``apt-get install chromium``; ``playwright install``
cannot download browsers here): ``$NETGRAPH_CHROMIUM`` or ``/usr/bin/chromium``.
Without it every browser test fails (never skips). Every request the page
makes to a host other than the app is aborted and recorded, and each test
asserts there were none. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from netgraph.io.importer import import_document
from tests.conftest import PASSWORD
from tests.neo4j_support import mark_test_database
from tests.web.conftest import make_app

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("NETGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
EVIL_NAME = "<img src=x onerror=alert(1)>"

pytestmark = pytest.mark.neo4j


def load_browser_organisation(store, demo_document) -> None:
    """Empty ``store`` and load the demo organisation, plus a person whose name is an HTML tag."""
    store.clear()
    mark_test_database(store)
    document = {
        **demo_document,
        "people": demo_document["people"] + [{"id": "p-evil", "name": EVIL_NAME, "level": 3, "org_unit": "u-apps"}],
        "knows": demo_document["knows"] + [{"a": "p033", "b": "p-evil", "strength": 0.5}],
    }
    import_document(store, document)


@pytest.fixture(scope="module")
def browser_store(neo4j_store, demo_document):
    """The demo organisation, plus a person whose name is an HTML tag, in the test Neo4j: loaded for each
    module, because a worker runs other folders' files, which empty the shared database, between two of ours."""
    load_browser_organisation(neo4j_store, demo_document)
    return neo4j_store


@pytest.fixture
def restored(browser_store, demo_document):
    """For a test that changes the shared browser organisation: put it back afterwards."""
    yield
    load_browser_organisation(browser_store, demo_document)


@pytest.fixture(scope="module")
def live_app(browser_store, accounts_file):
    app = make_app(browser_store, accounts_file)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium) or set NETGRAPH_CHROMIUM"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """One browser tab on the app that records any request leaving it, and any dialog."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def _route(self, route):
        if route.request.url.startswith(self.base + "/"):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def go(self, path: str):
        return self.page.goto(self.base + path)

    def login(self, name: str) -> Visit:
        self.go("/login")
        self.page.fill("input[name=name]", name)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.base + "/")
        return self

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(chromium, live_app):
    opened = []

    def open_as(name: str | None = None) -> Visit:
        tab = Visit(chromium, live_app)
        opened.append(tab)
        return tab.login(name) if name else tab

    yield open_as
    for tab in opened:
        tab.close()
        assert tab.foreign == [], f"requests left the app: {tab.foreign}"
        assert tab.dialogs == [], f"a script opened a dialog: {tab.dialogs}"
