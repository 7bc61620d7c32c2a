"""The café after the conference (issue 16): a newcomer joins a goal whatever the live choice of
action groups was set to; ideas for a goal without a lead go to the organisers, who answer them on
their follow-up page; a goal's lead (or staff) posts progress at any time from the goal's own page
("where we stand on this goal"), through the live pipeline."""
import re

import pytest

from facilitator.domain import actions, cafe, goals, participants, progress, proposals
from facilitator.domain.events import Actor
from facilitator.live import socketio
from tests.test_protocol_actions import op, received_events


@pytest.fixture(autouse=True)
def sockets_closed(monkeypatch):
    """Every Socket.IO test client made here is disconnected after the test (a connection left open
    stays in the live module's list of connections and trips later tests that move people)."""
    made = []
    real = socketio.test_client

    def tracked(*args, **kwargs):
        client = real(*args, **kwargs)
        made.append(client)
        return client

    monkeypatch.setattr(socketio, "test_client", tracked)
    yield
    for client in made:
        if client.is_connected():
            client.disconnect()


@pytest.fixture
def world(db, sample_id, admin):
    cid = sample_id
    staff = Actor("organiser", cid, user_id=admin["id"])
    lead, other = participants.list_for(db, cid)[:2]
    la = Actor("participant", cid, participant_id=lead["id"])
    led = goals.create(db, staff, {"title": "Buddies for everyone"})[0]["goal"]
    orphan = goals.create(db, staff, {"title": "Green streets"})[0]["goal"]
    goals.join(db, la, {"goal_id": led["id"]})
    goals.set_lead(db, la, {"goal_id": led["id"], "participant_id": lead["id"]})
    action = actions.create(db, la, {"goal_id": led["id"], "what": "Match buddies"})[0]["action"]
    actions.create(db, staff, {"goal_id": orphan["id"], "what": "Plant trees"})
    # The end of the conference day: the facilitator closes the choice of action groups.
    goals.set_choice(db, staff, {"open": False})
    s = cafe.settings(db, cid)
    return {"cid": cid, "staff": staff, "lead": lead, "other": other, "led": led["id"], "orphan": orphan["id"],
            "action": action["id"], "cafe": s["cafe_key"], "plan": s["plan_key"]}


def newcomer_socket(app, client, world):
    """A newcomer joins through the café link and connects with their personal link, as the café page does."""
    joined = client.post(f"/cafe/{world['cafe']}", data={"name": "Nina Newcomer"})
    assert joined.status_code == 302, joined.get_data(as_text=True)
    token = re.match(r".*/p/([\w-]+)/cafe$", joined.headers["Location"]).group(1)
    return token, socketio.test_client(app, auth={"token": token})


def test_closed_choice_no_longer_stops_a_newcomer_once_the_cafe_is_open(app, client, db, world):
    cafe.update_settings(db, world["cid"], cafe_open=True)
    token, sock = newcomer_socket(app, client, world)
    ack = sock.emit("goal.join", op({"goal_id": world["led"]}), callback=True)
    assert ack["ok"], ack
    nina = participants.by_token(db, token)
    assert goals.member_of(db, world["led"], nina["id"])
    # After the conference people work on several goals: joining a second keeps the first.
    assert sock.emit("goal.join", op({"goal_id": world["orphan"]}), callback=True)["ok"]
    assert goals.goals_of(db, world["cid"], nina["id"]) == [world["led"], world["orphan"]]
    assert sock.emit("goal.leave", op({"goal_id": world["orphan"]}), callback=True)["ok"]
    assert goals.goals_of(db, world["cid"], nina["id"]) == [world["led"]]


def test_during_the_conference_a_closed_choice_still_holds(app, db, world):
    other = socketio.test_client(app, auth={"token": world["other"]["token"]})
    ack = other.emit("goal.join", op({"goal_id": world["led"]}), callback=True)
    assert not ack["ok"] and ack["error"]["code"] == "choice_closed"
    assert goals.member_of(db, world["led"], world["other"]["id"]) is None


def test_a_review_meeting_in_the_programme_opens_joining_too(app, db, world):
    from facilitator.db import transaction
    from facilitator.domain import room

    session_id = cafe.schedule(db, world["cid"], "review", {"date": "2030-03-01"})
    with transaction(db):
        room.goto(db, world["staff"], {"session_id": session_id})
    other = socketio.test_client(app, auth={"token": world["other"]["token"]})
    assert other.emit("goal.join", op({"goal_id": world["led"]}), callback=True)["ok"]


