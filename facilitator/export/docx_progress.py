"""The Word plan's progress section on its own (docx_report writes it as the review meeting's
section): :func:`facilitator.domain.progress.progress_blocks`, written into a python-docx document::

    from facilitator.export import docx_progress
    docx_progress.add_progress_section(document, db, conference_id, "nl")

Its words come from the gettext catalogue: in the current language, or in ``language`` when one is
given ("en", "nl"). The section never names anyone: updates are by "a lead" or "the organisers".
"""
from __future__ import annotations

from contextlib import nullcontext

from flask_babel import gettext as _

from facilitator import i18n
from facilitator.domain import conferences, progress


def add_progress_section(document, db, conference_id: int, language: str | None = None, *, level: int = 1) -> None:
    """Append the progress section (a heading of ``level`` and its content) to ``document``."""
    from facilitator.export.docx_report import Doc
    from facilitator.export.words import date_text, lens_label

    with i18n.in_language(language) if language else nullcontext():
        d = Doc(db, conferences.get(db, conference_id), "plan", True, gettext=_, date_text=date_text,
                lens_label=lens_label, document=document)
        d.write(progress.progress_blocks(d, level))
