"""Log-in, log-out, sessions, and the role checks every page and API endpoint goes through.

``@requires("hr", "admin")`` on a view: not logged in -> the log-in page (or
401 under /api); logged in with another role -> 403. The account is loaded
on ``g.user`` for every request; ``admin`` passes every check.

A request is logged in only while its session is live on the server
(:mod:`netgraph.sessions`): the signed cookie carries a random session id,
made anew at each log-in, and the times it began and was last used. Log-out
(and ``netgraph users remove``) ends the session on the server, so a copy of
the cookie stops working too; so do ``NETGRAPH_SESSION_IDLE`` seconds without
a request and ``NETGRAPH_SESSION_LIFETIME`` seconds after log-in.

While a logged-in account's request runs, whatever it does is recorded in the
audit trail as done by ``web:NAME`` (:func:`netgraph.model.audit.acting_as`,
entered in :func:`load_user` and left when the request ends).

Log-in attempts go through :mod:`netgraph.web.login_limits` first (429 with
Retry-After while a name or an address must wait; an attempt that finds as
many checks of its name or address under way as they have free failures
left waits up to ``NETGRAPH_LOGIN_PATIENCE`` seconds for its turn). A
successful log-in leaves a signed, HttpOnly device cookie
(:data:`DEVICE_COOKIE`, ``NETGRAPH_LOGIN_DEVICE_DAYS``): that browser's later
attempts on the account count apart from the name's, so wrong passwords from
elsewhere do not delay it. Every failure and refusal is logged on the
``netgraph.web.auth`` logger, never with the password.
Times come from ``app.extensions["netgraph_clock"]`` (``time.time``), which
tests replace.

**Log-in links** (``netgraph start``, what ``make run`` runs): the server that
starts makes a link ``/login/link/TOKEN`` for the first-run admin account
(:func:`issue_login_link`) and prints it, as Jupyter does. The link works
once, for ``NETGRAPH_LOGIN_LINK_TTL`` seconds, and only from this machine
(the request comes from a loopback address); it starts a session exactly as
the log-in form does, and is logged like it. Only a SHA-256 of the token is
kept, in the memory of the server process that printed it.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import math
import secrets
import threading
import time
from contextlib import ExitStack
from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, g, make_response, redirect, render_template, request, session, url_for
from itsdangerous import BadData, URLSafeTimedSerializer

from netgraph.accounts import Accounts
from netgraph.model.audit import acting_as
from netgraph.web import sso
from netgraph.web.errors import respond, wants_json
from netgraph.web.login_limits import BUSY, LoginLimits
from netgraph.web.store import get_settings, get_store

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

#: a live session's "last used" time is written back to its cookie at most this often (seconds)
SEEN_EVERY = 60.0


def accounts() -> Accounts:
    return Accounts(get_settings().users_file)


def now() -> float:
    return current_app.extensions.get("netgraph_clock", time.time)()


def login_limits() -> LoginLimits:
    """This app's log-in counts (in memory, one per app), made from its settings on first use."""
    found = current_app.extensions.get("netgraph_login_limits")
    if found is None:
        web = get_settings().web
        found = current_app.extensions.setdefault(
            "netgraph_login_limits",
            LoginLimits(
                free=web.login_free_failures,
                free_per_address=web.login_free_failures_per_address,
                delay=web.login_delay,
                max_delay=web.login_max_delay,
                reset_after=web.login_reset_after,
            ),
        )
    return found


