"""Proposed actions: anyone in the conference (a newcomer from the café, say) proposes an action for
a goal; the goal's leads (or the facilitators) accept it, and only then does it become an action of
the plan, or decline it with a reason. Until it is accepted a proposal lives in its own table, so it
never changes the plan (``domain.plan.plan`` reads ``actions`` only).
"""
from __future__ import annotations

from facilitator.db import now, row, rows, transaction
from facilitator.domain import actions, events, goals
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound, ValidationError
from facilitator.domain.events import Actor
from facilitator.domain.progress import require_lead

MAX_REASON = 500
MAX_OPEN_PER_PERSON = 20
FIELDS = ("id", "goal_id", "participant_id", "what", "how", "state", "reason", "decided_by", "decided_at", "action_id",
          "created_at")


def public(p: dict) -> dict:
    return {k: p[k] for k in FIELDS}


def get(db, conference_id: int, proposal_id) -> dict:
    if isinstance(proposal_id, bool) or not isinstance(proposal_id, int):
        raise ValidationError("proposal_id", N_("%(name)s must be a whole number."), name="proposal_id")
    p = row(db, "select * from action_proposals where id = ? and conference_id = ?", [proposal_id, conference_id])
    if not p:
        raise NotFound("proposal")
    return p


def list_for(db, conference_id: int) -> list[dict]:
    return [public(p) for p in rows(db, "select * from action_proposals where conference_id = ? order by id",
                                    [conference_id])]


def state(db, actor: Actor) -> dict:
    """The ``proposals`` snapshot part: every proposal with its state (open inside the conference)."""
    return {"proposals": list_for(db, actor.conference_id)}


def propose(db, actor: Actor, data: dict):
    """A participant proposes an action for a goal (they need not be in its action group)."""
    actor.require_participant()
    cid = actor.conference_id
    goal = goals.get(db, cid, data.get("goal_id"))
    what = v.text(data.get("what"), "what", max_len=actions.MAX_WHAT)
    how = v.text(data.get("how"), "how", max_len=actions.MAX_HOW, required=False)
    open_count = row(db, "select count(*) n from action_proposals where participant_id = ? and state = 'proposed'",
                     [actor.participant_id])["n"]
    if open_count >= MAX_OPEN_PER_PERSON:
        raise DomainError("too_many", N_("You have %(max)d proposals waiting. Wait for the leads to answer."),
                          max=MAX_OPEN_PER_PERSON)
    with transaction(db):
        pid = db["action_proposals"].insert({
            "conference_id": cid, "goal_id": goal["id"], "participant_id": actor.participant_id, "what": what,
            "how": how, "state": "proposed", "created_at": now(),
        }).last_pk
        proposal = public(get(db, cid, pid))
        event = events.append(db, cid, "proposal.made", {"proposal": proposal}, actor=actor)
    return {"proposal": proposal}, [event]


def _open(db, actor: Actor, data: dict) -> dict:
    p = get(db, actor.conference_id, data.get("proposal_id"))
    require_lead(db, actor, p["goal_id"])
    if p["state"] != "proposed":
        raise DomainError("already_decided", N_("This proposal was already answered."))
    return p


def accept(db, actor: Actor, data: dict):
    """A lead of the goal accepts: the proposal becomes an action of the plan (``what`` may be reworded)."""
    cid = actor.conference_id
    p = _open(db, actor, data)
    what = v.text(data["what"], "what", max_len=actions.MAX_WHAT) if data.get("what") not in (None, "") else p["what"]
    with transaction(db):
        result, action_events = actions.create(db, actor, {"goal_id": p["goal_id"], "what": what, "how": p["how"]})
        db.execute("update action_proposals set state = 'accepted', decided_by = ?, decided_at = ?, action_id = ? "
                   "where id = ?", [actor.participant_id, now(), result["action"]["id"], p["id"]])
        proposal = public(get(db, cid, p["id"]))
        event = events.append(db, cid, "proposal.decided", {"proposal": proposal}, actor=actor)
    return {"proposal": proposal, "action": result["action"]}, action_events + [event]


def decline(db, actor: Actor, data: dict):
    """A lead of the goal declines, saying why (the proposer sees the reason)."""
    cid = actor.conference_id
    p = _open(db, actor, data)
    reason = v.text(data.get("reason"), "reason", max_len=MAX_REASON)
    with transaction(db):
        db.execute("update action_proposals set state = 'declined', reason = ?, decided_by = ?, decided_at = ? "
                   "where id = ?", [reason, actor.participant_id, now(), p["id"]])
        proposal = public(get(db, cid, p["id"]))
        event = events.append(db, cid, "proposal.decided", {"proposal": proposal}, actor=actor)
    return {"proposal": proposal}, [event]
