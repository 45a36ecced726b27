"""``netgraph serve`` (the web UI on a production WSGI server) and ``netgraph users``."""

from __future__ import annotations

import getpass
import os
import secrets
import sys

from netgraph.accounts import ROLES, Accounts
from netgraph.errors import NetgraphError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(commands) -> None:
    p = commands.add_parser("serve", help="run the web UI (waitress; --dev for Flask's reloading server)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000, help="port (default 5000)")
    p.add_argument("--demo", action="store_true", help="serve the demo organisation from memory")
    p.add_argument("--dev", action="store_true", help="Flask's development server (debug, reload)")
    p.set_defaults(run=run_serve)

    p = commands.add_parser("users", help="web accounts: add, remove, list")
    sub = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    q = sub.add_parser("add", help="add an account (the password is asked for, or read from NETGRAPH_PASSWORD)")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=ROLES)
    q.add_argument("--person", metavar="ID", help="the person this account is (required for mentors)")
    q.set_defaults(run=run_users_add)
    q = sub.add_parser("remove", help="remove an account")
    q.add_argument("name")
    q.set_defaults(run=run_users_remove)
    q = sub.add_parser("list", help="list accounts")
    q.set_defaults(run=run_users_list)


def run_serve(context) -> None:
    from netgraph.web import create_app

    a = context.args
    secret = os.environ.get("NETGRAPH_SECRET_KEY")
    if not secret:
        if a.host not in LOOPBACK:
            raise NetgraphError(f"refusing to listen on {a.host} without NETGRAPH_SECRET_KEY "
                                "(sessions and CSRF tokens would be signed with a throwaway key)")
        secret = secrets.token_hex(32)
        print("note: NETGRAPH_SECRET_KEY is not set; sessions last until this server stops", file=sys.stderr)
    config = {"SECRET_KEY": secret}
    if context.args.data:
        config["NETGRAPH_DATA"] = context.args.data
    if a.demo:
        config["NETGRAPH_DATA"] = ":memory:"
    app = create_app(config)
    if a.demo:
        from importlib import resources

        from netgraph.cli.data_commands import demo_path
        from netgraph.io.documents import read_document
        from netgraph.io.importer import import_document

        with resources.as_file(demo_path()) as path:
            document, where = read_document(path, "json")
        import_document(app.extensions["netgraph_store"], document, where)
    print(f"netgraph on http://{a.host}:{a.port}/ ({app.extensions['netgraph_store'].describe()})", file=sys.stderr)
    try:
        if a.dev:
            app.run(host=a.host, port=a.port, debug=True)
        else:
            import waitress

            from netgraph.web.warmup import warm_up_in_background

            # Neo4j plans each statement on first use: do it before users come
            warm_up_in_background(app, report=lambda line: print(f"netgraph: {line}", file=sys.stderr, flush=True))
            waitress.serve(app, host=a.host, port=a.port, threads=8)
    except OSError as exc:  # port taken, address not on this machine...
        raise NetgraphError(f"cannot listen on {a.host}:{a.port}: {exc.strerror or exc}") from exc


def run_users_add(context) -> None:
    a = context.args
    password = os.environ.get("NETGRAPH_PASSWORD") or getpass.getpass(f"password for {a.name}: ")
    Accounts().add(a.name, password, role=a.role, person=a.person)
    print(f"added {a.name} ({a.role})")


def run_users_remove(context) -> None:
    Accounts().remove(context.args.name)
    print(f"removed {context.args.name}")


def run_users_list(context) -> None:
    for user in Accounts().list():
        print(f"{user['name']:<20} {user['role']:<7} {user['person'] or ''}")
