"""The live engine against the real gevent server, with real python-socketio clients over WebSocket."""
from __future__ import annotations

import re
import signal
import threading
import time
import uuid

import pytest
import requests
import socketio

from tests.conftest import PASSWORD
from tests.deploy_helpers import in_order

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def server(module_server):
    """One server for the module (the tests post distinct texts and count only what they posted); the
    SIGKILL test, which counts every note of its database, has its own (``own_server``)."""
    return module_server


@pytest.fixture
def own_server(tmp_path, templates):
    from tests.conftest import ServerProcess

    s = ServerProcess(tmp_path, templates=templates).start()
    yield s
    s.kill()


class Client:
    """A python-socketio client that records every event it receives."""

    def __init__(self, server, auth, cookies=None):
        self.sio = socketio.Client(reconnection=False)
        in_order(self.sio)  # batches handled in the order they came, as a browser does
        self.events: list[dict] = []
        self.lock = threading.Lock()
        self.seq = self.last_received = 0
        self.sio.on("events", self._got)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        self.sio.connect(server.url, auth=auth, headers=headers, transports=["websocket"], wait_timeout=10)
        snapshot_seq = self.call("state", {})["state"]["seq"]
        with self.lock:
            self.seq = max(self.seq, snapshot_seq)

    def _got(self, batch):
        with self.lock:
            for e in batch:
                assert e["seq"] > self.last_received, "events arrive in sequence order"
                self.last_received = e["seq"]
                if e["seq"] > self.seq:  # not already in the snapshot
                    self.seq = e["seq"]
                    self.events.append(e)

    def call(self, kind, payload):
        return self.sio.call(kind, payload, timeout=10)

    def send(self, kind, data, op_id=None):
        return self.call(kind, {"op_id": op_id or str(uuid.uuid4()), "data": data})

    def texts(self, kind="note.added"):
        with self.lock:
            return [e["data"]["note"]["text"] for e in self.events if e["kind"] == kind]

    def wait_for(self, predicate, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate():
                return True
            time.sleep(0.02)
        return False

    def close(self):
        if self.sio.connected:
            self.sio.disconnect()


def staff_cookies(server):
    s = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', s.get(server.url + "/login").text).group(1)
    r = s.post(server.url + "/login", data={"email": "admin@example.org", "password": PASSWORD, "csrf_token": token},
               allow_redirects=False)
    assert r.status_code == 302
    return s.cookies.get_dict()


def conference_of(server):
    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    tokens = [r[0] for r in db.execute("select token from participants where conference_id = ? order by id", [cid])]
    trend_map = db.execute("select id from sessions where activity = 'trend_map'").fetchone()[0]
    db.close()
    return {"cid": cid, "tokens": tokens, "trend_map": trend_map}


@pytest.fixture
def conf(server):
    return conference_of(server)


@pytest.fixture
def running(server, conf):
    """A facilitator has opened the whole-room trend map (input open)."""
    staff = Client(server, {"conference_id": conf["cid"]}, staff_cookies(server))
    ack = staff.send("room.goto", {"session_id": conf["trend_map"]})
    assert ack["ok"] and ack["result"]["input_open"] is True
    yield staff
    staff.close()


def test_transport_is_websocket_and_participants_see_each_others_notes(server, conf, running):
    alice = Client(server, {"token": conf["tokens"][0]})
    bob = Client(server, {"token": conf["tokens"][1]})
    assert alice.sio.transport() == "websocket" and bob.sio.transport() == "websocket"
    assert alice.send("note.post", {"text": "From Alice"})["ok"]
    assert bob.send("note.post", {"text": "From Bob", "colour": "pink"})["ok"]
    assert bob.wait_for(lambda: bob.texts() == ["From Alice", "From Bob"])
    assert alice.wait_for(lambda: alice.texts() == ["From Alice", "From Bob"])
    assert running.wait_for(lambda: running.texts() == ["From Alice", "From Bob"])
    assert all(e["data"]["note"]["author"] is None for e in bob.events if e["kind"] == "note.added")
    alice.close()
    bob.close()


def test_the_sender_hears_its_acknowledgement_before_the_broadcast_of_its_note(server, conf, running):
    """So that the poster's page shows the note as its own from the start (not first among the others')."""
    alice = Client(server, {"token": conf["tokens"][0]})
    order = []
    alice.sio.on("events", lambda batch: order.extend(f"event:{e['kind']}" for e in batch))
    for i in range(3):
        alice.sio.emit("note.post", {"op_id": str(uuid.uuid4()), "data": {"text": f"Mine {i}"}},
                       callback=lambda ack: order.append("ack" if ack["ok"] else "refused"))
        assert alice.wait_for(lambda: order.count("event:note.added") == i + 1 and order.count("ack") == i + 1)
        time.sleep(0.1)  # a quiet spell, so that each note goes out on its own
    assert order == ["ack", "event:note.added"] * 3
    alice.close()


def test_resend_with_the_same_id_does_not_duplicate(server, conf, running):
    alice = Client(server, {"token": conf["tokens"][0]})
    op_id = str(uuid.uuid4())
    first = alice.send("note.post", {"text": "Just once"}, op_id=op_id)
    alice.close()
    again = Client(server, {"token": conf["tokens"][0]})  # as after a reconnect
    second = again.send("note.post", {"text": "Just once"}, op_id=op_id)
    assert first["ok"] and second["duplicate"] is True and second["result"]["note"]["id"] == first["result"]["note"]["id"]
    db = server.db()
    assert db.execute("select count(*) from notes where text = 'Just once'").fetchone()[0] == 1
    db.close()
    again.close()


def test_a_client_that_was_away_gets_everything_on_reconnect(server, conf, running):
    carol = Client(server, {"token": conf["tokens"][2]})
    seen = carol.seq
    carol.close()
    dave = Client(server, {"token": conf["tokens"][3]})
    for i in range(12):
        assert dave.send("note.post", {"text": f"missed {i}"})["ok"]
    running.send("room.message", {"text": "Five minutes left"})
    back = Client(server, {"token": conf["tokens"][2]})
    reply = back.call("sync", {"seq": seen})
    assert reply["ok"] and reply["snapshot"] is False
    got = [e["data"]["note"]["text"] for e in reply["events"] if e["kind"] == "note.added"]
    assert got == [f"missed {i}" for i in range(12)]
    assert reply["events"][-1]["kind"] == "room.message"
    assert [e["seq"] for e in reply["events"]] == sorted(e["seq"] for e in reply["events"])
    dave.close()
    back.close()


def test_sigkill_while_posting_loses_no_acknowledged_note(own_server):
    """Clients post as fast as acks come back; the server is killed with SIGKILL mid-stream and
    restarted; clients resend what was not acknowledged (same op_id). Every acknowledged note is
    there, and no note is there twice."""
    server, conf = own_server, conference_of(own_server)
    staff = Client(server, {"conference_id": conf["cid"]}, staff_cookies(server))
    ack = staff.send("room.goto", {"session_id": conf["trend_map"]})
    assert ack["ok"] and ack["result"]["input_open"] is True
    staff.close()
    writers = [Client(server, {"token": t}) for t in conf["tokens"][:4]]
    acked: dict[str, int] = {}  # op_id -> note id
    unanswered: list[tuple[int, str, str]] = []  # (writer, op_id, text) sent but not acknowledged
    stop = threading.Event()
    posting = threading.Event()  # set once enough notes were acknowledged: then the server dies
    lock = threading.Lock()

    def post_loop(i, w):
        n = 0
        while not stop.is_set():
            op_id, text = str(uuid.uuid4()), f"w{i}-{n}"
            try:
                ack = w.send("note.post", {"text": text}, op_id=op_id)
            except Exception:  # the server died: this one is unanswered
                with lock:
                    unanswered.append((i, op_id, text))
                return
            with lock:
                if ack.get("ok"):
                    acked[op_id] = ack["result"]["note"]["id"]
                    if len(acked) >= 30:
                        posting.set()
                elif ack["error"]["code"] == "rate_limited":
                    time.sleep(0.1)
                    continue
            n += 1

    threads = [threading.Thread(target=post_loop, args=(i, w)) for i, w in enumerate(writers)]
    for t in threads:
        t.start()
    # Killed mid-stream, once the clients are posting: after 30 acknowledgements, not after a time
    # (on a busy machine 1.5 s could pass before the 20th).
    assert posting.wait(60), "the clients were not posting"
    server.kill(signal.SIGKILL)
    stop.set()
    for t in threads:
        t.join(15)
    assert len(acked) >= 30
    for w in writers:
        w.close()

    server.start()  # same database, same port
    again = [Client(server, {"token": t}) for t in conf["tokens"][:4]]
    for i, op_id, text in unanswered:  # what an outbox does after a reconnect
        ack = again[i].send("note.post", {"text": text}, op_id=op_id)
        assert ack["ok"], ack
        acked[op_id] = ack["result"]["note"]["id"]

    db = server.db()
    notes = db.execute("select id, text from notes where deleted = 0").fetchall()
    ids = [n[0] for n in notes]
    texts = [n[1] for n in notes]
    assert set(acked.values()) <= set(ids), "every acknowledged note survived"
    assert len(texts) == len(set(texts)), "no note twice"
    assert len(ids) == len(acked)
    seqs = [r[0] for r in db.execute("select seq from events order by seq")]
    assert seqs == list(range(1, len(seqs) + 1)), "the event log has no holes"
    db.close()
    for c in again:
        c.close()


def test_a_timer_that_runs_out_closes_input_on_every_screen(server, conf, running):
    alice = Client(server, {"token": conf["tokens"][0]})
    assert running.send("room.timer", {"action": "start", "seconds": 1, "close_input": True})["ok"]
    assert alice.wait_for(lambda: any(e["kind"] == "room.input" for e in alice.events), timeout=10)
    closing = [e for e in alice.events if e["kind"] == "room.input"][0]
    assert closing["data"] == {"open": False, "reason": "timer"}
    assert alice.wait_for(lambda: any(e["kind"] == "room.timer" and e["data"].get("expired") for e in alice.events))
    ack = alice.send("note.post", {"text": "Too late"})
    assert ack["ok"] is False and ack["error"]["code"] == "input_closed"
    alice.close()


def test_websocket_frames_are_not_compressed_per_connection(server):
    """The server declines permessage-deflate: compressing each batch once per phone cost more CPU
    than the whole rest of the fan-out (docs/performance.md)."""
    import socket as sockets

    with sockets.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += s.recv(4096)
    status, *headers = head.split(b"\r\n\r\n")[0].decode().split("\r\n")
    assert status.startswith("HTTP/1.1 101")
    assert not [h for h in headers if h.lower().startswith("sec-websocket-extensions")]


def test_connections_send_small_messages_at_once():
    """Nagle's algorithm is off on every accepted connection (TCP_NODELAY)."""
    import socket as sockets

    from facilitator.app import create_app
    from facilitator.server import wsgi_server

    server = wsgi_server(create_app(DATABASE=":memory:", TESTING=True), "127.0.0.1", 0)
    with sockets.create_server(("127.0.0.1", 0)) as listener, \
            sockets.create_connection(listener.getsockname()) as _client:
        conn, address = listener.accept()
        with conn:
            assert conn.getsockopt(sockets.IPPROTO_TCP, sockets.TCP_NODELAY) == 0
            server.handler_class(conn, address, server)
            assert conn.getsockopt(sockets.IPPROTO_TCP, sockets.TCP_NODELAY) != 0
