"""The conference's neighbourhoods and themes, edited by the organiser: add, rename, remove, and a code
per neighbourhood (CSV and GeoJSON files may name a neighbourhood by its code, e.g. a CBS code).

A rename follows the tag everywhere it is used, in the same transaction: the goals' themes and
neighbourhoods, the actions' neighbourhoods, the neighbourhood's indicator values, its code and its
boundary. A removal takes the tag off goals and actions and drops the neighbourhood's indicator values,
code and boundary. Each goal or action that changes gets its ``goal.updated`` / ``action.updated`` event,
so open plan screens follow; ``tags.changed`` carries the new lists.

Change functions take ``(db, actor, data)`` and return ``(result, [events])`` like every live mutation.
The broad-prosperity themes (goals.PROSPERITY_THEMES) are fixed and not edited here.
"""
from __future__ import annotations

import json

from facilitator.db import now, row, rows, transaction
from facilitator.domain import actions, events, goals
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound, ValidationError
from facilitator.domain.events import Actor

KINDS = ("neighbourhoods", "themes")
MAX_NAME = 100
MAX_CODE = 40
MAX_ITEMS = {"neighbourhoods": 500, "themes": 200}


def _kind(value) -> str:
    return v.choice(value, "kind", KINDS)


def names(db, conference_id: int, kind: str) -> list[str]:
    c = row(db, f"select {_kind(kind)} from conferences where id = ?", [conference_id])
    if not c:
        raise NotFound("conference")
    return json.loads(c[kind])


def codes(db, conference_id: int) -> dict[str, str]:
    """neighbourhood name -> its code (only those that have one)."""
    return {r["neighbourhood"]: r["code"] for r in rows(
        db, "select neighbourhood, code from neighbourhood_codes where conference_id = ? order by neighbourhood",
        [conference_id])}


def usage(db, conference_id: int, kind: str) -> dict[str, dict]:
    """Per tag: how many goals, actions (and for neighbourhoods indicator values) carry it."""
    out = {n: {"goals": 0, "actions": 0, "values": 0} for n in names(db, conference_id, kind)}
    for g in rows(db, f"select {kind} from goals where conference_id = ?", [conference_id]):
        for tag in json.loads(g[kind]):
            if tag in out:
                out[tag]["goals"] += 1
    if kind == "neighbourhoods":
        for a in rows(db, "select neighbourhoods from actions where conference_id = ?", [conference_id]):
            for tag in json.loads(a["neighbourhoods"]):
                if tag in out:
                    out[tag]["actions"] += 1
        for r in rows(db, "select neighbourhood, count(*) n from indicator_values where conference_id = ? "
                          "group by neighbourhood", [conference_id]):
            if r["neighbourhood"] in out:
                out[r["neighbourhood"]]["values"] = r["n"]
    return out


def _clean_name(value, field="name") -> str:
    name = v.text(value, field, max_len=MAX_NAME)
    if "\n" in name or "\r" in name:
        raise ValidationError(field, N_("%(name)s must be one line."), name=field)
    return name


def _clean_code(db, conference_id: int, value, neighbourhood: str | None) -> str:
    code = v.text(value, "code", max_len=MAX_CODE, required=False)
    if not code:
        return ""
    taken = row(db, "select neighbourhood from neighbourhood_codes where conference_id = ? and code = ? collate nocase",
                [conference_id, code])
    if taken and taken["neighbourhood"] != neighbourhood:
        raise ValidationError("code", N_("The code %(value)s is already used for %(other)s."), value=code,
                              other=taken["neighbourhood"])
    if code.lower() in (n.lower() for n in names(db, conference_id, "neighbourhoods") if n != neighbourhood):
        raise ValidationError("code", N_("The code %(value)s is the name of another neighbourhood."), value=code)
    return code


def _save_list(db, conference_id: int, kind: str, values: list[str]) -> None:
    db.execute(f"update conferences set {kind} = ?, updated_at = ? where id = ?",
               [json.dumps(values, ensure_ascii=False), now(), conference_id])


def _tags_event(db, actor: Actor) -> dict:
    return events.append(db, actor.conference_id, "tags.changed",
                         {"tags": goals.conference_tags(db, actor.conference_id)}, actor=actor)


def _set_code(db, conference_id: int, neighbourhood: str, code: str) -> None:
    db.execute("delete from neighbourhood_codes where conference_id = ? and neighbourhood = ?",
               [conference_id, neighbourhood])
    if code:
        db.execute("insert into neighbourhood_codes (conference_id, neighbourhood, code) values (?, ?, ?)",
                   [conference_id, neighbourhood, code])


def add(db, actor: Actor, data: dict):
    """A new neighbourhood or theme at the end of the list (a neighbourhood may bring its code)."""
    actor.require_staff()
    cid = actor.conference_id
    kind = _kind(data.get("kind"))
    name = _clean_name(data.get("name"))
    current = names(db, cid, kind)
    if name.lower() in (n.lower() for n in current):
        raise ValidationError("name", N_("%(value)s is already in the list."), value=name)
    if kind == "themes" and name in goals.PROSPERITY_THEMES:
        raise ValidationError("name", N_("%(value)s is already a broad-prosperity theme."), value=name)
    if len(current) >= MAX_ITEMS[kind]:
        raise ValidationError("name", N_("The list is full (at most %(max)d)."), max=MAX_ITEMS[kind])
    code = _clean_code(db, cid, data.get("code"), None) if kind == "neighbourhoods" else ""
    if kind == "neighbourhoods" and code.lower() == name.lower():
        code = ""
    with transaction(db):
        _save_list(db, cid, kind, current + [name])
        if code:
            _set_code(db, cid, name, code)
        event = _tags_event(db, actor)
    return {"kind": kind, "name": name}, [event]


