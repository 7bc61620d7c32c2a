"""Trend response, per stakeholder group: the group picks its key trends from the map and writes,
for each, what it does about it now and what it wants to do. Members of the group edit their own
sheet together (live); facilitators and the projector see every sheet.

A sheet carries ``our_dots``: the trends the group's own members put dots on, most dots first, so
the group picks from its own priorities. Saving a text answers with ``saved`` (a message key the
phone shows: "Saved. Your group sees it.")."""
from __future__ import annotations

from facilitator.db import now, row, rows
from facilitator.domain import events, focus, shared_texts
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound
from facilitator.domain.events import Actor
from facilitator.domain.trends import get_node

MAX_KEY_TRENDS = 8
MAX_TEXT = 1500
FIELDS = {"now": "now_text", "want": "want_text"}
FOCUS = "trend_response"
SAVED = N_("Saved. Your group sees it.")


def our_dots(db, group_id: int) -> list[dict]:
    """The trends this group's members put dots on (every dot vote), most dots first."""
    return rows(
        db,
        "select d.trend_id, t.text as trend, sum(d.count) as dots from dots d join participants p on p.id = d.participant_id "
        "join trends t on t.id = d.trend_id where p.stakeholder_group_id = ? group by d.trend_id "
        "order by dots desc, t.position, t.id",
        [group_id],
    )


def sheet(db, group_id: int) -> dict:
    found = rows(
        db,
        "select r.id, r.trend_id, t.text as trend, r.now_text, r.want_text from trend_responses r "
        "join trends t on t.id = r.trend_id where r.group_id = ? order by r.position, r.trend_id",
        [group_id],
    )
    # ``id``: the row's own id, which names its shared texts (``trend_response:<id>:now``).
    return {"group_id": group_id,
            "rows": [{"id": r["id"], "trend_id": r["trend_id"], "trend": r["trend"], "now": r["now_text"], "want": r["want_text"]}
                     for r in found],
            "our_dots": our_dots(db, group_id)}


def announce(db, actor: Actor, group_id: int) -> list[dict]:
    s = sheet(db, group_id)
    return [events.append(db, actor.conference_id, "response.sheet", s, audience=f"group:{group_id}", actor=actor),
            events.append(db, actor.conference_id, "response.sheet", s, audience="presenters", actor=actor)]


def _member_group(db, actor: Actor, data: dict) -> int:
    gid = focus.group_id_from(db, actor, data)
    focus.require_group_member(db, actor, gid)
    return gid


def pick(db, actor: Actor, data: dict):
    """Add a key trend to the group's sheet."""
    gid = _member_group(db, actor, data)
    trend = get_node(db, actor.conference_id, data.get("trend_id"), "trend_id")
    if row(db, "select 1 from trend_responses where group_id = ? and trend_id = ?", [gid, trend["id"]]):
        raise DomainError("already_picked", N_("This trend is already on your sheet."), field="trend_id")
    n = row(db, "select count(*) n, coalesce(max(position), -1) + 1 p from trend_responses where group_id = ?", [gid])
    if n["n"] >= MAX_KEY_TRENDS:
        raise DomainError("too_many", N_("Pick at most %(max)d key trends."), field="trend_id", max=MAX_KEY_TRENDS)
    db["trend_responses"].insert({"group_id": gid, "trend_id": trend["id"], "position": n["p"], "updated_at": now()})
    out = announce(db, actor, gid)
    return out[0]["data"], out


def unpick(db, actor: Actor, data: dict):
    gid = _member_group(db, actor, data)
    trend_id = v.integer(data.get("trend_id"), "trend_id", minimum=1)
    found = row(db, "select id from trend_responses where group_id = ? and trend_id = ?", [gid, trend_id])
    if not found:
        raise NotFound("key trend")
    db.execute("delete from trend_responses where id = ?", [found["id"]])
    shared_texts.forget(db, "trend_response", found["id"])  # what was written about it goes too
    out = announce(db, actor, gid)
    return out[0]["data"], out


def write(db, actor: Actor, data: dict):
    """Save one field ("now" or "want") of one key trend as a whole text (a form, an older client).
    The fields are shared texts (facilitator.domain.shared_texts, ``trend_response:<id>:<field>``,
    edited live with ``doc.update``): the whole text becomes one change to the document, which
    merges with what others in the group type meanwhile."""
    gid = _member_group(db, actor, data)
    trend_id = v.integer(data.get("trend_id"), "trend_id", minimum=1)
    field = v.choice(data.get("field"), "field", tuple(FIELDS))
    text = v.text(data.get("text"), "text", max_len=MAX_TEXT, required=False)
    found = row(db, "select id from trend_responses where group_id = ? and trend_id = ?", [gid, trend_id])
    if not found:
        raise NotFound("key trend")
    doc_events = shared_texts.set_text(db, actor, f"trend_response:{found['id']}:{field}", text)[1]
    out = announce(db, actor, gid)
    return {**out[0]["data"], "saved": SAVED}, [*doc_events, *out]


def show(db, actor: Actor, data: dict):
    """The facilitator puts one group's sheet large on the projector (null: all sheets)."""
    return focus.show_group(db, actor, data, FOCUS, "response.show")


def state(db, actor: Actor) -> dict:
    return focus.per_group_state(db, actor, sheet, FOCUS, "sheets")


# --- the report (domain/reporting.py) --------------------------------------------------------------

def report(r) -> list[dict]:
    """Each stakeholder group's sheet: the trend, what we do now, what we want to do."""
    from facilitator.domain import reporting as rp

    _ = r.gettext
    sheets = [(g, sheet(r.db, g["id"])) for g in r.groups()]
    sheets = [(g, s) for g, s in sheets if s["rows"]]
    if not sheets:
        return []
    out = [rp.heading(_("Trend responses"), 2)]
    for g, s in sheets:
        out += [rp.heading(g["name"], 3),
                rp.table([_("Trend"), _("What we do now"), _("What we want to do")],
                         [[x["trend"], x["now"], x["want"]] for x in s["rows"]], widths=[4.5, 6, 6])]
    return out
