"""Sending one message to an SMTP server, secured as the settings say (the standard library's smtplib).

``starttls`` (the default, port 587) upgrades the connection before anything
else is said, and refuses to go on when the server does not offer it;
``tls`` (port 465) speaks TLS from the start; ``none`` sends in the clear
and is accepted only for a server on this machine (checked with the
settings). The server's certificate is checked against ``ca_file`` when
given, else against the system's certificate authorities, and its name
against ``host``.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from netgraph.model.mail import MailSettings, Message


class DeliveryError(Exception):
    """The server did not take the message (the words say why); the outbox tries again later."""


def tls_context(settings: MailSettings) -> ssl.SSLContext:
    """A client context that checks the server's certificate and name (against ``ca_file`` if given)."""
    return ssl.create_default_context(cafile=str(settings.ca_file) if settings.ca_file else None)


def email_of(message: Message, sender: str) -> EmailMessage:
    """The stored outbox message as an email (plain text, UTF-8)."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message["to_address"]
    mail["Subject"] = message["subject"]
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    mail.set_content(message["body"])
    return mail


def deliver(message: Message, settings: MailSettings, password: str | None) -> None:
    """Hand ``message`` to the SMTP server; raise :class:`DeliveryError` when it is not taken."""
    assert settings.host is not None  # only called when a server is configured
    try:
        if settings.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=tls_context(settings)
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.security == "starttls":
                client.ehlo()
                if not client.has_extn("starttls"):
                    raise DeliveryError("the server does not offer STARTTLS (NETGRAPH_SMTP_SECURITY=starttls)")
                client.starttls(context=tls_context(settings))
                client.ehlo()
            if settings.user is not None and password is not None:
                client.login(settings.user, password)
            refused = client.send_message(email_of(message, settings.sender))
            if refused:
                raise DeliveryError(f"the server refused the recipient: {refused}")
    except DeliveryError:
        raise
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
