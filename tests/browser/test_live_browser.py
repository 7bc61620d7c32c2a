"""The live engine in real browsers: a facilitator and two participants in separate contexts."""
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import DESKTOP, PHONE, edit_in_place, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.live]


def tokens_and_session(server):
    """The demo conference with a whole-room sticky-notes session added to its first day."""
    from facilitator.domain import programme

    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    tokens = [r[0] for r in db.execute("select token from participants order by id limit 2")]
    day = programme.days(db, cid)[0]["id"]
    title = "Ideas on the wall"
    programme.add_session(db, cid, day, {"start": "13:15", "end": "13:30", "title": title, "phase": "opening",
                                         "activity": "notes", "grouping": "whole", "prompt": "What do you hope for?"})
    db.close()
    return cid, tokens, title


def open_cockpit(server, browser, cid):
    page = browser(**DESKTOP).new_page()
    sign_in(page, server.url)
    page.goto(server.url + f"/organiser/c/{cid}/cockpit/")
    expect(page.locator("[data-live=status]")).to_have_attribute("data-status", "connected")
    return page


def add_session_on_programme_page(server, browser, cid, start, end, title):
    """The organiser adds a session to the first day on the programme page (in English); returns the page."""
    organiser = browser(**DESKTOP).new_page()
    sign_in(organiser, server.url)
    organiser.goto(server.url + f"/organiser/c/{cid}/programme?lang=en")
    day = organiser.locator("details", has_text="Add a session to this day").first
    day.locator("summary").click()
    day.get_by_label("Start", exact=True).fill(start)
    day.get_by_label("End", exact=True).fill(end)
    day.get_by_label("Title", exact=True).fill(title)
    day.get_by_role("button", name="Add session").click()
    expect(organiser.locator(".flash, .message").first).to_be_visible()
    return organiser


def open_phone(server, browser, token):
    ctx = browser(**PHONE)
    page = ctx.new_page()
    page.goto(server.url + f"/p/{token}?lang=en")
    expect(page.locator("[data-live=status]")).to_have_attribute("data-status", "connected")
    return ctx, page


