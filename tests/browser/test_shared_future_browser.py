"""In a real Chromium against `python run.py`: a statement round answered on three phones with the
results split per stakeholder group (on the phones, the cockpit and the projector); a theme going
from table candidates through merging and confirmation, with one objection, into "not agreed";
scenario boards that stay private to their table until the presentations open.

Set SHARED_FUTURE_SCREENSHOTS=<folder> to save phone and projector screenshots there."""
import re
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from facilitator.domain import tables
from tests.conftest import DESKTOP, PHONE, assert_still_typing, edit_in_place, sign_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SHARED_FUTURE_SCREENSHOTS")
PROJECTOR = {"viewport": {"width": 1600, "height": 900}}


def shot(page, name):
    """The phone's live card, the cockpit's activity, or the whole projector screen."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    path = str(Path(SHOTS) / f"shared-future-{name}.png")
    for part in ("#live-root", ".cockpit-activity"):
        if page.locator(part).count():
            page.locator(part).screenshot(path=path)
            return
    page.screenshot(path=path, full_page=True)


def shot_both_widths(page, name):
    """For looking at a new control: the same view at phone width (390 px) and at desktop width."""
    if not SHOTS:
        return
    before = page.viewport_size
    for width, label in ((390, "phone-width"), (1366, "desktop")):
        page.set_viewport_size({"width": width, "height": before["height"]})
        shot(page, f"{name}-{label}")
    page.set_viewport_size(before)


def cockpit(browser, server, cid, activity):
    page = browser(**DESKTOP).new_page()
    sign_in(page, server.url)
    page.goto(server.url + f"/organiser/c/{cid}/cockpit/?lang=en")
    go_to(page, server, cid, activity)
    return page


def go_to(page, server, cid, activity):
    db = server.db()
    title = db.execute("select title from sessions where conference_id = ? and activity = ?", [cid, activity]).fetchone()[0]
    page.get_by_role("button", name="Go to " + title).click()
    page.locator(f'[data-live=activity] [data-activity="{activity}"], [data-live=activity][data-activity="{activity}"]').first.wait_for()


def phone(browser, server, token):
    page = browser(**PHONE).new_page()
    page.goto(server.url + f"/p/{token}?lang=en")
    return page


def projector(browser, server, cid):
    key = server.db().execute("select presenter_key from conferences where id = ?", [cid]).fetchone()[0]
    page = browser(**PROJECTOR).new_page()
    page.goto(server.url + f"/present/{key}?lang=en")
    return page


def people_of_groups(db, cid, keys):
    """The first participant of each of these stakeholder groups: (id, name, token, group name, group id)."""
    found = []
    for key in keys:
        found.append(db.execute(
            "select p.id, p.name, p.token, g.name, g.id from participants p join stakeholder_groups g on g.id = p.stakeholder_group_id "
            "where p.conference_id = ? and g.key = ? order by p.id limit 1", [cid, key]).fetchone())
    return found


def test_statement_round_with_results_per_stakeholder_group(server, browser):
    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    first, second = [r[0] for r in db.execute("select text from statements where conference_id = ? order by position limit 2", [cid])]
    staff = cockpit(browser, server, cid, "statements")
    staff.locator(".sf-statement", has_text=first).get_by_role("button", name="Put up (closes the others)").click()
    staff.locator(".sf-statement.state-open", has_text=first).wait_for()

    people = people_of_groups(db, cid, ("overheid", "zorg-welzijn", "ervaringsdeskundigen"))
    phones = [phone(browser, server, p[2]) for p in people]
    for page in phones:
        page.locator(".sf-statement", has_text=first).wait_for()
    # Everyone agrees with the first statement; the third gives a reason, typing it while the others
    # answer (the live results redraw around the field, which keeps its focus and text).
    # before anyone answers, the phone says whether the reason will carry their name
    anonymous = db.execute("select anonymous from statements where text = ? and conference_id = ?", [first, cid]).fetchone()[0]
    expect(phones[0].locator(".sf-statement", has_text=first).locator("[data-names-notice]")).to_have_text(
        "Your reason is shown without your name." if anonymous else "Everyone will see your name with your reason.")
    reason = phones[2].locator(".sf-statement", has_text=first).get_by_label("Why? (you may leave this empty)")
    reason.fill("I have seen it happen")
    for page in phones:
        card = page.locator(".sf-statement", has_text=first)
        if page is phones[2]:
            card.locator(".sf-result-row.total", has_text="Everyone (2)").wait_for()
            expect(reason).to_be_focused()
            expect(reason).to_have_value("I have seen it happen")
        card.get_by_role("button", name="Agree", exact=True).click()
        card.get_by_text("Your answer: Agree.").wait_for()
    # the second changes their mind, then back: still one answer
    card = phones[1].locator(".sf-statement", has_text=first)
    card.get_by_role("button", name="Disagree").click()
    card.get_by_text("Your answer: Disagree.").wait_for()
    card.get_by_role("button", name="Agree", exact=True).click()
    phones[0].locator(".sf-statement", has_text=first).locator(".sf-result-row.total", has_text="Everyone (3)").wait_for()

    # Results per stakeholder group, on the phone and on the projector.
    result = phones[0].locator(".sf-statement", has_text=first).locator(".sf-result")
    for _, _, _, group, gid in people:
        row = result.locator(f'.sf-result-row[data-group="{gid}"]')
        assert group in row.inner_text() and "(1)" in row.inner_text()
    assert "I have seen it happen" in result.locator(".sf-reasons").inner_text()
    assert people[2][1] not in result.inner_text()  # anonymous: no names with the reasons
    screen = projector(browser, server, cid)
    screen.locator(".sf-big-statement", has_text=first).locator(".sf-result-row.total", has_text="Everyone (3)").wait_for()
    screen.locator(".sf-highlights", has_text="Most agreement across all groups").wait_for()

    # The second statement, set to reveal later: the groups split.
    staff.locator("#statement-results").select_option("reveal")
    staff.locator(".sf-statement", has_text=second).get_by_role("button", name="Put up (closes the others)").click()
    for i, page in enumerate(phones):
        card = page.locator(".sf-statement", has_text=second)
        card.get_by_role("button", name="Agree" if i == 0 else "Disagree", exact=True).click()
        card.get_by_text("Your answer:").wait_for()
    phones[0].locator(".sf-statement", has_text=first).get_by_text("Closed. Your answer: Agree.").wait_for()
    shown = phones[0].locator(".sf-statement", has_text=second)
    shown.get_by_text("3 answers so far. Results follow later.").wait_for()
    assert shown.locator(".sf-result-row").count() == 0
    staff.locator(".sf-statement", has_text=second).get_by_text("Everyone (3)").wait_for()  # the facilitator sees them
    shot(phones[0], "statements-phone-waiting")
    staff.locator(".sf-statement", has_text=second).get_by_role("button", name="Reveal results").click()
    shown.locator(".sf-result-row.total", has_text="Everyone (3)").wait_for()
    screen.locator(".sf-highlights", has_text="Most divisive").wait_for()
    assert second in screen.locator(".sf-highlights").inner_text()
    phones[2].locator(".sf-statement", has_text=first).scroll_into_view_if_needed()
    shot(phones[2], "statements-phone")
    shot(screen, "statements-projector")
    shot(staff, "statements-cockpit")


def test_the_facilitator_rewords_a_statement_until_someone_answers(server, browser):
    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    (id1, first), (id2, _) = db.execute("select id, text from statements where conference_id = ? order by position limit 2", [cid]).fetchall()
    reworded = "Everyone in Helmond should know where to ask for help"
    staff = cockpit(browser, server, cid, "statements")
    mine, other = staff.locator(f'.sf-statement[data-id="{id1}"]'), staff.locator(f'.sf-statement[data-id="{id2}"]')
    mine.get_by_role("button", name="Put up (closes the others)").click()
    staff.locator(f'.sf-statement.state-open[data-id="{id1}"]').wait_for()
    other.get_by_role("button", name="Add to the open set").click()
    staff.locator(f'.sf-statement.state-open[data-id="{id2}"]').wait_for()
    p, q = [phone(browser, server, x[2]) for x in people_of_groups(db, cid, ("overheid", "zorg-welzijn"))]
    for page in (p, q):
        page.locator(f'.sf-statement[data-id="{id1}"]', has_text=first).wait_for()

    # Reword inline; answers to the other statement redraw the cockpit around the field meanwhile.
    mine.get_by_role("button", name="Reword").click()
    field = mine.get_by_label("Wording of the statement")
    expect(field).to_be_focused()
    expect(field).to_have_value(first)
    field.fill(reworded)
    handle = field.element_handle()
    p.locator(f'.sf-statement[data-id="{id2}"]').get_by_role("button", name="Agree", exact=True).click()
    other.get_by_text("Everyone (1)").wait_for()
    assert_still_typing(field, handle, reworded)
    shot_both_widths(staff, "statement-reword")
    mine.get_by_role("button", name="Save").click()
    expect(field).to_be_hidden()
    expect(mine.locator(".sf-statement-text")).to_have_text(reworded)
    expect(mine.get_by_role("button", name="Reword")).to_be_focused()
    for page in (p, q):
        expect(page.locator(f'.sf-statement[data-id="{id1}"] .sf-statement-text')).to_have_text(reworded)

    # Once someone answered, the wording stays: the server says why, the field keeps what was typed.
    mine.get_by_role("button", name="Reword").click()
    field.fill("Too late")
    q.locator(f'.sf-statement[data-id="{id1}"]').get_by_role("button", name="Agree", exact=True).click()
    q.get_by_text("Your answer: Agree.").first.wait_for()
    mine.get_by_role("button", name="Save").click()
    mine.locator(".inline-edit .field-error", has_text="People have answered this statement already").wait_for()
    expect(field).to_have_value("Too late")
    field.press("Escape")
    expect(field).to_be_hidden()
    expect(mine.get_by_role("button", name="Reword")).to_be_hidden()
    expect(mine.locator(".sf-statement-text")).to_have_text(reworded)
    expect(p.locator(f'.sf-statement[data-id="{id1}"] .sf-statement-text')).to_have_text(reworded)


def test_a_table_and_the_facilitator_fix_the_wording_of_candidates(server, browser):
    cid, seated = mixed_tables(server, seed=3)
    ann, bea = seated[0]["members"][0], seated[0]["members"][1]
    cas = seated[1]["members"][0]
    staff = cockpit(browser, server, cid, "common_ground")
    a, b, c = (phone(browser, server, x["token"]) for x in (ann, bea, cas))
    a.get_by_label("Add to Common futures").fill("A place to meet in every neighbourhod")
    a.locator(".list-future").get_by_role("button", name="Add").click()
    b.locator(".list-future .sf-candidate", has_text="neighbourhod").wait_for()
    cand = server.db().execute("select id from common_ground_candidates where text like '%neighbourhod'").fetchone()[0]
    fixed = "A place to meet in every neighbourhood"

    # A fixes the typo on the phone while B adds a candidate: the field stays, with its keyboard.
    item = a.locator(f'.sf-candidate[data-id="{cand}"]')
    item.get_by_role("button", name="Edit: A place to meet in every neighbourhod").click()
    field = item.get_by_label("Wording of the candidate")
    expect(field).to_be_focused()
    expect(field).to_have_value("A place to meet in every neighbourhod")
    field.fill(fixed)
    handle = field.element_handle()
    b.get_by_label("Add to Potential projects").fill("A buddy network")
    b.locator(".list-project").get_by_role("button", name="Add").click()
    a.locator(".list-project .sf-candidate", has_text="A buddy network").wait_for()
    assert_still_typing(field, handle, fixed)
    shot_both_widths(a, "candidate-edit-phone")
    item.get_by_role("button", name="Save").click()
    expect(field).to_be_hidden()
    for page in (a, b):
        expect(page.locator(f'.sf-candidate[data-id="{cand}"] .sf-candidate-text')).to_have_text(fixed)
    card = staff.locator(f'.sf-cg-card[data-id="{cand}"]')
    expect(card.locator(".note-text")).to_have_text(fixed)
    assert "neighbourhood" not in c.inner_text(".activity")  # another table sees neither the candidate nor the edit
    expect(c.get_by_role("button", name="Edit: " + fixed)).to_have_count(0)

    # Escape leaves the wording as it was.
    b.get_by_role("button", name="Edit: " + fixed).click()
    b_field = b.locator(f'.sf-candidate[data-id="{cand}"]').get_by_label("Wording of the candidate")
    b_field.fill("Something else")
    b_field.press("Escape")
    expect(b.get_by_role("button", name="Edit: " + fixed)).to_be_focused()
    expect(b.locator(f'.sf-candidate[data-id="{cand}"] .sf-candidate-text')).to_have_text(fixed)

    # The facilitator rewords it on the card (Enter saves) while another table adds a candidate.
    card.get_by_role("button", name="Edit: " + fixed).click()
    staff_field = card.get_by_label("Wording of the candidate")
    staff_field.fill("Meeting places in every neighbourhood")
    handle = staff_field.element_handle()
    c.get_by_label("Add to Common futures").fill("Buurthuis open every day")
    c.locator(".list-future").get_by_role("button", name="Add").click()
    staff.locator(".sf-cg-card", has_text="Buurthuis open every day").wait_for()
    assert_still_typing(staff_field, handle, "Meeting places in every neighbourhood")
    shot_both_widths(staff, "candidate-edit-cockpit")
    staff_field.press("Enter")
    expect(card.locator(".note-text")).to_have_text("Meeting places in every neighbourhood")
    for page in (a, b):
        expect(page.locator(f'.sf-candidate[data-id="{cand}"] .sf-candidate-text')).to_have_text("Meeting places in every neighbourhood")

    # In a theme, only the facilitator changes it. A phone that is editing it when the facilitator
    # merges it gets the server's reason on its next keystroke (the wording is a shared text, saved as
    # it is typed); the table's phones are told of the merge, so they show "In a theme" instead of
    # the buttons (no reload needed).
    item.get_by_role("button", name="Edit: Meeting places in every neighbourhood").click()
    expect(field).to_be_editable()
    staff.get_by_label("New theme").fill("Meeting places")
    staff.get_by_role("button", name="Add theme").click()
    theme = staff.locator(".sf-theme:not(.unsorted)", has_text="Meeting places")
    theme.wait_for()
    card.get_by_role("combobox").select_option(label="Meeting places")
    theme.locator(f'.sf-cg-card[data-id="{cand}"]').wait_for()
    other_item = b.locator(f'.sf-candidate[data-id="{cand}"]')
    other_item.get_by_text("In a theme").wait_for()
    expect(other_item.get_by_role("button")).to_have_count(0)
    field.press_sequentially(" again")
    item.locator(".inline-edit .field-error", has_text="This candidate is already part of a theme.").wait_for()
    item.get_by_role("button", name="Cancel").click()
    item.get_by_text("In a theme").wait_for()
    expect(item.get_by_role("button")).to_have_count(0)
    expect(item.locator(".sf-candidate-text")).to_have_text("Meeting places in every neighbourhood")

    # the facilitator renames the theme in place
    edit_in_place(theme, "Rename", "Name of the theme", "Places to meet")
    expect(staff.locator(".sf-theme:not(.unsorted) .sf-theme-name")).to_have_text(["Places to meet"])


def mixed_tables(server, seed):
    """Mix the sample into tables; returns the conference id, the tables with their members (each
    with its join token)."""
    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    seated = tables.tables_of(db, tables.create_tabling(db, cid, "Mixed", 8, seed=seed))
    for table in seated:
        for m in table["members"]:
            m["token"] = db.execute("select token from participants where id = ?", [m["id"]]).fetchone()[0]
    return cid, seated


def test_a_theme_with_one_objection_goes_to_not_agreed(server, browser):
    cid, seated = mixed_tables(server, seed=3)
    ann, bea = seated[0]["members"][0], seated[0]["members"][1]
    cas = seated[1]["members"][0]
    token = lambda p: p["token"]  # noqa: E731

    # Tables list their candidates.
    staff = cockpit(browser, server, cid, "common_ground")
    a, c = phone(browser, server, token(ann)), phone(browser, server, token(cas))
    a.get_by_text("You are at table 1.").wait_for()
    a.get_by_label("Add to Common futures").fill("A place to meet in every neighbourhood")
    a.locator(".list-future").get_by_role("button", name="Add").click()
    a.get_by_label("Add to Potential projects").fill("A buddy network")
    a.locator(".list-project").get_by_role("button", name="Add").click()
    c.get_by_label("Add to Common futures").fill("Buurthuis open every day")
    c.locator(".list-future").get_by_role("button", name="Add").click()
    c.locator(".list-future .sf-candidate", has_text="Buurthuis open every day").wait_for()
    assert "A place to meet" not in c.inner_text(".activity")  # other tables' lists stay at their table
    shot(a, "common-ground-phone")

    # The facilitator merges: a theme, two candidates from two tables dragged in.
    unsorted = staff.locator(".sf-theme.unsorted")
    unsorted.locator(".sf-cg-card", has_text="Buurthuis open every day").wait_for()
    staff.get_by_label("New theme").fill("Meeting places")
    staff.get_by_role("button", name="Add theme").click()
    theme = staff.locator(".sf-theme:not(.unsorted)", has_text="Meeting places")
    theme.wait_for()
    unsorted.locator(".sf-cg-card", has_text="A place to meet").drag_to(theme)
    theme.locator(".sf-cg-card", has_text="A place to meet").wait_for()
    unsorted.locator(".sf-cg-card", has_text="Buurthuis").get_by_role("combobox").select_option(label="Meeting places")
    theme.locator(".sf-cg-card", has_text="Buurthuis").wait_for()
    screen = projector(browser, server, cid)
    screen.locator(".sf-theme-tile", has_text="Meeting places").locator("li", has_text="Buurthuis").wait_for()
    shot(screen, "common-ground-projector")
    shot(staff, "common-ground-cockpit")

    # Confirmation in the whole room: one objection.
    go_to(staff, server, cid, "common_ground_confirm")
    staff.locator(".sf-draft-themes li", has_text="Meeting places").get_by_role("button", name="Put to the room").click()
    b = phone(browser, server, token(bea))
    for page in (a, b, c):
        page.locator(".sf-up", has_text="Meeting places").wait_for()
    # C is typing a reason while the others answer: the field keeps its focus and text (on a
    # phone, losing focus would close the keyboard mid-sentence). So does the facilitator's wording,
    # typed while the answers come in.
    up = staff.locator(".sf-up")
    wording = up.get_by_label("Wording if confirmed")
    wording.fill("Meeting places for everyone")
    wording_field = wording.element_handle()
    expect(c.locator(".sf-up [data-names-notice]")).to_have_text(re.compile(
        r"^(The facilitators will see your name with your answer\. Others will not\.|Nobody will see your name with your answer, not even the facilitators\.)$"))
    c.get_by_label("Why? (you may leave this empty)").fill("Not without the people who run them")
    a.get_by_role("button", name="I can support this").click()
    b.get_by_role("button", name="I can support this").click()
    up.get_by_text("2 people can support this").wait_for()
    expect(c.locator("#cg-reason")).to_be_focused()
    expect(c.locator("#cg-reason")).to_have_value("Not without the people who run them")
    assert_still_typing(wording, wording_field, "Meeting places for everyone")
    c.get_by_role("button", name="I cannot support this").click()
    c.get_by_text("You said: I cannot support this.").wait_for()
    up.get_by_text("1 person cannot support this").wait_for()
    objections = up.locator(".sf-objections")
    objections.get_by_text("Not without the people who run them").wait_for()
    assert cas["name"] not in objections.inner_text()  # anonymous (the default): no names, not even here
    # The facilitator unticks "Anonymous" for this session: from now on the cockpit shows who objected.
    staff.locator("[data-live=settings] [name=anonymous]").uncheck()
    up.locator(".sf-objections", has_text=cas["name"]).wait_for()
    assert "Not without the people who run them" in up.locator(".sf-objections").inner_text()
    screen.locator(".sf-big-statement", has_text="Meeting places").get_by_text("1 person cannot support this").wait_for()
    shot(c, "common-ground-confirm-phone")
    shot(screen, "common-ground-confirm-projector-up")
    assert up.get_by_role("button", name="Confirm despite objections").is_visible()
    up.get_by_role("button", name="Move to not agreed").click()

    for page in (a, c, screen):
        page.locator(".sf-not-agreed li", has_text="Meeting places").wait_for()
        assert "Meeting places" not in page.locator(".sf-confirmed").inner_text()
    assert "Not without the people who run them" in a.locator(".sf-not-agreed").inner_text()
    assert cas["name"] not in a.locator(".sf-not-agreed").inner_text()  # objections kept, without names
    a.get_by_text("No theme is up right now.").wait_for()
    staff.locator(".sf-not-agreed li", has_text="Meeting places").wait_for()
    shot(a, "common-ground-lists-phone")
    shot(screen, "common-ground-confirm-projector")
    shot(staff, "common-ground-confirm-cockpit")


def test_scenario_boards_stay_at_their_table_until_presented(server, browser):
    cid, seated = mixed_tables(server, seed=5)
    token = lambda p: p["token"]  # noqa: E731
    staff = cockpit(browser, server, cid, "scenario")
    a = phone(browser, server, token(seated[0]["members"][0]))
    a2 = phone(browser, server, token(seated[0]["members"][1]))
    other = phone(browser, server, token(seated[1]["members"][0]))
    a.get_by_text("Table 1: it is 2030.").wait_for()
    a.get_by_label("Title").fill("Helmond helps")
    a.get_by_label("The story: describe it as if it already happened").fill(
        "It is 2030. Nobody in Helmond is ashamed to ask for help any more. Every neighbourhood has a buddy network.")
    a.get_by_label("New key feature").fill("A buddy for everyone who wants one")
    a.get_by_role("button", name="Add").click()
    a2.get_by_label("Barriers we overcame").fill("Shame, and rules that did not fit people's lives")
    a2.locator(".sf-feature", has_text="A buddy for everyone").wait_for()
    a2.get_by_text("Saved. Everyone at your table sees it.").wait_for()
    a.wait_for_function("document.querySelector('#sc-barriers').value.startsWith('Shame')")
    assert a2.get_by_label("Title").input_value() == "Helmond helps"
    other.get_by_text("Table 2: it is 2030.").wait_for()
    assert "Helmond helps" not in other.content()
    screen = projector(browser, server, cid)
    screen.get_by_text("The tables are writing their scenarios for 2030.").wait_for()
    assert "Helmond helps" not in screen.content()
    shot(a, "scenario-phone")

    staff.get_by_role("button", name="Open the presentations").click()
    screen.locator(".sf-board.big", has_text="Helmond helps").wait_for()
    other.locator(".sf-phone-show", has_text="Helmond helps").get_by_role("button", name="This resonates with me").click()
    a2.locator(".sf-phone-show").get_by_role("button", name="This resonates with me").click()
    screen.get_by_text("Resonates with 2 people").wait_for()
    staff.locator(".sf-board-cell", has_text="Helmond helps").get_by_text("Resonates with 2 people").wait_for()
    shot(screen, "scenario-projector")
    shot(other, "scenario-phone-presentation")
    shot(staff, "scenario-cockpit")
    staff.get_by_role("button", name="Projector: next scenario (table 2)").click()
    screen.get_by_text("Table 2 · 2030").wait_for()
    screen.get_by_text("Scenario 2 of").wait_for()
    staff.locator(".sf-board-cell").nth(0).get_by_role("button", name="Show on the projector").click()
    screen.locator(".sf-board.big", has_text="Helmond helps").wait_for()
