"""Actions: what a goal's action group will do.

An action has what, who (a lead and members: participants or organisations), when (a date, or a
horizon: short or long term), how (resources, what is needed), and the neighbourhoods it concerns.
The members of the goal's action group, and the facilitators, edit the goal's actions together.
``status`` is kept for the follow-up (planned, under way, done, stalled, stopped).
"""
from __future__ import annotations

import json

from facilitator.db import now, row, rows, transaction
from facilitator.domain import events, goals
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound, ValidationError
from facilitator.domain.events import Actor

MAX_WHAT = 300
MAX_HOW = 2000
MAX_PEOPLE = 40
MAX_ACTIONS_PER_GOAL = 50
HORIZONS = ("short", "long")
STATUSES = ("planned", "under_way", "done", "stalled", "stopped")
ROLES = ("lead", "member")
FIELDS = ("what", "how", "when_date", "horizon", "neighbourhoods", "people")
TEXTS = ("what", "how")  # the shared texts among them


def get(db, conference_id: int, action_id) -> dict:
    a = row(db, "select * from actions where id = ? and conference_id = ?", [goals.whole_id(action_id, "action_id"), conference_id])
    if not a:
        raise NotFound("action")
    return a


def people(db, action_id: int) -> list[dict]:
    return [
        {"participant_id": p["participant_id"], "organisation": p["organisation"], "role": p["role"]}
        for p in rows(db, "select * from action_people where action_id = ? order by role = 'member', position, id",
                      [action_id])
    ]


def public(db, action: dict) -> dict:
    """An action as events, snapshots and the plan carry it."""
    out = {k: action[k] for k in ("id", "goal_id", "what", "how", "when_date", "horizon", "status", "position",
                                  "created_by", "created_at", "updated_at")}
    out["neighbourhoods"] = json.loads(action["neighbourhoods"])
    out["people"] = people(db, action["id"])
    return out


def for_goal(db, goal_id: int) -> list[dict]:
    return [public(db, a) for a in rows(db, "select * from actions where goal_id = ? order by position, id", [goal_id])]


# --- cleaning input -----------------------------------------------------------------------

