"""Connecting, resyncing, and the one handler through which every registered mutation passes."""
from __future__ import annotations

from flask import current_app, request, session
from flask_socketio import emit, join_room

from facilitator.db import rows
from facilitator.domain import conferences, participants, users
from facilitator.domain import events as event_log
from facilitator.domain.errors import DomainError
from facilitator.domain.events import Actor
from facilitator.live import rooms, socketio
from facilitator.live.pipeline import MUTATIONS, apply, error_ack, snapshot
from facilitator.web import get_db

# The actor behind each connection, by Socket.IO session id (this process only).
ACTORS: dict[str, Actor] = {}
RESYNC_LIMIT = 500


def participant_actor(db, p: dict) -> Actor:
    table_ids = tuple(r["table_id"] for r in rows(db, "select table_id from table_members where participant_id = ?", [p["id"]]))
    return Actor("participant", p["conference_id"], participant_id=p["id"], group_id=p["stakeholder_group_id"],
                 table_ids=table_ids)


def identify(db, auth) -> Actor | None:
    auth = auth if isinstance(auth, dict) else {}
    token = auth.get("token")
    if token:
        p = participants.by_token(db, token)
        return participant_actor(db, p) if p else None
    presenter_key = auth.get("presenter")
    if presenter_key:
        conf = conferences.by_presenter_key(db, presenter_key)
        return Actor("presenter", conf["id"]) if conf else None
    user_id = session.get("user_id")
    conference_id = auth.get("conference_id")
    if user_id and isinstance(conference_id, int) and not isinstance(conference_id, bool):
        role = conferences.role_of(db, conference_id, users.get(db, user_id))
        if role:
            return Actor(role, conference_id, user_id=user_id)
    return None


def current_actor() -> Actor | None:
    return ACTORS.get(request.sid)


@socketio.on("connect")
def on_connect(auth=None):
    actor = identify(get_db(), auth)
    if actor is None:
        return False  # refused: the client receives connect_error
    ACTORS[request.sid] = actor
    for room in rooms.of_actor(actor):
        join_room(room)
    emit("welcome", {"role": actor.role, "conference_id": actor.conference_id,
                     "participant_id": actor.participant_id,
                     "seq": event_log.last_seq(get_db(), actor.conference_id)})
    return True


@socketio.on("disconnect")
def on_disconnect(*_args):
    ACTORS.pop(request.sid, None)


@socketio.on("sync")
def on_sync(payload=None):
    """A (re)connecting client sends the last sequence number it saw; it gets what it missed,
    or ``{"snapshot": true}`` when it is too far behind and should reload its state."""
    actor = current_actor()
    if actor is None:
        return {"ok": False, "error": {"code": "not_connected", "message": "Not connected."}}
    after = payload.get("seq") if isinstance(payload, dict) else None
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        return {"ok": False, "error": {"code": "invalid", "message": "seq must be a whole number.", "field": "seq"}}
    db = get_db()
    last = event_log.last_seq(db, actor.conference_id)
    if last - after > RESYNC_LIMIT:
        return {"ok": True, "snapshot": True, "seq": last}
    return {"ok": True, "snapshot": False, "seq": last, "events": event_log.since(db, actor, after, RESYNC_LIMIT)}


@socketio.on("state")
def on_state(_payload=None):
    """The full state this connection may see (on start, or when a resync says snapshot)."""
    actor = current_actor()
    if actor is None:
        return {"ok": False, "error": {"code": "not_connected", "message": "Not connected."}}
    return {"ok": True, "state": snapshot(get_db(), actor)}


def broadcast(cid: int, new_events: list[dict]) -> None:
    for e in new_events:
        socketio.emit("event", e, to=rooms.for_audience(cid, e["audience"]))


@socketio.on("*")
def on_mutation(name, payload=None):
    """Every registered mutation: validate, apply in one transaction, broadcast, acknowledge."""
    actor = current_actor()
    if actor is None:
        return {"ok": False, "error": {"code": "not_connected", "message": "Not connected."}}
    if name not in MUTATIONS:
        return {"ok": False, "error": {"code": "unknown_event", "message": f"Unknown event: {name[:60]}"}}
    try:
        ack, new_events = apply(get_db(), actor, name, payload)
    except DomainError as err:
        return error_ack(err)
    except Exception:  # a bug: the transaction rolled back, so nothing changed; say so
        current_app.logger.exception("live event %s failed", name)
        return {"ok": False, "error": {"code": "server_error", "message": "Something went wrong; nothing was saved."}}
    broadcast(actor.conference_id, new_events)
    return ack
