"""The participant page's weight: compression when the browser asks (Flask-Compress, br and gzip),
static files under a content hash cached for a year, the script catalogue as a cached file per
language (facilitator/static_files.py, facilitator/compression.py, facilitator/i18n.py)."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys

import brotli
import pytest
from flask import Flask

from facilitator import i18n, static_files
from tests.conftest import PHONE, ROOT

STATIC_URL = re.compile(r'(?:src|href)="(/static/[^"]+)"')
DIGEST = re.compile(r"^/static/[0-9a-f]{12}/")


def decoded(response) -> bytes:
    encoding = response.headers.get("Content-Encoding")
    data = response.get_data()
    return {"br": brotli.decompress, "gzip": gzip.decompress}[encoding](data) if encoding else data


@pytest.fixture
def phone_url(app, db, sample_id):
    token = db.execute("select token from participants where conference_id = ? order by id limit 1",
                       [sample_id]).fetchone()[0]
    return f"/p/{token}"


# --- compression --------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_the_page_and_its_files_are_compressed_when_the_browser_asks(client, phone_url, encoding):
    plain = client.get(phone_url + "?lang=nl", headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    asked = client.get(phone_url + "?lang=nl", headers={"Accept-Encoding": f"{encoding}"})
    assert asked.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in asked.headers["Vary"]
    assert len(asked.get_data()) < len(plain.get_data()) / 3
    assert decoded(asked) == plain.get_data()
    for url in STATIC_URL.findall(plain.get_data(as_text=True)):
        if url.endswith((".js", ".css")):
            got = client.get(url, headers={"Accept-Encoding": f"{encoding}, deflate"})
            assert got.headers.get("Content-Encoding") == encoding, url
            assert decoded(got) == (ROOT / "static" / DIGEST.sub("", url)).read_bytes(), url


def test_nothing_is_compressed_for_a_browser_that_does_not_ask(client, phone_url):
    page = client.get(phone_url)
    assert "Content-Encoding" not in page.headers
    script = client.get("/static/js/live.js")
    assert "Content-Encoding" not in script.headers
    assert script.get_data() == (ROOT / "static/js/live.js").read_bytes()


def test_brotli_is_chosen_over_gzip_and_zstd_is_not_sent(client, phone_url):
    page = client.get(phone_url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert page.headers["Content-Encoding"] == "br"
    assert client.get(phone_url, headers={"Accept-Encoding": "zstd"}).headers.get("Content-Encoding") is None


def test_a_compressed_catalogue_is_kept_but_a_page_never_is(app, client, db, sample_id, phone_url):
    """Flask-Compress's cache holds the same bytes for everybody only: two people's pages stay their own."""
    tokens = [r[0] for r in db.execute("select token from participants where conference_id = ? order by id limit 2",
                                       [sample_id]).fetchall()]
    pages = [decoded(client.get(f"/p/{t}", headers={"Accept-Encoding": "br"})) for t in tokens]
    assert pages[0] != pages[1]
    cache = app.extensions["facilitator_compress"].cache
    assert isinstance(cache, static_files.StaticCache) and not any("/p/" in k for k in cache.data)
    ((url, _lang, _base),) = CATALOGUE_TAG.findall(pages[0].decode("utf-8"))
    first = client.get(url, headers={"Accept-Encoding": "br"})
    assert any(k.startswith(f"br;{url}|") for k in cache.data)
    kept = dict(cache.data)
    later = client.get(url, headers={"Accept-Encoding": "br"})
    assert later.get_data() == first.get_data() and cache.data == kept


def static_app(folder, compressed):
    from facilitator import compression

    app = Flask("t", static_folder=None)
    static_files.init_app(app, folder, compressed)
    compression.init_app(app)
    return app


def test_static_text_files_go_out_at_brotli_and_gzip_best_made_once_per_release(tmp_path, monkeypatch):
    """Level 11 / level 9, made the first time a browser asks, kept in memory and in the folder, so
    the next process of the same release only reads them; Flask-Compress does not compress again."""
    folder, kept = tmp_path / "static", tmp_path / "compressed"
    (folder / "js").mkdir(parents=True)
    script = (ROOT / "static/js/live.js").read_bytes()
    (folder / "js" / "live.js").write_bytes(script)
    (folder / "js" / "tiny.js").write_bytes(b"export {};\n")
    client = static_app(folder, kept).test_client()
    br = client.get("/static/js/live.js", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br.headers["Content-Encoding"] == "br" and br.headers["Vary"] == "Accept-Encoding"
    assert br.get_data() == brotli.compress(script, quality=11)  # not Flask-Compress's level 5
    assert len(br.get_data()) < len(brotli.compress(script, quality=5))
    gz = client.get("/static/js/live.js", headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.get_data()) == script
    assert len(gz.get_data()) == len(gzip.compress(script, compresslevel=9, mtime=0))
    assert client.get("/static/js/live.js", headers={"Accept-Encoding": "br;q=0, gzip"}).headers["Content-Encoding"] == "gzip"
    plain = client.get("/static/js/live.js", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.get_data() == script
    tiny = client.get("/static/js/tiny.js", headers={"Accept-Encoding": "br"})  # compressing would add bytes
    assert "Content-Encoding" not in tiny.headers and tiny.get_data() == b"export {};\n"
    assert sorted(p.suffix for p in kept.iterdir()) == [".br", ".br", ".gz"]  # tiny.js: only br was asked

    def never(data):
        raise AssertionError("compressed again")

    monkeypatch.setattr(static_files.Precompressed, "ENCODINGS", {"br": never, "gzip": never})
    again = static_app(folder, kept).test_client()  # the next process of the same release
    assert again.get("/static/js/live.js", headers={"Accept-Encoding": "br"}).get_data() == br.get_data()
    assert again.get("/static/js/live.js", headers={"Accept-Encoding": "gzip"}).get_data() == gz.get_data()


def test_a_revalidated_static_file_has_an_etag_per_encoding(tmp_path):
    folder = tmp_path / "static"
    (folder / "css").mkdir(parents=True)
    (folder / "css" / "app.css").write_bytes((ROOT / "static/css/app.css").read_bytes())
    client = static_app(folder, None).test_client()  # memory only
    br = client.get("/static/css/app.css", headers={"Accept-Encoding": "br"})
    plain = client.get("/static/css/app.css")
    assert br.headers["Cache-Control"] == plain.headers["Cache-Control"] == "no-cache"
    assert br.headers["ETag"] != plain.headers["ETag"]
    again = client.get("/static/css/app.css", headers={"Accept-Encoding": "br", "If-None-Match": br.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()


def test_downloads_go_out_as_they_are(organiser_client, sample_id):
    base = f"/organiser/c/{sample_id}/export/download"
    word = organiser_client.get(base + "?format=docx&kind=plan", headers={"Accept-Encoding": "br, gzip"})
    assert word.status_code == 200 and "Content-Encoding" not in word.headers
    assert word.get_data()[:2] == b"PK"
    backup = organiser_client.get(base + "?format=json", headers={"Accept-Encoding": "br, gzip"})
    assert backup.status_code == 200 and "Content-Encoding" not in backup.headers  # a file stream: passed on
    assert json.loads(backup.get_data())


def test_the_socket_io_endpoint_is_not_compressed_by_flask(client):
    """Flask-SocketIO's middleware answers /socket.io/ before Flask: Flask-Compress never sees it
    (engine.io compresses long-polling itself, gzip or deflate only, never br)."""
    handshake = client.get("/socket.io/?EIO=4&transport=polling", headers={"Accept-Encoding": "br"})
    assert handshake.status_code == 200
    assert handshake.headers.get("Content-Encoding") is None
    assert handshake.get_data(as_text=True).startswith("0{")


# --- hashed static URLs -------------------------------------------------------------------

def test_every_static_url_of_the_page_is_hashed_and_cached_for_a_year(client, phone_url):
    page = client.get(phone_url).get_data(as_text=True)
    urls = STATIC_URL.findall(page)
    assert any(u.endswith("participant.js") for u in urls) and any(u.endswith("app.css") for u in urls)
    for url in urls:
        assert DIGEST.match(url), url
        got = client.get(url)
        assert got.status_code == 200, url
        assert got.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
        assert "Set-Cookie" not in got.headers, url


def test_unhashed_and_old_urls_still_work_and_are_revalidated(client):
    plain = client.get("/static/css/app.css")
    assert plain.status_code == 200 and plain.headers["Cache-Control"] == "no-cache"
    again = client.get("/static/css/app.css", headers={"If-None-Match": plain.headers["ETag"].strip('"')})
    assert again.status_code == 304
    old = client.get("/static/000000000000/css/app.css")  # a page opened before a release
    assert old.status_code == 200 and old.headers["Cache-Control"] == "no-cache"
    assert old.get_data() == plain.get_data()
    assert client.get("/static/css/none.css").status_code == 404
    assert client.get("/static/../facilitator/app.py").status_code == 404


def test_the_hash_changes_when_a_file_changes(tmp_path):
    folder = tmp_path / "static"
    (folder / "js").mkdir(parents=True)
    (folder / "js" / "a.js").write_text("export const a = 1;\n")
    app = Flask("t", static_folder=None)
    static_files.init_app(app, folder)
    with app.test_request_context():
        from flask import url_for

        first = url_for("static", filename="js/a.js")
    client = app.test_client()
    assert client.get(first).headers["Cache-Control"].endswith("immutable")
    (folder / "js" / "a.js").write_text("export const a = 2;\n")
    app2 = Flask("t2", static_folder=None)  # the next release: a new process
    static_files.init_app(app2, folder)
    with app2.test_request_context():
        second = url_for("static", filename="js/a.js")
    assert second != first and second.endswith("/js/a.js")
    client2 = app2.test_client()
    assert client2.get(second).get_data() == b"export const a = 2;\n"
    assert client2.get(first).headers["Cache-Control"] == "no-cache"  # the old URL: today's file, revalidated


def test_no_module_leaves_the_hashed_prefix():
    """Modules import each other by relative URL, so they stay under /static/<digest>/; an absolute
    /static/ import would load outside it (unhashed). Stylesheets named by activities go through
    staticUrl() (ui/view.js)."""
    absolute = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(\s*)["']/static/""")
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "static" / "js").rglob("*.js")
                 if absolute.search(p.read_text("utf-8"))]
    assert not offenders


