"""Sticky notes and the facilitators' named clusters.

A note belongs to a session. Who sees it is fixed when it is posted (its ``scope``, an event
audience): everyone in whole-room sessions, the table in mixed-table sessions, the stakeholder
group in group sessions; only the author (and facilitators) when the session does not show
others' notes. In an anonymous session (the default) no event and no snapshot carries the
author to anyone; the author recognises their own notes by the ids in their acknowledgements
(snapshots mark them ``mine``).

Facilitators hide, edit, move, merge and cluster notes; hidden notes disappear from everyone
else's screens (the author still sees their own, marked hidden).
"""
from __future__ import annotations

from facilitator.db import now
from facilitator.domain import activities, events, participants, programme
from facilitator.domain import room as room_domain
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, Forbidden, NotFound
from facilitator.domain.events import Actor, insert, many, one

MAX_TEXT = 500
MAX_CLUSTER_NAME = 80
MAX_NOTES_PER_SESSION = 5000
COLOURS = ("yellow", "pink", "blue", "green", "orange", "purple")
# What the phone says before a participant posts (a message key; the phone translates it)
NAMES_NOTICE = {True: N_("Nobody sees who wrote a note."), False: N_("Your name is shown with your note.")}


# --- session settings --------------------------------------------------------------------

def session_settings(db, session_id: int) -> dict:
    r = one(db, "select anonymous, show_others from session_settings where session_id = ?", [session_id])
    if r:
        return {"anonymous": bool(r["anonymous"]), "show_others": bool(r["show_others"])}
    s = one(db, "select activity from sessions where id = ?", [session_id])
    # anonymous unless the activity is one where authorship is the point (the registry's ``named``)
    return {"anonymous": not (s and activities.named_by_default(s["activity"])), "show_others": True}


def configure_session(db, actor: Actor, data: dict):
    """Facilitators: ``anonymous`` and ``show_others`` (new notes only) for a session, each only
    where the session's activity declares it (the registry's ``settings``); any other is refused
    and nothing changes."""
    actor.require_staff()
    s = programme.get_session(db, actor.conference_id, v.integer(data.get("session_id"), "session_id", minimum=1))
    applies = activities.settings_of(s["activity"])
    for key in activities.SESSION_SETTINGS:
        if key in data and key not in applies:
            raise DomainError("not_applicable", N_("The setting %(name)s does not apply to this activity."),
                              field=key, name=key)
    current = session_settings(db, s["id"])
    for key in applies:
        if key in data:
            if not isinstance(data[key], bool):
                raise DomainError("invalid", N_("%(name)s must be true or false."), field=key, name=key)
            current[key] = data[key]
    db.execute("insert into session_settings (session_id, anonymous, show_others) values (?, ?, ?) "
               "on conflict(session_id) do update set anonymous = excluded.anonymous, show_others = excluded.show_others",
               [s["id"], int(current["anonymous"]), int(current["show_others"])])
    out = {"session_id": s["id"], **current}
    told = [events.append(db, actor.conference_id, "session.settings", out, actor=actor)]
    if s["activity"] == "common_ground_confirm":  # who objected: shown to facilitators or not, from now on
        from facilitator.domain import common_ground

        told += common_ground.responses_again(db, actor)
    return out, told


# --- reading ------------------------------------------------------------------------------

def _author_name(db, note: dict) -> str | None:
    if note["participant_id"]:
        p = one(db, "select name, hide_name from participants where id = ?", [note["participant_id"]])
        return participants.display_name(p) if p else None
    if note["user_id"]:
        u = one(db, "select name from users where id = ?", [note["user_id"]])
        return u["name"] if u else None
    return None


def public(db, note: dict, anonymous: bool) -> dict:
    """A note as others may see it: the author's name only when the session is not anonymous."""
    return {
        "id": note["id"], "session_id": note["session_id"], "text": note["text"], "colour": note["colour"],
        "cluster_id": note["cluster_id"], "merged_into": note["merged_into"], "position": note["position"],
        "hidden": bool(note["hidden"]), "scope": note["scope"], "created_at": note["created_at"],
        "author": None if anonymous else _author_name(db, note),
    }


def is_mine(actor: Actor, note: dict) -> bool:
    if actor.role == "participant":
        return note["participant_id"] == actor.participant_id
    return bool(actor.user_id) and note["user_id"] == actor.user_id and not note["participant_id"]


