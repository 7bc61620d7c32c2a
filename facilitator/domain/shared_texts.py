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


def resolve(db, actor, doc_key, *, write: bool, system: bool = False) -> tuple[Kind, str, int, str, Target]:
    """The kind, name, ref_id, field and target of a text; ``system``: the server's own change (a
    merge of two trends, an erasure), which asks nobody's rights (the target gets ``actor`` None)."""
    kind_name, ref_id, field = documents.parse_key(doc_key)
    kind = KINDS.get(kind_name)
    if kind is None or field not in kind.fields:
        raise NotFound("shared text")
    return kind, kind_name, ref_id, field, kind.target(db, None if system else actor, ref_id, field, write)


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


def set_text(db, actor, doc_key: str, value: str, *, system: bool = False) -> tuple[str, list]:
    """A whole new text (a form, an older client's ``scenario.update``) as a change to the document.
    ``system``: a change the server makes itself (rights already checked by the caller)."""
    kind, name, ref_id, field, target = resolve(db, actor, doc_key, write=True, system=system)
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


def forget(db, kind: str, ref_id: int) -> None:
    """The row a kind's texts belong to is gone (a key trend taken off, an item deleted): its
    documents go with it (inside the caller's transaction)."""
    documents.forget(db, kind, ref_id)


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


def _group_member(db, actor, group_id: int) -> bool:
    """Whether ``actor`` is a participant in stakeholder group ``group_id`` now."""
    return (actor is not None and actor.role == "participant"
            and bool(one(db, "select 1 from participants where id = ? and stakeholder_group_id = ?",
                         [actor.participant_id, group_id])))


def _group_rights(db, actor, group_id: int, write: bool, message: str) -> None:
    """A stakeholder group's sheet: its members write it; they, facilitators and the projector read it."""
    if actor is None:
        return
    member = _group_member(db, actor, group_id)
    if write and not member:
        raise Forbidden(message)
    if not write and not (member or actor.is_staff or actor.role == "presenter"):
        raise Forbidden(message)


@register("trend_response", {"now": 1500, "want": 1500}, references="trend_responses")
def _trend_response(db, actor, response_id: int, field: str, write: bool) -> Target:
    """One key trend on a stakeholder group's response sheet (facilitator.domain.trend_responses):
    ``ref_id`` is the row's own id (m016), which stands for the pair group x trend. The group's
    members write it while input is open; they, the facilitators and the projector read it; the
    cockpit and the projector follow the sheet (``response.sheet`` to ``presenters``)."""
    from facilitator.domain import trend_responses

    r = one(db, "select r.id, r.group_id, r.now_text, r.want_text, g.conference_id cid from trend_responses r "
                "join stakeholder_groups g on g.id = r.group_id where r.id = :id and (:cid is null or g.conference_id = :cid)",
            {"id": response_id, "cid": actor.conference_id if actor else None})
    if not r:
        raise NotFound("key trend")
    _group_rights(db, actor, r["group_id"], write, N_("Only members of this group can change its sheet."))
    column = trend_responses.FIELDS[field]

    def write_back(text: str) -> list:
        db.conn.execute(f"update trend_responses set {column} = ?, updated_at = ? where id = ?", [text, now(), response_id])
        s = trend_responses.sheet(db, r["group_id"])
        return [events.append(db, r["cid"], "response.sheet", s, audience="presenters", actor=actor)]

    return Target(f"group:{r['group_id']}", r[column] or "", write_back, while_input_open=True)


@register("prouds", {"text": 300}, references="prouds")
def _proud(db, actor, item_id: int, field: str, write: bool) -> Target:
    """One item of a stakeholder group's prouds and sorries (facilitator.domain.prouds). Each item is
    its own shared text (not the list as one document): items are added, removed and counted one by
    one, each keeps its kind, and only an item's wording is typed in together. The group's members
    write it while input is open; the lists (``proud.list``) follow every change, to the group (whose
    other phones show the item as text) and to the projector."""
    from facilitator.domain import prouds

    r = one(db, "select id, group_id, conference_id cid, text from prouds where id = :id and (:cid is null or conference_id = :cid)",
            {"id": item_id, "cid": actor.conference_id if actor else None})
    if not r:
        raise NotFound("item")
    _group_rights(db, actor, r["group_id"], write, N_("Only members of this group can change its sheet."))

    def write_back(text: str) -> list:
        db.conn.execute("update prouds set text = ?, updated_at = ? where id = ?", [text, now(), item_id])
        data = prouds.items(db, r["group_id"])
        return [events.append(db, r["cid"], "proud.list", data, audience=f"group:{r['group_id']}", actor=actor),
                events.append(db, r["cid"], "proud.list", data, audience="presenters", actor=actor)]

    return Target(f"group:{r['group_id']}", r["text"] or "", write_back, while_input_open=True)


