"""Commands that move data: import, export, stats, demo, generate."""

from __future__ import annotations

import json
import sys

from netgraph.cli.output import print_json
from netgraph.collector import cycle_collector_paused
from netgraph.errors import InvalidInput
from netgraph.io.demo import load_demo
from netgraph.io.documents import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    checked_export_format,
    export_format,
    export_target,
    read_document,
    write_document,
)
from netgraph.io.generate import count_relationships, generate_dataset, write_generated_csv
from netgraph.io.importer import import_document
from netgraph.model.validate import Where


def register(commands) -> None:
    p = commands.add_parser("import", help="validate and merge a JSON file or CSV folder into the store")
    p.add_argument("path", help="a .json file or a folder of CSV files")
    p.add_argument("--format", choices=IMPORT_FORMATS, help="default: from the path (a folder is csv)")
    p.add_argument("--dry-run", action="store_true", help="validate and report what would change; write nothing")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(run=run_import)

    p = commands.add_parser("export", help="write the whole graph to a file or folder, or - (standard output)")
    p.add_argument("path", help="a file (a symlink: its target), a folder (csv), or - / a FIFO / a device: a stream")
    p.add_argument(
        "--format", choices=EXPORT_FORMATS, help="default: from the path's suffix (a folder is csv); to a stream, json"
    )
    p.add_argument(
        "--with-audit",
        action="store_true",
        help="JSON only: add the audit trail (section 'audit', sealed events; import refuses it)",
    )
    p.set_defaults(run=run_export)

    p = commands.add_parser("stats", help="count every node label and relationship type")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_stats)

    p = commands.add_parser("demo", help="load the demo organisation (about 150 people) into the store")
    p.set_defaults(run=run_demo)

    p = commands.add_parser("generate", help="write a deterministic synthetic organisation of any size")
    p.add_argument("out", help="output .json file or CSV folder")
    p.add_argument("--people", type=int, default=1000, help="number of people (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument(
        "--closure-days",
        type=int,
        default=0,
        metavar="DAYS",
        help="then DAYS days of dated new ties formed by triadic closure weighted by strength and unit "
        "(1%% of the people a day): a history that `evaluate --fit --from-history` can learn from",
    )
    p.set_defaults(run=run_generate)


def _progress_printer():
    """Progress on a terminal only: one line rewritten in place."""
    if not sys.stderr.isatty():
        return None

    def show(section: str, done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r  writing {section.replace('_', ' ')}: {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)

    return show


def _import(context, document, where: Where, dry_run: bool, as_json: bool = False) -> None:
    store = context.store
    report = import_document(store, document, where, dry_run=dry_run, progress=_progress_printer())
    if as_json:
        print_json(report.to_json())
        return
    for line in report.lines():
        print(line)
    if dry_run:
        print(f"dry run: nothing was written to the {store.describe()}")


def run_import(context) -> None:
    args = context.args
    with cycle_collector_paused():  # parsing builds the document's millions of dicts too (as import_document)
        document, where = read_document(args.path, args.format)
        _import(context, document, where, args.dry_run, args.json)


def run_demo(context) -> None:
    report = load_demo(context.store, progress=_progress_printer())
    for line in report.lines():
        print(line)
    print(f"demo organisation loaded into the {context.store.describe()}")


def run_export(context) -> None:
    args = context.args
    document = context.store.export()
    if args.with_audit:
        if export_format(args.path, args.format) != "json":
            raise InvalidInput("--with-audit needs --format json (a .json file): the trail is not a table or a graph")
        document = {**document, "audit": context.store.audit_events()}
    write_document(document, args.path, args.format)
    print(f"exported the {context.store.describe()} to {args.path}", file=_confirmations(args.path))


def _confirmations(path: str):
    """Where to say that a document was written: standard error when it went to a stream (which may be
    standard output, and then holds the document and nothing else), else standard output."""
    return sys.stderr if export_target(path) in ("stdout", "stream") else sys.stdout


def run_stats(context) -> None:
    stats = context.store.stats()
    if context.args.json:
        print(json.dumps(stats, indent=2))
        return
    width = max(len(name) for group in stats.values() for name in group)
    for title, group in (("Nodes", stats["nodes"]), ("Relationships", stats["relationships"])):
        print(f"{title} ({sum(group.values()):,})")
        for name, count in group.items():
            print(f"  {name:<{width}}  {count:>9,}")
    print(f"Audit trail (apart from the graph): {stats['audit']['events']:,} events")


def run_generate(context) -> None:
    """A CSV folder is written as it is generated, in little memory (a million people and more); a JSON
    document, or one with a closure history (which reads the whole network), is built whole first."""
    args = context.args
    if args.people < 1:
        raise InvalidInput("--people must be at least 1")
    if checked_export_format(args.out) == "csv" and not args.closure_days:
        relationships = write_generated_csv(args.people, args.out, seed=args.seed)
    else:
        document = generate_dataset(args.people, seed=args.seed)
        if args.closure_days:
            from netgraph.io.generate_closure import closure_history
            from netgraph.model.validate import check_whole_number

            check_whole_number("closure-days", args.closure_days, 0, 3650)
            document = closure_history(document, days=args.closure_days, seed=args.seed)
        write_document(document, args.out)
        relationships = count_relationships(document)
    print(
        f"wrote {args.people:,} people and {relationships:,} relationships to {args.out}",
        file=_confirmations(args.out),
    )
