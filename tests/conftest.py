"""Shared fixtures: an app on a fresh database, the sample conference, signed-in clients,
a real server process, and a headless Chromium driven by Playwright."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest
import requests
from flask import Flask

from facilitator import db as database
from facilitator.app import create_app
from facilitator.domain import definition, users

# scrypt costs about 0.2 s a hash by design; the tests hash and check hundreds of passwords.
users.PASSWORD_METHOD = "pbkdf2:sha256:1"


# --- an app per test, made cheaply -------------------------------------------------
# Most tests make their own app (create_app) on their own database. Two costs of that are the same for
# every app and are made once per test process here instead (docs/performance.md, "The test suite"):

def _share_url_builders() -> None:
    """Werkzeug compiles two Python functions per URL rule (to build its URLs: ``url_for``) every time
    an app adds the rule: about 100 rules, 85 % of ``create_app``. Such a function depends only on the
    rule's text, its parsed parts and its defaults (the rule itself is passed in when it runs), so the
    same one serves every app's copy of the rule."""
    from werkzeug.routing import rules

    compile_builder = getattr(rules.Rule, "_compile_builder", None)
    if compile_builder is None or getattr(compile_builder, "shared", False):
        return  # another Werkzeug: every app compiles its own, as in production
    made: dict = {}

    def shared(self, append_unknown=True):
        key = (append_unknown, self.rule, tuple(self._trace), repr(sorted((self.defaults or {}).items())))
        if key not in made:
            made[key] = compile_builder(self, append_unknown)
        return made[key]

    shared.shared = True
    rules.Rule._compile_builder = shared


class _SharedBytecode(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory for every app of the test process: a new app's
    Environment otherwise parses and compiles each template it renders again. Jinja checks each
    template's source against the checksum stored with its code, so an edited template is recompiled."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment, name, filename, source):
        # What Jinja's compiler reads from the environment is part of the key: its extensions (i18n)
        # and whether the template autoescapes.
        escape = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
        key = self.get_cache_key(f"{name}|{sorted(environment.extensions)}|{escape}", filename)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


_share_url_builders()
Flask.jinja_options = {**Flask.jinja_options, "bytecode_cache": _SharedBytecode()}

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "facilitator" / "samples" / "helmond-2021.json"
PASSWORD = "correct horse battery"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]


def pytest_collection_modifyitems(items):
    """The tests that take real wall time (a browser, a server process, a deployment) first, each kind
    in its usual order: two workers then finish together, instead of one running the last slow test
    while the other waits."""
    def weight(item):
        return 0 if item.get_closest_marker("browser") or item.get_closest_marker("live") else 1

    items.sort(key=weight)


@pytest.fixture
def sample_data():
    return json.loads(SAMPLE.read_text("utf-8"))


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "facilitator.db")


def make_app(db_path, **config):
    return create_app(**{"DATABASE": db_path, "TESTING": True, "SECRET_KEY": "test-secret",
                         "EXPORTS_DIR": str(Path(db_path).parent / "exports"), **config})


def app_for(request, templates, db_path, **config):
    """An app on a copy of a template database: with the sample conference when the test asks for it."""
    templates.copy("sample" if "sample_id" in request.fixturenames else "empty", db_path)
    return make_app(db_path, **config)


def _settle(path: Path) -> None:
    """Fold the WAL into the database file, so that a copy of the file alone is the whole database."""
    conn = database.connect(path)
    conn.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


