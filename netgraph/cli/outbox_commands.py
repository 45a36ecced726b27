"""``netgraph outbox``: the messages of mentoring rounds, shown and sent (run ``outbox send`` from cron)."""

from __future__ import annotations

from datetime import date

from netgraph.analysis import outbox
from netgraph.analysis.matching import workflow
from netgraph.cli.output import print_json


def register(commands) -> None:
    box = commands.add_parser("outbox", help="messages to people about mentoring rounds: show, send")
    sub = box.add_subparsers(dest="outbox_command", metavar="WHAT", required=True)

    p = sub.add_parser("show", help="every message: to whom, its state, attempts and the last error")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_show)

    p = sub.add_parser(
        "send", help="lapse what is overdue, queue reminders, and hand the messages due to the SMTP server"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_send)


def run_show(context) -> None:
    found = context.store.outbox_messages()
    if context.args.json:
        print_json(found)
        return
    for m in found:
        error = f" ({m['last_error']})" if m["last_error"] else ""
        print(f"{m['queued_at']}  {m['state']:<7} {m['attempts']}x  {m['to_person']}: {m['subject']}{error}")
    if not found:
        print("the outbox is empty")


def run_send(context) -> None:
    mail = context.settings.mail
    outbox.check_delivery(mail)  # a password or CA file that will not do: refused before anything changes
    now = outbox.now_utc()
    today = date.today()
    found = workflow.tick(context.store, today=today, mail=mail, now=now)
    found |= outbox.deliver_due(context.store, mail, now)
    if context.args.json:
        print_json(found)
        return
    where = "" if mail.sends else " (no SMTP server configured: messages show in the app only)"
    print(
        f"{found['lapsed']} lapsed, {found['reminders']} reminders queued; "
        f"{found['sent']} sent, {found['retry']} to retry, {found['failed']} given up{where}"
    )
