"""The fan-out's broadcast path (facilitator/live/broadcast.py): what it relies on inside
python-socketio, python-engineio and gevent-websocket (these tests fail when an upgrade changes it),
and real clients over WebSocket and long-polling getting the same payloads in the same order."""
from __future__ import annotations

import inspect
import json
import re
import socket
import subprocess
import sys
import textwrap
import threading
import time
from importlib import metadata
from pathlib import Path

import pytest
import socketio as sio_client
import websocket

from tests.deploy_helpers import in_order

ROOT = Path(__file__).resolve().parent.parent


# --- the library internals the module uses ---------------------------------------------------------

def locked_versions() -> dict:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if m:
            pins[m.group(1).lower()] = m.group(2)
    return pins


@pytest.mark.parametrize("name", ["python-socketio", "python-engineio", "gevent-websocket", "gevent", "flask-socketio"])
def test_the_libraries_below_the_public_api_are_the_locked_versions(name):
    # broadcast.py was written against exactly these; a new version needs these tests read again
    assert metadata.version(name) == locked_versions()[name]


def test_the_gevent_driver_wraps_gevent_websocket_and_we_can_subclass_it():
    import geventwebsocket  # noqa: F401  (with it installed, the driver uses it, not simple-websocket)
    from engineio.async_drivers import gevent as driver

    assert driver.SimpleWebSocketWSGI is None
    assert driver._async["websocket"] is driver.WebSocketWSGI
    params = list(inspect.signature(driver.WebSocketWSGI.__init__).parameters)
    assert params == ["self", "handler", "server"]
    cls = driver.WebSocketWSGI
    assert "self.app = handler" in inspect.getsource(cls.__init__)
    call = inspect.getsource(cls.__call__)
    assert "self._sock = environ['wsgi.websocket']" in call and "return self.app(self)" in call
    assert "return self._sock.send(message)" in inspect.getsource(cls.send)
    assert "return self._sock.close()" in inspect.getsource(cls.close)


def test_engineio_socket_has_the_state_and_writer_we_rely_on():
    import engineio
    from engineio import socket as eio_socket

    server = engineio.Server(async_mode="gevent")
    s = eio_socket.Socket(server, "abc")
    for attr in ("upgraded", "upgrading", "closing", "closed", "queue", "sid"):
        assert hasattr(s, attr), attr
    assert not s.queue.qsize()
    assert hasattr(server, "sockets") and isinstance(server.sockets, dict)
    assert isinstance(server._async, dict) and "websocket" in server._async
    assert list(inspect.signature(s.send).parameters) == ["pkt"]
    assert s.check_ping_timeout() is True
    # the writer greenlet: takes packets off the queue (poll) and writes each with ws.send; it yields
    # only there, so "queue empty and the lock free" means it holds nothing unsent
    handler = inspect.getsource(eio_socket.Socket._websocket_handler)
    assert "packets = self.poll()" in handler
    assert "for pkt in packets:\n                        ws.send(pkt.encode())" in handler
    assert "ws.close()" in handler
    assert "self.server._async['websocket'](" in inspect.getsource(eio_socket.Socket._upgrade_websocket)
    assert "self.queue.get(" in inspect.getsource(eio_socket.Socket.poll)
    # an item stays in the gevent queue until its waiting reader runs (so qsize() sees a put not yet taken)
    import gevent

    q = server._async["queue"]()
    got = []
    reader = gevent.spawn(lambda: got.append(q.get()))
    gevent.sleep(0)  # the reader now waits in get()
    q.put("x")
    assert q.qsize() == 1 and got == []
    reader.join(1)
    assert got == ["x"] and q.qsize() == 0


def test_socketio_server_and_manager_calls_we_use():
    import socketio
    from socketio import manager

    assert list(inspect.signature(manager.Manager.get_participants).parameters) == ["self", "namespace", "room"]
    assert list(inspect.signature(socketio.Server._send_eio_packet).parameters) == ["self", "eio_sid", "eio_pkt"]
    emit = inspect.getsource(manager.Manager.emit)
    assert "self.server._send_eio_packet(eio_sid, p)" in emit  # what we do for the queued recipients
    server = socketio.Server(async_mode="gevent")
    pkt = server.packet_class(socketio.packet.EVENT, namespace="/", data=["events", [{"seq": 1}]])
    assert pkt.encode() == '2["events",[{"seq":1}]]'


def test_gevent_websocket_and_gevent_socket_internals():
    import gevent.socket
    from geventwebsocket.websocket import WebSocket

    init = inspect.getsource(WebSocket.__init__)
    assert "self.handler = handler" in init and "self.closed = False" in init
    s = gevent.socket.socket()
    try:
        assert s._sock.getblocking() is False  # a send that would block raises instead of waiting
    finally:
        s.close()


def test_the_frame_is_what_gevent_websocket_would_write():
    from geventwebsocket.websocket import Header, WebSocket

    from facilitator.live.broadcast import frame

    for text in ("4x", "4" + "é" * 100, "4" + "a" * 70000, "4" + "b" * 125, "4" + "c" * 65535):
        payload = text.encode("utf-8")
        assert frame(text) == bytes(Header.encode_header(True, WebSocket.OPCODE_TEXT, b"", len(payload), 0)) + payload