def list_for(db, actor: Actor, session_id: int) -> dict:
    """The notes and clusters of a session that this actor may see."""
    settings = session_settings(db, session_id)
    found = many(db, "select * from notes where conference_id = ? and session_id = ? and deleted = 0 order by position, id",
                 [actor.conference_id, session_id])
    out = []
    for n in found:
        mine = is_mine(actor, n)
        if not mine and (not events.visible_to(actor, n["scope"]) or (n["hidden"] and not actor.is_staff)):
            continue
        item = public(db, n, settings["anonymous"])
        if mine:
            item["mine"] = True
        out.append(item)
    clusters = many(db, "select id, session_id, name, position from note_clusters where session_id = ? "
                    "and conference_id = ? order by position, id", [session_id, actor.conference_id])
    return {"session_id": session_id, "notes": out, "clusters": clusters, **settings,
            "names_notice": NAMES_NOTICE[settings["anonymous"]]}


def current(db, actor: Actor) -> dict | None:
    s = room_domain.current_session(db, actor.conference_id)
    return list_for(db, actor, s["id"]) if s else None


# --- helpers for mutations ----------------------------------------------------------------

def _note(db, actor: Actor, data: dict) -> dict:
    note_id = v.integer(data.get("note_id"), "note_id", minimum=1)
    n = one(db, "select * from notes where id = ? and conference_id = ? and deleted = 0", [note_id, actor.conference_id])
    if not n or (not actor.is_staff and not is_mine(actor, n) and not events.visible_to(actor, n["scope"])):
        raise NotFound("note")
    return n


def _own_note(db, actor: Actor, data: dict) -> dict:
    """A note the actor may change: their own while input is open; any note for facilitators."""
    n = _note(db, actor, data)
    if not actor.is_staff:
        if not is_mine(actor, n):
            raise Forbidden(N_("You can only change or delete your own notes."))
        _require_open(db, actor)
    return n


def _colour(value) -> str:
    if value in (None, ""):
        return ""
    return v.choice(value, "colour", COLOURS)


def _scope(db, actor: Actor, session: dict, settings: dict) -> str:
    if actor.role != "participant":
        return "all"
    if not settings["show_others"]:
        return f"participant:{actor.participant_id}"
    if session["grouping"] == "stakeholder" and actor.group_id:
        return f"group:{actor.group_id}"
    if session["grouping"] == "mixed" and actor.table_ids:
        tabling = session["tabling_id"]
        if not tabling:
            latest = one(db, "select id from tablings where conference_id = ? order by id desc limit 1", [actor.conference_id])
            tabling = latest["id"] if latest else None
        t = one(db, f"select id from tables where tabling_id = ? and id in ({','.join('?' * len(actor.table_ids))})",
                [tabling, *actor.table_ids])
        if t:
            return f"table:{t['id']}"
    if session["grouping"] == "individual":
        return f"participant:{actor.participant_id}"
    return "all"


def _target_session(db, actor: Actor, data: dict) -> dict:
    """The current session; staff may name another one with ``session_id``."""
    if actor.is_staff and data.get("session_id") is not None:
        return programme.get_session(db, actor.conference_id, v.integer(data["session_id"], "session_id", minimum=1))
    session = room_domain.current_session(db, actor.conference_id)
    if not session:
        raise DomainError("no_session", N_("There is no current session."))
    return session


def _require_open(db, actor: Actor) -> None:
    if not actor.is_staff and not room_domain.input_open(db, actor.conference_id):
        raise DomainError("input_closed", N_("Input is closed at the moment."))


def _changed(db, actor: Actor, kind: str, n: dict) -> tuple[dict, list[dict]]:
    """The acknowledgement and the event for a note that was added or changed."""
    view = public(db, n, session_settings(db, n["session_id"])["anonymous"])
    audience = "facilitators" if n["hidden"] else n["scope"]
    event = events.append(db, actor.conference_id, kind, {"note": view}, audience=audience, actor=actor)
    return {"note": {**view, "mine": True} if is_mine(actor, n) else view}, [event]


def _reload(db, note_id: int) -> dict:
    return one(db, "select * from notes where id = ?", [note_id])


# --- mutations ----------------------------------------------------------------------------

def post(db, actor: Actor, data: dict):
    """A new note (``text``, optional ``colour``) in the current session (or ``session_id`` for staff)."""
    _require_open(db, actor)
    text = v.text(data.get("text"), "text", max_len=MAX_TEXT)
    colour = _colour(data.get("colour"))
    session = _target_session(db, actor, data)
    count = one(db, "select count(*) n from notes where session_id = ?", [session["id"]])["n"]
    if count >= MAX_NOTES_PER_SESSION:
        raise DomainError("too_many", N_("This session has too many notes."))
    settings = session_settings(db, session["id"])
    stamp = now()
    note_id = insert(db, "notes", {
        "conference_id": actor.conference_id, "session_id": session["id"],
        "participant_id": actor.participant_id, "user_id": actor.user_id if actor.is_staff else None,
        "scope": _scope(db, actor, session, settings), "text": text, "colour": colour,
        "position": count, "created_at": stamp, "updated_at": stamp,
    })
    n = _reload(db, note_id)
    return _changed(db, actor, "note.added", n)


