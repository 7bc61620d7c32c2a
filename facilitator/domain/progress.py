"""Progress after the conference: each action's status and its history of updates.

The people who own the actions keep them alive: the leads of a goal (``goal_members.is_lead``) and
the facilitators post updates with the four review questions (what we said we would do, what we
have done, what we do next, what help we need) and change an action's status. Every update is kept
(the history); an action's current status lives in ``actions.status``. Members of a goal see new
updates for their goals on their page (``notifications``) until they mark them read.

Change functions take ``(db, actor, data)`` and return ``(result, [events])`` for the live pipeline.
Events and updates carry ids, never names.
"""
from __future__ import annotations

from facilitator.db import now, row, rows, transaction
from facilitator.domain import actions, events, goals
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, Forbidden, ValidationError
from facilitator.domain.events import Actor

STATUSES = actions.STATUSES
QUESTIONS = ("said", "done", "next", "help")
MAX_ANSWER = 2000
FIELDS = ("id", "action_id", "goal_id", "participant_id", "status", "previous_status", "said", "done", "next", "help",
          "created_at")


def public(u: dict) -> dict:
    out = {k: u[k] for k in FIELDS}
    out["by_staff"] = u["participant_id"] is None
    return out


def is_lead(db, goal_id: int, participant_id: int | None) -> bool:
    if not participant_id:
        return False
    m = goals.member_of(db, goal_id, participant_id)
    return bool(m and m["is_lead"])


def require_lead(db, actor: Actor, goal_id: int) -> None:
    """Only the goal's leads (and the facilitators) report progress on its actions."""
    if actor.is_staff:
        return
    if actor.role != "participant" or not is_lead(db, goal_id, actor.participant_id):
        raise Forbidden(N_("Only the leads of this goal may do this."))


def lead_goal_ids(db, conference_id: int, participant_id: int | None) -> list[int]:
    if not participant_id:
        return []
    return [r["goal_id"] for r in rows(
        db, "select m.goal_id from goal_members m join goals g on g.id = m.goal_id "
            "where g.conference_id = ? and m.participant_id = ? and m.is_lead = 1", [conference_id, participant_id])]


# --- reading ------------------------------------------------------------------------------

def history(db, conference_id: int, action_id: int) -> list[dict]:
    """Every update of one action, oldest first."""
    return [public(u) for u in rows(db, "select * from action_updates where conference_id = ? and action_id = ? "
                                        "order by id", [conference_id, action_id])]


def all_updates(db, conference_id: int) -> list[dict]:
    return [public(u) for u in rows(db, "select * from action_updates where conference_id = ? order by id",
                                    [conference_id])]


def latest_by_goal(db, conference_id: int) -> dict:
    """goal_id -> its most recent update (at a glance on the goal)."""
    out = {}
    for u in rows(db, "select * from action_updates where id in (select max(id) from action_updates "
                      "where conference_id = ? group by goal_id)", [conference_id]):
        out[u["goal_id"]] = public(u)
    return out


def latest_by_action(db, conference_id: int) -> dict:
    """action_id -> its most recent update (what the review views show)."""
    return {u["action_id"]: public(u) for u in rows(
        db, "select * from action_updates where id in (select max(id) from action_updates where conference_id = ? "
            "group by action_id)", [conference_id])}


def last_read(db, participant_id: int) -> int:
    r = row(db, "select last_update_id from update_reads where participant_id = ?", [participant_id])
    return r["last_update_id"] if r else 0


def notifications(db, conference_id: int, participant_id: int) -> list[dict]:
    """New updates (not yet marked read) on the goals this person works on, by others; newest first."""
    return [public(u) for u in rows(
        db,
        "select u.* from action_updates u join goal_members m on m.goal_id = u.goal_id and m.participant_id = :p "
        "where u.conference_id = :c and u.id > :seen and (u.participant_id is null or u.participant_id <> :p) "
        "order by u.id desc limit 50",
        {"p": participant_id, "c": conference_id, "seen": last_read(db, participant_id)})]


def state(db, actor: Actor) -> dict:
    """The ``progress`` snapshot part: the latest update per goal and per action (the plan is public
    inside the conference), and for a participant their new updates and the goals they lead. The whole
    history of an action is the query ``progress.history``."""
    cid = actor.conference_id
    out = {"latest": latest_by_goal(db, cid), "latest_by_action": latest_by_action(db, cid), "notifications": [],
           "lead_goal_ids": []}
    if actor.participant_id:
        out["notifications"] = notifications(db, cid, actor.participant_id)
        out["lead_goal_ids"] = lead_goal_ids(db, cid, actor.participant_id)
    return out


# --- changes ------------------------------------------------------------------------------

def _answers(data: dict) -> dict:
    return {q: v.text(data.get(q), q, max_len=MAX_ANSWER, required=False) for q in QUESTIONS}


def _record(db, actor: Actor, action: dict, status: str, answers: dict) -> list[dict]:
    cid = actor.conference_id
    stamp = now()
    uid = db["action_updates"].insert({
        "conference_id": cid, "action_id": action["id"], "goal_id": action["goal_id"],
        "participant_id": actor.participant_id if actor.role == "participant" else None,
        "user_id": actor.user_id if actor.is_staff else None, "status": status,
        "previous_status": action["status"], "created_at": stamp, **answers,
    }).last_pk
    out = []
    if status != action["status"]:
        db.execute("update actions set status = ?, updated_at = ? where id = ?", [status, stamp, action["id"]])
        changed = actions.public(db, actions.get(db, cid, action["id"]))
        # The plan's own event, so every view of the plan shows the new status.
        out.append(events.append(db, cid, "action.updated", {"action": changed}, actor=actor))
    update = public(row(db, "select * from action_updates where id = ?", [uid]))
    out.append(events.append(db, cid, "progress.posted", {"update": update}, actor=actor))
    return update, out


