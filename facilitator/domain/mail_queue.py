"""The mail queue: every mail the product sends is made once, stored whole, and then sent (or, with no
mail server set, written to the outbox) by ``facilitator.mail.deliver``. Plain Python, no Flask.

A mail is a row of ``mail_queue``: the whole message (``raw``, with its own Message-ID), the
recipient, what kind of mail it is and for whom, its state and why it waits (``last_error``). A
sender claims due rows (``claim_due``: queued -> sending, in one statement, so two senders never take
the same row), sends them and marks each sent, to retry (``retry``: backoff 1, 2, 4 ... minutes, at
most an hour, for ever: nothing is dropped), or failed (refused for good). A row left in ``sending``
by a sender that died goes back to the queue after ``STALE_SECONDS``.

Nobody who unsubscribed from the conference or was erased is mailed: ``enqueue`` refuses them, and
``unsubscribe`` / ``forget_participant`` cancel what still waits for them.
"""
from __future__ import annotations

import re
import time

from facilitator.db import now, row, rows, transaction
from facilitator.domain.errors import N_, ValidationError

MAX_ADDRESS = 254
STALE_SECONDS = 600
STATES = ("queued", "sending", "sent", "failed", "outbox", "cancelled")
# One address: a local part, @, a domain with a dot; no spaces, no display name.
_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


def clean_address(value, field: str = "email") -> str:
    """An e-mail address, trimmed and with a lower-case domain; a clear error naming it otherwise."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ValidationError(field, N_("Fill in an e-mail address."))
    if len(text) > MAX_ADDRESS or not _ADDRESS.match(text) or ".." in text:
        raise ValidationError(field, N_("%(name)s: “%(address)s” is not a valid e-mail address."), name=field,
                              address=text[:100])
    local, domain = text.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def is_address(value) -> bool:
    try:
        clean_address(value)
    except ValidationError:
        return False
    return True


def backoff(attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failed try: 60, 120, 240 ... at most 3600."""
    return float(min(3600, 60 * 2 ** max(0, attempts - 1)))


# --- who may be mailed ----------------------------------------------------------------------

def unsubscribed(db, conference_id: int, address: str) -> bool:
    return bool(row(db, "select 1 from mail_unsubscribes where conference_id = ? and email = ? collate nocase",
                    [conference_id, address]))


def blocked(db, conference_id: int, address: str, participant_id: int | None = None) -> str | None:
    """Why this mail must not go: ``unsubscribed``, ``erased`` or ``no_address``; None when it may."""
    if not address:
        return "no_address"
    if participant_id and row(db, "select 1 from erasures where participant_id = ?", [participant_id]):
        return "erased"
    if unsubscribed(db, conference_id, address):
        return "unsubscribed"
    return None


def unsubscribe(db, conference_id: int, address: str) -> int:
    """No more mail from this conference to this address, from now on: what still waits is cancelled.
    Returns how many waiting mails were cancelled."""
    with transaction(db):
        db.execute("insert or ignore into mail_unsubscribes (conference_id, email, created_at) values (?, ?, ?)",
                   [conference_id, address.lower(), now()])
        cur = db.execute("update mail_queue set state = 'cancelled', last_error = 'unsubscribed' where conference_id = ? "
                         "and to_addr = ? collate nocase and state in ('queued', 'outbox', 'failed')",
                         [conference_id, address])
    return cur.rowcount


def resubscribe(db, conference_id: int, address: str) -> None:
    with transaction(db):
        db.execute("delete from mail_unsubscribes where conference_id = ? and email = ? collate nocase",
                   [conference_id, address])


def forget_participant(db, participant_id: int) -> None:
    """Erasure: what still waits for this person is cancelled, and no stored mail keeps their address
    or its text (inside the caller's transaction)."""
    db.execute("update mail_queue set state = case when state in ('queued', 'outbox', 'failed', 'sending') "
               "then 'cancelled' else state end, to_addr = '', raw = '', subject = '', last_error = 'erased' "
               "where participant_id = ?", [participant_id])


# --- the queue ------------------------------------------------------------------------------

def enqueue(db, conference_id: int, *, kind: str, to: str, subject: str, raw: str, message_id: str,
            participant_id: int | None = None, registration_id: int | None = None,
            dedupe_key: str | None = None) -> int | None:
    """Put one mail in the queue; None when it may not go (see ``blocked``) or was queued before under
    the same ``dedupe_key`` (a reminder for the same period, say)."""
    if blocked(db, conference_id, to, participant_id):
        return None
    with transaction(db):
        if dedupe_key and row(db, "select 1 from mail_queue where dedupe_key = ?", [dedupe_key]):
            return None
        return db["mail_queue"].insert({
            "conference_id": conference_id, "participant_id": participant_id, "registration_id": registration_id,
            "kind": kind, "to_addr": to, "subject": subject, "message_id": message_id, "raw": raw,
            "state": "queued", "attempts": 0, "next_attempt_at": time.time(), "dedupe_key": dedupe_key,
            "created_at": now(),
        }).last_pk


def known(db, dedupe_key: str) -> bool:
    """A mail with this dedupe key was made before (so it need not be composed again)."""
    return bool(row(db, "select 1 from mail_queue where dedupe_key = ?", [dedupe_key]))


