"""Human labels for the programme's codes, in the current language (template globals)."""
from datetime import date

from flask_babel import format_date, lazy_gettext as _l

PHASE_LABELS = {
    "opening": _l("Opening"), "past": _l("Past"), "present": _l("Present"),
    "shared_interest": _l("Shared interest"), "desired_future": _l("Desired future"), "actions": _l("Actions"),
    "break": _l("Break"), "closing": _l("Closing"), "follow_up": _l("Follow-up"),
}
ACTIVITY_LABELS = {
    "plenary": _l("Plenary"), "break": _l("Break"), "notes": _l("Sticky notes"), "timeline": _l("Timelines"),
    "timeline_review": _l("Timeline review"), "trend_map": _l("Trend map"), "dot_vote": _l("Dot vote"),
    "trend_response": _l("Trend response"), "prouds_sorries": _l("Prouds and sorries"), "statements": _l("Statements"),
    "common_ground": _l("Common ground"), "common_ground_confirm": _l("Confirming common ground"),
    "scenario": _l("Desired future scenario"), "action_planning": _l("Action planning"),
    "commitments": _l("Commitments"), "transition_cafe": _l("Transition café"), "review": _l("Review meeting"),
}
GROUPING_LABELS = {
    "whole": _l("Whole group"), "stakeholder": _l("Stakeholder groups"), "mixed": _l("Mixed tables"),
    "self_selected": _l("Self-selected groups"), "individual": _l("Individual"),
}
MODE_LABELS = {"room": _l("In the room"), "online": _l("Online"), "hybrid": _l("Hybrid")}
LANGUAGE_LABELS = {"nl": "Nederlands", "en": "English"}
LENS_LABELS = {"personal": _l("Personal"), "local": _l("Local"), "global": _l("Global")}


def format_day(value: str) -> str:
    try:
        return format_date(date.fromisoformat(value), "EEEE d MMMM yyyy")
    except (TypeError, ValueError):
        return value


def init_app(app) -> None:
    app.jinja_env.globals.update(
        phase_label=lambda k: PHASE_LABELS.get(k, k),
        activity_label=lambda k: ACTIVITY_LABELS.get(k, k),
        grouping_label=lambda k: GROUPING_LABELS.get(k, k),
        mode_label=lambda k: MODE_LABELS.get(k, k),
        lens_label=lambda k: LENS_LABELS.get(k, k),
        PHASE_LABELS=PHASE_LABELS, ACTIVITY_LABELS=ACTIVITY_LABELS, GROUPING_LABELS=GROUPING_LABELS,
        MODE_LABELS=MODE_LABELS, LANGUAGE_LABELS=LANGUAGE_LABELS,
    )
    app.jinja_env.filters["format_day"] = format_day
