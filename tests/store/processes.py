"""Real processes on one embedded store: the ``netgraph`` command, a served web app, a web client.

The store's promises across processes (nothing lost, nothing half-written)
can only be shown with separate interpreters: separate memory, separate
SQLite connections, and ``kill -9`` for real.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from netgraph.accounts import Accounts

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a password for the tests"
#: The interpreter running ``netgraph`` (the package as the tests see it, whatever venv that is).
NETGRAPH = [sys.executable, "-c", "import sys; from netgraph.cli import main; sys.exit(main())"]


def environment(**extra: str) -> dict:
    """The environment of a child: no Neo4j, this checkout first on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return {**env, **extra}


def netgraph(*args, **kwargs) -> subprocess.CompletedProcess:
    """Run ``netgraph ARGS`` in a new process; fails the test on a non-zero exit."""
    done = subprocess.run(
        [*NETGRAPH, *map(str, args)], capture_output=True, text=True, env=environment(), cwd=ROOT, **kwargs
    )
    assert done.returncode == 0, f"netgraph {' '.join(map(str, args))}: {done.stdout}{done.stderr}"
    return done


def accounts(folder: Path) -> Path:
    """An accounts file with one ``hr`` account (who may propose any introduction)."""
    path = folder / "users.json"
    Accounts(path).add("hr", PASSWORD, role="hr")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(data: Path, users: Path):
    """``netgraph --data DATA serve`` on a free port; yields its base URL, stops it afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [*NETGRAPH, "--data", str(data), "serve", "--port", str(port)],
        cwd=ROOT,
        env=environment(NETGRAPH_USERS=str(users), NETGRAPH_SECRET_KEY="tests"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/login", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None, f"the server stopped: {server.stderr.read()}"
                assert time.monotonic() < deadline, "the server did not start within 60 s"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.communicate(timeout=30)


class WebClient:
    """A logged-in browser: cookies, and the CSRF token of the pages."""

    def __init__(self, base: str, name: str = "hr"):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        token = self._token(self.request("GET", "/login")[1])
        self.request("POST", "/login", form={"name": name, "password": PASSWORD, "csrf_token": token})
        self.token = self._token(self.request("GET", "/search")[1])

    @staticmethod
    def _token(page: str) -> str:
        found = re.search(r'name="csrf-token" content="([^"]+)"', page) or re.search(
            r'name="csrf_token" value="([^"]+)"', page
        )
        assert found, page[:300]
        return found.group(1)

    def request(self, method: str, path: str, *, body=None, form=None) -> tuple[int, str]:
        headers, data = {}, None
        if body is not None:
            data, headers = json.dumps(body).encode(), {"Content-Type": "application/json", "X-CSRFToken": self.token}
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get_json(self, path: str) -> tuple[int, dict]:
        status, text = self.request("GET", path)
        return status, json.loads(text)

    def post_json(self, path: str, body: dict) -> tuple[int, dict]:
        status, text = self.request("POST", path, body=body)
        return status, json.loads(text)


def exported(data: Path, folder: Path) -> dict:
    """The whole store as ``netgraph export`` writes it, from a process of its own."""
    target = folder / f"export-{time.monotonic_ns()}.json"
    netgraph("--data", data, "export", target)
    return json.loads(target.read_text("utf-8"))
