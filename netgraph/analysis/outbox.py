"""The outbox: the messages a round's steps queue, and their delivery, retried with backoff.

A step that people should hear about queues one message per person
(:func:`queue`): a proposal sent, a reminder before the day to answer by, an
outcome (the mentorship starts, a side declined, the proposal lapsed). Each
message's id says what it is about, so asking twice queues it once. Each
links to the page where the person answers (``NETGRAPH_BASE_URL``).

:func:`deliver_due` hands the messages that are due to the SMTP server; one
the server does not take is tried again after 1 minute, then 2, 4... (at
most 6 hours), and given up on (``failed``) after 8 attempts, each outcome
audited. With no SMTP server configured nothing is sent: the messages stay
``in_app``, shown to HR in the outbox and to each person on their home page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from netgraph.errors import InvalidInput, Problem
from netgraph.io.smtp import DeliveryError, deliver, tls_context
from netgraph.model.audit import entry
from netgraph.model.mail import MailSettings, Message, after_failure, after_sending, message, stamp
from netgraph.model.match_proposals import overdue, side_field, side_person, status
from netgraph.store.ports import Lookups, Outbox, RoundLookups

#: The most messages one delivery run hands to the server.
DELIVERY_BATCH = 200


def now_utc() -> datetime:
    """The moment, in UTC (the outbox's stamps)."""
    return datetime.now(UTC)


def _who(record: Mapping[str, Any]) -> str:
    return f"{record['name']} ({record['id']})"


def queue(store: Outbox, messages: list[Message], *, what: str) -> int:
    """Store the messages not queued before (one audit event ``mail.queue`` for them); how many were new."""
    if not messages:
        return 0
    return store.queue_messages(
        messages,
        entry(
            "mail.queue",
            sorted({f"person:{m['to_person']}" for m in messages}),
            [{"entity": "outbox", "field": what, "before": None, "after": len(messages)}],
        ),
    )


def _link(mail: MailSettings) -> str:
    return mail.base_url.rstrip("/") + "/"


def proposal_messages(
    proposals: Iterable[Mapping[str, Any]], store: Lookups, mail: MailSettings, now: datetime
) -> list[Message]:
    """One message to each side of each proposal just sent: who, why, and the day to answer by."""
    found = []
    proposals = list(proposals)
    people = store.people(sorted({p[side] for p in proposals for side in ("mentor", "mentee")}))
    for p in proposals:
        for side, other_side in (("mentor", "mentee"), ("mentee", "mentor")):
            me, other = people[p[side]], people[p[other_side]]
            role = "mentor" if side == "mentor" else "mentee"
            body = (
                f"Hello {me['name']},\n\n"
                f"In the mentoring round {p['round']}, you are proposed as the {role} of this pair:\n"
                f"  mentor: {_who(people[p['mentor']])}\n  mentee: {_who(people[p['mentee']])}\n\n"
                "Why this pair:\n" + "".join(f"  - {why}\n" for why in p["why"]) + "\n"
                f"Please accept or decline by {p['answer_by']} on your home page:\n{_link(mail)}\n\n"
                "The mentorship starts only when both of you accept.\n"
            )
            found.append(
                message(
                    f"proposal:{p['round']}:{p['mentor']}:{p['mentee']}:{me['id']}",
                    to=me,
                    about=[other["id"]],
                    subject=f"Mentoring round {p['round']}: a proposal for you",
                    body=body,
                    now=now,
                    sends=mail.sends,
                )
            )
    return found


#: The outcome of a pair, as its message says it.
OUTCOMES = {
    "started": "both of you accepted: the mentorship starts today",
    "declined": "the proposal was declined, so this pair will not go ahead",
    "lapsed": "the day to answer by passed without both answers, so this pair will not go ahead",
}


def outcome_messages(p: Mapping[str, Any], store: Lookups, mail: MailSettings, now: datetime) -> list[Message]:
    """One message to each side of a pair that started, was declined or lapsed."""
    result = status(p)
    if result not in OUTCOMES:
        return []
    people = store.people([p["mentor"], p["mentee"]])
    found = []
    for side, other_side in (("mentor", "mentee"), ("mentee", "mentor")):
        me, other = people.get(p[side]), people.get(p[other_side])
        if me is None or other is None:
            continue
        found.append(
            message(
                f"outcome:{p['round']}:{p['mentor']}:{p['mentee']}:{me['id']}",
                to=me,
                about=[other["id"]],
                subject=f"Mentoring round {p['round']}: {result}",
                body=(
                    f"Hello {me['name']},\n\nYour proposed pair in the mentoring round {p['round']} "
                    f"with {_who(other)}: {OUTCOMES[result]}.\n\nSee it on your home page:\n{_link(mail)}\n"
                ),
                now=now,
                sends=mail.sends,
            )
        )
    return found


def reminder_messages(store: RoundLookups, today: date, mail: MailSettings, now: datetime) -> list[Message]:
    """A reminder to each side still to answer a proposal of an open round, within ``mail.remind_days``
    (``NETGRAPH_REMIND_DAYS``) of the day to answer by (and not after it)."""
    found = []
    for round_ in store.match_rounds():
        if round_["status"] == "closed":
            continue
        for p in store.match_proposals(round_["id"]):
            if status(p) != "open" or overdue(p, today):
                continue
            assert p["answer_by"] is not None  # an open proposal was sent with its day to answer by
            if date.fromisoformat(p["answer_by"]) - today > timedelta(days=mail.remind_days):
                continue
            waiting = [side for side in ("mentor", "mentee") if side_field(p, side, "state") == "sent"]
            people = store.people([side_person(p, side) for side in waiting])
            for side in waiting:
                me = people[side_person(p, side)]
                found.append(
                    message(
                        f"reminder:{p['round']}:{p['mentor']}:{p['mentee']}:{me['id']}",
                        to=me,
                        about=[p["mentee" if side == "mentor" else "mentor"]],
                        subject=f"Mentoring round {p['round']}: please answer by {p['answer_by']}",
                        body=(
                            f"Hello {me['name']},\n\nA mentoring proposal is waiting for your answer, due by "
                            f"{p['answer_by']}. Accept or decline it on your home page:\n{_link(mail)}\n"
                        ),
                        now=now,
                        sends=mail.sends,
                    )
                )
    return found


def password_of(mail: MailSettings) -> str | None:
    """The SMTP password, read from ``NETGRAPH_SMTP_PASSWORD_FILE`` (surrounding white space dropped).

    A file that cannot be read, is not UTF-8 text or holds no password is InvalidInput, one line naming
    the setting and the file: nothing is tried with a password that is not there.
    """
    if mail.password_file is None:
        return None
    path = Path(mail.password_file)
    try:
        password = path.read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        why = f"not UTF-8 text ({exc.reason})" if isinstance(exc, UnicodeDecodeError) else exc.strerror or str(exc)
        raise InvalidInput([Problem("NETGRAPH_SMTP_PASSWORD_FILE", "", f"{path} cannot be read: {why}")]) from None
    if not password:
        raise InvalidInput([Problem("NETGRAPH_SMTP_PASSWORD_FILE", "", f"{path} holds no password")])
    return password


def check_delivery(mail: MailSettings) -> str | None:
    """What delivering needs from files, read before anything is sent or changed: the password (see
    :func:`password_of`) and the CA file (``NETGRAPH_SMTP_CA_FILE``, PEM certificates). Return the password;
    a file that will not do is InvalidInput, one line each."""
    if not mail.sends:
        return None
    problems = []
    try:
        password = password_of(mail)
    except InvalidInput as exc:
        problems += exc.problems
        password = None
    if mail.ca_file is not None:
        try:
            tls_context(mail)
        except (OSError, ValueError) as exc:
            why = getattr(exc, "strerror", None) or getattr(exc, "reason", None) or str(exc)
            problems.append(
                Problem(
                    "NETGRAPH_SMTP_CA_FILE", "", f"{mail.ca_file} is not a readable file of PEM certificates: {why}"
                )
            )
    if problems:
        raise InvalidInput(problems)
    return password


def deliver_due(store: Outbox, mail: MailSettings, now: datetime, limit: int = DELIVERY_BATCH) -> dict[str, int]:
    """Hand the messages due by ``now`` to the SMTP server; return how many were sent, will be retried
    and were given up on. Nothing happens when no server is configured."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    if not mail.sends:
        return counts
    password = check_delivery(mail)
    for stored in store.due_messages(stamp(now), limit):
        try:
            deliver(stored, mail, password)
        except DeliveryError as exc:
            after = after_failure(stored, str(exc), now)
            kind = "failed" if after["state"] == "failed" else "retry"
        else:
            after = after_sending(stored, now)
            kind = "sent"
        counts[kind] += 1
        store.update_message(
            after,
            entry(
                f"mail.{kind}",
                [f"person:{stored['to_person']}", f"message:{stored['id']}"],
                [{"entity": f"message:{stored['id']}", "field": "state", "before": "queued", "after": after["state"]}],
            ),
        )
    return counts
