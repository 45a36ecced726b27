"""The settings block of docs/sso.md works: read as the environment, against the suite's provider, it signs in."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import requests

from netgraph.io.importer import import_document
from netgraph.settings import load_settings
from netgraph.store.embedded.store import EmbeddedStore
from netgraph.web import create_app
from tests.identity_provider import sign_in
from tests.web.live import serving

PAGE = Path(__file__).resolve().parents[2] / "docs" / "sso.md"


def documented_settings() -> dict[str, str]:
    """NAME -> value of the page's first sh block, as a shell would read it."""
    block = re.search(r"```sh\n(.*?)```", PAGE.read_text("utf-8"), re.S).group(1)
    return dict(line.split("=", 1) for line in shlex.split(block, comments=True))


def test_the_documented_settings_sign_a_mentor_in_through_the_provider(
    identity_provider, demo_document, accounts_file, tmp_path
):
    environment = documented_settings() | {  # the two settings that differ from site to site
        "NETGRAPH_OIDC_ISSUER": identity_provider.issuer,
        "NETGRAPH_OIDC_CLIENT_SECRET_FILE": str(identity_provider.client_secret_file),
    }
    store = EmbeddedStore(tmp_path / "graph.json")
    import_document(store, demo_document)
    users = shutil.copy(accounts_file, tmp_path / "users.json")
    settings = load_settings(environment | {"NETGRAPH_SECRET_KEY": "test secret", "NETGRAPH_USERS": str(users)})
    assert settings.web.password_login is False
    app = create_app(settings=settings, store=store)
    with serving(app) as (host, port):
        home = sign_in(requests.Session(), f"http://{host}:{port}", "sana.saleh")
    assert home.status_code == 200 and "Sana Saleh (mentor)" in home.text
