"""Email as plain data: the SMTP settings, a message of the outbox, when to try again, and erasure.

The outbox keeps every message netgraph means to send (a proposal, a reminder,
an outcome), one record each::

    id            what it is about, so one event queues one message: "proposal:ROUND:MENTOR:MENTEE:TO"
    to_person     the person it is for; to_address their email (None: they have none)
    about         the people it names (the recipient and the other side): erasure finds it by them
    subject, body the text (plain; the link to the page where they answer is in the body)
    state         queued -> sent, or failed after MAX_ATTEMPTS; "in_app" when no SMTP server is set
    attempts, next_try, last_error, queued_at, sent_at

With no SMTP server configured nothing is sent: the messages stay ``in_app``,
shown to HR in the outbox and to each person on their home page.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypedDict

#: How a connection to the SMTP server is secured.
SECURITIES = ("starttls", "tls", "none")
#: A message's states: waiting to be sent (again), sent, given up on, kept in the app only.
MESSAGE_STATES = ("queued", "sent", "failed", "in_app")
#: Attempts before a message is given up on (``failed``); the first retry waits FIRST_RETRY, each
#: further one twice as long, at most LONGEST_WAIT.
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
#: What erasure leaves of a sent message's words.
ERASED = "[erased]"
#: Every field of a stored message, in order.
MESSAGE_FIELDS = (
    "id",
    "to_person",
    "to_address",
    "about",
    "subject",
    "body",
    "state",
    "attempts",
    "next_try",
    "last_error",
    "queued_at",
    "sent_at",
)


class Message(TypedDict):
    """A stored message: the fields of MESSAGE_FIELDS, in their order (a unit test holds the two together)."""

    id: str
    to_person: str | None
    to_address: str | None
    about: list[str]
    subject: str
    body: str
    state: str
    attempts: int
    next_try: str
    last_error: str | None
    queued_at: str
    sent_at: str | None


#: The longest reminder window: a reminder further ahead than two months is not one.
MAX_REMIND_DAYS = 60


@dataclass(frozen=True)
class MailSettings:
    """Where email goes: the SMTP server (``host`` None: nowhere, messages stay in the app) and the
    address links in messages start with (``base_url``)."""

    host: str | None = None
    port: int = 587
    security: str = "starttls"
    ca_file: Path | None = None
    user: str | None = None
    password_file: Path | None = None
    sender: str = "netgraph@localhost"
    base_url: str = "http://127.0.0.1:5000"
    #: seconds to wait for the server at each step (a server that never answers is given up on after it)
    timeout: float = 10.0
    #: how many days before a proposal's day to answer by a side still to answer is reminded
    remind_days: int = 2

    @property
    def sends(self) -> bool:
        """Whether messages go by email (an SMTP server is set)."""
        return self.host is not None


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine (where a connection without TLS is never on the wire).

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("mail.example.com")
    (True, True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def settings_problems(settings: MailSettings) -> list[tuple[str, str]]:
    """(setting, why) for each SMTP setting that cannot be used as given.

    >>> settings_problems(MailSettings(host="mail.example.com", security="none"))
    [('NETGRAPH_SMTP_SECURITY', "'none' only for a server on this machine (127.0.0.1, ::1, localhost)")]
    """
    problems = []
    if settings.security not in SECURITIES:
        problems.append(("NETGRAPH_SMTP_SECURITY", f"must be one of {', '.join(SECURITIES)}"))
    elif settings.security == "none" and settings.host is not None and not is_loopback(settings.host):
        problems.append(
            ("NETGRAPH_SMTP_SECURITY", "'none' only for a server on this machine (127.0.0.1, ::1, localhost)")
        )
    if settings.host is not None and not 0 < settings.port < 65536:
        problems.append(("NETGRAPH_SMTP_PORT", "must be a port number from 1 to 65535"))
    if (settings.user is None) != (settings.password_file is None):
        problems.append(("NETGRAPH_SMTP_USER", "give both a user and NETGRAPH_SMTP_PASSWORD_FILE, or neither"))
    if not settings.timeout > 0:
        problems.append(("NETGRAPH_SMTP_TIMEOUT", "must be a number of seconds above 0"))
    if not 0 <= settings.remind_days <= MAX_REMIND_DAYS:
        problems.append(("NETGRAPH_REMIND_DAYS", f"must be a whole number of days from 0 to {MAX_REMIND_DAYS}"))
    if not settings.base_url.startswith(("http://", "https://")):
        problems.append(("NETGRAPH_BASE_URL", "must start with http:// or https://"))
    return problems


def message(
    key: str,
    *,
    to: Mapping[str, Any],
    about: list[str],
    subject: str,
    body: str,
    now: datetime,
    sends: bool,
) -> Message:
    """A new message for the person record ``to``: ``queued`` when email is sent, else ``in_app``."""
    return {
        "id": key,
        "to_person": to["id"],
        "to_address": to.get("email"),
        "about": sorted(set(about) | {to["id"]}),
        "subject": subject,
        "body": body,
        "state": "queued" if sends and to.get("email") else "in_app",
        "attempts": 0,
        "next_try": stamp(now),
        "last_error": None if sends and to.get("email") else _why_in_app(sends),
        "queued_at": stamp(now),
        "sent_at": None,
    }


def _why_in_app(sends: bool) -> str:
    return "the person has no email address" if sends else "no SMTP server is configured: shown in the app only"


def stamp(moment: datetime) -> str:
    """A moment as stored: ISO, to the second, so that stored stamps compare as text."""
    return moment.replace(microsecond=0).isoformat()


def retry_wait(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt: 1 minute, doubling, at most 6 hours.

    >>> [int(retry_wait(n).total_seconds()) for n in (1, 2, 3)], retry_wait(20) == LONGEST_WAIT
    ([60, 120, 240], True)
    """
    wait: timedelta = FIRST_RETRY * 2 ** (attempts - 1)
    return min(wait, LONGEST_WAIT)


def after_failure(stored: Message, error: str, now: datetime) -> Message:
    """The message after a failed attempt: tried again later, or ``failed`` after MAX_ATTEMPTS."""
    attempts = stored["attempts"] + 1
    return {
        **stored,
        "attempts": attempts,
        "state": "failed" if attempts >= MAX_ATTEMPTS else "queued",
        "next_try": stamp(now + retry_wait(attempts)),
        "last_error": error[:500],
    }


def after_sending(stored: Message, now: datetime) -> Message:
    """The message once the server took it."""
    return {**stored, "attempts": stored["attempts"] + 1, "state": "sent", "sent_at": stamp(now), "last_error": None}


def redacted(stored: Message, person: str) -> Message:
    """A sent message after erasing ``person``: its words and address gone, the person's id taken out.

    >>> r = redacted({"to_person": "p1", "to_address": "a@x", "about": ["p1", "p2"], "subject": "s", "body": "b"}, "p1")
    >>> r["to_person"], r["to_address"], r["about"], r["subject"], r["body"]
    (None, None, ['p2'], '[erased]', '[erased]')
    """
    found: Message = {**stored, "subject": ERASED, "body": ERASED, "about": [p for p in stored["about"] if p != person]}
    if stored["to_person"] == person:
        found["to_person"], found["to_address"] = None, None
    return found
