"""The ordered fan-out: released strictly by sequence number whoever published, holes filled from the
log, ``prev`` per audience, batches per tick, each run to the rooms of its audience."""
import gevent

from facilitator.live.fanout import Fanout as _Fanout


def Fanout(sio, *args, **kwargs):  # noqa: N802  (the fake records what the broadcaster would send)
    return _Fanout(sio, *args, broadcaster=sio, **kwargs)


class FakeSocketIO:
    def __init__(self):
        self.sent = []

    def emit(self, name, data, to, **_kwargs):
        self.sent.append((name, [e["seq"] for e in data], sorted(to) if isinstance(to, list) else to))
        self.events = getattr(self, "events", []) + list(data)

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


class FakeLog:
    """The events table, as the fan-out reads it."""

    def __init__(self, events=()):
        self.events = {e["seq"]: e for e in events}
        self.reads = 0

    def read_events(self, cid, after, before):
        self.reads += 1
        return [self.events[s] for s in sorted(self.events) if after < s < before]

    def heads(self, cid, upto):
        out = {}
        for s in sorted(self.events):
            if s <= upto:
                out[self.events[s]["audience"]] = s
        return out

    def last_seq(self, cid):
        return max(self.events, default=0)


def test_events_published_out_of_order_are_delivered_in_order():
    """Two writers (or two processes) publish 2 before 1: nobody receives 2 first."""
    sio = FakeSocketIO()
    fan = Fanout(sio, 0, gap_wait=10)  # a long wait: the hole must be filled by the late publish itself
    fan.start(1, 0)
    fan.receive(1, [ev(2)])
    assert sio.sent == []
    fan.receive(1, [ev(1)])
    assert [s for _, s, _ in sio.sent] == [[1, 2]]
    fan.receive(1, [ev(2)])  # the same event again (its own publish coming back): not twice
    assert len(sio.sent) == 1


def test_a_hole_is_read_from_the_log_when_its_publisher_never_comes():
    """The process that committed seq 3 died before it published: the others read 3 from the table."""
    sio = FakeSocketIO()
    log = FakeLog([ev(1), ev(2), ev(3, "table:4"), ev(4)])
    fan = Fanout(sio, 0, log=log, gap_wait=0.02)
    fan.start(1, 0)
    fan.receive(1, [ev(1), ev(2)])
    fan.receive(1, [ev(4)])
    assert [s for _, s, _ in sio.sent] == [[1, 2]]
    gevent.sleep(0.05)
    assert [s for _, s, _ in sio.sent] == [[1, 2], [3], [4]]
    assert sio.sent[1][2] == ["c:1:staff", "c:1:table:4"]


def test_without_a_message_queue_a_hole_is_filled_at_once():
    sio = FakeSocketIO()
    fan = Fanout(sio, 0, log=FakeLog([ev(1), ev(2)]))
    fan.start(1, 0)
    fan.receive(1, [ev(2)])
    assert [s for _, s, _ in sio.sent] == [[1, 2]]


def test_what_the_log_no_longer_has_is_stepped_over():
    sio = FakeSocketIO()
    fan = Fanout(sio, 0, log=FakeLog([]))
    fan.start(1, 0)
    fan.receive(1, [ev(5)])
    assert [s for _, s, _ in sio.sent] == [[5]]


def test_committed_but_never_published_is_caught_up_by_the_watch():
    sio = FakeSocketIO()
    log = FakeLog([ev(1)])
    fan = Fanout(sio, 0, log=log)
    fan.start(1, 1)
    log.events[2] = ev(2)
    log.events[3] = ev(3)
    fan.catch_up()
    assert [s for _, s, _ in sio.sent] == [[2, 3]]
    fan.catch_up()
    assert len(sio.sent) == 1


def test_each_event_names_the_previous_one_of_its_audience():
    sio = FakeSocketIO()
    log = FakeLog([ev(1), ev(2, "table:7"), ev(3)])
    fan = Fanout(sio, 0, log=log)
    fan.start(1, 3)  # a process that starts late reads the heads from the log
    fan.receive(1, [ev(4, "table:7"), ev(5), ev(6, "participant:2"), ev(7, "table:7")])
    prevs = {e["seq"]: e["prev"] for e in sio.events}
    assert prevs == {4: 2, 5: 3, 6: 0, 7: 4}


def test_two_processes_agree_on_prev():
    """Whatever each one published itself first, both release the same stream with the same prev."""
    log = FakeLog([])
    a, b = FakeSocketIO(), FakeSocketIO()
    fa, fb = Fanout(a, 0, log=log, gap_wait=10), Fanout(b, 0, log=log, gap_wait=10)
    fa.start(1, 0)
    fb.start(1, 0)
    mine_a = [ev(1), ev(3, "table:1")]
    mine_b = [ev(2, "table:1"), ev(4)]
    fa.receive(1, mine_a[:1]); fb.receive(1, mine_b[:1]); fa.receive(1, mine_a[1:]); fb.receive(1, mine_b[1:])
    fa.receive(1, mine_b); fb.receive(1, mine_a)  # each one's events reach the other later
    assert [(e["seq"], e["prev"]) for e in a.events] == [(e["seq"], e["prev"]) for e in b.events] == \
        [(1, 0), (2, 0), (3, 2), (4, 1)]


def results(seq, statement_id, audience="all", answered=1):
    return {"seq": seq, "kind": "statement.results", "audience": audience,
            "data": {"statement_id": statement_id, "answered": answered}, "at": ""}


def test_a_batch_sends_only_the_newest_results_of_a_statement_with_prev_rechained():
    """Each answer makes the whole results again: within one batch only the newest of each statement
    (per audience) goes out, and every kept event's prev names the event sent before it, so the
    client's gap check (static/js/stream.js) sees no hole where the older results were left out."""
    sio = FakeSocketIO()
    fan = Fanout(sio, 0.05)
    fan.publish(1, [ev(1)])
    gevent.sleep(0)  # a quiet spell: the first goes alone
    fan.publish(1, [results(2, 7, answered=1), ev(3, "participant:5")])
    fan.publish(1, [results(4, 7, answered=2), results(5, 8), results(6, 7, "facilitators")])
    fan.publish(1, [results(7, 7, answered=3), ev(8), results(9, 7, "facilitators")])
    gevent.sleep(0.08)
    sent = [(e["seq"], e["audience"], e["prev"]) for e in sio.events]
    assert sent == [(1, "all", 0), (3, "participant:5", 0), (5, "all", 1), (7, "all", 5), (8, "all", 7),
                    (9, "facilitators", 0)]
    newest = next(e for e in sio.events if e["seq"] == 7)
    assert newest["data"] == {"statement_id": 7, "answered": 3}
    last_of = {}
    for seq, audience, prev in sent:  # what the phone checks: prev is the last one of its audience it has
        assert prev == last_of.get(audience, 0)
        last_of[audience] = seq


def test_results_alone_in_their_batch_are_all_sent():
    sio = FakeSocketIO()
    fan = Fanout(sio, 0)
    for seq in (1, 2, 3):
        fan.publish(1, [results(seq, 7, answered=seq)])
    assert [(e["seq"], e["prev"]) for e in sio.events] == [(1, 0), (2, 1), (3, 2)]
