"""Log-in, log-out, and the role checks every page and API endpoint goes through.

``@requires("hr", "admin")`` on a view: not logged in -> the log-in page (or
401 under /api); logged in with another role -> 403. The account is loaded
on ``g.user`` for every request; ``admin`` passes every check.
"""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for

from netgraph.accounts import Accounts
from netgraph.web.errors import wants_json

bp = Blueprint("auth", __name__)


def accounts() -> Accounts:
    return Accounts(current_app.config.get("NETGRAPH_USERS"))


@bp.before_app_request
def load_user() -> None:
    name = session.get("user")
    g.user = accounts().get(name) if name else None


def allowed(*roles: str) -> bool:
    return g.user is not None and (g.user["role"] == "admin" or g.user["role"] in roles)


def requires(*roles: str):
    """Only these roles (and admin) may use the view; ``requires()`` means any logged-in user."""
    def decorate(view):
        @wraps(view)
        def checked(*args, **kwargs):
            if g.user is None:
                if wants_json():
                    abort(401, "log in first")
                return redirect(url_for("auth.login", next=request.full_path))
            if roles and not allowed(*roles):
                abort(403, f"your role ({g.user['role']}) may not see this")
            return view(*args, **kwargs)
        return checked
    return decorate


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = accounts().check(request.form.get("name", ""), request.form.get("password", ""))
        if user is None:
            flash("wrong name or password")
            return render_template("login.html"), 401
        session.clear()
        session["user"] = user["name"]
        target = request.args.get("next") or ""
        if not target.startswith("/") or target.startswith("//"):
            target = url_for("people.home")
        return redirect(target)
    return render_template("login.html")


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("auth.login"))
