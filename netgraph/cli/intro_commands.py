"""``netgraph intro``: propose introductions and follow them to their outcome."""

from __future__ import annotations

from netgraph.analysis import introductions
from netgraph.cli.output import print_json
from netgraph.model.text import check_text
from netgraph.model.vocabulary import INTRODUCTION_STATUSES


def register(commands) -> None:
    intro = commands.add_parser("intro", help="propose, update and list introductions")
    sub = intro.add_subparsers(dest="intro_command", metavar="ACTION", required=True)

    p = sub.add_parser("propose", help="BY proposes to introduce one person to another")
    p.add_argument("--by", required=True, metavar="ID", help="the introducer (must know both)")
    p.add_argument("--introduce", required=True, metavar="ID", help="the person being introduced (e.g. a mentee)")
    p.add_argument("--to", required=True, metavar="ID", help="the person they are introduced to")
    p.add_argument("--note", help="why this introduction")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_propose)

    p = sub.add_parser(
        "update", help="move an introduction on (proposed, made, accepted, met; or declined) and rate it once met"
    )
    p.add_argument("id")
    p.add_argument("--status", choices=INTRODUCTION_STATUSES)
    p.add_argument("--outcome", type=int, metavar="1-5", help="how useful it was, once met")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_update)

    p = sub.add_parser("list", help="introductions, newest first")
    p.add_argument("--person", metavar="ID", help="only those involving this person in any role")
    p.add_argument("--status", choices=INTRODUCTION_STATUSES)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_list)


def _show(records: list[dict], as_json: bool) -> None:
    if as_json:
        print_json({"introductions": records})
        return
    if not records:
        print("no introductions")
    for r in records:
        rated = f", outcome {r['outcome']}/5" if r["outcome"] is not None else ""
        print(
            f"{r['id']}  {r['created_on']}  {r['status']:<9} {r['by']} introduces {r['introduce']} "
            f"to {r['to']}{rated}" + (f"  ({r['note']})" if r["note"] else "")
        )


def run_propose(context) -> None:
    a = context.args
    if a.note is not None:
        check_text(a.note, "--note", "note", where="command line", multiline=True)
    _show([introductions.propose(context.store, a.by, a.introduce, a.to, note=a.note)], a.json)


def run_update(context) -> None:
    a = context.args
    _show([introductions.update(context.store, a.id, status=a.status, outcome=a.outcome)], a.json)


def run_list(context) -> None:
    a = context.args
    _show(introductions.list_introductions(context.store, person=a.person, status=a.status), a.json)