# --- the catalogue --------------------------------------------------------------------------

CATALOGUE_TAG = re.compile(r'<script defer src="(/i18n/[0-9a-f]{12}/(\w+)(?:/[\w/]+)?\.js)" '
                           r'data-catalogue="(/i18n/[0-9a-f]{12}/\w+/)"></script>')
CATALOGUE_BODY = re.compile(r"^Object\.assign\(globalThis\.FACILITATOR_I18N = globalThis\.FACILITATOR_I18N \|\| \{\}, "
                            r"(.*)\);\n$", re.S)


def words_of(response) -> dict:
    found = CATALOGUE_BODY.match(decoded(response).decode("utf-8"))
    assert found, decoded(response)[:80]
    return json.loads(found.group(1))


def test_each_page_gets_its_own_words_in_a_cached_file(client, phone_url):
    """The participant page's catalogue holds the words of participant.js and the modules it
    imports, not the cockpit's nor the activities' (they come with their module)."""
    seen = {}
    for language in ("nl", "en"):
        page = client.get(f"{phone_url}?lang={language}").get_data(as_text=True)
        assert 'id="i18n"' not in page  # not inlined
        ((url, lang, base),) = CATALOGUE_TAG.findall(page)
        assert lang == language and url == base + "participant.js"
        got = client.get(url, headers={"Accept-Encoding": "br"})
        assert got.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert got.headers["Content-Type"].startswith("text/javascript") and "Set-Cookie" not in got.headers
        words = words_of(got)
        seen[language] = (url, base, words)
    url, base, nl = seen["nl"]
    assert nl["Connected"] == "Verbonden"  # live_bits.js, imported by participant.js
    assert nl["From the facilitator:"] == "Van de facilitator:"  # participant.js itself
    assert "%(num)d dot" not in nl  # an activity's: comes with activities/trend_response.js
    assert "Sign out" not in nl  # only templates say it
    assert len(json.dumps(nl)) < len(json.dumps(words_of(client.get(base[:-1] + ".js")))) / 10
    assert "Connected" not in seen["en"][2]
    assert seen["en"][0] != url


