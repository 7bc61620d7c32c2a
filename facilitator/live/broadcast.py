"""One batch to a room: encoded once, written straight to each idle WebSocket.

python-socketio's ``emit`` to a room already encodes the Socket.IO packet once, but then hands it
to every recipient's engine.io socket: a queue put, a switch to that socket's writer greenlet, its
queue read (with a gevent timeout), and gevent-websocket's ``send``, which encodes the text to
UTF-8, builds the frame header and concatenates both, per recipient. At 1,000 phones that was
about 95 % of the server's CPU (docs/performance.md, "The broadcast path").

Here the frame bytes (WebSocket header + engine.io ``4`` + Socket.IO ``2["events",...]``) are made
once per batch, and for each recipient whose WebSocket is *idle* they go out in one non-blocking
``send`` on its socket, in the emitting greenlet: no queue, no switch, no copy. Idle means: the
engine.io socket is upgraded (not upgrading, not closing), nothing waits in its queue, and its
writer is not in the middle of a write. Everyone else (long-polling clients, sockets mid-upgrade,
a socket whose queue holds something or whose writer is busy) gets the same pre-encoded engine.io
packet on its queue, as python-socketio would do: so per connection the order is always the order
of the calls, whichever path a message takes. A write the kernel takes only in part (the phone's
receive window is full) is finished by a greenlet of its own that holds the socket's write lock,
so one slow phone never holds up the room and no other frame can get in between.

What this relies on below python-socketio's public API (pinned by constraints.txt, checked by
tests/test_broadcast.py so an upgrade that changes it fails the tests, not the room):

- ``Server.manager.get_participants(namespace, room)`` -> ``(sid, eio_sid)`` (this process's
  clients only: with the Redis bus each process sends to its own, as ``ignore_queue`` did);
- ``Server.packet_class`` / ``engineio.packet.Packet`` and their ``encode()``;
- ``engineio.Server.sockets`` (eio_sid -> Socket) and on a Socket: ``upgraded``, ``upgrading``,
  ``closing``, ``closed``, ``queue`` (a gevent queue that keeps an item until its reader runs),
  ``last_ping``, ``send(pkt)``, ``check_ping_timeout()``; the writer greenlet only yields inside ``queue.get`` and
  inside ``ws.send``;
- ``engineio.Server._async['websocket']``: the gevent driver's ``WebSocketWSGI`` (gevent-websocket),
  called with the engine.io Socket's bound ``_websocket_handler``; we subclass it to learn each
  socket's WebSocket and to put the writer's sends under the same lock as ours;
- gevent-websocket's ``WebSocket.handler.socket`` (the gevent socket) and ``closed``; gevent's
  ``socket._sock`` (the non-blocking OS socket).
"""
from __future__ import annotations

import struct
import time

import gevent
import gevent.socket
from engineio import packet as eio_packet
from engineio.async_drivers import gevent as eio_gevent
from gevent.lock import Semaphore
from socketio import packet as sio_packet

NAMESPACE = "/"


def frame(text: str) -> bytes:
    """An unmasked, final WebSocket text frame (RFC 6455 5.2) carrying ``text``."""
    payload = text.encode("utf-8")
    n = len(payload)
    if n < 126:
        header = struct.pack("!BB", 0x81, n)
    elif n < 65536:
        header = struct.pack("!BBH", 0x81, 126, n)
    else:
        header = struct.pack("!BBQ", 0x81, 127, n)
    return header + payload


