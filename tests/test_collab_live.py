"""Shared texts against the real gevent server (`python run.py`), with python-socketio clients that
type through pycrdt (the same update format as Yjs in the browser): an offline phone's text and an
online phone's text both survive the reconnect; a server killed with SIGKILL while five people type
loses nothing it acknowledged; bad updates are refused with a clear error over the socket; another
table can neither write nor read, nor receives anything."""
from __future__ import annotations

import base64
import signal
import threading
import time

import pycrdt
import pytest

from facilitator.domain import tables
from tests.collab_helpers import Writer
from tests.test_live_server import Client

pytestmark = pytest.mark.live


@pytest.fixture
def table(server):
    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    seated = tables.tables_of(db, tables.create_tabling(db, cid, "Mixed", 8, seed=3))
    tokens = lambda t: [db.execute("select token from participants where id = ?", [m["id"]]).fetchone()[0]  # noqa: E731
                        for m in t["members"]]
    out = {"cid": cid, "id": seated[0]["id"], "tokens": tokens(seated[0]), "other_tokens": tokens(seated[1]),
           "key": f"scenario:{seated[0]['id']}:story"}
    db.close()
    return out


class Typist(Client):
    """A phone at the table with its own copy of the story."""

    def __init__(self, server, token, key):
        super().__init__(server, {"token": token})
        self.key = key
        self.writer = Writer()
        self.sio.on("events", self._doc_events)
        self.load()

    def _doc_events(self, batch):
        self._got(batch)
        for e in batch:
            if e["kind"] == "doc.update" and e["data"]["doc"] == self.key and e["data"].get("update"):
                with self.lock:
                    self.writer.receive(e["data"]["update"])

    def load(self):
        reply = self.call("query", {"name": "doc.state", "data": {
            "doc": self.key, "vector": base64.b64encode(self.writer.doc.get_state()).decode()}})
        assert reply["ok"], reply
        if reply["result"]["update"]:
            with self.lock:
                self.writer.receive(reply["result"]["update"])

    def type(self, value):
        with self.lock:
            return self.writer.append(value)

    def push(self, update):
        return self.send("doc.update", {"doc": self.key, "update": update})

    def text(self):
        with self.lock:
            return str(self.writer)


def server_story(server, table_id):
    db = server.db()
    try:
        r = db.execute("select story from scenarios where table_id = ?", [table_id]).fetchone()
        return r[0] if r else ""
    finally:
        db.close()


def test_an_offline_phone_and_an_online_phone_both_keep_their_text(server, table):
    online = Typist(server, table["tokens"][0], table["key"])
    offline = Typist(server, table["tokens"][1], table["key"])
    assert online.push(online.type("Start. "))["ok"]
    assert offline.wait_for(lambda: offline.text() == "Start. ")
    offline.close()  # the phone loses the network...
    typed_offline = [offline.type(w) for w in ("Typed ", "on ", "the ", "train. ")]  # ...and its person types on
    for w in ("Typed ", "in ", "the ", "room. "):
        assert online.push(online.type(w))["ok"]
    # Back online: the phone sends what it typed (merged into one update, as collab.js does) and
    # asks for what it missed with its state vector.
    back = Typist.__new__(Typist)
    Client.__init__(back, server, {"token": table["tokens"][1]})
    back.key, back.writer = table["key"], offline.writer
    back.sio.on("events", back._doc_events)
    merged = base64.b64encode(pycrdt.merge_updates(*[base64.b64decode(u) for u in typed_offline])).decode()
    assert back.push(merged)["ok"]
    back.load()
    assert online.wait_for(lambda: online.text() == back.text())
    story = server_story(server, table["id"])
    assert story == online.text() == back.text()
    assert "Typed on the train. " in story and "Typed in the room. " in story and story.startswith("Start. ")
    online.close()
    back.close()


def test_nothing_acknowledged_is_lost_when_the_server_is_killed(server, table):
    typists = [Typist(server, token, table["key"]) for token in table["tokens"][:5]]
    acked = {i: [] for i in range(5)}
    stop = threading.Event()

    def typing(i, typist):
        n = 0
        while not stop.is_set():
            word = f"<{i}.{n}>"
            update = typist.type(word)
            try:
                ack = typist.push(update)
            except Exception:  # the server is gone: this one was never acknowledged
                return
            if ack.get("ok"):
                acked[i].append(word)
            n += 1
            time.sleep(0.12)  # about 8 a second: a fast typist, within the server's rate per connection

    threads = [threading.Thread(target=typing, args=(i, t), daemon=True) for i, t in enumerate(typists)]
    for t in threads:
        t.start()
    deadline = time.time() + 20
    while min(len(a) for a in acked.values()) < 8 and time.time() < deadline:
        time.sleep(0.05)
    server.kill(signal.SIGKILL)
    stop.set()
    for t in threads:
        t.join(5)
    assert min(len(a) for a in acked.values()) >= 8
    server.start()
    story = server_story(server, table["id"])
    reader = Typist(server, table["tokens"][5], table["key"])  # a fresh phone loads the document
    assert reader.text() == story
    for i, words in acked.items():  # each person's acknowledged words are all there, in their order
        at = [story.find(w) for w in words]
        assert -1 not in at and at == sorted(at), (i, words, at)
    reader.close()
    for t in typists:
        t.close()


