"""Safety on every response: CSRF on state changes, a strict Content-Security-Policy, safe cookies.

Everything the pages load comes from this app ('self'): no CDN, no inline
script, so an injected ``<script>`` in user data could not run even if it
escaped Jinja's autoescaping. CSRF (Flask-WTF) covers forms (``csrf_token``
field) and the JSON API (``X-CSRFToken`` header, from the page's meta tag).
"""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'",
    "frame-ancestors 'none'", "form-action 'self'",
])


def init_app(app: Flask) -> None:
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["WTF_CSRF_TIME_LIMIT"] = None  # a token lasts as long as the session
    csrf.init_app(app)

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