# --- the behaviour: real clients, both transports -------------------------------------------------

SERVER = textwrap.dedent('''
    from gevent import monkey
    monkey.patch_all()
    import socket
    import sys
    from flask import Flask, request
    from flask_socketio import SocketIO, join_room
    from facilitator.server import wsgi_server
    from facilitator.live import broadcast

    app = Flask(__name__)
    socketio = SocketIO(app, async_mode="gevent")
    broadcast.install(socketio.server)
    out = broadcast.Broadcaster(socketio)

    @socketio.on("connect")
    def connect(auth=None):
        join_room("all")
        ws = request.environ.get("wsgi.websocket")
        if ws is not None:  # small send buffers: writes of the big batches often complete later
            ws.handler.socket.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16384)

    @socketio.on("send")
    def send(data):
        # batches of every size the frame header has (7-bit, 16-bit, 64-bit lengths); the big ones
        # fill the socket buffers, so some writes complete in their own greenlet
        for i in range(data["batches"]):
            size = (5, 300, 70000)[i % 3]
            out.emit("events", [{"seq": i + 1, "text": str(i) * size}], "all")
            if i % 7 == 0:
                socketio.sleep(0)
        return "sent"

    @socketio.on("counts")
    def counts(_data=None):
        return {"direct": out.direct, "queued": out.queued, "partial": out.partial}

    server = wsgi_server(app, "127.0.0.1", 0)
    server.start()
    print("ready", flush=True)
    server.serve_forever()
''')


@pytest.fixture
def relay(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    env = {"FACILITATOR_LISTEN_FD": str(sock.fileno()), "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen([sys.executable, "-c", SERVER], cwd=ROOT, env=env, pass_fds=[sock.fileno()],
                            stdout=subprocess.PIPE, stderr=open(tmp_path / "server.log", "ab"), text=True)
    sock.close()
    line = proc.stdout.readline()  # the server says when it serves (imports take a while on a busy machine)
    assert line == "ready\n", (tmp_path / "server.log").read_text()
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


class Listener:
    def __init__(self, url, transport):
        self.sio = sio_client.Client(reconnection=False)
        in_order(self.sio)
        self.batches = []
        self.done = threading.Event()
        self.expected = None
        self.sio.on("events", self._got)
        self.sio.connect(url, transports=[transport], wait_timeout=20)

    def _got(self, batch):
        self.batches.append(batch)
        if self.expected is not None and len(self.batches) >= self.expected:
            self.done.set()


class SlowRawListener:
    """A bare WebSocket with a small receive buffer that reads only once everyone else has all: the
    server's writes to it fill the socket buffers and must be finished later, whole and in order."""

    def __init__(self, url):
        self.ws = websocket.create_connection(url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket",
                                              timeout=30, sockopt=((socket.SOL_SOCKET, socket.SO_RCVBUF, 4096),))
        assert self.ws.recv().startswith("0")
        self.ws.send("40")
        while not (frame := self.ws.recv()).startswith("40"):
            pass

    def read(self, n):
        batches = []
        while len(batches) < n:
            frame = self.ws.recv()
            if frame == "2":
                self.ws.send("3")
            elif frame.startswith('42["events"'):
                batches.append(json.loads(frame[2:])[1])
        return batches


def test_websocket_and_polling_clients_get_the_same_batches_in_order(relay, monkeypatch):
    from engineio import payload

    # python-engineio's client refuses a poll answer of more than 16 packets (browsers take any)
    monkeypatch.setattr(payload.Payload, "max_decode_packets", 1000)
    batches = 30
    ws_clients = [Listener(relay, "websocket") for _ in range(3)]
    poll_clients = [Listener(relay, "polling") for _ in range(2)]
    slow = SlowRawListener(relay)
    clients = ws_clients + poll_clients
    for c in clients:
        c.expected = batches
    sender = ws_clients[0]
    sender.sio.emit("send", {"batches": batches})
    for c in clients:
        assert c.done.wait(60), f"{len(c.batches)} of {batches} batches"
    slow_batches = slow.read(batches)
    reference = ws_clients[0].batches
    assert [b[0]["seq"] for b in reference] == list(range(1, batches + 1))
    assert reference[2][0]["text"] == "2" * 70000
    for c in clients[1:]:
        assert c.batches == reference
    assert slow_batches == reference
    counts = sender.sio.call("counts", {}, timeout=20)
    # the polling clients took the queue; WebSocket writes went straight to the socket unless one
    # was still being finished (then the queue, behind it)
    assert counts["queued"] >= 2 * batches
    assert counts["direct"] >= 4
    assert counts["partial"] >= 1  # the slow reader's buffers filled: a write was finished later, whole
    assert counts["direct"] + counts["queued"] == len(clients + [slow]) * batches
    slow.ws.close()
    for c in clients:
        c.sio.disconnect()
