"""One place that turns errors into responses: JSON under /api, a page elsewhere.

The statuses come from :mod:`netgraph.errors` (``http_status``); Neo4j being
down is a 503 with a clear message, never a traceback or a hanging request.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from netgraph.errors import NetgraphError


def wants_json() -> bool:
    return request.path.startswith("/api/")


def respond(status: int, message: str, problems: list | None = None):
    if wants_json():
        return jsonify({"error": message, "problems": problems or []}), status
    return render_template("error.html", status=status, message=message, problems=problems or []), status


def init_app(app: Flask) -> None:
    @app.errorhandler(NetgraphError)
    def netgraph_error(error: NetgraphError):
        problems = [{"where": p.where, "field": p.field, "message": p.message} for p in getattr(error, "problems", [])]
        return respond(error.http_status, str(error), problems)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return respond(400, f"refused: {error.description} (reload the page and try again)")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return respond(error.code or 500, error.description or error.name)
