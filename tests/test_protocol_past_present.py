"""Every past-and-present event over Socket.IO: the allowed role succeeds; every other role gets an
error and nothing changes; bad payloads get an error and nothing changes."""
import uuid

import pytest

from facilitator.db import row, rows, transaction
from facilitator.domain import conferences, participants, tables, trends
from facilitator.domain.events import Actor
from facilitator.live import socketio
from tests.conftest import login

INPUT_BOUND = ("timeline.add", "timeline.edit", "timeline.remove", "review.write", "response.pick", "response.unpick",
               "response.write", "proud.add", "proud.edit", "proud.remove")
MY_TABLES = ("timeline_entries", "timeline_reviews", "trend_maps", "trends", "trend_proposals", "dot_votes", "dots",
             "trend_responses", "prouds", "projector_focus", "events")


def op(data):
    return {"op_id": str(uuid.uuid4()), "data": data}


def fingerprint(db):
    return {t: rows(db, f"select * from {t}") for t in MY_TABLES}


@pytest.fixture
def world(app, db, sample_id, admin):
    """A conference mid-way through day one: tables, a map with proposals open, one of everything."""
    conferences.add_member(db, sample_id, admin["id"], "facilitator")
    tabling = tables.create_tabling(db, sample_id, "Timelines", table_size=10, seed=3)
    table = tables.tables_of(db, tabling)[0]
    person = participants.get(db, sample_id, table["members"][0]["id"])
    staff = Actor("facilitator", sample_id, user_id=admin["id"])
    with transaction(db):
        branch = trends.add(db, staff, {"text": "Loneliness"})[0]["id"]
        example = trends.add(db, staff, {"text": "Cafe closes", "parent_id": branch, "kind": "example"})[0]["id"]
        trends.set_proposals_open(db, staff, {"open": True})
    sockets = {
        "participant": socketio.test_client(app, auth={"token": person["token"]}),
        "facilitator": socketio.test_client(app, flask_test_client=login(app.test_client(), admin["email"]),
                                            auth={"conference_id": sample_id}),
        "presenter": socketio.test_client(app, auth={"presenter": conferences.get(db, sample_id)["presenter_key"]}),
    }
    assert all(s.is_connected() for s in sockets.values())
    w = {"sockets": sockets, "cid": sample_id, "table": table["id"], "group": person["stakeholder_group_id"],
         "branch": branch, "example": example,
         "vote": row(db, "select id from sessions where conference_id = ? and activity = 'dot_vote'", [sample_id])["id"]}

    def send(role, name, data):
        return sockets[role].emit(name, op(data), callback=True)

    w["send"] = send
    timeline = row(db, "select id from sessions where conference_id = ? and activity = 'timeline'", [sample_id])["id"]
    assert send("facilitator", "room.goto", {"session_id": timeline})["ok"]  # opens input
    # Things the events below act on, made through the protocol itself.
    w["entry"] = send("participant", "timeline.add", {"lens": 0, "decade": 2000, "text": "Mine"})["result"]["id"]
    w["proposal"] = send("participant", "trend.propose", {"text": "Housing"})["result"]["id"]
    w["proposal2"] = send("participant", "trend.propose", {"text": "Rents"})["result"]["id"]
    w["proposal3"] = send("participant", "trend.propose", {"text": "Aliens"})["result"]["id"]
    assert send("participant", "vote.add", {"session_id": w["vote"], "trend_id": branch})["ok"]
    assert send("participant", "response.pick", {"trend_id": branch})["ok"]
    w["proud"] = send("participant", "proud.add", {"kind": "proud", "text": "Ours"})["result"]["id"]
    return w


