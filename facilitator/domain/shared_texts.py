"""Which texts are written together, and the rules for each: the one registry of shared texts.

A shared text is a CRDT document (:mod:`facilitator.domain.documents`) named
``<kind>:<ref_id>:<field>``. Each kind says which fields it has (and their maximum length), which
table its ``ref_id`` points at (so a backup restored elsewhere remaps it), and, through its
``target`` function, for one actor and one text: whether they may read it or write it (raising
Forbidden / NotFound / a DomainError when frozen), the audience of its events, its current plain
text and how the merged text is written back to the column every other reader uses.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from facilitator.db import now
from facilitator.domain import documents, events, room
from facilitator.domain.errors import N_, DomainError, Forbidden, NotFound
from facilitator.domain.events import one


@dataclass
class Target:
    audience: str
    text: str  # the plain text as stored now
    write_back: Callable[[str], list | None]  # stores the merged text; may return more events to send
    while_input_open: bool = False  # a participant's live edit is refused while input is closed


@dataclass(frozen=True)
class Kind:
    name: str
    fields: dict[str, int]  # field -> maximum length
    references: str  # the table that ref_id points at
    target: Callable  # (db, actor, ref_id, field, write: bool) -> Target


KINDS: dict[str, Kind] = {}


def register(name: str, fields: dict[str, int], references: str):
    def decorator(fn):
        KINDS[name] = Kind(name, fields, references, fn)
        return fn

    return decorator


def resolve(db, actor, doc_key, *, write: bool) -> tuple[Kind, str, int, str, Target]:
    kind_name, ref_id, field = documents.parse_key(doc_key)
    kind = KINDS.get(kind_name)
    if kind is None or field not in kind.fields:
        raise NotFound("shared text")
    return kind, kind_name, ref_id, field, kind.target(db, actor, ref_id, field, write)


def references() -> dict[str, str]:
    """kind -> the table its ref_id points at (for the backup's remapping)."""
    return {k.name: k.references for k in KINDS.values()}


# --- the live operations ------------------------------------------------------------------------

def _event(db, actor, doc_key: str, audience: str, update: str):
    def append(text: str) -> dict:
        return events.append(db, actor.conference_id, "doc.update", {"doc": doc_key, "update": update, "text": text},
                             audience=audience, actor=actor)

    return append


def update(db, actor, data) -> tuple[dict, list]:
    """``doc.update``: merge one Yjs update into a shared text (``{"doc", "update"}``, base64)."""
    kind, name, ref_id, field, target = resolve(db, actor, data.get("doc"), write=True)
    if target.while_input_open and not actor.is_staff and not room.input_open(db, actor.conference_id):
        raise DomainError("input_closed", N_("Input is closed at the moment."))
    raw = documents.decode_update(data.get("update"))
    doc_key = documents.key(name, ref_id, field)
    text, event = documents.apply_update(db, actor.conference_id, name, ref_id, field, raw,
                                         max_len=kind.fields[field], initial=target.text,
                                         event_for=_event(db, actor, doc_key, target.audience, data["update"]))
    return {"doc": doc_key, "length": len(text)}, [event, *(target.write_back(text) or [])]


def set_text(db, actor, doc_key: str, value: str) -> tuple[str, list]:
    """A whole new text (a form, an older client's ``scenario.update``) as a change to the document."""
    kind, name, ref_id, field, target = resolve(db, actor, doc_key, write=True)
    raw = documents.change_to(db, actor.conference_id, name, ref_id, field, value, initial=target.text)
    if raw is None:
        return value, []
    doc_key = documents.key(name, ref_id, field)
    update = documents.b64(raw)
    text, event = documents.apply_update(db, actor.conference_id, name, ref_id, field, raw,
                                         max_len=kind.fields[field], initial=target.text,
                                         event_for=_event(db, actor, doc_key, target.audience, update))
    return text, [event, *(target.write_back(text) or [])]


def state(db, actor, data) -> dict:
    """Query ``doc.state``: the document (all, or what state vector ``vector`` lacks) and its text."""
    kind, name, ref_id, field, target = resolve(db, actor, data.get("doc"), write=False)
    vector = data.get("vector")
    raw_vector = documents.decode_update(vector, "vector") if vector else None
    try:
        out = documents.state(db, actor.conference_id, name, ref_id, field, initial=target.text, vector=raw_vector)
    except ValueError:
        raise DomainError("invalid", N_("The state vector is not valid."), field="vector")
    return {"doc": documents.key(name, ref_id, field), "max_length": kind.fields[field], **out}


def audience_for_presence(db, actor, doc_key) -> str:
    """Who sees that someone types in this text (only people who may write it may say so)."""
    return resolve(db, actor, doc_key, write=True)[4].audience


def scrub(db, actor, conference_id: int, pattern, replacement: str) -> list[dict]:
    """On erasure: the name replaced in every document, the change sent to whoever may see it."""
    out = []
    for r, update, text in documents.scrub(db, conference_id, pattern, replacement):
        kind = KINDS.get(r["kind"])
        if kind is None:
            continue
        try:
            target = kind.target(db, None, r["ref_id"], r["field"], False)
        except DomainError:
            continue
        out.extend(target.write_back(text) or [])
        out.append(events.append(db, conference_id, "doc.update",
                                 {"doc": documents.key(r["kind"], r["ref_id"], r["field"]), "update": update,
                                  "text": text}, audience=target.audience, actor=actor))
    return out


# --- the kinds ----------------------------------------------------------------------------------

# One read for everything a keystroke needs to know about a board (it runs for every update).
_SCENARIO = """
select t.id, tb.conference_id cid, sc.title, sc.story, sc.barriers,
       coalesce((select open from scenario_presentations where conference_id = tb.conference_id), 0) open,
       t.tabling_id = coalesce((select s.tabling_id from conferences c join sessions s on s.id = c.current_session_id
                                where c.id = tb.conference_id),
                               (select max(id) from tablings where conference_id = tb.conference_id)) in_use,
       exists (select 1 from table_members where table_id = t.id and participant_id = :pid) seated
from tables t join tablings tb on tb.id = t.tabling_id left join scenarios sc on sc.table_id = t.id
where t.id = :table and (:cid is null or tb.conference_id = :cid)"""


@register("scenario", {"title": 120, "story": 5000, "barriers": 2000}, references="tables")
def _scenario(db, actor, table_id: int, field: str, write: bool) -> Target:
    """A mixed table's scenario board (facilitator.domain.scenarios): the people at the table (in
    the tables in use) write it, and facilitators; before the presentations open only that table
    (and the facilitators) may read it. ``actor`` None: the system itself (erasure)."""
    b = one(db, _SCENARIO, {"table": table_id, "cid": actor.conference_id if actor else None,
                            "pid": actor.participant_id if actor else None})
    if not b:
        raise NotFound("table")
    mine = actor is not None and actor.role == "participant" and b["seated"] and b["in_use"]
    if actor is not None and not actor.is_staff:
        if write and not mine:
            raise Forbidden(N_("You can only work on your own table."))
        if not write and not (mine or b["open"]):
            raise Forbidden(N_("You can only work on your own table."))
    cid = b["cid"]

    def write_back(text: str) -> None:
        stamp = now()
        if not db.conn.execute(f"update scenarios set {field} = ?, updated_at = ? where table_id = ?",
                               [text, stamp, table_id]).rowcount:
            events.insert(db, "scenarios", {"conference_id": cid, "table_id": table_id, field: text, "updated_at": stamp})

    return Target("all" if b["open"] else f"table:{table_id}", b[field] or "", write_back)


@register("timeline", {"story": 2000, "implications": 2000}, references="tables")
def _timeline_review(db, actor, table_id: int, field: str, write: bool) -> Target:
    """A mixed table's timeline review (facilitator.domain.timeline_reviews): the people at the table
    write it while input is open (as review.write); the table, the facilitators and the projector read it. The
    projector and the cockpit follow it through ``review.report`` (to ``presenters``), as before."""
    from facilitator.domain import timeline_reviews

    b = one(db, "select t.id, t.number, t.name, tb.conference_id cid, r.story, r.implications, "
                "exists (select 1 from table_members where table_id = t.id and participant_id = :pid) seated "
                "from tables t join tablings tb on tb.id = t.tabling_id left join timeline_reviews r on r.table_id = t.id "
                "where t.id = :table and (:cid is null or tb.conference_id = :cid)",
            {"table": table_id, "cid": actor.conference_id if actor else None,
             "pid": actor.participant_id if actor else None})
    if not b:
        raise NotFound("table")
    if actor is not None:
        if write:
            actor.require_participant()
            if not b["seated"]:
                raise Forbidden(N_("Only people at this table can write its report."))
        elif not (actor.is_staff or actor.role == "presenter" or b["seated"]):
            raise Forbidden(N_("Only people at this table can write its report."))
    table = {"id": table_id, "number": b["number"], "name": b["name"]}

    def write_back(text: str) -> list:
        current = timeline_reviews._report(db, b["cid"], table)
        db.conn.execute(
            "insert into timeline_reviews (table_id, conference_id, lens, story, implications, version, updated_at) "
            f"values (?, ?, ?, ?, ?, 1, ?) on conflict(table_id) do update set {field} = excluded.{field}, "
            "version = timeline_reviews.version + 1, updated_at = excluded.updated_at",
            [table_id, b["cid"], current["lens"], *(text if f == field else current[f] for f in ("story", "implications")),
             now()])
        report = timeline_reviews._report(db, b["cid"], table)
        return [events.append(db, b["cid"], "review.report", report, audience="presenters", actor=actor)]

    return Target(f"table:{table_id}", b[field] or "", write_back, while_input_open=True)
