"""In a real Chromium against `python run.py`: after the conference a newcomer opens the café link on a
phone, reads where we stand, joins, joins a goal, suggests an action and makes a promise; the goal's
lead accepts the suggestion on their phone and the newcomer sees it become part of the plan. The
organiser's follow-up page, the shared plan page and the projector in a review meeting are shown too.

Set FOLLOW_UP_SCREENSHOTS=<folder> to save the screenshots there (docs/screenshots holds the last ones)."""
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from facilitator.db import transaction
from facilitator.domain import actions, cafe, goals, progress, room
from facilitator.domain.events import Actor
from tests.browser.test_actions_browser import sign_in
from tests.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("FOLLOW_UP_SCREENSHOTS")


def shot(page, name, full_page=True):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"follow-up-{name}.png"), full_page=full_page)


def prepare(db):
    """The plan as the conference left it: two goals with leads, actions with some progress."""
    cid = db.execute("select id from conferences").fetchone()[0]
    uid = db.execute("select id from users").fetchone()[0]
    staff = Actor("organiser", cid, user_id=uid)
    lead = db.execute("select id, name, token from participants where conference_id = ? order by id limit 1", [cid]).fetchone()
    second = db.execute("select id from participants where conference_id = ? order by id limit 1 offset 1", [cid]).fetchone()
    la, sa = Actor("participant", cid, participant_id=lead[0]), Actor("participant", cid, participant_id=second[0])
    g1 = goals.create(db, staff, {"title": "Nobody stands alone with money worries",
                                  "description": "Buddies and one place to ask for help."})[0]["goal"]
    g2 = goals.create(db, staff, {"title": "Green and safe streets"})[0]["goal"]
    goals.join(db, la, {"goal_id": g1["id"]})
    goals.set_lead(db, la, {"goal_id": g1["id"], "participant_id": lead[0]})
    goals.join(db, sa, {"goal_id": g2["id"]})
    goals.set_lead(db, sa, {"goal_id": g2["id"], "participant_id": second[0]})
    a1 = actions.create(db, la, {"goal_id": g1["id"], "what": "Match 20 money buddies"})[0]["action"]
    actions.create(db, la, {"goal_id": g1["id"], "what": "One help desk in the library"})
    a3 = actions.create(db, sa, {"goal_id": g2["id"], "what": "Plant 50 trees in Noord"})[0]["action"]
    progress.post_update(db, la, {"action_id": a1["id"], "status": "under_way", "said": "Match 20 buddies by March",
                                  "done": "8 buddies matched", "next": "Flyers in the library",
                                  "help": "Someone who can print 500 flyers"})
    progress.post_update(db, sa, {"action_id": a3["id"], "status": "stalled", "done": "Found 12 spots",
                                  "help": "A permit from the municipality"})
    cafe.update_settings(db, cid, cafe_open=True, plan_public=True)
    return cid, staff, {"id": lead[0], "name": lead[1], "token": lead[2]}, g1["id"]