def test_an_activity_module_brings_its_own_words(client, phone_url):
    page = client.get(f"{phone_url}?lang=nl").get_data(as_text=True)
    ((_url, _lang, base),) = CATALOGUE_TAG.findall(page)
    dots = client.get(base + "activities/trend_response.js")
    assert dots.headers["Cache-Control"].endswith("immutable")
    assert words_of(dots)["%(num)d dot"] == ["%(num)d stip", "%(num)d stippen"]  # tn(), both forms
    notes = words_of(client.get(base + "activities/notes.js"))
    assert notes["Nobody sees who wrote a note."]  # a key the server hands notes.js (N_), t(part.names_notice)
    assert client.get(base + "activities/none.js").status_code == 404
    assert client.get(base + "../../nl.js").status_code == 404


def test_a_page_with_an_inline_module_gets_the_whole_catalogue(organiser_client, sample_id):
    page = organiser_client.get(f"/organiser/c/{sample_id}/plan/?lang=nl").get_data(as_text=True)
    ((url, _lang, base),) = CATALOGUE_TAG.findall(page)
    assert url == base[:-1] + ".js"
    words = words_of(organiser_client.get(url))
    assert words["Connected"] == "Verbonden" and words["%(num)d dot"]
    assert set(words) == {k for k in i18n.script_messages() if k in words} and len(words) > 500


