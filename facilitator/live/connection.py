"""Connecting, resyncing, queries, and the one handler through which every registered mutation passes."""
from __future__ import annotations

import functools
import time

from flask import current_app, g, request, session
from flask_socketio import emit, join_room

from facilitator.db import rows, transaction
from facilitator.domain import conferences, participants, users
from facilitator.domain import events as event_log
from facilitator.domain import room as room_domain
from facilitator.domain.errors import N_, DomainError
from facilitator.domain.events import Actor
from facilitator.live import presence, rooms, socketio
from facilitator.live import follow_ups as follow_ups_module
from facilitator.live.fanout import PER_CONNECTION, Fanout
from facilitator.live.follow_ups import FollowUps, Runner
from facilitator.live.pipeline import MUTATIONS, QUERIES, apply, broadcast, error_ack, payload_size, snapshot
from facilitator.web import get_db

ACTORS = presence.CONNECTED  # the actor behind each connection, by Socket.IO session id
RESYNC_LIMIT = 500
MAX_PAYLOAD = 16 * 1024  # bytes of JSON in one operation
RATE_PER_SECOND = 10  # operations a connection may send, sustained...
RATE_BURST = 30  # ...and in a burst
TIMER_CHECK_SECONDS = 0.5

clock = time.monotonic  # the rate limit's clock (tests hold it still)
_buckets: dict[str, list[float]] = {}
_pool: list = []  # open SQLite connections, reused by the handlers (opening one costs more than a post)
POOL_SIZE = 8
_fanout: Fanout | None = None
_follow_ups: FollowUps | None = None
_timer_loop_started = False


def fanout() -> Fanout:
    """This process's ordered fan-out for the current app's database (tests make many apps)."""
    global _fanout
    path = current_app.config["DATABASE"]
    if _fanout is not None and _fanout.database not in (None, path):
        if _fanout.log is not None:
            _fanout.log.close()
        _fanout = None
    if _fanout is None:
        _fanout = Fanout(socketio, current_app.config.get("LIVE_TICK_SECONDS", 0.05), connections=lambda: len(ACTORS),
                         per_connection=current_app.config.get("LIVE_PER_CONNECTION_SECONDS", PER_CONNECTION))
    if _fanout.database is None:
        _start_fanout(_fanout, current_app._get_current_object())
    return _fanout


def follow_ups() -> FollowUps:
    """This process's follow-ups for the current app (live/follow_ups.py; tests make many apps)."""
    global _follow_ups
    app = current_app._get_current_object()
    if _follow_ups is None or _follow_ups.run.app is not app:
        if _follow_ups is not None:
            _follow_ups.run.close()
        _follow_ups = FollowUps(socketio, app.config.get("LIVE_FOLLOW_UP_SECONDS", follow_ups_module.WINDOW),
                                Runner(app, lambda cid, new_events: fanout().publish(cid, new_events)))
    return _follow_ups


def _start_fanout(fan: Fanout, app) -> None:
    from facilitator.live.bus import RedisBus
    from facilitator.live.fanout import EventLog

    fan.database = app.config["DATABASE"]
    if fan.log is None:
        fan.log = EventLog(fan.database)
    fan.on_release = lambda cid, event: _released(app, fan, cid, event)
    queue = app.config.get("MESSAGE_QUEUE")
    if queue and fan.bus is None:
        fan.bus = RedisBus(queue)
        presence.use(presence.RedisPresence(queue, host=fan.bus.host))
        socketio.start_background_task(presence.store.heartbeat, socketio.sleep)
        fan.gap_wait = app.config.get("LIVE_GAP_WAIT", 0.2)
        socketio.start_background_task(fan.bus.listen, fan.receive, socketio.sleep)
    if not app.config.get("TESTING"):
        socketio.start_background_task(fan.watch)


def pooled_db(handler):
    """Run a handler with a connection from the pool as the request's database (``get_db()``)."""

    @functools.wraps(handler)
    def wrapped(*args, **kwargs):
        from facilitator import db as database

        path = current_app.config["DATABASE"]
        conn = None
        while _pool and conn is None:
            candidate_path, candidate = _pool.pop()
            if candidate_path == path:
                conn = candidate
            else:
                candidate.close()
        g.db = conn or database.connect(path)
        try:
            return handler(*args, **kwargs)
        finally:
            conn = g.pop("db", None)
            if conn is not None:
                if conn.conn.in_transaction:  # never hand on a connection in the middle of something
                    conn.conn.execute("ROLLBACK")
                if len(_pool) < POOL_SIZE:
                    _pool.append((path, conn))
                else:
                    conn.close()

    return wrapped


