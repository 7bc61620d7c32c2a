"""Sending events to rooms, coalesced per conference per short tick.

One Socket.IO message per event per client cannot carry a full room (1,000 phones x 40 notes/s
is 40,000 messages/s; a bare relay on gevent saturates near 25,000). So events wait at most
``tick`` seconds and go out together as one ``events`` message per room: the first event after a
quiet spell goes at once, the ones that follow within the tick ride in the next batch.

Order is kept: a batch is split into runs of consecutive events with the same audience and the
runs are emitted in sequence order, so every client receives its events in sequence order (a
client is in several rooms; emitting room by room could otherwise reorder them).
"""
from __future__ import annotations

import time

from facilitator.live import rooms


class Fanout:
    def __init__(self, socketio, tick: float):
        self.socketio = socketio
        self.tick = tick
        self.pending: dict[int, list[dict]] = {}
        self.last_flush: dict[int, float] = {}
        self.scheduled: set[int] = set()

    def publish(self, cid: int, new_events: list[dict]) -> None:
        if not new_events:
            return
        if self.tick <= 0:
            self.send(cid, new_events)
            return
        self.pending.setdefault(cid, []).extend(new_events)
        if cid in self.scheduled:
            return
        wait = self.last_flush.get(cid, 0) + self.tick - time.monotonic()
        if wait <= 0:
            self.flush(cid)
        else:
            self.scheduled.add(cid)
            self.socketio.start_background_task(self._later, cid, wait)

    def _later(self, cid: int, wait: float) -> None:
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
