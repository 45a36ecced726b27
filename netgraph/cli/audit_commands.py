"""``netgraph audit`` (read and verify the trail) and ``netgraph erase`` (remove a person for good)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from netgraph.accounts import Accounts
from netgraph.analysis import audit, erasure
from netgraph.cli.output import print_json
from netgraph.errors import InvalidInput, Problem
from netgraph.model.audit import parse_anchor
from netgraph.model.text import check_text


def register(commands) -> None:
    p = commands.add_parser("audit", help="who changed what, and who looked at succession and flight risk")
    p.add_argument("--since", metavar="DATE", help="events at or after this ISO date or time")
    p.add_argument("--actor", metavar="NAME", help="only this actor (web:NAME or cli:USER)")
    p.add_argument("--entity", metavar="ID", help="only events naming this id (p4 or person:p4)")
    p.add_argument("--action", metavar="A", help="only this action or family (intro, intro.update, leave...)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_audit)
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION")
    q = sub.add_parser("verify", help="check the hash chain and the anchor; name the first bad event (exit 1)")
    q.add_argument(
        "--anchor",
        action="append",
        default=[],
        metavar="TOKEN|FILE",
        help="an anchor kept elsewhere (SEQ:HASH:TIME, as `audit anchor` prints it), or a file of them, "
        "one a line: fail if its event is missing or differs (may be repeated)",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(run=run_verify)
    q = sub.add_parser(
        "anchor", help="print the trail's anchor (SEQ:HASH:TIME) to keep somewhere the store's writers cannot reach"
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(run=run_anchor)

    p = commands.add_parser("erase", help="erase a person's personal data for good (GDPR Art. 17)")
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why (for example the request's reference)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_erase)


def run_audit(context) -> None:
    a = context.args
    found = audit.events(context.store, since=a.since, actor=a.actor, entity=a.entity, action=a.action)
    if a.json:
        print_json({"events": found})
        return
    if not found:
        print("no events")
    for e in found:
        entities = ", ".join(x or "[erased]" for x in e["entities"])
        print(f"{e['seq']:>6}  {e['at'][:19]}  {e.get('actor') or '[erased]':<16} {e['action']:<22} {entities}")
        for c in e["changes"]:
            if c is None:
                continue
            print(f"{'':8}{c.get('entity') or '[erased]'} {c.get('field')}: {c.get('before')!r} -> {c.get('after')!r}")
        if e.get("note"):
            print(f"{'':8}{e['note']}")


def kept_anchors(arguments: list[str]) -> list[dict]:
    """The anchors ``--anchor`` names: each a token, or a file of tokens (one a line, ``#`` comments), or a
    file holding what ``audit anchor --json`` printed. Anything else is one located line."""
    found = []
    for argument in arguments:
        try:
            found.append(parse_anchor(argument))
            continue
        except ValueError as exc:
            as_token = str(exc)
        path = Path(argument)
        if not path.is_file():
            raise InvalidInput([Problem("command line", "--anchor", f"{as_token}, nor a file")])
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput([Problem(f"--anchor {path}", "", f"cannot be read: {exc}")]) from None
        if text.lstrip().startswith("{"):
            try:
                text = json.loads(text)["token"]
            except (ValueError, KeyError, TypeError):
                raise InvalidInput(
                    [Problem(f"--anchor {path}", "", "is not what `audit anchor --json` prints")]
                ) from None
        for number, line in enumerate(str(text).splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    found.append(parse_anchor(line))
                except ValueError as exc:
                    raise InvalidInput([Problem(f"--anchor {path}, line {number}", "", str(exc))]) from None
    return found


def verified_lines(found: dict, key_set: bool) -> list[str]:
    """What ``audit verify`` says of a trail that verifies, beside the count: keyed, begun, anchors."""
    lines = []
    if found["keyed_from"] is not None:
        lines.append(f"keyed from event {found['keyed_from']} on, each checked with the key")
    elif key_set:
        lines.append("no event is keyed yet: events written from now on will be")
    else:
        lines.append(
            "not keyed (NETGRAPH_AUDIT_KEY_FILE is not set): whoever can write the store could "
            "rewrite the trail unseen, unless you keep its anchor elsewhere"
        )
    if found["started"]:
        lines.append(
            f"the trail begins with an audit.start event ({found['started']}): what the store held "
            "before it is not recorded"
        )
    if found["anchors"]:
        lines.append(f"{found['anchors']} kept anchor{'s' if found['anchors'] != 1 else ''} matched")
    return lines


def run_verify(context) -> int:
    key = context.settings.store.audit_key
    found = audit.report(context.store, key=key, kept=kept_anchors(context.args.anchor))
    if context.args.json:
        print_json({"verifies": found["problem"] is None, **{k: v for k, v in found.items() if k != "anchor"}})
        return 0 if found["problem"] is None else 1
    if found["problem"] is None:
        print(f"the audit trail verifies: {found['count']} events, chain and anchor intact")
        for line in verified_lines(found, key is not None):
            print(f"  {line}")
        return 0
    print(f"netgraph: the audit trail does not verify: {found['problem']}", file=sys.stderr)
    return 1


def run_anchor(context) -> int:
    found = audit.report(context.store, key=context.settings.store.audit_key)
    if found["problem"] is not None:
        print(f"netgraph: no anchor: the audit trail does not verify: {found['problem']}", file=sys.stderr)
        return 1
    if found["anchor"] is None:
        print("netgraph: no anchor: the audit trail has no events yet", file=sys.stderr)
        return 1
    if context.args.json:
        print_json(found["anchor"])
    else:
        print(found["anchor"]["token"])
    return 0


def run_erase(context) -> None:
    a = context.args
    check_text(a.reason, "--reason", "note", where="command line", multiline=True)
    done = erasure.erase(context.store, a.person, reason=a.reason, accounts=Accounts(context.settings.users_file))
    if a.json:
        print_json(done)
    else:
        print(
            f"erased {a.person}: {done['audit_events_redacted']} past audit events redacted, "
            f"{done['accounts_removed']} web accounts removed; a tombstone keeps them from coming back"
        )
