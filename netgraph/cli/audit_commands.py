"""``netgraph audit`` (read and verify the trail) and ``netgraph erase`` (remove a person for good)."""

from __future__ import annotations

import sys

from netgraph.accounts import Accounts
from netgraph.analysis import audit, erasure
from netgraph.cli.output import print_json
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
    q.set_defaults(run=run_verify)

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


def run_verify(context) -> int:
    problem = audit.check(context.store)
    if problem is None:
        anchor = context.store.audit_anchor()
        print(f"the audit trail verifies: {anchor['count'] if anchor else 0} events, chain and anchor intact")
        return 0
    print(f"netgraph: the audit trail does not verify: {problem}", file=sys.stderr)
    return 1


def run_erase(context) -> None:
    a = context.args
    check_text(a.reason, "--reason", "note", where="command line", multiline=True)
    done = erasure.erase(context.store, a.person, reason=a.reason, accounts=Accounts(context.settings.users_file))
    if a.json:
        print_json(done)
    else:
        print(f"erased {a.person}: {done['audit_events_redacted']} past audit events redacted, "
              f"{done['accounts_removed']} web accounts removed; a tombstone keeps them from coming back")
