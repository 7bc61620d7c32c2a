"""In a real Chromium against `python run.py`: the facilitator makes two goals, three participants on
phones join them (one group shows the stakeholder groups still missing), add actions together and
name a lead; after moving on to commitments one of them commits publicly; the projector shows it as
it comes in, and the facilitator's overview shows it all, with the trace back from an action.

Set ACTIONS_SCREENSHOTS=<folder> to save the screenshots of the phone and the projector there."""
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import DESKTOP, PHONE, assert_still_typing, edit_in_place, sign_in
from tests.test_goals import confirmed_statement

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("ACTIONS_SCREENSHOTS")


def shot(page, name, full_page=True, element=None):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        path = str(Path(SHOTS) / f"actions-{name}.png")
        if element:
            page.locator(element).screenshot(path=path)
        else:
            page.screenshot(path=path, full_page=full_page)


def pick_people(db):
    """Three participants from three different stakeholder groups (not employers, so that gap shows)."""
    cid = db.execute("select id from conferences").fetchone()[0]
    chosen = {}
    for pid, name, token, group in db.execute(
            "select p.id, p.name, p.token, g.name from participants p join stakeholder_groups g on g.id = p.stakeholder_group_id "
            "where p.conference_id = ? and g.key in ('overheid', 'onderwijs', 'zorg-welzijn') order by p.id", [cid]):
        chosen.setdefault(group, {"id": pid, "name": name, "token": token, "group": group})
    return cid, list(chosen.values())


def session_title(db, cid, activity):
    return db.execute("select title from sessions where conference_id = ? and activity = ?", [cid, activity]).fetchone()[0]


def goal_card(page, title):
    return page.locator(".ap-list .ap-goal", has_text=title)