def participant_actor(db, p: dict) -> Actor:
    table_ids = tuple(r["table_id"] for r in rows(db, "select table_id from table_members where participant_id = ?", [p["id"]]))
    return Actor("participant", p["conference_id"], participant_id=p["id"], group_id=p["stakeholder_group_id"],
                 table_ids=table_ids)


def identify(db, auth) -> Actor | None:
    auth = auth if isinstance(auth, dict) else {}
    token = auth.get("token")
    if token:
        p = participants.by_token(db, token) if isinstance(token, str) else None
        return participant_actor(db, p) if p else None
    presenter_key = auth.get("presenter")
    if presenter_key:
        conf = conferences.by_presenter_key(db, presenter_key) if isinstance(presenter_key, str) else None
        return Actor("presenter", conf["id"]) if conf else None
    user = users.session_user(db, session) if session.get("user_id") else None  # still signed in?
    conference_id = auth.get("conference_id")
    if user and isinstance(conference_id, int) and not isinstance(conference_id, bool):
        role = conferences.role_of(db, conference_id, user)
        if role:
            return Actor(role, conference_id, user_id=user["id"])
    return None


def current_actor() -> Actor | None:
    return ACTORS.get(request.sid)


def not_connected() -> dict:
    return error_ack(DomainError("not_connected", N_("Not connected.")))


@socketio.on("connect")
@pooled_db
def on_connect(auth=None):
    actor = identify(get_db(), auth)
    if actor is None:
        return False  # refused: the client receives connect_error
    fan = fanout()  # first: it sets up the message queue's presence store
    presence.connect(request.sid, actor)
    _buckets[request.sid] = [float(RATE_BURST), clock()]
    for room in rooms.of_actor(actor):
        join_room(room)
    seq = event_log.last_seq(get_db(), actor.conference_id)
    fan.start(actor.conference_id, seq)  # deliver this conference's stream from here on
    emit("welcome", {"role": actor.role, "conference_id": actor.conference_id,
                     "participant_id": actor.participant_id, "server_now": int(time.time() * 1000), "seq": seq})
    presence.changed(socketio, current_app._get_current_object(), actor.conference_id)
    start_timer_loop()
    return True


@socketio.on("disconnect")
@pooled_db
def on_disconnect(*_args):
    actor = presence.disconnect(request.sid)
    _buckets.pop(request.sid, None)
    if actor:
        presence.changed(socketio, current_app._get_current_object(), actor.conference_id)


@socketio.on("sync")
@pooled_db
def on_sync(payload=None):
    """A (re)connecting client sends the last sequence number it saw; it gets what it missed,
    or ``{"snapshot": true}`` when it is too far behind and should reload its state."""
    actor = current_actor()
    if actor is None:
        return not_connected()
    after = payload.get("seq") if isinstance(payload, dict) else None
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        return error_ack(DomainError("invalid", N_("seq must be a whole number."), field="seq"))
    db = get_db()
    last = event_log.last_seq(db, actor.conference_id)
    if last - after > RESYNC_LIMIT or after > last:
        return {"ok": True, "snapshot": True, "seq": last}
    return {"ok": True, "snapshot": False, "seq": last, "events": event_log.since(db, actor, after, RESYNC_LIMIT)}


@socketio.on("state")
@pooled_db
def on_state(_payload=None):
    """The full state this connection may see (on start, or when a resync says snapshot)."""
    actor = current_actor()
    if actor is None:
        return not_connected()
    return {"ok": True, "state": snapshot(get_db(), actor)}


@socketio.on("query")
@pooled_db
def on_query(payload=None):
    """Read-only questions: ``{"name": ..., "data": {...}}`` -> ``{"ok": true, "result": ...}``."""
    actor = current_actor()
    if actor is None:
        return not_connected()
    name = payload.get("name") if isinstance(payload, dict) else None
    data = payload.get("data", {}) if isinstance(payload, dict) else None
    if name not in QUERIES or not isinstance(data, dict):
        return error_ack(DomainError("unknown_query", N_("Unknown query.")))
    try:
        return {"ok": True, "result": QUERIES[name](get_db(), actor, data)}
    except DomainError as err:
        return error_ack(err)