def test_an_old_catalogue_url_is_answered_and_revalidated(client, phone_url):
    page = client.get(f"{phone_url}?lang=nl").get_data(as_text=True)
    ((url, _lang, _base),) = CATALOGUE_TAG.findall(page)
    stale = client.get(re.sub(r"/i18n/[0-9a-f]{12}/", "/i18n/000000000000/", url))
    assert stale.status_code == 200 and stale.headers["Cache-Control"] == "no-cache"
    assert stale.get_data() == client.get(url).get_data()
    again = client.get(re.sub(r"/i18n/[0-9a-f]{12}/", "/i18n/000000000000/", url),
                       headers={"If-None-Match": stale.headers["ETag"].strip('"')})
    assert again.status_code == 304 and not again.get_data()
    assert client.get("/i18n/000000000000/fr.js").status_code == 404
    assert client.get("/i18n/000000000000/fr/participant.js").status_code == 404


# A test's own reading of the modules, simpler than i18n.py's: literal t("...")/tn("...") calls and
# `from "./x.js"` imports.
OWN_CALL = re.compile(r"""\btn?\(\s*"((?:[^"\\]|\\.)*)"|\btn?\(\s*'((?:[^'\\]|\\.)*)'""")
OWN_IMPORT = re.compile(r"""from\s*["'](\.\.?/[^"']+)["']""")


def test_every_word_a_module_uses_is_in_the_catalogue_it_gets():
    """Each module's catalogue has every t("...") of the module and everything its imports' have;
    a module that translates what the server hands it (t(variable)) has the server's keys."""
    folder = ROOT / "static" / "js"
    catalogues = i18n.module_messages()
    keys = i18n.server_keys()
    assert len(catalogues) > 40 and keys
    for path in folder.rglob("*.js"):
        name = path.relative_to(folder).as_posix()
        source = re.sub(r"^\s*//.*$", "", path.read_text("utf-8"), flags=re.M)
        own = {json.loads(f'"{a or b}"') if a else b for a, b in OWN_CALL.findall(source)}
        assert own <= catalogues[name], (name, own - catalogues[name])
        for target in OWN_IMPORT.findall(source):
            imported = (path.parent / target).resolve()
            if imported.is_relative_to(folder.resolve()):  # not a vendored library
                imported = imported.relative_to(folder.resolve()).as_posix()
                assert catalogues[imported] <= catalogues[name], (name, imported)
        if name != "i18n.js" and re.search(r"\bt\((?!\s*[\"')])", source):
            assert keys <= catalogues[name], name
    assert "Nobody sees who wrote a note." in keys and "Sign out" not in keys


