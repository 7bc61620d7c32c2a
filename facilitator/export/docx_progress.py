"""The Word plan's progress section: each goal's actions with their status and the history of
updates (the four review questions), and proposals still waiting for the leads.

Call it with the python-docx document being built::

    from facilitator.export import docx_progress
    docx_progress.add_progress_section(d.document, d.db, d.cid, d.t)        # inside docx_report
    docx_progress.add_progress_section(document, db, conference_id, "nl")  # or with a language code

``labels`` is a ``facilitator.export.labels.Labels`` (its ``language`` is used) or a language code
("en", "nl"). The section never names anyone: updates are by "a lead" or "the organisers".
"""
from __future__ import annotations

from facilitator.db import rows
from facilitator.domain import plan as plan_module
from facilitator.domain import progress
from facilitator.export import wordtools as wt

TEXT = {
    "en": {
        "title": "Progress", "intro": "Where each action stands, and what the action groups reported.",
        "none": "No actions yet.", "no_updates": "No updates yet.", "goal": "Goal",
        "action": "Action", "status": "Status", "latest": "Latest update",
        "history": "History of %(what)s", "date": "Date", "said": "What we said we would do",
        "done": "What we have done", "next": "What we do next", "help": "What help we need",
        "waiting": "Proposed actions waiting for the leads", "proposed_for": "%(what)s (for: %(goal)s)",
        "statuses": {"planned": "planned", "under_way": "under way", "done": "done", "stalled": "stalled",
                     "stopped": "stopped"},
        "counts": "Actions: %(summary)s.",
    },
    "nl": {
        "title": "Voortgang", "intro": "Hoe elke actie ervoor staat, en wat de actiegroepen meldden.",
        "none": "Nog geen acties.", "no_updates": "Nog geen updates.", "goal": "Doel",
        "action": "Actie", "status": "Stand", "latest": "Laatste update",
        "history": "Verloop van %(what)s", "date": "Datum", "said": "Wat we zouden doen",
        "done": "Wat we hebben gedaan", "next": "Wat we nu gaan doen", "help": "Welke hulp we nodig hebben",
        "waiting": "Voorgestelde acties die wachten op de trekkers", "proposed_for": "%(what)s (voor: %(goal)s)",
        "statuses": {"planned": "gepland", "under_way": "bezig", "done": "klaar", "stalled": "vastgelopen",
                     "stopped": "gestopt"},
        "counts": "Acties: %(summary)s.",
    },
}


def _language(labels) -> str:
    lang = labels if isinstance(labels, str) else getattr(labels, "language", "en")
    return lang if lang in TEXT else "en"


def add_progress_section(document, db, conference_id: int, labels="en", *, level: int = 1) -> None:
    """Append the progress section (a heading of ``level`` and its content) to ``document``."""
    tx = TEXT[_language(labels)]
    st = tx["statuses"]
    full = plan_module.plan(db, conference_id)
    updates = progress.all_updates(db, conference_id)
    by_action: dict[int, list] = {}
    for u in updates:
        by_action.setdefault(u["action_id"], []).append(u)
    document.add_heading(tx["title"], level)
    document.add_paragraph(tx["intro"])
    all_actions = [a for g in full["goals"] for a in g["actions"]]
    if not all_actions:
        document.add_paragraph(tx["none"]).runs[0].italic = True
    else:
        counts = {}
        for a in all_actions:
            counts[a["status"]] = counts.get(a["status"], 0) + 1
        document.add_paragraph(tx["counts"] % {"summary": ", ".join(f"{n} {st[s]}" for s, n in counts.items())})
    for g in full["goals"]:
        if not g["actions"]:
            continue
        document.add_heading(f"{tx['goal']}: {g['title']}", level + 1)
        rows_ = []
        for a in g["actions"]:
            last = (by_action.get(a["id"]) or [None])[-1]
            latest = (last["done"] or last["next"] or last["said"] or last["help"]) if last else ""
            rows_.append([a["what"], st.get(a["status"], a["status"]),
                          f"{last['created_at'][:10]}: {latest}" if last and latest else (last["created_at"][:10] if last else tx["no_updates"])])
        wt.table(document, [tx["action"], tx["status"], tx["latest"]], rows_, [6, 2.5, 8])
        for a in g["actions"]:
            history = by_action.get(a["id"])
            if not history:
                continue
            document.add_paragraph().add_run(tx["history"] % {"what": a["what"]}).bold = True
            wt.table(document, [tx["date"], tx["status"], tx["said"], tx["done"], tx["next"], tx["help"]],
                     [[u["created_at"][:10], st.get(u["status"], u["status"]), u["said"], u["done"], u["next"], u["help"]]
                      for u in history], [2.2, 2, 3.2, 3.2, 3.2, 3])
    waiting = rows(db, "select p.what, g.title from action_proposals p join goals g on g.id = p.goal_id "
                       "where p.conference_id = ? and p.state = 'proposed' order by p.id", [conference_id])
    if waiting:
        document.add_heading(tx["waiting"], level + 1)
        for w in waiting:
            document.add_paragraph(tx["proposed_for"] % {"what": w["what"], "goal": w["title"]}, style="List Bullet")
