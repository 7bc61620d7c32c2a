"""The plan pages in the browser's HTTP view: the trace from an action back to the tables' notes,
the overview for facilitators and the projector, and who may open them."""
import pytest

from facilitator.domain import actions, definition, goals, participants
from facilitator.domain.events import Actor
from tests.test_goals import confirmed_statement


@pytest.fixture
def made(db, sample_id):
    staff = Actor("facilitator", sample_id, user_id=1)
    sid = confirmed_statement(db, sample_id)
    goal = goals.create(db, staff, {"common_ground_id": sid, "themes": ["Health"]})[0]["goal"]
    action = actions.create(db, staff, {"goal_id": goal["id"], "what": "Sports pass <script>alert(1)</script>"})[0]["action"]
    p = participants.list_for(db, sample_id)[0]
    key = db.execute("select presenter_key from conferences where id = ?", [sample_id]).fetchone()[0]
    return {"goal": goal, "action": action, "token": p["token"], "key": key, "cid": sample_id}


def test_participant_sees_the_trace_of_an_action(client, made):
    page = client.get(f"/p/{made['token']}/plan/actions/{made['action']['id']}?lang=en").get_data(as_text=True)
    for text in ("Sports pass", "Everyone can take part in Helmond", "Everyone can take part",
                 "No child left out of sports", "Free public transport for minimum incomes", "Health"):
        assert text in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    order = [page.index(x) for x in ("trace-action", "trace-goal", "trace-statement", "trace-theme", "trace-notes-step")]
    assert order == sorted(order)


def test_goal_trace_and_scratch_goal(client, db, made):
    page = client.get(f"/p/{made['token']}/plan/goals/{made['goal']['id']}?lang=en").get_data(as_text=True)
    assert "Everyone can take part in Helmond" in page and "trace-action" not in page
    other = goals.create(db, Actor("facilitator", made["cid"], user_id=1), {"title": "From scratch"})[0]["goal"]
    page = client.get(f"/p/{made['token']}/plan/goals/{other['id']}?lang=en").get_data(as_text=True)
    assert "From scratch" in page and "not linked to a common-ground statement" in page


def test_trace_of_another_conference_is_not_found(client, db, made, sample_data):
    other = definition.import_definition(db, {**sample_data, "title": "Elsewhere"})
    stranger = participants.list_for(db, other)[0]
    assert client.get(f"/p/{stranger['token']}/plan/actions/{made['action']['id']}").status_code == 404
    assert client.get(f"/p/not-a-token/plan/actions/{made['action']['id']}").status_code == 404


def test_staff_pages_need_a_login(client, organiser_client, made):
    for url in (f"/organiser/c/{made['cid']}/plan/", f"/organiser/c/{made['cid']}/plan/actions/{made['action']['id']}"):
        assert client.get(url).status_code == 302
        assert organiser_client.get(url).status_code == 200
    page = organiser_client.get(f"/organiser/c/{made['cid']}/plan/actions/{made['action']['id']}?lang=en").get_data(as_text=True)
    assert "No child left out of sports" in page


def test_projector_overview_needs_the_key(client, made):
    assert client.get(f"/present/{made['key']}/plan").status_code == 200
    assert client.get("/present/wrong-key/plan").status_code == 404
