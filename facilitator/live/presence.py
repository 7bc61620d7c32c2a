"""Who is connected (this process only): the cockpit shows it per table and stakeholder group.

Presence is not an event in the log (it is not a change anyone made); staff receive a
``presence`` message with the whole picture, at most once a second while it changes.
"""
from __future__ import annotations

from collections import Counter

from facilitator.db import rows
from facilitator.domain import tables
from facilitator.domain.events import Actor
from facilitator.live import rooms
from facilitator.live.pipeline import snapshot_part

THROTTLE_SECONDS = 1.0

# sid -> actor, for every live connection of this process
CONNECTED: dict[str, Actor] = {}
_dirty: set[int] = set()


def summary(db, cid: int) -> dict:
    here = Counter(a.participant_id for a in CONNECTED.values() if a.conference_id == cid and a.participant_id)
    roles = Counter(a.role for a in CONNECTED.values() if a.conference_id == cid and not a.participant_id)
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


@snapshot_part("presence")
def state(db, actor: Actor):
    return summary(db, actor.conference_id) if actor.is_staff else None


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
            socketio.emit("presence", summary(db, cid), to=rooms.staff(cid))
        finally:
            db.close()
