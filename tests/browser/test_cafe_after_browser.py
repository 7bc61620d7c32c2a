"""Issue 16, the seen defect, in a real Chromium against `python run.py`: at the end of the conference
day the facilitator closes the choice of action groups; later the organiser opens the café. A newcomer
on a phone (in Dutch, as in the report) presses "Doe mee met dit doel" and is in. Her idea for a goal
without a lead reaches the organisers, who say yes on their follow-up page; her open café page shows
it taken up without reloading. A lead posts progress from the goal's own page (no review meeting),
and that page reads well on a 320 px phone and prints without its forms."""
import pytest

from facilitator.domain import cafe, goals
from tests.browser.test_follow_up_browser import prepare
from tests.conftest import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.browser


def no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_cafe_after_the_choice_was_closed(server, browser):
    db = server.db()
    cid, staff, lead, goal_id = prepare(db)
    orphan = goals.create(db, staff, {"title": "Een buurtfeest per wijk"})[0]["goal"]
    goals.set_choice(db, staff, {"open": False})  # the facilitator, at the end of the day
    settings = cafe.settings(db, cid)  # prepare() opened the café, as the organiser does afterwards

    phone = browser(**PHONE).new_page()
    phone.goto(f"{server.url}/cafe/{settings['cafe_key']}?lang=nl")
    phone.get_by_label("Je naam").fill("Nina Nieuwkomer")
    phone.get_by_role("button", name="Meedoen").click()
    goal = phone.locator(f"article[data-goal='{goal_id}']")
    goal.get_by_role("button", name="Doe mee met dit doel").click()
    goal.get_by_text("Je zit in deze groep").wait_for()
    nina = db.execute("select id from participants where name = 'Nina Nieuwkomer'").fetchone()[0]
    assert db.execute("select count(*) from goal_members where participant_id = ? and goal_id = ?",
                      [nina, goal_id]).fetchone()[0] == 1

    # An idea for the goal nobody leads: it goes to the organisers.
    card = phone.locator(f"article[data-goal='{orphan['id']}']")
    card.get_by_role("button", name="Stel een actie voor").click()
    card.get_by_label("Jouw idee voor een actie").fill("Een feest in de Rozenwijk")
    card.get_by_role("button", name="Stuur mijn idee naar de trekkers").click()
    card.get_by_text("de organisatoren geven antwoord op je idee").wait_for()

    desk = browser(**DESKTOP).new_page()
    sign_in(desk, server.url)
    desk.goto(f"{server.url}/organiser/c/{cid}/follow-up/?lang=en")
    idea = desk.locator(".fu-proposal").filter(has_text="Een feest in de Rozenwijk")
    idea.get_by_text("no lead: yours to answer").wait_for()
    idea.get_by_role("button", name="Yes, add it to the plan").click()
    desk.get_by_text("Added to the plan.").wait_for()
    phone.get_by_text("aangenomen: het staat in het plan").wait_for()  # live, no reload
    phone.locator(f"article[data-goal='{orphan['id']}'] .fu-actions").get_by_text("Een feest in de Rozenwijk").wait_for()

    # The lead posts progress from the goal's page, on their phone, outside any review meeting.
    small = browser(**{**PHONE, "viewport": {"width": 320, "height": 700}}).new_page()
    small.goto(f"{server.url}/p/{lead['token']}/cafe?lang=en")
    small.get_by_role("link", name="Where this goal stands · post an update").click()
    small.get_by_role("heading", name="Nobody stands alone with money worries").wait_for()
    small.get_by_text("Help wanted for “Match 20 money buddies”: Someone who can print 500 flyers").wait_for()
    no_sideways_scroll(small, 320)
    action = small.locator(".plan-action").filter(has_text="One help desk in the library")
    action.get_by_text("Post an update").click()
    action.get_by_label("What we have done").fill("The library said yes")
    action.get_by_label("Status").select_option("under_way")
    action.get_by_role("button", name="Share this update").click()
    small.get_by_text("Your update is shared with your group.").wait_for()
    small.locator(".plan-action").filter(has_text="One help desk in the library").get_by_text("The library said yes").wait_for()
    no_sideways_scroll(small, 320)
    # Nina, a member of that goal, sees the news on her open café page.
    phone.locator(".fu-news").get_by_text("The library said yes").wait_for()
    # Printed: the forms and the navigation stay off the paper.
    small.emulate_media(media="print")
    assert not small.get_by_role("button", name="Share this update").first.is_visible()
    assert not small.locator(".topbar").is_visible()
    assert small.get_by_text("The library said yes").is_visible()
    no_sideways_scroll(phone, 390)
