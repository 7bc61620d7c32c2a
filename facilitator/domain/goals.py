"""Goals and self-selected action groups.

The facilitator creates goals (from a confirmed common-ground statement, keeping the link, or from
scratch). Participants choose the goal they want to work on; while the choice is open they can move.
A person is in one action group at a time unless the facilitator allows more. Each goal names one or
more leads; a lead is always a member of the goal (``goal_members.is_lead``).

Every change function takes ``(db, actor, data)`` and returns ``(result, [events])`` so the live
pipeline can register it as it is; called directly it opens its own transaction. Events carry ids,
never names: the names live in one place (participants) so that blanking a name later leaves no copy.
"""
from __future__ import annotations

import json

from facilitator.db import now, row, rows, transaction
from facilitator.domain import events
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, Forbidden, NotFound, ValidationError
from facilitator.domain.events import Actor

MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_GOALS = 100

# Broad prosperity ("brede welvaart") themes, offered as tags next to the conference's own themes.
PROSPERITY_THEMES = (
    N_("Well-being"), N_("Safety"), N_("Mobility"), N_("Social cohesion"), N_("Ecosystems"), N_("Culture"),
    N_("Health"), N_("Material prosperity"), N_("Work and leisure"), N_("Environment and climate"),
)


# --- reading ------------------------------------------------------------------------------

def conference_tags(db, conference_id: int) -> dict:
    """The tags a goal or action may carry: the conference's themes, the broad-prosperity themes and
    the conference's neighbourhoods."""
    c = row(db, "select themes, neighbourhoods from conferences where id = ?", [conference_id])
    if not c:
        raise NotFound("conference")
    return {"themes": json.loads(c["themes"]), "prosperity": list(PROSPERITY_THEMES),
            "neighbourhoods": json.loads(c["neighbourhoods"])}


def decode(goal: dict) -> dict:
    out = dict(goal)
    out["themes"] = json.loads(out["themes"])
    out["neighbourhoods"] = json.loads(out["neighbourhoods"])
    return out


def public(goal: dict) -> dict:
    """A goal as events and snapshots carry it (no members, no actions)."""
    g = decode(goal) if isinstance(goal.get("themes"), str) else goal
    return {k: g[k] for k in ("id", "title", "description", "themes", "neighbourhoods", "source_kind",
                              "common_ground_id", "position", "created_at", "updated_at")}


def get(db, conference_id: int, goal_id) -> dict:
    g = row(db, "select * from goals where id = ? and conference_id = ?", [whole_id(goal_id, "goal_id"), conference_id])
    if not g:
        raise NotFound("goal")
    return decode(g)


def list_for(db, conference_id: int) -> list[dict]:
    return [decode(g) for g in rows(db, "select * from goals where conference_id = ? order by position, id",
                                    [conference_id])]


def members(db, goal_id: int) -> list[dict]:
    """The action group: participant id, stakeholder group and whether they lead, leads first."""
    return rows(
        db,
        "select m.participant_id, m.is_lead, m.joined_at, p.stakeholder_group_id as group_id "
        "from goal_members m join participants p on p.id = m.participant_id "
        "where m.goal_id = ? order by m.is_lead desc, m.joined_at, m.participant_id",
        [goal_id],
    )


def member_of(db, goal_id: int, participant_id: int) -> dict | None:
    return row(db, "select * from goal_members where goal_id = ? and participant_id = ?", [goal_id, participant_id])


def goals_of(db, conference_id: int, participant_id: int) -> list[int]:
    return [r["goal_id"] for r in rows(
        db, "select m.goal_id from goal_members m join goals g on g.id = m.goal_id "
            "where g.conference_id = ? and m.participant_id = ? order by m.joined_at", [conference_id, participant_id])]


def choice(db, conference_id: int) -> dict:
    """Whether people may still choose or change their action group, and whether one may join several."""
    r = row(db, "select is_open, allow_multiple from action_choice where conference_id = ?", [conference_id])
    return {"open": bool(r["is_open"]) if r else True, "allow_multiple": bool(r["allow_multiple"]) if r else False}


def after_conference(db, conference_id: int) -> bool:
    """The café is on: the organiser opened the café link, or the current session is a café or review
    meeting (phase ``follow_up``). Then the conference's live choice of action groups no longer
    applies: anyone in the conference may join or leave a goal, and joining one goal keeps a person in
    the others (after the conference people work on several goals)."""
    r = row(db, "select coalesce((select cafe_open from follow_up_settings where conference_id = :c), 0) cafe, "
                "(select s.phase from conferences c join sessions s on s.id = c.current_session_id where c.id = :c) phase",
            {"c": conference_id})
    return bool(r and (r["cafe"] or r["phase"] == "follow_up"))


