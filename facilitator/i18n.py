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
    app.add_url_rule("/i18n/<version>/<language>/<path:module>", endpoint="catalogue_module", view_func=catalogue_file)
    app.add_template_global(catalogue_url)
    app.add_template_global(catalogue_base)


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


# --- the catalogue files for scripts ---------------------------------------------------------
# A page with scripts loads its language's words for them as one small script before its modules
# (templates/base.html: <script defer src="/i18n/<version>/<lang>/<entry>.js">), which adds them to
# globalThis.FACILITATOR_I18N for static/js/i18n.js. The words are those the page's entry module and
# every module it imports ask t()/tn() for (module_messages); an activity's module, imported later,
# brings its own words (i18n.js loadWords: /i18n/<version>/<lang>/activities/<name>.js). A page with an
# inline module gets the whole script catalogue (/i18n/<version>/<lang>.js). The version is a hash of
# every one of a language's files, so they are cached for a year and a new translation, or a word
# moved to another module, gets new URLs; an old version is still answered (today's words, revalidated).
CATALOGUE_GLOBAL = "FACILITATOR_I18N"
WHOLE = ""  # the whole script catalogue's name among a language's files


_STRING = r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
# t("...") and tn("...", "...", n) in scripts (also marker.t("...")), inside html`...` templates too,
# which pybabel's JavaScript lexer does not look into
SCRIPT_CALL = re.compile(rf"\btn?\(\s*({_STRING})")
# t(variable): a message the server handed the script (a key Python marks with N_()); not the
# definition of t itself (i18n.js)
DYNAMIC_CALL = re.compile(r"(?<!function )\btn?\((?!\s*[\"')])")
# import ... from "./x.js", export ... from "./x.js", import "./x.js", import("./x.js"): relative only
IMPORT = re.compile(r"""(?:\bimport\s*(?:[\w$*{}\s,]+?\sfrom\s*)?|\bexport\s*[\w$*{}\s,]+?\sfrom\s*|\bimport\(\s*)["'](\.{1,2}/[^"'`$]+\.js)["']""")
INLINE_MODULE = re.compile(r'<script type="module">(.*?)</script>', re.S)
ENTRY_MODULE = re.compile(r'<script type="module" src="/static/[0-9a-f]+/js/([^"]+\.js)"')
# N_("...") in Python, strings side by side joined
MARKED = re.compile(rf"\bN_\(\s*((?:(?:{_STRING})\s*)+)\)")
CALLEE = re.compile(r"([\w.]+)\s*$")
LINE_COMMENT = re.compile(r"^\s*//.*$", re.M)  # a comment's t("...") is an example, not a message
PY_COMMENT = re.compile(r"^\s*#.*$", re.M)


def _script_words(source: str) -> tuple[set[str], bool]:
    """(the messages a script names, whether it also translates a message it was handed)."""
    source = LINE_COMMENT.sub("", source)
    words = {_literal(m) for m in SCRIPT_CALL.findall(source)}
    words.discard(None)
    return words, bool(DYNAMIC_CALL.search(source))


@cache
def server_keys(root: Path = ROOT) -> frozenset[str]:
    """The keys the server hands scripts to translate: N_() in Python, but not a message given straight
    to an error (``DomainError(code, N_(...))``, ``ValidationError(N_(...))``), which the server
    translates itself."""
    keys: set[str] = set()
    for path in sorted((root / "facilitator").rglob("*.py")):
        keys.update(marked_keys(path.read_text("utf-8")))
    return frozenset(keys)


