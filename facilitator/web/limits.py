"""Failed sign-ins are limited (Flask-Limiter), so that a password cannot be guessed from the venue
network: 5 wrong tries per address and e-mail, 30 per address, in 15 minutes. Only failures count.
The public registration page is limited too (every POST counts: each may send a mail): 5 per hour per
visitor and registered address, 20 per hour per visitor.

Joining by code is limited too, so that codes cannot be guessed: 20 wrong codes per address in 10
minutes (only a code that opens no conference counts, on /join and /join/<code> together), and at
most 600 join attempts per conference code in 10 minutes (a flood of made-up participants; a
conference of several hundred people joining at the start stays well under it).

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
WRONG_CODES_PER_ADDRESS = "20 per 10 minutes"
JOINS_PER_CODE = "600 per 10 minutes"


def _address_and_email() -> str:
    return f"{get_remote_address()}|{request.form.get('email', '').strip().lower()}"


def _failed(response) -> bool:
    return response.status_code == 401


def sign_in_limits(view):
    """Decorate the sign-in view: a POST that fails counts; past the limit it is refused (429)."""
    view = limiter.limit(PER_ACCOUNT, key_func=_address_and_email, methods=["POST"], deduct_when=_failed)(view)
    return limiter.limit(PER_ADDRESS, methods=["POST"], deduct_when=_failed)(view)


def _setting(name: str, default: str) -> str:
    from flask import current_app

    return current_app.config.get(name) or default


def _wrong_code(response) -> bool:
    return response.status_code == 404


def _code() -> str:
    from facilitator.domain.conferences import normalise_code

    return "code|" + normalise_code((request.view_args or {}).get("code") or request.values.get("code") or "")


def _too_many_wrong_codes() -> str:
    from flask_babel import gettext

    return gettext("Too many wrong codes from this network. Wait ten minutes and try again, "
                   "or use the personal link from your invitation.")


def _too_many_joins() -> str:
    from flask_babel import gettext

    return gettext("Very many people are joining this conference right now. Wait a few minutes and try again.")


def join_guess_limit(view):
    """Decorate a view that looks a conference up by its code: wrong codes count per address."""
    return limiter.shared_limit(lambda: _setting("JOIN_WRONG_CODES_LIMIT", WRONG_CODES_PER_ADDRESS), scope="join-code", deduct_when=_wrong_code,
                                error_message=_too_many_wrong_codes)(view)


def join_flood_limit(view):
    """Decorate the join form: every POST counts against the code it is for."""
    return limiter.limit(lambda: _setting("JOIN_PER_CODE_LIMIT", JOINS_PER_CODE), key_func=_code, methods=["POST"], error_message=_too_many_joins)(view)
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
