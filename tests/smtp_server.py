"""The suite's real SMTP server (aiosmtpd) on loopback, speaking STARTTLS with a certificate made here.

:func:`smtp_server` starts one on a free port of 127.0.0.1: it offers
STARTTLS and requires it before a message, with a certificate for
127.0.0.1 and ``localhost`` that this module makes (``cryptography``); the
certificate is its own authority, so netgraph checks it with
``NETGRAPH_SMTP_CA_FILE`` pointing at it. Each message the server takes is
kept in ``received``; a server told to ``refuse`` answers the first that
many deliveries with a temporary failure (451), as a busy server does.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from pathlib import Path

from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from netgraph.model.mail import MailSettings


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, and its key: (cert.pem, key.pem) in ``folder``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "netgraph test SMTP")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


@dataclass
class Recorder:
    """The server's handler: keeps what it takes, after refusing the first ``refuse`` deliveries."""

    refuse: int = 0
    received: list[Message] = field(default_factory=list)
    refused: int = 0
    secured: list[bool] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        self.secured.append(session.ssl is not None)
        if self.refused < self.refuse:
            self.refused += 1
            return "451 4.3.0 busy, try again later"
        self.received.append(message_from_bytes(envelope.content))
        return "250 OK"


@dataclass
class SmtpServer:
    port: int
    ca_file: Path
    recorder: Recorder

    @property
    def received(self) -> list[Message]:
        return self.recorder.received

    def settings(self, **changes) -> MailSettings:
        """Mail settings that send through this server over STARTTLS, trusting its certificate."""
        given = {
            "host": "127.0.0.1",
            "port": self.port,
            "security": "starttls",
            "ca_file": self.ca_file,
            "sender": "netgraph@example.com",
            "base_url": "https://netgraph.example.com",
        }
        return MailSettings(**(given | changes))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def smtp_server(folder: Path, *, refuse: int = 0) -> Iterator[SmtpServer]:
    """A running server on 127.0.0.1 requiring STARTTLS; stopped on leaving."""
    cert_file, key_file = make_certificate(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    recorder = Recorder(refuse=refuse)
    port = free_port()
    controller = Controller(
        recorder, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True, ready_timeout=30
    )
    controller.start()
    try:
        yield SmtpServer(port=port, ca_file=cert_file, recorder=recorder)
    finally:
        controller.stop()
