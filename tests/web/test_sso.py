"""Sign-in through the company's identity provider: the suite's real OpenID Connect provider, a real server.

Each test serves a fresh copy of the demo organisation (each store) on waitress
and signs in over HTTP as a browser would (cookies of both sites, every
redirect followed, the provider's form filled): tests/identity_provider.py.
"""

from __future__ import annotations

import re
import shutil
from contextlib import ExitStack
from datetime import date

import pytest
import requests

from netgraph.accounts import Accounts
from netgraph.analysis import audit
from netgraph.analysis.lifecycle import leave
from netgraph.io.importer import import_document
from netgraph.web import create_app
from netgraph.web.store import get_settings
from tests.conftest import PASSWORD
from tests.identity_provider import sign_in
from tests.web.clock import clocked
from tests.web.live import serving


@pytest.fixture
def site(store, demo_document, identity_provider, accounts_file, tmp_path):
    """Start a server for the demo organisation on each store, signing in through the provider.

    Yields ``serve(**settings)``: the app (with a hand-moved clock) and its address.
    """
    import_document(store, demo_document)
    users = shutil.copy(accounts_file, tmp_path / "users.json")
    with ExitStack() as running:

        def serve(**settings):
            app = create_app(
                {"SECRET_KEY": "test secret", "NETGRAPH_USERS": str(users), **identity_provider.settings(**settings)},
                store=store,
            )
            clock = clocked(app)
            host, port = running.enter_context(serving(app))
            return app, clock, f"http://{host}:{port}"

        yield serve


def account_of(app, subject: str) -> dict:
    with app.app_context():
        settings = get_settings()
    book = Accounts(settings.users_file)
    return book.get(book.sso_name(settings.web.oidc_issuer, subject))


def test_a_user_lands_on_the_home_their_groups_and_email_give(site):
    app, _, base = site()
    page = sign_in(requests.Session(), base, "sana.saleh")
    assert page.url == base + "/" and 'data-person="p033"' in page.text  # Sana mentors Dana: the mentor home
    assert account_of(app, "sana.saleh") | {"name": None} == {
        "name": None,
        "role": "mentor",
        "person": "p009",
        "display": "Sana Saleh",
    }


def test_the_highest_role_the_groups_give_wins(site):
    app, _, base = site()
    sign_in(requests.Session(), base, "hiroko.russo")  # netgraph-viewers and netgraph-hr
    assert account_of(app, "hiroko.russo")["role"] == "hr"


def test_a_user_in_no_mapped_group_is_refused_with_a_page_that_says_why(site):
    app, _, base = site()
    page = sign_in(requests.Session(), base, "no.groups")
    assert page.status_code == 403 and "not in any group that gives access" in page.text
    assert account_of(app, "no.groups") is None


def test_a_provider_user_called_admin_never_becomes_the_local_admin(site):
    app, _, base = site()
    http = requests.Session()
    sign_in(http, base, "admin")
    assert account_of(app, "admin")["role"] == "viewer"
    assert http.get(base + "/api/home", timeout=30).json()["account"]["name"].startswith("sso-")
    assert http.get(base + "/audit", timeout=30).status_code == 403


def test_an_unverified_email_links_no_person_and_the_home_says_so(site):
    app, _, base = site()
    page = sign_in(requests.Session(), base, "nia.holm")  # email_verified false
    assert account_of(app, "nia.holm")["person"] is None
    assert "not linked to a person in netgraph" in page.text


def test_an_issuer_trusted_for_emails_links_without_email_verified(site):
    app, _, base = site(NETGRAPH_OIDC_TRUST_EMAIL=True)
    sign_in(requests.Session(), base, "nia.holm")
    assert account_of(app, "nia.holm")["person"] == "p002"


def test_the_account_made_just_in_time_is_audited(site, store):
    app, _, base = site()
    sign_in(requests.Session(), base, "sana.saleh")
    name = account_of(app, "sana.saleh")["name"]
    (event,) = audit.events(store, action="users.sso")
    assert event["actor"] == f"web:{name}" and sorted(event["entities"]) == ["person:p009", f"user:{name}"]


def test_a_second_sign_in_with_the_same_groups_records_nothing_new(site, store):
    _, _, base = site()
    sign_in(requests.Session(), base, "sana.saleh")
    sign_in(requests.Session(), base, "sana.saleh")
    assert len(audit.events(store, action="users.sso")) == 1


def test_an_answer_with_another_state_is_refused(site):
    _, _, base = site()
    http = requests.Session()
    started = http.get(base + "/login/sso", allow_redirects=False, timeout=30)
    assert started.status_code == 302 and "code_challenge_method=S256" in started.headers["Location"]
    answer = http.get(base + "/login/sso/callback?code=anything&state=not-the-one-sent", timeout=30)
    assert answer.status_code == 403 and "could not be checked" in answer.text
    assert http.get(base + "/api/home", timeout=30).status_code == 401


