"""What the personal-data page says is kept about a person: words, never table names.

``privacy.my_data`` finds every table that points at a participant from the schema; this module
only says, per table, what a row of it is to the person ("3 ideas for common ground"). A table an
activity declares as its own (the registry's ``tables``) and that has no words here is named after
its activity ("2 things you added in Check-in"); any other table without words counts as "other
things you added", and tests/test_my_data.py fails until it gets words.
"""
from __future__ import annotations

from flask_babel import gettext, ngettext

from facilitator.domain import activities

WORDS = {
    "notes": lambda n: ngettext("%(num)d sticky note", "%(num)d sticky notes", n),
    "timeline_entries": lambda n: ngettext("%(num)d event on a timeline", "%(num)d events on the timelines", n),
    "trend_proposals": lambda n: ngettext("%(num)d proposed trend", "%(num)d proposed trends", n),
    "dots": lambda n: ngettext("%(num)d dot on a trend", "%(num)d dots on trends", n),
    "prouds": lambda n: ngettext("%(num)d proud or sorry", "%(num)d prouds and sorries", n),
    "statement_answers": lambda n: ngettext("%(num)d answer to a statement", "%(num)d answers to statements", n),
    "common_ground_candidates": lambda n: ngettext("%(num)d idea for common ground", "%(num)d ideas for common ground", n),
    "common_ground_responses": lambda n: ngettext("%(num)d answer on common ground", "%(num)d answers on common ground", n),
    "scenario_reactions": lambda n: ngettext("%(num)d reaction to a scenario", "%(num)d reactions to scenarios", n),
    "goal_members": lambda n: ngettext("%(num)d action group you joined", "%(num)d action groups you joined", n),
    "action_people": lambda n: ngettext("%(num)d action you take part in", "%(num)d actions you take part in", n),
    "actions": lambda n: ngettext("%(num)d action you added", "%(num)d actions you added", n),
    "action_proposals": lambda n: ngettext("%(num)d proposal for an action", "%(num)d proposals for actions", n),
    "action_updates": lambda n: ngettext("%(num)d update on an action", "%(num)d updates on actions", n),
    "update_reads": lambda n: ngettext("%(num)d update you have read", "%(num)d updates you have read", n),
    "commitments": lambda n: ngettext("%(num)d commitment", "%(num)d commitments", n),
    "cafe_newcomers": lambda n: ngettext("%(num)d sign-up at a café", "%(num)d sign-ups at cafés", n),
    "table_members": lambda n: ngettext("%(num)d seat at a table", "%(num)d seats at tables", n),
    "session_members": lambda n: ngettext("%(num)d choice of a session", "%(num)d choices of sessions", n),
    "participant_consent": lambda n: ngettext("your choice about your name on the plan",
                                              "your choices about your name on the plan", n),
    "mail_queue": lambda n: ngettext("%(num)d mail to you (invitation, reminder or digest)",
                                     "%(num)d mails to you (invitations, reminders, digests)", n),
    "registrations": lambda n: ngettext("your registration for the conference", "your registrations for the conference", n),
    "erasures": lambda n: ngettext("the note that your data was erased", "the notes that your data was erased", n),
}


def _count(table: str, items: list[dict]) -> int:
    if table == "dots":  # one row per trend, holding how many dots
        return sum(int(i.get("count") or 0) for i in items)
    return len(items)


def lines(records: dict[str, list[dict]]) -> list[str]:
    """One line per kind of thing kept, in the page's language."""
    out, other = [], 0
    for table, items in records.items():
        owner = activities.owner_of_table(table)
        if table in WORDS:
            out.append(WORDS[table](_count(table, items)))
        elif owner:
            out.append(ngettext("%(num)d thing you added in %(activity)s", "%(num)d things you added in %(activity)s",
                                len(items), activity=gettext(owner.label)))
        else:
            other += len(items)
    if other:
        out.append(ngettext("%(num)d other thing you added", "%(num)d other things you added", other))
    return out
