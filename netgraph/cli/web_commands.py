"""``netgraph serve`` (the web UI on a production WSGI server), ``netgraph start`` and ``netgraph users``.

``netgraph start`` is what ``make run`` runs: the product in one command,
asking nothing. It loads the demo organisation when the store is empty (a
store with anything in it is left as it is), makes the first-run admin
account when there is none (:meth:`netgraph.accounts.Accounts.first_run_admin`;
later runs find the same one), and serves the web UI on loopback, printing
the address and a single-use log-in link for that account, as Jupyter does
(:mod:`netgraph.web.auth`). Ctrl-C stops it.
"""

from __future__ import annotations

import getpass
import ipaddress
import secrets
import sys
from datetime import UTC, datetime

from netgraph.accounts import ROLES, Accounts
from netgraph.analysis import audit
from netgraph.errors import NetgraphError
from netgraph.io.demo import demo_in_memory
from netgraph.model.text import id_problem
from netgraph.settings import Settings

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    """Whether listening on ``host`` stays on this machine.

    >>> [is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "127.0.0.2", "0.0.0.0", "::", "example.org")]
    [True, True, True, True, False, False, False]
    """
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_settings(host: str, *, dev: bool, settings: Settings) -> Settings:
    """The settings ``serve`` starts the app with; refuses what would be unsafe on ``host``.

    ``--dev`` runs the Werkzeug debugger, which runs any Python sent to it, so
    only on loopback, secret key or not. Beyond loopback a secret key is
    required; on loopback, without one, a throwaway key is made. The session
    cookie is Secure (HTTPS only) when serving beyond loopback or behind a
    proxy (``NETGRAPH_TRUSTED_PROXY``), unless ``NETGRAPH_SESSION_COOKIE_SECURE``
    says otherwise. The old ``NETGRAPH_PROXY_FIX`` is refused: it never took
    effect under waitress, and keeping it quiet would leave a proxy set-up
    believed to work.
    """
    web, beyond = settings.web, not is_loopback(host)
    if (web.proxy_fix or "0").strip() != "0":
        raise NetgraphError(
            "NETGRAPH_PROXY_FIX is no longer read (waitress deleted the headers it trusted): set "
            "NETGRAPH_TRUSTED_PROXY to the proxy's address instead, and unset NETGRAPH_PROXY_FIX"
        )
    if dev and beyond:
        raise NetgraphError(
            f"refusing --dev on {host}: Flask's development server runs the Werkzeug debugger, "
            "which runs any code sent to it; use --dev on loopback only (127.0.0.1, localhost, ::1)"
        )
    if not web.secret_key and beyond:
        raise NetgraphError(
            f"refusing to listen on {host} without NETGRAPH_SECRET_KEY "
            "(sessions and CSRF tokens would be signed with a throwaway key)"
        )
    secure = web.session_cookie_secure
    if secure is None:
        secure = beyond or bool((web.trusted_proxy or "").strip())
    return settings.with_web(secret_key=web.secret_key or secrets.token_hex(32), session_cookie_secure=secure)


