"""Sending a conference's events to its rooms: in sequence order, from the one log, in every process.

**Order.** Sequence numbers are contiguous per conference (``events.append`` takes the next one in
the change's transaction, and writers queue on SQLite's write lock). Every process keeps, per
conference, a *cursor* (the last seq it released to its clients) and a buffer: events come in from
this process's own writers (:meth:`Fanout.publish`) and, with a message queue, from the other
processes (:class:`facilitator.live.bus.RedisBus`); an event is released only when every lower seq
has been released. A missing seq is read from the events table (``read_events``): at once when
there is no message queue, after ``gap_wait`` seconds with one (the other process's publish is
usually a millisecond away; if it died after its commit, the table has the event). Holes the table
cannot fill (events deleted by hand) are stepped over. A slow watch (``tail_every``) reads what was
committed but never published at all (a writer that died, a CLI), so nothing waits for the next change.
The order therefore never depends on which process a change was made in.

**prev.** Each released event gets ``prev``: the seq of the previous event with the same audience
(0: none). Every process computes the same value (from the same ordered log; a process that starts
late reads the heads from the table), so a client can tell a real gap (``prev`` newer than the last
event it has of that audience) from events it may not see (static/js/stream.js).

**Coalescing.** One Socket.IO message per event per client cannot carry a full room (1,000 phones x
40 notes/s is 40,000 messages/s; a bare relay on gevent saturates near 25,000). So released events
wait at most ``tick`` seconds and go out together as one ``events`` message per room: the first
event after a quiet spell goes at once (on the next turn of the event loop, so that the sender's
acknowledgement is on its way first), the ones that follow within the tick ride in the next batch.
The tick grows with the number of connections (``per_connection`` seconds each, at most ``tick``).
A batch is split into runs of consecutive events with the same audience, emitted in sequence order,
so every client receives its events in sequence order.

Each process emits to its own clients only: the events travel between processes once, as events,
not once per room. Each batch is encoded once and written to every idle WebSocket in the room
without engine.io's per-connection queue (live/broadcast.py).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from facilitator.domain import events
from facilitator.live import rooms
from facilitator.live.broadcast import Broadcaster

# Seconds of tick per connection. A flush to N connections costs N x (send cost per connection), so
# with a tick of N x PER_CONNECTION sending takes at most (cost / PER_CONNECTION) of the process even
# when every tick has a batch. The direct path (live/broadcast.py) measured 21-22 us of CPU per
# connection where python-socketio's emit took 58-60 (same run, 300 WebSockets, load average 33;
# docs/performance.md): 20 us makes the tick at 1,000 phones 20 ms instead of 50.
PER_CONNECTION = 0.00002
GAP_WAIT = 0.2  # with a message queue: how long a hole waits for the other process's publish
TAIL_EVERY = 1.0  # how often a process checks the log for changes nobody published


@dataclass
class Stream:
    """One conference's ordered stream in this process."""

    cursor: int
    heads: dict | None = None  # audience -> seq of the last released event (None: not loaded yet)
    pending: dict = field(default_factory=dict)  # seq -> event, waiting for a lower seq
    hole_since: float | None = None


