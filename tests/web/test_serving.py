"""The production server's own error answers (waitress answers these before the app sees them)
carry the same security headers as the app's: a real waitress on 127.0.0.1, raw requests."""

from __future__ import annotations

import socket

import pytest

from netgraph.web import create_app
from netgraph.web.security import SECURITY_HEADERS
from tests.web.live import serving


@pytest.fixture
def address(accounts_file):
    """The server's loop stops before its sockets close (closing them under its select() failed in its thread)."""
    app = create_app({"SECRET_KEY": "test secret", "NETGRAPH_DATA": ":memory:", "NETGRAPH_USERS": str(accounts_file)})
    with serving(app, threads=2) as address:
        yield address


def ask(address, raw: bytes) -> tuple[str, dict[str, str]]:
    """Send ``raw`` and read the answer until the server closes: (status line, headers)."""
    with socket.create_connection(address, timeout=10) as conn:
        conn.sendall(raw)
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except ConnectionResetError:  # it answered, then closed on the rest of what was sent
            pass
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    return head[0], dict(line.split(": ", 1) for line in head[1:])


@pytest.mark.parametrize(
    "raw, status",
    [
        (b"G(T / HTTP/1.1\r\nHost: x\r\n\r\n", "400"),  # malformed method
        (b"GET\r\n\r\n", "400"),  # malformed request line
        (b"GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", "400"),  # malformed header
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 300_000 + b"\r\n\r\n", "431"),  # over 256 KiB of headers
    ],
)
def test_the_servers_own_error_answers_carry_the_security_headers(address, raw, status):
    status_line, headers = ask(address, raw)
    assert status_line.split()[1] == status
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    assert headers["Cache-Control"] == "no-store"


def test_the_app_answers_through_it_as_usual(address):
    status_line, headers = ask(address, b"GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status_line.split()[1] == "200" and headers["X-Frame-Options"] == "DENY"