# name: (allowed role(s), valid data, bad payloads). Data may name world keys as "$key".
EVENTS = {
    "timeline.add": ("participant", {"lens": 1, "year": 2015, "text": "Flood"},
                     [{"lens": 1, "year": 1200, "text": "x"}, {"lens": 9, "decade": 2000, "text": "x"}, {"lens": 0, "decade": 2000}]),
    "timeline.edit": ("participant", {"id": "$entry", "text": "Changed"}, [{"id": "$entry", "text": ""}, {"id": 999999, "text": "x"}]),
    "timeline.remove": (("participant", "facilitator"), {"id": "$entry"}, [{"id": "abc"}, {"id": 999999}]),
    "timeline.show": ("facilitator", {"lens": 2}, [{"lens": 3}, {"lens": "global"}]),
    "review.write": ("participant", {"table_id": "$table", "story": "Our story"},
                     [{"table_id": "$table"}, {"table_id": "$table", "story": "x" * 2001}, {"table_id": 999999, "story": "x"}]),
    "review.assign": ("facilitator", {"table_id": "$table", "lens": 2}, [{"table_id": "$table", "lens": 3}, {"lens": 1}]),
    "review.show": ("facilitator", {"table_id": "$table"}, [{"table_id": 999999}, {"table_id": "one"}]),
    "trend.add": ("facilitator", {"text": "Digital divide"}, [{"text": ""}, {"text": "x", "parent_id": "$example"}]),
    "trend.edit": ("facilitator", {"id": "$branch", "text": "Being alone"}, [{"id": "$branch", "text": "x" * 121}, {"text": "x"}]),
    "trend.move": ("facilitator", {"id": "$example", "parent_id": "$branch"}, [{"id": "$branch", "parent_id": "$example"}]),
    "trend.remove": ("facilitator", {"id": "$example"}, [{"id": 999999}, {}]),
    "trend.merge": ("facilitator", {"id": "$example", "into_id": "$branch"}, [{"id": "$branch", "into_id": "$branch"}]),
    "trend.topic": ("facilitator", {"text": "Taking part"}, [{"text": ""}, {"text": ["list"]}]),
    "trend.proposals": ("facilitator", {"open": False}, [{"open": "yes"}, {}]),
    "trend.propose": ("participant", {"text": "Energy poverty"}, [{"text": ""}, {"text": "x" * 121}]),
    "trend.place": ("facilitator", {"proposal_id": "$proposal", "parent_id": "$branch"},
                    [{"proposal_id": "$proposal", "parent_id": "$example"}, {"proposal_id": 999999}]),
    "trend.merge_proposal": ("facilitator", {"proposal_id": "$proposal2", "into_id": "$branch"},
                             [{"proposal_id": "$proposal2", "into_id": 999999}, {"proposal_id": "$proposal2"}]),
    "trend.dismiss": ("facilitator", {"proposal_id": "$proposal3"}, [{"proposal_id": None}, {"proposal_id": 999999}]),
    "vote.add": ("participant", {"session_id": "$vote", "trend_id": "$branch"},
                 [{"session_id": "$vote", "trend_id": "$example"}, {"session_id": "$vote"}, {"trend_id": "$branch"}]),
    "vote.remove": ("participant", {"session_id": "$vote", "trend_id": "$branch"}, [{"session_id": "$vote", "trend_id": "$example"}]),
    "vote.configure": ("facilitator", {"session_id": "$vote", "dots": 7, "reveal": "close"},
                       [{"session_id": "$vote", "dots": 0}, {"session_id": "$vote", "reveal": "never"}, {"session_id": "$vote"}]),
    "vote.status": ("facilitator", {"session_id": "$vote", "status": "closed"}, [{"session_id": "$vote", "status": "maybe"}]),
    "response.pick": ("participant", {"trend_id": "$example"}, [{"trend_id": "$branch"}, {"trend_id": 999999}]),
    "response.unpick": ("participant", {"trend_id": "$branch"}, [{"trend_id": "$example"}]),
    "response.write": ("participant", {"trend_id": "$branch", "field": "now", "text": "We run a desk"},
                       [{"trend_id": "$branch", "field": "then", "text": "x"}, {"trend_id": "$branch", "field": "now", "text": 3}]),
    "response.show": ("facilitator", {"group_id": "$group"}, [{"group_id": 999999}]),
    "proud.add": ("participant", {"kind": "sorry", "text": "Silos"}, [{"kind": "meh", "text": "x"}, {"kind": "proud", "text": " "}]),
    "proud.edit": ("participant", {"id": "$proud", "text": "Ours, really"}, [{"id": "$proud", "text": ""}, {"id": 999999, "text": "x"}]),
    "proud.remove": ("participant", {"id": "$proud"}, [{"id": 999999}]),
    "proud.show": ("facilitator", {"group_id": "$group"}, [{"group_id": "x"}]),
}


def resolve(world, data):
    return {k: world[v[1:]] if isinstance(v, str) and v.startswith("$") else v for k, v in data.items()}


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_event_roles_and_payloads(world, db, name):
    allowed, good, bad_payloads = EVENTS[name]
    roles = allowed if isinstance(allowed, tuple) else (allowed,)
    allowed = roles[0]
    send = world["send"]
    before = fingerprint(db)
    for role in ("participant", "facilitator", "presenter"):
        if role in roles:
            continue
        ack = send(role, name, resolve(world, good))
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (role, ack)
        assert fingerprint(db) == before, role
    for bad in bad_payloads:
        ack = send(allowed, name, resolve(world, bad))
        assert ack["ok"] is False, (bad, ack)
        assert fingerprint(db) == before, bad
    for raw in ({"data": resolve(world, good)}, {"op_id": str(uuid.uuid4()), "data": "not an object"}):
        assert world["sockets"][allowed].emit(name, raw, callback=True)["ok"] is False
        assert fingerprint(db) == before
    ack = send(allowed, name, resolve(world, good))
    assert ack["ok"] is True, ack
    assert fingerprint(db) != before


