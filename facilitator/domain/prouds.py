"""Prouds and sorries, per stakeholder group: what we are proud of, and what we are sorry about, in
how we deal with the task now. Members add and edit together; the lists carry no names.
The projector shows group after group, as the facilitator steps through them."""
from __future__ import annotations

from facilitator.db import now, row, rows
from facilitator.domain import events, focus, shared_texts
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound
from facilitator.domain.events import Actor

KINDS = ("proud", "sorry")
MAX_TEXT = 300
MAX_ITEMS = 100
FOCUS = "prouds_sorries"


def items(db, group_id: int) -> dict:
    found = rows(db, "select id, kind, text from prouds where group_id = ? order by id", [group_id])
    return {"group_id": group_id, "items": found}


def _announce(db, actor: Actor, group_id: int) -> list[dict]:
    data = items(db, group_id)
    return [events.append(db, actor.conference_id, "proud.list", data, audience=f"group:{group_id}", actor=actor),
            events.append(db, actor.conference_id, "proud.list", data, audience="presenters", actor=actor)]


def _item(db, actor: Actor, item_id) -> dict:
    item_id = v.integer(item_id, "id", minimum=1)
    item = row(db, "select * from prouds where id = ? and conference_id = ?", [item_id, actor.conference_id])
    if not item:
        raise NotFound("item")
    focus.require_group_member(db, actor, item["group_id"])
    return item


def add(db, actor: Actor, data: dict):
    gid = focus.group_id_from(db, actor, data)
    focus.require_group_member(db, actor, gid)
    kind = v.choice(data.get("kind"), "kind", KINDS)
    text = v.text(data.get("text"), "text", max_len=MAX_TEXT)
    if row(db, "select count(*) n from prouds where group_id = ?", [gid])["n"] >= MAX_ITEMS:
        raise DomainError("too_many", N_("Your group's lists are full."))
    stamp = now()
    item_id = db["prouds"].insert({"conference_id": actor.conference_id, "group_id": gid, "kind": kind, "text": text,
                                   "participant_id": actor.participant_id, "created_at": stamp, "updated_at": stamp}).last_pk
    out = _announce(db, actor, gid)
    return {"id": item_id, **out[0]["data"]}, out


def edit(db, actor: Actor, data: dict):
    """A whole new wording (and/or kind) for one item. The wording is a shared text
    (facilitator.domain.shared_texts, ``prouds:<id>:text``, typed live with ``doc.update``): a whole
    new text becomes one change to it, which merges with what others type meanwhile."""
    item = _item(db, actor, data.get("id"))
    text = v.text(data.get("text"), "text", max_len=MAX_TEXT)
    values = {"updated_at": now()}
    if "kind" in data:
        values["kind"] = v.choice(data.get("kind"), "kind", KINDS)
    db["prouds"].update(item["id"], values)
    doc_events = shared_texts.set_text(db, actor, f"prouds:{item['id']}:text", text)[1]
    out = [*doc_events, *_announce(db, actor, item["group_id"])]
    return {"id": item["id"], **out[-2]["data"]}, out


def remove(db, actor: Actor, data: dict):
    item = _item(db, actor, data.get("id"))
    db.execute("delete from prouds where id = ?", [item["id"]])
    shared_texts.forget(db, "prouds", item["id"])
    out = _announce(db, actor, item["group_id"])
    return {"id": item["id"], **out[0]["data"]}, out


def show(db, actor: Actor, data: dict):
    return focus.show_group(db, actor, data, FOCUS, "proud.show")


def state(db, actor: Actor) -> dict:
    return focus.per_group_state(db, actor, items, FOCUS, "lists")


# --- the report (domain/reporting.py) --------------------------------------------------------------

def report(r) -> list[dict]:
    """Each stakeholder group's prouds and sorries."""
    from facilitator.domain import activities
    from facilitator.domain import reporting as rp

    _ = r.gettext
    lists = [(g, items(r.db, g["id"])["items"]) for g in r.groups()]
    lists = [(g, found) for g, found in lists if found]
    if not lists:
        return []
    out = [rp.heading(_(activities.BY_NAME["prouds_sorries"].label), 2)]
    for g, found in lists:
        out.append(rp.heading(g["name"], 3))
        for kind, label in (("proud", _("Proud of")), ("sorry", _("Sorry about"))):
            texts = [i["text"] for i in found if i["kind"] == kind]
            if texts:
                out += [rp.label(label), rp.bullets(texts)]
    return out
