"""Timeline review: each mixed table reads one timeline and records its story and what it means
for the task. The table's members write (its recorder types, the table sees it live); the
projector shows the reports one table at a time, chosen by the facilitator."""
from __future__ import annotations

from facilitator.db import now, row, rows
from facilitator.domain import conferences, events, focus, tables, timelines
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, Forbidden, NotFound, ValidationError
from facilitator.domain.events import Actor

MAX_TEXT = 2000
FIELDS = ("story", "implications")
FOCUS = "timeline_review"


def tabling_id(db, conference_id: int) -> int | None:
    """The tables of the review: those set on the (current, else first) review session, else the latest."""
    session = row(
        db,
        "select s.tabling_id from sessions s left join conferences c on c.current_session_id = s.id "
        "where s.conference_id = ? and s.activity = 'timeline_review' order by c.id is null, s.id limit 1",
        [conference_id],
    )
    if session and session["tabling_id"]:
        return session["tabling_id"]
    latest = tables.latest_tabling(db, conference_id)
    return latest["id"] if latest else None


def _table(db, actor: Actor, table_id) -> dict:
    table_id = v.integer(table_id, "table_id", minimum=1)
    t = row(db, "select t.* from tables t join tablings tb on tb.id = t.tabling_id where t.id = ? and tb.conference_id = ?",
            [table_id, actor.conference_id])
    if not t:
        raise NotFound("table")
    return t


def _report(db, conference_id: int, table: dict) -> dict:
    r = row(db, "select * from timeline_reviews where table_id = ?", [table["id"]])
    n_lenses = len(timelines.lenses(conferences.get(db, conference_id)))
    return {
        "table_id": table["id"], "number": table["number"], "name": table["name"],
        "lens": r["lens"] if r else (table["number"] - 1) % n_lenses,
        "story": r["story"] if r else "", "implications": r["implications"] if r else "",
        "version": r["version"] if r else 0,
    }


def _save(db, actor: Actor, table: dict, values: dict) -> list[dict]:
    current = _report(db, actor.conference_id, table)
    merged = {**current, **values}
    db.execute(
        "insert into timeline_reviews (table_id, conference_id, lens, story, implications, version, updated_at) "
        "values (?, ?, ?, ?, ?, 1, ?) on conflict(table_id) do update set lens = excluded.lens, story = excluded.story, "
        "implications = excluded.implications, version = timeline_reviews.version + 1, updated_at = excluded.updated_at",
        [table["id"], actor.conference_id, merged["lens"], merged["story"], merged["implications"], now()],
    )
    report = _report(db, actor.conference_id, table)
    # The table's draft goes to the table (and facilitators), and to the projector for the report back.
    return [events.append(db, actor.conference_id, "review.report", report, audience=f"table:{table['id']}", actor=actor),
            events.append(db, actor.conference_id, "review.report", report, audience="presenters", actor=actor)]


def write(db, actor: Actor, data: dict):
    """A table member writes the story and/or the implications (whole text of each field)."""
    actor.require_participant()
    table = _table(db, actor, data.get("table_id"))
    if not row(db, "select 1 from table_members where table_id = ? and participant_id = ?", [table["id"], actor.participant_id]):
        raise Forbidden(N_("Only people at this table can write its report."))
    values = {f: v.text(data[f], f, max_len=MAX_TEXT, required=False) for f in FIELDS if f in data}
    if not values:
        raise ValidationError("story", N_("Write the story or what it means."))
    # The fields are shared texts (facilitator.domain.shared_texts): a whole new text becomes one
    # change to the field's document, which merges with what others at the table type meanwhile.
    from facilitator.domain import shared_texts

    doc_events = []  # per field: doc.update to the table, review.report to the projector
    for f, value in values.items():
        doc_events += shared_texts.set_text(db, actor, f"timeline:{table['id']}:{f}", value)[1]
    report = _report(db, actor.conference_id, table)
    return report, [events.append(db, actor.conference_id, "review.report", report, audience=f"table:{table['id']}",
                                  actor=actor), *doc_events]


def assign(db, actor: Actor, data: dict):
    """The facilitator gives a table the timeline (lens) it reads."""
    actor.require_staff()
    table = _table(db, actor, data.get("table_id"))
    lens = v.integer(data.get("lens"), "lens", minimum=0, maximum=len(timelines.lenses(conferences.get(db, actor.conference_id))) - 1)
    new_events = _save(db, actor, table, {"lens": lens})
    return new_events[0]["data"], new_events


def show(db, actor: Actor, data: dict):
    """The facilitator puts one table's report on the projector (or none: ``table_id`` null)."""
    actor.require_staff()
    table_id = None if data.get("table_id") is None else _table(db, actor, data.get("table_id"))["id"]
    event = focus.set_focus(db, actor, FOCUS, table_id, "review.show")
    return {"table_id": table_id}, [event]


def state(db, actor: Actor) -> dict:
    tid = tabling_id(db, actor.conference_id)
    all_tables = rows(db, "select * from tables where tabling_id = ? order by number", [tid]) if tid else []
    if actor.role == "participant":
        mine = {r["table_id"] for r in rows(db, "select table_id from table_members where participant_id = ?", [actor.participant_id])}
        visible = [t for t in all_tables if t["id"] in mine]
    else:
        visible = all_tables
    return {
        "tabling_id": tid,
        "tables": [{"table_id": t["id"], "number": t["number"], "name": t["name"]} for t in all_tables],
        "reports": [_report(db, actor.conference_id, t) for t in visible],
        "showing": focus.get(db, actor.conference_id, FOCUS),
    }


# --- the report (domain/reporting.py) --------------------------------------------------------------

def report(r) -> list[dict]:
    """Each mixed table's story of the timelines and what it means for the task."""
    from facilitator.domain import reporting as rp

    _ = r.gettext
    found = rows(r.db, "select r.*, tb.number, tb.name from timeline_reviews r join tables tb on tb.id = r.table_id "
                       "where r.conference_id = ? order by tb.number", [r.cid])
    if not found:
        return []
    lenses = timelines.state(r.db, r.staff)["lenses"]
    out = [rp.heading(_("The tables' stories"), 2)]
    for t in found:
        lens = lenses[t["lens"]] if 0 <= t["lens"] < len(lenses) else ""
        out.append(rp.heading(_("Table") + f" {t['number']} ({r.lens_label(lens)})", 3))
        if t["story"]:
            out += [rp.label(_("Story")), rp.para(t["story"])]
        if t["implications"]:
            out += [rp.label(_("What it means for our task")), rp.para(t["implications"])]
    return out