class Fanout:
    def __init__(self, socketio, tick: float, connections=None, per_connection: float = PER_CONNECTION, *,
                 log=None, bus=None, gap_wait: float | None = None, on_release: Callable | None = None,
                 broadcaster=None):
        self.socketio = socketio
        self.broadcaster = broadcaster or Broadcaster(socketio)  # .emit(event, data, room)
        self.max_tick = tick
        self.connections = connections  # () -> how many are connected, or None: always the full tick
        self.per_connection = per_connection
        self.log = log  # EventLog: read_events(cid, after, before) / heads(cid, upto) / last_seq(cid); None: no reads
        self.bus = bus  # RedisBus or None (one process)
        self.gap_wait = (GAP_WAIT if bus else 0.0) if gap_wait is None else gap_wait
        self.on_release = on_release  # fn(cid, event) for each event as it is released (before it is sent)
        self.database = None  # the database this fanout belongs to (set by the live layer)
        self.streams: dict[int, Stream] = {}
        self.pending: dict[int, list[dict]] = {}  # released, waiting for the tick
        self.last_flush: dict[int, float] = {}
        self.scheduled: set[int] = set()

    # --- in: events from this process and from the others ------------------------------------

    def publish(self, cid: int, new_events: list[dict]) -> None:
        """This process committed these events: tell the other processes, deliver here."""
        if not new_events:
            return
        self.receive(cid, new_events)  # first: the publish below yields to other greenlets
        if self.bus is not None:
            self.bus.publish(cid, new_events)

    def start(self, cid: int, seq: int) -> None:
        """A client of this conference connected when the log was at ``seq``: deliver from there on."""
        if cid not in self.streams:
            self.streams[cid] = Stream(cursor=seq)

    def receive(self, cid: int, new_events: list[dict]) -> None:
        if not new_events:
            return
        s = self.streams.get(cid)
        if s is None:
            s = self.streams[cid] = Stream(cursor=min(e["seq"] for e in new_events) - 1)
        for e in new_events:
            if e["seq"] > s.cursor:
                s.pending.setdefault(e["seq"], e)
        self.release(cid)

    def release(self, cid: int) -> None:
        s = self.streams[cid]
        ready = []
        while s.cursor + 1 in s.pending:
            ready.append(self._annotate(cid, s, s.pending.pop(s.cursor + 1)))
        if not s.pending:
            s.hole_since = None
        elif s.hole_since is None:
            s.hole_since = time.monotonic()
            if self.gap_wait <= 0:
                ready += self._fill(cid, s)
            else:
                self.socketio.start_background_task(self._fill_later, cid)
        if ready:
            self._queue(cid, ready)

    def _annotate(self, cid: int, s: Stream, e: dict) -> dict:
        if s.heads is None:
            s.heads = self.log.heads(cid, s.cursor) if self.log is not None else {}
        s.cursor = e["seq"]
        out = {**e, "prev": s.heads.get(e["audience"], 0)}
        s.heads[e["audience"]] = e["seq"]
        if self.on_release is not None:
            self.on_release(cid, out)
        return out

    def _fill(self, cid: int, s: Stream) -> list[dict]:
        """Read the hole below the lowest waiting event from the log (it committed: a higher seq did)."""
        ready = []
        while s.pending:
            lowest = min(s.pending)
            found = self.log.read_events(cid, s.cursor, lowest) if self.log is not None else []
            for e in found:
                if e["seq"] > s.cursor:
                    ready.append(self._annotate(cid, s, e))
            s.cursor = max(s.cursor, lowest - 1)  # what the log does not have (deleted) is stepped over
            while s.cursor + 1 in s.pending:
                ready.append(self._annotate(cid, s, s.pending.pop(s.cursor + 1)))
        s.hole_since = None
        return ready

    def _fill_later(self, cid: int) -> None:
        self.socketio.sleep(self.gap_wait)
        s = self.streams.get(cid)
        if s is not None and s.pending and s.hole_since is not None:
            ready = self._fill(cid, s)
            if ready:
                self._queue(cid, ready)

    def catch_up(self) -> None:
        """Release what was committed but never published (a writer that died, another program)."""
        if self.log is None:
            return
        for cid, s in list(self.streams.items()):
            if s.pending:
                continue  # a hole is being waited for already
            last = self.log.last_seq(cid)
            if last > s.cursor:
                ready = [self._annotate(cid, s, e) for e in self.log.read_events(cid, s.cursor, last + 1)
                         if e["seq"] > s.cursor]
                s.cursor = max(s.cursor, last)
                if ready:
                    self._queue(cid, ready)

    def watch(self, every: float = TAIL_EVERY) -> None:
        """The background loop for :meth:`catch_up` (one per process)."""
        while True:
            self.socketio.sleep(every)
            try:
                self.catch_up()
            except Exception:  # keep watching; the next round tries again
                import logging

                logging.getLogger(__name__).exception("fan-out catch-up failed")

    # --- out: coalesced per tick, to this process's clients -----------------------------------

    def _queue(self, cid: int, released: list[dict]) -> None:
        tick = self.tick()
        if tick <= 0:
            self.send(cid, released)
            return
        self.pending.setdefault(cid, []).extend(released)
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
        for e in without_superseded(batch):
            if run and run[-1]["audience"] != e["audience"]:
                self._emit(cid, run)
                run = []
            run.append(e)
        self._emit(cid, run)

    def _emit(self, cid: int, run: list[dict]) -> None:
        # to this process's clients only: with a message queue every process sends to its own
        self.broadcaster.emit("events", run, rooms.for_audience(cid, run[0]["audience"]))


def without_superseded(batch: list[dict]) -> list[dict]:
    """The batch without the events a later one in it supersedes (``events.SUPERSEDED``: the newest
    results of a statement replace the older ones), each kept event's ``prev`` pointing at the kept
    event before it with the same audience (or, for the first, at what the batch's first event of
    that audience pointed at: the last event of the batch before, which was sent, since the last
    event of an audience in a batch is never superseded). So a client sees no gap where the fan-out
    left events out, and a prev is never newer than before (a reconnect elsewhere still resyncs right)."""
    kept = events.newest_only(batch)
    if kept is batch:
        return batch
    chain: dict = {}
    for e in batch:
        chain.setdefault(e["audience"], e.get("prev", 0))
    out = []
    for e in kept:
        audience = e["audience"]
        out.append(e if e.get("prev", 0) == chain[audience] else {**e, "prev": chain[audience]})
        chain[audience] = e["seq"]
    return out


class EventLog:
    """The reads the fan-out needs, on its own SQLite connection (opened on first use)."""

    def __init__(self, path: str):
        self.path = path
        self._db = None

    def db(self):
        if self._db is None:
            from facilitator import db as database

            self._db = database.connect(self.path)
        return self._db

    def read_events(self, cid: int, after: int, before: int) -> list[dict]:
        import json

        cursor = self.db().conn.execute(
            "select seq, kind, audience, data, created_at from events where conference_id = ? and seq > ? and seq < ? "
            "order by seq", [cid, after, before])
        return [{"seq": seq, "kind": kind, "audience": audience, "data": json.loads(data), "at": at}
                for seq, kind, audience, data, at in cursor.fetchall()]

    def heads(self, cid: int, upto: int) -> dict:
        cursor = self.db().conn.execute(
            "select audience, max(seq) from events where conference_id = ? and seq <= ? group by audience", [cid, upto])
        return dict(cursor.fetchall())

    def last_seq(self, cid: int) -> int:
        r = self.db().conn.execute("select last_seq from conferences where id = ?", [cid]).fetchone()
        return r[0] if r else 0

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
