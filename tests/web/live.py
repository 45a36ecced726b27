"""A real waitress server for the app under test, in a thread on 127.0.0.1 (a port the system picks),
and a small HTTP client that keeps cookies and sends the log-in form as a browser does.

For behaviour that depends on the server in front of the app (forwarded headers, requests arriving
together), which Flask's test client does not have.
"""

from __future__ import annotations

import http.client
import re
import threading
from contextlib import contextmanager
from http.cookies import SimpleCookie

from waitress import wasyncore

from netgraph.web.serving import make_server, shut_down


@contextmanager
def serving(app, **adjustments):
    """Run ``app`` on waitress (8 threads, as ``netgraph serve``, unless ``adjustments`` say otherwise);
    yields ``(host, port)`` and stops the server after.

    The thread runs waitress's loop a tenth of a second at a time (``server.run()`` would loop until the
    sockets close) and ends before the sockets are closed: closing them under a running ``select()``
    makes it fail on a closed file descriptor in the thread."""
    server = make_server(app, "127.0.0.1", 0, **{"threads": 8, **adjustments})
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            wasyncore.loop(timeout=0.1, map=server.sockets, use_poll=server.adj.asyncore_use_poll, count=1)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield server.effective_host, server.effective_port
    finally:
        stop.set()
        thread.join(10)
        shut_down(server)


class Visitor:
    """One browser: its cookies, and the headers it sends with every request (e.g. forged ones)."""

    def __init__(self, address, headers: dict[str, str] | None = None):
        self.address, self.headers, self.cookies = address, dict(headers or {}), {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, dict[str, str], str]:
        """(status, headers, text) of one request on a new connection."""
        conn = http.client.HTTPConnection(*self.address, timeout=60)
        headers = {**self.headers, "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            answer = conn.getresponse()
            text = answer.read().decode("utf-8", "replace")
            for line in answer.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(line).items():
                    self.cookies[name] = morsel.value
            return answer.status, dict(answer.headers.items()), text
        finally:
            conn.close()

    def log_in_form(self, name: str, password: str) -> str:
        """GET /login and the form body that logs in as ``name`` with its CSRF token."""
        from urllib.parse import urlencode

        _, _, page = self.request("GET", "/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return urlencode({"name": name, "password": password, "csrf_token": token})

    def log_in(self, name: str, password: str) -> int:
        return self.request("POST", "/login", self.log_in_form(name, password))[0]
