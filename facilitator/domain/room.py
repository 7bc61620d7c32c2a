"""Running the room: the current session, input open or closed, the timer, messages to everyone.

The room's state is one row per conference (``room_state``). Every change appends an event
(audience ``all``) that carries the new state of what changed, so a screen can follow with
nothing more than the event.
"""
from __future__ import annotations

import time

from facilitator.db import now
from facilitator.domain import activities, events, programme
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError
from facilitator.domain.events import Actor, insert, many, one

MAX_MESSAGE = 280
MESSAGE_SHOWN_SECONDS = 15 * 60  # a late joiner still sees a message this recent
MAX_TIMER_SECONDS = 24 * 3600
TIMER_ACTIONS = ("start", "pause", "resume", "add", "stop")


def _state_row(db, cid: int) -> dict:
    r = one(db, "select * from room_state where conference_id = ?", [cid])
    if r is None:
        db.execute("insert or ignore into room_state (conference_id, updated_at) values (?, ?)", [cid, now()])
        r = one(db, "select * from room_state where conference_id = ?", [cid])
    return r


def _update(db, cid: int, **values) -> dict:
    _state_row(db, cid)
    values["updated_at"] = now()
    assignments = ", ".join(f"{k} = ?" for k in values)
    db.execute(f"update room_state set {assignments} where conference_id = ?", [*values.values(), cid])
    return _state_row(db, cid)


def timer_view(r: dict) -> dict:
    """The timer as screens need it: ``ends_at`` in epoch milliseconds while running."""
    running = bool(r["timer_running"])
    remaining = max(0, round(r["timer_ends_at"] - time.time())) if running else r["timer_remaining"]
    return {
        "duration": r["timer_duration"],
        "running": running,
        "ends_at": int(r["timer_ends_at"] * 1000) if running else None,
        "remaining": remaining,
        "close_input": bool(r["timer_close_input"]),
    }


def session_view(db, s: dict | None) -> dict | None:
    if not s:
        return None
    from facilitator.domain import notes

    out = {k: s[k] for k in ("id", "title", "prompt", "activity", "phase", "grouping", "start", "end", "track", "date")}
    out.update(notes.session_settings(db, s["id"]))
    return out


def current_session(db, cid: int) -> dict | None:
    return one(db, "select s.*, d.date as date from conferences c join sessions s on s.id = c.current_session_id "
                   "join days d on d.id = s.day_id where c.id = ?", [cid])


# --- mutations -----------------------------------------------------------------------

def send_message(db, actor: Actor, data: dict):
    """A short message from the facilitator to everyone's screen."""
    actor.require_staff()
    text = v.text(data.get("text"), "text", max_len=MAX_MESSAGE)
    at = time.time()
    _update(db, actor.conference_id, message_text=text, message_at=at)
    message = {"text": text, "at": int(at * 1000)}
    event = events.append(db, actor.conference_id, "room.message", message, actor=actor)
    return message, [event]


def message_view(r: dict) -> dict | None:
    """The last message, while it is recent enough to still matter to someone who just came in."""
    at = r.get("message_at")
    if not r.get("message_text") or at is None or time.time() - at > MESSAGE_SHOWN_SECONDS:
        return None
    return {"text": r["message_text"], "at": int(at * 1000)}


def goto(db, actor: Actor, data: dict):
    """Make a session the current one (``session_id``), or step through the programme (``step``: 1 or -1).

    Input opens for sessions where people contribute and closes for plenaries and breaks;
    a running timer stops.
    """
    actor.require_staff()
    cid = actor.conference_id
    if "step" in data:
        step = v.integer(data.get("step"), "step", minimum=-1, maximum=1)
        order = [s["id"] for s in programme.sessions(db, cid)]
        if not order:
            raise DomainError("no_programme", N_("The programme has no sessions yet."))
        cur = current_session(db, cid)
        index = order.index(cur["id"]) if cur else -1
        index = min(max(index + step, 0), len(order) - 1)
        session = programme.get_session(db, cid, order[index])
    else:
        session = programme.get_session(db, cid, v.integer(data.get("session_id"), "session_id", minimum=1))
    db.execute("update conferences set current_session_id = ? where id = ?", [session["id"], cid])
    r = _update(db, cid, input_open=int(activities.takes_input(session["activity"])), timer_running=0,
                timer_ends_at=None, timer_remaining=0, timer_duration=0)
    data_out = {"session": session_view(db, session), "input_open": bool(r["input_open"]), "timer": timer_view(r)}
    return data_out, [events.append(db, cid, "room.session", data_out, actor=actor)]


def set_input(db, actor: Actor, data: dict):
    actor.require_staff()
    if not isinstance(data.get("open"), bool):
        raise DomainError("invalid", N_("%(name)s must be true or false."), field="open", name="open")
    r = _update(db, actor.conference_id, input_open=int(data["open"]))
    out = {"open": bool(r["input_open"])}
    return out, [events.append(db, actor.conference_id, "room.input", out, actor=actor)]