def keep_claim(db, mail: dict) -> bool:
    """Just before sending: the claim is still ours (no other sender took the mail back after a long
    wait), and it is renewed. Updates ``mail['claimed_at']``."""
    stamp = time.time()
    with transaction(db):
        cur = db.execute("update mail_queue set claimed_at = ? where id = ? and state = 'sending' and claimed_at = ?",
                         [stamp, mail["id"], mail["claimed_at"]])
    if cur.rowcount != 1:
        return False
    mail["claimed_at"] = stamp
    return True


def release_stale(db, *, at: float | None = None) -> int:
    at = time.time() if at is None else at
    with transaction(db):
        cur = db.execute("update mail_queue set state = 'queued' where state = 'sending' and claimed_at < ?",
                         [at - STALE_SECONDS])
    return cur.rowcount


def claim_due(db, *, limit: int = 50, conference_id: int | None = None, at: float | None = None) -> list[dict]:
    """Take up to ``limit`` mails that are due (queued, their time come) for sending."""
    at = time.time() if at is None else at
    scope = "and conference_id = :c" if conference_id else ""
    with transaction(db):
        ids = [r["id"] for r in rows(
            db, f"update mail_queue set state = 'sending', claimed_at = :at where id in (select id from mail_queue "
                f"where state = 'queued' and next_attempt_at <= :at {scope} order by id limit :n) returning id",
            {"at": at, "n": limit, "c": conference_id})]
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return rows(db, f"select * from mail_queue where id in ({marks}) order by id", ids)


def still_allowed(db, mail: dict) -> bool:
    """Checked again just before a mail leaves: someone may have unsubscribed or been erased since."""
    reason = blocked(db, mail["conference_id"], mail["to_addr"], mail["participant_id"])
    if reason:
        with transaction(db):
            db.execute("update mail_queue set state = 'cancelled', last_error = ? where id = ?", [reason, mail["id"]])
        return False
    return True


def mark_sent(db, mail_id: int) -> None:
    with transaction(db):
        db.execute("update mail_queue set state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = '', "
                   "outbox_file = '' where id = ?", [now(), mail_id])


def retry(db, mail_id: int, error: str, *, at: float | None = None) -> None:
    """A try failed for a reason that may pass (server down, busy, 4xx): try again later."""
    at = time.time() if at is None else at
    with transaction(db):
        r = row(db, "select attempts from mail_queue where id = ?", [mail_id])
        attempts = (r["attempts"] if r else 0) + 1
        db.execute("update mail_queue set state = 'queued', attempts = ?, next_attempt_at = ?, last_error = ? "
                   "where id = ?", [attempts, at + backoff(attempts), error[:500], mail_id])


def mark_failed(db, mail_id: int, error: str) -> None:
    """Refused for good (an unknown recipient, say): kept, shown to the organiser, may be resent."""
    with transaction(db):
        db.execute("update mail_queue set state = 'failed', attempts = attempts + 1, last_error = ? where id = ?",
                   [error[:500], mail_id])


def mark_outbox(db, mail_id: int, filename: str) -> None:
    with transaction(db):
        db.execute("update mail_queue set state = 'outbox', outbox_file = ?, last_error = '' where id = ?",
                   [filename, mail_id])


def requeue(db, conference_id: int, *, ids: list[int] | None = None, states=("outbox", "failed")) -> int:
    """Send again: the outbox once a server is set, or failed mails (resend). Returns how many."""
    marks = ", ".join("?" * len(states))
    sql = (f"update mail_queue set state = 'queued', next_attempt_at = ?, last_error = '' where conference_id = ? "
           f"and state in ({marks})")
    params = [time.time(), conference_id, *states]
    if ids is not None:
        if not ids:
            return 0
        sql += f" and id in ({', '.join('?' * len(ids))})"
        params += list(ids)
    with transaction(db):
        return db.execute(sql, params).rowcount


# --- what the organiser sees --------------------------------------------------------------

COLUMNS = ("id", "participant_id", "registration_id", "kind", "to_addr", "subject", "state", "attempts",
           "next_attempt_at", "last_error", "outbox_file", "created_at", "sent_at")


def overview(db, conference_id: int, *, limit: int = 200) -> dict:
    counts = {s: 0 for s in STATES}
    for r in rows(db, "select state, count(*) n from mail_queue where conference_id = ? group by state", [conference_id]):
        counts[r["state"]] = r["n"]
    cols = ", ".join(COLUMNS)
    listed = rows(db, f"select {cols} from mail_queue where conference_id = ? order by id desc limit ?",
                  [conference_id, limit])
    return {"counts": counts, "mails": listed}


def get(db, conference_id: int, mail_id: int) -> dict | None:
    return row(db, "select * from mail_queue where id = ? and conference_id = ?", [mail_id, conference_id])


def last_by_participant(db, conference_id: int, kind: str) -> dict:
    """participant_id -> their latest mail of this kind (who was sent what, when, and how it went)."""
    out = {}
    for r in rows(db, f"select {', '.join(COLUMNS)} from mail_queue where conference_id = ? and kind = ? "
                      "and participant_id is not null order by id", [conference_id, kind]):
        out[r["participant_id"]] = r
    return out
