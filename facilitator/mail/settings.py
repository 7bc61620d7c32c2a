"""``FACILITATOR_SMTP_URL`` -> Flask-Mailman's settings.

- ``smtp://user:password@host:587``: log in after STARTTLS (port 587 unless given);
- ``smtps://user:password@host:465``: TLS from the first byte (port 465 unless given);
- ``smtp://host:port`` without a user: a local server (a relay, a test server), no TLS, no login.
User and password are URL-encoded (``%40`` for @). Unset or empty: no server, mails go to the outbox.
"""
from __future__ import annotations

from urllib.parse import unquote, urlsplit


BACKEND = "facilitator.mail.backend.EmailBackend"  # Flask-Mailman's SMTP backend, certificate checked on STARTTLS


class BadMailURL(ValueError):
    pass


def from_url(url: str | None) -> dict:
    if not url:
        return {"MAIL_BACKEND": BACKEND, "MAIL_SERVER": None}
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise BadMailURL(f"FACILITATOR_SMTP_URL must look like smtp://user:password@host:587 or smtps://…, not {parts.scheme or url!r}")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    secure = parts.scheme == "smtps"
    port = parts.port or (465 if secure else 587 if user else 25)
    return {
        "MAIL_BACKEND": BACKEND,
        "MAIL_SERVER": parts.hostname,
        "MAIL_PORT": port,
        "MAIL_USERNAME": user,
        "MAIL_PASSWORD": password,
        "MAIL_USE_SSL": secure,
        "MAIL_USE_TLS": bool(user) and not secure,
    }
