"""Sending what is due: through the mail server (Flask-Mailman's SMTP connection: STARTTLS, TLS and
login as FACILITATOR_SMTP_URL says), or, with no server set, into the outbox: one ``.eml`` file per
mail under ``<exports>/mail/``, listed on the organiser's mail page, sent later with *Send the outbox*.

Each mail is sent as stored (the same bytes, the same Message-ID) and marked sent right after the
server accepted it. When the server cannot be reached, is busy or answers 4xx, the mail goes back to
the queue with a backoff (nothing is lost); a 5xx refusal marks it failed, with the server's answer.
"""
from __future__ import annotations

import smtplib
from pathlib import Path

from flask import current_app

from facilitator.domain import mail_queue
from facilitator.mail import configured, mail
from facilitator.mail.compose import envelope_sender


def outbox_dir(app=None) -> Path:
    app = app or current_app
    return Path(app.config["EXPORTS_DIR"]) / "mail"


def _outbox_name(m: dict) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in m["to_addr"])[:60]
    return f"{m['id']:06d}-{m['kind']}-{safe}.eml"


def _write_outbox(db, m: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = _outbox_name(m)
    (folder / name).write_bytes(m["raw"].encode("utf-8", "surrogateescape"))
    mail_queue.mark_outbox(db, m["id"], name)


def _permanent(err: Exception) -> bool:
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in err.recipients.values())
    if isinstance(err, (smtplib.SMTPSenderRefused, smtplib.SMTPDataError)):
        return err.smtp_code >= 500
    return False


def _describe(err: Exception) -> str:
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{addr}: {code} {msg.decode('utf-8', 'replace') if isinstance(msg, bytes) else msg}"
                         for addr, (code, msg) in err.recipients.items())
    if isinstance(err, smtplib.SMTPResponseException):
        text = err.smtp_error.decode("utf-8", "replace") if isinstance(err.smtp_error, bytes) else str(err.smtp_error)
        return f"{err.smtp_code} {text}"
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def _remove_outbox_file(m: dict, folder: Path) -> None:
    if m.get("outbox_file"):
        (folder / m["outbox_file"]).unlink(missing_ok=True)


def deliver_due(db, *, conference_id: int | None = None, limit: int = 100, app=None) -> dict:
    """Send (or write to the outbox) the mails that are due. Returns counts: sent, outbox, retry, failed,
    cancelled."""
    app = app or current_app._get_current_object()
    counts = {"sent": 0, "outbox": 0, "retry": 0, "failed": 0, "cancelled": 0}
    mail_queue.release_stale(db)
    due = mail_queue.claim_due(db, limit=limit, conference_id=conference_id)
    if not due:
        return counts
    folder = outbox_dir(app)
    allowed = [m for m in due if mail_queue.still_allowed(db, m)]
    counts["cancelled"] = len(due) - len(allowed)
    due = allowed
    if not configured(app):
        for m in due:
            _write_outbox(db, m, folder)
            counts["outbox"] += 1
        return counts
    with app.app_context():
        backend = mail.get_connection()
        try:
            backend.open()
        except Exception as err:  # the server is down or refuses us: everything waits
            for m in due:
                mail_queue.retry(db, m["id"], _describe(err))
                counts["retry"] += 1
            return counts
        source = envelope_sender(app)
        try:
            for i, m in enumerate(due):
                if not mail_queue.keep_claim(db, m):  # another sender took it back after a long wait
                    continue
                try:
                    backend.connection.sendmail(source, [m["to_addr"]], m["raw"].encode("utf-8", "surrogateescape"))
                except Exception as err:
                    if _permanent(err):
                        mail_queue.mark_failed(db, m["id"], _describe(err))
                        counts["failed"] += 1
                        continue
                    # The connection is gone (or the server is busy): this one and the rest wait.
                    for rest in due[i:]:
                        mail_queue.retry(db, rest["id"], _describe(err))
                        counts["retry"] += 1
                    break
                mail_queue.mark_sent(db, m["id"])
                _remove_outbox_file(m, folder)
                counts["sent"] += 1
        finally:
            try:
                backend.close()
            except Exception:
                pass
    return counts


def deliver_all(db, *, conference_id: int | None = None, app=None, rounds: int = 50) -> dict:
    """Deliver until nothing due is left (or a round sends nothing more)."""
    total = {"sent": 0, "outbox": 0, "retry": 0, "failed": 0, "cancelled": 0}
    for _ in range(rounds):
        c = deliver_due(db, conference_id=conference_id, app=app)
        for k, v in c.items():
            total[k] += v
        if not any(c.values()) or c["retry"]:
            break
    return total


def soon(conference_id: int | None = None, app=None) -> None:
    """Send what was just queued without holding up the page: in the running server a background
    greenlet with its own connection; in tests (and the CLI) right away."""
    app = app or current_app._get_current_object()
    if app.config.get("TESTING") or not app.config.get("MAIL_BACKGROUND", True):
        from facilitator.web import get_db

        deliver_due(get_db(), conference_id=conference_id, app=app)
        return

    def run():
        from facilitator import db as database

        db = database.connect(app.config["DATABASE"])
        try:
            with app.app_context():
                deliver_due(db, conference_id=conference_id, app=app)
        except Exception:  # it waits in the queue; the mail loop tries again
            app.logger.exception("sending mail failed")
        finally:
            db.close()

    import gevent

    gevent.spawn(run)
