"""Settings, from defaults, then environment variables, then explicit overrides."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(__file__).resolve().parent


def default_db_path() -> str:
    return os.environ.get("FACILITATOR_DB", str(ROOT / "instance" / "facilitator.db"))


def from_env(**overrides) -> dict:
    config = {
        "DATABASE": default_db_path(),
        "HOST": os.environ.get("FACILITATOR_HOST", "127.0.0.1"),
        "PORT": int(os.environ.get("FACILITATOR_PORT", "5000")),
        # Secret key: from the environment, else generated once and kept in the database.
        "SECRET_KEY": os.environ.get("FACILITATOR_SECRET_KEY"),
        # Scaling past one process: Flask-SocketIO's Redis message queue, e.g. redis://localhost:6379/0
        "MESSAGE_QUEUE": os.environ.get("FACILITATOR_MESSAGE_QUEUE") or None,
        "PUBLIC_URL": os.environ.get("FACILITATOR_PUBLIC_URL") or None,
        # Behind a reverse proxy: how many proxies to trust for X-Forwarded-For/-Proto/-Host, so that
        # sign-in limits count per visitor, not per proxy.
        "PROXIES": int(os.environ.get("FACILITATOR_PROXIES", "0")),
        "EXPORTS_DIR": os.environ.get("FACILITATOR_EXPORTS", str(ROOT / "exports")),
        # Static files compressed once at brotli's and gzip's best, kept for the next process
        # (facilitator/static_files.py); any folder the server may write, made when first needed.
        "STATIC_COMPRESSED_DIR": os.environ.get("FACILITATOR_STATIC_COMPRESSED", str(ROOT / "instance" / "compressed")),
        # Mail (docs/mail.md): smtp://user:password@host:587 (STARTTLS), smtps://user:password@host:465
        # (TLS), smtp://host:25 (a local server, no login). Unset: mails go to the outbox (exports/mail/).
        "SMTP_URL": os.environ.get("FACILITATOR_SMTP_URL") or None,
        "MAIL_FROM": os.environ.get("FACILITATOR_MAIL_FROM") or None,
        "MAIL_TICK_SECONDS": float(os.environ.get("FACILITATOR_MAIL_TICK", "30")),
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 120,
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_TRANSLATION_DIRECTORIES": str(PACKAGE / "translations"),
        "TESTING": False,
    }
    config.update({k: val for k, val in overrides.items() if val is not None})
    return config
