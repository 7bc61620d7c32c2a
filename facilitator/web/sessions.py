"""The session cookie carries ``Secure`` whenever the page was served over HTTPS.

Flask sets ``Secure`` only from the fixed ``SESSION_COOKIE_SECURE``; one installation may be reached
both over plain HTTP on a venue network and over HTTPS behind a proxy. So the flag follows the
request: ``request.is_secure`` (behind a reverse proxy that is X-Forwarded-Proto, trusted when
``FACILITATOR_PROXIES`` is set), or always when ``FACILITATOR_PUBLIC_URL`` starts with https://.
"""
from __future__ import annotations

from flask import has_request_context, request
from flask.sessions import SecureCookieSessionInterface

COOKIELESS_ENDPOINTS = {"static", "static_plain", "catalogue", "catalogue_module"}


class SessionInterface(SecureCookieSessionInterface):
    def get_cookie_secure(self, app) -> bool:
        if app.config.get("SESSION_COOKIE_SECURE"):
            return True
        if (app.config.get("PUBLIC_URL") or "").startswith("https://"):
            return True
        return has_request_context() and request.is_secure

    def should_set_cookie(self, app, session) -> bool:
        # Static files and the catalogue are the same for everybody: no session cookie refreshed on
        # each of them (bytes on every response, and a response a shared cache may not keep).
        if has_request_context() and request.endpoint in COOKIELESS_ENDPOINTS:
            return False
        return super().should_set_cookie(app, session)


def init_app(app) -> None:
    app.session_interface = SessionInterface()