def test_newcomer_goes_from_the_cafe_link_to_a_commitment(server, browser):
    db = server.db()
    cid, staff, lead, goal_id = prepare(db)
    settings = cafe.settings(db, cid)

    phone = browser(**PHONE).new_page()
    phone.goto(f"{server.url}/cafe/{settings['cafe_key']}?lang=en")
    phone.get_by_role("heading", name="Nobody stands alone with money worries").wait_for()
    assert phone.get_by_text("8 buddies matched").is_visible()  # a goal's latest news at a glance
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "cafe-phone")
    phone.get_by_label("Your name").fill("Nina Nieuwkomer")
    phone.get_by_label("Organisation (if any)").fill("Buurthuis De Kom")
    phone.get_by_role("button", name="Join").click()
    phone.get_by_role("heading", name="Welcome, Nina Nieuwkomer").wait_for()
    goal = phone.locator(f"article[data-goal='{goal_id}']")
    goal.get_by_role("button", name="Join this goal").click()
    goal.get_by_text("You are in this group").wait_for()

    goal.get_by_role("button", name="Suggest an action").click()
    goal.get_by_label("Your idea for an action").fill("A weekly money café in the community centre")
    goal.get_by_role("button", name="Send my idea to the leads").click()
    goal.get_by_text("The leads of this goal will answer your idea.").wait_for()
    phone.get_by_text("waiting for the leads").wait_for()
    # The plan is unchanged until a lead says yes.
    assert db.execute("select count(*) from actions where what like 'A weekly money café%'").fetchone()[0] == 0

    goal = phone.locator(f"article[data-goal='{goal_id}']")
    goal.get_by_role("button", name="Make a promise").click()
    goal.get_by_label("I will …").fill("I will host the first money café in March")
    goal.get_by_label("By when? (optional)").fill("March")
    # She looks up from her phone (the keyboard closes) while the lead answers her idea on theirs:
    # she sees it taken up, without reloading, and what she typed is still there.
    phone.evaluate("document.activeElement.blur()")
    lead_phone = browser(**PHONE).new_page()
    lead_phone.goto(f"{server.url}/p/{lead['token']}/cafe?lang=en")
    queue = lead_phone.locator(".fu-queue")
    queue.get_by_text("A weekly money café in the community centre").wait_for()
    shot(lead_phone, "lead-phone")
    queue.get_by_role("button", name="Yes, add it to the plan").click()
    phone.get_by_text("accepted: it is in the plan").wait_for()
    phone.locator(f"article[data-goal='{goal_id}'] .fu-actions").get_by_text("A weekly money café in the community centre").wait_for()
    expect(goal.get_by_label("I will …")).to_have_value("I will host the first money café in March")
    expect(goal.get_by_label("By when? (optional)")).to_have_value("March")
    goal.get_by_role("button", name="Make my promise").click()
    goal.get_by_text("Your promise is in the plan.").wait_for()
    row = db.execute("select c.text, c.by_when, c.goal_id from commitments c join participants p on p.id = c.participant_id "
                     "where p.name = 'Nina Nieuwkomer'").fetchone()
    assert tuple(row) == ("I will host the first money café in March", "March", goal_id)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "cafe-home-phone")

    # The organiser's page, the shared plan page and the projector in a review meeting.
    desk = browser(**DESKTOP).new_page()
    sign_in(desk, server.url)
    desk.goto(f"{server.url}/organiser/c/{cid}/follow-up/?lang=en")
    desk.get_by_role("heading", name="Transition café").wait_for()
    assert desk.get_by_text("Nina Nieuwkomer").first.is_visible()
    shot(desk, "organiser-desktop")
    desk.goto(f"{server.url}/plan/{settings['plan_key']}?lang=en")
    desk.get_by_text("Someone who can print 500 flyers").wait_for()
    assert lead["name"] not in desk.content()  # no consent given: no name on the shared plan
    shot(desk, "plan-desktop")
    phone.goto(f"{server.url}/plan/{settings['plan_key']}?lang=en&status=stalled")
    phone.get_by_text("Plant 50 trees in Noord").wait_for()
    assert phone.get_by_text("Match 20 money buddies").count() == 0
    shot(phone, "plan-phone")

    session_id = cafe.schedule(db, cid, "review", {"date": "2022-03-01", "title": "Review meeting, March"})
    with transaction(db):
        room.goto(db, staff, {"session_id": session_id})
        cafe.review_show(db, staff, {"goal_id": goal_id})
    key = db.execute("select presenter_key from conferences where id = ?", [cid]).fetchone()[0]
    projector = browser(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(f"{server.url}/present/{key}?lang=en")
    projector.locator(".rv-title").get_by_text("Nobody stands alone with money worries").wait_for()
    projector.get_by_text("Someone who can print 500 flyers").wait_for()
    shot(projector, "review-projector", full_page=False)

    # In the review meeting the lead posts an update on their phone; the projector shows it at once.
    lead_phone.goto(f"{server.url}/p/{lead['token']}?lang=en")
    action = lead_phone.locator(".fu-action").filter(has_text="One help desk in the library")
    action.get_by_text("Post an update").click()
    action.get_by_label("Status").select_option("under_way")
    action.get_by_label("What we have done").fill("The library said yes")
    action.get_by_label("What help we need").fill("Two volunteers on Tuesdays")
    action.get_by_role("button", name="Share this update").click()
    action.get_by_text("Your update is shared with your group.").wait_for()
    projector.get_by_text("Two volunteers on Tuesdays").wait_for()
    shot(lead_phone, "review-lead-phone")
    shot(projector, "review-projector", full_page=False)
    row = db.execute("select status from actions where what = 'One help desk in the library'").fetchone()
    assert row[0] == "under_way"

    # The café as a session: the projector shows where we stand and the code to join.
    cafe_session = cafe.schedule(db, cid, "cafe", {"date": "2022-03-01", "start": "21:30", "end": "22:00",
                                                   "title": "Transition café"})
    with transaction(db):
        room.goto(db, staff, {"session_id": cafe_session})
    projector.reload()
    projector.locator(".fu-join img").wait_for()
    projector.wait_for_function("document.querySelector('.fu-join img').naturalWidth > 0")
    projector.get_by_text("Nobody stands alone with money worries").wait_for()
    shot(projector, "cafe-projector", full_page=False)
