"""Check-in: at the start of a day everyone says in one line what they bring today.

A Future Search day often starts with a round: "what do you bring today?" (a mood, a hope, a worry).
Each participant writes one line per check-in session on their phone, and may change it or take it
back while input is open; the projector and the phones show the lines as a wall, without names (the
room hears the round; the wall is to read back). The facilitator can take a line off the wall.
docs/activities-check-in.md describes it.

Events (to everyone): ``check_in.line`` {session_id, id, text} when a line is new or changed,
``check_in.gone`` {session_id, id} when its author takes it back or the facilitator takes it off.
Snapshot part and live query ``check_in``: {lines: [{id, session_id, text}], mine: {session_id: id}}.
"""
from __future__ import annotations

from facilitator.db import now, row, rows
from facilitator.domain import events, programme
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound
from facilitator.domain.events import Actor

ACTIVITY = "check_in"
MAX_TEXT = 140  # one line


def _session(db, actor: Actor, data: dict) -> dict:
    s = programme.get_session(db, actor.conference_id, v.integer(data.get("session_id"), "session_id", minimum=1))
    if s["activity"] != ACTIVITY:
        raise DomainError("not_check_in", N_("This session is not a check-in."), field="session_id")
    return s


def say(db, actor: Actor, data: dict):
    """A participant's line for the session (``session_id``, ``text``): new, or in place of their last."""
    s = _session(db, actor, data)
    text = " ".join(v.text(data.get("text"), "text", max_len=MAX_TEXT, multiline=True).split())
    stamp = now()
    mine = row(db, "select id from check_in_lines where session_id = ? and participant_id = ?", [s["id"], actor.participant_id])
    if mine:
        db["check_in_lines"].update(mine["id"], {"text": text, "hidden": 0, "updated_at": stamp})
        line_id = mine["id"]
    else:
        line_id = db["check_in_lines"].insert({"conference_id": actor.conference_id, "session_id": s["id"],
                                               "participant_id": actor.participant_id, "text": text, "hidden": 0,
                                               "created_at": stamp, "updated_at": stamp}).last_pk
    data = {"session_id": s["id"], "id": line_id, "text": text}
    return data, [events.append(db, actor.conference_id, "check_in.line", data, actor=actor)]


def _line(db, actor: Actor, line_id) -> dict:
    line = row(db, "select * from check_in_lines where id = ? and conference_id = ? and hidden = 0",
               [v.integer(line_id, "id", minimum=1), actor.conference_id])
    if not line:
        raise NotFound("line")
    return line


def take_back(db, actor: Actor, data: dict):
    """The author takes their line (``id``) back."""
    line = _line(db, actor, data.get("id"))
    if line["participant_id"] != actor.participant_id:
        raise NotFound("line")  # someone else's line: as if it were not there
    db.execute("delete from check_in_lines where id = ?", [line["id"]])
    return _gone(db, actor, line)


def hide(db, actor: Actor, data: dict):
    """The facilitator takes a line (``id``) off the wall (off the phones, the report and the sheet too)."""
    line = _line(db, actor, data.get("id"))
    db["check_in_lines"].update(line["id"], {"hidden": 1, "updated_at": now()})
    return _gone(db, actor, line)


def _gone(db, actor: Actor, line: dict):
    data = {"session_id": line["session_id"], "id": line["id"]}
    return data, [events.append(db, actor.conference_id, "check_in.gone", data, actor=actor)]


def state(db, actor: Actor) -> dict:
    """Every line on the walls, without names; a participant's own lines by session."""
    found = rows(db, "select id, session_id, text, participant_id from check_in_lines "
                     "where conference_id = ? and hidden = 0 order by id", [actor.conference_id])
    mine = {str(x["session_id"]): x["id"] for x in found if actor.participant_id and x["participant_id"] == actor.participant_id}
    return {"lines": [{"id": x["id"], "session_id": x["session_id"], "text": x["text"]} for x in found], "mine": mine}


# --- the report and the sheet (domain/reporting.py) ------------------------------------------------

def _shown(db, cid: int) -> list[dict]:
    return rows(db, """
        select l.text, l.session_id, l.created_at, l.updated_at, s.title as session, g.name as grp
        from check_in_lines l join sessions s on s.id = l.session_id
        left join participants p on p.id = l.participant_id
        left join stakeholder_groups g on g.id = p.stakeholder_group_id
        where l.conference_id = ? and l.hidden = 0 order by s.position, s.id, l.id""", [cid])


def report(r) -> list[dict]:
    """The lines of each check-in session, without names."""
    from facilitator.domain import activities
    from facilitator.domain import reporting as rp

    _ = r.gettext
    found = _shown(r.db, r.cid)
    if not found:
        return []
    out = [rp.heading(_(activities.BY_NAME[ACTIVITY].label), 1),
           rp.para(_("What people brought to the day, in one line each (without names)."))]
    sessions = list(dict.fromkeys((x["session_id"], x["session"]) for x in found))
    for sid, title in sessions:
        if len(sessions) > 1:
            out.append(rp.heading(title, 2))
        out.append(rp.bullets(x["text"] for x in found if x["session_id"] == sid))
    return out


def sheet(db, cid: int):
    """check_in.csv: the lines with their session and stakeholder group, never a name."""
    columns = ["session", "text", "stakeholder_group", "created_at", "updated_at"]
    return columns, [[x["session"], x["text"], x["grp"] or "", x["created_at"], x["updated_at"]] for x in _shown(db, cid)]