def set_code(db, actor: Actor, data: dict):
    """Give a neighbourhood a code, or none (empty)."""
    actor.require_staff()
    cid = actor.conference_id
    name = data.get("name")
    if name not in names(db, cid, "neighbourhoods"):
        raise NotFound("neighbourhood")
    code = _clean_code(db, cid, data.get("code"), name)
    with transaction(db):
        _set_code(db, cid, name, code)
    return {"name": name, "code": code}, []


def _replace(tags: list[str], old: str, new: str | None) -> list[str]:
    out = []
    for t in tags:
        t = new if t == old else t
        if t is not None and t not in out:
            out.append(t)
    return out


def _retag(db, actor: Actor, kind: str, old: str, new: str | None) -> list[dict]:
    """Replace (or drop, with new None) a tag on every goal and action; their events."""
    cid = actor.conference_id
    out = []
    stamp = now()
    for g in rows(db, f"select id, {kind} from goals where conference_id = ?", [cid]):
        tags = json.loads(g[kind])
        if old in tags:
            db.execute(f"update goals set {kind} = ?, updated_at = ? where id = ?",
                       [json.dumps(_replace(tags, old, new), ensure_ascii=False), stamp, g["id"]])
            out.append(events.append(db, cid, "goal.updated", {"goal": goals.public(goals.get(db, cid, g["id"]))},
                                     actor=actor))
    if kind == "neighbourhoods":
        for a in rows(db, "select id, neighbourhoods from actions where conference_id = ?", [cid]):
            tags = json.loads(a["neighbourhoods"])
            if old in tags:
                db.execute("update actions set neighbourhoods = ?, updated_at = ? where id = ?",
                           [json.dumps(_replace(tags, old, new), ensure_ascii=False), stamp, a["id"]])
                out.append(events.append(db, cid, "action.updated",
                                         {"action": actions.public(db, actions.get(db, cid, a["id"]))}, actor=actor))
    return out


def rename(db, actor: Actor, data: dict):
    """Rename a neighbourhood or theme; goals, actions, indicator values and boundaries follow."""
    actor.require_staff()
    cid = actor.conference_id
    kind = _kind(data.get("kind"))
    old = data.get("name")
    current = names(db, cid, kind)
    if old not in current:
        raise NotFound("neighbourhood" if kind == "neighbourhoods" else "theme")
    new = _clean_name(data.get("new_name"), "new_name")
    if new == old:
        raise DomainError("unchanged", N_("Nothing to change."), field="new_name")
    if new.lower() in (n.lower() for n in current if n != old):
        raise ValidationError("new_name", N_("%(value)s is already in the list."), value=new)
    if kind == "themes" and new in goals.PROSPERITY_THEMES:
        raise ValidationError("new_name", N_("%(value)s is already a broad-prosperity theme."), value=new)
    if kind == "neighbourhoods":
        taken = row(db, "select neighbourhood from neighbourhood_codes where conference_id = ? and code = ? collate nocase",
                    [cid, new])
        if taken and taken["neighbourhood"] != old:
            raise ValidationError("new_name", N_("%(value)s is the code of another neighbourhood."), value=new)
    with transaction(db):
        _save_list(db, cid, kind, [new if n == old else n for n in current])
        changed = _retag(db, actor, kind, old, new)
        if kind == "neighbourhoods":
            for table in ("indicator_values", "neighbourhood_codes"):
                db.execute(f"update {table} set neighbourhood = ? where conference_id = ? and neighbourhood = ?",
                           [new, cid, old])
            _rename_boundary(db, cid, old, new)
        changed.append(_tags_event(db, actor))
    return {"kind": kind, "name": old, "new_name": new}, changed


def remove(db, actor: Actor, data: dict):
    """Remove a neighbourhood or theme: off every goal and action; a neighbourhood's indicator values,
    code and boundary go with it."""
    actor.require_staff()
    cid = actor.conference_id
    kind = _kind(data.get("kind"))
    name = data.get("name")
    current = names(db, cid, kind)
    if name not in current:
        raise NotFound("neighbourhood" if kind == "neighbourhoods" else "theme")
    with transaction(db):
        _save_list(db, cid, kind, [n for n in current if n != name])
        changed = _retag(db, actor, kind, name, None)
        if kind == "neighbourhoods":
            for table in ("indicator_values", "neighbourhood_codes"):
                db.execute(f"delete from {table} where conference_id = ? and neighbourhood = ?", [cid, name])
            _rename_boundary(db, cid, name, None)
        changed.append(_tags_event(db, actor))
    return {"kind": kind, "name": name}, changed


def _rename_boundary(db, conference_id: int, old: str, new: str | None) -> None:
    r = row(db, "select id, geojson from neighbourhood_boundaries where conference_id = ?", [conference_id])
    if not r:
        return
    data = json.loads(r["geojson"])
    features = []
    for f in data["features"]:
        if f["properties"]["neighbourhood"] == old:
            if new is None:
                continue
            f["properties"]["neighbourhood"] = new
        features.append(f)
    data["features"] = features
    db.execute("update neighbourhood_boundaries set geojson = ? where id = ?", [json.dumps(data), r["id"]])