def test_bad_updates_are_refused_over_the_socket_and_change_nothing(server, table):
    me = Typist(server, table["tokens"][0], table["key"])
    assert me.push(me.type("Kept. "))["ok"]
    bad = {
        "not base64!": "invalid",
        base64.b64encode(b"\x05\x01garbage").decode(): "invalid",
        "A" * 13_000: "too_large",
    }
    for update, code in bad.items():
        ack = me.push(update)
        assert not ack["ok"] and ack["error"]["code"] == code and ack["error"]["message"], ack
    ack = me.send("doc.update", {"doc": "scenario:nope", "update": me.type("x")})
    assert not ack["ok"] and ack["error"]["code"] == "invalid"
    assert server_story(server, table["id"]) == "Kept. "


def test_another_table_can_neither_write_nor_read_nor_hear(server, table):
    me = Typist(server, table["tokens"][0], table["key"])
    stranger = Client(server, {"token": table["other_tokens"][0]})
    assert me.push(me.type("Our own draft. "))["ok"]
    ack = stranger.send("doc.update", {"doc": table["key"], "update": Writer().append("Intruder")})
    assert not ack["ok"] and ack["error"]["code"] == "forbidden"
    reply = stranger.call("query", {"name": "doc.state", "data": {"doc": table["key"]}})
    assert not reply["ok"] and reply["error"]["code"] == "forbidden"
    heard, mate_heard = [], []
    stranger.sio.on("doc.presence", heard.append)
    mate = Typist(server, table["tokens"][1], table["key"])
    mate.sio.on("doc.presence", mate_heard.append)
    assert me.call("doc.presence", {"doc": table["key"], "typing": True, "pos": None})["ok"]
    assert mate.wait_for(lambda: mate_heard)
    assert mate_heard[0]["typing"] and mate_heard[0]["who"]["name"] and mate_heard[0]["doc"] == table["key"]
    assert stranger.call("doc.presence", {"doc": table["key"], "typing": True})["error"]["code"] == "forbidden"
    assert mate.push(mate.type("Mate. "))["ok"]
    assert me.wait_for(lambda: "Mate. " in me.text())
    assert not [e for e in stranger.events if e["kind"] == "doc.update"] and not heard
    assert "Intruder" not in server_story(server, table["id"])
    for c in (me, stranger, mate):
        c.close()


def test_two_of_a_group_type_into_one_trend_response_at_once_and_another_group_hears_nothing(server):
    """The same machinery for a group's text: ``trend_response:<row id>:now``."""
    from facilitator.db import transaction
    from facilitator.domain import trends
    from facilitator.domain.events import Actor

    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    with transaction(db):
        trend = trends.add(db, Actor("facilitator", cid, user_id=1), {"text": "Loneliness"})[0]["id"]
        db.execute("insert or replace into room_state (conference_id, input_open, updated_at) values (?, 1, '')", [cid])
    group, other = [r[0] for r in db.execute("select id from stakeholder_groups where conference_id = ? order by position limit 2", [cid])]
    token = lambda g, n: db.execute("select token from participants where stakeholder_group_id = ? order by id limit 1 offset ?",  # noqa: E731
                                    [g, n]).fetchone()[0]
    tokens, stranger_token = [token(group, 0), token(group, 1)], token(other, 0)
    picker = Client(server, {"token": tokens[0]})
    ack = picker.send("response.pick", {"trend_id": trend})
    assert ack["ok"], ack
    row_id = db.execute("select id from trend_responses where group_id = ?", [group]).fetchone()[0]
    db.close()
    key = f"trend_response:{row_id}:now"
    a, b = Typist(server, tokens[0], key), Typist(server, tokens[1], key)
    stranger = Client(server, {"token": stranger_token})
    words = {0: [], 1: []}

    def typing(i, typist):
        for n in range(6):
            word = f"<{i}.{n}>"
            assert typist.push(typist.type(word))["ok"]
            words[i].append(word)

    threads = [threading.Thread(target=typing, args=(i, t)) for i, t in enumerate((a, b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert a.wait_for(lambda: a.text() == b.text() and all(w in a.text() for ws in words.values() for w in ws))
    db = server.db()
    stored = db.execute("select now_text from trend_responses where id = ?", [row_id]).fetchone()[0]
    db.close()
    assert stored == a.text()
    ack = stranger.send("doc.update", {"doc": key, "update": Writer().append("Intruder")})
    assert not ack["ok"] and ack["error"]["code"] == "forbidden"
    assert stranger.call("query", {"name": "doc.state", "data": {"doc": key}})["error"]["code"] == "forbidden"
    assert not [e for e in stranger.events if e["kind"] in ("doc.update", "response.sheet")]
    for c in (picker, a, b, stranger):
        c.close()
