"""Events between server processes: every process publishes what it committed, every process
receives what the others committed and feeds it to its own ordered fan-out (live/fanout.py).

One Redis channel carries the events themselves (not one Socket.IO message per room), so the
order is decided in each process by sequence number, never by the order messages crossed Redis.
When Redis is away, nothing is lost: the fan-out reads what it missed from the events table.
"""
from __future__ import annotations

import json
import logging
import uuid

log = logging.getLogger(__name__)
RETRY_SECONDS = 1.0


class RedisBus:
    def __init__(self, url: str, channel: str = "facilitator:events"):
        import redis

        self.redis = redis.Redis.from_url(url)
        self.channel = channel
        self.host = uuid.uuid4().hex  # messages from this process come back to it; it has them already

    def publish(self, cid: int, new_events: list[dict]) -> None:
        message = json.dumps({"host": self.host, "cid": cid, "events": new_events}, ensure_ascii=False)
        try:
            self.redis.publish(self.channel, message)
        except Exception:  # committed all the same: the others read it from the log (Fanout.catch_up)
            log.exception("could not publish events to Redis")

    def listen(self, receive, sleep) -> None:
        """Run forever (a background task): ``receive(cid, events)`` for every other process's events."""
        while True:
            try:
                pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.channel)
                for message in pubsub.listen():
                    if message.get("type") != "message":
                        continue
                    body = json.loads(message["data"])
                    if body.get("host") != self.host:
                        receive(body["cid"], body["events"])
            except Exception:
                log.exception("Redis listener stopped; retrying")
                sleep(RETRY_SECONDS)
