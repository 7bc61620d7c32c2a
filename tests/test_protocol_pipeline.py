"""The live pipeline through Flask-SocketIO's test client: roles, payload checks, idempotency, resync."""
import uuid

import pytest

from facilitator.domain import participants
from facilitator.live import socketio
from tests.conftest import PASSWORD, login


def op(data=None, op_id=None):
    return {"op_id": op_id or str(uuid.uuid4()), "data": data or {}}


@pytest.fixture
def participant(db, sample_id):
    return participants.list_for(db, sample_id)[0]


@pytest.fixture
def staff_socket(app, organiser_client, sample_id):
    return socketio.test_client(app, flask_test_client=organiser_client, auth={"conference_id": sample_id})


@pytest.fixture
def participant_socket(app, participant):
    return socketio.test_client(app, auth={"token": participant["token"]})


def test_connect_refused_without_valid_token_or_login(app, sample_id):
    assert not socketio.test_client(app, auth={"token": "not-a-token"}).is_connected()
    assert not socketio.test_client(app, auth={"conference_id": sample_id}).is_connected()
    assert not socketio.test_client(app).is_connected()


def test_welcome_tells_role_and_sequence(participant_socket, participant):
    welcome = [m for m in participant_socket.get_received() if m["name"] == "welcome"][0]["args"][0]
    assert welcome["role"] == "participant"
    assert welcome["participant_id"] == participant["id"]


def test_facilitator_message_reaches_participants(staff_socket, participant_socket, db, sample_id):
    participant_socket.get_received()
    ack = staff_socket.emit("room.message", op({"text": "Coffee in five minutes"}), callback=True)
    assert ack["ok"] is True and ack["seq"] == 1
    got = [e for m in participant_socket.get_received() if m["name"] == "events" for e in m["args"][0]]
    assert got[0]["kind"] == "room.message" and got[0]["data"]["text"] == "Coffee in five minutes"
    assert db.execute("select count(*) from events where conference_id = ?", [sample_id]).fetchone()[0] == 1


def test_a_phone_that_comes_in_later_still_sees_a_recent_message(app, staff_socket, participant, db, sample_id):
    assert staff_socket.emit("room.message", op({"text": "Go to your table"}), callback=True)["ok"]
    late = socketio.test_client(app, auth={"token": participant["token"]})
    room = late.emit("state", {}, callback=True)["state"]["room"]
    assert room["message"]["text"] == "Go to your table"
    # a message from long ago is not shown to newcomers
    db.execute("update room_state set message_at = message_at - 3600 where conference_id = ?", [sample_id])
    assert late.emit("state", {}, callback=True)["state"]["room"]["message"] is None


def test_participant_may_not_send_room_message(participant_socket, db, sample_id):
    ack = participant_socket.emit("room.message", op({"text": "hi"}), callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    assert db.execute("select count(*) from events").fetchone()[0] == 0


@pytest.mark.parametrize("payload", [None, "text", {"data": {"text": "x"}}, {"op_id": "short", "data": {"text": "x"}},
                                     {"op_id": str(uuid.uuid4()), "data": {"text": "x" * 281}},
                                     {"op_id": str(uuid.uuid4()), "data": {"text": 5}},
                                     {"op_id": str(uuid.uuid4()), "data": []}])
def test_bad_payloads_change_nothing(staff_socket, db, payload):
    ack = staff_socket.emit("room.message", payload, callback=True)
    assert ack["ok"] is False
    assert db.execute("select count(*) from events").fetchone()[0] == 0


def test_resend_with_same_op_id_does_not_duplicate(staff_socket, db):
    payload = op({"text": "once"})
    first = staff_socket.emit("room.message", payload, callback=True)
    second = staff_socket.emit("room.message", payload, callback=True)
    assert first["seq"] == second["seq"] and second["duplicate"] is True
    assert db.execute("select count(*) from events").fetchone()[0] == 1


def test_resync_returns_missed_events(staff_socket, participant_socket):
    for text in ("one", "two", "three"):
        staff_socket.emit("room.message", op({"text": text}), callback=True)
    reply = participant_socket.emit("sync", {"seq": 1}, callback=True)
    assert [e["data"]["text"] for e in reply["events"]] == ["two", "three"]
    assert reply["seq"] == 3 and reply["snapshot"] is False


def test_state_snapshot(participant_socket):
    reply = participant_socket.emit("state", callback=True)
    assert reply["ok"] and "room" in reply["state"] and reply["state"]["seq"] == 0


def test_unknown_event_is_an_error(staff_socket):
    assert staff_socket.emit("no.such.thing", op(), callback=True)["error"]["code"] == "unknown_event"
