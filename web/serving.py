"""The production server (waitress), with the security headers on its own error answers too.

Waitress answers some requests itself, before the app sees them: a malformed
request line or header (400), headers over ``max_request_header_size``
(431), a body over its limits (413). Those answers would carry none of the
headers of :data:`netgraph.web.security.SECURITY_HEADERS`, so
:func:`make_server` gives waitress an error task that adds them (plus
``Cache-Control: no-store``). This uses waitress's ``channel_class`` and
``error_task_class`` hooks; ``tests/web/test_serving.py`` sends such requests
to a real server and checks the headers, so an upgrade of waitress that
changed the hooks would fail there.
"""

from __future__ import annotations

import waitress
from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.task import ErrorTask

from netgraph.web.security import SECURITY_HEADERS


class SecureErrorTask(ErrorTask):
    """Waitress's own error answer, with the app's security headers."""

    def execute(self):
        # before the answer is written: ErrorTask.execute adds its own headers to these, then writes
        self.response_headers.extend([*SECURITY_HEADERS.items(), ("Cache-Control", "no-store")])
        super().execute()


class SecureChannel(HTTPChannel):
    error_task_class = SecureErrorTask


def make_server(app, host: str, port: int, **adjustments):
    """A waitress server for ``app`` on ``host:port`` (not yet running: call ``.run()``).

    ``adjustments`` are waitress's (``threads=8``, ``max_request_header_size=...``).
    """
    sockets: dict = {}
    server = waitress.create_server(app, map=sockets, host=host, port=port, **adjustments)
    for dispatcher in list(sockets.values()):
        if isinstance(dispatcher, BaseWSGIServer):  # one per address listened on
            dispatcher.channel_class = SecureChannel
    server.sockets = sockets
    return server


def shut_down(server) -> None:
    """Stop a server made by :func:`make_server` (its ``run()`` then returns)."""
    server.task_dispatcher.shutdown()
    wasyncore.close_all(server.sockets)
