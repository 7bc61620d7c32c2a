"""Keeping the fire burning by mail, once the organiser switches it on (``mail_settings.follow_up_mail``):

- a **lead reminder** to each lead of a goal whose last update is older than the goal's cadence
  (``goal_cadence``, 30 days unless the organiser set it), once per cadence window;
- a **digest** to every member of a goal, every ``digest_days`` (30), with the updates on their goals
  in that period (none sent when nothing happened);
- a **summary** to the conference's organisers every ``summary_days`` (7): updates, ideas waiting
  (those for goals without a lead first), stalled actions, registrations, mails that failed;
- an **idea** mail to the organisers as soon as someone suggests an action for a goal without a lead.

``make_due`` makes what is due now; the server's mail loop and ``facilitator send-due`` call it. Each
mail has a dedupe key for its window, so running it twice (or in two processes) makes it once. Nobody
erased or unsubscribed gets one (compose.queue checks).
"""
from __future__ import annotations

import time
from datetime import datetime, timezone

from flask_babel import gettext as _

from facilitator.db import row, rows, transaction
from facilitator.domain import conferences, progress, proposals
from facilitator.domain import plan as plan_module
from facilitator.mail import compose
from facilitator.web import external_url

DAY = 86400.0
DEFAULT_CADENCE = 30


def settings(db, conference_id: int) -> dict:
    r = row(db, "select * from mail_settings where conference_id = ?", [conference_id])
    return r or {"conference_id": conference_id, "follow_up_mail": 0, "digest_days": 30, "summary_days": 7}


def update_settings(db, conference_id: int, *, follow_up_mail=None, digest_days=None, summary_days=None,
                    cadences: dict | None = None) -> dict:
    current = settings(db, conference_id)
    values = {"follow_up_mail": int(bool(follow_up_mail)) if follow_up_mail is not None else current["follow_up_mail"],
              "digest_days": _days(digest_days, current["digest_days"]),
              "summary_days": _days(summary_days, current["summary_days"])}
    with transaction(db):
        db.execute("insert into mail_settings (conference_id, follow_up_mail, digest_days, summary_days) values (?, ?, ?, ?) "
                   "on conflict(conference_id) do update set follow_up_mail = excluded.follow_up_mail, "
                   "digest_days = excluded.digest_days, summary_days = excluded.summary_days",
                   [conference_id, values["follow_up_mail"], values["digest_days"], values["summary_days"]])
        for goal_id, days in (cadences or {}).items():
            if row(db, "select 1 from goals where id = ? and conference_id = ?", [goal_id, conference_id]):
                db.execute("insert into goal_cadence (goal_id, cadence_days) values (?, ?) on conflict(goal_id) "
                           "do update set cadence_days = excluded.cadence_days", [goal_id, _days(days, DEFAULT_CADENCE)])
    return settings(db, conference_id)


def _days(value, default: int) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        return default
    return min(366, max(1, n))


def cadences(db, conference_id: int) -> dict:
    found = {r["goal_id"]: r["cadence_days"] for r in rows(
        db, "select c.goal_id, c.cadence_days from goal_cadence c join goals g on g.id = c.goal_id "
            "where g.conference_id = ?", [conference_id])}
    return {g["id"]: found.get(g["id"], DEFAULT_CADENCE)
            for g in rows(db, "select id from goals where conference_id = ?", [conference_id])}


def _ts(iso: str) -> float:
    return datetime.fromisoformat(iso).replace(tzinfo=datetime.fromisoformat(iso).tzinfo or timezone.utc).timestamp()


def _personal_goal_link(person: dict, goal_id: int) -> str:
    return external_url("follow_up.goal_via_link", token=person["token"], goal_id=goal_id)


# --- what is due ------------------------------------------------------------------------------

