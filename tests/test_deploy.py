"""The production set-up, for real: redis-server, 3 single-worker servers on one SQLite database,
nginx in front with sticky sessions and WebSocket upgrade (tests/deploy_helpers.py, docs/deploy.md).
One deployment for the whole module; every check goes through nginx."""
from __future__ import annotations

import os
import re
import signal
import threading
import time
import uuid
from collections import Counter

import pytest
import requests
import socketio

from tests.conftest import DESKTOP, PASSWORD, ROOT
from tests.deploy_helpers import STICKY_COOKIE, Deployment, in_order, missing_tools, wait_until

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, templates):
    missing = missing_tools()
    if missing:
        message = f"{', '.join(missing)} not installed (Debian packages nginx, redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": the deployment tests must run in CI")
        pytest.skip(message)
    dep = Deployment(tmp_path_factory.mktemp("deploy"), workers=3, templates=templates)
    db = dep.db()
    dep.cid = db.execute("select id from conferences").fetchone()[0]
    dep.tokens = [r[0] for r in db.execute("select token from participants where conference_id = ? order by id",
                                           [dep.cid])]
    dep.trend_map = db.execute("select id from sessions where activity = 'trend_map'").fetchone()[0]
    db.close()
    yield dep
    dep.stop()


def staff_cookies(dep, worker: int) -> dict:
    s = requests.Session()
    s.cookies.set(STICKY_COOKIE, dep.cookie_for(worker))
    token = re.search(r'name="csrf_token" value="([^"]+)"', s.get(dep.url + "/login").text).group(1)
    r = s.post(dep.url + "/login", data={"email": "admin@example.org", "password": PASSWORD, "csrf_token": token},
               allow_redirects=False)
    assert r.status_code == 302
    return {"session": s.cookies.get("session")}


