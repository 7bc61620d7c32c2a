"""HTTP forms that change what live screens show take the live pipeline, like a socket event:
validate, one transaction with its event and sequence number, broadcast, answer.

A form carries its own operation id (a hidden ``op_id`` field made when the page was drawn), so that
sending the same form twice (a double click, a resend after a timeout) changes things once.
"""
from __future__ import annotations

import uuid

from facilitator.domain.events import Actor
from facilitator.live.pipeline import apply, broadcast
from facilitator.web import get_db


def new_op_id() -> str:
    return str(uuid.uuid4())


def submit(actor: Actor, name: str, data: dict, op_id: str | None = None) -> dict:
    """Apply the live event ``name`` for ``actor``; raises DomainError (nothing changed) when refused.
    Open screens hear of the change through the fan-out, as after a socket event."""
    ack, new_events = apply(get_db(), actor, name, {"op_id": op_id or new_op_id(), "data": data})
    broadcast(actor.conference_id, new_events)
    return ack


def participant_actor(p: dict) -> Actor:
    from facilitator.live.connection import participant_actor as make

    return make(get_db(), p)