def test_participants_follow_the_facilitator_and_no_note_is_lost_offline(server, browser):
    cid, tokens, title = tokens_and_session(server)
    cockpit = open_cockpit(server, browser, cid)
    (ctx_a, phone_a), (ctx_b, phone_b) = open_phone(server, browser, tokens[0]), open_phone(server, browser, tokens[1])

    # the facilitator jumps to the notes session: both phones follow, input is open
    cockpit.get_by_role("button", name=f"Go to {title}").click()
    for phone in (phone_a, phone_b):
        expect(phone.locator(".live-title")).to_have_text(title)
        expect(phone.locator(".input-state")).to_have_text("You can add your input now.")
        expect(phone.locator("#programme .session.current strong")).to_have_text(title)  # the programme, too

    # a 3-minute timer shows on every phone
    cockpit.fill("[name=minutes]", "3")
    cockpit.click("[data-live=timer-form] button[type=submit]")
    for phone in (phone_a, phone_b):
        expect(phone.locator("[data-live=timer]")).to_have_text(re.compile(r"^(3:00|2:5\d)$"))

    # a note from A appears live on B's phone and in the cockpit, as text (not markup)
    # the phone says before sending that nobody sees who wrote a note (anonymous by default)
    expect(phone_a.locator("[data-names-notice]")).to_have_text("Nobody sees who wrote a note.")
    phone_a.fill("#note-text", "<b>More</b> people work from home")
    phone_a.click("text=Post note")
    expect(phone_b.locator(".note-list.others .note-text")).to_have_text(["<b>More</b> people work from home"])
    expect(cockpit.locator(".note-board .note-text")).to_have_text(["<b>More</b> people work from home"])
    assert phone_b.locator(".note-list.others b").count() == 0

    # the facilitator makes a cluster and drags the note into it (the select does the same by keyboard)
    cockpit.fill("input[aria-label='Name of a new cluster']", "Work")
    cockpit.click("text=Add cluster")
    expect(cockpit.locator(".cluster h3")).to_have_text(["Not in a cluster", "Work"])
    # HTML5 drag and drop, as the browser fires it (synthetic mouse drags are unreliable on a busy machine)
    transfer = cockpit.evaluate_handle("() => new DataTransfer()")
    cockpit.locator(".note-board .note").first.dispatch_event("dragstart", {"dataTransfer": transfer})
    cockpit.locator(".cluster").nth(1).dispatch_event("dragover", {"dataTransfer": transfer})
    cockpit.locator(".cluster").nth(1).dispatch_event("drop", {"dataTransfer": transfer})
    expect(cockpit.locator(".cluster").nth(1).locator(".note-text")).to_have_text(["<b>More</b> people work from home"])
    db = server.db()
    assert db.execute("select c.name from notes n join note_clusters c on c.id = n.cluster_id").fetchone()[0] == "Work"
    db.close()
    cockpit.locator(".note-board .note select.move-to").first.select_option(label="Not in a cluster")
    expect(cockpit.locator(".cluster").nth(0).locator(".note-text")).to_have_text(["<b>More</b> people work from home"])

    # while the facilitator has a note's menu open, a new note from the room waits: the menu stays
    # (same element, still focused), and the board catches up as soon as the menu is left
    menu = cockpit.locator(".note-board .note select.move-to").first
    menu.focus()
    handle = menu.element_handle()
    phone_a.fill("#note-text", "Arrived while the menu was open")
    phone_a.click("text=Post note")
    expect(phone_b.locator(".note-list.others .note-text")).to_contain_text(["Arrived while the menu was open"])
    assert handle.evaluate("e => e.isConnected && document.activeElement === e")
    expect(cockpit.locator(".note-board .note-text")).to_have_count(1)
    cockpit.locator("[data-live=message-form] [name=text]").focus()
    expect(cockpit.locator(".note-board .note-text")).to_have_count(2)
    phone_a.locator(".note-list:not(.others) .note", has_text="Arrived while").get_by_role("button", name="Delete").click()
    expect(cockpit.locator(".note-board .note-text")).to_have_count(1)

    # the facilitator rewords the note and renames the cluster in place (no prompt: a prompt stops
    # the page, and its connection misses its heartbeat); the phones follow
    edit_in_place(cockpit.locator(".note-board .note").first, "Edit", "Edit the note", "More people work from home now")
    expect(phone_b.locator(".note-list.others .note-text")).to_have_text(["More people work from home now"])
    expect(cockpit.locator(".note-board .note-text")).to_have_text(["More people work from home now"])
    edit_in_place(cockpit.locator(".cluster-head", has_text="Work"), "Rename", "Name of the cluster", "Working life")
    expect(cockpit.locator(".cluster h3")).to_have_text(["Not in a cluster", "Working life"])

    # B loses the connection, writes a note: it waits in the outbox (kept in localStorage)
    ctx_b.set_offline(True)
    expect(phone_b.locator("[data-live=status]")).not_to_have_attribute("data-status", "connected", timeout=15_000)
    phone_b.fill("#note-text", "Written in the lift")
    phone_b.click("text=Post note")
    expect(phone_b.locator(".note.is-waiting .note-text")).to_have_text("Written in the lift")
    expect(phone_b.locator("[data-live=status]")).to_contain_text("1 note waiting to be sent")
    stored = phone_b.evaluate("Object.entries(localStorage).filter(([k]) => k.endsWith('.outbox')).map(([, v]) => v).join()")
    assert "Written in the lift" in stored
    expect(phone_a.locator(".note-list.others .note-text")).to_have_count(0)

    # the connection returns: the note is sent once, and everyone has it
    ctx_b.set_offline(False)
    expect(phone_b.locator("[data-live=status]")).to_have_attribute("data-status", "connected", timeout=20_000)
    expect(phone_b.locator(".note-list:not(.others) .note-text")).to_have_text(["Written in the lift"])
    expect(phone_a.locator(".note-list.others .note-text")).to_have_text(["Written in the lift"])
    # the phone says so once the server has acknowledged it (an answer lost in the reconnect is
    # asked again after the acknowledgement timeout, so allow for that)
    expect(phone_b.locator(".note.is-waiting")).to_have_count(0, timeout=25_000)
    expect(phone_b.locator("[data-live=status]")).to_have_attribute("data-waiting", "0")
    expect(cockpit.locator(".note-board .note-text")).to_have_count(2)
    db = server.db()
    assert db.execute("select count(*) from notes where text = 'Written in the lift'").fetchone()[0] == 1
    db.close()

    # the outbox survives the page: a note written offline, the tab closed, the page opened again
    ctx_b.set_offline(True)
    expect(phone_b.locator("[data-live=status]")).not_to_have_attribute("data-status", "connected", timeout=15_000)
    phone_b.fill("#note-text", "Written before the battery died")
    phone_b.click("text=Post note")
    expect(phone_b.locator(".note.is-waiting")).to_have_count(1)
    phone_b.close()
    ctx_b.set_offline(False)
    phone_b = ctx_b.new_page()
    phone_b.goto(server.url + f"/p/{tokens[1]}?lang=en")
    expect(phone_a.locator(".note-list.others .note-text")).to_have_text(["Written in the lift", "Written before the battery died"])
    expect(phone_b.locator(".note-list:not(.others) .note-text")).to_have_text(["Written in the lift", "Written before the battery died"])
    db = server.db()
    assert db.execute("select count(*) from notes where text like 'Written before%'").fetchone()[0] == 1
    db.close()

    # a message to everyone; a phone that opens the page afterwards sees it too
    cockpit.fill("[data-live=message-form] [name=text]", "Coffee until 11:00")
    cockpit.click("[data-live=message-form] button[type=submit]")
    expect(phone_a.locator("[data-live=message]")).to_have_text("From the facilitator: Coffee until 11:00")
    phone_a.reload()
    expect(phone_a.locator("[data-live=message]")).to_have_text("From the facilitator: Coffee until 11:00")

    # the facilitator moves on: the phones follow again
    cockpit.click("[data-live=next]")
    for phone in (phone_a, phone_b):
        expect(phone.locator(".live-title")).not_to_have_text(title)