def test_every_message_scripts_use_is_in_the_catalogue(tmp_path):
    """What pybabel extracts from static/js (babel.cfg) is all in the script catalogue."""
    pot = tmp_path / "js.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg",
                    "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    from babel.messages.pofile import read_po

    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot.open("rb"))
              if m.id and any(path.startswith("static/js/") for path, _ in m.locations)}
    assert len(wanted) > 100
    assert not wanted - i18n.script_messages()


def test_the_keys_python_hands_scripts_are_read_as_pythons_parser_reads_them():
    """i18n.marked_keys (regular expressions, fast) against Python's own parser: every N_("...")
    that is not an argument of an ...Error() call."""
    import ast

    def parsed(source):
        tree, keys = ast.parse(source), set()
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                parent = parents.get(node)
                if isinstance(parent, ast.keyword):
                    parent = parents.get(parent)
                callee = (getattr(parent.func, "id", None) or getattr(parent.func, "attr", None) or ""
                          if isinstance(parent, ast.Call) else "")
                if not callee.endswith("Error"):
                    keys.add(node.args[0].value)
        return keys

    checked = 0
    for path in (ROOT / "facilitator").rglob("*.py"):
        if path.name == "i18n.py":  # speaks of N_(...) in its docstrings
            continue
        source = path.read_text("utf-8")
        assert i18n.marked_keys(source) == parsed(source), path
        checked += bool(parsed(source))
    assert checked > 10


# --- in the browser -------------------------------------------------------------------------

@pytest.mark.browser
def test_the_participant_page_loads_every_module_from_the_hashed_prefix(server, browser):
    db = server.db()
    token = db.execute("select token from participants order by id limit 1").fetchone()[0]
    db.close()
    ctx = browser(**PHONE)
    page = ctx.new_page()
    failed, errors, static = [], [], []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: static.append(r.url.split(server.url, 1)[-1]) if "/static/" in r.url else None)
    page.goto(f"{server.url}/p/{token}?lang=nl")
    page.locator('[data-live="status"][data-status="connected"]').wait_for()
    from playwright.sync_api import expect

    expect(page.locator('[data-live="status"]')).to_contain_text("Verbonden")  # Dutch, from the catalogue file
    assert not failed and not errors
    assert len(static) > 10 and all(DIGEST.match(u) for u in static), static
    assert any("/vendor/socket.io/" in u for u in static) and any("/vendor/preact/" in u for u in static)


