"""A real SMTP server for the mail tests (aiosmtpd, in a thread, on a free port of 127.0.0.1) that
keeps every message it accepted, parsed with the ``email`` package; it can be stopped and started
again on the same port (the mail server going down in the middle of sending)."""
from __future__ import annotations

import email
import email.policy
import threading

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import app_for, free_port

BASE = "http://venue.local:5000"  # FACILITATOR_PUBLIC_URL in the mail tests: links in mails point there


@pytest.fixture
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


def mail_app(request, templates, db_path, smtp, **config):
    """An app that sends its mail to the test's SMTP server."""
    return app_for(request, templates, db_path, SMTP_URL=smtp.url, PUBLIC_URL=BASE, **config)


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        self.refuse: set[str] = set()  # recipients answered with 550
        self.stop_after: int | None = None  # accept this many, then the server goes away
        self.on_limit = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.arrived:
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.arrived.notify_all()
            reached = self.stop_after is not None and len(self.messages) >= self.stop_after
        if reached and self.on_limit:
            self.on_limit()
        return "250 Message accepted for delivery"

    def wait_for(self, n: int, timeout: float = 10) -> list:
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.messages) >= n, timeout), f"{len(self.messages)} of {n} arrived"
            return list(self.messages)


class SMTPServer:
    """``tls``: None (plain), "starttls" (STARTTLS required, then a login) or "implicit" (TLS from the
    first byte, then a login); ``cert`` (certfile, keyfile) for those; ``users`` {name: password}."""

    def __init__(self, tls: str | None = None, cert: tuple | None = None, users: dict | None = None):
        self.port = free_port()
        self.inbox = Inbox()
        self.controller = None
        self.tls, self.cert, self.users = tls, cert, users or {}
        self.logins: list[str] = []

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword

        if isinstance(auth_data, LoginPassword):
            name, password = auth_data.login.decode(), auth_data.password.decode()
            if self.users.get(name) == password:
                self.logins.append(name)
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    def start(self):
        kwargs = {}
        if self.tls:
            import ssl

            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*self.cert)
            kwargs.update(authenticator=self._authenticate, auth_required=True, auth_require_tls=True)
            if self.tls == "starttls":
                kwargs.update(tls_context=context, require_starttls=True)
            else:  # the whole connection is TLS (aiosmtpd does not count it as STARTTLS, so AUTH needs no STARTTLS)
                kwargs.update(ssl_context=context, auth_require_tls=False)
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **kwargs)
        self.controller.start()
        return self

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


def self_signed(folder) -> tuple[str, str]:
    """A certificate for localhost and 127.0.0.1 (openssl), and its key."""
    import subprocess

    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


def message_ids(messages) -> list[str]:
    return [m["Message-ID"] for m in messages]


def parts(message) -> dict:
    """content type -> list of parts (text/plain, text/html, image/png, text/calendar ...)."""
    out: dict = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        out.setdefault(part.get_content_type(), []).append(part)
    return out
