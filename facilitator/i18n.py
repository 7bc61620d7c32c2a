"""Dutch and English through Flask-Babel. A person's choice (?lang=) wins, then the
conference's language on participant pages, then the browser's preference."""
from __future__ import annotations

from contextlib import contextmanager
from functools import cache
from pathlib import Path

from flask import Flask, current_app, g, has_app_context, request, session
from flask_babel import Babel, force_locale, gettext

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


@cache
def _catalogue_app() -> Flask:
    """A bare app that only knows the catalogue: for words outside the web app (the CLI, scripts)."""
    app = Flask("facilitator", root_path=str(Path(__file__).parent))
    Babel(app)
    return app


@contextmanager
def in_language(language: str | None):
    """Words in ``language`` (gettext, Babel's dates) inside the block, whatever the page's language.

    Documents are written in the conference's language, whoever makes them and from where: in a
    request (Flask-Babel's ``force_locale``), and outside one (the CLI, tests), where a bare app
    context with the catalogue is pushed first. Yields the language used (nl or en).
    """
    chosen = language if language in LANGUAGES else "en"
    if has_app_context() and "babel" in current_app.extensions:
        with force_locale(chosen):
            yield chosen
    else:
        with _catalogue_app().app_context(), force_locale(chosen):
            yield chosen


def in_words_of(language: str | None, fn, *args, **kwargs):
    """``fn(*args, gettext=..., **kwargs)`` with gettext in ``language``: default words a domain
    function writes into the conference (a template's session titles, "Review meeting") are in the
    conference's language, whoever clicks."""
    with in_language(language):
        return fn(*args, gettext=gettext, **kwargs)


def error_text(err) -> str:
    """A DomainError's message in the current language."""
    return err.as_dict(gettext)["message"]


def js_catalog() -> dict:
    """The current language's messages for scripts: msgid -> text (or [singular, plural])."""
    from flask_babel import get_translations

    translations = get_translations()
    catalog = getattr(translations, "_catalog", {}) or {}
    out: dict = {}
    for key, text in catalog.items():
        if not key or not text:
            continue
        if isinstance(key, tuple):  # plural forms: (msgid, n)
            msgid, index = key
            forms = out.setdefault(msgid, ["", ""])
            if isinstance(forms, list) and index < 2:
                forms[index] = text
        else:
            out[key] = text
    return out