def clean_people(db, conference_id: int, value) -> list[dict]:
    """[{participant_id: n} or {organisation: "name"}, with role lead|member]; one entry per person."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError("people", N_("%(name)s must be a list."), name="people")
    if len(value) > MAX_PEOPLE:
        raise ValidationError("people", N_("%(name)s has too many items (at most %(max)d)."), name="people", max=MAX_PEOPLE)
    out, seen = [], set()
    for i, entry in enumerate(value):
        field = f"people[{i}]"
        if not isinstance(entry, dict):
            raise ValidationError(field, N_("%(name)s must be an object."), name=field)
        role = v.choice(entry.get("role", "member"), field + ".role", ROLES)
        pid, org = entry.get("participant_id"), entry.get("organisation")
        if (pid is None) == (org in (None, "")):
            raise ValidationError(field, N_("Name either a participant or an organisation."))
        if pid is not None:
            pid = v.integer(pid, field + ".participant_id", minimum=1)
            if not row(db, "select 1 from participants where id = ? and conference_id = ?", [pid, conference_id]):
                raise NotFound("participant")
            key = ("p", pid)
        else:
            org = v.text(org, field + ".organisation", max_len=160)
            key = ("o", org.lower())
        if key in seen:
            raise ValidationError(field, N_("This person or organisation is named twice."))
        seen.add(key)
        out.append({"participant_id": pid, "organisation": "" if pid is not None else org, "role": role})
    return out


def clean(db, conference_id: int, data: dict, *, partial: bool = False) -> dict:
    tags = goals.conference_tags(db, conference_id)
    cleaners = {
        "what": lambda x: v.text(x, "what", max_len=MAX_WHAT),
        "how": lambda x: v.text(x, "how", max_len=MAX_HOW, required=False),
        "when_date": lambda x: None if x in (None, "") else v.date(x, "when_date"),
        "horizon": lambda x: None if x in (None, "") else v.choice(x, "horizon", HORIZONS),
        "neighbourhoods": lambda x: goals.tag_list(x, "neighbourhoods", tags["neighbourhoods"]),
        "people": lambda x: clean_people(db, conference_id, x),
    }
    return goals.clean_fields(cleaners, data, partial)


def _write(db, action_id: int, values: dict) -> None:
    people_list = values.pop("people", None)
    if "neighbourhoods" in values:
        values["neighbourhoods"] = json.dumps(values["neighbourhoods"], ensure_ascii=False)
    if values:
        db["actions"].update(action_id, values)
    if people_list is not None:
        db.execute("delete from action_people where action_id = ?", [action_id])
        for i, p in enumerate(people_list):
            db["action_people"].insert({"action_id": action_id, "position": i, **p})


# --- changes ------------------------------------------------------------------------------

def create(db, actor: Actor, data: dict):
    """A new action for a goal, by a member of its action group or a facilitator."""
    cid = actor.conference_id
    goal = goals.get(db, cid, data.get("goal_id"))
    goals.require_member(db, actor, goal["id"])
    values = clean(db, cid, data)
    stamp = now()
    with transaction(db):
        last = row(db, "select count(*) n, coalesce(max(position), -1) p from actions where goal_id = ?", [goal["id"]])
        if last["n"] >= MAX_ACTIONS_PER_GOAL:
            raise DomainError("too_many", N_("A goal can have at most %(max)d actions."), max=MAX_ACTIONS_PER_GOAL)
        aid = db["actions"].insert({
            "conference_id": cid, "goal_id": goal["id"], "what": values["what"], "position": last["p"] + 1,
            "created_by": actor.participant_id, "created_at": stamp, "updated_at": stamp,
        }).last_pk
        _write(db, aid, {k: val for k, val in values.items() if k != "what"})
        action = public(db, get(db, cid, aid))
        event = events.append(db, cid, "action.created", {"action": action}, actor=actor)
    return {"action": action}, [event]


def update(db, actor: Actor, data: dict):
    """Change any of what, how, when, horizon, neighbourhoods, people (the list replaces the old one)."""
    cid = actor.conference_id
    action = get(db, cid, data.get("action_id"))
    goals.require_member(db, actor, action["goal_id"])
    values = clean(db, cid, {k: val for k, val in data.items() if k in FIELDS}, partial=True)
    with transaction(db):
        # What and how are shared texts (facilitator.domain.shared_texts, ``action:<id>:what``, typed
        # live with ``doc.update``): a whole new text becomes one change to each, merged with what
        # others of the action group type meanwhile.
        from facilitator.domain import shared_texts

        doc_events = []
        for field in TEXTS:
            if field in values:
                doc_events += shared_texts.set_text(db, actor, f"action:{action['id']}:{field}", values.pop(field))[1]
        _write(db, action["id"], {**values, "updated_at": now()})
        action = public(db, get(db, cid, action["id"]))
        event = events.append(db, cid, "action.updated", {"action": action}, actor=actor)
    return {"action": action}, [*doc_events, event]


def delete(db, actor: Actor, data: dict):
    cid = actor.conference_id
    action = get(db, cid, data.get("action_id"))
    goals.require_member(db, actor, action["goal_id"])
    with transaction(db):
        db.execute("delete from actions where id = ?", [action["id"]])
        out = {"action_id": action["id"], "goal_id": action["goal_id"]}
        event = events.append(db, cid, "action.deleted", out, actor=actor)
    return out, [event]


# --- the sheet (domain/reporting.py) ---------------------------------------------------------------

def sheet(db, cid: int):
    """actions.csv: every action with its goal, leads and members (as the sheet may name them)."""
    from facilitator.domain.reporting import shown_name

    columns = ["goal_id", "goal", "action_id", "what", "leads", "members", "when", "horizon", "how", "neighbourhoods",
               "status", "updated_at"]
    found = rows(db, """
        select g.id as goal_id, g.title as goal, a.* from actions a join goals g on g.id = a.goal_id
        where a.conference_id = ? order by g.position, g.id, a.position, a.id""", [cid])
    people: dict = {}
    ids = [r["id"] for r in found]
    for p in rows(db, f"""
        select ap.action_id, ap.role, ap.organisation, p.name, p.hide_name, p.organisation as p_org
        from action_people ap left join participants p on p.id = ap.participant_id
        where ap.action_id in ({','.join('?' * len(ids))}) order by ap.position, ap.id""", ids) if ids else []:
        who = p["organisation"] if p["name"] is None else (shown_name(p) or p["p_org"] or "")
        people.setdefault((p["action_id"], p["role"]), []).append(who)
    return columns, [[r["goal_id"], r["goal"], r["id"], r["what"], "; ".join(people.get((r["id"], "lead"), [])),
                      "; ".join(people.get((r["id"], "member"), [])), r["when_date"] or "", r["horizon"] or "",
                      r["how"] or "", "; ".join(json.loads(r["neighbourhoods"] or "[]")), r["status"], r["updated_at"]]
                     for r in found]
