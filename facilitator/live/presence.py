"""Who is connected, in every process: the cockpit shows it per table and stakeholder group.

Presence is the room's, not a process's: with a message queue (``FACILITATOR_MESSAGE_QUEUE``) every
process keeps its connections in Redis (:class:`RedisPresence`: one hash per conference and process,
which expires within ``TTL`` seconds when its process dies), and counts everyone's; without one, the
process's own connections are all there are (:class:`LocalPresence`).

Presence is not an event in the log (it is not a change anyone made); staff receive a
``presence`` message with the whole picture, at most once a second while it changes; projectors
receive only the two numbers (connected, total) for their live count.
"""
from __future__ import annotations

import json
from collections import Counter

from facilitator.db import rows
from facilitator.domain import tables
from facilitator.domain.events import Actor
from facilitator.live import rooms
from facilitator.live.pipeline import snapshot_part

THROTTLE_SECONDS = 1.0

TTL = 30  # seconds a process's presence outlives its last heartbeat (a killed process's people go)
HEARTBEAT = 10

# sid -> actor, for every live connection of this process
CONNECTED: dict[str, Actor] = {}
_dirty: set[int] = set()


class LocalPresence:
    """One process: its own connections are everyone."""

    def add(self, sid: str, actor: Actor) -> None:
        pass  # CONNECTED has it

    def remove(self, sid: str, actor: Actor) -> None:
        pass

    def connected(self, cid: int) -> list[tuple]:
        return [(a.participant_id, a.role) for a in CONNECTED.values() if a.conference_id == cid]


class RedisPresence:
    """Every process's connections, in Redis: ``facilitator:presence:<cid>:<host>`` hashes sid -> who,
    listed in the set ``facilitator:presence:<cid>``; each hash expires unless its process renews it."""

    def __init__(self, url: str, host: str | None = None):
        import uuid

        import redis

        self.redis = redis.Redis.from_url(url)
        self.host = host or uuid.uuid4().hex

    def _key(self, cid: int) -> str:
        return f"facilitator:presence:{cid}:{self.host}"

    def add(self, sid: str, actor: Actor) -> None:
        cid = actor.conference_id
        pipe = self.redis.pipeline()
        pipe.hset(self._key(cid), sid, json.dumps([actor.participant_id, actor.role]))
        pipe.expire(self._key(cid), TTL)
        pipe.sadd(f"facilitator:presence:{cid}", self.host)
        pipe.execute()

    def remove(self, sid: str, actor: Actor) -> None:
        self.redis.hdel(self._key(actor.conference_id), sid)

    def connected(self, cid: int) -> list[tuple]:
        hosts = [h.decode() for h in self.redis.smembers(f"facilitator:presence:{cid}")]
        pipe = self.redis.pipeline()
        for h in hosts:
            pipe.hvals(f"facilitator:presence:{cid}:{h}")
        out = []
        for h, values in zip(hosts, pipe.execute()):
            if not values and not self.redis.exists(f"facilitator:presence:{cid}:{h}"):
                self.redis.srem(f"facilitator:presence:{cid}", h)  # that process is gone
            out += [tuple(json.loads(v)) for v in values]
        return out

    def heartbeat(self, sleep) -> None:
        """Run forever (a background task): keep this process's hashes alive."""
        while True:
            sleep(HEARTBEAT)
            try:
                cids = {a.conference_id for a in CONNECTED.values()}
                pipe = self.redis.pipeline()
                for cid in cids:
                    pipe.expire(self._key(cid), TTL)
                pipe.execute()
            except Exception:
                import logging

                logging.getLogger(__name__).exception("presence heartbeat failed")


store = LocalPresence()


def use(new_store) -> None:
    global store
    store = new_store


def connect(sid: str, actor: Actor) -> None:
    CONNECTED[sid] = actor
    store.add(sid, actor)


def disconnect(sid: str) -> Actor | None:
    actor = CONNECTED.pop(sid, None)
    if actor is not None:
        store.remove(sid, actor)
    return actor


def summary(db, cid: int) -> dict:
    everyone = store.connected(cid)
    here = Counter(pid for pid, _role in everyone if pid)
    roles = Counter(role for pid, role in everyone if not pid)
    groups = rows(db, "select g.id, g.name, g.colour, count(p.id) total from stakeholder_groups g "
                      "left join participants p on p.stakeholder_group_id = g.id where g.conference_id = ? "
                      "group by g.id order by g.position, g.id", [cid])
    members = rows(db, "select id, stakeholder_group_id from participants where conference_id = ?", [cid])
    by_group = Counter(m["stakeholder_group_id"] for m in members if m["id"] in here)
    for g in groups:
        g["connected"] = by_group.get(g["id"], 0)
    latest = tables.latest_tabling(db, cid)
    table_list = []
    if latest:
        for t in tables.tables_of(db, latest["id"]):
            ids = [m["id"] for m in t.get("members", [])]
            table_list.append({"id": t["id"], "number": t["number"], "name": t["name"], "total": len(ids),
                               "connected": sum(1 for i in ids if i in here)})
    return {"participants": sorted(here), "connected": len(here), "total": len(members), "groups": groups,
            "tables": table_list, "staff": roles.get("organiser", 0) + roles.get("facilitator", 0),
            "presenters": roles.get("presenter", 0)}


def counts(summary_: dict) -> dict:
    """What the projector shows of it ("12 joined"): the numbers only, never who."""
    return {"connected": summary_["connected"], "total": summary_["total"]}


@snapshot_part("presence")
def state(db, actor: Actor):
    if actor.is_staff:
        return summary(db, actor.conference_id)
    return counts(summary(db, actor.conference_id)) if actor.role == "presenter" else None


def changed(socketio, app, cid: int) -> None:
    """Someone came or went: tell the conference's staff within a second."""
    if cid in _dirty:
        return
    _dirty.add(cid)
    socketio.start_background_task(_send_later, socketio, app, cid)


def _send_later(socketio, app, cid: int) -> None:
    from facilitator import db as database

    socketio.sleep(THROTTLE_SECONDS)
    _dirty.discard(cid)
    with app.app_context():
        db = database.connect(app.config["DATABASE"])
        try:
            whole = summary(db, cid)
            socketio.emit("presence", whole, to=rooms.staff(cid))
            socketio.emit("presence", counts(whole), to=rooms.presenters(cid))
        finally:
            db.close()
