"""The one registry of activity types: every place that lists activities reads it from here.

Per type: its code (``name``), its label (an English message, marked with ``N_`` and translated
where it is shown), the phase it usually belongs to, whether participants give input, the
groupings a session of it may have (the first is the usual one), the domain module that holds its
rules, its socket events and snapshot parts, its Word report section and CSV sheets (functions in
its domain module), and the browser module under ``static/js/activities/`` that draws it.

Readers: the programme's validation (domain/programme.py), the room (input opens or stays closed,
domain/room.py), the labels of every page (web/labels.py), the setup pages, the live layer
(live/activities.py registers every entry's events and parts), the exports (export/docx_report.py
writes every entry's section, export/csv_export.py its sheets), the browser
(templates/_activity_registry.html hands :func:`client_list` to every live page as JSON) and
tests/test_activity_registry.py. docs/adding-an-activity.md says what to write to add one.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

from facilitator.domain.errors import N_
from facilitator.domain.events import STAFF

PHASES = {
    "opening": N_("Opening"), "past": N_("Past"), "present": N_("Present"),
    "shared_interest": N_("Shared interest"), "desired_future": N_("Desired future"), "actions": N_("Actions"),
    "break": N_("Break"), "closing": N_("Closing"), "follow_up": N_("Follow-up"),
}
GROUPINGS = {
    "whole": N_("Whole group"), "stakeholder": N_("Stakeholder groups"), "mixed": N_("Mixed tables"),
    "self_selected": N_("Self-selected groups"), "individual": N_("Individual"),
}


# The session settings (table session_settings, domain/notes.py) an activity may declare
SESSION_SETTINGS = ("anonymous", "show_others")
# What each means where it applies. The phone says the same before anyone sends (NAMES_NOTICE in
# domain/notes.py and domain/common_ground.py).
NOTE_SETTINGS = {"anonymous": N_("Anonymous: nobody sees who wrote a note"),
                 "show_others": N_("Participants see each other's notes (new notes)")}
CONFIRM_SETTINGS = {"anonymous": N_("Anonymous: nobody sees who supported or objected "
                                    "(unticked: the facilitators see names, the room does not)")}

PARTICIPANT = ("participant",)
EVERYONE = PARTICIPANT + STAFF


@dataclass(frozen=True)
class Event:
    """A socket event of an activity: ``name`` runs the domain function ``fn`` (a name, see
    :meth:`Activity.function`) for ``roles``, through the pipeline; ``open_only``: only while the
    facilitator keeps input open (domain/focus.py ``while_input_open``)."""

    name: str
    fn: str
    roles: tuple[str, ...]
    open_only: bool = False


def on(name: str, fn: str, roles: tuple[str, ...], *, open_only: bool = False) -> Event:
    return Event(name, fn, tuple(roles), open_only)


@dataclass(frozen=True)
class Activity:
    """One activity type. Functions are named by a string: ``"add"`` is ``add`` in the activity's own
    domain module, ``"actions.create"`` is ``create`` in facilitator/domain/actions.py (strings, because
    the domain modules import this registry)."""

    name: str
    label: str  # English message id (N_); translate where it is shown
    phase: str | None  # the phase it usually belongs to; None: it fits any phase
    takes_input: bool  # participants contribute: input opens when the facilitator moves here
    groupings: tuple[str, ...]  # the groupings a session of it may have; the first is the usual one
    domain: str | None = None  # module under facilitator/domain/ with its rules
    events: tuple[Event, ...] = ()  # its socket events (live/activities.py registers them)
    parts: dict = field(default_factory=dict)  # snapshot part (and live query) name -> state function
    live: str | None = None  # module under facilitator/live/ for what the events cannot say (queries); usually None
    report: str | None = None  # its Word report section: fn(context) -> blocks (domain/report.py)
    in_plan: bool = False  # the section is in the action plan too (else only in the full report)
    sheets: dict = field(default_factory=dict)  # CSV file name -> fn(db, conference_id) -> (columns, rows)
    tables: tuple[str, ...] = ()  # tables of its own that hold a person's data (the personal-data page names
    #                               their rows after the activity, unless web/kept.py has words for them)
    module: str | None = None  # static/js/activities/<module>.js; None: the room shows the plenary view
    named: bool = False  # contributions carry their author by default (else anonymous unless changed)
    follow_ups: dict = field(default_factory=dict)  # event kind -> (data field, fn(db, conference_id, value) -> events):
    #   run after such events in a transaction of its own, at most once per short window per value
    #   (live/follow_ups.py): derived results too costly to count in every change's own transaction
    settings: dict = field(default_factory=dict)  # the session settings (SESSION_SETTINGS) that change something
    #   here -> what the cockpit's box says (an N_ message); session.settings refuses any other

    def function(self, ref: str) -> Callable:
        """The domain function *ref* names (``"fn"`` in its own module, ``"module.fn"`` in another)."""
        module, _dot, fn = ref.rpartition(".")
        return getattr(importlib.import_module(f"facilitator.domain.{module or self.domain}"), fn)

    def client(self, gettext: Callable[[str], str] = str) -> dict:
        """What the browser gets (see docs/protocol.md, "The activity registry")."""
        return {"name": self.name, "label": gettext(self.label), "phase": self.phase,
                "takes_input": self.takes_input, "groupings": list(self.groupings), "module": self.module,
                "settings": [{"name": k, "label": gettext(v)} for k, v in self.settings.items()]}


ALL_GROUPINGS = tuple(GROUPINGS)
P, S, E = PARTICIPANT, STAFF, EVERYONE

REGISTRY: tuple[Activity, ...] = (
    Activity("plenary", N_("Plenary"), "opening", False, ("whole",), module="plenary"),
    Activity("check_in", N_("Check-in"), "opening", True, ("whole", "mixed", "stakeholder"), domain="check_in",
             events=(on("check_in.say", "say", P, open_only=True), on("check_in.take_back", "take_back", P, open_only=True),
                     on("check_in.hide", "hide", S)),
             parts={"check_in": "state"}, report="report", sheets={"check_in.csv": "sheet"}, tables=("check_in_lines",),
             module="check_in"),
    Activity("break", N_("Break"), "break", False, ("whole",)),
    Activity("notes", N_("Sticky notes"), None, True, ALL_GROUPINGS, domain="notes", events=(
        on("note.post", "post", E), on("note.edit", "edit", E), on("note.delete", "delete", E),
        on("note.hide", "hide", S), on("note.move", "move", S), on("note.merge", "merge", S),
        on("cluster.add", "add_cluster", S), on("cluster.rename", "rename_cluster", S),
        on("cluster.delete", "delete_cluster", S), on("session.settings", "configure_session", S),
    ), parts={"notes": "current"}, live="notes", report="report", sheets={"notes.csv": "sheet"}, module="notes",
        settings=NOTE_SETTINGS),
    Activity("timeline", N_("Timelines"), "past", True, ("individual", "whole"), domain="timelines", events=(
        on("timeline.add", "add_entry", P, open_only=True), on("timeline.edit", "edit_entry", P, open_only=True),
        on("timeline.remove", "remove_entry", E, open_only=True), on("timeline.show", "show", S),
    ), parts={"timelines": "state"}, report="report", module="timeline"),
    Activity("timeline_review", N_("Timeline review"), "past", True, ("mixed",), domain="timeline_reviews", events=(
        on("review.write", "write", P, open_only=True), on("review.assign", "assign", S), on("review.show", "show", S),
    ), parts={"timeline_reviews": "state"}, report="report", module="timeline_review"),
    Activity("trend_map", N_("Trend map"), "present", True, ("whole",), domain="trends", events=(
        on("trend.add", "add", S), on("trend.edit", "edit", S), on("trend.move", "move", S),
        on("trend.remove", "remove", S), on("trend.merge", "merge", S), on("trend.topic", "set_topic", S),
        on("trend.proposals", "set_proposals_open", S), on("trend.propose", "propose", P),
        on("trend.place", "place", S), on("trend.merge_proposal", "merge_proposal", S),
        on("trend.dismiss", "dismiss", S),
    ), parts={"trends": "state"}, report="report", module="trend_map"),
    Activity("dot_vote", N_("Dot vote"), "present", True, ("stakeholder", "whole", "individual"), domain="dotvotes",
             events=(on("vote.add", "add_dot", P), on("vote.remove", "remove_dot", P),
                     on("vote.configure", "configure", S), on("vote.status", "set_status", S)),
             follow_ups={"vote.mine": ("session_id", "publish_results")},
             parts={"dot_votes": "state"}, report="report", sheets={"votes.csv": "sheet"}, module="dot_vote"),
    Activity("trend_response", N_("Trend response"), "present", True, ("stakeholder",), domain="trend_responses",
             events=(on("response.pick", "pick", P, open_only=True), on("response.unpick", "unpick", P, open_only=True),
                     on("response.write", "write", P, open_only=True), on("response.show", "show", S)),
             parts={"trend_responses": "state"}, report="report", module="trend_response"),
    Activity("prouds_sorries", N_("Prouds and sorries"), "present", True, ("stakeholder",), domain="prouds",
             events=(on("proud.add", "add", P, open_only=True), on("proud.edit", "edit", P, open_only=True),
                     on("proud.remove", "remove", P, open_only=True), on("proud.show", "show", S)),
             parts={"prouds": "state"}, report="report", module="prouds_sorries"),
    Activity("statements", N_("Statements"), "shared_interest", True, ("whole", "individual"), domain="statements",
             events=(on("statement.add", "add", S), on("statement.edit", "edit", S),
                     on("statement.remove", "remove", S), on("statement.open", "put_up", S),
                     on("statement.close", "close", S), on("statement.reveal", "reveal", S),
                     on("statement.answer", "answer", P)),
             follow_ups={"statement.answer": ("statement_id", "publish_results")},
             parts={"statements": "state"}, report="report", sheets={"statement_answers.csv": "sheet"},
             module="statements"),
    Activity("common_ground", N_("Common ground"), "shared_interest", True, ("mixed",), domain="common_ground", events=(
        on("cg.candidate.add", "add_candidate", E), on("cg.candidate.edit", "edit_candidate", E),
        on("cg.candidate.remove", "remove_candidate", E), on("cg.candidate.propose", "propose", S),
        on("cg.theme.create", "create_theme", S), on("cg.theme.rename", "rename_theme", S),
        on("cg.theme.assign", "assign", S), on("cg.theme.merge", "merge_themes", S),
        on("cg.theme.remove", "remove_theme", S), on("cg.theme.put_up", "put_up", S),
        on("cg.theme.take_down", "take_down", S), on("cg.theme.respond", "respond", P),
        on("cg.theme.decide", "decide", S), on("cg.statement.edit", "edit_statement", S),
    ), parts={"common_ground": "state"}, report="report", in_plan=True, module="common_ground"),
    Activity("common_ground_confirm", N_("Confirming common ground"), "shared_interest", True, ("whole",),
             domain="common_ground", report="report", in_plan=True, module="common_ground_confirm",
             settings=CONFIRM_SETTINGS),
    Activity("scenario", N_("Desired future scenario"), "desired_future", True, ("mixed",), domain="scenarios", events=(
        on("scenario.update", "update", E), on("scenario.feature.add", "add_feature", E),
        on("scenario.feature.edit", "edit_feature", E), on("scenario.feature.remove", "remove_feature", E),
        on("scenario.presentations.open", "open_presentations", S),
        on("scenario.presentations.close", "close_presentations", S), on("scenario.present", "present", S),
        on("scenario.react", "react", P),
    ), parts={"scenarios": "state"}, report="report", module="scenario"),
    Activity("action_planning", N_("Action planning"), "actions", True, ("self_selected",), domain="goals", events=(
        on("goal.create", "create", S), on("goal.update", "update", E), on("goal.delete", "delete", S),
        on("goal.choice", "set_choice", S), on("goal.join", "join", E), on("goal.leave", "leave", E),
        on("goal.lead", "set_lead", E), on("action.create", "actions.create", E),
        on("action.update", "actions.update", E), on("action.delete", "actions.delete", E),
    ), live="goals", report="report", in_plan=True, sheets={"actions.csv": "actions.sheet"}, module="action_planning",
        named=True),
    Activity("commitments", N_("Commitments"), "actions", True, ("whole", "individual"), domain="commitments",
             events=(on("commitment.make", "make", P), on("commitment.withdraw", "withdraw", E)),
             report="report", in_plan=True, sheets={"commitments.csv": "sheet"}, module="commitments", named=True),
    Activity("transition_cafe", N_("Transition café"), "follow_up", True, ("self_selected",), domain="cafe",
             events=(on("progress.turn", "review_show", S),), live="progress", report="progress.report", in_plan=True,
             module="transition_cafe"),
    Activity("review", N_("Review meeting"), "follow_up", True, ("whole",), domain="progress", events=(
        on("progress.post", "post_update", E), on("progress.status", "set_status", E),
        on("progress.read", "mark_read", P), on("proposal.make", "proposals.propose", P),
        on("proposal.accept", "proposals.accept", E), on("proposal.decline", "proposals.decline", E),
    ), parts={"progress": "state", "proposals": "proposals.state"}, live="progress", report="report", in_plan=True,
        module="review"),
)

BY_NAME: dict[str, Activity] = {a.name: a for a in REGISTRY}
NAMES: tuple[str, ...] = tuple(BY_NAME)
NO_INPUT: tuple[str, ...] = tuple(a.name for a in REGISTRY if not a.takes_input)


def get(name: str) -> Activity | None:
    return BY_NAME.get(name)


def takes_input(name: str) -> bool:
    a = BY_NAME.get(name)
    return bool(a and a.takes_input)


def named_by_default(name: str) -> bool:
    a = BY_NAME.get(name)
    return bool(a and a.named)


def settings_of(name: str) -> tuple[str, ...]:
    """The session settings that change something in a session of activity *name*."""
    a = BY_NAME.get(name)
    return tuple(a.settings) if a else ()


def owner_of_table(table: str) -> Activity | None:
    """The activity whose own table *table* is (its ``tables``), if any."""
    return next((a for a in REGISTRY if table in a.tables), None)


def client_list(gettext: Callable[[str], str] = str) -> list[dict]:
    """The registry as the browser reads it, labels in the page's language."""
    return [a.client(gettext) for a in REGISTRY]


def in_phase(phase: str) -> list[Activity]:
    return [a for a in REGISTRY if a.phase == phase]
