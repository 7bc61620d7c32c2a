"""The Word plan's progress section: each goal's actions with their status and the history of
updates (the four review questions), and proposals still waiting for the leads.

Call it with the python-docx document being built::

    from facilitator.export import docx_progress
    docx_progress.add_progress_section(d.document, d.db, d.cid)            # inside docx_report
    docx_progress.add_progress_section(document, db, conference_id, "nl")  # or in a language of its own

Its words come from the gettext catalogue: in the current language (docx_report builds under
``i18n.in_language``), or in ``language`` when one is given ("en", "nl"). The section never names
anyone: updates are by "a lead" or "the organisers".
"""
from __future__ import annotations

from contextlib import nullcontext

from flask_babel import gettext as _

from facilitator import i18n
from facilitator.db import rows
from facilitator.domain import plan as plan_module
from facilitator.domain import progress
from facilitator.export import wordtools as wt
from facilitator.export.words import status_label


def add_progress_section(document, db, conference_id: int, language: str | None = None, *, level: int = 1) -> None:
    """Append the progress section (a heading of ``level`` and its content) to ``document``."""
    with i18n.in_language(language) if language else nullcontext():
        _write(document, db, conference_id, level)


def _write(document, db, conference_id: int, level: int) -> None:
    full = plan_module.plan(db, conference_id)
    updates = progress.all_updates(db, conference_id)
    by_action: dict[int, list] = {}
    for u in updates:
        by_action.setdefault(u["action_id"], []).append(u)
    document.add_heading(_("Progress"), level)
    document.add_paragraph(_("Where each action stands, and what the action groups reported."))
    all_actions = [a for g in full["goals"] for a in g["actions"]]
    if not all_actions:
        document.add_paragraph(_("No actions yet.")).runs[0].italic = True
    else:
        counts = {}
        for a in all_actions:
            counts[a["status"]] = counts.get(a["status"], 0) + 1
        document.add_paragraph(_("Actions: %(summary)s.", summary=", ".join(f"{n} {status_label(s)}" for s, n in counts.items())))
    for g in full["goals"]:
        if not g["actions"]:
            continue
        document.add_heading(_("Goal") + f": {g['title']}", level + 1)
        rows_ = []
        for a in g["actions"]:
            last = (by_action.get(a["id"]) or [None])[-1]
            latest = (last["done"] or last["next"] or last["said"] or last["help"]) if last else ""
            rows_.append([a["what"], status_label(a["status"]),
                          f"{last['created_at'][:10]}: {latest}" if last and latest else (last["created_at"][:10] if last else _("No updates yet."))])
        wt.table(document, [_("Action"), _("Status"), _("Latest update")], rows_, [6, 2.5, 8])
        for a in g["actions"]:
            history = by_action.get(a["id"])
            if not history:
                continue
            document.add_paragraph().add_run(_("History of %(what)s", what=a["what"])).bold = True
            wt.table(document, [_("Date"), _("Status"), _("What we said we would do"), _("What we have done"),
                      _("What we do next"), _("What help we need")],
                     [[u["created_at"][:10], status_label(u["status"]), u["said"], u["done"], u["next"], u["help"]]
                      for u in history], [2.2, 2, 3.2, 3.2, 3.2, 3])
    waiting = rows(db, "select p.what, g.title from action_proposals p join goals g on g.id = p.goal_id "
                       "where p.conference_id = ? and p.state = 'proposed' order by p.id", [conference_id])
    if waiting:
        document.add_heading(_("Proposed actions waiting for the leads"), level + 1)
        for w in waiting:
            document.add_paragraph(_("%(what)s (for: %(goal)s)", what=w["what"], goal=w["title"]), style="List Bullet")
