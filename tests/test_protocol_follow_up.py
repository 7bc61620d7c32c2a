"""Progress, proposals and review meetings through the live pipeline: for every event the allowed roles
succeed and everyone hears of it (the projector too), every other role is refused and nothing changes,
bad payloads change nothing; the follow_up query and the snapshot parts hold what each role may see."""
import pytest

from facilitator.domain import actions, cafe, goals, participants
from facilitator.domain.events import Actor
from facilitator.live import socketio
from tests.test_protocol_actions import op, received_events

TABLES = ("actions", "action_updates", "action_proposals", "follow_up_settings", "update_reads", "events")


def state(db):
    return {t: db.execute(f"select * from {t} order by 1").fetchall() for t in TABLES}


@pytest.fixture
def setup(db, sample_id, admin):
    staff = Actor("organiser", sample_id, user_id=admin["id"])
    lead, member = participants.list_for(db, sample_id)[:2]
    la = Actor("participant", sample_id, participant_id=lead["id"])
    goal = goals.create(db, staff, {"title": "Buddies for everyone"})[0]["goal"]
    goals.join(db, la, {"goal_id": goal["id"]})
    goals.join(db, Actor("participant", sample_id, participant_id=member["id"]), {"goal_id": goal["id"]})
    goals.set_lead(db, la, {"goal_id": goal["id"], "participant_id": lead["id"]})
    action = actions.create(db, la, {"goal_id": goal["id"], "what": "Match buddies"})[0]["action"]
    cafe.update_settings(db, sample_id, cafe_open=True)
    newcomer = cafe.join_newcomer(db, sample_id, {"name": "Nina Newcomer"})
    return {"goal": goal["id"], "action": action["id"], "lead": lead, "member": member, "newcomer": newcomer,
            "cid": sample_id}


@pytest.fixture
def sockets(app, organiser_client, setup, db):
    key = db.execute("select presenter_key from conferences where id = ?", [setup["cid"]]).fetchone()[0]
    return {
        "staff": socketio.test_client(app, flask_test_client=organiser_client, auth={"conference_id": setup["cid"]}),
        "lead": socketio.test_client(app, auth={"token": setup["lead"]["token"]}),
        "member": socketio.test_client(app, auth={"token": setup["member"]["token"]}),
        "newcomer": socketio.test_client(app, auth={"token": setup["newcomer"]["token"]}),
        "presenter": socketio.test_client(app, auth={"presenter": key}),
    }


def propose(sockets, setup, what="A buddy bench"):
    ack = sockets["newcomer"].emit("proposal.make", op({"goal_id": setup["goal"], "what": what}), callback=True)
    assert ack["ok"], ack
    return ack["result"]["proposal"]["id"]


UPDATE = {"said": "Match 20", "done": "Matched 8", "next": "Flyers", "help": "A printer", "status": "under_way"}
CASES = [
    ("progress.post", ["lead", "staff"], lambda s, p: {"action_id": s["action"], **UPDATE}, ["member", "newcomer", "presenter"]),
    ("progress.status", ["lead"], lambda s, p: {"action_id": s["action"], "status": "stalled"}, ["member", "newcomer", "presenter"]),
    ("progress.status", ["staff"], lambda s, p: {"action_id": s["action"], "status": "done"}, []),
    ("proposal.make", ["newcomer", "member", "lead"], lambda s, p: {"goal_id": s["goal"], "what": "Tea"}, ["staff", "presenter"]),
    ("proposal.accept", ["lead"], lambda s, p: {"proposal_id": p}, ["member", "newcomer", "presenter"]),
    ("proposal.accept", ["staff"], lambda s, p: {"proposal_id": p}, []),
    ("proposal.decline", ["lead"], lambda s, p: {"proposal_id": p, "reason": "Not now"}, ["member", "newcomer", "presenter"]),
    ("progress.turn", ["staff"], lambda s, p: {"goal_id": s["goal"]}, ["lead", "member", "newcomer", "presenter"]),
    ("progress.read", ["member"], lambda s, p: {"update_id": 1}, ["staff", "presenter"]),
]