def lead_reminders(db, conference: dict, at: float) -> int:
    cid = conference["id"]
    made = 0
    full = plan_module.plan(db, cid)
    cadence = cadences(db, cid)
    for goal in full["goals"]:
        last = row(db, "select max(id) id, max(created_at) at from action_updates where goal_id = ?", [goal["id"]])
        anchor = _ts(last["at"]) if last and last["at"] else _ts(goal["created_at"])
        window = int((at - anchor) // (cadence[goal["id"]] * DAY))
        if window < 1:
            continue
        for pid in goal["leads"]:
            person = row(db, "select * from participants where id = ?", [pid])
            if not person or not person["email"]:
                continue
            key = f"lead:{goal['id']}:{pid}:{(last and last['id']) or 0}:{window}"
            if compose.queue(db, conference, kind="lead_reminder", participant_id=pid, dedupe_key=key, to=person["email"],
                             subject=lambda g=goal: _("Time for an update: %(goal)s", goal=g["title"]),
                             template="lead_reminder",
                             context={"person": person, "goal": goal, "days": cadence[goal["id"]],
                                      "link": _personal_goal_link(person, goal["id"])}):
                made += 1
    return made


def digests(db, conference: dict, at: float, every: int) -> int:
    cid = conference["id"]
    window = int(at // (every * DAY))
    since = window * every * DAY
    full = plan_module.plan(db, cid)
    titles = {a["id"]: a["what"] for g in full["goals"] for a in g["actions"]}
    updates = [u for u in progress.all_updates(db, cid) if _ts(u["created_at"]) >= since - every * DAY]
    made = 0
    members = rows(db, "select distinct m.participant_id from goal_members m join goals g on g.id = m.goal_id "
                       "where g.conference_id = ?", [cid])
    for m in members:
        person = row(db, "select * from participants where id = ?", [m["participant_id"]])
        if not person or not person["email"]:
            continue
        mine = [g for g in full["goals"] if any(x["participant_id"] == person["id"] for x in g["members"])]
        news = [{"goal": g, "updates": [dict(u, action=titles.get(u["action_id"], "")) for u in updates
                                        if u["goal_id"] == g["id"]],
                 "link": _personal_goal_link(person, g["id"])} for g in mine]
        news = [n for n in news if n["updates"]]
        if not news:
            continue
        if compose.queue(db, conference, kind="digest", participant_id=person["id"], dedupe_key=f"digest:{cid}:{person['id']}:{window}",
                         to=person["email"], subject=lambda: _("News on your goals: %(title)s", title=conference["title"]),
                         template="digest", context={"person": person, "news": news}):
            made += 1
    return made


def summaries(db, conference: dict, at: float, every: int) -> int:
    cid = conference["id"]
    window = int(at // (every * DAY))
    since = at - every * DAY
    full = plan_module.plan(db, cid)
    lead_less = {g["id"] for g in full["goals"] if not g["leads"]}
    waiting = [p for p in proposals.list_for(db, cid) if p["state"] == "proposed"]
    titles = {g["id"]: g["title"] for g in full["goals"]}
    facts = {
        "updates": sum(1 for u in progress.all_updates(db, cid) if _ts(u["created_at"]) >= since),
        "waiting": [dict(p, goal=titles.get(p["goal_id"], ""), lead_less=p["goal_id"] in lead_less)
                    for p in sorted(waiting, key=lambda p: p["goal_id"] not in lead_less)],
        "stalled": [a["what"] for g in full["goals"] for a in g["actions"] if a["status"] == "stalled"],
        "registrations": row(db, "select count(*) n from registrations where conference_id = ? and created_at >= ?",
                             [cid, datetime.fromtimestamp(since, timezone.utc).isoformat()])["n"],
        "failed": row(db, "select count(*) n from mail_queue where conference_id = ? and state = 'failed'", [cid])["n"],
    }
    with compose.link_context():
        link = external_url("follow_up.overview", conference_id=cid)
    made = 0
    for u in _organisers(db, cid):
        if compose.queue(db, conference, kind="summary", dedupe_key=f"summary:{cid}:{u['id']}:{window}", to=u["email"],
                         subject=lambda: _("This week: %(title)s", title=conference["title"]), template="summary",
                         context={"user": u, "facts": facts, "link": link, "days": every}):
            made += 1
    return made


def _organisers(db, conference_id: int) -> list[dict]:
    return rows(db, "select u.id, u.email, u.name from conference_users cu join users u on u.id = cu.user_id "
                    "where cu.conference_id = ? and cu.role = 'organiser'", [conference_id])


def new_ideas(db, conference: dict) -> int:
    """An idea for a goal without a lead goes to the organisers at once (the next round of the loop):
    one mail per idea and organiser."""
    cid = conference["id"]
    full = plan_module.plan(db, cid)
    lead_less = {g["id"]: g for g in full["goals"] if not g["leads"]}
    waiting = [p for p in proposals.list_for(db, cid) if p["state"] == "proposed" and p["goal_id"] in lead_less]
    if not waiting:
        return 0
    with compose.link_context():
        link = external_url("follow_up.overview", conference_id=cid) + "#ideas"
    made = 0
    for p in waiting:
        for u in _organisers(db, cid):
            if compose.queue(db, conference, kind="idea", dedupe_key=f"idea:{p['id']}:{u['id']}", to=u["email"],
                             subject=lambda: _("A new idea waits for your answer: %(title)s", title=conference["title"]),
                             template="idea", context={"user": u, "idea": p, "goal": lead_less[p["goal_id"]], "link": link}):
                made += 1
    return made


def make_due(db, conference_id: int | None = None, *, at: float | None = None) -> int:
    """Make every reminder, digest and summary that is due; returns how many mails were queued."""
    at = time.time() if at is None else at
    made = 0
    wanted = [conference_id] if conference_id else [
        r["conference_id"] for r in rows(db, "select conference_id from mail_settings where follow_up_mail = 1")]
    for cid in wanted:
        s = settings(db, cid)
        if not s["follow_up_mail"]:
            continue
        conference = conferences.get(db, cid)
        with compose.link_context():
            made += new_ideas(db, conference)
            made += lead_reminders(db, conference, at)
            made += digests(db, conference, at, s["digest_days"])
            made += summaries(db, conference, at, s["summary_days"])
    return made