def edit(db, actor: Actor, data: dict):
    """Change the ``text`` and/or ``colour`` of your own note (facilitators: any note)."""
    n = _own_note(db, actor, data)
    values = {}
    if "text" in data:
        values["text"] = v.text(data.get("text"), "text", max_len=MAX_TEXT)
    if "colour" in data:
        values["colour"] = _colour(data.get("colour"))
    if not values:
        raise DomainError("invalid", N_("Nothing to change."), field="text")
    values["updated_at"] = now()
    db.execute(f"update notes set {', '.join(f'{k} = ?' for k in values)} where id = ?", [*values.values(), n["id"]])
    n = _reload(db, n["id"])
    return _changed(db, actor, "note.changed", n)


def delete(db, actor: Actor, data: dict):
    n = _own_note(db, actor, data)
    db.execute("update notes set deleted = 1, updated_at = ? where id = ?", [now(), n["id"]])
    db.execute("update notes set merged_into = null where merged_into = ?", [n["id"]])
    gone = {"id": n["id"], "session_id": n["session_id"]}
    audience = "facilitators" if n["hidden"] else n["scope"]
    return gone, [events.append(db, actor.conference_id, "note.removed", gone, audience=audience, actor=actor)]


def hide(db, actor: Actor, data: dict):
    """Facilitators: ``hidden`` true takes a note off everyone else's screens; false brings it back."""
    actor.require_staff()
    n = _note(db, actor, data)
    if not isinstance(data.get("hidden"), bool):
        raise DomainError("invalid", N_("%(name)s must be true or false."), field="hidden", name="hidden")
    db.execute("update notes set hidden = ?, updated_at = ? where id = ?", [int(data["hidden"]), now(), n["id"]])
    n = _reload(db, n["id"])
    if not n["hidden"]:
        return _changed(db, actor, "note.added", n)
    gone = {"id": n["id"], "session_id": n["session_id"], "hidden": True}
    result = public(db, n, session_settings(db, n["session_id"])["anonymous"])
    return {"note": result}, [events.append(db, actor.conference_id, "note.hidden", gone, audience=n["scope"], actor=actor)]


def move(db, actor: Actor, data: dict):
    """Facilitators: put a note in a cluster (``cluster_id``, null for none) at ``position``; undoes a merge."""
    actor.require_staff()
    n = _note(db, actor, data)
    cluster_id = data.get("cluster_id")
    if cluster_id is not None:
        cluster_id = _cluster(db, actor, {"cluster_id": cluster_id}, n["session_id"])["id"]
    position = v.integer(data.get("position", n["position"]), "position", minimum=0, maximum=MAX_NOTES_PER_SESSION)
    db.execute("update notes set cluster_id = ?, position = ?, merged_into = null, updated_at = ? where id = ?",
               [cluster_id, position, now(), n["id"]])
    # notes merged into this one travel with it
    db.execute("update notes set cluster_id = ? where merged_into = ?", [cluster_id, n["id"]])
    n = _reload(db, n["id"])
    return _changed(db, actor, "note.changed", n)


def merge(db, actor: Actor, data: dict):
    """Facilitators: put note ``note_id`` under note ``into_id`` (same session): they count as one."""
    actor.require_staff()
    n = _note(db, actor, data)
    target = _note(db, actor, {"note_id": data.get("into_id")})
    if target["id"] == n["id"] or target["session_id"] != n["session_id"]:
        raise DomainError("invalid", N_("Merge a note into another note of the same session."), field="into_id")
    if target["merged_into"]:
        target = _reload(db, target["merged_into"])
    db.execute("update notes set merged_into = ?, cluster_id = ?, updated_at = ? where id = ? or merged_into = ?",
               [target["id"], target["cluster_id"], now(), n["id"], n["id"]])
    n = _reload(db, n["id"])
    return _changed(db, actor, "note.changed", n)


# --- clusters ------------------------------------------------------------------------------

def _cluster(db, actor: Actor, data: dict, session_id: int | None = None) -> dict:
    cluster_id = v.integer(data.get("cluster_id"), "cluster_id", minimum=1)
    c = one(db, "select id, session_id, name, position from note_clusters where id = ? and conference_id = ?",
            [cluster_id, actor.conference_id])
    if not c or (session_id is not None and c["session_id"] != session_id):
        raise NotFound("cluster")
    return c


