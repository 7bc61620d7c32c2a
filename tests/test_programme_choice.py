"""Choosing one of several parallel sessions ("I take part in this one") is the live event
``programme.choose``: the one pipeline (validate, one transaction with its event and sequence number,
broadcast, acknowledge), by socket and by the page's form without scripts."""
import pytest

from facilitator.domain import conferences, participants, programme, room
from facilitator.domain.errors import DomainError
from facilitator.live.pipeline import MUTATIONS, SNAPSHOT_PARTS
from tests.live_world import fingerprint, op, received_events, world  # noqa: F401
from tests.shared_future_helpers import person, presenter, run, seen_by, staff

SLOT = {"start": "10:00", "end": "11:00", "phase": "actions", "activity": "notes", "grouping": "self_selected"}


def add_slot(db, cid, *titles, start="10:00", end="11:00"):
    """A new day with sessions that run at the same time (one title: a session that runs alone)."""
    day = programme.add_day(db, cid, "2031-03-01")
    return [programme.add_session(db, cid, day, {**SLOT, "start": start, "end": end, "title": t}) for t in titles]


@pytest.fixture
def parallel(db, sample_id):
    a, b = add_slot(db, sample_id, "Wonen", "Werken")
    alone = programme.add_session(db, sample_id, programme.days(db, sample_id)[-1]["id"],
                                  {**SLOT, "start": "13:00", "end": "14:00", "title": "Samen"})
    people = participants.list_for(db, sample_id)
    return {"cid": sample_id, "a": a, "b": b, "alone": alone, "me": person(db, people[0]["id"]),
            "other": person(db, people[1]["id"])}


def test_choosing_takes_the_session_and_a_new_choice_replaces_the_old_one(db, parallel):
    me, a, b = parallel["me"], parallel["a"], parallel["b"]
    result, [event] = run(db, programme.choose, me, {"session_id": a})
    assert result == {"session_id": a, "slot": [a, b], "participant_id": me.participant_id}
    assert event["kind"] == "programme.chosen" and event["data"] == result
    assert programme.choices(db, me) == {"chosen": [a]}
    run(db, programme.choose, me, {"session_id": b})
    assert programme.session_members(db, a) == [] and programme.session_members(db, b) == [me.participant_id]
    assert programme.choices(db, me) == {"chosen": [b]}


def test_the_event_has_its_sequence_number_and_reaches_only_the_chooser_and_the_facilitators(db, parallel):
    me, cid = parallel["me"], parallel["cid"]
    before = db.execute("select last_seq from conferences where id = ?", [cid]).fetchone()[0]
    _result, [event] = run(db, programme.choose, me, {"session_id": parallel["a"]})
    assert event["seq"] == before + 1 and event["audience"] == f"participant:{me.participant_id}"
    assert db.execute("select kind from events where conference_id = ? and seq = ?", [cid, event["seq"]]).fetchone()[0] \
        == "programme.chosen"
    assert [e["seq"] for e in seen_by(db, me, "programme.chosen")] == [event["seq"]]
    assert [e["seq"] for e in seen_by(db, staff(cid), "programme.chosen")] == [event["seq"]]
    assert seen_by(db, parallel["other"], "programme.chosen") == []
    assert seen_by(db, presenter(cid), "programme.chosen") == []
    # someone else's choice is theirs: the snapshot part shows nobody else's, and staff get none
    assert programme.choices(db, parallel["other"]) == {"chosen": []}
    assert programme.choices(db, staff(cid)) == {} and programme.choices(db, presenter(cid)) == {}


@pytest.mark.parametrize("bad", ["alone", "unknown", "text", "missing", "true"])
def test_a_bad_choice_gets_a_clear_error_and_changes_nothing(db, parallel, bad):
    me, cid = parallel["me"], parallel["cid"]
    run(db, programme.choose, me, {"session_id": parallel["a"]})
    data = {"alone": {"session_id": parallel["alone"]}, "unknown": {"session_id": 999999},
            "text": {"session_id": "Wonen"}, "missing": {}, "true": {"session_id": True}}[bad]
    seq = db.execute("select last_seq from conferences where id = ?", [cid]).fetchone()[0]
    with pytest.raises(DomainError) as err:
        run(db, programme.choose, me, data)
    expected = {"alone": ("not_parallel", "This session does not run in parallel with another."),
                "unknown": ("not_found", "Not found: session.")}.get(bad, ("invalid", "session_id must be a whole number."))
    assert (err.value.code, err.value.as_dict()["message"]) == expected
    assert programme.choices(db, me) == {"chosen": [parallel["a"]]}
    assert db.execute("select last_seq from conferences where id = ?", [cid]).fetchone()[0] == seq


def test_a_participant_of_one_conference_cannot_choose_in_another(db, parallel):
    other = conferences.create(db, {"title": "Elders", "language": "nl"})
    x, _y = add_slot(db, other, "Daar", "Ginds")
    seq = db.execute("select last_seq from conferences where id = ?", [other]).fetchone()[0]
    with pytest.raises(DomainError) as err:
        run(db, programme.choose, parallel["me"], {"session_id": x})
    assert err.value.code == "not_found"
    assert programme.session_members(db, x) == []
    assert db.execute("select last_seq from conferences where id = ?", [other]).fetchone()[0] == seq


