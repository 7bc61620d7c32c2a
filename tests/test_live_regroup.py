"""Re-mixing the tables while phones are connected moves their connections to the new table rooms."""
from facilitator.domain import participants, tables
from facilitator.live import socketio
from facilitator.live.connection import ACTORS


def test_new_mix_moves_connected_participants(app, db, sample_id, organiser_client):
    person = participants.list_for(db, sample_id)[0]
    phone = socketio.test_client(app, auth={"token": person["token"]})
    sid = socketio.server.manager.sid_from_eio_sid(phone.eio_sid, "/")
    assert ACTORS[sid].table_ids == ()
    phone.get_received()

    organiser_client.post(f"/organiser/c/{sample_id}/tables", data={"name": "Ochtend", "table_size": "8"})
    tabling = tables.latest_tabling(db, sample_id)
    table = tables.table_of(db, tabling["id"], person["id"])
    assert ACTORS[sid].table_ids == (table["id"],)
    received = [e["kind"] for m in phone.get_received() if m["name"] == "events" for e in m["args"][0]]
    assert "regrouped" in received  # a stored event: the page reloads its state
    assert f"c:{sample_id}:table:{table['id']}" in socketio.server.manager.get_rooms(sid, "/")

    # moved by hand to another table: out of the old table's room, into the new one
    other = next(t for t in tables.tables_of(db, tabling["id"]) if t["id"] != table["id"])
    organiser_client.post(f"/organiser/c/{sample_id}/tables/{tabling['id']}/move",
                          data={"participant_id": person["id"], "table_id": other["id"]})
    joined = socketio.server.manager.get_rooms(sid, "/")
    assert f"c:{sample_id}:table:{other['id']}" in joined and f"c:{sample_id}:table:{table['id']}" not in joined


def test_removed_participant_is_disconnected(app, db, sample_id, organiser_client):
    person = participants.list_for(db, sample_id)[1]
    phone = socketio.test_client(app, auth={"token": person["token"]})
    assert phone.is_connected()
    organiser_client.post(f"/organiser/c/{sample_id}/participants/{person['id']}/delete")
    assert not phone.is_connected()
