"""In a real Chromium against `python run.py`: the facilitator runs day one from the cockpit while two
participants (two stakeholder groups) take part on their phones and the projector follows:
timeline entries (one posted while offline), a trend (one called out, one proposed from a phone), a dot vote whose results
are split by stakeholder group, and a proud."""
import pytest
from playwright.sync_api import expect

from tests.conftest import DESKTOP, PHONE, assert_still_typing, sign_in

pytestmark = pytest.mark.browser


def two_people(db):
    """The first participant of the first two stakeholder groups."""
    cid = db.execute("select id from conferences order by id").fetchone()[0]
    people = []
    for key in ("overheid", "onderwijs"):
        pid, name, token, gid, gname = db.execute(
            "select p.id, p.name, p.token, g.id, g.name from participants p join stakeholder_groups g "
            "on g.id = p.stakeholder_group_id where p.conference_id = ? and g.key = ? order by p.id limit 1", [cid, key]).fetchone()
        people.append({"id": pid, "name": name, "token": token, "group_id": gid, "group": gname})
    return cid, people


def colleague_of(db, person):
    """The token of another participant in the same stakeholder group."""
    return db.execute("select token from participants where stakeholder_group_id = ? and id != ? order by id limit 1",
                      [person["group_id"], person["id"]]).fetchone()[0]


def fits(phone):
    """Nothing is wider than the phone's screen."""
    return phone.evaluate("document.documentElement.scrollWidth") <= 390


def title(db, cid, activity):
    return db.execute("select title from sessions where conference_id = ? and activity = ?", [cid, activity]).fetchone()[0]