def register(commands) -> None:
    p = commands.add_parser("serve", help="run the web UI (waitress; --dev for Flask's reloading server)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000, help="port (default 5000)")
    p.add_argument("--demo", action="store_true", help="serve the demo organisation from memory")
    p.add_argument("--dev", action="store_true", help="Flask's development server (debug, reload)")
    p.set_defaults(run=run_serve)

    p = commands.add_parser(
        "start",
        help="first run: the demo if the store is empty, an admin account, the web UI "
        "on this machine with a single-use log-in link (what `make run` runs)",
    )
    p.add_argument("--host", default="127.0.0.1", help="a loopback address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000, help="port (default 5000; 0: any free port)")
    p.set_defaults(run=run_start)

    p = commands.add_parser("users", help="web accounts: add, remove, list, unlock")
    sub = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    q = sub.add_parser("add", help="add an account (the password is asked for, or read from NETGRAPH_PASSWORD)")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=ROLES)
    q.add_argument(
        "--person",
        metavar="ID",
        help="the person this account is (required for mentors); refused unless the store holds them",
    )
    q.add_argument(
        "--person-not-yet-stored",
        action="store_true",
        help="link to --person ID although the store does not hold them yet (ahead of an HR sync)",
    )
    q.set_defaults(run=run_users_add)
    q = sub.add_parser("remove", help="remove an account")
    q.add_argument("name")
    q.set_defaults(run=run_users_remove)
    q = sub.add_parser("list", help="list accounts")
    q.set_defaults(run=run_users_list)
    q = sub.add_parser(
        "unlock",
        help="clear an account's log-in delay after wrong passwords (the server notices at the next log-in attempt)",
    )
    q.add_argument("name")
    q.set_defaults(run=run_users_unlock)


def run_serve(context) -> None:
    a = context.args
    settings = serve_settings(a.host, dev=a.dev, settings=context.settings)
    if not context.settings.web.secret_key:
        print("note: NETGRAPH_SECRET_KEY is not set; sessions last until this server stops", file=sys.stderr)
    if settings.web.session_cookie_secure:
        print(
            "note: the session cookie is sent over HTTPS only: serve behind a TLS proxy "
            "(see NETGRAPH_TRUSTED_PROXY), or set NETGRAPH_SESSION_COOKIE_SECURE=0",
            file=sys.stderr,
        )
    store = demo_in_memory() if a.demo else None
    from netgraph.web import serve

    try:
        serve(
            settings,
            a.host,
            a.port,
            store=store,
            dev=a.dev,
            report=lambda line: print(line, file=sys.stderr, flush=True),
        )
    except OSError as exc:  # port taken, address not on this machine...
        raise NetgraphError(f"cannot listen on {a.host}:{a.port}: {exc.strerror or exc}") from exc


def run_start(context) -> None:
    a = context.args
    if not is_loopback(a.host):
        raise NetgraphError(
            f"refusing to start on {a.host}: `netgraph start` is for this machine only "
            "(use `netgraph serve` with NETGRAPH_SECRET_KEY to serve others)"
        )
    store = context.store
    if sum(store.stats()["nodes"].values()) == 0:
        from netgraph.cli.data_commands import run_demo

        run_demo(context)
    else:
        print(f"using the {store.describe()} as it is (the demo is loaded only into an empty store)")
    book = Accounts(context.settings.users_file)
    name, made = book.first_run_admin()
    if made:
        audit.record(
            store,
            "users.add",
            [f"user:{name}"],
            [{"entity": f"user:{name}", "field": "role", "before": None, "after": "admin"}],
        )
        print(f"made the admin account {name!r} in {context.settings.users_file} (no password: use the link below)")
    settings = serve_settings(a.host, dev=False, settings=context.settings)
    from netgraph.web import serve

    try:
        serve(settings, a.host, a.port, store=store, login_link_for=name, report=lambda line: print(line, flush=True))
    except OSError as exc:  # port taken...
        raise NetgraphError(f"cannot listen on {a.host}:{a.port}: {exc.strerror or exc}") from exc
    print("netgraph: stopped", flush=True)


def run_users_add(context) -> None:
    """Add an account; its ``--person`` must be a person the store holds, unless ``--person-not-yet-stored``.

    An account linked to an id nobody has would become whoever is later
    imported with that id, and read their private fields: so the link is
    made to someone who exists, or on purpose ahead of an HR sync.
    """
    a = context.args
    if a.person_not_yet_stored and not a.person:
        raise NetgraphError("--person-not-yet-stored needs --person ID")
    if (
        a.person
        and not id_problem(a.person)
        and not a.person_not_yet_stored
        and a.person not in context.store.people([a.person])
    ):
        raise NetgraphError(
            f"no person {a.person!r} in the {context.store.describe()}: check the id, or add "
            "--person-not-yet-stored to link the account ahead of the HR sync that brings them"
        )
    password = context.settings.password or getpass.getpass(f"password for {a.name}: ")
    Accounts(context.settings.users_file).add(a.name, password, role=a.role, person=a.person)
    audit.record(
        context.store,
        "users.add",
        [f"user:{a.name}"] + ([f"person:{a.person}"] if a.person else []),
        [
            {"entity": f"user:{a.name}", "field": "role", "before": None, "after": a.role},
            {"entity": f"user:{a.name}", "field": "person", "before": None, "after": a.person},
        ],
    )
    print(f"added {a.name} ({a.role})")


def run_users_remove(context) -> None:
    Accounts(context.settings.users_file).remove(context.args.name)
    audit.record(context.store, "users.remove", [f"user:{context.args.name}"])
    print(f"removed {context.args.name}")


def run_users_list(context) -> None:
    """One line per account: name, role, linked person (``-``), how it signs in, and its latest sign-in (UTC)."""
    book = Accounts(context.settings.users_file)
    latest = book.sessions.sign_ins()
    for user in book.list():
        at, _ = latest.get(user["name"], (None, None))
        when = "never" if at is None else datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:%MZ")
        print(f"{user['name']:<24} {user['role']:<7} {user['person'] or '-':<10} {user['signs_in']:<30} {when}")


def run_users_unlock(context) -> None:
    Accounts(context.settings.users_file).unlock(context.args.name)
    audit.record(context.store, "users.unlock", [f"user:{context.args.name}"])
    print(f"unlocked {context.args.name}: a running server clears its log-in delay at the next attempt")
