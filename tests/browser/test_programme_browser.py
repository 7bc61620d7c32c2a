"""The participant's programme on a phone, drawn from the live store: choosing one of two parallel
sessions (programme.choose), the organiser changing the programme while the phone stays open (no
reload, the choice kept), and the current session's marker following the facilitator."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from facilitator.domain import programme
from tests.axe_helpers import assert_accessible
from tests.browser.test_live_browser import add_session_on_programme_page, open_cockpit
from tests.conftest import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.live]

PARALLEL = ("Wonen in Helmond", "Werk en inkomen")


def with_parallel_sessions(server):
    """The sample (Dutch) with two sessions side by side at the end of its first day."""
    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    day = programme.days(db, cid)[0]["id"]
    ids = [programme.add_session(db, cid, day, {"start": "17:00", "end": "17:45", "title": title, "phase": "present",
                                                "activity": "notes", "grouping": "self_selected", "track": room})
           for title, room in zip(PARALLEL, ("Zaal A", "Zaal B"))]
    tokens = [r[0] for r in db.execute("select token from participants order by id limit 2")]
    db.close()
    return cid, ids, tokens


def chosen_in_db(server, token):
    db = server.db()
    found = [r[0] for r in db.execute("select s.title from session_members m join sessions s on s.id = m.session_id "
                                      "join participants p on p.id = m.participant_id where p.token = ?", [token])]
    db.close()
    return sorted(found)


def open_phone(browser, server, token, *, width=390, query=""):
    page = browser(**{**PHONE, "viewport": {"width": width, "height": 844}}).new_page()
    page.goto(server.url + f"/p/{token}{query}")
    expect(page.locator("[data-live=status]")).to_have_attribute("data-status", "connected")
    return page


def session_card(page, title):
    return page.locator("#programme article.session", has=page.locator("strong", has_text=title))


def no_sideways_scroll(page):
    return page.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth")


def test_a_phone_chooses_a_parallel_session_and_keeps_it_while_the_programme_changes(server, browser):
    cid, (wonen, werk), (token, _other) = with_parallel_sessions(server)
    phone = open_phone(browser, server, token)  # the conference's language: Dutch
    first, second = session_card(phone, PARALLEL[0]), session_card(phone, PARALLEL[1])
    slot = phone.locator("#programme .slot.parallel")
    expect(slot).to_have_count(1)
    expect(phone.get_by_role("group", name="Kies een van deze onderdelen")).to_have_count(1)  # said, and shown
    expect(slot.locator("article.session")).to_have_count(2)  # side by side, in one group
    expect(first.locator(".meta")).to_have_text("Heden · Zelfgekozen groepen · Zaal A")
    button = first.get_by_role("button", name="Ik doe hieraan mee")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_have_accessible_description(PARALLEL[0])  # a screen reader hears which session
    phone.evaluate("() => { window.stillThisPage = true; }")

    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(first.locator(".badge")).to_have_text("Jouw keuze")
    expect(second.locator(".badge")).to_have_count(0)
    assert chosen_in_db(server, token) == [PARALLEL[0]]

    # by keyboard: the other one; the focus stays on the button pressed
    other = second.get_by_role("button", name="Ik doe hieraan mee")
    other.focus()
    phone.keyboard.press("Enter")
    expect(other).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(other).to_be_focused()
    assert chosen_in_db(server, token) == [PARALLEL[1]]
    assert no_sideways_scroll(phone)
    assert_accessible(phone, include="#programme")  # axe-core: the slot, its toggle buttons and their names

    # the organiser adds a session on the programme page: the phone's list follows, without a reload
    add_session_on_programme_page(server, browser, cid, "17:45", "18:15", "Borrel na afloop")
    expect(phone.locator("#programme strong", has_text="Borrel na afloop")).to_be_visible()
    expect(second.locator(".badge")).to_have_text("Jouw keuze")  # the choice is kept
    expect(other).to_have_attribute("aria-pressed", "true")
    assert phone.evaluate("() => window.stillThisPage === true")

    # the current session's marker follows the facilitator
    cockpit = open_cockpit(server, browser, cid)
    cockpit.get_by_role("button", name=f"Go to {PARALLEL[1]}").click()
    expect(phone.locator("#programme [aria-current=step]")).to_have_count(1)
    expect(phone.locator("#programme .session.current strong")).to_have_text(PARALLEL[1])
    cockpit.get_by_role("button", name="Go to Borrel na afloop").click()
    expect(phone.locator("#programme .session.current strong")).to_have_text("Borrel na afloop")
    expect(second).not_to_have_attribute("aria-current", "step")
    expect(phone.locator("#programme [aria-current=step]")).to_have_count(1)
    assert phone.evaluate("() => window.stillThisPage === true")


def test_the_programme_in_english_on_a_narrow_phone(server, browser):
    _cid, _ids, (_token, token) = with_parallel_sessions(server)
    phone = open_phone(browser, server, token, width=320, query="?lang=en")
    card = session_card(phone, PARALLEL[0])
    expect(card.locator(".meta")).to_have_text("Present · Self-selected groups · Zaal A")
    expect(phone.locator("#programme h3").first).to_have_text("Wednesday 24 February 2021")
    card.get_by_role("button", name="I take part in this one").press("Enter")
    expect(card.locator(".badge")).to_have_text("Your choice")
    assert chosen_in_db(server, token) == [PARALLEL[0]]
    assert no_sideways_scroll(phone)
    assert_accessible(phone, include="#programme")


def test_without_scripts_the_form_chooses_through_the_same_event(server, browser):
    _cid, _ids, (token, _other) = with_parallel_sessions(server)
    page = browser(**PHONE, java_script_enabled=False).new_page()
    page.goto(server.url + f"/p/{token}?lang=en")
    expect(page.get_by_role("group", name="Choose one of these sessions")).to_have_count(1)
    session_card(page, PARALLEL[1]).get_by_role("button", name="I take part in this one").click()
    expect(page.locator(".flash")).to_have_text("Your choice is saved.")
    expect(session_card(page, PARALLEL[1]).locator(".badge")).to_have_text("Your choice")
    assert chosen_in_db(server, token) == [PARALLEL[1]]
    db = server.db()
    assert db.execute("select kind from events order by seq desc limit 1").fetchone()[0] == "programme.chosen"
    db.close()


def test_a_phone_shows_the_session_the_organiser_assigned_it_to_without_a_reload(server, browser):
    cid, _ids, (token, _other) = with_parallel_sessions(server)
    phone = open_phone(browser, server, token, query="?lang=en")
    expect(phone.locator("#programme .badge")).to_have_count(0)  # not chosen yet
    phone.evaluate("() => { window.stillThisPage = true; }")
    organiser = browser(**DESKTOP).new_page()
    sign_in(organiser, server.url)
    organiser.goto(server.url + f"/organiser/c/{cid}/programme?lang=en")
    organiser.get_by_role("button", name="Assign the rest evenly").click()
    expect(organiser.locator(".flash").first).to_be_visible()
    # programme.changed: the phone loads its own choices again (the part "choices")
    [assigned] = chosen_in_db(server, token)
    expect(session_card(phone, assigned).locator(".badge")).to_have_text("Your choice")
    expect(phone.locator("#programme .badge")).to_have_count(1)
    assert phone.evaluate("() => window.stillThisPage === true")
    # the organiser's page counts the people per parallel session, the choice included
    organiser.reload()
    counts = organiser.locator(".slot .small.muted").all_inner_texts()
    db = server.db()
    everyone = db.execute("select count(*) from participants where conference_id = ?", [cid]).fetchone()[0]
    db.close()
    assert sum(int(c.split()[0]) for c in counts) == everyone
