"""Every form that changes something carries a token (Flask-WTF's CSRFProtect), on top of the
SameSite=Lax session cookie: a page elsewhere cannot post to Facilitator in someone's name.

Templates put ``{{ csrf_field() }}`` in each ``<form method="post">`` (tests/test_csrf.py checks
that none is missing). The token lives as long as the session: an organiser's page may stay open
all day. Off in tests unless a test turns it on (``WTF_CSRF_ENABLED``).
"""
from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from markupsafe import Markup, escape

csrf = CSRFProtect()


def csrf_field() -> Markup:
    return Markup(f'<input type="hidden" name="csrf_token" value="{escape(generate_csrf())}">')


def init_app(app) -> None:
    app.config.setdefault("WTF_CSRF_ENABLED", not app.testing)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    csrf.init_app(app)
    app.jinja_env.globals["csrf_field"] = csrf_field

    @app.errorhandler(CSRFError)
    def refused(_error):
        message = _("This form could not be sent: it came from another page, or the page is too old. "
                    "Go back, reload the page and try again.")
        return render_template("error.html", message=message), 400
