"""The one registry of activity types: every place that lists activities reads it from here.

Per type: its code (``name``), its label (an English message, marked with ``N_`` and translated
where it is shown), the phase it usually belongs to, whether participants give input, the
groupings a session of it may have (the first is the usual one), the domain and live modules that
hold its rules and its socket events, the Word report section and CSV sheets that carry its
results, and the browser module under ``static/js/activities/`` that draws it.

Readers: the programme's validation (domain/programme.py), the room (input opens or stays closed,
domain/room.py), the labels of every page (web/labels.py), the setup pages, the exports
(export/docx_report.py, export/csv_export.py), the browser (templates/_activity_registry.html
hands :func:`client_list` to every live page as JSON) and tests/test_activity_registry.py.
docs/adding-an-activity.md says what to write to add one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from facilitator.domain.errors import N_

PHASES = {
    "opening": N_("Opening"), "past": N_("Past"), "present": N_("Present"),
    "shared_interest": N_("Shared interest"), "desired_future": N_("Desired future"), "actions": N_("Actions"),
    "break": N_("Break"), "closing": N_("Closing"), "follow_up": N_("Follow-up"),
}
GROUPINGS = {
    "whole": N_("Whole group"), "stakeholder": N_("Stakeholder groups"), "mixed": N_("Mixed tables"),
    "self_selected": N_("Self-selected groups"), "individual": N_("Individual"),
}


@dataclass(frozen=True)
class Activity:
    name: str
    label: str  # English message id (N_); translate where it is shown
    phase: str | None  # the phase it usually belongs to; None: it fits any phase
    takes_input: bool  # participants contribute: input opens when the facilitator moves here
    groupings: tuple[str, ...]  # the groupings a session of it may have; the first is the usual one
    domain: str | None = None  # module under facilitator/domain/ with its rules
    live: str | None = None  # module under facilitator/live/ with its socket events and snapshot part
    report: str | None = None  # the section function in facilitator/export/docx_report.py with its results
    sheets: tuple[str, ...] = ()  # its CSV sheets (facilitator/export/csv_export.py SHEETS)
    module: str | None = None  # static/js/activities/<module>.js; None: the room shows the plenary view
    named: bool = False  # contributions carry their author by default (else anonymous unless changed)

    def client(self, gettext: Callable[[str], str] = str) -> dict:
        """What the browser gets (see docs/protocol.md, "The activity registry")."""
        return {"name": self.name, "label": gettext(self.label), "phase": self.phase,
                "takes_input": self.takes_input, "groupings": list(self.groupings), "module": self.module}


ALL_GROUPINGS = tuple(GROUPINGS)

REGISTRY: tuple[Activity, ...] = (
    Activity("plenary", N_("Plenary"), "opening", False, ("whole",), module="plenary"),
    Activity("break", N_("Break"), "break", False, ("whole",)),
    Activity("notes", N_("Sticky notes"), None, True, ALL_GROUPINGS, domain="notes", live="notes", report="notes",
             sheets=("notes.csv",), module="notes"),
    Activity("timeline", N_("Timelines"), "past", True, ("individual", "whole"), domain="timelines",
             live="timelines", report="timelines", module="timeline"),
    Activity("timeline_review", N_("Timeline review"), "past", True, ("mixed",), domain="timeline_reviews",
             live="timelines", report="timelines", module="timeline_review"),
    Activity("trend_map", N_("Trend map"), "present", True, ("whole",), domain="trends", live="trends",
             report="present", module="trend_map"),
    Activity("dot_vote", N_("Dot vote"), "present", True, ("stakeholder", "whole", "individual"), domain="dotvotes",
             live="dotvotes", report="dot_votes", sheets=("votes.csv",), module="dot_vote"),
    Activity("trend_response", N_("Trend response"), "present", True, ("stakeholder",), domain="trend_responses",
             live="trend_responses", report="trend_responses", module="trend_response"),
    Activity("prouds_sorries", N_("Prouds and sorries"), "present", True, ("stakeholder",), domain="prouds",
             live="prouds", report="prouds_sorries", module="prouds_sorries"),
    Activity("statements", N_("Statements"), "shared_interest", True, ("whole", "individual"), domain="statements",
             live="statements", report="statement_results", sheets=("statement_answers.csv",), module="statements"),
    Activity("common_ground", N_("Common ground"), "shared_interest", True, ("mixed",), domain="common_ground",
             live="common_ground", report="not_agreed", module="common_ground"),
    Activity("common_ground_confirm", N_("Confirming common ground"), "shared_interest", True, ("whole",),
             domain="common_ground", live="common_ground", report="common_ground", module="common_ground_confirm"),
    Activity("scenario", N_("Desired future scenario"), "desired_future", True, ("mixed",), domain="scenarios",
             live="scenarios", report="scenarios", module="scenario"),
    Activity("action_planning", N_("Action planning"), "actions", True, ("self_selected",), domain="goals",
             live="goals", report="goals_and_actions", sheets=("actions.csv",), module="action_planning", named=True),
    Activity("commitments", N_("Commitments"), "actions", True, ("whole", "individual"), domain="commitments",
             live="commitments", report="commitments", sheets=("commitments.csv",), module="commitments",
             named=True),
    Activity("transition_cafe", N_("Transition café"), "follow_up", True, ("self_selected",), domain="cafe",
             live="progress", report="progress", module="transition_cafe"),
    Activity("review", N_("Review meeting"), "follow_up", True, ("whole",), domain="progress", live="progress",
             report="progress", module="review"),
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


def client_list(gettext: Callable[[str], str] = str) -> list[dict]:
    """The registry as the browser reads it, labels in the page's language."""
    return [a.client(gettext) for a in REGISTRY]


def in_phase(phase: str) -> list[Activity]:
    return [a for a in REGISTRY if a.phase == phase]
