"""The suite's real SMTP server (aiosmtpd) on loopback, speaking TLS with a certificate made here.

:func:`smtp_server` starts one on a free port of 127.0.0.1: by default it
offers STARTTLS and requires it before a message; with ``implicit_tls`` it
speaks TLS from the first byte (port 465's way). Either way its certificate,
for 127.0.0.1 and ``localhost``, is made by this module (``cryptography``)
and is its own authority, so netgraph checks it with
``NETGRAPH_SMTP_CA_FILE`` pointing at it. With ``login`` (a user and a
password) the server requires AUTH before a message and offers it only over
TLS. Each message the server takes is kept in ``received``, with whether its
connection was TLS (``secured``) and who logged in (``logins``); a server
told to ``refuse`` answers the first that many deliveries with a temporary
failure (451), as a busy server does.
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
from aiosmtpd.smtp import AuthResult, LoginPassword
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
    #: the user each delivery logged in as (None: no AUTH)
    logins: list[str | None] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        # STARTTLS sets session.ssl; implicit TLS is the connection's own (its transport has an SSL object)
        self.secured.append(session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None)
        self.logins.append(session.auth_data.login.decode() if session.authenticated else None)
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

    implicit_tls: bool = False

    def settings(self, **changes) -> MailSettings:
        """Mail settings that send through this server (over STARTTLS, or TLS throughout), trusting its
        certificate."""
        given = {
            "host": "127.0.0.1",
            "port": self.port,
            "security": "tls" if self.implicit_tls else "starttls",
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


def password_checker(user: str, password: str):
    """An aiosmtpd authenticator that lets in ``user`` with ``password`` only (PLAIN or LOGIN)."""

    def check(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            user.encode(),
            password.encode(),
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    return check


@contextmanager
def smtp_server(
    folder: Path, *, refuse: int = 0, implicit_tls: bool = False, login: tuple[str, str] | None = None
) -> Iterator[SmtpServer]:
    """A running server on 127.0.0.1, requiring STARTTLS (or speaking TLS throughout with ``implicit_tls``)
    and, with ``login``, AUTH as that user; stopped on leaving."""
    cert_file, key_file = make_certificate(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    recorder = Recorder(refuse=refuse)
    port = free_port()
    auth = {}
    if login is not None:
        # aiosmtpd counts only STARTTLS as TLS for AUTH: on an implicit TLS connection the whole session is
        # already encrypted, so there its TLS requirement is lifted (the recorder checks the connection's TLS)
        auth = {"authenticator": password_checker(*login), "auth_required": True, "auth_require_tls": not implicit_tls}
    secured = {"ssl_context": context} if implicit_tls else {"tls_context": context, "require_starttls": True}
    controller = Controller(recorder, hostname="127.0.0.1", port=port, ready_timeout=30, **secured, **auth)
    controller.start()
    try:
        yield SmtpServer(port=port, ca_file=cert_file, recorder=recorder, implicit_tls=implicit_tls)
    finally:
        controller.stop()
