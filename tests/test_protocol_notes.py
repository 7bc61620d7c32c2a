"""Sticky notes over the live protocol: who may do what, anonymity, visibility, bad payloads."""
import pytest

from tests.live_world import ROLES, fingerprint, op, received_events, world  # noqa: F401

STAFF = ("organiser", "facilitator")


@pytest.fixture
def room(world):
    """The whole-room trend map is running, input open, with one note by Alice and a cluster."""
    world.goto("trend_map")
    world.note = world.post(world.sockets["participant"], "More people work from home", colour="blue")
    world.cluster = world.staff("cluster.add", {"name": "Work"})["cluster"]
    world.drain()
    return world


def valid(w, kind):
    n, c = w.note["id"], w.cluster["id"]
    data = {
        "note.post": {"text": "Another note", "colour": "green"},
        "note.edit": {"note_id": n, "text": "Changed"},
        "note.delete": {"note_id": n},
        "note.hide": {"note_id": n, "hidden": True},
        "note.move": {"note_id": n, "cluster_id": c, "position": 0},
        "note.merge": lambda: {"note_id": w.post(w.sockets["organiser"], "Second")["id"], "into_id": n},
        "cluster.add": {"name": "Care"},
        "cluster.rename": {"cluster_id": c, "name": "Working"},
        "cluster.delete": {"cluster_id": c},
    }[kind]
    return data() if callable(data) else data


# who may: the note belongs to the participant socket (Alice)
ALLOWED = {
    "note.post": ("organiser", "facilitator", "participant"),
    "note.edit": ("organiser", "facilitator", "participant"),
    "note.delete": ("organiser", "facilitator", "participant"),
    "note.hide": STAFF, "note.move": STAFF, "note.merge": STAFF,
    "cluster.add": STAFF, "cluster.rename": STAFF, "cluster.delete": STAFF,
}


