"""``netgraph db``: set up the database and run a local Neo4j for development."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from netgraph.io.documents import IMPORT_FORMATS, guess_format, read_document
from netgraph.localdb import LocalNeo4j
from netgraph.localdb.memory import files_size, machine_memory, memory_plan, neo4j_size, parse_size
from netgraph.model.text import stored_id_problems
from netgraph.model.validate import stored_problems
from netgraph.store import EmbeddedStore


def register(commands) -> None:
    db = commands.add_parser("db", help="database set-up and a local Neo4j server")
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    p = sub.add_parser(
        "init", help="create constraints and indexes, and wait until they are online (idempotent; after an upgrade)"
    )
    p.set_defaults(run=run_init)

    p = sub.add_parser("check", help="list stored ids and values the current rules refuse (exit 1 if any)")
    p.set_defaults(run=run_check)

    p = sub.add_parser(
        "scrub",
        help="finish an erasure: fold the embedded store's write-ahead log into the file "
        "(exit 1 while another process keeps reading)",
    )
    p.set_defaults(run=run_scrub)

    local = sub.add_parser("local", help="run Neo4j Community from Maven jars on 127.0.0.1 (no Docker needed)")
    local_sub = local.add_subparsers(dest="local_command", metavar="ACTION", required=True)
    for action, helptext in (
        ("start", "fetch the jars if needed, start, wait until Bolt answers"),
        ("stop", "stop the server started here"),
        ("status", "say whether it runs"),
    ):
        p = local_sub.add_parser(action, help=helptext)
        p.add_argument(
            "--home",
            type=Path,
            default=None,
            help="server folder: jars, data, logs (default: $NETGRAPH_NEO4J_HOME or ~/.local/share/netgraph/neo4j)",
        )
        p.add_argument("--port", type=int, default=7687, help="Bolt port on 127.0.0.1 (default 7687)")
        if action == "start":
            p.add_argument(
                "--heap",
                default=None,
                help="JVM heap, such as 6g (default: min(8g, 25%% of RAM); an import is one transaction)",
            )
            p.add_argument(
                "--pagecache",
                default=None,
                help="page cache, such as 2g (default: min(1.2 x the store files, 40%% of RAM)); both leave 4 GB of "
                "RAM to netgraph",
            )
        p.set_defaults(run=run_local)

    p = local_sub.add_parser(
        "load",
        help="first load of a document into an EMPTY local Neo4j with the offline "
        "importer: validate, stop the server, import, start it, create the schema",
    )
    p.add_argument("path", metavar="FILE", help="a .json file or a folder of CSV files")
    p.add_argument("--format", choices=IMPORT_FORMATS, help="default: from the path (a folder is csv)")
    p.add_argument(
        "--home",
        type=Path,
        default=None,
        help="server folder (default: $NETGRAPH_NEO4J_HOME or ~/.local/share/netgraph/neo4j)",
    )
    p.add_argument("--port", type=int, default=7687, help="Bolt port on 127.0.0.1 (default 7687)")
    p.add_argument(
        "--heap", default=None, help="JVM heap of the restarted server (default: as `db local start` computes it)"
    )
    p.add_argument(
        "--pagecache",
        default=None,
        help="page cache of the restarted server (default: as `db local start` computes it, from the loaded store)",
    )
    p.set_defaults(run=run_local_load)


def run_init(context) -> None:
    """The schema, its indexes online before this returns: after an upgrade that adds an index to a filled
    Neo4j store it is built here, not at the first write (which would be refused meanwhile)."""
    context.store.init_schema()
    print(f"schema ready in the {context.store.describe()}")


def run_scrub(context) -> None:
    """What ``erase`` does last, again: for when another process kept it from finishing."""
    store = context.store
    store.scrub()
    if isinstance(store, EmbeddedStore):
        print(
            f"scrubbed the {store.describe()}: its write-ahead log is folded into the file and cut to nothing, "
            "and deleted rows were overwritten"
        )
    else:
        print(
            f"nothing to do from here for the {store.describe()}: its transaction logs keep old values until "
            "they are rotated and pruned (docs: audit.md, Erasure)"
        )


def run_check(context) -> int:
    """One line per stored id or value that breaks the current rules (stored before they existed), or "ok".

    An id that breaks the id rule is said once, by :func:`stored_id_problems`
    (its other lines, as a reference that does not match, would only repeat it).
    """
    document = context.store.export()
    ids = stored_id_problems(document)
    lines = ids + [line for line in stored_problems(document) if not (ids and "not a valid id" in line)]
    for line in lines:
        print(line)
    if lines:
        return 1
    print("ok")
    return 0


def run_local_load(context) -> None:
    """``db local load PATH``: a CSV folder is read record by record, checked and written as the importer's
    files as it goes; a JSON file is read and validated as ``import`` does (beside writing the importer's
    files). Then the empty database is filled offline, and the server restarted with the memory
    ``db local start`` would give it for the store just written."""
    from netgraph.localdb.bulk_load import BulkLoad

    args = context.args
    heap = parse_size(args.heap, "--heap") if args.heap else None
    pagecache = parse_size(args.pagecache, "--pagecache") if args.pagecache else None

    def resize(server: LocalNeo4j) -> str:
        plan = memory_plan(machine_memory(), files_size(server.database_dir), heap=heap, pagecache=pagecache)
        server.heap, server.pagecache = neo4j_size(plan.heap), neo4j_size(plan.pagecache)
        return f"the server will run with {plan.describe()}"

    server = LocalNeo4j(args.home or context.settings.neo4j_home, port=args.port)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    fmt = args.format or guess_format(args.path)
    # refuses a non-empty database before reading anything; the server stops while the input is read
    with BulkLoad(server, say=say, resize=resize) as load:
        if fmt == "csv":
            report = load.run_folder(Path(args.path))
        else:
            document, where = read_document(args.path, args.format)
            report = load.run_document(document, where)  # validated beside writing the importer's files
    for line in report.lines():
        print(line)
    print(f"Neo4j running at {server.uri}; use it with: export NEO4J_URI={server.uri}")


def run_local(context) -> None:
    args = context.args
    home = args.home or context.settings.neo4j_home
    server = LocalNeo4j(home, port=args.port)
    if args.local_command == "start":
        plan = memory_plan(
            machine_memory(),
            files_size(server.database_dir),
            heap=parse_size(args.heap, "--heap") if args.heap else None,
            pagecache=parse_size(args.pagecache, "--pagecache") if args.pagecache else None,
        )
        server = LocalNeo4j(home, port=args.port, heap=neo4j_size(plan.heap), pagecache=neo4j_size(plan.pagecache))
        if server.start():
            print(f"Neo4j started at {server.uri}: {plan.describe()}")
        else:
            print(f"Neo4j already running at {server.uri}, with the memory it was started with (stop it to resize)")
        print(f"use it with: export NEO4J_URI={server.uri}")
    elif args.local_command == "stop":
        print("Neo4j stopped" if server.stop() else "Neo4j was not running")
    else:
        print(json.dumps(server.status(), indent=2))
