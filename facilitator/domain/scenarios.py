"""The desired future: a scenario board per mixed table, presented to the room.

A board has the conference's future year, a title, the story (as if it already happened), the
key features (notes) and the barriers that were overcome. The people at the table edit it
together; other tables cannot see it until the facilitator opens the presentations: until then
every event about a board goes to that table only (and to facilitators), and snapshots leave the
other boards out. Then the projector shows one board after the other and everyone can say a
board resonates with them (one per person per board: the applause count).
"""
from __future__ import annotations

from facilitator.db import now, row, rows
from facilitator.domain import events, validate as v
from facilitator.domain.errors import N_, DomainError, Forbidden, NotFound, ValidationError

FIELDS = {"title": 120, "story": 5000, "barriers": 2000}
MAX_FEATURE = 200
MAX_FEATURES = 40


# --- mixed tables ----------------------------------------------------------------------

def active_tabling_id(db, conference_id: int) -> int | None:
    """The tables in use: the current session's tabling, or else the latest one."""
    current = row(
        db,
        "select s.tabling_id from conferences c join sessions s on s.id = c.current_session_id where c.id = ?",
        [conference_id],
    )
    if current and current["tabling_id"]:
        return current["tabling_id"]
    latest = row(db, "select id from tablings where conference_id = ? order by id desc limit 1", [conference_id])
    return latest["id"] if latest else None


def tables(db, conference_id: int) -> list[dict]:
    tabling_id = active_tabling_id(db, conference_id)
    if tabling_id is None:
        return []
    return rows(db, "select id, number, name from tables where tabling_id = ? order by number", [tabling_id])


def seated_table(db, actor) -> dict | None:
    """The participant's table in the tables in use."""
    if actor.role != "participant":
        return None
    tabling_id = active_tabling_id(db, actor.conference_id)
    return row(
        db,
        "select t.id, t.number, t.name from table_members tm join tables t on t.id = tm.table_id "
        "where tm.tabling_id = ? and tm.participant_id = ?",
        [tabling_id, actor.participant_id],
    )


def get_table(db, conference_id: int, table_id: int) -> dict:
    t = row(db, "select t.id, t.number, t.name from tables t join tablings tb on tb.id = t.tabling_id "
                "where t.id = ? and tb.conference_id = ?", [table_id, conference_id])
    if not t:
        raise NotFound("table")
    return t


def table_for(db, actor, data) -> dict:
    """The table a change is about: a participant's own; a facilitator names it."""
    if actor.role == "participant":
        mine = seated_table(db, actor)
        if not mine:
            raise DomainError("no_table", N_("You are not seated at a table yet."))
        if data.get("table_id") not in (None, mine["id"]):
            raise Forbidden(N_("You can only work on your own table."))
        return mine
    actor.require_staff()
    return get_table(db, actor.conference_id, v.integer(data.get("table_id"), "table_id", minimum=1))


# --- boards ----------------------------------------------------------------------------

def presentation(db, conference_id: int) -> dict:
    r = row(db, "select * from scenario_presentations where conference_id = ?", [conference_id])
    return {"open": bool(r and r["open"]), "current_table_id": r["current_table_id"] if r else None}


def _board_row(db, conference_id: int, table_id: int) -> dict:
    b = row(db, "select * from scenarios where table_id = ?", [table_id])
    if not b:
        db["scenarios"].insert({"conference_id": conference_id, "table_id": table_id, "updated_at": now()})
        b = row(db, "select * from scenarios where table_id = ?", [table_id])
    return b


def board(db, table: dict, b: dict | None) -> dict:
    """A board as shown: empty fields for a table that has not started."""
    out = {"table_id": table["id"], "table_number": table["number"], "table_name": table["name"],
           "id": None, "title": "", "story": "", "barriers": "", "features": [], "reactions": 0}
    if b:
        out.update(id=b["id"], title=b["title"], story=b["story"], barriers=b["barriers"])
        out["features"] = rows(db, "select id, text from scenario_features where scenario_id = ? order by position, id",
                               [b["id"]])
        out["reactions"] = row(db, "select count(*) n from scenario_reactions where scenario_id = ?", [b["id"]])["n"]
    return out


def boards(db, conference_id: int, table_ids=None) -> list[dict]:
    found = rows(db, "select * from scenarios where conference_id = ?", [conference_id])
    by_table = {b["table_id"]: b for b in found}
    return [board(db, t, by_table.get(t["id"])) for t in tables(db, conference_id)
            if table_ids is None or t["id"] in table_ids]