def test_an_idea_for_a_goal_without_a_lead_goes_to_the_organisers(app, client, organiser_client, db, world):
    cafe.update_settings(db, world["cid"], cafe_open=True)
    token, sock = newcomer_socket(app, client, world)
    ack = sock.emit("proposal.make", op({"goal_id": world["orphan"], "what": "Benches by the trees"}), callback=True)
    assert ack["ok"], ack
    pid = ack["result"]["proposal"]["id"]
    base = f"/organiser/c/{world['cid']}/follow-up/"
    page = organiser_client.get(base + "?lang=en").get_data(as_text=True)
    assert "Benches by the trees" in page and "no lead: yours to answer" in page
    sock.get_received()
    # Saying no needs a reason; nothing changes without one.
    organiser_client.post(base + f"proposals/{pid}", data={"decision": "decline", "reason": ""})
    assert proposals.get(db, world["cid"], pid)["state"] == "proposed"
    answer = organiser_client.post(base + f"proposals/{pid}", data={"decision": "accept", "op_id": "a" * 8 + "-1"})
    assert answer.status_code == 302
    p = proposals.get(db, world["cid"], pid)
    assert p["state"] == "accepted" and actions.get(db, world["cid"], p["action_id"])["what"] == "Benches by the trees"
    # The newcomer's open café page hears of it through the pipeline (sequence-numbered events).
    names = [e["kind"] for e in received_events(sock)]
    assert "action.created" in names and "proposal.decided" in names
    # The same form sent twice changes things once.
    again = organiser_client.post(base + f"proposals/{pid}", data={"decision": "accept", "op_id": "a" * 8 + "-1"})
    assert again.status_code == 302
    assert db.execute("select count(*) from actions where what = 'Benches by the trees'").fetchone()[0] == 1


def test_the_goal_page_tells_a_newcomer_where_the_goal_stands(client, db, world):
    la = Actor("participant", world["cid"], participant_id=world["lead"]["id"])
    progress.post_update(db, la, {"action_id": world["action"], "status": "stalled", "done": "Matched 8",
                                  "help": "Someone with a printer"})
    page = client.get(f"/cafe/{world['cafe']}/goals/{world['led']}?lang=en")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    for part in ("Buddies for everyone", "What the conference decided, and why", "Who is in", "1 person works on this.",
                 "Match buddies", "Matched 8", "Open questions", "Help wanted for “Match buddies”: Someone with a printer",
                 "is stalled", "Print this page"):
        assert part in body, part
    assert world["lead"]["name"] not in body  # no consent: no name
    assert "Post an update" not in body  # a visitor is no lead
    orphan = client.get(f"/cafe/{world['cafe']}/goals/{world['orphan']}?lang=en").get_data(as_text=True)
    assert "This goal has no lead yet" in orphan
    assert client.get(f"/cafe/{world['cafe']}/goals/999999").status_code == 404
    assert client.get(f"/cafe/nope/goals/{world['led']}").status_code == 404
    # The plan link shows it only while the plan is public.
    assert client.get(f"/plan/{world['plan']}/goals/{world['led']}").status_code == 404
    cafe.update_settings(db, world["cid"], plan_public=True)
    assert client.get(f"/plan/{world['plan']}/goals/{world['led']}").status_code == 200


def test_a_lead_posts_progress_from_the_goal_page_at_any_time(app, client, db, world):
    url = f"/cafe/{world['cafe']}/goals/{world['led']}"
    form = {"action_id": str(world["action"]), "status": "under_way", "done": "Matched 8", "op_id": "b" * 8 + "-1"}
    # A stranger may not (and nothing changes).
    assert client.post(url, data=form).status_code == 403
    assert progress.history(db, world["cid"], world["action"]) == []
    # The lead's browser knows them by their personal link.
    assert client.get(f"/p/{world['lead']['token']}/cafe").status_code == 200
    assert "Post an update" in client.get(url + "?lang=en").get_data(as_text=True)
    watcher = socketio.test_client(app, auth={"token": world["other"]["token"]})
    watcher.get_received()
    posted = client.post(url, data=form)
    assert posted.status_code == 302
    assert client.post(url, data=form).status_code == 302  # sent twice: one update
    history = progress.history(db, world["cid"], world["action"])
    assert [(u["status"], u["done"]) for u in history] == [("under_way", "Matched 8")]
    assert actions.get(db, world["cid"], world["action"])["status"] == "under_way"
    assert "progress.posted" in [e["kind"] for e in received_events(watcher)]
    # Bad input: a clear error, nothing changes.
    bad = client.post(url + "?lang=en", data={"action_id": str(world["action"]), "status": "under_way", "op_id": "c" * 8})
    assert bad.status_code == 400 and "Write at least one answer" in bad.get_data(as_text=True)
    assert len(progress.history(db, world["cid"], world["action"])) == 1


def test_an_organiser_posts_progress_from_the_plan_goal_page(organiser_client, db, world):
    url = f"/plan/{world['plan']}/goals/{world['led']}"
    assert organiser_client.get(url).status_code == 200  # preview while not public
    r = organiser_client.post(url, data={"action_id": str(world["action"]), "next": "Flyers", "op_id": "d" * 8})
    assert r.status_code == 302
    assert progress.history(db, world["cid"], world["action"])[-1]["by_staff"] is True
