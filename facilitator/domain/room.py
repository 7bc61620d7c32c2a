"""Running the room: the current session, input open or closed, the timer, messages to everyone."""
from __future__ import annotations

from facilitator.db import row
from facilitator.domain import events
from facilitator.domain import validate as v
from facilitator.domain.events import Actor

MAX_MESSAGE = 280


def send_message(db, actor: Actor, data: dict):
    """A short message from the facilitator to everyone's screen."""
    actor.require_staff()
    text = v.text(data.get("text"), "text", max_len=MAX_MESSAGE)
    event = events.append(db, actor.conference_id, "room.message", {"text": text}, actor=actor)
    return {"text": text}, [event]


def state(db, actor: Actor) -> dict:
    c = row(db, "select current_session_id, status from conferences where id = ?", [actor.conference_id])
    return {"current_session_id": c["current_session_id"], "status": c["status"]}