def test_three_participants_plan_two_goals_and_commit(server, browser):
    db = server.db()
    cid, (ann, bob, cas) = pick_people(db)
    key = db.execute("select presenter_key from conferences where id = ?", [cid]).fetchone()[0]
    confirmed_statement(db, cid, name="Everyone belongs", text="Remove the stigma of poverty")

    # The facilitator opens the cockpit, goes to action planning and makes two goals.
    staff = browser(**DESKTOP).new_page()
    sign_in(staff, server.url)
    staff.goto(server.url + f"/organiser/c/{cid}/cockpit/?lang=en")
    staff.get_by_role("button", name="Go to " + session_title(db, cid, "action_planning")).click()
    staff.locator(".ap-goal-form").wait_for()
    # One goal from the confirmed common ground (one click, keeping the link), one typed from scratch.
    staff.locator(".ap-source-list li", has_text="Remove the stigma of poverty").get_by_role("button", name="Make a goal").click()
    staff.locator(".ap-overview .ap-goal", has_text="Remove the stigma of poverty").wait_for()
    staff.locator(".ap-source-list li", has_text="Remove the stigma of poverty").get_by_text("goal made").wait_for()
    staff.get_by_label("Title", exact=True).fill("A buddy for everyone")
    staff.get_by_role("button", name="Add goal").click()
    staff.locator(".ap-overview .ap-goal", has_text="A buddy for everyone").wait_for()

    # Three people on their phones choose: Ann and Bob the first goal, Cas the second.
    phones = {}
    for person in (ann, bob, cas):
        page = browser(**PHONE).new_page()
        page.goto(server.url + f"/p/{person['token']}?lang=en")
        goal_card(page, "A buddy for everyone").wait_for()
        phones[person["name"]] = page
    a, b, c = phones[ann["name"]], phones[bob["name"]], phones[cas["name"]]
    goal_card(a, "Remove the stigma of poverty").get_by_role("button").click()
    a.locator(".ap-my-goal", has_text="Remove the stigma of poverty").wait_for()
    goal_card(b, "Remove the stigma of poverty").get_by_role("button").click()
    goal_card(c, "Remove the stigma of poverty").locator(".ap-count", has_text="2 people").wait_for()  # live on Cas's phone
    assert c.evaluate("document.documentElement.scrollWidth") <= 390  # fits the phone: nothing wider than the screen
    goal_card(c, "A buddy for everyone").get_by_role("button").click()
    c.locator(".ap-my-goal", has_text="A buddy for everyone").wait_for()

    # Ann's group shows who joined by stakeholder group, and who is missing.
    mine = a.locator(".ap-my-goal")
    mine.locator(".ap-count", has_text="2 people").wait_for()
    assert ann["group"] in mine.locator(".ap-groups").inner_text() and bob["group"] in mine.locator(".ap-groups").inner_text()
    assert "Werkgevers" in mine.locator(".ap-gaps").inner_text()

    # Only a lead (or a facilitator) chooses others as lead: nobody leads yet, so no "Make lead" button
    # for another member; each may take it up themself.
    bobs = b.locator(".ap-my-goal")
    bobs.locator(".ap-people li", has_text=bob["name"]).get_by_role("button", name="I will lead").wait_for()
    expect(bobs.locator(".ap-people li", has_text=ann["name"]).get_by_role("button")).to_have_count(0)
    expect(mine.locator(".ap-people li", has_text=bob["name"]).get_by_role("button")).to_have_count(0)

    # Ann takes the lead and adds an action; Bob sees it appear in his group.
    mine.locator(".ap-people li", has_text=ann["name"]).get_by_role("button", name="I will lead").click()
    mine.locator(".ap-people li", has_text=ann["name"]).locator(".ap-lead-badge").wait_for()
    mine.locator(".ap-people li", has_text=bob["name"]).get_by_role("button", name="Make lead").wait_for()  # now she may
    expect(bobs.locator(".ap-people li", has_text=ann["name"]).get_by_role("button")).to_have_count(0)
    mine.get_by_role("button", name="Add an action").click()
    form = a.locator(".ap-form")
    form.get_by_label("What will you do?").fill("Send mystery guests to five service counters")
    form.get_by_label("Who leads it?").select_option(label=ann["name"])
    form.locator(".ap-helpers label", has_text=bob["name"]).click()
    form.get_by_label("Organisations that help (separate with commas)").fill("Gemeente Helmond")
    form.get_by_text("Short term").click()
    form.get_by_label("How? What is needed (people, money, a place)?").fill("Ten volunteers and a short training")
    shot(a, "phone-action-form", element=".ap-form")
    form.get_by_role("button", name="Save action").click()
    b.locator(".ap-my-goal .ap-action", has_text="Send mystery guests").wait_for()
    assert ann["name"] in b.locator(".ap-my-goal .ap-action").inner_text()
    assert "short term" in b.locator(".ap-my-goal .ap-action").inner_text()
    shot(a, "phone-group", element="#live-root")

    # Ann follows her action back to the common ground and the tables' original notes.
    a.locator(".ap-my-goal .ap-action").get_by_role("link", name="Where does this come from?").click()
    a.get_by_role("heading", name="Where does this come from?").wait_for()
    assert "Send mystery guests" in a.locator(".trace-action").inner_text()
    assert "Everyone belongs" in a.locator(".trace-theme").inner_text()
    assert "No child left out of sports" in a.locator(".trace-notes-step").inner_text()
    a.go_back()
    a.locator(".ap-my-goal .ap-action", has_text="Send mystery guests").wait_for()

    # Ann, the lead, writes the group's description on her phone while Bob adds an action to the
    # same group: her field stays under her fingers, and her group catches up once she saves.
    mine = a.locator(".ap-my-goal")
    mine.get_by_role("button", name="Edit description").click()
    field = mine.get_by_label("Description of the goal")
    handle = field.element_handle()
    field.fill("Counters where nobody feels ashamed")
    b.locator(".ap-my-goal").get_by_role("button", name="Add an action").click()
    b.locator(".ap-form").get_by_label("What will you do?").fill("Train the staff at the counters")
    b.locator(".ap-form").get_by_role("button", name="Save action").click()
    b.locator(".ap-my-goal .ap-action", has_text="Train the staff").wait_for()
    staff.locator(".ap-overview .ap-goal .ap-action", has_text="Train the staff").wait_for()
    assert_still_typing(field, handle, "Counters where nobody feels ashamed")
    field.press("Enter")
    mine.locator(".ap-action", has_text="Train the staff").wait_for()
    staff.locator(".ap-overview .ap-goal-desc", has_text="Counters where nobody feels ashamed").wait_for()

    # The facilitator describes the other goal from the overview, in place.
    buddy = staff.locator(".ap-overview .ap-goal", has_text="A buddy for everyone")
    edit_in_place(buddy, "Edit description", "Description of the goal", "Nobody alone with a letter from the municipality")
    buddy.locator(".ap-goal-desc", has_text="Nobody alone with a letter").wait_for()

    # Cas plans the second goal's action with an organisation as lead.
    c.locator(".ap-my-goal").get_by_role("button", name="Add an action").click()
    form = c.locator(".ap-form")
    form.get_by_label("What will you do?").fill("Start a buddy network in every neighbourhood")
    form.get_by_label("Who leads it?").select_option(label="An organisation…")
    form.get_by_label("Name of the organisation that leads").fill("Buddy network Helmond")
    form.get_by_label("When? A date…").fill("2021-09-01")
    form.get_by_role("button", name="Save action").click()
    c.locator(".ap-my-goal .ap-action", has_text="buddy network").wait_for()
    shot(c, "phone-choose", element="#live-root")
    assert all(p.evaluate("document.documentElement.scrollWidth") <= 390 for p in (a, b, c))

    # The facilitator closes the choice: nobody can move any more, the groups go on planning.
    staff.get_by_role("button", name="Close the choice").click()
    c.get_by_text("The choice is closed. Work on your plan with your group.").wait_for()
    assert c.get_by_role("button", name="Move to this group").count() == 0
    assert c.get_by_role("button", name="Leave this group").count() == 0

    # The projector follows; the facilitator moves on to commitments; phones follow.
    projector = browser(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(server.url + f"/present/{key}?lang=en")
    projector.locator(".ap-overview.big .ap-goal", has_text="A buddy for everyone").wait_for()
    shot(projector, "projector-goals", full_page=False)
    staff.get_by_role("button", name="Go to " + session_title(db, cid, "commitments")).click()
    b.get_by_label("Your commitment", exact=True).wait_for()
    projector.locator(".cm-feed.big").wait_for()

    b.get_by_label("Your commitment", exact=True).fill("I will host the first meeting in our library")
    b.get_by_label("By when?").fill("1 June")
    assert b.get_by_label("For which goal or action?").input_value().startswith("goal:")
    b.get_by_role("button", name="Make my commitment public").click()
    b.get_by_text("Thank you. Your commitment is on the screen.").wait_for()
    shot(b, "phone-commitment", element="#live-root")

    # The projector shows it as it comes in.
    wall = projector.locator(".cm-feed.big .cm-item", has_text="I will host the first meeting")
    wall.wait_for()
    assert bob["name"] in wall.inner_text() and "Remove the stigma of poverty" in wall.inner_text()
    shot(projector, "projector-commitments", full_page=False)

    # The facilitator's overview holds everything: goals, members, leads, actions, commitment, groups.
    staff.goto(server.url + f"/organiser/c/{cid}/plan/?lang=en")
    first = staff.locator(".ap-overview .ap-goal", has_text="Remove the stigma of poverty")
    first.locator(".ap-action", has_text="Send mystery guests").wait_for()
    text = first.inner_text()
    for expected in (ann["name"], bob["name"], "Gemeente Helmond", "I will host the first meeting", "Werkgevers", "2 people"):
        assert expected in text, expected
    assert ann["name"] in first.locator(".ap-leads").inner_text()
    second = staff.locator(".ap-overview .ap-goal", has_text="A buddy for everyone").inner_text()
    assert cas["name"] in second and "Buddy network Helmond" in second and "1 September 2021" in second  # the date in words, in the page's language
    assert "1 commitment" in staff.locator("[data-live=commitments]").inner_text()
    shot(staff, "facilitator-overview")

    # From an action back to its goal, in the browser.
    first.locator(".ap-action", has_text="Send mystery guests").get_by_role("link", name="Where does this come from?").click()
    staff.get_by_role("heading", name="Where does this come from?").wait_for()
    assert "Send mystery guests" in staff.locator(".trace-action").inner_text()
    assert "Remove the stigma of poverty" in staff.locator(".trace-goal").inner_text()

    # And it is all in the database, once.
    assert db.execute("select count(*) from goal_members").fetchone()[0] == 3
    assert db.execute("select count(*) from actions").fetchone()[0] == 3
    assert db.execute("select description from goals order by id").fetchall() == [
        ("Counters where nobody feels ashamed",), ("Nobody alone with a letter from the municipality",)]
    assert db.execute("select participant_id from commitments").fetchall() == [(bob["id"],)]


def test_a_dozen_goals_fit_on_one_projector_screen(server, browser):
    """The Helmond case ended with about 12 goals: the projector shows them without scrolling and
    without shrinking them below the text rule, on a 1280 x 720 projector as on a full-HD one; what
    does not fit wholly is counted in "+N more" (docs/frontend.md)."""
    from facilitator.domain import actions, goals, participants
    from facilitator.domain.events import Actor

    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    staff = Actor("organiser", cid, user_id=1)
    people = participants.list_for(db, cid)
    titles = [f"Goal number {i + 1} with a title long enough to wrap" for i in range(12)]
    for i, title in enumerate(titles):
        goal = goals.create(db, staff, {"title": title})[0]["goal"]
        for p in people[i * 5:i * 5 + 5]:
            goals.join(db, staff, {"goal_id": goal["id"], "participant_id": p["id"]})
        for what in ("A first talk with the alderman", "Write the plan"):
            actions.create(db, staff, {"goal_id": goal["id"], "what": what})
    session = db.execute("select id from sessions where conference_id = ? and activity = 'action_planning'", [cid]).fetchone()[0]
    db.execute("update conferences set current_session_id = ? where id = ?", [session, cid])
    key = db.execute("select presenter_key from conferences where id = ?", [cid]).fetchone()[0]
    db.close()

    for width, height in ((1280, 720), (1920, 1080)):
        screen = browser(viewport={"width": width, "height": height}).new_page()
        screen.goto(server.url + f"/present/{key}?lang=en")
        cards = screen.locator(".ap-overview.big .ap-goal")
        expect(cards).to_have_count(12)
        screen.wait_for_function("() => { const el = document.querySelector('[data-live=activity]');"
                                 " return el.getBoundingClientRect().bottom <= window.innerHeight; }")
        screen.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        box = cards.nth(0).bounding_box()  # the first card is wholly on the screen
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (width, box)
        assert screen.evaluate("() => getComputedStyle(document.querySelector('[data-live=activity]')).zoom") == "1"
        cut = screen.evaluate("""() => { const bottom = document.querySelector('[data-live=activity]').getBoundingClientRect().bottom;
          return [...document.querySelectorAll('.ap-overview.big .ap-goal')].filter((g) => g.getBoundingClientRect().bottom > bottom + 1).length; }""")
        more = screen.locator("[data-live=more]")
        if cut:
            expect(more).to_have_text(f"+{cut} more")
        else:
            expect(more).to_be_hidden()
        assert screen.evaluate("document.documentElement.scrollHeight <= innerHeight")
        shot(screen, f"projector-12-goals-{width}", full_page=False)
