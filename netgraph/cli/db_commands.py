"""``netgraph db``: set up the database and run a local Neo4j for development."""

from __future__ import annotations

import json
from pathlib import Path

from netgraph.localdb import LocalNeo4j
from netgraph.model.text import stored_id_problems


def register(commands) -> None:
    db = commands.add_parser("db", help="database set-up and a local Neo4j server")
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    p = sub.add_parser("init", help="create constraints and indexes (idempotent)")
    p.set_defaults(run=run_init)

    p = sub.add_parser("check", help="list stored ids that break the id rule (exit 1 if any)")
    p.set_defaults(run=run_check)

    local = sub.add_parser("local", help="run Neo4j Community from Maven jars on 127.0.0.1 (no Docker needed)")
    local_sub = local.add_subparsers(dest="local_command", metavar="ACTION", required=True)
    for action, helptext in (("start", "fetch the jars if needed, start, wait until Bolt answers"),
                             ("stop", "stop the server started here"),
                             ("status", "say whether it runs")):
        p = local_sub.add_parser(action, help=helptext)
        p.add_argument("--home", type=Path, default=None,
                       help="server folder: jars, data, logs (default: $NETGRAPH_NEO4J_HOME or "
                            "~/.local/share/netgraph/neo4j)")
        p.add_argument("--port", type=int, default=7687, help="Bolt port on 127.0.0.1 (default 7687)")
        if action == "start":
            p.add_argument("--heap", default="2g", help="JVM heap (default 2g; an import is one transaction)")
            p.add_argument("--pagecache", default="512m", help="page cache (default 512m)")
        p.set_defaults(run=run_local)


def run_init(context) -> None:
    context.store.init_schema()
    print(f"schema ready in the {context.store.describe()}")


def run_check(context) -> int:
    """One line per stored id that breaks the id rule (stored before it existed), or "ok"."""
    lines = stored_id_problems(context.store.export())
    for line in lines:
        print(line)
    if lines:
        return 1
    print("ok")
    return 0


def run_local(context) -> None:
    args = context.args
    options = {"heap": args.heap, "pagecache": args.pagecache} if args.local_command == "start" else {}
    server = LocalNeo4j(args.home or context.settings.neo4j_home, port=args.port, **options)
    if args.local_command == "start":
        started = server.start()
        print(f"Neo4j {'started' if started else 'already running'} at {server.uri}")
        print(f"use it with: export NEO4J_URI={server.uri}")
    elif args.local_command == "stop":
        print("Neo4j stopped" if server.stop() else "Neo4j was not running")
    else:
        print(json.dumps(server.status(), indent=2))