@pytest.mark.parametrize("event, allowed, data, refused", CASES, ids=[f"{c[0]}-{c[1][0]}" for c in CASES])
def test_each_event_allowed_and_refused_roles(sockets, setup, db, event, allowed, data, refused):
    payload = data(setup, propose(sockets, setup))
    for role in refused:
        before = state(db)
        ack = sockets[role].emit(event, op(payload), callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (role, ack)
        assert state(db) == before, role
    for role in allowed:
        sockets["presenter"].get_received()
        ack = sockets[role].emit(event, op(payload if event != "proposal.make" else {**payload, "what": role}),
                                 callback=True)
        assert ack["ok"] is True, (role, ack)
        got = received_events(sockets["presenter"] if not event.endswith(".read") else sockets[role])
        assert got and got[-1]["seq"] == ack["seq"]


BAD = [
    ("progress.post", "lead", {"action_id": "1", "done": "x"}),
    ("progress.post", "lead", {"action_id": 99999, "done": "x"}),
    ("progress.post", "lead", {"action_id": None}),
    ("progress.post", "lead", {"status": "finished", "done": "x"}),
    ("progress.status", "staff", {"action_id": 1, "status": "great"}),
    ("proposal.make", "newcomer", {"goal_id": 99999, "what": "x"}),
    ("proposal.make", "newcomer", {"goal_id": 1, "what": ""}),
    ("proposal.make", "newcomer", {"goal_id": 1, "what": ["x"]}),
    ("proposal.accept", "staff", {"proposal_id": 99999}),
    ("proposal.decline", "staff", {"proposal_id": "one", "reason": "x"}),
    ("progress.turn", "staff", {"goal_id": 99999}),
    ("progress.read", "member", {"update_id": -1}),
]


@pytest.mark.parametrize("event, role, data", BAD)
def test_bad_payloads_change_nothing(sockets, setup, db, event, role, data):
    if "action_id" in data and data["action_id"] == 1:
        data = {**data, "action_id": setup["action"]}
    before = state(db)
    ack = sockets[role].emit(event, op(data), callback=True)
    assert ack["ok"] is False and ack["error"]["code"] in ("invalid", "not_found"), ack
    assert state(db) == before


def follow_up(client):
    reply = client.emit("query", {"name": "follow_up", "data": {}}, callback=True)
    assert reply["ok"], reply
    return reply["result"]


def test_newcomer_proposal_shows_as_waiting_but_not_in_the_plan(sockets, setup):
    pid = propose(sockets, setup)
    for role in ("lead", "presenter", "staff"):
        model = follow_up(sockets[role])
        assert [p["id"] for p in model["proposals"] if p["state"] == "proposed"] == [pid]
        assert [a["what"] for a in model["plan"]["goals"][0]["actions"]] == ["Match buddies"]
    assert follow_up(sockets["lead"])["progress"]["lead_goal_ids"] == [setup["goal"]]
    ack = sockets["lead"].emit("proposal.accept", op({"proposal_id": pid}), callback=True)
    assert ack["ok"]
    assert [a["what"] for a in follow_up(sockets["newcomer"])["plan"]["goals"][0]["actions"]] == ["Match buddies", "A buddy bench"]


def test_members_get_the_news_and_the_review_turn(sockets, setup):
    sockets["lead"].emit("progress.post", op({"action_id": setup["action"], **UPDATE}), callback=True)
    news = follow_up(sockets["member"])["progress"]["notifications"]
    assert [n["done"] for n in news] == ["Matched 8"]
    assert follow_up(sockets["newcomer"])["progress"]["notifications"] == []
    assert follow_up(sockets["member"])["plan"]["goals"][0]["actions"][0]["status"] == "under_way"
    sockets["staff"].emit("progress.turn", op({"goal_id": setup["goal"]}), callback=True)
    assert follow_up(sockets["presenter"])["stand"]["review_goal_id"] == setup["goal"]
    assert "cafe_key" in follow_up(sockets["presenter"])["stand"]
    assert "cafe_key" not in follow_up(sockets["member"])["stand"]


def test_the_projector_never_receives_a_name_with_progress(sockets, setup):
    sockets["presenter"].get_received()
    sockets["lead"].emit("progress.post", op({"action_id": setup["action"], **UPDATE}), callback=True)
    got = str(received_events(sockets["presenter"]))
    assert setup["lead"]["name"] not in got and "progress.posted" in got


def test_history_query_and_totals(sockets, setup):
    for done in ("Matched 8", "Matched 12"):
        sockets["lead"].emit("progress.post", op({"action_id": setup["action"], **UPDATE, "done": done}), callback=True)
    reply = sockets["newcomer"].emit("query", {"name": "progress.history", "data": {"action_id": setup["action"]}},
                                     callback=True)
    assert reply["ok"] and [u["done"] for u in reply["result"]["updates"]] == ["Matched 8", "Matched 12"]
    bad = sockets["newcomer"].emit("query", {"name": "progress.history", "data": {"action_id": "x"}}, callback=True)
    assert bad["ok"] is False and bad["error"]["code"] == "invalid"
    model = follow_up(sockets["member"])
    assert model["stand"]["totals"] == {"goals": 1, "actions": 1, "commitments": 0, "common_ground": 0}
    assert model["progress"]["latest_by_action"][str(setup["action"])]["done"] == "Matched 12"
