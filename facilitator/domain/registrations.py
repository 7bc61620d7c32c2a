"""Registration for the free places and for webinars (sessions), on a public page per conference.

A person fills in name, organisation, e-mail address and the sessions they want; they get a mail with
a link to check the address (``unconfirmed``). Following it, they get a place (``registered``: a
participant row that joined "by code", so it takes one of the conference's free places), or, when
an organiser approves registrations, wait for that (``pending``), or, when the places are taken, go on
the waiting list (``waiting``, in order of ``queued_at``). A cancellation frees the place and the first
on the waiting list moves up. A second registration with the same address updates the first (it never
takes a second place). Plain Python: each function returns what happened, and the mails to send are
the web layer's (facilitator/mail/registration.py).
"""
from __future__ import annotations

import json
import secrets

from facilitator.db import now, row, rows, transaction
from facilitator.domain import conferences, mail_queue, participants, programme
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound, ValidationError

STATES = ("unconfirmed", "pending", "waiting", "registered", "declined", "cancelled")
ACTIVE = ("unconfirmed", "pending", "waiting", "registered")


def _key() -> str:
    return secrets.token_urlsafe(10)


# --- settings ---------------------------------------------------------------------------------

def settings(db, conference_id: int) -> dict:
    r = row(db, "select * from registration_settings where conference_id = ?", [conference_id])
    if not r:
        with transaction(db):
            db.execute("insert or ignore into registration_settings (conference_id, reg_key) values (?, ?)",
                       [conference_id, _key()])
        r = row(db, "select * from registration_settings where conference_id = ?", [conference_id])
    return {**r, "session_ids": json.loads(r["session_ids"])}


def by_key(db, key) -> dict | None:
    if not isinstance(key, str) or not key or len(key) > 64:
        return None
    r = row(db, "select conference_id from registration_settings where reg_key = ?", [key])
    return conferences.get(db, r["conference_id"]) if r else None


def update_settings(db, conference_id: int, *, is_open=None, approval=None, session_ids=None, free_places=None,
                    new_key=False) -> dict:
    settings(db, conference_id)
    values = {}
    if is_open is not None:
        values["is_open"] = int(bool(is_open))
    if approval is not None:
        values["approval"] = int(bool(approval))
    if session_ids is not None:
        known = {s["id"] for s in programme.sessions(db, conference_id)}
        values["session_ids"] = json.dumps([i for i in session_ids if i in known])
    if new_key:
        values["reg_key"] = _key()
    with transaction(db):
        if values:
            db["registration_settings"].update(conference_id, values)
        if free_places is not None:
            conferences.update(db, conference_id, {"free_places": free_places})
    return settings(db, conference_id)


def offered_sessions(db, conference_id: int) -> list[dict]:
    wanted = set(settings(db, conference_id)["session_ids"])
    return [s for s in programme.sessions(db, conference_id) if s["id"] in wanted]


def places_left(db, conference_id: int) -> int:
    return participants.free_places_left(db, conferences.get(db, conference_id))


# --- reading ------------------------------------------------------------------------------

def decode(r: dict | None) -> dict | None:
    if not r:
        return None
    return {**r, "session_ids": json.loads(r["session_ids"]), "pending": json.loads(r["pending"]) if r["pending"] else None}


def get(db, conference_id: int, registration_id: int) -> dict:
    r = decode(row(db, "select * from registrations where id = ? and conference_id = ?", [registration_id, conference_id]))
    if not r:
        raise NotFound("registration")
    return r


def by_token(db, token) -> dict | None:
    if not isinstance(token, str) or not token or len(token) > 64:
        return None
    return decode(row(db, "select * from registrations where token = ?", [token]))


def list_for(db, conference_id: int) -> list[dict]:
    return [decode(r) for r in rows(db, "select * from registrations where conference_id = ? order by "
                                        "case state when 'waiting' then queued_at else created_at end, id", [conference_id])]


def waiting_position(db, reg: dict) -> int | None:
    if reg["state"] != "waiting":
        return None
    return row(db, "select count(*) n from registrations where conference_id = ? and state = 'waiting' and "
                   "(queued_at < ? or (queued_at = ? and id <= ?))",
               [reg["conference_id"], reg["queued_at"], reg["queued_at"], reg["id"]])["n"]


# --- changes ------------------------------------------------------------------------------

