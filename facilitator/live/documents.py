"""Live events for shared texts (CRDT documents); the rules are in facilitator.domain.shared_texts.

``doc.update`` goes through the pipeline like every change. ``doc.presence`` ("Femke is typing")
does not: it is never stored, only passed on to the people who see the text, at most a few times a
second per connection.
"""
from __future__ import annotations

import hashlib
import time

from flask import request
from flask_socketio import emit

from facilitator.db import row
from facilitator.domain import shared_texts
from facilitator.domain.errors import N_, DomainError, ValidationError
from facilitator.live import rooms, socketio
from facilitator.live.connection import current_actor, not_connected, pooled_db
from facilitator.live.pipeline import error_ack, mutation, query
from facilitator.domain.events import STAFF
from facilitator.web import get_db

PRESENCE_EVERY = 0.25  # seconds: a connection's typing notices closer together than this are dropped
MAX_POSITION = 200  # characters of an encoded caret position
_last_presence: dict[str, float] = {}

mutation("doc.update", roles=("participant",) + STAFF)(shared_texts.update)
query("doc.state")(shared_texts.state)


def _who(db, actor) -> dict:
    if actor.participant_id:
        p = row(db, "select name, hide_name from participants where id = ?", [actor.participant_id])
        return {"participant_id": actor.participant_id, "name": (p or {}).get("name") or ""}
    if actor.user_id:
        u = row(db, "select name from users where id = ?", [actor.user_id])
        return {"user_id": actor.user_id, "name": (u or {}).get("name") or ""}
    return {"name": ""}


@socketio.on("doc.presence")
@pooled_db
def on_presence(payload=None):
    """``{"doc", "typing": bool, "pos": base64 relative position | null}``: passed on, never stored."""
    actor = current_actor()
    if actor is None:
        return not_connected()
    t = time.monotonic()
    if t - _last_presence.get(request.sid, 0) < PRESENCE_EVERY:
        return {"ok": True, "dropped": True}
    if len(_last_presence) > 10_000:  # connections that left: forget them all now and then
        _last_presence.clear()
    _last_presence[request.sid] = t
    data = payload if isinstance(payload, dict) else {}
    pos = data.get("pos")
    try:
        if pos is not None and (not isinstance(pos, str) or len(pos) > MAX_POSITION):
            raise ValidationError("pos", N_("The position is not valid."))
        db = get_db()
        audience = shared_texts.audience_for_presence(db, actor, data.get("doc"))
    except DomainError as err:
        return error_ack(err)
    notice = {"doc": data["doc"], "typing": bool(data.get("typing")), "pos": pos, "who": _who(db, actor),
              "from": hashlib.sha256(request.sid.encode()).hexdigest()[:10]}
    for room in rooms.for_audience(actor.conference_id, audience):
        emit("doc.presence", notice, to=room, skip_sid=request.sid)
    return {"ok": True}