def test_day_one_timeline_trend_dot_vote_and_proud(server, browser):
    db = server.db()
    cid, (ann, bob) = two_people(db)
    key = db.execute("select presenter_key from conferences where id = ?", [cid]).fetchone()[0]

    staff = browser(**DESKTOP).new_page()
    sign_in(staff, server.url)
    staff.goto(server.url + f"/organiser/c/{cid}/cockpit/?lang=en")
    staff.get_by_role("button", name="Go to " + title(db, cid, "timeline")).click()
    staff.locator(".pp-wall").wait_for()

    a = browser(**PHONE).new_page()
    a.goto(server.url + f"/p/{ann['token']}?lang=en")
    b = browser(**PHONE).new_page()
    b.goto(server.url + f"/p/{bob['token']}?lang=en")
    projector = browser(viewport={"width": 1600, "height": 900}).new_page()
    projector.goto(server.url + f"/present/{key}?lang=en")

    # --- timeline: Ann posts on the global timeline with a year; it lands in its decade everywhere.
    a.locator(".pp-tab", has_text="Global").click()
    a.get_by_label("Year (if you know it)").fill("2008")
    a.get_by_label("What happened?").fill("Credit crunch <b>hits</b>")
    a.get_by_role("button", name="Put on the timeline").click()
    a.locator(".pp-tl-decade", has_text="2000s").locator(".pp-tl-entry.mine", has_text="Credit crunch <b>hits</b>").wait_for()
    cell = staff.locator(".pp-wall-cell.lens-2").nth(1)  # global lane, second decade (the sample starts in 1990)
    cell.locator(".pp-wall-entry", has_text="2008 Credit crunch <b>hits</b>").wait_for()
    projector.locator(".pp-wall-cell.lens-2").nth(1).locator(".pp-wall-entry", has_text="Credit crunch").wait_for()
    assert projector.locator(".pp-wall b", has_text="hits").count() == 0  # text stays text
    # Posted while the phone has no network: it waits on the phone and is sent once it is back.
    a.context.set_offline(True)
    a.locator("[data-live=status][data-status='offline']").wait_for(timeout=20_000)
    a.get_by_label("What happened?").fill("Smartphones everywhere")
    a.get_by_label("Year (if you know it)").fill("2010")
    a.get_by_role("button", name="Put on the timeline").click()
    a.locator(".pp-tl-entry.is-waiting", has_text="Smartphones everywhere").wait_for()
    a.context.set_offline(False)
    staff.locator(".pp-wall-cell.lens-2").nth(2).locator(".pp-wall-entry", has_text="Smartphones everywhere").wait_for(timeout=20_000)
    a.locator(".pp-tl-entry.mine:not(.is-waiting)", has_text="Smartphones everywhere").wait_for()
    assert a.locator(".pp-tl-entry.is-waiting").count() == 0
    b.locator(".pp-tab", has_text="Global").click()
    entry = b.locator(".pp-tl-entry", has_text="Credit crunch")
    entry.wait_for()
    assert entry.get_by_role("button", name="Delete").count() == 0  # not Bob's to delete
    assert fits(a)

    # --- trend map: the facilitator adds a called-out trend; Bob proposes one, the facilitator places it.
    staff.get_by_role("button", name="Go to " + title(db, cid, "trend_map")).click()
    staff.get_by_label("Add a trend").fill("Loneliness")
    staff.get_by_role("button", name="Add trend").click()
    staff.locator(".pp-mindmap .pp-node", has_text="Loneliness").wait_for()
    projector.locator(".pp-mindmap .pp-node", has_text="Loneliness").wait_for()
    b.locator(".pp-outline-item", has_text="Loneliness").wait_for()
    assert b.locator("#tr-propose").is_hidden()
    staff.get_by_label("Participants may propose trends").check()
    # The facilitator is typing the next trend when Bob's proposal comes in: the field stays.
    next_trend = staff.get_by_label("Add a trend")
    next_trend.fill("Mobility")
    next_field = next_trend.element_handle()
    b.get_by_label("Propose a trend").fill("Housing shortage")
    b.get_by_role("button", name="Send to the facilitator").click()
    b.locator(".pp-proposal", has_text="Waiting for the facilitator").wait_for()
    proposal = staff.locator(".pp-proposals .pp-proposal", has_text="Housing shortage")
    proposal.wait_for()
    assert_still_typing(next_trend, next_field, "Mobility")
    proposal.get_by_role("button", name="Place as trend").click()
    b.locator(".pp-proposal", has_text="On the map").wait_for()
    a.locator(".pp-outline-item", has_text="Housing shortage").wait_for()
    assert ann["name"] not in staff.locator(".pp-map-tools").inner_text()  # proposals carry no names
    assert fits(b)

    # --- dot vote: Ann puts two dots on Loneliness and one on Housing, Bob one on Loneliness.
    staff.get_by_role("button", name="Go to " + title(db, cid, "dot_vote")).click()
    a.get_by_role("button", name="Put a dot on Loneliness").click()
    a.locator(".pp-dots-left", has_text="4 of 5 dots left").wait_for()
    a.get_by_role("button", name="Put a dot on Loneliness").click()
    a.locator(".pp-dots-left", has_text="3 of 5 dots left").wait_for()
    a.get_by_role("button", name="Put a dot on Housing shortage").click()
    a.locator(".pp-dots-left", has_text="2 of 5 dots left").wait_for()
    a.get_by_role("button", name="Take a dot back from Housing shortage").click()
    a.locator(".pp-dots-left", has_text="3 of 5 dots left").wait_for()
    a.get_by_role("button", name="Put a dot on Housing shortage").click()
    # The facilitator is typing another number of dots while the votes come in: the field stays.
    dots = staff.get_by_label("Dots per person")
    dots.fill("7")
    dots_field = dots.element_handle()
    b.get_by_role("button", name="Put a dot on Loneliness").click()
    b.locator(".pp-dots-left", has_text="4 of 5 dots left").wait_for()
    # The dots are in the voter's group colour.
    colour = db.execute("select colour from stakeholder_groups where id = ?", [ann["group_id"]]).fetchone()[0]
    rgb = a.locator(".pp-vote-dots .pp-dot").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert rgb == "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))
    # Live in the cockpit and on the projector; not on phones until the vote closes.
    row = staff.locator(".pp-bar-row", has_text="Loneliness")
    row.locator(".pp-bar-total", has_text="3").wait_for()
    assert_still_typing(dots, dots_field, "7")
    assert row.locator(f".pp-bar-part[data-group='{ann['group_id']}']").get_attribute("data-count") == "2"
    assert row.locator(f".pp-bar-part[data-group='{bob['group_id']}']").get_attribute("data-count") == "1"
    projector.locator(".pp-bar-row", has_text="Loneliness").locator(".pp-bar-total", has_text="3").wait_for()
    assert a.locator(".pp-results").count() == 0
    staff.get_by_role("button", name="Close the vote").click()
    phone_row = b.locator(".pp-results .pp-bar-row", has_text="Loneliness")
    phone_row.locator(".pp-bar-total", has_text="3").wait_for()
    assert phone_row.locator(f".pp-bar-part[data-group='{ann['group_id']}']").inner_text() == "2"
    assert a.locator(".pp-results .pp-bar-row", has_text="Housing shortage").locator(".pp-bar-total").inner_text() == "1"
    assert a.get_by_role("button", name="Put a dot on Loneliness").count() == 0  # closed: no more dots
    assert fits(a) and fits(b)

    # --- prouds and sorries: someone in Ann's group adds a proud; the group's list shows it, Bob's
    # group does not. Ann is typing a sorry meanwhile: her field is never detached (a phone would
    # close its keyboard), it keeps its focus and what she typed.
    staff.get_by_role("button", name="Go to " + title(db, cid, "prouds_sorries")).click()
    sorry = a.get_by_label("Add a sorry")
    sorry.fill("We talk about people, not with")
    field = sorry.element_handle()
    proud = a.locator(".pp-list.proud")
    colleague = browser(**PHONE).new_page()
    colleague.goto(server.url + f"/p/{colleague_of(db, ann)}?lang=en")
    colleague.locator(".pp-list.proud").get_by_label("Add a proud").fill("Our volunteers keep going")
    colleague.locator(".pp-list.proud").get_by_role("button", name="Add").click()
    proud.locator(".pp-item", has_text="Our volunteers keep going").wait_for()
    assert_still_typing(sorry, field, "We talk about people, not with")
    b.locator(".pp-list.proud").wait_for()
    assert b.locator(".pp-item", has_text="Our volunteers").count() == 0
    staff.locator(f".pp-sheet[data-group='{ann['group_id']}'] .pp-item", has_text="Our volunteers keep going").wait_for()
    staff.locator(".pp-focus-bar").get_by_role("button", name=ann["group"]).click()
    shown = projector.locator(".pp-sheet")
    shown.locator(".pp-item", has_text="Our volunteers keep going").wait_for()
    projector.wait_for_function("document.querySelectorAll('.pp-sheet').length === 1")
    assert ann["group"] in shown.inner_text()
    assert fits(a)

    # Everything above is in the database, none of it twice.
    assert db.execute("select count(*) from timeline_entries").fetchone()[0] == 2
    assert db.execute("select sum(count) from dots").fetchone()[0] == 4
    assert db.execute("select count(*) from prouds").fetchone()[0] == 1