def clean(db, conference_id: int, data: dict) -> dict:
    offered = {s["id"] for s in offered_sessions(db, conference_id)}
    raw_ids = data.get("session_ids") or []
    ids = []
    for x in raw_ids:
        try:
            i = int(x)
        except (TypeError, ValueError):
            raise ValidationError("session_ids", N_("Choose from the sessions listed.")) from None
        if i not in offered:
            raise ValidationError("session_ids", N_("Choose from the sessions listed."))
        if i not in ids:
            ids.append(i)
    return {
        "name": v.text(data.get("name"), "name", max_len=120),
        "organisation": v.text(data.get("organisation"), "organisation", max_len=160, required=False),
        "email": mail_queue.clean_address(data.get("email"), "email"),
        "session_ids": ids,
    }


def register(db, conference_id: int, data: dict) -> dict:
    """A registration from the public page. Returns {registration, action}: ``new`` (check mail to send),
    ``updated`` (same address, not confirmed yet: changed at once, a check mail again), ``confirm_update``
    (same address, confirmed before: the change waits for the link mailed to that address, so that
    nobody changes someone else's registration), ``renewed`` (after a cancellation: like new)."""
    s = settings(db, conference_id)
    if not s["is_open"]:
        raise DomainError("registration_closed", N_("Registration is closed."))
    values = clean(db, conference_id, data)
    stamp = now()
    with transaction(db):
        old = row(db, "select * from registrations where conference_id = ? and email = ? collate nocase",
                  [conference_id, values["email"]])
        fields = {"name": values["name"], "organisation": values["organisation"],
                  "session_ids": json.dumps(values["session_ids"]), "updated_at": stamp}
        if old and old["state"] == "unconfirmed":
            db["registrations"].update(old["id"], fields)
            action, rid = "updated", old["id"]
        elif old and old["state"] in ACTIVE:
            db["registrations"].update(old["id"], {
                "pending": json.dumps({k: values[k] for k in ("name", "organisation", "session_ids")}),
                "pending_token": secrets.token_urlsafe(24), "updated_at": stamp})
            action, rid = "confirm_update", old["id"]
        elif old:  # cancelled or declined before: a fresh start on the same row
            db["registrations"].update(old["id"], {**fields, "state": "unconfirmed", "token": secrets.token_urlsafe(24),
                                                   "confirmed_at": None, "queued_at": None, "participant_id": None})
            action, rid = "renewed", old["id"]
        else:
            rid = db["registrations"].insert({
                "conference_id": conference_id, "email": values["email"], **fields, "state": "unconfirmed",
                "token": secrets.token_urlsafe(24), "created_at": stamp}).last_pk
            action = "new"
    return {"registration": get(db, conference_id, rid), "action": action}


def apply_update(db, pending_token) -> dict:
    """The link in the "confirm your changes" mail was followed: the waiting change takes effect (on the
    participant too). Returns {registration, action: ``updated``}."""
    if not isinstance(pending_token, str) or not pending_token or len(pending_token) > 64:
        raise NotFound("registration")
    reg = decode(row(db, "select * from registrations where pending_token = ?", [pending_token]))
    if not reg or not reg["pending"] or reg["state"] not in ACTIVE:
        raise NotFound("registration")
    values = reg["pending"]
    with transaction(db):
        db["registrations"].update(reg["id"], {"name": values["name"], "organisation": values["organisation"],
                                              "session_ids": json.dumps(values["session_ids"]), "pending": None,
                                              "pending_token": None, "updated_at": now()})
        if reg["participant_id"]:
            _sync_participant(db, reg["conference_id"], reg["participant_id"], values)
    return {"registration": get(db, reg["conference_id"], reg["id"]), "action": "updated"}


def _sync_participant(db, conference_id: int, participant_id: int, values: dict) -> None:
    db.execute("update participants set name = ?, organisation = ? where id = ?",
               [values["name"], values["organisation"], participant_id])
    _set_sessions(db, participant_id, values["session_ids"], conference_id)


def _set_sessions(db, participant_id: int, session_ids: list[int], conference_id: int) -> None:
    offered = settings(db, conference_id)["session_ids"]
    if offered:
        marks = ", ".join("?" * len(offered))
        db.execute(f"delete from session_members where participant_id = ? and session_id in ({marks})",
                   [participant_id, *offered])
    for sid in session_ids:
        db.execute("insert or ignore into session_members (session_id, participant_id) values (?, ?)", [sid, participant_id])


def _give_place(db, reg: dict) -> dict:
    """Make the registration a participant (inside the caller's transaction)."""
    cid = reg["conference_id"]
    values = participants.clean(db, cid, {"name": reg["name"], "organisation": reg["organisation"], "email": reg["email"]})
    values.update(conference_id=cid, token=participants.new_token(), joined_via="code", created_at=now())
    pid = db["participants"].insert(values).last_pk
    _set_sessions(db, pid, reg["session_ids"], cid)
    db.execute("update registrations set state = 'registered', participant_id = ?, updated_at = ? where id = ?",
               [pid, now(), reg["id"]])
    return get(db, cid, reg["id"])