class Templates:
    """Databases made once per test process and copied for each test: migrated and empty, with the
    sample conference imported, and as `python run.py` leaves them on first start (with and without
    the demo). Copying a file takes a millisecond; migrating and importing took most of a test."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.made: dict[str, Path] = {}
        self.copies: dict[str, str] = {}  # database path -> the template it was copied from

    def path(self, name: str) -> Path:
        if name not in self.made:
            target = self.folder / f"{name}.db"
            getattr(self, f"_make_{name}")(target)
            _settle(target)
            self.made[name] = target
        return self.made[name]

    def copy(self, name: str, to) -> None:
        if not Path(to).exists():
            shutil.copyfile(self.path(name), to)
            self.copies[str(to)] = name

    def _make_empty(self, target):
        make_app(str(target))  # runs every migration

    def _make_sample(self, target):
        shutil.copyfile(self.path("empty"), target)
        conn = database.connect(target)
        self.sample_id = definition.import_definition(conn, json.loads(SAMPLE.read_text("utf-8")))
        conn.close()

    def _make_server(self, target, demo=True):
        from facilitator.server import bootstrap

        shutil.copyfile(self.path("empty"), target)
        conn = database.connect(target)
        env = os.environ.copy()
        os.environ.update(SERVER_ADMIN)
        try:
            bootstrap(conn, demo=demo)
        finally:
            os.environ.clear()
            os.environ.update(env)
        conn.close()

    def _make_server_nodemo(self, target):
        self._make_server(target, demo=False)


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    return Templates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def app(db_path, templates, request):
    return app_for(request, templates, db_path)


@pytest.fixture
def db(app):
    conn = database.connect(app.config["DATABASE"])
    yield conn
    conn.close()


@pytest.fixture
def memory_db():
    return database.open_database(":memory:")


@pytest.fixture
def sample_id(app, db, templates, sample_data):
    if templates.copies.get(app.config["DATABASE"]) == "sample":
        return templates.sample_id
    # a module's own app fixture made this database: import the sample the slow way
    return definition.import_definition(db, sample_data)


@pytest.fixture
def admin(db):
    return users.create_or_update(db, "admin@example.org", PASSWORD, "Admin", is_admin=True)


def login(client, email, password=PASSWORD):
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.data
    return client


@pytest.fixture
def organiser_client(app, admin):
    return login(app.test_client(), admin["email"])


@pytest.fixture
def client(app):
    return app.test_client()


# --- a real server -----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


STARTUP_LIMIT = 120  # seconds: only ever reached by a server that hangs


def listening_socket(port: int) -> socket.socket:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


SERVER_ADMIN = {"FACILITATOR_ADMIN_PASSWORD": PASSWORD, "FACILITATOR_ADMIN_EMAIL": "admin@example.org"}


class ServerProcess:
    """`python run.py` on a free port and a fresh database, as a person would start it.

    With ``templates``, the database starts as a copy of what a first start leaves (the account and,
    unless ``demo`` is off, the demo conference), made once per test process."""

    def __init__(self, tmp: Path, demo: bool = True, templates: Templates | None = None):
        self.port = free_port()
        self.db_path = str(tmp / "server.db")
        self.url = f"http://127.0.0.1:{self.port}"
        self.demo = demo
        self.proc = None
        self.log = tmp / "server.log"
        if templates is not None:
            templates.copy("server" if demo else "server_nodemo", self.db_path)

    def start(self):
        """Start the server on a socket bound here, before it starts (FACILITATOR_LISTEN_FD): the
        port cannot be taken in between, and the first request waits in the socket's backlog until
        the server takes it, however long a busy machine needs to start Python. No polling."""
        env = {**os.environ, **SERVER_ADMIN, "FACILITATOR_SECRET_KEY": "live-test-secret",
               "FACILITATOR_EXPORTS": str(Path(self.db_path).parent / "exports")}
        args = [sys.executable, str(ROOT / "run.py"), "--port", str(self.port), "--db", self.db_path]
        if not self.demo:
            args.append("--no-demo")
        with listening_socket(self.port) as sock:
            env["FACILITATOR_LISTEN_FD"] = str(sock.fileno())
            self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=open(self.log, "ab"),
                                         stderr=subprocess.STDOUT, pass_fds=[sock.fileno()])
        # Our copy is closed: if the server dies, its socket goes with it and the request fails at once.
        try:
            requests.get(self.url + "/healthz", timeout=STARTUP_LIMIT).raise_for_status()
        except requests.RequestException as err:
            raise RuntimeError(f"server did not start ({err}):\n" + self.log.read_text()) from None
        return self

    def kill(self, sig=None):
        if self.proc and self.proc.poll() is None:
            if sig is None:
                self.proc.terminate()
            else:
                self.proc.send_signal(sig)
            self.proc.wait(10)

    def db(self):
        return database.connect(self.db_path)


@pytest.fixture
def server(tmp_path, templates):
    s = ServerProcess(tmp_path, templates=templates).start()
    yield s
    s.kill()


@pytest.fixture(scope="module")
def module_server(tmp_path_factory, templates):
    """One server for a whole module: for modules whose tests each make their own conference on it, or
    only read what they share. A module takes it as its ``server`` by defining
    ``@pytest.fixture(scope="module") def server(module_server): return module_server``; pytest-xdist
    runs a module's tests on one worker (``--dist loadfile``). A server's start costs about 1.8 s of CPU."""
    s = ServerProcess(tmp_path_factory.mktemp("server"), templates=templates).start()
    yield s
    s.kill()


# --- the browser -------------------------------------------------------------------

def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def playwright_browser():
    if not chromium_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is missing at {CHROMIUM}: browser tests must run in CI")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium); browser tests skipped locally")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser(playwright_browser):
    contexts = []

    def new_context(**kwargs):
        ctx = playwright_browser.new_context(**kwargs)
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        return ctx

    yield new_context
    for ctx in contexts:
        ctx.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


def sign_in(page, url: str) -> None:
    """Sign the admin in through the login form (English), ready on the conference list."""
    page.goto(url + "/login?lang=en")
    page.get_by_label("E-mail address").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Your conferences").wait_for()


def assert_still_typing(field, handle, value):
    """A field being typed in survived other people's changes: the same element (``handle``, taken
    before they acted), still focused, text intact. A phone whose field is redrawn closes its keyboard."""
    from playwright.sync_api import expect

    assert handle.evaluate("e => e.isConnected")
    expect(field).to_be_focused()
    expect(field).to_have_value(value)


def edit_in_place(scope, button, label, text):
    """Open an inline editor with its button, check that the field has the focus, type, press Enter."""
    from playwright.sync_api import expect

    scope.get_by_role("button", name=button).click()
    field = scope.get_by_label(label)
    expect(field).to_be_focused()
    field.fill(text)
    field.press("Enter")