def can_edit(db, actor: Actor, goal_id: int) -> bool:
    """Staff, and the members of the goal's action group, edit the goal's actions."""
    return actor.is_staff or (actor.role == "participant" and member_of(db, goal_id, actor.participant_id) is not None)


def require_member(db, actor: Actor, goal_id: int) -> None:
    if not can_edit(db, actor, goal_id):
        raise Forbidden(N_("Only the people in this action group may do this."))


# --- cleaning input -----------------------------------------------------------------------

def tag_list(value, field: str, allowed: list[str]) -> list[str]:
    """A list of tags, each one of ``allowed``; duplicates dropped, order kept."""
    values = v.string_list(value, field, max_items=40, max_len=100)
    out = []
    for i, tag in enumerate(values):
        if tag not in allowed:
            raise ValidationError(f"{field}[{i}]", N_("'%(value)s' is not one of this conference's tags."), value=tag)
        if tag not in out:
            out.append(tag)
    return out


def clean(db, conference_id: int, data: dict, *, partial: bool = False) -> dict:
    tags = conference_tags(db, conference_id)
    cleaners = {
        "title": lambda x: v.text(x, "title", max_len=MAX_TITLE),
        "description": lambda x: v.text(x, "description", max_len=MAX_DESCRIPTION, required=False),
        "themes": lambda x: tag_list(x, "themes", tags["themes"] + tags["prosperity"]),
        "neighbourhoods": lambda x: tag_list(x, "neighbourhoods", tags["neighbourhoods"]),
    }
    return clean_fields(cleaners, data, partial)


def clean_fields(cleaners: dict, data: dict, partial: bool) -> dict:
    """Run each field's cleaner; with ``partial`` only on the fields given (at least one)."""
    out = {}
    for key, fn in cleaners.items():
        if partial and key not in data:
            continue
        out[key] = fn(data.get(key))
    if partial and not out:
        raise DomainError("invalid", N_("Nothing to change."))
    return out