class DirectWebSocket(eio_gevent.WebSocketWSGI):
    """engine.io's gevent-websocket wrapper, which also registers the socket for direct writes and
    takes the socket's write lock for the writer greenlet's sends."""

    registry: dict  # eio_sid -> DirectWebSocket, set per server by install()

    def __call__(self, environ, start_response):
        self.lock = Semaphore()
        self.eio_socket = self.app.__self__  # the engine.io Socket whose _websocket_handler this runs
        self.raw = None
        sock = environ.get("wsgi.websocket")
        gsock = getattr(getattr(sock, "handler", None), "socket", None)
        if type(gsock) is gevent.socket.socket:  # plain TCP only: a TLS socket must not be written raw
            self.raw = gsock
        sid = self.eio_socket.sid
        self.registry[sid] = self
        try:
            return super().__call__(environ, start_response)
        finally:
            if self.registry.get(sid) is self:
                del self.registry[sid]

    def send(self, message):
        with self.lock:
            return self._sock.send(message)

    def close(self):
        with self.lock:
            return self._sock.close()

    def idle(self) -> bool:
        s = self.eio_socket
        return (self.raw is not None and s.upgraded and not s.upgrading and not s.closing and not s.closed
                and not s.queue.qsize() and not self.lock.locked() and not self._sock.closed)

    def write(self, data: bytes) -> bool:
        """Write a whole frame now if the kernel takes it (True), else finish it in a greenlet of its
        own (under the lock, so nothing else is written to this socket meanwhile). Call only when
        :meth:`idle`, with no yield in between: then nobody else writes to this socket until this
        returns, and the lock is only needed for the rest of a partial write."""
        try:
            sent = self.raw._sock.send(data)
        except BlockingIOError:
            sent = 0
        if sent == len(data):
            return True
        self.lock.acquire()  # free (idle() said so, and nothing ran since): does not block
        gevent.spawn(self._finish, memoryview(data)[sent:])
        return False

    def _finish(self, rest) -> None:
        try:
            self.raw.sendall(rest)
        except OSError:
            pass  # the connection is gone; its reader sees that and closes the engine.io socket
        finally:
            self.lock.release()


def install(server) -> None:
    """Let this python-socketio ``Server``'s future WebSocket connections take direct writes."""
    eio = server.eio
    current = eio._async["websocket"]
    if isinstance(current, type) and issubclass(current, DirectWebSocket):
        return
    registry: dict = {}
    cls = type("DirectWebSocket", (DirectWebSocket,), {"registry": registry})
    eio._async = {**eio._async, "websocket": cls}  # a copy: the driver's dict is shared by every server
    eio.direct_websockets = registry


class Broadcaster:
    """``emit(event, data, room)`` to this process's clients in a room, encoded once."""

    def __init__(self, socketio):
        self.socketio = socketio  # Flask-SocketIO; its .server is replaced when the app is initialised again
        self.direct = 0  # counters, for the benchmark and the tests: written straight to the socket,
        self.partial = 0  # of those, finished later by a greenlet (the phone's buffers were full),
        self.queued = 0  # handed to engine.io's queue (polling, busy or upgrading sockets)

    def emit(self, event: str, data, room: str) -> None:
        server = self.socketio.server
        registry = getattr(server.eio, "direct_websockets", None)
        if registry is None:
            install(server)
            registry = server.eio.direct_websockets
        encoded = server.packet_class(sio_packet.EVENT, namespace=NAMESPACE, data=[event, data]).encode()
        if not isinstance(encoded, str):  # binary attachments: not ours; python-socketio knows how
            server.emit(event, data, to=room, namespace=NAMESPACE, ignore_queue=True)
            return
        pkt = eio_packet.Packet(eio_packet.MESSAGE, encoded)
        data_frame = frame(pkt.encode())
        send_queued = server._send_eio_packet  # what python-socketio's emit does per recipient (and the test client catches)
        direct = queued = partial = 0
        now = time.time()
        for _sid, eio_sid in server.manager.get_participants(NAMESPACE, room):
            ws = registry.get(eio_sid)
            if ws is not None and ws.idle():
                s = ws.eio_socket
                if s.last_ping and now - s.last_ping > s.server.ping_timeout and not s.check_ping_timeout():
                    continue  # closed just now for a missed ping (what engine.io's send checks)
                try:
                    if not ws.write(data_frame):
                        partial += 1
                    direct += 1
                    continue
                except OSError:
                    pass  # dead: the queue's writer finds that out and closes the socket as usual
            send_queued(eio_sid, pkt)
            queued += 1
        self.direct += direct
        self.queued += queued
        self.partial += partial
