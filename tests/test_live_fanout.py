"""Coalesced fan-out: batches per tick, sequence order kept, each run to the rooms of its audience."""
import gevent

from facilitator.live.fanout import Fanout


class FakeSocketIO:
    def __init__(self):
        self.sent = []

    def emit(self, name, data, to):
        self.sent.append((name, [e["seq"] for e in data], sorted(to) if isinstance(to, list) else to))

    def start_background_task(self, fn, *args):
        return gevent.spawn(fn, *args)

    def sleep(self, seconds):
        gevent.sleep(seconds)


def ev(seq, audience="all"):
    return {"seq": seq, "kind": "note.added", "audience": audience, "data": {}, "at": ""}


def test_without_a_tick_every_change_goes_at_once():
    sio = FakeSocketIO()
    fan = Fanout(sio, 0)
    fan.publish(1, [ev(1)])
    fan.publish(1, [ev(2)])
    assert sio.sent == [("events", [1], ["c:1"]), ("events", [2], ["c:1"])]


def test_the_first_event_goes_at_once_and_the_next_ones_wait_for_the_tick():
    sio = FakeSocketIO()
    fan = Fanout(sio, 0.05)
    fan.publish(1, [ev(1)])
    assert sio.sent == []  # not inside the handler: its acknowledgement goes first...
    gevent.sleep(0)
    assert sio.sent == [("events", [1], ["c:1"])]  # ...then at once: no wait after a quiet spell
    for seq in (2, 3, 4):
        fan.publish(1, [ev(seq)])
    assert len(sio.sent) == 1  # coalescing
    gevent.sleep(0.08)
    assert sio.sent[1] == ("events", [2, 3, 4], ["c:1"])  # one message for the three
    gevent.sleep(0.06)
    fan.publish(1, [ev(5)])
    gevent.sleep(0)
    assert sio.sent[2] == ("events", [5], ["c:1"])  # a quiet spell again: at once


def test_a_batch_keeps_sequence_order_across_audiences():
    sio = FakeSocketIO()
    fan = Fanout(sio, 0.05)
    fan.publish(1, [ev(1)])
    fan.publish(1, [ev(2, "table:7"), ev(3, "table:7")])
    fan.publish(1, [ev(4)])
    fan.publish(1, [ev(5, "facilitators")])
    gevent.sleep(0.08)
    assert sio.sent == [  # all five in one batch, split into runs in sequence order
        ("events", [1], ["c:1"]),
        ("events", [2, 3], ["c:1:staff", "c:1:table:7"]),
        ("events", [4], ["c:1"]),
        ("events", [5], ["c:1:staff"]),
    ]


def test_conferences_are_coalesced_separately():
    sio = FakeSocketIO()
    fan = Fanout(sio, 0.05)
    fan.publish(1, [ev(1)])
    fan.publish(2, [ev(1)])
    gevent.sleep(0)
    assert sio.sent == [("events", [1], ["c:1"]), ("events", [1], ["c:2"])]


def test_the_tick_grows_with_the_number_of_connections():
    sio = FakeSocketIO()
    connected = [100]
    fan = Fanout(sio, 0.05, connections=lambda: connected[0], per_connection=0.00005)
    assert fan.tick() == 0.005  # 100 phones: at most 5 ms of waiting
    connected[0] = 400
    assert abs(fan.tick() - 0.02) < 1e-9
    connected[0] = 5000
    assert fan.tick() == 0.05  # never more than the configured tick
    connected[0] = 0
    fan.publish(1, [ev(1)])
    fan.publish(1, [ev(2)])
    assert sio.sent == [("events", [1], ["c:1"]), ("events", [2], ["c:1"])]  # nobody to coalesce for


def test_a_small_room_waits_only_its_short_tick():
    sio = FakeSocketIO()
    fan = Fanout(sio, 0.05, connections=lambda: 100, per_connection=0.00005)
    fan.publish(1, [ev(1)])
    gevent.sleep(0)
    fan.publish(1, [ev(2)])
    assert len(sio.sent) == 1
    gevent.sleep(0.02)  # well before the full 50 ms tick
    assert sio.sent[1] == ("events", [2], ["c:1"])