class LoginLinks:
    """The single-use log-in links this server process has made: token digest -> (account, expiry).

    >>> links = LoginLinks()
    >>> token = links.issue("admin", now=0.0, lifetime=600)
    >>> links.redeem("not it", now=1.0), links.redeem(token, now=1.0), links.redeem(token, now=2.0)
    (None, 'admin', None)
    >>> links.redeem(links.issue("admin", now=0.0, lifetime=600), now=600.0) is None
    True
    """

    def __init__(self) -> None:
        self._links: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _digest(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()

    def issue(self, account: str, *, now: float, lifetime: float) -> str:
        """A new token that logs in as ``account`` until ``now + lifetime``; only its digest is kept."""
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._links[self._digest(token)] = (account, now + lifetime)
        return token

    def redeem(self, token: str, *, now: float) -> str | None:
        """The account of a live link, which is used up; None for a wrong, used or expired one."""
        wanted = self._digest(token)
        with self._lock:
            found = None
            for digest in list(self._links):
                if hmac.compare_digest(digest, wanted):
                    found = digest
            if found is None:
                return None
            account, expires = self._links.pop(found)  # used up, whether or not it is still live
        return account if now < expires else None


def login_links() -> LoginLinks:
    found = current_app.extensions.get("netgraph_login_links")
    if found is None:
        found = current_app.extensions.setdefault("netgraph_login_links", LoginLinks())
    return found


def issue_login_link(app, account: str) -> str:
    """A fresh single-use token logging in as ``account`` on ``app`` (the path is ``/login/link/TOKEN``)."""
    with app.app_context():
        return login_links().issue(account, now=now(), lifetime=get_settings().web.login_link_ttl)


def from_this_machine(address: str | None) -> bool:
    """Whether a request came from a loopback address.

    >>> [from_this_machine(a) for a in ("127.0.0.1", "::1", "127.0.0.2", "10.0.0.5", "::ffff:10.0.0.5", None, "x")]
    [True, True, True, False, False, False, False]
    """
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def safe_next(target: str | None, fallback: str) -> str:
    """``target`` if it is a path on this site, else ``fallback``: where to go after log-in.

    Browsers drop tabs and newlines inside URLs and read ``\\`` as ``/``, so
    ``/<tab>/evil.example`` would become ``//evil.example``, another site;
    anything not printable, with a backslash, or not a plain absolute path is
    refused rather than repaired.

    >>> [safe_next(t, "/") for t in ("/people/p033?", "/paths?from=p1&to=p2", "//evil.example",
    ...                              "/\\t/evil.example", "/\\n/evil.example", "/\\\\evil.example",
    ...                              "https://evil.example", "people", "", None)]
    ['/people/p033?', '/paths?from=p1&to=p2', '/', '/', '/', '/', '/', '/', '/', '/']
    """
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//"):
        return fallback
    if not target.isprintable() or "\\" in target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target


def shown(name: str) -> str:
    """A typed name as it goes into the log: quoted, control characters escaped, at most 64 characters.

    >>> shown("ada"), shown("x\\nforged log line")
    ("'ada'", "'x\\\\nforged log line'")
    """
    return repr(name[:64])


@bp.before_app_request
def load_user() -> None:
    """``g.user``: the account of a live session, else None (and an ended session's cookie is cleared).

    With an account, the rest of the request acts as ``web:NAME`` in the audit trail.
    """
    g.user = None
    name = session.get("user")
    if not name or request.endpoint == "static":
        return
    web, at = get_settings().web, now()
    book = accounts()
    user = book.get(name)
    sid, started, seen = session.get("sid"), session.get("started", 0.0), session.get("seen", 0.0)
    if (
        user is None
        or not isinstance(sid, str)
        or at - started >= web.session_lifetime
        or at - seen >= web.session_idle
        or not book.sessions.is_live(sid, name, now=at)
    ):
        session.clear()
        return
    if user["person"] and has_left(user["person"], at):
        book.sessions.end(sid)
        session.clear()
        log.warning("request refused: %s is linked to %s, who has left", shown(name), user["person"])
        return respond(403, "Your access to netgraph has ended: the person your account is linked to has left.")
    if at - seen >= SEEN_EVERY:
        session["seen"] = at
    g.user = user
    g.netgraph_acting = acting = ExitStack()  # left by stop_acting, however the request ends
    acting.enter_context(acting_as(f"web:{name}"))


#: how long a person's "has left" answer is trusted before the store is asked again (seconds)
LEAVERS_CHECKED_EVERY = 60.0


def has_left(person: str, at: float) -> bool:
    """Whether ``person`` has left (``leave`` or ``sync people``, in any process): asked at most every 60 s.

    Kept per app in memory. A store that does not answer fails the request with its 503, as any page
    would: an account is never let through unchecked.
    """
    known = current_app.extensions.setdefault("netgraph_leavers", {})
    found = known.get(person)
    if found is None or at - found[0] >= LEAVERS_CHECKED_EVERY:
        found = (at, person in get_store().departed([person]))
        known[person] = found
    return found[1]


@bp.teardown_app_request
def stop_acting(error: BaseException | None = None) -> None:
    """The request is over: its account no longer acts (the thread serves the next request)."""
    acting = g.pop("netgraph_acting", None)
    if acting is not None:
        acting.close()


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
    if request.method == "GET":
        return render_template("login.html")
    if not get_settings().web.password_login:
        log.warning("password log-in refused from %s: it is turned off", request.remote_addr)
        return render_template("login.html", message="Log in with your company account."), 403
    name, password = request.form.get("name", ""), request.form.get("password", "")
    address, device = request.remote_addr, known_devices().get(name)
    book, limits = accounts(), login_limits()
    unlocks = book.unlocks(name)
    if limits.note_unlocks(name, unlocks):
        log.info("log-in delay of %s cleared (netgraph users unlock)", shown(name))
    wait = limits.take_turn(
        name,
        address,
        clock=current_app.extensions.get("netgraph_clock", time.time),
        patience=get_settings().web.login_patience,
        unlocks=unlocks,
        device=device,
    )
    if wait == BUSY:
        log.warning("log-in refused: %s from %s, too many log-ins at once", shown(name), address)
        return too_many("Too many log-ins at once: try again in 1 seconds.", 1)
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        log.warning("log-in refused: %s from %s must wait %d s (too many failures)", shown(name), address, seconds)
        return too_many(f"Too many failed log-ins: try again in {seconds} seconds.", seconds)
    try:
        user = book.check(name, password)
    except BaseException:
        limits.released(name, address, device=device)
        raise
    if user is None:
        limits.failed(name, address, now=now(), device=device)
        by_name, by_address = limits.failures(name, address, device)
        log.warning(
            "log-in failed: %s (%s) from %s; %d failures for this name%s, %d from this address",
            shown(name),
            "an account" if book.get(name) else "no such account",
            address,
            by_name,
            " on this device" if device else "",
            by_address,
        )
        return render_template("login.html", message="wrong name or password"), 401
    limits.succeeded(name, address, device=device)
    book.sessions.note_sign_in(name, "password", now=now())
    start_session(book, name, now())
    log.info("log-in: %s from %s%s", shown(name), address, " (a known device)" if device else "")
    return remember_device(redirect(safe_next(request.args.get("next"), url_for("people.home"))), name)


def too_many(message: str, seconds: int):
    """A 429 log-in page saying ``message``, with Retry-After ``seconds``."""
    response = make_response(render_template("login.html", message=message), 429)
    response.headers["Retry-After"] = str(seconds)
    return response


# -- device cookies ---------------------------------------------------------------------------------

#: the cookie a browser keeps after logging in: signed {account name: device id}, HttpOnly
DEVICE_COOKIE = "netgraph_device"
#: the most accounts one browser's cookie remembers (the latest ones logged in to)
DEVICE_ACCOUNTS = 5


def _device_signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="netgraph-device")