@pytest.mark.browser
@pytest.mark.parametrize("screen", ["phone", "cockpit"])
def test_every_module_that_loads_has_its_words_in_dutch(server, browser, screen):
    """The phone (or the cockpit) moves through three activities; each activity's module loads with
    its own catalogue, every t("...") of every module the page loaded is in a catalogue it loaded, and
    no English message of an activity's module shows where its Dutch should."""
    from playwright.sync_api import expect

    from facilitator.domain import programme
    from tests.cockpit_helpers import catalogue
    from tests.conftest import sign_in
    from tests.room_helpers import goto

    db = server.db()
    cid, token = db.execute("select conference_id, token from participants order by id limit 1").fetchone()
    session_of = {s["activity"]: s["id"] for s in programme.sessions(db, cid)}
    ctx = browser(**PHONE) if screen == "phone" else browser(viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    if screen == "cockpit":
        sign_in(page, server.url)
    modules, catalogues = set(), []
    page.on("response", lambda r: (catalogues.append(r) if "/i18n/" in r.url else
                                   modules.add(DIGEST.sub("", r.url.split(server.url, 1)[-1])) if "/static/" in r.url
                                   and r.url.endswith(".js") and "/vendor/" not in r.url else None))
    entry = "participant.js" if screen == "phone" else "cockpit.js"
    page.goto(f"{server.url}/p/{token}?lang=nl" if screen == "phone" else f"{server.url}/organiser/c/{cid}/cockpit/?lang=nl")
    expect(page.locator('[data-live="status"]')).to_have_attribute("data-status", "connected")
    dutch = catalogue(ROOT / "facilitator/translations/nl/LC_MESSAGES/messages.po")
    for activity in ("dot_vote", "prouds_sorries", "statements"):
        goto(db, cid, session_of[activity])
        shown = page.locator(f'.activity[data-activity="{activity}"]')
        expect(shown).to_be_visible()
        page.wait_for_load_state("networkidle")
        text = shown.inner_text()
        own = module_words(ROOT / "static" / "js" / "activities" / f"{activity}.js")
        english = [w for w in own if "%(" not in w and len(w) > 12 and dutch.get(w, w) != w and w in text]
        assert not english, (activity, english)
    db.close()
    assert modules >= {f"js/{entry}", "js/activities/dot_vote.js", "js/activities/statements.js"}
    words = {}
    for response in catalogues:
        assert response.status == 200, response.url
        words.update(json.loads(CATALOGUE_BODY.match(response.body().decode()).group(1)))
    assert {r.url.split("/nl/", 1)[-1] for r in catalogues} >= {entry, "activities/dot_vote.js",
                                                                "activities/prouds_sorries.js", "activities/statements.js"}
    missing = {m: sorted(module_words(ROOT / "static" / m) - set(words)) for m in modules}
    assert not any(missing.values()), missing


def module_words(path) -> set[str]:
    source = re.sub(r"^\s*//.*$", "", path.read_text("utf-8"), flags=re.M)
    return {json.loads(f'"{a}"') if a else b for a, b in OWN_CALL.findall(source)}


@pytest.mark.browser
def test_a_reload_asks_the_network_for_the_page_only(server, browser):
    """Every file came with a year's immutable cache: a reload takes them all from the browser's cache
    without asking (no revalidation, not even a 304); only the page itself comes again."""
    db = server.db()
    token = db.execute("select token from participants order by id limit 1").fetchone()[0]
    db.close()
    ctx = browser(**PHONE)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    network, cached = [], set()
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    cdp.on("Network.responseReceived", lambda e: network.append(
        (e["requestId"], e["response"]["url"].split(server.url, 1)[-1], e["response"]["status"],
         e["response"].get("fromDiskCache") or e["response"].get("fromMemoryCache"))))
    url = f"{server.url}/p/{token}?lang=nl"
    page.goto(url, wait_until="networkidle")
    first = [(path, status) for rid, path, status, from_cache in network if not from_cache and rid not in cached]
    assert len(first) > 10 and all(status == 200 for _path, status in first), first
    network.clear()
    page.reload(wait_until="networkidle")
    again = [(path, status) for rid, path, status, from_cache in network if not from_cache and rid not in cached]
    assert [path for path, _status in again if not path.startswith("/socket.io/")] == [url.split(server.url, 1)[-1]], again
    assert any(path.startswith("/static/") for _rid, path, _status, from_cache in network if from_cache)


def test_the_server_makes_a_fresh_releases_files_in_the_background(tmp_path, templates, monkeypatch):
    """Under gevent the first request for a file is not held up by brotli's level 11: it goes out as
    Flask-Compress makes it (or already at level 11 if the background was quicker), and soon every
    request gets the level-11 bytes, which are then in the server's folder for the next process."""
    import time

    import requests

    from tests.conftest import ServerProcess

    kept = tmp_path / "compressed"
    monkeypatch.setenv("FACILITATOR_STATIC_COMPRESSED", str(kept))
    server = ServerProcess(tmp_path, templates=templates).start()
    try:
        script = (ROOT / "static/vendor/socket.io/socket.io.esm.min.js").read_bytes()
        best = brotli.compress(script, quality=11)
        url = server.url + "/static/vendor/socket.io/socket.io.esm.min.js"
        first = requests.get(url, headers={"Accept-Encoding": "br"}, stream=True)
        assert first.headers["Content-Encoding"] == "br"
        assert brotli.decompress(first.raw.read()) == script
        deadline = time.monotonic() + 60  # a generous bound for a busy machine; the loop ends when the bytes are made
        while True:
            got = requests.get(url, headers={"Accept-Encoding": "br"}, stream=True).raw.read()
            if got == best or time.monotonic() > deadline:
                break
        assert got == best
        assert (kept / (hashlib.sha256(script).hexdigest() + ".br")).read_bytes() == best
    finally:
        server.kill()