@pytest.mark.parametrize("kind", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_each_event_for_each_role(room, kind, role):
    data = valid(room, kind)
    room.drain()
    before = fingerprint(room.db)
    ack = room.sockets[role].emit(kind, op(data), callback=True)
    if role in ALLOWED[kind]:
        assert ack["ok"] is True, ack
        assert fingerprint(room.db) != before
        seen = received_events(room.bob_socket)  # another participant, whole-room session
        assert seen and seen[-1]["seq"] == ack["seq"]
    else:
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", ack
        assert fingerprint(room.db) == before


@pytest.mark.parametrize("kind", ["note.edit", "note.delete"])
def test_others_cannot_touch_your_note(room, kind):
    data = valid(room, kind)
    before = fingerprint(room.db)
    ack = room.bob_socket.emit(kind, op(data), callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    assert fingerprint(room.db) == before


BAD = {
    "note.post": [{}, {"text": ""}, {"text": "  "}, {"text": 12}, {"text": "x" * 501}, {"text": "ok", "colour": "#ff0000"},
                  {"text": "ok", "colour": 3}, {"text": None}],
    "note.edit": [{}, {"note_id": "one", "text": "x"}, {"note_id": 999999, "text": "x"}, {"note_id": 1}, {"note_id": 1, "text": "x" * 501}],
    "note.delete": [{}, {"note_id": -1}, {"note_id": 999999}, {"note_id": [1]}],
    "note.hide": [{}, {"note_id": 1}, {"note_id": 1, "hidden": "yes"}, {"note_id": 999999, "hidden": True}],
    "note.move": [{}, {"note_id": 1, "cluster_id": 999999}, {"note_id": 1, "cluster_id": "a"}, {"note_id": 1, "position": -3}],
    "note.merge": [{}, {"note_id": 1}, {"note_id": 1, "into_id": 1}, {"note_id": 1, "into_id": 999999}],
    "cluster.add": [{}, {"name": ""}, {"name": "x" * 81}, {"name": 5}, {"name": "ok", "session_id": 999999}],
    "cluster.rename": [{}, {"cluster_id": 1}, {"cluster_id": 1, "name": ""}, {"cluster_id": 999999, "name": "x"}],
    "cluster.delete": [{}, {"cluster_id": "x"}, {"cluster_id": 999999}],
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_payloads_get_an_error_and_change_nothing(room, kind):
    before = fingerprint(room.db)
    for sock in (room.sockets["organiser"], room.sockets["participant"]):
        for data in BAD[kind] + ["text", [1]]:
            payload = op(data) if isinstance(data, dict) else {"op_id": "b0ffee00-0000-4000-8000-000000000000", "data": data}
            ack = sock.emit(kind, payload, callback=True)
            assert ack["ok"] is False and ack["error"]["code"] in ("invalid", "not_found", "forbidden"), (kind, data, ack)
            assert fingerprint(room.db) == before, (kind, data)


def test_two_participants_see_each_others_notes_live(room):
    note = room.post(room.bob_socket, "Fewer shops in the centre")
    got = received_events(room.sockets["participant"])
    assert [(e["kind"], e["data"]["note"]["text"]) for e in got] == [("note.added", "Fewer shops in the centre")]
    assert got[0]["data"]["note"]["id"] == note["id"]
    assert [e["kind"] for e in received_events(room.sockets["presenter"])] == ["note.added"]


def test_anonymous_session_never_shows_the_author(room):
    room.post(room.bob_socket, "Anonymous thought")
    for sock in room.all_sockets():
        for e in received_events(sock):
            assert e["data"]["note"]["author"] is None
            assert "participant_id" not in e["data"]["note"]
        for n in room.state(sock)["notes"]["notes"]:
            assert n["author"] is None
    resync = room.sockets["organiser"].emit("sync", {"seq": 0}, callback=True)
    assert all(e["data"]["note"].get("author") is None for e in resync["events"] if e["kind"].startswith("note."))
    mine = {n["text"]: n.get("mine", False) for n in room.state(room.bob_socket)["notes"]["notes"]}
    assert mine == {"Anonymous thought": True, "More people work from home": False}


def test_settings_of_another_activity_are_refused(room):
    before = fingerprint(room.db)
    ack = room.sockets["organiser"].emit("session.settings", op({"session_id": room.sessions["trend_map"]["id"],
                                                                 "anonymous": False}), callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "not_applicable"
    assert fingerprint(room.db) == before and all(received_events(s) == [] for s in room.all_sockets())


def test_named_session_shows_the_author(room):
    from tests.cockpit_helpers import add_notes_session

    session = add_notes_session(room.db, room.cid)
    room.staff("room.goto", {"session_id": session})
    room.staff("session.settings", {"session_id": session, "anonymous": False})
    room.drain()
    room.post(room.bob_socket, "Signed")
    assert received_events(room.sockets["participant"])[0]["data"]["note"]["author"] == room.bob["name"]


def test_mixed_table_notes_stay_at_the_table(world):
    world.goto("common_ground")  # mixed tables
    world.drain()
    note = world.post(world.sockets["participant"], "Our table's idea")
    assert note["scope"].startswith("table:")
    assert [e["kind"] for e in received_events(world.carol_socket)] == ["note.added"]  # same table
    assert received_events(world.bob_socket) == []  # another table
    assert received_events(world.sockets["presenter"]) == []
    assert [e["kind"] for e in received_events(world.sockets["facilitator"])] == ["note.added"]
    assert world.state(world.bob_socket)["notes"]["notes"] == []
    assert world.bob_socket.emit("sync", {"seq": 0}, callback=True)["events"][-1]["kind"] == "room.session"
    ack = world.bob_socket.emit("note.edit", op({"note_id": note["id"], "text": "mine now"}), callback=True)
    assert ack["error"]["code"] == "not_found"


def test_hidden_notes_leave_other_screens(room):
    room.staff("note.hide", {"note_id": room.note["id"], "hidden": True})
    assert received_events(room.bob_socket)[0]["kind"] == "note.hidden"
    assert room.state(room.bob_socket)["notes"]["notes"] == []
    assert room.state(room.sockets["presenter"])["notes"]["notes"] == []
    assert room.state(room.sockets["organiser"])["notes"]["notes"][0]["hidden"] is True
    own = room.state(room.sockets["participant"])["notes"]["notes"]
    assert own[0]["hidden"] is True and own[0]["mine"] is True
    room.drain()
    room.staff("note.edit", {"note_id": room.note["id"], "text": "Edited while hidden"})
    assert received_events(room.bob_socket) == []
    room.staff("note.hide", {"note_id": room.note["id"], "hidden": False})
    back = received_events(room.bob_socket)
    assert back[0]["kind"] == "note.added" and back[0]["data"]["note"]["text"] == "Edited while hidden"


def test_merge_move_and_clusters(room):
    second = room.post(room.bob_socket, "Remote work")
    merged = room.staff("note.merge", {"note_id": second["id"], "into_id": room.note["id"]})["note"]
    assert merged["merged_into"] == room.note["id"]
    moved = room.staff("note.move", {"note_id": room.note["id"], "cluster_id": room.cluster["id"]})["note"]
    assert moved["cluster_id"] == room.cluster["id"]
    notes = {n["id"]: n for n in room.state(room.bob_socket)["notes"]["notes"]}
    assert notes[second["id"]]["cluster_id"] == room.cluster["id"]  # the merged note travelled along
    room.staff("cluster.delete", {"cluster_id": room.cluster["id"]})
    notes = room.state(room.bob_socket)["notes"]
    assert notes["clusters"] == [] and all(n["cluster_id"] is None for n in notes["notes"])
    room.staff("note.move", {"note_id": second["id"], "cluster_id": None})  # unmerge
    assert all(n["merged_into"] is None for n in room.state(room.bob_socket)["notes"]["notes"])


def test_input_closed_stops_participants_not_facilitators(room):
    room.staff("room.input", {"open": False})
    before = fingerprint(room.db)
    for kind, data in (("note.post", {"text": "late"}), ("note.edit", {"note_id": room.note["id"], "text": "late"}),
                       ("note.delete", {"note_id": room.note["id"]})):
        ack = room.sockets["participant"].emit(kind, op(data), callback=True)
        assert ack["error"]["code"] == "input_closed"
    assert fingerprint(room.db) == before
    assert room.post(room.sockets["facilitator"], "Captured from the plenary")["text"]


def test_resend_with_the_same_op_id_does_not_duplicate(room):
    payload = op({"text": "Once only"})
    first = room.bob_socket.emit("note.post", payload, callback=True)
    again = room.bob_socket.emit("note.post", payload, callback=True)
    assert again["duplicate"] is True and again["result"] == first["result"]
    assert room.db.execute("select count(*) from notes where text = 'Once only'").fetchone()[0] == 1


def test_html_is_kept_as_text(room):
    note = room.post(room.bob_socket, "<script>alert(1)</script>")
    assert note["text"] == "<script>alert(1)</script>"  # stored and sent as text; screens render it as text


def test_notes_list_query(room):
    reply = room.bob_socket.emit("query", {"name": "notes.list", "data": {"session_id": room.sessions["trend_map"]["id"]}},
                                 callback=True)
    assert reply["ok"] and [n["text"] for n in reply["result"]["notes"]] == ["More people work from home"]
    bad = room.bob_socket.emit("query", {"name": "notes.list", "data": {"session_id": "x"}}, callback=True)
    assert bad["ok"] is False and bad["error"]["field"] == "session_id"
    assert room.bob_socket.emit("query", {"name": "nope"}, callback=True)["error"]["code"] == "unknown_query"
