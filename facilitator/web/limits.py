"""Failed sign-ins are limited (Flask-Limiter), so that a password cannot be guessed from the venue
network: 5 wrong tries per address and e-mail, 30 per address, in 15 minutes. Only failures count.
The public registration page is limited too (every POST counts: each may send a mail): 5 per hour per
visitor and registered address, 20 per hour per visitor.

The counts live in the process's memory, or in Redis when the servers share one
(``FACILITATOR_MESSAGE_QUEUE``). Off in tests unless a test turns it on (``RATELIMIT_ENABLED``).
"""
from __future__ import annotations

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(get_remote_address, default_limits=[], storage_uri="memory://")

PER_ACCOUNT = "5 per 15 minutes"
PER_ADDRESS = "30 per 15 minutes"


def _address_and_email() -> str:
    return f"{get_remote_address()}|{request.form.get('email', '').strip().lower()}"


def _failed(response) -> bool:
    return response.status_code == 401


def sign_in_limits(view):
    """Decorate the sign-in view: a POST that fails counts; past the limit it is refused (429)."""
    view = limiter.limit(PER_ACCOUNT, key_func=_address_and_email, methods=["POST"], deduct_when=_failed)(view)
    return limiter.limit(PER_ADDRESS, methods=["POST"], deduct_when=_failed)(view)


REGISTRATIONS_PER_ADDRESS = "20 per hour"
REGISTRATIONS_PER_EMAIL = "5 per hour"


def _address_and_registered_email() -> str:
    return f"{get_remote_address()}|{request.form.get('email', '').strip().lower()}"


def registration_limits(view):
    """The public registration page: every POST counts (each may send a mail), per visitor and per
    address registered; past the limit it is refused (429) and nothing is sent."""
    view = limiter.limit(REGISTRATIONS_PER_EMAIL, key_func=_address_and_registered_email, methods=["POST"])(view)
    return limiter.limit(REGISTRATIONS_PER_ADDRESS, methods=["POST"])(view)


def init_app(app) -> None:
    app.config.setdefault("RATELIMIT_ENABLED", not app.testing)
    queue = app.config.get("MESSAGE_QUEUE")
    if queue and queue.startswith("redis"):
        app.config.setdefault("RATELIMIT_STORAGE_URI", queue)
    limiter.init_app(app)