def post_update(db, actor: Actor, data: dict):
    """A lead reports on an action: the four review questions, and optionally a new status."""
    cid = actor.conference_id
    action = actions.get(db, cid, data.get("action_id"))
    require_lead(db, actor, action["goal_id"])
    status = v.choice(data.get("status") or action["status"], "status", STATUSES)
    answers = _answers(data)
    if not any(answers.values()) and status == action["status"]:
        raise ValidationError("done", N_("Write at least one answer, or change the status."))
    with transaction(db):
        update, new_events = _record(db, actor, action, status, answers)
    return {"update": update}, new_events


def set_status(db, actor: Actor, data: dict):
    """A lead changes an action's status (kept in the history as an update without answers)."""
    cid = actor.conference_id
    action = actions.get(db, cid, data.get("action_id"))
    require_lead(db, actor, action["goal_id"])
    status = v.choice(data.get("status"), "status", STATUSES)
    if status == action["status"]:
        raise DomainError("unchanged", N_("The action already has this status."), field="status")
    with transaction(db):
        update, new_events = _record(db, actor, action, status, {q: "" for q in QUESTIONS})
    return {"update": update}, new_events


def mark_read(db, actor: Actor, data: dict):
    """A member has seen the updates up to ``update_id`` (the newest shown)."""
    actor.require_participant()
    up_to = v.integer(data.get("update_id"), "update_id", minimum=0)
    with transaction(db):
        db.execute("insert into update_reads (participant_id, last_update_id) values (?, ?) on conflict(participant_id) "
                   "do update set last_update_id = max(last_update_id, excluded.last_update_id)",
                   [actor.participant_id, up_to])
        event = events.append(db, actor.conference_id, "progress.read", {"update_id": up_to},
                              audience=f"participant:{actor.participant_id}", actor=actor)
    return {"update_id": up_to}, [event]


# --- the report (domain/reporting.py) --------------------------------------------------------------

def report(r) -> list[dict]:
    """After the conference, once there is news (an update or a proposal waiting): :func:`progress_blocks`."""
    news = r.db.execute("select (select count(*) from action_updates where conference_id = :cid) + "
                        "(select count(*) from action_proposals where conference_id = :cid and state = 'proposed')",
                        {"cid": r.cid}).fetchone()[0]
    return progress_blocks(r) if news else []


def progress_blocks(r, level: int = 1) -> list[dict]:
    """Each goal's actions with their status and the history of updates (the four review questions),
    and proposals still waiting for the leads. Never names anyone."""
    from facilitator.domain import reporting as rp

    _ = r.gettext
    full = r.plan()
    by_action: dict[int, list] = {}
    for u in all_updates(r.db, r.cid):
        by_action.setdefault(u["action_id"], []).append(u)
    out = [rp.heading(_("Progress"), level), rp.para(_("Where each action stands, and what the action groups reported."))]
    all_actions = [a for g in full["goals"] for a in g["actions"]]
    if not all_actions:
        out.append(rp.para(_("No actions yet."), italic=True))
    else:
        counts: dict = {}
        for a in all_actions:
            counts[a["status"]] = counts.get(a["status"], 0) + 1
        out.append(rp.para(_("Actions: %(summary)s.", summary=", ".join(f"{n} {r.status_label(s)}" for s, n in counts.items()))))
    for g in full["goals"]:
        if not g["actions"]:
            continue
        out.append(rp.heading(_("Goal") + f": {g['title']}", level + 1))
        lines = []
        for a in g["actions"]:
            last = (by_action.get(a["id"]) or [None])[-1]
            latest = (last["done"] or last["next"] or last["said"] or last["help"]) if last else ""
            lines.append([a["what"], r.status_label(a["status"]),
                          f"{last['created_at'][:10]}: {latest}" if last and latest else (last["created_at"][:10] if last else _("No updates yet."))])
        out.append(rp.table([_("Action"), _("Status"), _("Latest update")], lines, [6, 2.5, 8]))
        for a in g["actions"]:
            history = by_action.get(a["id"])
            if not history:
                continue
            out.append(rp.label(_("History of %(what)s", what=a["what"])))
            out.append(rp.table([_("Date"), _("Status"), _("What we said we would do"), _("What we have done"),
                                 _("What we do next"), _("What help we need")],
                                [[u["created_at"][:10], r.status_label(u["status"]), u["said"], u["done"], u["next"], u["help"]]
                                 for u in history], [2.2, 2, 3.2, 3.2, 3.2, 3]))
    waiting = rows(r.db, "select p.what, g.title from action_proposals p join goals g on g.id = p.goal_id "
                         "where p.conference_id = ? and p.state = 'proposed' order by p.id", [r.cid])
    if waiting:
        out += [rp.heading(_("Proposed actions waiting for the leads"), level + 1),
                rp.bullets(_("%(what)s (for: %(goal)s)", what=w["what"], goal=w["title"]) for w in waiting)]
    return out