def whole_id(value, field: str) -> int:
    """An id sent by a client: a whole number (not text, not true/false)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, N_("%(name)s must be a whole number."), name=field)
    return value


def _encode(values: dict) -> dict:
    return {k: json.dumps(val, ensure_ascii=False) if k in ("themes", "neighbourhoods") else val
            for k, val in values.items()}


def _participant_id(db, actor: Actor, data: dict) -> int:
    """Whose membership changes: a participant changes their own; staff may name anyone."""
    if actor.role == "participant":
        if data.get("participant_id") not in (None, actor.participant_id):
            raise Forbidden(N_("You can only choose a group for yourself."))
        return actor.participant_id
    actor.require_staff()
    pid = v.integer(data.get("participant_id"), "participant_id", minimum=1)
    if not row(db, "select 1 from participants where id = ? and conference_id = ?", [pid, actor.conference_id]):
        raise NotFound("participant")
    return pid


# --- goals --------------------------------------------------------------------------------

def create(db, actor: Actor, data: dict):
    """A new goal, from scratch or from a confirmed common-ground statement (``common_ground_id``)."""
    actor.require_staff()
    cid = actor.conference_id
    source_id = data.get("common_ground_id")
    if source_id is not None:
        from facilitator.domain import plan

        source_id = v.integer(source_id, "common_ground_id", minimum=1)
        statement = plan.common_ground_statement(db, cid, source_id)
        if statement is None:
            raise NotFound("common-ground statement")
        data = {"title": statement["text"][:MAX_TITLE], **{k: val for k, val in data.items() if val not in (None, "")}}
    values = clean(db, cid, data)
    stamp = now()
    with transaction(db):
        count = row(db, "select count(*) n, coalesce(max(position), -1) last from goals where conference_id = ?", [cid])
        if count["n"] >= MAX_GOALS:
            raise DomainError("too_many", N_("A conference can have at most %(max)d goals."), max=MAX_GOALS)
        values.update(conference_id=cid, source_kind="common_ground" if source_id else "scratch",
                      common_ground_id=source_id, position=count["last"] + 1, created_at=stamp, updated_at=stamp)
        gid = db["goals"].insert(_encode(values)).last_pk
        goal = public(get(db, cid, gid))
        event = events.append(db, cid, "goal.created", {"goal": goal}, actor=actor)
    return {"goal": goal}, [event]


def update(db, actor: Actor, data: dict):
    """Change a goal's title, description or tags: staff, or one of the goal's leads."""
    cid = actor.conference_id
    goal = get(db, cid, data.get("goal_id"))
    if not actor.is_staff:
        m = member_of(db, goal["id"], actor.participant_id) if actor.role == "participant" else None
        if not m or not m["is_lead"]:
            raise Forbidden(N_("Only the goal's leads and the facilitators may change the goal."))
    values = clean(db, cid, {k: val for k, val in data.items() if k != "goal_id"}, partial=True)
    with transaction(db):
        doc_events = []
        if "description" in values:
            # The description is a shared text (facilitator.domain.shared_texts, ``goal:<id>:description``,
            # typed live with ``doc.update``): a whole new text becomes one change to it.
            from facilitator.domain import shared_texts

            doc_events = shared_texts.set_text(db, actor, f"goal:{goal['id']}:description", values.pop("description"))[1]
        db["goals"].update(goal["id"], _encode({**values, "updated_at": now()}))
        goal = public(get(db, cid, goal["id"]))
        event = events.append(db, cid, "goal.updated", {"goal": goal}, actor=actor)
    return {"goal": goal}, [*doc_events, event]


def delete(db, actor: Actor, data: dict):
    """Remove a goal that has no actions and no commitments yet (its group is dissolved)."""
    actor.require_staff()
    cid = actor.conference_id
    goal = get(db, cid, data.get("goal_id"))
    used = row(db, "select (select count(*) from actions where goal_id = :g) + "
                   "(select count(*) from commitments where goal_id = :g and withdrawn_at is null) n", {"g": goal["id"]})
    if used["n"]:
        raise DomainError("goal_in_use", N_("This goal has actions or commitments. Remove those first."))
    with transaction(db):
        db.execute("delete from goals where id = ?", [goal["id"]])
        event = events.append(db, cid, "goal.deleted", {"goal_id": goal["id"]}, actor=actor)
    return {"goal_id": goal["id"]}, [event]


# --- the action groups --------------------------------------------------------------------

def set_choice(db, actor: Actor, data: dict):
    """Open or close the choice of action groups, and allow (or not) being in more than one."""
    actor.require_staff()
    cid = actor.conference_id
    current = choice(db, cid)
    values = {}
    for key in ("open", "allow_multiple"):
        if key in data:
            if not isinstance(data[key], bool):
                raise ValidationError(key, N_("%(name)s must be true or false."), name=key)
            values[key] = data[key]
    if not values:
        raise DomainError("invalid", N_("Nothing to change."))
    new = {**current, **values}
    with transaction(db):
        db.execute(
            "insert into action_choice (conference_id, is_open, allow_multiple) values (?, ?, ?) "
            "on conflict(conference_id) do update set is_open = excluded.is_open, allow_multiple = excluded.allow_multiple",
            [cid, int(new["open"]), int(new["allow_multiple"])],
        )
        event = events.append(db, cid, "goal.choice", new, actor=actor)
    return new, [event]


def join(db, actor: Actor, data: dict):
    """Join a goal's action group. Unless more are allowed, this moves the person out of any other
    group (and drops their lead role there). Participants only while the choice is open, or after the
    conference (``after_conference``: then whatever the choice was set to, and the person stays in
    their other groups)."""
    cid = actor.conference_id
    goal = get(db, cid, data.get("goal_id"))
    pid = _participant_id(db, actor, data)
    rules = choice(db, cid)
    if after_conference(db, cid):
        rules = {"open": True, "allow_multiple": True}
    if actor.role == "participant" and not rules["open"]:
        raise DomainError("choice_closed", N_("The choice of action groups is closed. Ask a facilitator to move you."))
    if member_of(db, goal["id"], pid):
        return {"goal_id": goal["id"], "participant_id": pid, "left": []}, []
    group = row(db, "select stakeholder_group_id from participants where id = ?", [pid])["stakeholder_group_id"]
    with transaction(db):
        left = [] if rules["allow_multiple"] else [g for g in goals_of(db, cid, pid) if g != goal["id"]]
        for other in left:
            db.execute("delete from goal_members where goal_id = ? and participant_id = ?", [other, pid])
        db.execute("insert into goal_members (goal_id, participant_id, is_lead, joined_at) values (?, ?, 0, ?)",
                   [goal["id"], pid, now()])
        data_out = {"goal_id": goal["id"], "participant_id": pid, "group_id": group, "left": left}
        event = events.append(db, cid, "goal.joined", data_out, actor=actor)
    return data_out, [event]


def leave(db, actor: Actor, data: dict):
    """Leave a goal's action group (participants only while the choice is open, or after the conference)."""
    cid = actor.conference_id
    goal = get(db, cid, data.get("goal_id"))
    pid = _participant_id(db, actor, data)
    if actor.role == "participant" and not choice(db, cid)["open"] and not after_conference(db, cid):
        raise DomainError("choice_closed", N_("The choice of action groups is closed. Ask a facilitator to move you."))
    if not member_of(db, goal["id"], pid):
        raise DomainError("not_member", N_("This person is not in this action group."), field="participant_id")
    with transaction(db):
        db.execute("delete from goal_members where goal_id = ? and participant_id = ?", [goal["id"], pid])
        event = events.append(db, cid, "goal.left", {"goal_id": goal["id"], "participant_id": pid}, actor=actor)
    return {"goal_id": goal["id"], "participant_id": pid}, [event]


