"""Making a mail: plain text and HTML from templates/mail/<template>.txt|.html, in the conference's
language (Flask-Babel ``force_locale``), images inline (``cid:``, attached, so nothing is loaded from
the internet), files attached, an unsubscribe link (and the List-Unsubscribe headers), then queued.

Works inside a request and outside one (the CLI, the server's mail loop): links are absolute, made
from FACILITATOR_PUBLIC_URL, else the request's host, else http://HOST:PORT.
"""
from __future__ import annotations

import contextlib
from email.mime.image import MIMEImage
from email.utils import formataddr, make_msgid, parseaddr

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from flask_mailman import EmailMultiAlternatives
from itsdangerous import BadSignature, URLSafeSerializer

from facilitator.domain import mail_queue
from facilitator.web import external_url

SALT = "facilitator.unsubscribe"


def sender(app=None) -> str:
    app = app or current_app
    configured = app.config.get("MAIL_FROM")
    if configured:
        return configured
    return formataddr(("Facilitator", "facilitator@localhost"))


def envelope_sender(app=None) -> str:
    return parseaddr(sender(app))[1]


def base_url(app) -> str:
    public = app.config.get("PUBLIC_URL")
    if public:
        return public.rstrip("/")
    host = app.config.get("HOST") or "127.0.0.1"
    host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://{host}:{app.config.get('PORT') or 5000}"


@contextlib.contextmanager
def link_context(app=None):
    """A request context for url_for when there is none (CLI, background loop)."""
    app = app or current_app._get_current_object()
    if has_request_context():
        yield
        return
    with app.test_request_context("/", base_url=base_url(app)):
        yield


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def unsubscribe_token(conference_id: int, address: str) -> str:
    return _serializer().dumps([conference_id, address.lower()])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        cid, address = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    return (cid, address) if isinstance(cid, int) and isinstance(address, str) else None


def compose(conference: dict, *, to: str, subject, template: str, context: dict | None = None,
            attachments=(), images=(), unsubscribe: bool = True) -> dict:
    """One message, rendered in the conference's language. ``subject`` may be a callable (called in
    that language). ``attachments``: (filename, content, mimetype); ``images``: (content_id, png bytes),
    shown in the HTML as ``<img src="cid:content_id">``. Returns {message_id, subject, raw}."""
    app = current_app._get_current_object()
    address = mail_queue.clean_address(to, "to")
    language = conference.get("language") or "nl"
    domain = envelope_sender(app).rsplit("@", 1)[-1] or "localhost"
    message_id = make_msgid(domain=domain)
    with link_context(app), force_locale(language):
        unsubscribe_url = (external_url("mail.unsubscribe", token=unsubscribe_token(conference["id"], address))
                           if unsubscribe else None)
        values = {**(context or {}), "conference": conference, "unsubscribe_url": unsubscribe_url, "locale": language}
        title = subject() if callable(subject) else subject
        text = render_template(f"mail/{template}.txt", **values)
        html = render_template(f"mail/{template}.html", subject=title, **values)
    headers = {"Message-ID": message_id, "Content-Language": language, "Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg = EmailMultiAlternatives(title, text, sender(app), [address], headers=headers)
    msg.attach_alternative(html, "text/html")
    for cid, content in images:
        image = MIMEImage(content, "png")
        image.add_header("Content-ID", f"<{cid}>")
        image.add_header("Content-Disposition", "inline", filename=f"{cid}.png")
        msg.attach(image)
    for filename, content, mimetype in attachments:
        msg.attach(filename, content, mimetype)
    raw = msg.message().as_bytes(linesep="\r\n").decode("utf-8", "surrogateescape")
    return {"message_id": message_id, "subject": title, "raw": raw, "to": address}


def queue(db, conference: dict, *, kind: str, participant_id=None, registration_id=None, dedupe_key=None,
          **compose_args) -> int | None:
    """Compose and put in the queue; None when this person may not be mailed (unsubscribed, erased)."""
    to = compose_args["to"]
    if mail_queue.blocked(db, conference["id"], to, participant_id):
        return None
    if dedupe_key and mail_queue.known(db, dedupe_key):  # made in an earlier round: not composed again
        return None
    made = compose(conference, **compose_args)
    return mail_queue.enqueue(db, conference["id"], kind=kind, to=made["to"], subject=made["subject"], raw=made["raw"],
                              message_id=made["message_id"], participant_id=participant_id,
                              registration_id=registration_id, dedupe_key=dedupe_key)
