"""The events of changes made on the organiser's pages (HTTP forms), so that open screens follow and
an offline phone catches up by sequence number, like any change made over the socket.

Each helper turns a plain change ``change(db) -> result`` into a pipeline mutation
``fn(db, actor, data) -> (result, events)``: it runs the change and appends the events that say what
live screens must now show, in the caller's transaction (``pipeline.run``).

- :func:`programme`: ``programme.changed`` ``{programme}`` (the list screens step through), and
  ``room.session`` when the current session changed with it (deleted: cleared, input closed, timer
  stopped; edited: its new title, prompt, activity).
- :func:`regrouping`: ``regrouped`` ``{}``: who sits at which table or is in which group changed;
  every process moves its connections to their new rooms before sending it, every page reloads its
  state on it.
- :func:`conference`: ``conference.changed`` ``{conference, status}`` (title, question, language,
  joining open or closed).
"""
from __future__ import annotations

from typing import Callable

from facilitator.domain import events, room
from facilitator.domain.events import Actor, one

REGROUPED = "regrouped"


def _current(db, cid: int) -> dict | None:
    return room.session_view(db, room.current_session(db, cid))


def programme(change: Callable):
    def fn(db, actor: Actor, _data: dict):
        cid = actor.conference_id
        before = _current(db, cid)
        result = change(db)
        out = [events.append(db, cid, "programme.changed", {"programme": room.programme_state(db, actor)}, actor=actor)]
        after = _current(db, cid)
        if after != before:
            if after is None:  # the current session is gone: nothing runs, input closes, the timer stops
                r = room._update(db, cid, input_open=0, timer_running=0, timer_ends_at=None, timer_remaining=0,
                                 timer_duration=0)
            else:
                r = room._state_row(db, cid)
            data = {"session": after, "input_open": bool(r["input_open"]), "timer": room.timer_view(r)}
            out.append(events.append(db, cid, "room.session", data, actor=actor))
        return result, out

    return fn


def regrouping(change: Callable):
    def fn(db, actor: Actor, _data: dict):
        result = change(db)
        return result, [events.append(db, actor.conference_id, REGROUPED, {}, actor=actor)]

    return fn


def conference(change: Callable):
    def fn(db, actor: Actor, _data: dict):
        result = change(db)
        status = one(db, "select status from conferences where id = ?", [actor.conference_id])["status"]
        data = {"conference": room.conference_view(db, actor), "status": status}
        return result, [events.append(db, actor.conference_id, "conference.changed", data, actor=actor)]

    return fn