def known_devices() -> dict[str, str]:
    """{account name: device id} from this browser's device cookie: empty if none, forged, or too old."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw or len(raw) > 4096:
        return {}
    try:
        found = _device_signer().loads(raw, max_age=get_settings().web.login_device_days * 86400)
    except BadData:
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}


def remember_device(response, name: str):
    """``response`` with a fresh device cookie that holds ``name`` (a new id each log-in), latest last."""
    devices = {k: v for k, v in known_devices().items() if k != name}
    devices[name] = secrets.token_urlsafe(16)
    devices = dict(list(devices.items())[-DEVICE_ACCOUNTS:])
    response.set_cookie(
        DEVICE_COOKIE,
        _device_signer().dumps(devices),
        max_age=int(get_settings().web.login_device_days * 86400),
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        samesite="Lax",
        path="/",
    )
    return response


def start_session(book: Accounts, name: str, at: float, *, lifetime: float | None = None) -> None:
    """Log ``name`` in: a new server-side session (nothing set before log-in survives it).

    ``lifetime``: a shorter absolute lifetime than ``NETGRAPH_SESSION_LIFETIME`` (an SSO session's);
    such a session is also ended at the identity provider on log-out.
    """
    longest = get_settings().web.session_lifetime
    session.clear()
    session.update(
        user=name,
        sid=book.sessions.start(name, now=at, lifetime=min(longest, lifetime or longest)),
        started=at,
        seen=at,
    )
    if lifetime is not None:
        session["sso"] = True


@bp.get("/login/link/<token>")
def login_link(token):
    """Log in with a link ``netgraph start`` printed: once, in time, from this machine only."""
    address, at = request.remote_addr, now()
    name = login_links().redeem(token, now=at)  # used up even when refused below: it was seen elsewhere
    book = accounts()
    if name is None or not from_this_machine(address) or book.get(name) is None:
        log.warning(
            "log-in link refused from %s (%s)",
            address,
            "not this machine"
            if name and not from_this_machine(address)
            else "unknown, used, expired or its account is gone",
        )
        return render_template(
            "login.html",
            message="This log-in link does not work (any more): a link works "
            "once, for a few minutes, and only on the machine that runs netgraph. Start "
            "netgraph again for a fresh one, or log in below.",
        ), 403
    book.sessions.note_sign_in(name, "link", now=at)
    start_session(book, name, at)
    log.info("log-in: %s from %s (log-in link)", shown(name), address)
    return remember_device(redirect(url_for("people.home")), name)


@bp.post("/logout")
def logout():
    sid = session.get("sid")
    if isinstance(sid, str):
        accounts().sessions.end(sid)
    if g.user is not None:
        log.info("log-out: %s from %s", shown(g.user["name"]), request.remote_addr)
    at_provider = session.get("sso") and sso.logout_url(url_for("auth.login", _external=True))
    session.clear()
    return redirect(at_provider or url_for("auth.login"))
