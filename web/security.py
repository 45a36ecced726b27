"""Safety on every response: CSRF on state changes, a strict Content-Security-Policy, safe cookies.

Everything the pages load comes from this app ('self'): no CDN, no inline
script, so an injected ``<script>`` in user data could not run even if it
escaped Jinja's autoescaping. CSRF (Flask-WTF) covers forms (``csrf_token``
field) and the JSON API (``X-CSRFToken`` header, from the page's meta tag).

Every answer but the static files carries ``Cache-Control: no-store``: pages
and API answers hold people's data, which must not stay in a shared cache
or in the browser's after logging out. HSTS goes with answers over HTTPS, and
whenever the session cookie is Secure (the app is then meant to be reached
over HTTPS only; browsers ignore HSTS sent over plain HTTP).

``X-Forwarded-*`` headers are read by the server, not the app: waitress
trusts them only on connections from ``NETGRAPH_TRUSTED_PROXY`` and deletes
them from every other (:mod:`netgraph.web.serving`), so no client can claim
another address, dodging the per-address log-in limit, or claim HTTPS.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request
from flask_wtf.csrf import CSRFProtect

from netgraph.settings import WebSettings

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

#: headers every answer carries, the WSGI server's own error answers included (netgraph.web.serving)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
HSTS = "max-age=31536000"


def origin(url: str) -> str:
    """The scheme, host and port of ``url``, as a Content-Security-Policy source names a site.

    >>> origin("https://login.microsoftonline.com/tenant-id/v2.0")
    'https://login.microsoftonline.com'
    """
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def init_app(app: Flask, web: WebSettings) -> None:
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config.get("SESSION_COOKIE_SECURE"))
    # the signed cookie itself is refused after this long (netgraph.web.auth ends sessions sooner, on the server)
    app.config["PERMANENT_SESSION_LIFETIME"] = web.session_lifetime
    app.config["WTF_CSRF_TIME_LIMIT"] = None  # a token lasts as long as the session
    csrf.init_app(app)

    own = dict(SECURITY_HEADERS)
    if web.oidc_issuer:
        # log-out ends with a redirect to the identity provider, and a form's redirects obey form-action
        own["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
            "form-action 'self'", f"form-action 'self' {origin(web.oidc_issuer)}"
        )

    @app.after_request
    def headers(response):
        for name, value in own.items():
            response.headers.setdefault(name, value)
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"
        if request.is_secure or app.config["SESSION_COOKIE_SECURE"]:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response
