"""Mail through a real mail server (Flask-Mailman), or into the outbox when none is set.

``settings.from_url`` turns ``FACILITATOR_SMTP_URL`` into Flask-Mailman's settings; ``compose`` makes
one message (plain text and HTML, in the conference's language, images inline, files attached) and
queues it (facilitator/domain/mail_queue.py); ``deliver`` sends what is due, or writes it to the
outbox; ``scheduler`` runs both, and the reminders and digests, in the running server. docs/mail.md.
"""
from __future__ import annotations

from flask_mailman import Mail

from facilitator.mail.settings import from_url

mail = Mail()


def init_app(app) -> None:
    app.config.update(from_url(app.config.get("SMTP_URL")))
    app.config.setdefault("MAIL_TIMEOUT", 20)
    mail.init_app(app)


def configured(app) -> bool:
    return bool(app.config.get("SMTP_URL"))
