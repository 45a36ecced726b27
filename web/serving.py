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

**Behind a reverse proxy** the app sees the proxy's address on every
request. Waitress itself reads ``X-Forwarded-For``, ``-Proto``, ``-Host``
and ``-Port``, but only on connections that come from the address
``NETGRAPH_TRUSTED_PROXY`` names (waitress's ``trusted_proxy``), from
the last ``NETGRAPH_TRUSTED_PROXY_COUNT`` proxies; on every other connection
it deletes those headers before the app sees them (``clear_untrusted_proxy_headers``,
on by default). So the client address the log-in limits and the log use,
and the scheme (HTTPS: HSTS and the Referer check of CSRF), come from the
proxy, and a client that reaches the server directly cannot claim another
address. This is the only place forwarded headers are read: the app has no
ProxyFix (``tests/web/test_proxy.py`` runs both cases through a real server).
"""

from __future__ import annotations

import waitress
from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.task import ErrorTask

from netgraph.settings import WebSettings
from netgraph.web.security import SECURITY_HEADERS


class SecureErrorTask(ErrorTask):
    """Waitress's own error answer, with the app's security headers."""

    def execute(self):
        # before the answer is written: ErrorTask.execute adds its own headers to these, then writes
        self.response_headers.extend([*SECURITY_HEADERS.items(), ("Cache-Control", "no-store")])
        super().execute()


class SecureChannel(HTTPChannel):
    error_task_class = SecureErrorTask


#: the forwarded headers waitress takes from the trusted proxy
FORWARDED_HEADERS = ("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port")


def proxy_adjustments(web: WebSettings) -> dict:
    """Waitress's settings for the proxy the web settings name (``NETGRAPH_TRUSTED_PROXY``): none without one.

    >>> from netgraph.settings import load_settings
    >>> proxy_adjustments(load_settings({"NETGRAPH_TRUSTED_PROXY": "10.0.0.2"}).web)["trusted_proxy"]
    '10.0.0.2'
    >>> proxy_adjustments(load_settings({}).web)
    {}
    """
    if not web.trusted_proxy:
        return {}
    return {
        "trusted_proxy": web.trusted_proxy,
        "trusted_proxy_count": web.trusted_proxy_count or 1,
        "trusted_proxy_headers": set(FORWARDED_HEADERS),
        "clear_untrusted_proxy_headers": True,
    }


def make_server(app, host: str, port: int, **adjustments):
    """A waitress server for ``app`` on ``host:port`` (not yet running: call ``.run()``).

    ``adjustments`` are waitress's (``threads=8``, ``max_request_header_size=...``); the trusted
    proxy comes from the app's settings (:func:`proxy_adjustments`).
    """
    sockets: dict = {}
    adjustments = {**proxy_adjustments(app.extensions["netgraph_settings"].web), **adjustments}
    server = waitress.create_server(app, map=sockets, host=host, port=port, **adjustments)
    for dispatcher in list(sockets.values()):
        if isinstance(dispatcher, BaseWSGIServer):  # one per address listened on
            dispatcher.channel_class = SecureChannel
    server.sockets = sockets
    return server


def shut_down(server) -> None:
    """Stop a server made by :func:`make_server`: its task threads, then its sockets. Stop the thread running
    its loop first: closing the sockets under that loop's ``select()`` fails there on a closed descriptor
    (``tests/web/live.py`` runs the loop a tenth of a second at a time for this)."""
    server.task_dispatcher.shutdown()
    wasyncore.close_all(server.sockets)