def add_cluster(db, actor: Actor, data: dict):
    actor.require_staff()
    name = v.text(data.get("name"), "name", max_len=MAX_CLUSTER_NAME)
    session = _target_session(db, actor, data)
    position = one(db, "select count(*) n from note_clusters where session_id = ?", [session["id"]])["n"]
    cid = insert(db, "note_clusters", {"conference_id": actor.conference_id, "session_id": session["id"], "name": name,
                                       "position": position, "created_at": now()})
    c = _cluster(db, actor, {"cluster_id": cid})
    return {"cluster": c}, [events.append(db, actor.conference_id, "cluster.added", {"cluster": c}, actor=actor)]


def rename_cluster(db, actor: Actor, data: dict):
    actor.require_staff()
    c = _cluster(db, actor, data)
    name = v.text(data.get("name"), "name", max_len=MAX_CLUSTER_NAME)
    db.execute("update note_clusters set name = ? where id = ?", [name, c["id"]])
    c = _cluster(db, actor, data)
    return {"cluster": c}, [events.append(db, actor.conference_id, "cluster.changed", {"cluster": c}, actor=actor)]


def delete_cluster(db, actor: Actor, data: dict):
    """Facilitators: remove a cluster; its notes stay, unclustered."""
    actor.require_staff()
    c = _cluster(db, actor, data)
    db.execute("update notes set cluster_id = null where cluster_id = ?", [c["id"]])
    db.execute("delete from note_clusters where id = ?", [c["id"]])
    gone = {"id": c["id"], "session_id": c["session_id"]}
    return gone, [events.append(db, actor.conference_id, "cluster.removed", gone, actor=actor)]


# --- the report and the sheet (domain/reporting.py) ------------------------------------------------

def report(r) -> list[dict]:
    """The notes per session, by cluster; hidden, deleted and merged notes stay out, authors always."""
    from collections import defaultdict

    from facilitator.db import rows
    from facilitator.domain import reporting as rp

    _ = r.gettext
    found = rows(r.db, "select n.session_id, n.text, n.cluster_id, c.name as cluster from notes n "
                       "left join note_clusters c on c.id = n.cluster_id "
                       "where n.conference_id = ? and n.deleted = 0 and n.hidden = 0 and n.merged_into is null "
                       "order by n.session_id, c.position, c.id, n.position, n.id", [r.cid])
    if not found:
        return []
    by_session = defaultdict(list)
    for n in found:
        by_session[n["session_id"]].append(n)
    out = [rp.heading(_("Notes"), 1)]
    sessions = {s["id"]: s for s in programme.sessions(r.db, r.cid)}
    for sid, items in by_session.items():
        s = sessions.get(sid)
        out.append(rp.heading(s["title"] if s else _("Notes"), 2))
        by_cluster = defaultdict(list)
        for n in items:
            by_cluster[n["cluster"]].append(n["text"])
        for cluster, texts in by_cluster.items():
            if len(by_cluster) > 1 or cluster:
                out.append(rp.label(cluster or _("Not clustered")))
            out.append(rp.bullets(texts))
    return out


def sheet(db, cid: int):
    """notes.csv: the author only when the note's session was not anonymous."""
    from facilitator.db import rows
    from facilitator.domain.reporting import shown_name

    columns = ["note_id", "session", "phase", "cluster", "text", "stakeholder_group", "author", "by_facilitator",
               "merged_into", "hidden", "created_at"]
    found = rows(db, """
        select n.id, n.session_id, s.title as session, s.phase, c.name as cluster, n.text, g.name as grp, p.name,
               p.hide_name, n.user_id, n.merged_into, n.hidden, n.created_at
        from notes n join sessions s on s.id = n.session_id
        left join note_clusters c on c.id = n.cluster_id
        left join participants p on p.id = n.participant_id
        left join stakeholder_groups g on g.id = p.stakeholder_group_id
        where n.conference_id = ? and n.deleted = 0 order by s.position, n.session_id, n.id""", [cid])
    anonymous = {sid: session_settings(db, sid)["anonymous"] for sid in {r["session_id"] for r in found}}
    return columns, [[r["id"], r["session"], r["phase"], r["cluster"] or "", r["text"], r["grp"] or "",
                      "" if anonymous[r["session_id"]] else shown_name(r), "yes" if r["user_id"] else "",
                      r["merged_into"] or "", "yes" if r["hidden"] else "", r["created_at"]] for r in found]
