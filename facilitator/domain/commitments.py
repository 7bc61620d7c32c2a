"""Public commitments: "I will ... by ...", personally or on behalf of one's organisation.

Any participant can make one, attached to a goal or to an action (an action's commitment also keeps
its goal). A commitment points at its author by ``participant_id`` and keeps a copy of the
organisation at the time: when the author's data is later anonymised (participants.name and .email
blanked), the commitment still knows whose it was (the participant row, its stakeholder group) and for
which organisation, without holding a name anywhere else. Events carry the participant id, never a
name, so the event log holds no copy of a name either.
"""
from __future__ import annotations

from facilitator.db import now, row, rows, transaction
from facilitator.domain import actions, events, goals
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, Forbidden, NotFound, ValidationError
from facilitator.domain.events import Actor

MAX_TEXT = 500
MAX_BY_WHEN = 80
ON_BEHALF = ("self", "organisation")
FIELDS = ("id", "participant_id", "on_behalf", "organisation", "text", "by_when", "goal_id", "action_id", "created_at")


def public(c: dict) -> dict:
    return {k: c[k] for k in FIELDS}


def get(db, conference_id: int, commitment_id) -> dict:
    c = row(db, "select * from commitments where id = ? and conference_id = ? and withdrawn_at is null",
            [goals.whole_id(commitment_id, "commitment_id"), conference_id])
    if not c:
        raise NotFound("commitment")
    return c


def list_for(db, conference_id: int) -> list[dict]:
    """The standing commitments, oldest first."""
    return [public(c) for c in rows(
        db, "select * from commitments where conference_id = ? and withdrawn_at is null order by id", [conference_id])]


def make(db, actor: Actor, data: dict):
    """A participant commits, attached to a goal (``goal_id``) or an action (``action_id``)."""
    actor.require_participant()
    cid = actor.conference_id
    text = v.text(data.get("text"), "text", max_len=MAX_TEXT)
    by_when = v.text(data.get("by_when"), "by_when", max_len=MAX_BY_WHEN, required=False)
    on_behalf = v.choice(data.get("on_behalf", "self"), "on_behalf", ON_BEHALF)
    if data.get("action_id") is not None:
        action = actions.get(db, cid, data.get("action_id"))
        goal_id, action_id = action["goal_id"], action["id"]
        if data.get("goal_id") not in (None, goal_id):
            raise ValidationError("goal_id", N_("This action belongs to another goal."))
    elif data.get("goal_id") is not None:
        goal_id, action_id = goals.get(db, cid, data.get("goal_id"))["id"], None
    else:
        raise ValidationError("goal_id", N_("Choose the goal or action your commitment is for."))
    me = row(db, "select organisation from participants where id = ?", [actor.participant_id])
    if on_behalf == "organisation" and not me["organisation"]:
        raise DomainError("no_organisation", N_("We do not know your organisation. Commit personally, or ask a "
                                                "facilitator to add your organisation."), field="on_behalf")
    with transaction(db):
        new_id = db["commitments"].insert({
            "conference_id": cid, "participant_id": actor.participant_id, "on_behalf": on_behalf,
            "organisation": me["organisation"], "text": text, "by_when": by_when, "goal_id": goal_id,
            "action_id": action_id, "created_at": now(),
        }).last_pk
        commitment = public(get(db, cid, new_id))
        event = events.append(db, cid, "commitment.made", {"commitment": commitment}, actor=actor)
    return {"commitment": commitment}, [event]


def withdraw(db, actor: Actor, data: dict):
    """The author takes a commitment back; a facilitator may remove one (say, posted by mistake)."""
    cid = actor.conference_id
    c = get(db, cid, data.get("commitment_id"))
    if not actor.is_staff and not (actor.role == "participant" and actor.participant_id == c["participant_id"]):
        raise Forbidden(N_("Only the author can take back a commitment."))
    with transaction(db):
        db.execute("update commitments set withdrawn_at = ? where id = ?", [now(), c["id"]])
        event = events.append(db, cid, "commitment.withdrawn", {"commitment_id": c["id"]}, actor=actor)
    return {"commitment_id": c["id"]}, [event]


# --- the report and the sheet (domain/reporting.py) ------------------------------------------------

def report(r) -> list[dict]:
    """The commitments: who (as the report may name them), what, by when, for which goal or action."""
    from facilitator.domain import reporting as rp

    _ = r.gettext
    plan = r.plan()
    out = r.section(_("Commitments"), plan["commitments"])
    if not plan["commitments"]:
        return out
    goal_titles = {g["id"]: g["title"] for g in plan["goals"]}
    actions_by_id = {a["id"]: a["what"] for g in plan["goals"] for a in g["actions"]}
    on_behalf = _("on behalf of the organisation")
    out.append(rp.table(
        [_("Who"), _("Commitment"), _("By when"), _("For")],
        [[rp.with_organisation(r.visible_name(c["participant_id"]) or _("name not shown"), c.get("organisation"),
                               on_behalf if c.get("on_behalf") == "organisation" and c.get("organisation") else ""),
          c["text"], c.get("by_when") or "", actions_by_id.get(c.get("action_id")) or goal_titles.get(c.get("goal_id"), "")]
         for c in plan["commitments"]],
        widths=[4.4, 6.2, 2.4, 3.6]))
    return out


def sheet(db, cid: int):
    """commitments.csv: every commitment not withdrawn."""
    from facilitator.domain.reporting import shown_name

    columns = ["commitment_id", "participant", "organisation", "on_behalf", "text", "by_when", "goal", "action",
               "stakeholder_group", "created_at"]
    found = rows(db, """
        select c.*, p.name, p.hide_name, gr.name as grp, g.title as goal, a.what as action
        from commitments c left join participants p on p.id = c.participant_id
        left join stakeholder_groups gr on gr.id = p.stakeholder_group_id
        left join goals g on g.id = c.goal_id left join actions a on a.id = c.action_id
        where c.conference_id = ? and c.withdrawn_at is null order by c.id""", [cid])
    return columns, [[r["id"], shown_name(r), r["organisation"], r["on_behalf"], r["text"], r["by_when"] or "",
                      r["goal"] or "", r["action"] or "", r["grp"] or "", r["created_at"]] for r in found]
