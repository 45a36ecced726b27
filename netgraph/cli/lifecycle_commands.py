"""People leave, things end: ``leave``, ``rejoin`` and the edits that end or remove records.

Each command is one atomic, validated change (netgraph.analysis.lifecycle);
on any error nothing is written and the message says why.
"""

from __future__ import annotations

from datetime import date

from netgraph.analysis import lifecycle
from netgraph.cli.output import iso_date, print_json
from netgraph.model.vocabulary import READINESS


def register(commands) -> None:
    p = commands.add_parser(
        "leave",
        help="a person leaves: their seats fall vacant, their mentorships end, "
        "their nominations are withdrawn and their open introductions close",
    )
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--on", type=iso_date, metavar="DATE", help="the leaving date (default: today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_leave)

    p = commands.add_parser("rejoin", help="a person who left is active again (what leaving ended stays ended)")
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_rejoin)

    mentorship = commands.add_parser("mentorship", help="end a mentorship")
    sub = mentorship.add_subparsers(dest="mentorship_command", metavar="ACTION", required=True)
    p = sub.add_parser("end", help="end the active mentorship of MENTEE by MENTOR")
    p.add_argument("mentor", metavar="MENTOR")
    p.add_argument("mentee", metavar="MENTEE")
    p.add_argument("--on", type=iso_date, metavar="DATE", help="its last day (default: today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_end_mentorship)

    knows = commands.add_parser("knows", help="remove a KNOWS link")
    sub = knows.add_subparsers(dest="knows_command", metavar="ACTION", required=True)
    p = sub.add_parser("remove", help="remove the KNOWS link between two people")
    p.add_argument("a", metavar="PERSON")
    p.add_argument("b", metavar="PERSON")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_remove_knows)

    position = commands.add_parser("position", help="delete a position")
    sub = position.add_subparsers(dest="position_command", metavar="ACTION", required=True)
    p = sub.add_parser("delete", help="delete a position nothing refers to (no holders, nominees or reports)")
    p.add_argument("position", metavar="POSITION")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_delete_position)

    person = commands.add_parser("person", help="move a person to another org unit")
    sub = person.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    p = sub.add_parser("move", help="move PERSON to another org unit (not for people the HR sync owns)")
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--unit", required=True, metavar="ORG_UNIT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_move_person)


def register_succession(sub) -> None:
    """``succession nominate|withdraw|readiness``, added to the succession command's sub-commands."""
    p = sub.add_parser("nominate", help="nominate PERSON as a successor for POSITION")
    p.add_argument("person", metavar="PERSON")
    p.add_argument("position", metavar="POSITION")
    p.add_argument("--readiness", required=True, choices=READINESS)
    p.add_argument("--on", type=iso_date, metavar="DATE", help="the nomination date (default: today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_nominate)

    p = sub.add_parser("withdraw", help="withdraw PERSON's nomination for POSITION")
    p.add_argument("person", metavar="PERSON")
    p.add_argument("position", metavar="POSITION")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_withdraw)

    p = sub.add_parser("readiness", help="change the readiness of PERSON's nomination for POSITION")
    p.add_argument("person", metavar="PERSON")
    p.add_argument("position", metavar="POSITION")
    p.add_argument("readiness", choices=READINESS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_readiness)


def _done(result: dict, as_json: bool, text: str) -> None:
    if as_json:
        print_json(result)
    else:
        print(text)


def run_leave(context) -> None:
    a = context.args
    found = lifecycle.leave(context.store, a.person, on=a.on or date.today())
    who = found["person"]
    lines = [f"{who['name']} ({who['id']}) left on {who['left_on']}"]
    for label, key in (
        ("seats vacated", "vacated"),
        ("nominations withdrawn", "withdrawn"),
        ("mentorships ended (with)", "mentorships_ended"),
        ("introductions closed", "introductions_closed"),
    ):
        lines.append(f"  {label}: {', '.join(found[key]) or 'none'}")
    _done(found, a.json, "\n".join(lines))


def run_rejoin(context) -> None:
    who = lifecycle.rejoin(context.store, context.args.person)
    _done(who, context.args.json, f"{who['name']} ({who['id']}) is active again")


def run_end_mentorship(context) -> None:
    a = context.args
    record = lifecycle.end_mentorship(context.store, a.mentor, a.mentee, on=a.on or date.today())
    _done(record, a.json, f"the mentorship of {a.mentee} by {a.mentor} ended on {record['until']}")


def run_remove_knows(context) -> None:
    a = context.args
    _done(lifecycle.remove_knows(context.store, a.a, a.b), a.json, f"removed the KNOWS link {a.a} - {a.b}")


def run_delete_position(context) -> None:
    a = context.args
    _done(lifecycle.delete_position(context.store, a.position), a.json, f"deleted position {a.position}")


def run_move_person(context) -> None:
    a = context.args
    who = lifecycle.move_person(context.store, a.person, unit=a.unit)
    _done(who, a.json, f"{who['name']} ({who['id']}) is now in {who['org_unit']}")


def run_nominate(context) -> None:
    a = context.args
    found = lifecycle.nominate(context.store, a.person, a.position, readiness=a.readiness, on=a.on or date.today())
    _done(found, a.json, f"nominated {a.person} for {a.position} ({a.readiness})")


def run_withdraw(context) -> None:
    a = context.args
    _done(
        lifecycle.withdraw(context.store, a.person, a.position),
        a.json,
        f"withdrew {a.person}'s nomination for {a.position}",
    )


def run_readiness(context) -> None:
    a = context.args
    _done(
        lifecycle.set_readiness(context.store, a.person, a.position, readiness=a.readiness),
        a.json,
        f"{a.person} is now {a.readiness} for {a.position}",
    )
