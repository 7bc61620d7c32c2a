"""validate -> one transaction (change + event) -> broadcast -> acknowledge.

Domain functions registered with :func:`mutation` take ``(db, actor, data)`` and return
``(result, events)``; they raise DomainError for anything not allowed. They run inside the
transaction opened here, and append their events with ``facilitator.domain.events.append``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from flask_babel import gettext

from facilitator.db import read_transaction, transaction
from facilitator.domain import events as event_log
from facilitator.domain.errors import N_, DomainError, Forbidden
from facilitator.domain.events import Actor


@dataclass
class Mutation:
    name: str
    fn: Callable
    roles: tuple


MUTATIONS: dict[str, Mutation] = {}
# Parts of the state a client loads on start or when far behind: name -> fn(db, actor) -> data.
SNAPSHOT_PARTS: dict[str, Callable] = {}
# Read-only questions a client may ask (``query`` event): name -> fn(db, actor, data) -> data.
QUERIES: dict[str, Callable] = {}


def mutation(name: str, *, roles: tuple):
    """Register a domain function as the live event ``name``, open to ``roles``."""

    def decorator(fn):
        MUTATIONS[name] = Mutation(name, fn, tuple(roles))
        return fn

    return decorator


def snapshot_part(name: str):
    """Register fn(db, actor) -> JSON data as part ``name`` of the state snapshot."""

    def decorator(fn):
        SNAPSHOT_PARTS[name] = fn
        return fn

    return decorator


def query(name: str):
    """Register fn(db, actor, data) -> JSON data as the read-only query ``name``."""

    def decorator(fn):
        QUERIES[name] = fn
        return fn

    return decorator


def snapshot(db, actor: Actor) -> dict:
    """Everything this actor may see now, with the sequence number it is current to."""
    # One consistent read (WAL: as of its first statement) that never waits for another writer.
    with read_transaction(db):
        state = {name: fn(db, actor) for name, fn in SNAPSHOT_PARTS.items()}
        state["seq"] = event_log.last_seq(db, actor.conference_id)
    return state


def apply(db, actor: Actor, name: str, payload) -> tuple[dict, list[dict]]:
    """Apply one operation; returns the acknowledgement and the events to broadcast.

    Raises DomainError (nothing changed) when the payload or the actor's role is not right.
    """
    m = MUTATIONS.get(name)
    if m is None:
        raise DomainError("unknown_event", N_("Unknown event."))
    if not isinstance(payload, dict):
        raise DomainError("invalid", N_("The message must be an object."))
    if actor.role not in m.roles:
        raise Forbidden()
    op_id = event_log.check_op_id(payload.get("op_id"))
    data = payload.get("data", {})
    if not isinstance(data, dict):
        raise DomainError("invalid", N_("The data must be an object."), field="data")
    with transaction(db):
        previous = event_log.previous_result(db, actor.conference_id, actor.label, op_id)
        if previous is not None:
            return {**previous, "duplicate": True}, []
        result, new_events = m.fn(db, actor, data)
        seq = new_events[-1]["seq"] if new_events else None
        ack = {"ok": True, "result": result, "seq": seq}
        event_log.record_result(db, actor.conference_id, actor.label, op_id, name, ack, seq)
    return ack, new_events


def error_ack(err: DomainError) -> dict:
    return {"ok": False, "error": err.as_dict(gettext)}


def payload_size(payload) -> int:
    try:
        return len(json.dumps(payload))
    except (TypeError, ValueError):
        return 0


def run(db, actor: Actor, fn: Callable, data: dict | None = None):
    """One change made outside the socket (an HTTP form): ``fn(db, actor, data) -> (result, events)``
    in one transaction with its events, then broadcast, like a socket mutation. Returns the result;
    a DomainError leaves everything as it was."""
    with transaction(db):
        result, new_events = fn(db, actor, data if data is not None else {})
    broadcast(actor.conference_id, new_events)
    return result


def broadcast(conference_id: int, new_events: list[dict]) -> None:
    """Send committed events to every process's clients (in sequence order, see live/fanout.py),
    then start what follows them (a statement's results after answers: live/follow_ups.py)."""
    if new_events:
        from facilitator.live.connection import fanout, follow_ups

        fanout().publish(conference_id, new_events)
        follow_ups().after(conference_id, new_events)