def test_a_replayed_answer_is_refused(site):
    _, _, base = site()
    http = requests.Session()
    page = http.get(base + "/login/sso", timeout=30)
    form = re.search(r'action="(/interaction/[^"]+)"', page.text).group(1)
    provider = page.url.split("/interaction/")[0]
    back = http.post(provider + form, data={"login": "sana.saleh", "password": "provider password"}, timeout=30)
    callback = next(r.headers["Location"] for r in back.history if "/login/sso/callback" in r.headers["Location"])
    again = requests.Session()
    again.cookies.update(http.cookies)
    assert again.get(callback, timeout=30).status_code == 403


def test_a_person_who_left_cannot_sign_in(site, store):
    _, _, base = site()
    leave(store, "p009", on=date(2026, 1, 5))
    page = sign_in(requests.Session(), base, "sana.saleh")
    assert page.status_code == 403 and "recorded as having left" in page.text


def test_a_person_who_leaves_is_refused_from_the_next_check_on(site, store):
    _, clock, base = site()
    http = requests.Session()
    sign_in(http, base, "sana.saleh")
    leave(store, "p009", on=date(2026, 1, 5))  # as `netgraph leave` in another process would
    clock.advance(61)
    refused = http.get(base + "/api/home", timeout=30)
    assert refused.status_code == 403 and "has left" in refused.json()["error"]
    assert http.get(base + "/api/home", timeout=30).status_code == 401  # the session is over


def test_a_password_account_linked_to_a_leaver_is_refused_too(site, store):
    _, clock, base = site()
    http = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', http.get(base + "/login", timeout=30).text).group(1)
    http.post(base + "/login", data={"name": "sana", "password": PASSWORD, "csrf_token": token}, timeout=30)
    assert http.get(base + "/api/home", timeout=30).status_code == 200
    leave(store, "p009", on=date(2026, 1, 5))
    clock.advance(61)
    assert http.get(base + "/api/home", timeout=30).status_code == 403


def test_an_sso_session_ends_at_its_own_lifetime(site):
    _, clock, base = site(NETGRAPH_SSO_SESSION_LIFETIME=3600.0)
    http = requests.Session()
    sign_in(http, base, "umar.dahl")
    clock.advance(1799)
    assert http.get(base + "/api/home", timeout=30).status_code == 200
    clock.advance(1801)
    assert http.get(base + "/api/home", timeout=30).status_code == 401


def test_log_out_also_ends_the_session_at_the_provider(site):
    _, _, base = site()
    http = requests.Session()
    home = sign_in(http, base, "umar.dahl")
    token = re.search(r'name="csrf-token" content="([^"]+)"', home.text).group(1)
    confirm = http.post(base + "/logout", data={"csrf_token": token}, timeout=30)
    assert "Sign out of the identity provider" in confirm.text
    form = re.search(r'<form id="op.logoutForm" method="post" action="([^"]+)"', confirm.text).group(1)
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', confirm.text).group(1)
    back = http.post(form, data={"xsrf": xsrf, "logout": "yes"}, timeout=30)
    assert back.url.startswith(base + "/login")
    assert http.get(base + "/api/home", timeout=30).status_code == 401
    again = http.get(base + "/login/sso", timeout=30)
    assert "/interaction/" in again.url  # the provider asks for the password again


def test_password_log_in_can_be_turned_off(site):
    _, _, base = site(NETGRAPH_PASSWORD_LOGIN=False)
    http = requests.Session()
    page = http.get(base + "/login", timeout=30).text
    assert "Sign in with Northwind ID" in page and 'name="password"' not in page
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    refused = http.post(base + "/login", data={"name": "sana", "password": PASSWORD, "csrf_token": token}, timeout=30)
    assert refused.status_code == 403 and http.get(base + "/api/home", timeout=30).status_code == 401


def test_a_pointer_to_the_groups_instead_of_the_groups_is_refused_with_a_page_that_says_why(site):
    app, _, base = site()
    page = sign_in(requests.Session(), base, "many.groups")  # Entra ID past 200 groups: _claim_names
    assert page.status_code == 403 and "instead of the groups" in page.text
    assert account_of(app, "many.groups") is None


def test_a_mentor_by_group_linked_to_no_person_gets_viewer(site):
    app, _, base = site()
    sign_in(requests.Session(), base, "pat.mentor")  # nobody in netgraph has Pat's email
    assert account_of(app, "pat.mentor") | {"name": None} == {
        "name": None,
        "role": "viewer",
        "person": None,
        "display": "Pat",
    }


def test_a_refused_answer_is_logged(site, caplog):
    _, _, base = site()
    http = requests.Session()
    http.get(base + "/login/sso", allow_redirects=False, timeout=30)
    with caplog.at_level("WARNING", logger="netgraph.web.sso"):
        http.get(base + "/login/sso/callback?code=anything&state=not-the-one-sent", timeout=30)
    assert "sign-in refused from 127.0.0.1: MismatchingStateError" in caplog.text


def test_the_log_in_link_works_on_this_machine_with_password_log_in_off(site):
    from netgraph.web.auth import issue_login_link

    app, _, base = site(NETGRAPH_PASSWORD_LOGIN=False)
    http = requests.Session()
    home = http.get(f"{base}/login/link/{issue_login_link(app, 'admin')}", timeout=30)
    assert home.url == base + "/" and http.get(base + "/api/home", timeout=30).json()["account"]["name"] == "admin"