def timer(db, actor: Actor, data: dict):
    """start (``seconds``, optional ``close_input``), pause, resume, add (``seconds``, may be negative), stop."""
    actor.require_staff()
    cid = actor.conference_id
    action = v.choice(data.get("action"), "action", TIMER_ACTIONS)
    r = _state_row(db, cid)
    t = time.time()
    running = bool(r["timer_running"])
    left = max(0.0, r["timer_ends_at"] - t) if running else float(r["timer_remaining"])
    if action == "start":
        seconds = v.integer(data.get("seconds"), "seconds", minimum=1, maximum=MAX_TIMER_SECONDS)
        close = data.get("close_input", False)
        if not isinstance(close, bool):
            raise DomainError("invalid", N_("%(name)s must be true or false."), field="close_input", name="close_input")
        r = _update(db, cid, timer_duration=seconds, timer_running=1, timer_ends_at=t + seconds,
                    timer_remaining=seconds, timer_close_input=int(close))
    elif action == "pause":
        if not running:
            raise DomainError("timer_not_running", N_("The timer is not running."))
        r = _update(db, cid, timer_running=0, timer_ends_at=None, timer_remaining=round(left))
    elif action == "resume":
        if running or left <= 0:
            raise DomainError("timer_not_paused", N_("There is no paused timer to resume."))
        r = _update(db, cid, timer_running=1, timer_ends_at=t + left)
    elif action == "add":
        seconds = v.integer(data.get("seconds"), "seconds", minimum=-MAX_TIMER_SECONDS, maximum=MAX_TIMER_SECONDS)
        if seconds == 0:
            raise DomainError("invalid", N_("%(name)s must not be zero."), field="seconds", name="seconds")
        if not running and left <= 0:
            raise DomainError("timer_not_set", N_("Start the timer first."))
        new_left = min(max(1.0, left + seconds), MAX_TIMER_SECONDS)
        duration = min(max(1, r["timer_duration"] + seconds), MAX_TIMER_SECONDS)
        if running:
            r = _update(db, cid, timer_ends_at=t + new_left, timer_duration=duration)
        else:
            r = _update(db, cid, timer_remaining=round(new_left), timer_duration=duration)
    else:  # stop
        r = _update(db, cid, timer_running=0, timer_ends_at=None, timer_remaining=0, timer_duration=0)
    out = {"timer": timer_view(r)}
    return out, [events.append(db, cid, "room.timer", out, actor=actor)]


def timers_due(db) -> bool:
    return one(db, "select 1 x from room_state where timer_running = 1 and timer_ends_at <= ?", [time.time()]) is not None


def expire_timers(db) -> dict[int, list[dict]]:
    """Stop every timer that has run out (closing input where asked); call inside a transaction.

    Returns the new events by conference. The live layer calls this every half second.
    """
    out: dict[int, list[dict]] = {}
    for r in many(db, "select * from room_state where timer_running = 1 and timer_ends_at <= ?", [time.time()]):
        cid = r["conference_id"]
        new = []
        if r["timer_close_input"] and r["input_open"]:
            _update(db, cid, input_open=0)
            new.append(events.append(db, cid, "room.input", {"open": False, "reason": "timer"}))
        r = _update(db, cid, timer_running=0, timer_ends_at=None, timer_remaining=0)
        new.append(events.append(db, cid, "room.timer", {"timer": timer_view(r), "expired": True}))
        out[cid] = new
    return out


def input_open(db, cid: int) -> bool:
    r = one(db, "select input_open from room_state where conference_id = ?", [cid])
    return bool(r and r["input_open"])


# --- state -----------------------------------------------------------------------------

def state(db, actor: Actor) -> dict:
    cid = actor.conference_id
    c = one(db, "select current_session_id, status from conferences where id = ?", [cid])
    r = one(db, "select * from room_state where conference_id = ?", [cid]) or {
        "input_open": 0, "timer_duration": 0, "timer_running": 0, "timer_ends_at": None, "timer_remaining": 0,
        "timer_close_input": 0}
    return {
        "current_session_id": c["current_session_id"],
        "status": c["status"],
        "session": session_view(db, current_session(db, cid)),
        "input_open": bool(r["input_open"]),
        "timer": timer_view(r),
        "message": message_view(r),
        "server_now": int(time.time() * 1000),
    }


def programme_state(db, actor: Actor) -> list[dict]:
    """The programme in order, as a flat list (for next / previous / jump, and for following along).

    Each session carries its day (``day_id``, ``date``, ``day_title``) and its time slot within the
    day (``slot``, counting from 0; sessions that share a slot run in parallel, domain/programme.py
    ``slots``), so a phone draws days and parallel sessions from this list alone."""
    keys = ("id", "title", "activity", "phase", "grouping", "start", "end", "date", "track", "day_id")
    titles = {d["id"]: d["title"] or "" for d in programme.days(db, actor.conference_id)}
    all_sessions = programme.sessions(db, actor.conference_id)
    slot_of = {}
    for day_id in titles:
        for i, slot in enumerate(programme.slots([s for s in all_sessions if s["day_id"] == day_id])):
            slot_of.update({s["id"]: i for s in slot})
    return [{**{k: s[k] for k in keys}, "day_title": titles[s["day_id"]], "slot": slot_of[s["id"]]}
            for s in all_sessions]


def me(db, actor: Actor) -> dict:
    """Who this connection is: for a participant their name, group and table (latest tabling)."""
    out = {"role": actor.role, "participant_id": actor.participant_id, "group_id": actor.group_id,
           "table_ids": list(actor.table_ids), "user_id": actor.user_id}
    if actor.participant_id:
        p = one(db, "select p.name, g.id gid, g.name gname, g.colour gcolour from participants p left join "
                    "stakeholder_groups g on g.id = p.stakeholder_group_id where p.id = ?", [actor.participant_id])
        out["name"] = p["name"]
        out["group"] = {"id": p["gid"], "name": p["gname"], "colour": p["gcolour"]} if p["gid"] else None
        t = one(db, "select t.id, t.number, t.name from table_members tm join tables t on t.id = tm.table_id "
                    "where tm.participant_id = ? order by tm.tabling_id desc limit 1", [actor.participant_id])
        out["table"] = t
    return out


def conference_view(db, actor: Actor) -> dict:
    c = one(db, "select id, title, subtitle, central_question, language, mode, join_code, future_year, "
                "timeline_start_year from conferences where id = ?", [actor.conference_id])
    return c
