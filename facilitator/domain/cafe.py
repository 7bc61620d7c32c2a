"""The transition café and the shared plan.

After the conference the organiser opens the plan to newcomers with a café link (or its QR code). A
newcomer first reads "where we stand" (``where_we_stand``), then joins (``join_newcomer``) and works
with the live engine: joins a goal, proposes an action, makes a commitment. The café itself is a
session in the programme (activity ``transition_cafe``); review meetings are sessions with activity
``review``, in which the projector shows one action group's update at a time (``review_show``).

The plan page (``shared_plan``) is read-only and reachable by its own secret link while the
organiser has switched it on. It never shows a name unless the person agreed (``participant_consent``).
"""
from __future__ import annotations

import secrets

from facilitator.db import now, row, rows, transaction
from facilitator.domain import activities, conferences, events, goals, participants, programme
from facilitator.domain import plan as plan_module
from facilitator.domain import progress, proposals
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError
from facilitator.domain.events import Actor

STATUSES = progress.STATUSES
KINDS = {"cafe": "transition_cafe", "review": "review"}


# --- settings and links -------------------------------------------------------------------

def _key() -> str:
    return secrets.token_urlsafe(12)


def settings(db, conference_id: int) -> dict:
    """The conference's follow-up settings (made on first use, everything closed)."""
    r = row(db, "select * from follow_up_settings where conference_id = ?", [conference_id])
    if r:
        return r
    with transaction(db):
        db.execute("insert or ignore into follow_up_settings (conference_id, cafe_key, plan_key) values (?, ?, ?)",
                   [conference_id, _key(), _key()])
    return row(db, "select * from follow_up_settings where conference_id = ?", [conference_id])


def by_cafe_key(db, key) -> dict | None:
    if not isinstance(key, str) or not key or len(key) > 64:
        return None
    r = row(db, "select conference_id from follow_up_settings where cafe_key = ?", [key])
    return conferences.get(db, r["conference_id"]) if r else None


def by_plan_key(db, key) -> dict | None:
    if not isinstance(key, str) or not key or len(key) > 64:
        return None
    r = row(db, "select conference_id from follow_up_settings where plan_key = ?", [key])
    return conferences.get(db, r["conference_id"]) if r else None


def update_settings(db, conference_id: int, *, cafe_open=None, plan_public=None, new_cafe_key=False,
                    new_plan_key=False) -> dict:
    settings(db, conference_id)
    values = {}
    if cafe_open is not None:
        values["cafe_open"] = int(bool(cafe_open))
    if plan_public is not None:
        values["plan_public"] = int(bool(plan_public))
    if new_cafe_key:
        values["cafe_key"] = _key()
    if new_plan_key:
        values["plan_key"] = _key()
    if values:
        with transaction(db):
            db["follow_up_settings"].update(conference_id, values)
    return settings(db, conference_id)


# --- consent and how people show publicly -------------------------------------------------

def consents(db, conference_id: int) -> set[int]:
    """Participants who agreed that their name shows on the shared plan."""
    return {r["participant_id"] for r in rows(
        db, "select c.participant_id from participant_consent c join participants p on p.id = c.participant_id "
            "where p.conference_id = ? and c.public_name = 1 and p.hide_name = 0 and p.name <> ''", [conference_id])}


def set_consent(db, conference_id: int, participant_id: int, public_name: bool) -> None:
    participants.get(db, conference_id, participant_id)
    with transaction(db):
        db.execute("insert into participant_consent (participant_id, public_name, updated_at) values (?, ?, ?) "
                   "on conflict(participant_id) do update set public_name = excluded.public_name, "
                   "updated_at = excluded.updated_at", [participant_id, int(bool(public_name)), now()])


def has_consent(db, participant_id: int) -> bool:
    r = row(db, "select public_name from participant_consent where participant_id = ?", [participant_id])
    return bool(r and r["public_name"])


def public_label(person: dict | None, groups_by_id: dict, consented: set[int]) -> str:
    """A name only with consent; else the organisation, else the stakeholder group, else ''."""
    if not person:
        return ""
    if person["id"] in consented and person["name"] and not person["hide_name"]:
        return person["name"] + (f" ({person['organisation']})" if person["organisation"] else "")
    if person["organisation"]:
        return person["organisation"]
    group = groups_by_id.get(person["group_id"])
    return group["name"] if group else ""


# --- where we stand, and the shared plan ----------------------------------------------------

def not_agreed(db, conference_id: int) -> list[str]:
    return [r["name"] for r in rows(db, "select name from common_ground_themes where conference_id = ? and "
                                        "state = 'not_agreed' order by position, id", [conference_id])]