def test_every_registered_past_present_event_is_covered():
    from facilitator.live.pipeline import MUTATIONS

    ours = {n for n in MUTATIONS if n.split(".")[0] in ("timeline", "review", "trend", "vote", "response", "proud")}
    assert ours == set(EVENTS)


def received(sock):
    """Events pushed to a client, one by one ("event") or batched ("events")."""
    out = []
    for m in sock.get_received():
        if m["name"] == "event":
            out.append(m["args"][0])
        elif m["name"] == "events":
            out.extend(m["args"][0])
    return out


def test_group_sheet_events_reach_the_group_and_the_projector_only(world, db):
    s = world["sockets"]
    other = [p for p in participants.list_for(db, world["cid"]) if p["stakeholder_group_id"] != world["group"]][0]
    outsider = socketio.test_client(s["participant"].app, auth={"token": other["token"]})
    for sock in (*s.values(), outsider):
        sock.get_received()
    assert world["send"]("participant", "proud.add", {"kind": "sorry", "text": "Too slow"})["ok"]
    assert [e["kind"] for e in received(s["presenter"])] == ["proud.list"]
    assert [e["kind"] for e in received(s["participant"])] == ["proud.list"]
    assert received(outsider) == []
    assert {e["kind"] for e in received(s["facilitator"])} == {"proud.list"}


def test_vote_results_reach_phones_only_after_close(world):
    s = world["sockets"]
    for sock in s.values():
        sock.get_received()
    world["send"]("participant", "vote.add", {"session_id": world["vote"], "trend_id": world["branch"]})
    assert [e["kind"] for e in received(s["participant"])] == ["vote.mine"]
    results = [e for e in received(s["presenter"]) if e["kind"] == "vote.results"]
    assert results[0]["data"]["trends"][str(world["branch"])] == {"total": 2, "groups": {str(world["group"]): 2}}
    world["send"]("facilitator", "vote.status", {"session_id": world["vote"], "status": "closed"})
    kinds = [e["kind"] for e in received(s["participant"])]
    assert kinds == ["vote.settings", "vote.results"]


def test_state_snapshot_parts_for_a_late_joiner(world):
    state = world["sockets"]["participant"].emit("state", callback=True)["state"]
    assert state["timelines"]["entries"][0]["mine"] is True
    assert state["trends"]["nodes"][0]["text"] == "Loneliness" and "pending" not in state["trends"]
    assert state["dot_votes"]["votes"][str(world["vote"])]["mine"]["used"] == 1
    assert state["dot_votes"]["votes"][str(world["vote"])]["results"] is None
    assert state["trend_responses"]["sheets"][0]["rows"][0]["trend"] == "Loneliness"
    assert state["prouds"]["lists"][0]["items"][0]["text"] == "Ours"
    assert state["timeline_reviews"]["reports"][0]["table_id"] == world["table"]
    staff_state = world["sockets"]["facilitator"].emit("state", callback=True)["state"]
    assert [p["text"] for p in staff_state["trends"]["pending"]] == ["Housing", "Rents", "Aliens"]


def test_script_in_text_is_stored_as_text(world, db):
    ack = world["send"]("participant", "timeline.add", {"lens": 2, "decade": 2010, "text": "<script>alert(1)</script>"})
    assert ack["ok"] and ack["result"]["text"] == "<script>alert(1)</script>"


@pytest.mark.parametrize("name", INPUT_BOUND)
def test_participants_write_only_while_input_is_open(world, db, name):
    allowed, good, _ = EVENTS[name]
    assert world["send"]("facilitator", "room.input", {"open": False})["ok"]
    before = fingerprint(db)
    ack = world["send"]("participant", name, resolve(world, good))
    assert ack["ok"] is False and ack["error"]["code"] == "input_closed"
    assert fingerprint(db) == before
    assert world["send"]("facilitator", "room.input", {"open": True})["ok"]
    assert world["send"]("participant", name, resolve(world, good))["ok"] is True


def test_facilitator_removes_an_entry_while_input_is_closed(world, db):
    world["send"]("facilitator", "room.input", {"open": False})
    assert world["send"]("facilitator", "timeline.remove", {"id": world["entry"]})["ok"] is True