def get(db, conference_id: int, scenario_id: int) -> dict:
    b = row(db, "select * from scenarios where id = ? and conference_id = ?", [scenario_id, conference_id])
    if not b:
        raise NotFound("scenario")
    return b


def _audience(db, conference_id: int, table_id: int) -> str:
    return "all" if presentation(db, conference_id)["open"] else f"table:{table_id}"


def _changed(db, actor, table: dict, kind: str, data: dict) -> dict:
    db.execute("update scenarios set updated_at = ? where table_id = ?", [now(), table["id"]])
    return events.append(db, actor.conference_id, kind, {"table_id": table["id"], **data},
                         audience=_audience(db, actor.conference_id, table["id"]), actor=actor)


def update(db, actor, data) -> tuple[dict, list]:
    """Set one field of the board (title, story, barriers) to a whole new text. The fields are shared
    texts (facilitator.domain.shared_texts): the new text becomes a change to the field's document,
    which merges with what others type at the same time (``doc.update``, which clients use)."""
    from facilitator.domain import shared_texts

    table = table_for(db, actor, data)
    name = v.choice(data.get("field"), "field", tuple(FIELDS))
    value = v.text(data.get("value"), "value", max_len=FIELDS[name], required=False)
    value, doc_events = shared_texts.set_text(db, actor, f"scenario:{table['id']}:{name}", value)
    return {"field": name, "value": value}, doc_events + [
        _changed(db, actor, table, "scenario.updated", {"field": name, "value": value})]


def add_feature(db, actor, data) -> tuple[dict, list]:
    table = table_for(db, actor, data)
    text = v.text(data.get("text"), "text", max_len=MAX_FEATURE)
    b = _board_row(db, actor.conference_id, table["id"])
    n = row(db, "select count(*) n, coalesce(max(position), -1) + 1 p from scenario_features where scenario_id = ?", [b["id"]])
    if n["n"] >= MAX_FEATURES:
        raise ValidationError("text", N_("A board has at most %(max)d key features."), max=MAX_FEATURES)
    fid = db["scenario_features"].insert({"scenario_id": b["id"], "text": text, "position": n["p"], "created_at": now()}).last_pk
    feature = {"id": fid, "text": text}
    return feature, [_changed(db, actor, table, "scenario.feature_added", {"feature": feature})]


def _feature(db, actor, data) -> tuple[dict, dict]:
    fid = v.integer(data.get("feature_id"), "feature_id", minimum=1)
    f = row(db, "select f.id, s.table_id from scenario_features f join scenarios s on s.id = f.scenario_id "
                "where f.id = ? and s.conference_id = ?", [fid, actor.conference_id])
    if not f:
        raise NotFound("feature")
    table = table_for(db, actor, {"table_id": f["table_id"]} if actor.is_staff else data)
    if table["id"] != f["table_id"]:
        raise NotFound("feature")
    return f, table


def edit_feature(db, actor, data) -> tuple[dict, list]:
    f, table = _feature(db, actor, data)
    text = v.text(data.get("text"), "text", max_len=MAX_FEATURE)
    db.execute("update scenario_features set text = ? where id = ?", [text, f["id"]])
    feature = {"id": f["id"], "text": text}
    return feature, [_changed(db, actor, table, "scenario.feature_changed", {"feature": feature})]


def remove_feature(db, actor, data) -> tuple[dict, list]:
    f, table = _feature(db, actor, data)
    db.execute("delete from scenario_features where id = ?", [f["id"]])
    return {"id": f["id"]}, [_changed(db, actor, table, "scenario.feature_removed", {"feature_id": f["id"]})]


# --- presentations ---------------------------------------------------------------------

def _set_presentation(db, conference_id: int, **values) -> None:
    db.execute("insert or ignore into scenario_presentations (conference_id) values (?)", [conference_id])
    db["scenario_presentations"].update(conference_id, values)


def open_presentations(db, actor, data) -> tuple[dict, list]:
    """Show every board to the room; the first table that wrote a scenario goes on the projector
    (a table with an empty board is skipped; when no table wrote anything, the first table)."""
    actor.require_staff()
    cid = actor.conference_id
    all_boards = boards(db, cid)
    if not all_boards:
        raise DomainError("no_tables", N_("There are no mixed tables yet."))
    written = [b for b in all_boards if b["title"] or b["story"] or b["barriers"] or b["features"]]
    current = presentation(db, cid)["current_table_id"] or (written or all_boards)[0]["table_id"]
    _set_presentation(db, cid, open=1, current_table_id=current, opened_at=now())
    payload = {"open": True, "current_table_id": current, "boards": all_boards}
    return {"open": True}, [events.append(db, cid, "scenario.presentations", payload, actor=actor)]