@register("common_ground", {"text": 280}, references="common_ground_candidates")
def _candidate(db, actor, candidate_id: int, field: str, write: bool) -> Target:
    """The wording of a common-ground candidate (facilitator.domain.common_ground): the people at its
    table write it (and facilitators) until it goes into a theme; from then on it is frozen (the theme
    is what the room confirms) and an edit is refused, as ``cg.candidate.edit`` refuses it. Its table
    and the facilitators read it."""
    from facilitator.domain import common_ground

    c = one(db, "select id, conference_id cid, table_id, theme_id, text from common_ground_candidates "
                "where id = :id and (:cid is null or conference_id = :cid)",
            {"id": candidate_id, "cid": actor.conference_id if actor else None})
    if not c:
        raise NotFound("candidate")
    if actor is not None and not actor.is_staff:
        seated = actor.role == "participant" and c["table_id"] and one(
            db, "select 1 from table_members where table_id = ? and participant_id = ?", [c["table_id"], actor.participant_id])
        if not seated:
            raise Forbidden(N_("You can only change your own table's candidates."))
    if write and actor is not None and not actor.is_staff and c["theme_id"]:
        raise DomainError("merged", N_("This candidate is already part of a theme."))

    def write_back(text: str) -> list:
        db.conn.execute("update common_ground_candidates set text = ?, updated_at = ? where id = ?", [text, now(), candidate_id])
        view = common_ground.candidate_view(common_ground.get_candidate(db, c["cid"], candidate_id))
        out = [events.append(db, c["cid"], "cg.candidate.changed", {"candidate": view},
                             audience=common_ground._candidate_audience(c), actor=actor)]
        if c["theme_id"]:  # a facilitator's correction of a candidate in a theme: the theme shows it too
            t = common_ground.get_theme(db, c["cid"], c["theme_id"])
            out.append(events.append(db, c["cid"], "cg.theme.changed", {"theme": common_ground.theme_view(db, t, staff=False)},
                                     audience=common_ground._theme_audience(t), actor=actor))
        return out

    return Target(common_ground._candidate_audience(c), c["text"] or "", write_back)


def _goal_rights(db, actor, goal_id: int, write: bool) -> None:
    """A goal's texts: the members of its action group write them, and the facilitators; the whole
    conference reads them (the plan is everyone's)."""
    from facilitator.domain import goals

    if actor is not None and write and not goals.can_edit(db, actor, goal_id):
        raise Forbidden(N_("Only the people in this action group may do this."))


@register("goal", {"description": 2000}, references="goals")
def _goal(db, actor, goal_id: int, field: str, write: bool) -> Target:
    """A goal's description (facilitator.domain.goals); ``goal.updated`` follows every change."""
    from facilitator.domain import goals

    g = one(db, "select id, conference_id cid, description from goals where id = :id and (:cid is null or conference_id = :cid)",
            {"id": goal_id, "cid": actor.conference_id if actor else None})
    if not g:
        raise NotFound("goal")
    _goal_rights(db, actor, goal_id, write)

    def write_back(text: str) -> list:
        db.conn.execute("update goals set description = ?, updated_at = ? where id = ?", [text, now(), goal_id])
        goal = goals.public(goals.get(db, g["cid"], goal_id))
        return [events.append(db, g["cid"], "goal.updated", {"goal": goal}, actor=actor)]

    return Target("all", g["description"] or "", write_back)


@register("action", {"what": 300, "how": 2000}, references="actions")
def _action(db, actor, action_id: int, field: str, write: bool) -> Target:
    """An action's what and how (facilitator.domain.actions): the goal's action group writes them,
    and the facilitators; ``action.updated`` follows every change."""
    from facilitator.domain import actions

    a = one(db, "select id, goal_id, conference_id cid, what, how from actions where id = :id and (:cid is null or conference_id = :cid)",
            {"id": action_id, "cid": actor.conference_id if actor else None})
    if not a:
        raise NotFound("action")
    _goal_rights(db, actor, a["goal_id"], write)

    def write_back(text: str) -> list:
        db.conn.execute(f"update actions set {field} = ?, updated_at = ? where id = ?", [text, now(), action_id])
        action = actions.public(db, actions.get(db, a["cid"], action_id))
        return [events.append(db, a["cid"], "action.updated", {"action": action}, actor=actor)]

    return Target("all", a[field] or "", write_back)
