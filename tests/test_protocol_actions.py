"""Goals, action groups, actions and commitments through the live pipeline (Flask-SocketIO test client):
for every event the allowed role succeeds, every other role gets an error and nothing changes, and bad
payloads get an error and change nothing."""
import uuid

import pytest

from facilitator.domain import actions, commitments, goals, participants
from facilitator.domain.events import Actor
from facilitator.live import socketio

TABLES = ("goals", "goal_members", "action_choice", "actions", "action_people", "commitments", "events")


def op(data):
    return {"op_id": str(uuid.uuid4()), "data": data}


def received_events(client) -> list[dict]:
    """Events pushed to a test client, one by one ("event") or batched per tick ("events")."""
    out = []
    for m in client.get_received():
        if m["name"] == "event":
            out.append(m["args"][0])
        elif m["name"] == "events":
            out.extend(m["args"][0])
    return out


def state(db):
    """Everything this module writes, to compare before and after a refused event."""
    return {t: db.execute(f"select * from {t} order by 1").fetchall() for t in TABLES}


@pytest.fixture
def people(db, sample_id):
    seen, chosen = set(), []
    for p in participants.list_for(db, sample_id):
        if p["stakeholder_group_id"] not in seen:
            seen.add(p["stakeholder_group_id"])
            chosen.append(p)
    return chosen[:3]


@pytest.fixture
def sockets(app, organiser_client, sample_id, people, db):
    conf = db.execute("select presenter_key from conferences where id = ?", [sample_id]).fetchone()
    return {
        "staff": socketio.test_client(app, flask_test_client=organiser_client, auth={"conference_id": sample_id}),
        "member": socketio.test_client(app, auth={"token": people[0]["token"]}),
        "outsider": socketio.test_client(app, auth={"token": people[1]["token"]}),
        "presenter": socketio.test_client(app, auth={"presenter": conf[0]}),
    }


@pytest.fixture
def setup(db, sample_id, people):
    """A goal whose action group holds the 'member' participant (a lead), with an action and a commitment."""
    staff = Actor("facilitator", sample_id, user_id=1)
    member = Actor("participant", sample_id, participant_id=people[0]["id"], group_id=people[0]["stakeholder_group_id"])
    goal = goals.create(db, staff, {"title": "Remove the stigma of poverty"})[0]["goal"]
    empty = goals.create(db, staff, {"title": "Empty goal"})[0]["goal"]
    goals.join(db, member, {"goal_id": goal["id"]})
    goals.set_lead(db, member, {"goal_id": goal["id"], "participant_id": member.participant_id})
    action = actions.create(db, member, {"goal_id": goal["id"], "what": "Buddies"})[0]["action"]
    commitment = commitments.make(db, member, {"goal_id": goal["id"], "text": "I will"})[0]["commitment"]
    return {"goal": goal["id"], "empty": empty["id"], "action": action["id"], "commitment": commitment["id"],
            "member": member.participant_id, "outsider": people[1]["id"]}


# event, roles that may send it, data (given the setup ids), roles refused
CASES = [
    ("goal.create", ["staff"], lambda s: {"title": "Buddies for everyone"}, ["member", "outsider", "presenter"]),
    ("goal.update", ["staff", "member"], lambda s: {"goal_id": s["goal"], "title": "New"}, ["outsider", "presenter"]),
    ("goal.delete", ["staff"], lambda s: {"goal_id": s["empty"]}, ["member", "outsider", "presenter"]),
    ("goal.choice", ["staff"], lambda s: {"open": False}, ["member", "outsider", "presenter"]),
    ("goal.join", ["outsider"], lambda s: {"goal_id": s["goal"]}, ["presenter"]),
    ("goal.join", ["staff"], lambda s: {"goal_id": s["goal"], "participant_id": s["outsider"]}, ["member"]),
    ("goal.leave", ["member"], lambda s: {"goal_id": s["goal"]}, ["outsider", "presenter"]),
    ("goal.lead", ["member", "staff"], lambda s: {"goal_id": s["goal"], "participant_id": s["member"], "lead": False},
     ["outsider", "presenter"]),
    ("action.create", ["member", "staff"], lambda s: {"goal_id": s["goal"], "what": "Mystery guests", "horizon": "short"},
     ["outsider", "presenter"]),
    ("action.update", ["member", "staff"], lambda s: {"action_id": s["action"], "how": "Volunteers"},
     ["outsider", "presenter"]),
    ("action.delete", ["member"], lambda s: {"action_id": s["action"]}, ["outsider", "presenter"]),
    ("action.delete", ["staff"], lambda s: {"action_id": s["action"]}, []),
    ("commitment.make", ["member", "outsider"], lambda s: {"goal_id": s["goal"], "text": "I will open our canteen"},
     ["staff", "presenter"]),
    ("commitment.withdraw", ["member"], lambda s: {"commitment_id": s["commitment"]}, ["outsider", "presenter"]),
    ("commitment.withdraw", ["staff"], lambda s: {"commitment_id": s["commitment"]}, []),
]


@pytest.mark.parametrize("event, allowed, data, refused", CASES, ids=[f"{c[0]}-{c[1][0]}" for c in CASES])
def test_each_event_allowed_and_refused_roles(sockets, setup, db, event, allowed, data, refused):
    payload = data(setup)
    for role in refused:
        before = state(db)
        ack = sockets[role].emit(event, op(payload), callback=True)
        assert ack["ok"] is False, (role, ack)
        assert ack["error"]["code"] in ("forbidden", "not_member"), ack
        assert state(db) == before, role
    for role in allowed:
        sockets["presenter"].get_received()
        ack = sockets[role].emit(event, op(payload), callback=True)
        assert ack["ok"] is True, (role, ack)
        received = received_events(sockets["presenter"])
        if ack["seq"] is not None:  # something changed: everyone (the projector too) hears of it
            assert received and received[-1]["seq"] == ack["seq"]
            assert received[-1]["kind"].split(".")[0] == event.split(".")[0]