class Screen:
    """A python-socketio client that keeps a board as live.js does: the snapshot, then events applied
    by sequence number (static/js/stream.js's rule), a resync by ``sync`` after a reconnect."""

    def __init__(self, dep, auth: dict, worker: int, staff: bool = False):
        self.dep, self.auth, self.staff = dep, auth, staff
        self.lock = threading.Lock()
        self.notes: Counter = Counter()  # note id -> times it was put on this screen
        self.texts: dict[int, str] = {}
        self.order: list[int] = []  # note ids in the order they were put on the screen
        self.out_of_order = self.gaps = 0
        self.kinds: list[str] = []
        self.raw: list = []
        self.connect(worker, first=True)

    def connect(self, worker: int, first: bool = False):
        cookies = {STICKY_COOKIE: self.dep.cookie_for(worker)}
        if self.staff:
            cookies.update(staff_cookies(self.dep, worker))
        self.sio = socketio.Client(reconnection=False)
        in_order(self.sio)
        self.last_received = 0
        self.held = []  # events that arrive while the snapshot or the resync is on its way: after it
        self.sio.on("events", self._got)
        self.sio.connect(self.dep.url, auth=self.auth, transports=["websocket"], wait_timeout=10,
                         headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        if first:
            state = self.call("state", {})["state"]
            with self.lock:
                self.seq = self.base = self.first_seq = state["seq"]
                self.heads = {}
                for n in (state.get("notes") or {}).get("notes", []):
                    self._put(n)
                self._release()
        else:  # as live.js after a reconnect: what was missed since the last seq
            reply = self.call("sync", {"seq": self.seq})
            assert reply["ok"] and not reply["snapshot"], reply
            with self.lock:
                for e in reply["events"]:
                    self._apply(e)
                self.seq = self.base = max(self.seq, reply["seq"])
                self.heads = {}
                self._release()

    def _release(self):
        held, self.held = self.held, None
        self._got(held, locked=True)

    def _put(self, note):
        self.notes[note["id"]] += 1
        self.texts[note["id"]] = note["text"]
        self.order.append(note["id"])

    def _apply(self, e):
        if e["seq"] <= self.seq:
            return
        self.seq = e["seq"]
        self.kinds.append(e["kind"])
        if e["kind"] == "note.added":
            self._put(e["data"]["note"])

    def _got(self, batch, locked=False):
        if not locked:
            with self.lock:
                return self._got(batch, locked=True)
        if self.held is not None:
            self.held.extend(batch)
            return
        if True:
            for e in batch:
                self.raw.append((e["seq"], e.get("prev"), e["audience"]))
                if e["seq"] <= self.last_received:
                    self.out_of_order += 1
                self.last_received = e["seq"]
                if e["seq"] > self.seq and e.get("prev", 0) > max(self.heads.get(e["audience"], 0), self.base):
                    self.gaps += 1  # an event this screen may see never came
                self.heads[e["audience"]] = e["seq"]
                self._apply(e)

    def call(self, kind, payload, timeout=15):
        return self.sio.call(kind, payload, timeout=timeout)

    def send(self, kind, data, op_id=None, timeout=15):
        return self.call(kind, {"op_id": op_id or str(uuid.uuid4()), "data": data}, timeout=timeout)

    def close(self):
        if self.sio.connected:
            self.sio.disconnect()


@pytest.fixture(scope="module")
def room(deployment):
    """The facilitator (on worker 2) has opened the whole-room trend map: input open."""
    staff = Screen(deployment, {"conference_id": deployment.cid}, 2, staff=True)
    ack = staff.send("room.goto", {"session_id": deployment.trend_map})
    assert ack["ok"] and ack["result"]["input_open"] is True
    yield staff
    staff.close()


def upstream_of(dep, worker: int) -> str:
    return requests.get(dep.url + "/healthz", cookies={STICKY_COOKIE: dep.cookie_for(worker)}).headers["X-Upstream"]


def test_nginx_keeps_each_browser_on_its_worker_and_upgrades_to_websocket(deployment):
    assert len({upstream_of(deployment, i) for i in range(3)}) == 3
    assert upstream_of(deployment, 1) == upstream_of(deployment, 1)
    first = requests.get(deployment.url + "/healthz")
    assert STICKY_COOKIE in first.cookies  # a new browser gets its worker's cookie
    screen = Screen(deployment, {"token": deployment.tokens[0]}, 0)
    assert screen.sio.transport() == "websocket"
    screen.close()


def test_participants_on_different_workers_see_each_others_notes_in_the_same_order(deployment, room):
    alice = Screen(deployment, {"token": deployment.tokens[0]}, 0)
    bob = Screen(deployment, {"token": deployment.tokens[1]}, 1)
    ids = []
    lock = threading.Lock()

    def post(screen, name):
        for i in range(15):
            ack = screen.send("note.post", {"text": f"{name} {i}"})
            assert ack["ok"], ack
            with lock:
                ids.append(ack["result"]["note"]["id"])

    threads = [threading.Thread(target=post, args=(alice, "Alice")), threading.Thread(target=post, args=(bob, "Bob"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(ids) == 30
    for s in (alice, bob, room):
        wait_until(lambda: set(ids) <= set(s.notes), what="every note on every screen")
    new = [i for i in alice.order if i in set(ids)]
    assert [i for i in bob.order if i in set(ids)] == new == [i for i in room.order if i in set(ids)]
    assert new == sorted(new)  # the order of the log (ids grow with seq here)
    for s in (alice, bob, room):
        assert s.out_of_order == 0 and s.gaps == 0
        assert all(s.notes[i] == 1 for i in ids)
    alice.close()
    bob.close()


def test_a_resend_through_another_worker_does_not_duplicate(deployment, room):
    op_id = str(uuid.uuid4())
    first = Screen(deployment, {"token": deployment.tokens[2]}, 0)
    ack = first.send("note.post", {"text": "Only once, whatever the worker"}, op_id=op_id)
    first.close()
    again = Screen(deployment, {"token": deployment.tokens[2]}, 1)
    second = again.send("note.post", {"text": "Only once, whatever the worker"}, op_id=op_id)
    assert ack["ok"] and second["duplicate"] is True
    assert second["result"]["note"]["id"] == ack["result"]["note"]["id"]
    db = deployment.db()
    assert db.execute("select count(*) from notes where text = 'Only once, whatever the worker'").fetchone()[0] == 1
    db.close()
    again.close()


def test_a_client_that_was_away_catches_up_on_another_worker(deployment, room):
    carol = Screen(deployment, {"token": deployment.tokens[3]}, 2)
    carol.close()
    dave = Screen(deployment, {"token": deployment.tokens[4]}, 0)
    posted = [dave.send("note.post", {"text": f"while Carol was away {i}"})["result"]["note"]["id"] for i in range(8)]
    room.send("room.message", {"text": "Ten minutes left"})
    carol.connect(1)
    assert [i for i in carol.order if i in set(posted)] == posted
    assert carol.kinds[-1] == "room.message"
    carol.close()
    dave.close()


def test_presence_counts_everyone_on_every_worker(deployment, room):
    phones = [Screen(deployment, {"token": deployment.tokens[10 + i]}, i % 3) for i in range(6)]
    seen = {}

    def count():
        seen.update(room.call("state", {})["state"]["presence"])
        return seen["connected"] >= 6 and seen["staff"] >= 1

    wait_until(count, timeout=10, what="presence of all six phones")
    ids = {int(room.dep.db().execute("select id from participants where token = ?", [t]).fetchone()[0])
           for t in deployment.tokens[10:16]}
    assert ids <= set(seen["participants"])
    for p in phones:
        p.close()


def test_a_timer_runs_out_once_across_workers(deployment, room):
    phone = Screen(deployment, {"token": deployment.tokens[5]}, 1)
    before = room.seq
    assert room.send("room.timer", {"action": "start", "seconds": 1})["ok"]
    wait_until(lambda: "room.timer" in phone.kinds and any(
        k == "room.timer" for k in room.kinds), what="the timer's events")
    db = deployment.db()
    wait_until(lambda: db.execute("select count(*) from events where kind = 'room.timer' and seq > ? and "
                                  "data like '%expired%'", [before]).fetchone()[0] >= 1, what="expiry")
    time.sleep(1.5)  # three rounds of every worker's timer check: none may expire it again
    assert db.execute("select count(*) from events where kind = 'room.timer' and seq > ? and data like '%expired%'",
                      [before]).fetchone()[0] == 1
    db.close()
    phone.close()


def test_sigkill_of_a_worker_while_100_clients_post_loses_no_acknowledged_note(deployment, room):
    """100 clients over 3 workers post; worker 1 is killed with SIGKILL mid-stream; its clients reconnect
    through nginx to the others and resend what was not acknowledged (same op_id), then resync. Every
    acknowledged note is on every screen exactly once."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(10) as pool:
        clients = list(pool.map(lambda i: Screen(deployment, {"token": deployment.tokens[i % len(deployment.tokens)]},
                                                 i % 3), range(100)))
    acked: dict[str, int] = {}
    unanswered: dict[int, list] = {}
    lock = threading.Lock()
    go = threading.Event()

    def post_loop(i, c):
        go.wait()
        for n in range(8):
            op_id, text = str(uuid.uuid4()), f"c{i}-{n}"
            try:
                ack = c.send("note.post", {"text": text}, op_id=op_id, timeout=4)
            except Exception:  # its worker died (or no answer in time): unanswered, the outbox keeps it
                with lock:
                    unanswered.setdefault(i, []).append((op_id, text))
                return
            assert ack["ok"], ack
            with lock:
                acked[op_id] = ack["result"]["note"]["id"]
            time.sleep(0.05)

    threads = [threading.Thread(target=post_loop, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    go.set()
    # Killed mid-stream: once 100 notes are acknowledged, or, on a machine too busy to answer within
    # a client's 4 s (it then keeps the note for its outbox and stops, like a phone), once fewer than
    # half the clients are still posting. Not after a fixed time.
    wait_until(lambda: len(acked) >= 100 or sum(t.is_alive() for t in threads) < 50, timeout=120,
               what="the clients posting")
    still_posting = sum(t.is_alive() for t in threads)
    deployment.workers[1].kill(signal.SIGKILL)
    for t in threads:
        t.join(60)
    assert acked and still_posting, "the worker died while clients were posting"

    assert upstream_of(deployment, 1) != f"127.0.0.1:{deployment.workers[1].port}"

    def recover(i):  # reconnect what lost its worker and resend its outbox (live.js does it by itself)
        c = clients[i]
        if i % 3 == 1 or i in unanswered:
            c.close()
            c.connect(i % 3)  # worker 1's cookie: nginx sends it on to a live worker
            for op_id, text in unanswered.get(i, []):
                ack = c.send("note.post", {"text": text}, op_id=op_id)
                assert ack["ok"], ack
                with lock:
                    acked[op_id] = ack["result"]["note"]["id"]

    with ThreadPoolExecutor(10) as pool:
        list(pool.map(recover, range(len(clients))))
    ids = set(acked.values())
    for n, c in enumerate([*clients, room]):
        try:
            wait_until(lambda: ids <= set(c.notes), timeout=20, what="every acknowledged note on every screen")
        except RuntimeError:
            missing = sorted(ids - set(c.notes))
            db = deployment.db()
            mseqs = [r[0] for r in db.execute("select seq from events where kind='note.added' and "
                                              "json_extract(data, '$.note.id') in (%s)" % ",".join(map(str, missing)))]
            print("missing seqs", mseqs[:20], "raw", c.raw[:60], "base", c.base, "first", c.first_seq)
            raise AssertionError(f"screen {n} (worker {n % 3}, connected {c.sio.connected}, seq {c.seq}, "
                                 f"gaps {c.gaps}) misses notes {missing[:10]} ({len(missing)})")
    for c in [*clients, room]:
        assert all(c.notes[i] == 1 for i in ids), "exactly once"
        assert c.out_of_order == 0 and c.gaps == 0
    db = deployment.db()
    texts = [r[0] for r in db.execute("select text from notes where text like 'c%-%'")]
    assert len(texts) == len(set(texts)) == len(ids)
    seqs = [r[0] for r in db.execute("select seq from events where conference_id = ? order by seq", [deployment.cid])]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    db.close()
    for c in clients:
        c.close()
    deployment.workers[1].start()  # back for the tests after this one


@pytest.mark.browser
def test_real_browsers_on_two_workers_show_the_same_board(deployment, room, browser):
    from playwright.sync_api import expect

    from tests.conftest import sign_in

    from facilitator.domain import programme

    db = deployment.db()
    day = programme.days(db, deployment.cid)[0]["id"]
    wall = programme.add_session(db, deployment.cid, day, {"start": "13:15", "end": "13:30", "title": "Wall",
                                                           "phase": "opening", "activity": "notes", "grouping": "whole"})
    db.close()
    assert room.send("room.goto", {"session_id": wall})["ok"]
    pages = []
    for worker in (0, 2):
        ctx = browser(**DESKTOP)
        ctx.add_cookies([{"name": STICKY_COOKIE, "value": deployment.cookie_for(worker), "url": deployment.url}])
        page = ctx.new_page()
        sign_in(page, deployment.url)
        page.goto(deployment.url + f"/organiser/c/{deployment.cid}/cockpit/")
        expect(page.locator("[data-live=status]")).to_have_attribute("data-status", "connected")
        pages.append(page)
    writers = [Screen(deployment, {"token": deployment.tokens[20 + i]}, i) for i in range(3)]
    texts = []
    for n in range(5):
        for i, w in enumerate(writers):
            text = f"board {n}.{i}"
            assert w.send("note.post", {"text": text})["ok"]
            texts.append(text)
    for page in pages:
        expect(page.locator(".note-board .note-text")).to_have_count(len(texts))
    boards = [page.locator(".note-board .note-text").all_inner_texts() for page in pages]
    assert boards[0] == boards[1]
    assert sorted(boards[0]) == sorted(texts)
    for w in writers:
        w.close()


def test_workers_need_a_message_queue(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from facilitator.cli import cli

    monkeypatch.delenv("FACILITATOR_MESSAGE_QUEUE", raising=False)
    result = CliRunner().invoke(cli, ["run", "--workers", "2", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "FACILITATOR_MESSAGE_QUEUE" in result.output


def test_facilitator_run_workers_starts_and_stops_them_all(deployment, tmp_path, templates):
    """`facilitator run --workers 2`: two servers on PORT and PORT+1; SIGTERM stops both. On a copy of
    what a first start leaves (the first start itself is tested with ServerProcess)."""
    import socket as sockets
    import subprocess
    import sys

    from tests.conftest import ROOT, STARTUP_LIMIT

    def two_free_ports():
        for _ in range(50):
            with sockets.socket() as s:
                s.bind(("127.0.0.1", 0))
                base = s.getsockname()[1]
            try:
                with sockets.socket() as s:
                    s.bind(("127.0.0.1", base + 1))
                return base
            except OSError:
                continue
        raise RuntimeError("no two free ports in a row")

    port = two_free_ports()
    templates.copy("server", tmp_path / "w.db")
    env = {**os.environ, "FACILITATOR_MESSAGE_QUEUE": deployment.redis.url, "FACILITATOR_ADMIN_PASSWORD": PASSWORD}
    proc = subprocess.Popen([sys.executable, "-m", "facilitator.cli", "run", "--workers", "2", "--port", str(port),
                             "--db", str(tmp_path / "w.db")], cwd=ROOT, env=env, stdout=open(tmp_path / "w.log", "ab"),
                            stderr=subprocess.STDOUT)

    def healthy(p):
        try:
            return requests.get(f"http://127.0.0.1:{p}/healthz", timeout=1).ok
        except requests.RequestException:
            return False

    try:
        # Polled: the supervisor binds its workers' ports itself. The limit is the one every server
        # start has (STARTUP_LIMIT), reached only by a worker that hangs; on a loaded machine two
        # Python processes starting took more than the 30 s this had.
        wait_until(lambda: healthy(port) and healthy(port + 1), timeout=STARTUP_LIMIT, what="both workers")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    assert not healthy(port) and not healthy(port + 1)


def test_through_nginx_pages_and_files_come_compressed_and_every_worker_names_the_same_files(deployment):
    """Compression (Flask-Compress) and the hashed static URLs through docs/deploy.md's nginx: nginx
    passes the compressed bytes on untouched, and the three workers, hashing the same files, give the
    same URLs, so a file cached from one worker is the one another worker's page asks for."""
    page_url = f"{deployment.url}/p/{deployment.tokens[0]}?lang=nl"
    urls = []
    for worker in range(3):
        r = requests.get(page_url, cookies={STICKY_COOKIE: deployment.cookie_for(worker)},
                         headers={"Accept-Encoding": "br, gzip"})
        assert r.status_code == 200 and r.headers["Content-Encoding"] == "br"  # requests decodes br (brotli)
        urls.append(re.findall(r'(?:src|href)="(/(?:static|i18n)/[^"]+)"', r.text))
    assert urls[0] and urls[0] == urls[1] == urls[2]
    for url in urls[0]:
        r = requests.get(deployment.url + url, headers={"Accept-Encoding": "gzip"})
        assert r.status_code == 200 and r.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
        if url.startswith("/static/") and url.endswith((".js", ".css")):
            assert r.headers["Content-Encoding"] == "gzip", url
            assert r.content == (ROOT / "static" / re.sub(r"^/static/[0-9a-f]{12}/", "", url)).read_bytes(), url