def set_lead(db, actor: Actor, data: dict):
    """Name a member as a lead of the goal (or not). A lead must be a member.

    Who may: staff, and the group's leads, for any member; every member for themself (picking up
    the gauntlet, or stepping down). A member who does not lead never makes another member lead.
    """
    cid = actor.conference_id
    goal = get(db, cid, data.get("goal_id"))
    require_member(db, actor, goal["id"])
    pid = v.integer(data.get("participant_id"), "participant_id", minimum=1)
    is_lead = data.get("lead", True)
    if not isinstance(is_lead, bool):
        raise ValidationError("lead", N_("%(name)s must be true or false."), name="lead")
    if not member_of(db, goal["id"], pid):
        raise DomainError("lead_not_member", N_("A lead must be a member of the action group."), field="participant_id")
    if not actor.is_staff:
        mine = member_of(db, goal["id"], actor.participant_id)
        if not (mine and mine["is_lead"]) and pid != actor.participant_id:
            raise Forbidden(N_("Only the group's leads and the facilitators may choose who leads."))
    with transaction(db):
        db.execute("update goal_members set is_lead = ? where goal_id = ? and participant_id = ?",
                   [int(is_lead), goal["id"], pid])
        out = {"goal_id": goal["id"], "participant_id": pid, "lead": is_lead}
        event = events.append(db, cid, "goal.lead", out, actor=actor)
    return out, [event]


# --- the report (domain/reporting.py) --------------------------------------------------------------

def report(r) -> list[dict]:
    """Each goal with its leads, its action group and its actions in a table."""
    from facilitator.domain import reporting as rp

    _ = r.gettext
    plan = r.plan()

    def people(action: dict, role: str) -> str:
        names = [r.person(p["participant_id"], with_org=False) if p.get("participant_id") else p.get("organisation", "")
                 for p in action.get("people", []) if p.get("role") == role]
        return ", ".join(dict.fromkeys(n for n in names if n)) or "-"

    def when(action: dict) -> str:
        if action.get("when_date"):
            return r.date_text(action["when_date"])
        return _(rp.HORIZONS[action["horizon"]]) if action.get("horizon") in rp.HORIZONS else "-"

    out = r.section(_("Goals and actions"), plan["goals"])
    for n, g in enumerate(plan["goals"], start=1):
        out.append(rp.heading(_("Goal") + f" {n}. {g['title']}", 2))
        if g.get("description"):
            out.append(rp.para(g["description"]))
        if g.get("source") and g["source"].get("text"):
            out.append(rp.para(_("From the common ground: %(text)s", text=g["source"]["text"]), italic=True))
        if g["leads"]:
            out.append(rp.para(r.people_list(g["leads"]), lead=_("Leads")))
        others = [m["participant_id"] for m in g["members"] if not m["lead"]]
        if others:
            out.append(rp.para(r.people_list(others), lead=_("Action group")))
        if g.get("groups_missing"):
            out.append(rp.para(_("Stakeholder groups not yet in this action group") + ": "
                               + ", ".join(r.group_name(gid) for gid in g["groups_missing"]), italic=True))
        if not g["actions"]:
            out.append(rp.para(_("No actions yet."), italic=True))
            continue
        out.append(rp.table(
            [_("What"), _("Lead"), _("Action group"), _("When"), _("How / resources"), _("Neighbourhood")],
            [[a["what"], people(a, "lead"), people(a, "member"), when(a), a.get("how") or "",
              ", ".join(a.get("neighbourhoods") or [])] for a in g["actions"]],
            widths=[3.7, 2.2, 2.9, 2.6, 2.9, 2.3]))
    return out
