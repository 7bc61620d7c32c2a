"""Human labels for the programme's codes, in the current language (template globals).

The codes and their English messages live in one place, the activity registry
(facilitator/domain/activities.py); this module only makes them lazy translations for pages.
"""
from datetime import date

from flask_babel import format_date, gettext, lazy_gettext as _l

from facilitator.domain import activities
from facilitator.domain.conferences import LENS_LABELS as LENS_MESSAGES

PHASE_LABELS = {k: _l(message) for k, message in activities.PHASES.items()}
ACTIVITY_LABELS = {a.name: _l(a.label) for a in activities.REGISTRY}
GROUPING_LABELS = {k: _l(message) for k, message in activities.GROUPINGS.items()}
MODE_LABELS = {"room": _l("In the room"), "online": _l("Online"), "hybrid": _l("Hybrid")}
LANGUAGE_LABELS = {"nl": "Nederlands", "en": "English"}
LENS_LABELS = {k: _l(message) for k, message in LENS_MESSAGES.items()}


def format_day(value: str) -> str:
    try:
        return format_date(date.fromisoformat(value), "EEEE d MMMM yyyy")
    except (TypeError, ValueError):
        return value


def long_date(value) -> str:
    """A date (or a timestamp's date) in the page's language: "1 september 2024"."""
    try:
        return format_date(date.fromisoformat(str(value)[:10]), "d MMMM yyyy")
    except (TypeError, ValueError):
        return value or ""


def activity_registry() -> list[dict]:
    """The registry for the browser, labels in the page's language (templates/_activity_registry.html)."""
    return activities.client_list(gettext)


def init_app(app) -> None:
    app.jinja_env.globals.update(
        phase_label=lambda k: PHASE_LABELS.get(k, k),
        activity_label=lambda k: ACTIVITY_LABELS.get(k, k),
        grouping_label=lambda k: GROUPING_LABELS.get(k, k),
        mode_label=lambda k: MODE_LABELS.get(k, k),
        lens_label=lambda k: LENS_LABELS.get(k, k),
        activity_registry=activity_registry,
        PHASE_LABELS=PHASE_LABELS, ACTIVITY_LABELS=ACTIVITY_LABELS, GROUPING_LABELS=GROUPING_LABELS,
        MODE_LABELS=MODE_LABELS, LANGUAGE_LABELS=LANGUAGE_LABELS,
    )
    app.jinja_env.filters["format_day"] = format_day
    app.jinja_env.filters["long_date"] = long_date
