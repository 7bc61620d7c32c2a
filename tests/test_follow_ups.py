"""What follows a change in a transaction of its own (live/follow_ups.py): a statement's results after
answers, at once after a quiet spell, then at most once per window, always counting every answer."""
import time
import uuid

import gevent
import pytest

from facilitator.domain import statements as st
from facilitator.live import connection, socketio
from facilitator.live.fanout import Fanout
from facilitator.live.follow_ups import FOLLOW_UPS, FollowUps
from tests.shared_future_helpers import run, staff


class FakeSocketIO:
    def start_background_task(self, fn, *args):
        return gevent.spawn(fn, *args)

    def sleep(self, seconds):
        gevent.sleep(seconds)


def answered(cid, seq):
    return {"seq": seq, "kind": "statement.answer", "audience": "participant:1", "data": {"statement_id": 7}}


def test_the_registry_names_the_results_after_an_answer_and_a_dot():
    from facilitator.domain import dotvotes

    assert FOLLOW_UPS["statement.answer"] == ("statement_id", st.publish_results)
    assert FOLLOW_UPS["vote.mine"] == ("session_id", dotvotes.publish_results)


def test_after_a_quiet_spell_the_follow_up_runs_on_the_next_turn_then_once_per_window():
    runs = []
    follow = FollowUps(FakeSocketIO(), 0.05, lambda cid, fn, value: runs.append((cid, value, gevent.get_hub().loop.now())))
    follow.after(1, [answered(1, 1)])
    assert runs == []  # not inside the change's handler: its acknowledgement goes first
    gevent.sleep(0)
    assert [(c, v) for c, v, _t in runs] == [(1, 7)]
    for seq in range(2, 12):  # a burst within the window: one more run, after the window
        follow.after(1, [answered(1, seq)])
    gevent.sleep(0.01)
    assert len(runs) == 1
    gevent.sleep(0.08)
    assert len(runs) == 2 and runs[1][2] - runs[0][2] >= 0.04
    follow.after(2, [answered(2, 1), answered(2, 2)])  # another conference: its own key, one run
    gevent.sleep(0)
    assert [(c, v) for c, v, _t in runs[2:]] == [(2, 7)]


def test_other_events_have_no_follow_up():
    runs = []
    follow = FollowUps(FakeSocketIO(), 0, lambda *key: runs.append(key))
    follow.after(1, [{"seq": 1, "kind": "note.added", "audience": "all", "data": {}}])
    assert runs == []
    follow.after(1, [answered(1, 2)])
    assert [key[2] for key in runs] == [7]  # window 0 (tests): at once, before after() returns


@pytest.fixture
def voters(app, db, sample_id, monkeypatch):
    monkeypatch.setattr(connection, "_fanout", Fanout(socketio, 0))
    monkeypatch.setitem(app.config, "LIVE_FOLLOW_UP_SECONDS", 0.05)
    monkeypatch.setattr(connection, "_follow_ups", None)
    sid = st.list_for(db, sample_id)[0]["id"]
    run(db, st.put_up, staff(sample_id), {"ids": [sid]})
    tokens = [r[0] for r in db.execute("select token from participants where conference_id = ? order by id limit 10",
                                       [sample_id])]
    key = db.execute("select presenter_key from conferences where id = ?", [sample_id]).fetchone()[0]
    clients = [socketio.test_client(app, auth={"token": t}) for t in tokens]
    screen = socketio.test_client(app, auth={"presenter": key})
    yield sid, clients, screen
    for c in clients + [screen]:
        c.disconnect()
    monkeypatch.setattr(connection, "_follow_ups", None)


def results_seen(sock, out):
    for m in sock.get_received():
        if m["name"] == "events":
            out.extend(e for e in m["args"][0] if e["kind"] == "statement.results")
    return out


def test_a_burst_of_answers_reaches_the_screen_as_results_that_count_them_all(voters):
    sid, clients, screen = voters
    screen.get_received()
    acks = [c.emit("statement.answer", {"op_id": str(uuid.uuid4()), "data": {"statement_id": sid, "answer": "agree"}},
                   callback=True) for c in clients]
    assert all(a["ok"] for a in acks)
    seen = []
    gave_up = time.monotonic() + 10  # a bound for a broken follow-up, far above the 0.05 s window
    while not any(e["data"]["answered"] == len(clients) for e in results_seen(screen, seen)):
        assert time.monotonic() < gave_up, f"no results counting all {len(clients)} answers: {seen}"
        gevent.sleep(0.01)  # the follow-up runs in the background; wait for the results that count all ten
    assert len(seen) < len(clients)  # fewer counts than answers: that is the point
    last = seen[-1]
    assert last["data"]["result"]["counts"]["agree"] == len(clients)
    assert all(a["seq"] < last["seq"] for a in acks)  # counted after every acknowledged answer