BAD = [
    ("goal.create", {"title": 5}),
    ("goal.create", {"title": "x" * 201}),
    ("goal.create", {"title": "ok", "themes": ["<script>"]}),
    ("goal.create", {"common_ground_id": "one"}),
    ("goal.update", {"goal_id": "1", "title": "x"}),
    ("goal.update", {"goal_id": 99999, "title": "x"}),
    ("goal.choice", {"open": "no"}),
    ("goal.choice", {}),
    ("goal.join", {"goal_id": None}),
    ("goal.join", {"goal_id": 1, "participant_id": 99999}),
    ("goal.lead", {"goal_id": 1, "participant_id": "me"}),
    ("action.create", {"goal_id": 1, "what": ""}),
    ("action.create", {"goal_id": 1, "what": "ok", "when_date": "2021-13-45"}),
    ("action.create", {"goal_id": 1, "what": "ok", "people": [{"participant_id": True}]}),
    ("action.update", {"action_id": 1}),
    ("action.update", {"action_id": 1, "what": "x" * 5000}),
    ("action.delete", {"action_id": [1]}),
    ("commitment.withdraw", {"commitment_id": 12345}),
]


@pytest.mark.parametrize("event, data", BAD)
def test_bad_payloads_change_nothing(sockets, setup, db, event, data):
    before = state(db)
    ack = sockets["staff"].emit(event, op(data), callback=True)
    assert ack["ok"] is False and ack["error"]["code"] in ("invalid", "not_found"), ack
    assert state(db) == before


@pytest.mark.parametrize("data", [{"goal_id": 1, "text": ""}, {"goal_id": 1, "text": 7}, {"text": "no goal"},
                                  {"goal_id": 1, "text": "ok", "on_behalf": "everyone"}, {"action_id": 999, "text": "ok"}])
def test_bad_commitments_change_nothing(sockets, setup, db, data):
    before = state(db)
    ack = sockets["member"].emit("commitment.make", op(data), callback=True)
    assert ack["ok"] is False and ack["error"]["code"] in ("invalid", "not_found"), ack
    assert state(db) == before


def test_moving_is_refused_once_the_choice_is_closed(sockets, setup, db):
    assert sockets["staff"].emit("goal.choice", op({"open": False}), callback=True)["ok"]
    before = state(db)
    ack = sockets["outsider"].emit("goal.join", op({"goal_id": setup["goal"]}), callback=True)
    assert ack["error"]["code"] == "choice_closed" and state(db) == before


def test_commitment_reaches_the_projector_without_names(sockets, setup, people):
    sockets["presenter"].get_received()
    ack = sockets["outsider"].emit("commitment.make", op({"goal_id": setup["goal"], "text": "We will host a cafe",
                                                          "by_when": "May", "on_behalf": "organisation"}), callback=True)
    got = received_events(sockets["presenter"])
    assert got[-1]["kind"] == "commitment.made" and got[-1]["data"]["commitment"]["text"] == "We will host a cafe"
    assert people[1]["name"] not in str(got) and ack["result"]["commitment"]["participant_id"] == people[1]["id"]


def plan_of(client):
    reply = client.emit("query", {"name": "plan", "data": {}}, callback=True)
    assert reply["ok"], reply
    return reply["result"]


def test_plan_query_holds_the_plan_and_my_groups(sockets, setup, db):
    p = plan_of(sockets["member"])
    assert p["seq"] == db.execute("select max(seq) from events").fetchone()[0]
    assert "statements" not in p and plan_of(sockets["staff"])["statements"] == []
    assert [g["title"] for g in p["goals"]] == ["Remove the stigma of poverty", "Empty goal"]
    assert p["me"]["goal_ids"] == [setup["goal"]] and p["choice"] == {"open": True, "allow_multiple": False}
    assert p["goals"][0]["leads"] == [setup["member"]]
    assert str(setup["member"]) in p["people"]


def test_hidden_names_stay_off_other_screens(sockets, setup, db):
    db.execute("update participants set hide_name = 1 where id = ?", [setup["member"]])
    mine, theirs, staff = (plan_of(sockets[role])["people"][str(setup["member"])] for role in ("member", "presenter", "staff"))
    assert mine["name"] and staff["name"] and theirs["name"] == ""


def test_resend_does_not_duplicate_an_action(sockets, setup, db):
    payload = op({"goal_id": setup["goal"], "what": "Once"})
    first = sockets["member"].emit("action.create", payload, callback=True)
    second = sockets["member"].emit("action.create", payload, callback=True)
    assert second["duplicate"] is True and first["result"] == second["result"]
    assert db.execute("select count(*) from actions where what = 'Once'").fetchone()[0] == 1


def test_plan_query_is_never_stale(sockets, setup, db):
    """Clients share one read of the plan while nothing changed; any change, or a renamed person, shows."""
    first = plan_of(sockets["member"])
    assert plan_of(sockets["outsider"])["goals"] == first["goals"]
    db.execute("update participants set name = 'Renamed Person' where id = ?", [setup["member"]])
    assert plan_of(sockets["outsider"])["people"][str(setup["member"])]["name"] == "Renamed Person"
    sockets["staff"].emit("goal.create", op({"title": "A third goal"}), callback=True)
    assert [g["title"] for g in plan_of(sockets["member"])["goals"]][-1] == "A third goal"
    assert plan_of(sockets["member"])["me"]["goal_ids"] == [setup["goal"]]
    assert plan_of(sockets["outsider"])["me"]["goal_ids"] == []
