"""Sending events to rooms, coalesced per conference per short tick.

One Socket.IO message per event per client cannot carry a full room (1,000 phones x 40 notes/s
is 40,000 messages/s; a bare relay on gevent saturates near 25,000). So events wait at most
``tick`` seconds and go out together as one ``events`` message per room: the first event after a
quiet spell goes at once (on the next turn of the event loop, so that the sender's acknowledgement
is on its way first and its page shows the note as its own from the start), the ones that follow
within the tick ride in the next batch.

The tick grows with the number of connections (``per_connection`` seconds each, at most ``tick``):
sending one batch costs about 40-80 µs per connection on gevent (docs/performance.md), so a room of
100 waits at most 5 ms, while a room of 1,000 is sent at most 20 times a second and the server keeps
up. A small room then gets its notes almost at once; a big one gets them in fewer, larger messages.

Order is kept: a batch is split into runs of consecutive events with the same audience and the
runs are emitted in sequence order, so every client receives its events in sequence order (a
client is in several rooms; emitting room by room could otherwise reorder them).
"""
from __future__ import annotations

import time

from facilitator.live import rooms


PER_CONNECTION = 0.00005  # seconds of tick per connection: about what sending to one costs


class Fanout:
    def __init__(self, socketio, tick: float, connections=None, per_connection: float = PER_CONNECTION):
        self.socketio = socketio
        self.max_tick = tick
        self.connections = connections  # () -> how many are connected, or None: always the full tick
        self.per_connection = per_connection
        self.pending: dict[int, list[dict]] = {}
        self.last_flush: dict[int, float] = {}
        self.scheduled: set[int] = set()

    def publish(self, cid: int, new_events: list[dict]) -> None:
        if not new_events:
            return
        tick = self.tick()
        if tick <= 0:
            self.send(cid, new_events)
            return
        self.pending.setdefault(cid, []).extend(new_events)
        if cid in self.scheduled:
            return
        wait = max(0.0, self.last_flush.get(cid, 0) + tick - time.monotonic())
        self.scheduled.add(cid)
        self.socketio.start_background_task(self._later, cid, wait)

    def tick(self) -> float:
        if self.connections is None:
            return self.max_tick
        return min(self.max_tick, self.per_connection * self.connections())

    def _later(self, cid: int, wait: float) -> None:
        if wait > 0:
            self.socketio.sleep(wait)
        self.scheduled.discard(cid)
        self.flush(cid)

    def flush(self, cid: int) -> None:
        batch = self.pending.pop(cid, [])
        self.last_flush[cid] = time.monotonic()
        if batch:
            self.send(cid, batch)

    def send(self, cid: int, batch: list[dict]) -> None:
        run: list[dict] = []
        for e in batch:
            if run and run[-1]["audience"] != e["audience"]:
                self._emit(cid, run)
                run = []
            run.append(e)
        self._emit(cid, run)

    def _emit(self, cid: int, run: list[dict]) -> None:
        self.socketio.emit("events", run, to=rooms.for_audience(cid, run[0]["audience"]))