def close_presentations(db, actor, data) -> tuple[dict, list]:
    """Back to work at the tables: each table sees only its own board again."""
    actor.require_staff()
    _set_presentation(db, actor.conference_id, open=0)
    return {"open": False}, [events.append(db, actor.conference_id, "scenario.presentations", {"open": False},
                                           actor=actor)]


def _presented_table(db, actor, data, closed_message: str) -> dict:
    if not presentation(db, actor.conference_id)["open"]:
        raise DomainError("presentations_closed", closed_message)
    return get_table(db, actor.conference_id, v.integer(data.get("table_id"), "table_id", minimum=1))


def present(db, actor, data) -> tuple[dict, list]:
    """Put one table's board on the projector."""
    actor.require_staff()
    cid = actor.conference_id
    table = _presented_table(db, actor, data, N_("Open the presentations first."))
    _set_presentation(db, cid, current_table_id=table["id"])
    return {"table_id": table["id"]}, [events.append(db, cid, "scenario.presenting", {"table_id": table["id"]}, actor=actor)]


def react(db, actor, data) -> tuple[dict, list]:
    """"This resonates with me" on a presented board; sending it again takes it back."""
    actor.require_participant()
    cid = actor.conference_id
    table = _presented_table(db, actor, data, N_("The scenarios are not being presented yet."))
    b = _board_row(db, cid, table["id"])
    if row(db, "select 1 from scenario_reactions where scenario_id = ? and participant_id = ?", [b["id"], actor.participant_id]):
        db.execute("delete from scenario_reactions where scenario_id = ? and participant_id = ?", [b["id"], actor.participant_id])
        reacted = False
    else:
        db.execute("insert into scenario_reactions (scenario_id, participant_id, created_at) values (?, ?, ?)",
                   [b["id"], actor.participant_id, now()])
        reacted = True
    count = row(db, "select count(*) n from scenario_reactions where scenario_id = ?", [b["id"]])["n"]
    return {"table_id": table["id"], "reacted": reacted, "reactions": count}, [
        events.append(db, cid, "scenario.reactions", {"table_id": table["id"], "reactions": count}, actor=actor)]


def state(db, actor) -> dict:
    """The snapshot part. Before the presentations open a participant sees only their own board."""
    cid = actor.conference_id
    pres = presentation(db, cid)
    mine = seated_table(db, actor)
    if actor.is_staff or pres["open"]:
        visible = boards(db, cid)
    elif mine:
        visible = boards(db, cid, {mine["id"]})
    else:
        visible = []
    out = {"future_year": row(db, "select future_year from conferences where id = ?", [cid])["future_year"],
           **pres, "my_table": mine, "boards": visible,
           "tables": tables(db, cid)}
    if actor.role == "participant":
        out["my_reactions"] = [r["table_id"] for r in rows(
            db, "select s.table_id from scenario_reactions r join scenarios s on s.id = r.scenario_id "
                "where r.participant_id = ?", [actor.participant_id])]
    return out


# --- the report (domain/reporting.py) --------------------------------------------------------------

def report(r) -> list[dict]:
    """Each mixed table's desired future: its title, story, barriers overcome and features."""
    from facilitator.domain import reporting as rp

    _ = r.gettext
    found = rows(r.db, "select * from scenarios where conference_id = ? order by table_id", [r.cid])
    shown = [board(r.db, get_table(r.db, r.cid, b["table_id"]), b) for b in found]
    shown = [b for b in shown if b["title"] or b["story"] or b["features"]]
    if not shown:
        return []
    out = [rp.heading(_("The desired future"), 1)]
    for b in sorted(shown, key=lambda b: b["table_number"]):
        out.append(rp.heading(_("Table") + f" {b['table_number']}" + (f": {b['title']}" if b["title"] else ""), 2))
        if b["story"]:
            out.append(rp.para(b["story"]))
        if b["barriers"]:
            out += [rp.label(_("Barriers overcome")), rp.para(b["barriers"])]
        if b["features"]:
            out += [rp.label(_("Features")), rp.bullets(f["text"] for f in b["features"])]
    return out