def test_only_participants_choose(db, parallel):
    for actor in (staff(parallel["cid"]), presenter(parallel["cid"])):
        with pytest.raises(DomainError) as err:
            run(db, programme.choose, actor, {"session_id": parallel["a"]})
        assert err.value.code == "forbidden"
    assert MUTATIONS["programme.choose"].roles == ("participant",)
    assert "choices" in SNAPSHOT_PARTS


def test_the_programme_carries_days_and_time_slots(db, parallel):
    listed = {s["id"]: s for s in room.programme_state(db, parallel["me"])}
    a, b, alone = listed[parallel["a"]], listed[parallel["b"]], listed[parallel["alone"]]
    assert a["slot"] == b["slot"] == 0 and alone["slot"] == 1
    assert a["day_id"] == alone["day_id"] and a["date"] == "2031-03-01" and a["day_title"] == ""


# --- over the socket: acknowledged, broadcast to the chooser, refused with an error ---------------

def test_over_the_socket_the_chooser_and_the_facilitators_hear_it_and_nobody_else(world):
    db = world.db
    a, b = add_slot(db, world.cid, "Wonen", "Werken")
    sock = world.sockets["participant"]
    ack = sock.emit("programme.choose", op({"session_id": b}), callback=True)
    assert ack["ok"] is True and ack["result"]["session_id"] == b and ack["seq"] >= 1
    mine = [e for e in received_events(sock) if e["kind"] == "programme.chosen"]
    assert [(e["seq"], e["data"]["session_id"], e["data"]["slot"]) for e in mine] == [(ack["seq"], b, [a, b])]
    for role in ("organiser", "facilitator"):
        assert [e["kind"] for e in received_events(world.sockets[role])] == ["programme.chosen"]
    for other in (world.sockets["presenter"], world.bob_socket, world.carol_socket):
        assert received_events(other) == []
    assert world.state(sock)["choices"] == {"chosen": [b]}


def test_over_the_socket_a_refusal_changes_nothing(world):
    db = world.db
    [alone] = add_slot(db, world.cid, "Alleen")
    sock = world.sockets["participant"]
    before = fingerprint(db)
    members = db.execute("select count(*) from session_members").fetchone()[0]
    ack = sock.emit("programme.choose", op({"session_id": alone}), callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "not_parallel"
    assert fingerprint(db) == before and db.execute("select count(*) from session_members").fetchone()[0] == members
    assert received_events(sock) == []
    ack = world.sockets["organiser"].emit("programme.choose", op({"session_id": alone}), callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"


def test_the_same_operation_sent_twice_changes_once(world):
    a, b = add_slot(world.db, world.cid, "Wonen", "Werken")
    sock = world.sockets["participant"]
    first = op({"session_id": a})
    assert sock.emit("programme.choose", first, callback=True)["ok"]
    sock.emit("programme.choose", op({"session_id": b}), callback=True)
    again = sock.emit("programme.choose", first, callback=True)
    assert again["duplicate"] is True
    assert world.state(sock)["choices"] == {"chosen": [b]}


# --- the page's form without scripts: the same live event -------------------------------------------

def test_the_form_without_scripts_takes_the_pipeline(client, db, parallel):
    me, a, b, cid = parallel["me"], parallel["a"], parallel["b"], parallel["cid"]
    token = db.execute("select token from participants where id = ?", [me.participant_id]).fetchone()[0]
    page = client.get(f"/p/{token}?lang=en").get_data(as_text=True)
    assert f"/p/{token}/sessions/{a}/choose" in page and 'name="op_id"' in page
    seq = db.execute("select last_seq from conferences where id = ?", [cid]).fetchone()[0]
    done = client.post(f"/p/{token}/sessions/{a}/choose?lang=en", data={"op_id": "0f0f0f0f-aaaa-4bbb-8ccc-000000000001"},
                       follow_redirects=True)
    assert "Your choice is saved." in done.get_data(as_text=True)
    [(kind, audience)] = db.execute("select kind, audience from events where conference_id = ? and seq > ?", [cid, seq]).fetchall()
    assert (kind, audience) == ("programme.chosen", f"participant:{me.participant_id}")
    # the same form again (a double click) changes nothing more; another session replaces the choice
    client.post(f"/p/{token}/sessions/{a}/choose", data={"op_id": "0f0f0f0f-aaaa-4bbb-8ccc-000000000001"})
    assert db.execute("select count(*) from events where conference_id = ? and seq > ?", [cid, seq]).fetchone()[0] == 1
    client.post(f"/p/{token}/sessions/{b}/choose", data={"op_id": "0f0f0f0f-aaaa-4bbb-8ccc-000000000002"})
    assert programme.session_members(db, a) == [] and programme.session_members(db, b) == [me.participant_id]
    # refused: said on the page, nothing changed
    refused = client.post(f"/p/{token}/sessions/{parallel['alone']}/choose?lang=en",
                          data={"op_id": "0f0f0f0f-aaaa-4bbb-8ccc-000000000003"}, follow_redirects=True)
    assert "This session does not run in parallel with another." in refused.get_data(as_text=True)
    assert programme.choices(db, me) == {"chosen": [b]}
    assert client.post("/p/not-a-token/sessions/1/choose").status_code == 404
