"""The suite's real OpenID Connect provider (tests/oidc/provider.mjs, oidc-provider on Node) and how to use it.

One provider process serves the whole test session, one per test worker (the
``identity_provider`` fixture in tests/conftest.py): it listens on 127.0.0.1 on a free port, with the
clients and users of tests/oidc/directory.json. Its packages are installed
with ``npm ci`` from tests/oidc/package-lock.json the first time (and again
when the lock file changes); ``make test`` installs Debian's ``nodejs`` and
``npm`` when ``node`` is missing. A missing Node is a failure, never a skip.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.exclusive import exclusive

HERE = Path(__file__).resolve().parent / "oidc"
DIRECTORY = json.loads((HERE / "directory.json").read_text("utf-8"))
#: every user of the test directory has this password at the provider
PROVIDER_PASSWORD = "provider password"
#: the groups -> roles mapping the tests configure
ROLES = "netgraph-viewers=viewer, netgraph-mentors=mentor, netgraph-hr=hr, netgraph-admins=admin"


@dataclass(frozen=True)
class IdentityProvider:
    issuer: str
    client_id: str
    client_secret_file: Path

    def settings(self, **overrides) -> dict:
        """The app settings that sign in through this provider (``overrides`` on top)."""
        return {
            "NETGRAPH_OIDC_ISSUER": self.issuer,
            "NETGRAPH_OIDC_PROVIDER_NAME": "Northwind ID",
            "NETGRAPH_OIDC_CLIENT_ID": self.client_id,
            "NETGRAPH_OIDC_CLIENT_SECRET_FILE": str(self.client_secret_file),
            "NETGRAPH_OIDC_SCOPES": "openid email profile groups",
            "NETGRAPH_OIDC_ROLES": ROLES,
            **overrides,
        }


def install() -> None:
    """``npm ci`` in tests/oidc unless its node_modules already match the lock file."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise RuntimeError("the sign-in tests need Node.js and npm: `make test` installs Debian's nodejs and npm")
    lock, installed = HERE / "package-lock.json", HERE / "node_modules" / ".package-lock.json"
    # each test worker starts a provider; one installs while the other waits (npm ci empties node_modules first)
    with exclusive(HERE / ".install.lock"):
        if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
            return
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--quiet"], cwd=HERE, check=True, timeout=600)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(secret_dir: Path) -> tuple[subprocess.Popen, IdentityProvider]:
    """Start the provider and wait until it answers discovery (60 s at most)."""
    install()
    port = free_port()
    process = subprocess.Popen(
        ["node", str(HERE / "provider.mjs"), str(HERE / "directory.json"), str(port)],
        cwd=HERE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the test identity provider stopped at start (exit {process.returncode})")
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            process.terminate()
            raise RuntimeError("the test identity provider did not answer within 60 s")
        time.sleep(0.2)
    client = DIRECTORY["clients"][0]
    secret = secret_dir / "client-secret"
    secret.write_text(client["client_secret"] + "\n", "utf-8")
    secret.chmod(0o600)
    return process, IdentityProvider(issuer, client["client_id"], secret)


def sign_in(http: requests.Session, app: str, user: str, password: str = PROVIDER_PASSWORD) -> requests.Response:
    """Sign in to the app at ``app`` as the provider's ``user``: the page the browser lands on at the end.

    ``http`` keeps the cookies of both sites, as a browser does; it follows
    every redirect (app -> provider -> app) and fills the provider's form.
    """
    page = http.get(f"{app}/login/sso", timeout=120)
    form = re.search(r'<form method="post" action="(/interaction/[^"]+)"', page.text)
    assert form, page.text[:500]
    provider = page.url.split("/interaction/")[0]
    return http.post(provider + form.group(1), data={"login": user, "password": password}, timeout=120)
