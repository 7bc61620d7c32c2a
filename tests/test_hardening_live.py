"""The live protocol at its edges: op ids per sender, text that is not text, control characters,
and an erased participant's open connection."""
from __future__ import annotations

from facilitator.live import socketio
from tests.live_world import fingerprint, op, world  # noqa: F401


def test_an_op_id_never_returns_another_persons_answer(world):
    world.goto("trend_map")
    alice, bob = world.sockets["participant"], world.bob_socket
    shared = op({"text": "Alice's private thought"})
    first = alice.emit("note.post", shared, callback=True)
    assert first["ok"], first
    # Bob sends the same op id (seen, guessed or by chance) with his own note: his own new note, not Alice's answer
    theirs = bob.emit("note.post", {"op_id": shared["op_id"], "data": {"text": "Bob's note"}}, callback=True)
    assert theirs["ok"] and not theirs.get("duplicate"), theirs
    assert theirs["result"]["note"]["text"] == "Bob's note"
    assert theirs["result"]["note"]["id"] != first["result"]["note"]["id"]
    # Alice's resend still gets her own first answer, once
    again = alice.emit("note.post", shared, callback=True)
    assert again["duplicate"] is True and again["result"] == first["result"]
    texts = [r["text"] for r in world.db.query("select text from notes order by id")]
    assert texts == ["Alice's private thought", "Bob's note"]


def test_a_lone_surrogate_is_invalid_not_a_server_error(world):
    world.goto("trend_map")
    before = fingerprint(world.db)
    for sock, kind, data in ((world.sockets["participant"], "note.post", {"text": "a\ud800b"}),
                             (world.sockets["organiser"], "room.message", {"text": "x\udfffy"}),
                             (world.sockets["organiser"], "cluster.add", {"name": "\ud83d"})):
        ack = sock.emit(kind, op(data), callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid", ack
        assert ack["error"]["message"] in ("This message holds a character that is not valid text.",
                                           "Dit bericht bevat een teken dat geen gewone tekst is.")
    assert fingerprint(world.db) == before
    # a real pair (an emoji) is text
    ack = world.sockets["participant"].emit("note.post", op({"text": "Fijn \U0001F600"}), callback=True)
    assert ack["ok"] and ack["result"]["note"]["text"] == "Fijn \U0001F600"


def test_control_and_bidi_override_characters_are_not_stored(world):
    world.goto("trend_map")
    sent = "Bell\x07 NUL\x00 esc\x1b[2J evil\u202etxt.exe\r\nsecond line\tok"
    note = world.post(world.sockets["participant"], sent)
    assert note["text"] == "Bell NUL esc[2J eviltxt.exe\nsecond line\tok"
    stored = world.db.execute("select text from notes where id = ?", [note["id"]]).fetchone()[0]
    assert stored == note["text"]
    cluster = world.staff("cluster.add", {"name": "Work\nand\x1b play"})["cluster"]
    assert cluster["name"] == "Work and play"  # a name is one line


def test_an_erased_participant_is_disconnected_and_their_token_refused(app, world):
    alice = world.sockets["participant"]
    token = world.alice["token"]
    assert alice.is_connected()
    assert app.test_client().post(f"/p/{token}/erase", data={"confirm": "yes"}).status_code == 200
    assert not alice.is_connected()
    assert world.bob_socket.is_connected()  # only that person's connection
    assert not socketio.test_client(app, auth={"token": token}).is_connected()