def allowed_now(sid: str) -> bool:
    """A token bucket per connection: RATE_BURST at once, RATE_PER_SECOND sustained."""
    bucket = _buckets.setdefault(sid, [float(RATE_BURST), clock()])
    t = clock()
    bucket[0] = min(RATE_BURST, bucket[0] + (t - bucket[1]) * RATE_PER_SECOND)
    bucket[1] = t
    if bucket[0] < 1:
        return False
    bucket[0] -= 1
    return True


@socketio.on("*")
@pooled_db
def on_mutation(name, payload=None):
    """Every registered mutation: validate, apply in one transaction, broadcast, acknowledge."""
    actor = current_actor()
    if actor is None:
        return not_connected()
    if name not in MUTATIONS:
        return error_ack(DomainError("unknown_event", N_("Unknown event: %(event)s"), event=str(name)[:60]))
    if not allowed_now(request.sid):
        return error_ack(DomainError("rate_limited", N_("Too many changes at once; wait a moment and try again.")))
    if payload_size(payload) > MAX_PAYLOAD:
        return error_ack(DomainError("too_large", N_("This message is too large.")))
    try:
        ack, new_events = apply(get_db(), actor, name, payload)
    except DomainError as err:
        return error_ack(err)
    except Exception:  # a bug: the transaction rolled back, so nothing changed; say so
        current_app.logger.exception("live event %s failed", name)
        return error_ack(DomainError("server_error", N_("Something went wrong; nothing was saved.")))
    broadcast(actor.conference_id, new_events)
    return ack


# --- timers that run out -------------------------------------------------------------------

def expire_timers(db) -> None:
    if not room_domain.timers_due(db):  # a cheap read; the write lock only when something is due
        return
    with transaction(db):
        found = room_domain.expire_timers(db)
    for cid, new_events in found.items():
        broadcast(cid, new_events)


def start_timer_loop() -> None:
    """One background loop per process closes input when a timer with close_input runs out."""
    global _timer_loop_started
    if _timer_loop_started or current_app.config.get("TESTING"):
        return
    _timer_loop_started = True
    socketio.start_background_task(_timer_loop, current_app._get_current_object())


def _timer_loop(app) -> None:
    from facilitator import db as database

    with app.app_context():
        db = database.connect(app.config["DATABASE"])
        while True:
            socketio.sleep(TIMER_CHECK_SECONDS)
            try:
                expire_timers(db)
            except Exception:  # keep the loop alive; the next round tries again
                app.logger.exception("timer check failed")


REGROUPED = "regrouped"  # the event a change of seating or groups appends (see web/live_routes.py)


def _released(app, fan: Fanout, cid: int, event: dict) -> None:
    """Called by the fan-out for every event as it is released, in every process, before it is sent."""
    if event["kind"] == REGROUPED:
        regroup(fan.log.db(), cid, app)


def regroup(db, conference_id: int, app=None) -> None:
    """Seating or groups changed (a new mix of tables, a move, a new group): move this process's live
    participant connections to their new rooms (their pages reload the state on the ``regrouped``
    event that follows). Runs in every process, as the event is released, so that the rooms are
    right before the event (and anything after it) is sent.
    """
    for sid, actor in list(ACTORS.items()):
        if actor.conference_id != conference_id or actor.role != "participant":
            continue
        if not socketio.server.manager.is_connected(sid, "/"):  # gone meanwhile (or another app's, in tests)
            ACTORS.pop(sid, None)
            continue
        p = participants.get_or_none(db, conference_id, actor.participant_id)
        if p is None:  # removed by the organiser: the connection ends
            socketio.server.disconnect(sid, namespace="/", ignore_queue=True)
            continue
        new = participant_actor(db, p)
        if new == actor:
            continue
        before, after = set(rooms.of_actor(actor)), set(rooms.of_actor(new))
        for room in before - after:
            socketio.server.leave_room(sid, room, namespace="/")
        for room in after - before:
            socketio.server.enter_room(sid, room, namespace="/")
        ACTORS[sid] = new
    presence.changed(socketio, app or current_app._get_current_object(), conference_id)
