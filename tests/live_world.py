"""A conference ready to run live, with a socket per role, for the live protocol tests."""
from __future__ import annotations

import hashlib
import json
import uuid

import pytest

from facilitator.domain import conferences, participants, programme, tables, users
from facilitator.live import socketio
from tests.conftest import PASSWORD, login

ROLES = ("organiser", "facilitator", "participant", "presenter")
TABLES = ("room_state", "notes", "note_clusters", "session_settings", "events", "client_ops")


def op(data=None, op_id=None):
    return {"op_id": op_id or str(uuid.uuid4()), "data": {} if data is None else data}


def fingerprint(db) -> str:
    """Everything the live engine may change, hashed: equal before and after means nothing changed."""
    h = hashlib.sha256()
    for table in TABLES:
        h.update(json.dumps(list(db.query(f"select * from {table} order by 1, 2")), default=str).encode())
    h.update(json.dumps(list(db.query("select id, current_session_id, last_seq from conferences"))).encode())
    return h.hexdigest()


def received_events(sock) -> list[dict]:
    return [e for m in sock.get_received() if m["name"] == "events" for e in m["args"][0]]


class World:
    def __init__(self, app, db, cid):
        self.app, self.db, self.cid = app, db, cid
        tables.create_tabling(db, cid, "Tables", 8, seed=1)
        people = participants.list_for(db, cid)
        self.alice = people[0]
        # bob: another stakeholder group and another table
        table_of = {r["participant_id"]: r["table_id"] for r in db.query("select * from table_members")}
        self.bob = next(p for p in people if p["stakeholder_group_id"] != self.alice["stakeholder_group_id"]
                        and table_of[p["id"]] != table_of[self.alice["id"]])
        self.carol = next(p for p in people if table_of[p["id"]] == table_of[self.alice["id"]] and p["id"] != self.alice["id"])
        self.sessions = {s["activity"]: s for s in reversed(programme.sessions(db, cid))}
        admin = users.create_or_update(db, "admin@example.org", PASSWORD, "Admin", is_admin=True)
        helper = users.create_or_update(db, "helper@example.org", PASSWORD, "Helper")
        conferences.add_member(db, cid, helper["id"], "facilitator")
        self.admin = admin
        conf = conferences.get(db, cid)
        self.sockets = {
            "organiser": socketio.test_client(app, flask_test_client=login(app.test_client(), admin["email"]),
                                              auth={"conference_id": cid}),
            "facilitator": socketio.test_client(app, flask_test_client=login(app.test_client(), helper["email"]),
                                                auth={"conference_id": cid}),
            "participant": socketio.test_client(app, auth={"token": self.alice["token"]}),
            "presenter": socketio.test_client(app, auth={"presenter": conf["presenter_key"]}),
        }
        self.bob_socket = socketio.test_client(app, auth={"token": self.bob["token"]})
        self.carol_socket = socketio.test_client(app, auth={"token": self.carol["token"]})
        for s in self.all_sockets():
            assert s.is_connected()
            s.get_received()

    def all_sockets(self):
        return [*self.sockets.values(), self.bob_socket, self.carol_socket]

    def staff(self, kind, data):
        ack = self.sockets["organiser"].emit(kind, op(data), callback=True)
        assert ack["ok"], ack
        return ack["result"]

    def goto(self, activity):
        return self.staff("room.goto", {"session_id": self.sessions[activity]["id"]})

    def post(self, sock, text="A note", **extra):
        ack = sock.emit("note.post", op({"text": text, **extra}), callback=True)
        assert ack["ok"], ack
        return ack["result"]["note"]

    def state(self, sock):
        reply = sock.emit("state", callback=True)
        assert reply["ok"]
        return reply["state"]

    def drain(self):
        for s in self.all_sockets():
            s.get_received()


@pytest.fixture
def world(app, db, sample_id):
    from facilitator.live import presence

    presence.CONNECTED.clear()  # test clients of earlier tests (other databases) never said goodbye
    w = World(app, db, sample_id)
    yield w
    for s in w.all_sockets():
        if s.is_connected():
            s.disconnect()
