"""Changes that follow other changes, at most once per short window: a statement's results after answers.

Some state is derived from many small changes and costs more to count than the change itself: a
statement's results (the tally per stakeholder group, the newest reasons, the highlights) are
counted again after every answer, and every screen in the room receives them. With 2,000 people
answering within ten seconds that was 2,000 counts of a growing tally (about 3 ms each at the end)
and 2,000 whole-room messages (docs/performance.md, "The vote").

So the change's own transaction holds only the change (the answer, and the answerer's own event);
the activity's entry in the registry names what follows (``follow_ups``:
``{"statement.answer": ("statement_id", "publish_results")}``), and this module runs it in a
transaction of its own, through the same path as every change (one transaction with its events
and their sequence numbers, then the ordered fan-out):

- after a quiet spell at once (on the next turn of the event loop, so the change's acknowledgement
  goes first);
- then at most once per ``window`` per value (per statement); the run counts every change
  committed before it, so the last answer of a burst is always counted by a run that starts after
  it committed.

Derived state is never the only copy: a snapshot or a reload counts the results afresh, so a
process that stops between an answer and its follow-up leaves the room's tally behind only until
the next answer or reload. With ``window`` 0 (tests) the follow-up runs at once, before the
change's handler returns.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from gevent.lock import Semaphore

from facilitator.domain import activities

WINDOW = 0.05  # seconds: at most 20 results a second per statement, whatever the number of answers


def _registry() -> dict[str, tuple[str, Callable]]:
    return {kind: (field, activity.function(ref))
            for activity in activities.REGISTRY for kind, (field, ref) in activity.follow_ups.items()}


FOLLOW_UPS = _registry()  # event kind -> (data field, fn(db, conference_id, value) -> events)


class FollowUps:
    """This process's follow-ups: ``after(cid, events)`` once they committed and were published."""

    def __init__(self, socketio, window: float, run: Callable):
        self.socketio = socketio
        self.window = window
        self.run = run  # run(conference_id, fn, value): one transaction, then publish its events
        self.last: dict[tuple, float] = {}
        self.scheduled: set[tuple] = set()

    def after(self, conference_id: int, new_events: list[dict]) -> None:
        due = []
        for e in new_events:
            found = FOLLOW_UPS.get(e["kind"])
            if found is not None:
                key = (conference_id, found[1], e["data"].get(found[0]))
                if key not in due:
                    due.append(key)
        for key in due:
            self._due(key)

    def _due(self, key: tuple) -> None:
        if self.window <= 0:
            self.run(*key)
            return
        if key in self.scheduled:
            return  # the run already waiting will count this change too
        self.scheduled.add(key)
        wait = max(0.0, self.last.get(key, 0.0) + self.window - time.monotonic())
        self.socketio.start_background_task(self._later, key, wait)

    def _later(self, key: tuple, wait: float) -> None:
        if wait > 0:  # else at once: this greenlet starts after the change's handler has returned its ack
            self.socketio.sleep(wait)
        self.scheduled.discard(key)  # a change committed from now on schedules the next run
        self.last[key] = time.monotonic()
        try:
            self.run(*key)
        except Exception:  # the next change schedules another; a reload counts afresh
            logging.getLogger(__name__).exception("follow-up %s failed", key[1].__name__)


class Runner:
    """Runs a follow-up on a connection of its own (one at a time: they share it), then publishes."""

    def __init__(self, app, publish: Callable):
        self.app = app
        self.publish = publish  # publish(conference_id, events): the ordered fan-out
        self.lock = Semaphore()
        self.db = None

    def __call__(self, conference_id: int, fn: Callable, value) -> None:
        from facilitator import db as database
        from facilitator.db import transaction

        with self.app.app_context(), self.lock:
            if self.db is None:
                self.db = database.connect(self.app.config["DATABASE"])
            with transaction(self.db):
                new_events = fn(self.db, conference_id, value)
            self.publish(conference_id, new_events)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
