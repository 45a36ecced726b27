"""End to end in Chromium: signing in through the suite's real OpenID Connect provider, on each store.

The browser goes from netgraph's log-in page to the provider's sign-in form and back; every request
that leaves the two (the app and the provider, both on 127.0.0.1) is aborted and fails the test.
"""

from __future__ import annotations

import shutil
import threading
from datetime import date

import pytest
from werkzeug.serving import make_server

from netgraph.analysis.lifecycle import leave
from netgraph.io.importer import import_document
from netgraph.store.embedded import EmbeddedStore
from netgraph.web import create_app
from tests.browser.conftest import Visit, load_browser_organisation
from tests.identity_provider import PROVIDER_PASSWORD
from tests.web.clock import clocked


class SignInVisit(Visit):
    """A tab that may also talk to the identity provider (and nothing else)."""

    def __init__(self, browser, base: str, provider: str):
        self.provider = provider
        super().__init__(browser, base)

    def _route(self, route):
        if route.request.url.startswith(self.provider + "/"):
            route.continue_()
        else:
            super()._route(route)

    def sign_in(self, user: str) -> None:
        self.go("/login")
        self.page.click("text=Sign in with Northwind ID")
        self.page.wait_for_url(self.provider + "/interaction/**")
        self.page.fill("input[name=login]", user)
        self.page.fill("input[name=password]", PROVIDER_PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state()


@pytest.fixture
def signing_in(chromium, store, demo_document, identity_provider, accounts_file, tmp_path):
    """(open a tab, the app's clock) for the demo organisation on each store, signing in through the provider.

    On Neo4j the store is the database the other browser tests share: it is put back afterwards.
    """
    import_document(store, demo_document)
    users = shutil.copy(accounts_file, tmp_path / "users.json")
    app = create_app(
        {"SECRET_KEY": "test secret", "NETGRAPH_USERS": str(users), **identity_provider.settings()}, store=store
    )
    clock = clocked(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tabs: list[Visit] = []

    def open_tab() -> SignInVisit:
        tab = SignInVisit(chromium, f"http://127.0.0.1:{server.server_port}", identity_provider.issuer)
        tabs.append(tab)
        return tab

    yield open_tab, clock
    server.shutdown()
    if not isinstance(store, EmbeddedStore):
        load_browser_organisation(store, demo_document)
    for tab in tabs:
        tab.close()
        assert tab.foreign == [], f"requests left the app and the provider: {tab.foreign}"
        assert tab.dialogs == [], f"a script opened a dialog: {tab.dialogs}"


def test_a_mentor_signs_in_lands_on_their_home_and_logs_out_of_both(signing_in):
    open_tab, _ = signing_in
    tab = open_tab()
    tab.sign_in("sana.saleh")
    assert tab.page.url == tab.base + "/"
    assert "Sana Saleh (mentor)" in tab.page.inner_text("form.who")  # the role her groups give
    assert tab.page.locator("section.mentee[data-person=p033]").count() == 1  # she mentors Dana
    tab.screenshot("sso-mentor-home")
    tab.page.click("text=Log out")
    tab.page.click("text=Yes, sign me out")  # the provider's own log-out
    tab.page.wait_for_url(tab.base + "/login**")
    tab.go("/")
    assert tab.page.url.startswith(tab.base + "/login")
    tab.page.click("text=Sign in with Northwind ID")
    tab.page.wait_for_url(tab.provider + "/interaction/**")  # asked for the password again


def test_hr_by_group_lands_on_the_hr_home(signing_in):
    open_tab, _ = signing_in
    tab = open_tab()
    tab.sign_in("hiroko.russo")
    assert "Hiroko Russo (hr)" in tab.page.inner_text("form.who")


def test_a_user_in_no_group_is_refused_with_the_reason(signing_in):
    open_tab, _ = signing_in
    tab = open_tab()
    tab.sign_in("no.groups")
    assert "not in any group that gives access" in tab.page.inner_text("main")
    tab.go("/")
    assert tab.page.url.startswith(tab.base + "/login")


def test_a_person_who_leaves_is_refused_mid_session(signing_in, store):
    open_tab, clock = signing_in
    tab = open_tab()
    tab.sign_in("sana.saleh")
    tab.go("/people/p033")
    assert "Dana Okafor" in tab.page.inner_text("h1")
    leave(store, "p009", on=date(2026, 1, 5))
    clock.advance(61)
    tab.go("/people/p033")
    assert "Your access to netgraph has ended" in tab.page.inner_text("main")
    tab.screenshot("sso-leaver-refused")