def _place_or_wait(db, reg: dict) -> dict:
    if places_left(db, reg["conference_id"]) > 0:
        return _give_place(db, reg)
    db.execute("update registrations set state = 'waiting', queued_at = ?, updated_at = ? where id = ?",
               [now(), now(), reg["id"]])
    return get(db, reg["conference_id"], reg["id"])


def confirm(db, token: str) -> dict:
    """The e-mail check link was followed. Returns {registration, action}: ``registered``, ``waiting``,
    ``pending`` (an organiser approves), or ``already`` (followed before: nothing changes)."""
    reg = by_token(db, token)
    if not reg or reg["state"] in ("cancelled", "declined"):
        raise NotFound("registration")
    if reg["state"] != "unconfirmed":
        return {"registration": reg, "action": "already"}
    s = settings(db, reg["conference_id"])
    with transaction(db):
        db.execute("update registrations set confirmed_at = ?, updated_at = ? where id = ?", [now(), now(), reg["id"]])
        reg = get(db, reg["conference_id"], reg["id"])
        if s["approval"]:
            db.execute("update registrations set state = 'pending' where id = ?", [reg["id"]])
            reg = get(db, reg["conference_id"], reg["id"])
        else:
            reg = _place_or_wait(db, reg)
    return {"registration": reg, "action": reg["state"]}


def approve(db, conference_id: int, registration_id: int) -> dict:
    reg = get(db, conference_id, registration_id)
    if reg["state"] != "pending":
        raise DomainError("not_pending", N_("This registration does not wait for approval."))
    with transaction(db):
        reg = _place_or_wait(db, reg)
    return {"registration": reg, "action": reg["state"]}


def decline(db, conference_id: int, registration_id: int) -> dict:
    reg = get(db, conference_id, registration_id)
    if reg["state"] not in ("pending", "waiting", "unconfirmed"):
        raise DomainError("not_pending", N_("Only a registration without a place can be declined."))
    with transaction(db):
        db.execute("update registrations set state = 'declined', updated_at = ? where id = ?", [now(), reg["id"]])
    return {"registration": get(db, conference_id, reg["id"]), "action": "declined"}


def _release_participant(db, participant_id: int) -> None:
    """The place is free again. A participant nothing points at yet goes; one who took part already
    stays (their contributions keep their author) but no longer holds a free place or a working link."""
    from facilitator.domain.privacy import _refs_to_participants

    db.execute("delete from session_members where participant_id = ?", [participant_id])
    used = any(row(db, f'select 1 from "{t}" where "{c}" = ? limit 1', [participant_id])
               for t, c in _refs_to_participants(db) if t not in ("registrations", "session_members", "mail_queue"))
    if used:
        db.execute("update participants set joined_via = 'invited', token = ? where id = ?",
                   [participants.new_token(), participant_id])
    else:
        db.execute("update mail_queue set participant_id = null where participant_id = ?", [participant_id])
        db.execute("delete from participants where id = ?", [participant_id])


def cancel(db, token: str) -> dict:
    """The person cancels (the link in their mails). Returns {registration, moved_up: [registrations]}:
    whoever got the freed place from the waiting list."""
    reg = by_token(db, token)
    if not reg:
        raise NotFound("registration")
    if reg["state"] not in ACTIVE:
        return {"registration": reg, "moved_up": []}
    cid = reg["conference_id"]
    with transaction(db):
        if reg["participant_id"]:
            _release_participant(db, reg["participant_id"])
        db.execute("update registrations set state = 'cancelled', participant_id = null, updated_at = ? where id = ?",
                   [now(), reg["id"]])
        moved = move_up(db, cid)
    return {"registration": get(db, cid, reg["id"]), "moved_up": moved}


def move_up(db, conference_id: int) -> list[dict]:
    """Give free places to the waiting list, first come first served."""
    moved = []
    while places_left(db, conference_id) > 0:
        first = row(db, "select * from registrations where conference_id = ? and state = 'waiting' "
                        "order by queued_at, id limit 1", [conference_id])
        if not first:
            break
        with transaction(db):
            moved.append(_give_place(db, decode(first)))
    return moved


def counts(db, conference_id: int) -> dict:
    out = {s: 0 for s in STATES}
    for r in rows(db, "select state, count(*) n from registrations where conference_id = ? group by state", [conference_id]):
        out[r["state"]] = r["n"]
    return out
