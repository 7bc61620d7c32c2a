"""Dutch and English through Flask-Babel. A person's choice (?lang=) wins, then the
conference's language on participant pages, then the browser's preference."""
from __future__ import annotations

import ast
import hashlib
import io
import json
import re
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from flask import Flask, Response, abort, current_app, g, has_app_context, request, session
from flask_babel import Babel, force_locale, gettext

from facilitator import static_files

LANGUAGES = ("nl", "en")
ROOT = Path(__file__).resolve().parent.parent
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
    app.extensions["facilitator_catalogues"] = {}
    app.add_url_rule("/i18n/<version>/<language>.js", endpoint="catalogue", view_func=catalogue_file)
    app.add_template_global(catalogue_url)


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


# --- the catalogue file for scripts ---------------------------------------------------------
# Pages with scripts load their language's catalogue as one small script before their modules
# (templates/base.html: <script defer src="/i18n/<version>/<lang>.js">), which sets
# globalThis.FACILITATOR_I18N for static/js/i18n.js. The version is a hash of the file's bytes, so
# the file is cached for a year and a new translation gets a new URL; an old version is still
# answered (with today's words, revalidated).
CATALOGUE_GLOBAL = "FACILITATOR_I18N"


_STRING = r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
# t("...") and tn("...", "...", n) in scripts (also marker.t("...")), inside html`...` templates too,
# which pybabel's JavaScript lexer does not look into
SCRIPT_CALL = re.compile(rf"\btn?\(\s*({_STRING})")
INLINE_MODULE = re.compile(r'<script type="module">(.*?)</script>', re.S)
# N_("...") in Python, strings side by side joined
MARKED = re.compile(rf"\bN_\(\s*((?:(?:{_STRING})\s*)+)\)")
CALLEE = re.compile(r"([\w.]+)\s*$")
LINE_COMMENT = re.compile(r"^\s*//.*$", re.M)  # a comment's t("...") is an example, not a message
PY_COMMENT = re.compile(r"^\s*#.*$", re.M)


@cache
def script_messages(root: Path = ROOT) -> frozenset[str]:
    """The message ids scripts can ask t()/tn() for: those written in static/js and in the inline
    modules of templates, and the keys the server hands scripts to translate, which Python marks with
    N_() (a notice, a decade's label, a theme's name), but not a message given straight to an error
    (``DomainError(code, N_(...))``, ``ValidationError(N_(...))``): an error's message is translated on
    the server. Messages only templates or Python translate themselves are not sent. Read with regular
    expressions (about 0.1 s, once per process, before serving); tests/test_page_weight.py checks them
    against pybabel's extraction (babel.cfg) and Python's own parser."""
    ids: set[str] = set()
    sources = [p.read_text("utf-8") for p in sorted((root / "static" / "js").rglob("*.js"))]
    for path in sorted((root / "templates").rglob("*.html")):
        sources += INLINE_MODULE.findall(path.read_text("utf-8"))
    for source in sources:
        ids.update(_literal(m) for m in SCRIPT_CALL.findall(LINE_COMMENT.sub("", source)))
    ids.discard(None)
    for path in sorted((root / "facilitator").rglob("*.py")):
        ids.update(marked_keys(path.read_text("utf-8")))
    return frozenset(ids)


def marked_keys(source: str) -> set[str]:
    """The N_() messages of a Python source that are not given straight to an ``...Error(``."""
    keys = set()
    source = PY_COMMENT.sub("", source)
    for m in MARKED.finditer(source):
        if not _callee(source, m.start()).endswith("Error"):
            keys.add(_literal(m.group(1)))
    keys.discard(None)
    return keys


def _callee(source: str, at: int) -> str:
    """The name of the call whose parenthesis is open at ``at`` ("" if none near)."""
    depth = 0
    for i in range(at - 1, max(-1, at - 400), -1):
        c = source[i]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                found = CALLEE.search(source, max(0, i - 80), i)
                return found.group(1) if found else ""
            depth -= 1
    return ""


def _literal(text: str) -> str | None:
    try:
        return ast.literal_eval(f"({text})")  # strings side by side, over lines
    except (SyntaxError, ValueError):  # an escape only JavaScript knows: not a message to look up
        return None


def catalogue_script(language: str) -> tuple[str, bytes]:
    """(version, bytes) of ``language``'s catalogue script, made once per app and language."""
    made = current_app.extensions["facilitator_catalogues"]
    if language not in made:
        wanted = script_messages()
        with force_locale(language):
            messages = {k: v for k, v in js_catalog().items() if k in wanted}
        body = json.dumps(messages, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        data = f"globalThis.{CATALOGUE_GLOBAL} = {body};\n".encode("utf-8")
        made[language] = (hashlib.sha256(data).hexdigest()[:12], data)
    return made[language]


def catalogue_url() -> str:
    from flask import url_for
    from flask_babel import get_locale

    language = str(get_locale())
    language = language if language in LANGUAGES else "nl"
    return url_for("catalogue", version=catalogue_script(language)[0], language=language)


def catalogue_file(version: str, language: str):
    if language not in LANGUAGES:
        abort(404)
    current, data = catalogue_script(language)
    g.static_etag = current  # compressed once and kept, as a static file (static_files.StaticCache)
    response = Response(data, mimetype="text/javascript")
    response.set_etag(current)
    response.headers["Cache-Control"] = static_files.IMMUTABLE if version == current else static_files.REVALIDATE
    return response.make_conditional(request)