def shared_plan(db, conference_id: int, *, neighbourhood: str = "", theme: str = "", status: str = "") -> dict:
    """The plan as the shared page and the café show it: no personal data unless the person agreed.

    Filters keep the goals (and within them the actions) that match the neighbourhood, theme and status.
    """
    full = plan_module.plan(db, conference_id)
    groups_by_id = {g["id"]: g for g in full["groups"]}
    consented = consents(db, conference_id)
    label = lambda pid: public_label(full["people"].get(pid), groups_by_id, consented)  # noqa: E731
    updates = progress.all_updates(db, conference_id)
    by_action: dict[int, list] = {}
    for u in updates:
        by_action.setdefault(u["action_id"], []).append(
            {k: u[k] for k in ("id", "status", "previous_status", "said", "done", "next", "help", "created_at")})
    latest = progress.latest_by_goal(db, conference_id)
    out_goals, counts = [], {s: 0 for s in STATUSES}
    for g in full["goals"]:
        if theme and theme not in g["themes"]:
            continue
        acts = []
        for a in g["actions"]:
            if status and a["status"] != status:
                continue
            if neighbourhood and neighbourhood not in (a["neighbourhoods"] or g["neighbourhoods"]):
                continue
            leads = [label(p["participant_id"]) if p["participant_id"] else p["organisation"]
                     for p in a["people"] if p["role"] == "lead"]
            orgs = sorted({p["organisation"] for p in a["people"] if not p["participant_id"] and p["organisation"]})
            acts.append({"id": a["id"], "what": a["what"], "how": a["how"], "when_date": a["when_date"],
                         "horizon": a["horizon"], "neighbourhoods": a["neighbourhoods"], "status": a["status"],
                         "leads": [x for x in leads if x], "organisations": orgs, "updates": by_action.get(a["id"], [])})
            counts[a["status"]] += 1
        if (status or neighbourhood) and not acts:
            continue
        member_orgs = sorted({full["people"][m["participant_id"]]["organisation"] for m in g["members"]
                              if full["people"].get(m["participant_id"], {}).get("organisation")})
        lu = latest.get(g["id"])
        out_goals.append({
            "id": g["id"], "title": g["title"], "description": g["description"], "themes": g["themes"],
            "neighbourhoods": g["neighbourhoods"], "leads": [x for x in (label(pid) for pid in g["leads"]) if x],
            "member_count": len(g["members"]), "organisations": member_orgs, "actions": acts,
            "commitment_count": len(g["commitments"]),
            "latest": {k: lu[k] for k in ("status", "said", "done", "next", "help", "created_at", "action_id")} if lu else None,
        })
    return {"goals": out_goals, "counts": counts, "tags": full["tags"],
            "filters": {"neighbourhood": neighbourhood, "theme": theme, "status": status}}


def where_we_stand(db, conference_id: int) -> dict:
    """The short page a newcomer reads first: question, common ground, goals with actions, leads and
    members, the not-agreed list and what was decided."""
    conf = conferences.get(db, conference_id)
    shared = shared_plan(db, conference_id)
    common = plan_module.confirmed_statements(db, conference_id)
    decided = [public_decision(p, shared) for p in proposals.list_for(db, conference_id) if p["state"] != "proposed"]
    return {
        "title": conf["title"], "question": conf["central_question"],
        "common_ground": [{"text": s["text"], "theme": s["theme_name"]} for s in common],
        "not_agreed": not_agreed(db, conference_id),
        "goals": shared["goals"],
        "totals": {"goals": len(shared["goals"]), "actions": sum(len(g["actions"]) for g in shared["goals"]),
                   "commitments": sum(g["commitment_count"] for g in shared["goals"]),
                   "common_ground": len(common)},
        "decisions": decided[-10:],
    }


def public_decision(p: dict, shared: dict) -> dict:
    titles = {g["id"]: g["title"] for g in shared["goals"]}
    return {"goal": titles.get(p["goal_id"], ""), "what": p["what"], "state": p["state"], "reason": p["reason"],
            "decided_at": p["decided_at"]}


def cafe_state(db, actor: Actor, full_plan: dict | None = None) -> dict:
    """What the café and review views need besides the plan: the totals, the café switch and link, and
    whose turn it is in a review meeting."""
    cid = actor.conference_id
    s = settings(db, cid)
    p = full_plan or plan_module.plan(db, cid)
    common = row(db, "select count(*) n from common_ground_statements s join common_ground_themes t on t.id = s.theme_id "
                     "where s.conference_id = ? and t.state = 'confirmed'", [cid])["n"]
    out = {"totals": {"goals": len(p["goals"]), "actions": sum(len(g["actions"]) for g in p["goals"]),
                      "commitments": len(p["commitments"]), "common_ground": common},
           "review_goal_id": s["review_goal_id"], "open": bool(s["cafe_open"])}
    if actor.is_staff or actor.role == "presenter":  # the café link (and its QR code) for the room
        out["cafe_key"] = s["cafe_key"]
    return out


# --- newcomers ------------------------------------------------------------------------------

