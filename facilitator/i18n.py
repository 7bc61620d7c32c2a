"""Dutch and English through Flask-Babel. A person's choice (?lang=) wins, then the
conference's language on participant pages, then the browser's preference."""
from __future__ import annotations

from flask import g, request, session
from flask_babel import Babel, gettext

LANGUAGES = ("nl", "en")
babel = Babel()


def select_locale() -> str:
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    conference_language = getattr(g, "conference_language", None)
    if conference_language in LANGUAGES:
        return conference_language
    return request.accept_languages.best_match(LANGUAGES) or "nl"


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale)


def error_text(err) -> str:
    """A DomainError's message in the current language."""
    return err.as_dict(gettext)["message"]