@cache
def module_messages(root: Path = ROOT) -> dict[str, frozenset[str]]:
    """For every module under static/js (its path there, "participant.js", "activities/notes.js"):
    the messages it and every module it imports (also by a literal ``import("./x.js")``) ask t()/tn()
    for, and the server's keys (server_keys) if one of them translates a message it was handed. Read
    with regular expressions (well under a second, once per process); tests/test_page_weight.py checks
    them against pybabel's extraction and against every module's own t() calls."""
    folder = root / "static" / "js"
    own: dict[str, tuple[set[str], bool]] = {}
    imports: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.js")):
        name = path.relative_to(folder).as_posix()
        source = path.read_text("utf-8")
        own[name] = _script_words(source) if name != "i18n.js" else (set(), False)
        imports[name] = set()
        for target in IMPORT.findall(LINE_COMMENT.sub("", source)):
            resolved = (path.parent / target).resolve()
            if resolved.is_relative_to(folder.resolve()):
                imports[name].add(resolved.relative_to(folder.resolve()).as_posix())
    keys = server_keys(root)
    out = {}
    for name in own:
        seen, todo = set(), [name]
        while todo:
            m = todo.pop()
            if m not in seen and m in own:
                seen.add(m)
                todo.extend(imports[m])
        words = set().union(*(own[m][0] for m in seen))
        if any(own[m][1] for m in seen):
            words |= keys
        out[name] = frozenset(words)
    return out


@cache
def script_messages(root: Path = ROOT) -> frozenset[str]:
    """Every message id scripts can ask t()/tn() for: those of every module under static/js
    (module_messages), of the inline modules of templates, and the keys the server hands scripts
    (server_keys). Messages only templates or Python translate themselves are not sent."""
    ids: set[str] = set(server_keys(root))
    for words in module_messages(root).values():
        ids |= words
    for path in sorted((root / "templates").rglob("*.html")):
        for source in INLINE_MODULE.findall(path.read_text("utf-8")):
            ids |= _script_words(source)[0]
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


def _catalogue_bytes(messages: dict) -> bytes:
    body = json.dumps(messages, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # added to what the page has already (a module's words come after the page's)
    name = f"globalThis.{CATALOGUE_GLOBAL}"
    return f"Object.assign({name} = {name} || {{}}, {body});\n".encode("utf-8")


def catalogue_files(language: str) -> tuple[str, dict[str, bytes]]:
    """(version, {name: bytes}) of ``language``'s catalogue files, made once per app and language:
    one per module under static/js (module_messages) and the whole one (name WHOLE)."""
    made = current_app.extensions["facilitator_catalogues"]
    if language not in made:
        with force_locale(language):
            texts = js_catalog()
        wanted = {WHOLE: script_messages(), **module_messages()}
        files = {name: _catalogue_bytes({k: v for k, v in texts.items() if k in words})
                 for name, words in wanted.items()}
        h = hashlib.sha256()
        for name in sorted(files):
            h.update(name.encode() + b"\0" + files[name] + b"\0")
        made[language] = (h.hexdigest()[:12], files)
    return made[language]


def _language() -> str:
    from flask_babel import get_locale

    language = str(get_locale())
    return language if language in LANGUAGES else "nl"


def catalogue_url(scripts: str = "") -> str:
    """The URL of the catalogue a page needs for ``scripts`` (its rendered scripts block): its entry
    module's words, or the whole catalogue for a page with an inline module or several entries."""
    from flask import url_for

    language = _language()
    version = catalogue_files(language)[0]
    entries = ENTRY_MODULE.findall(scripts)
    if len(entries) == 1 and not INLINE_MODULE.search(scripts) and entries[0] in module_messages():
        return url_for("catalogue_module", version=version, language=language, module=entries[0])
    return url_for("catalogue", version=version, language=language)


def catalogue_base() -> str:
    """Where i18n.js loads a module's words from (``<base><module path>``)."""
    from flask import url_for

    return url_for("catalogue_module", version=catalogue_files(_language())[0], language=_language(), module="")


def catalogue_file(version: str, language: str, module: str = WHOLE):
    if language not in LANGUAGES:
        abort(404)
    current, files = catalogue_files(language)
    if module not in files:
        abort(404)
    data = files[module]
    etag = hashlib.sha256(data).hexdigest()[:16]
    g.static_etag = etag  # compressed once and kept, as a static file (static_files.StaticCache)
    response = Response(data, mimetype="text/javascript")
    if version == current:
        response.headers["Cache-Control"] = static_files.IMMUTABLE  # never asked again: no ETag
        return response
    response.set_etag(etag)
    response.headers["Cache-Control"] = static_files.REVALIDATE
    return response.make_conditional(request)
