"""``netgraph sync``: keep the graph in step with the HR system and the mentoring programme.

``sync people`` prints its plan (counts, then the first rows of each kind)
once it is written; ``--dry-run`` writes nothing. While it writes, one line
per part goes to stderr (records written so far / all of the plan's): on
Neo4j each part is a transaction of its own, and a night's log shows how far
a sync got. See netgraph.analysis.sync for what a snapshot may change.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from netgraph.analysis.sync import PART_RECORDS, sync_mentoring, sync_people
from netgraph.analysis.ties import from_org_chart
from netgraph.cli.output import iso_date, print_json


def register(commands) -> None:
    sync = commands.add_parser("sync", help="bring in the HR system's snapshot or a mentoring programme's export")
    sub = sync.add_subparsers(dest="sync_command", metavar="WHAT", required=True)

    p = sub.add_parser("people", help="apply an HR export (one row per employee; the whole organisation)")
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--mapping", metavar="mapping.toml", help="column names, grades, date format, delimiter, id prefix")
    p.add_argument("--dry-run", action="store_true", help="print the plan and write nothing")
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.add_argument(
        "--allow-mass-leave",
        action="store_true",
        help="apply even if more than 10%% of the active HR people would leave",
    )
    p.add_argument(
        "--adopt-manual",
        action="store_true",
        help="let the HR system take over people added by hand whose ids it names",
    )
    p.add_argument(
        "--as-of", type=iso_date, metavar="DATE", help="the snapshot's date, the leavers' leaving day (default: today)"
    )
    p.add_argument("--first", type=int, default=5, metavar="N", help="rows of each kind to print (default 5)")
    p.add_argument(
        "--part-records",
        type=positive,
        default=PART_RECORDS,
        metavar="N",
        help=f"most records written in one part, a Neo4j transaction each (default {PART_RECORDS:,})",
    )
    p.add_argument(
        "--org-chart-ties",
        action="store_true",
        help="afterwards derive the org chart's ties again (netgraph ties from-org-chart)",
    )
    p.set_defaults(run=run_people)

    p = sub.add_parser(
        "mentoring", help="merge a mentoring programme's export (mentor_email, mentee_email, start, end, status)"
    )
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--dry-run", action="store_true", help="match and check, write nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_mentoring)


def run_people(context) -> None:
    a = context.args
    done = sync_people(
        context.store,
        a.file,
        mapping=a.mapping,
        dry_run=a.dry_run,
        allow_mass_leave=a.allow_mass_leave,
        adopt_manual=a.adopt_manual,
        today=a.as_of,
        part_records=a.part_records,
        progress=part_progress(),
    )
    ties = None
    if a.org_chart_ties and not a.dry_run:
        ties = from_org_chart(context.store, context.settings.ties)
    if a.json:
        print_json({**done.to_json(), **({"org_chart_ties": ties} if ties is not None else {})})
    else:
        print("\n".join(done.lines(max(a.first, 0))))
        if ties is not None:
            print(f"org chart ties: {ties['ties']:,}; {ties['written']:,} written, {ties['removed']:,} removed")


def part_progress() -> Callable[[int, int], None]:
    """One line on stderr per part written: ``sync people: part 2 written, 50,000 of 200,000 records``."""
    parts = 0

    def show(done: int, total: int) -> None:
        nonlocal parts
        parts += 1
        print(f"sync people: part {parts} written, {done:,} of {total:,} records", file=sys.stderr, flush=True)

    return show


def positive(text: str) -> int:
    """A whole number of at least 1 (argparse names the option and the value when it is not)."""
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


def run_mentoring(context) -> None:
    a = context.args
    done = sync_mentoring(context.store, a.file, dry_run=a.dry_run)
    if a.json:
        print_json(done.to_json())
    else:
        print("\n".join(done.lines()))
