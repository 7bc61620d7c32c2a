"""The codes the Word documents turn into words, as messages of the one gettext catalogue.

No translations live here: each code maps to its English message (``N_``), translated with
``gettext`` while a document is built under :func:`facilitator.i18n.in_language` (the
conference's language). Dates are formatted by Babel in that language.
"""
from __future__ import annotations

from datetime import date

from flask_babel import format_date, gettext

from facilitator.domain import activities
from facilitator.domain.conferences import LENS_LABELS
from facilitator.domain.errors import N_
from facilitator.domain.reporting import STATUSES

WORD_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}  # the language Word marks the text with (spelling check)
KIND_TITLES = {"plan": N_("Action plan"), "report": N_("Conference report")}


def date_text(iso: str | None) -> str:
    """2021-06-03 -> "3 June 2021" / "3 juni 2021", in the current language."""
    try:
        return format_date(date.fromisoformat((iso or "")[:10]), "d MMMM yyyy")
    except (TypeError, ValueError):
        return iso or ""


def phase_label(code: str) -> str:
    return gettext(activities.PHASES[code]) if code in activities.PHASES else code


def lens_label(lens: str) -> str:
    """A default lens in words; a lens the organisers named themselves stays as they wrote it."""
    return gettext(LENS_LABELS[lens]) if lens in LENS_LABELS else lens


def status_label(code: str) -> str:
    return gettext(STATUSES[code]) if code in STATUSES else code