def join_newcomer(db, conference_id: int, data: dict) -> dict:
    """A newcomer joins through the open café link: name (and optionally organisation, e-mail,
    stakeholder group); whether their name may show on the shared plan."""
    if not settings(db, conference_id)["cafe_open"]:
        raise DomainError("cafe_closed", N_("The café is not open. Ask the organisers for the new link."))
    fields = {k: data.get(k, "") for k in ("name", "organisation", "email", "stakeholder_group")}
    p = participants.add(db, conference_id, fields, joined_via="invited")
    with transaction(db):
        db.execute("insert into cafe_newcomers (participant_id, conference_id, joined_at) values (?, ?, ?)",
                   [p["id"], conference_id, now()])
    if data.get("public_name") in (True, "1", "on", "yes", "true"):
        set_consent(db, conference_id, p["id"], True)
    return p


def newcomers(db, conference_id: int) -> list[dict]:
    return rows(db, "select p.id, p.name, p.organisation, n.joined_at from cafe_newcomers n "
                    "join participants p on p.id = n.participant_id where n.conference_id = ? order by n.joined_at",
                [conference_id])


# --- café and review sessions ---------------------------------------------------------------

def schedule(db, conference_id: int, kind: str, data: dict, gettext=str) -> int:
    """Put a café (``cafe``) or review meeting (``review``) in the programme on a date; returns the session id.

    Without a title it takes the activity's name in the conference's language (``gettext``, see
    :func:`facilitator.i18n.in_words_of`)."""
    activity = v.choice(kind, "kind", tuple(KINDS))
    day_date = v.date(data.get("date"), "date")
    day = row(db, "select id from days where conference_id = ? and date = ? order by position limit 1",
              [conference_id, day_date])
    day_id = day["id"] if day else programme.add_day(db, conference_id, day_date)
    title = data.get("title") or gettext(activities.BY_NAME[KINDS[activity]].label)
    return programme.add_session(db, conference_id, day_id, {
        "start": data.get("start") or "19:30", "end": data.get("end") or "21:30", "title": title,
        "phase": "follow_up", "activity": KINDS[activity], "grouping": "self_selected" if activity == "cafe" else "whole",
        "prompt": data.get("prompt", ""),
    })


def review_show(db, actor: Actor, data: dict):
    """The facilitator puts one goal's action group on the projector (or none) during a review meeting."""
    actor.require_staff()
    cid = actor.conference_id
    goal_id = data.get("goal_id")
    if goal_id is not None:
        goal_id = goals.get(db, cid, goal_id)["id"]
    settings(db, cid)
    with transaction(db):
        db.execute("update follow_up_settings set review_goal_id = ? where conference_id = ?", [goal_id, cid])
        event = events.append(db, cid, "progress.turn", {"goal_id": goal_id}, actor=actor)
    return {"goal_id": goal_id}, [event]



# --- one goal, for a newcomer -----------------------------------------------------------------

def goal_stand(db, conference_id: int, goal_id) -> dict:
    """Where one goal stands, for someone who was not at the conference: what the conference decided
    and why (the confirmed common ground it came from, and what the tables wrote), the actions with
    their history, who is in (names only with consent), what was decided since, and the open questions
    (help asked for in the latest updates, stalled actions, ideas waiting for an answer)."""
    goal_id = goals.get(db, conference_id, goal_id)["id"]
    shared = shared_plan(db, conference_id)
    goal = next(g for g in shared["goals"] if g["id"] == goal_id)
    trace = plan_module.trace_goal(db, conference_id, goal_id)
    full = plan_module.plan(db, conference_id)
    groups_by_id = {g["id"]: g for g in full["groups"]}
    consented = consents(db, conference_id)
    raw = next(g for g in full["goals"] if g["id"] == goal_id)
    who = [public_label(full["people"].get(m["participant_id"]), groups_by_id, consented) for m in raw["members"]]
    props = [p for p in proposals.list_for(db, conference_id) if p["goal_id"] == goal_id]
    open_questions = []
    for a in goal["actions"]:
        last = a["updates"][-1] if a["updates"] else None
        if last and last["help"]:
            open_questions.append({"kind": "help", "action": a["what"], "text": last["help"]})
        if a["status"] == "stalled":
            open_questions.append({"kind": "stalled", "action": a["what"], "text": ""})
    open_questions += [{"kind": "idea", "action": "", "text": p["what"]} for p in props if p["state"] == "proposed"]
    return {
        "goal": goal, "has_lead": bool(raw["leads"]),
        "statement": trace["statement"], "theme": trace["theme"],
        "candidates": [{"text": c["text"], "table_number": c["table_number"]} for c in trace["candidates"]],
        "members": sorted({x for x in who if x}), "member_count": len(raw["members"]),
        "decisions": [public_decision(p, shared) for p in props if p["state"] != "proposed"],
        "open_questions": open_questions,
    }
