"""Video-call links per table on screen (issue 13): a phone shows its table's link only while the
session works at mixed tables and follows a new link live; the cockpit lists every table's link."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_shared_future_browser import mixed_tables, phone
from tests.conftest import DESKTOP, sign_in

pytestmark = pytest.mark.browser


def unique_session(db, cid, grouping):
    return db.execute("select min(title) from sessions where conference_id = ? and grouping = ? and title in "
                      "(select title from sessions where conference_id = ? group by title having count(*) = 1)",
                      [cid, grouping, cid]).fetchone()[0]


def test_a_phone_shows_its_tables_video_link_only_at_mixed_tables(server, browser):
    cid, seated = mixed_tables(server, seed=5)
    db = server.db()
    db.execute("update conferences set video_pattern = ? where id = ?", ["https://meet.example.org/helmond-{n}", cid])
    db.commit()
    mixed, whole = unique_session(db, cid, "mixed"), unique_session(db, cid, "whole")
    first, second = seated[0], seated[1]

    staff = browser(**DESKTOP).new_page()
    sign_in(staff, server.url)
    staff.goto(server.url + f"/organiser/c/{cid}/cockpit/?lang=en")
    staff.get_by_role("button", name="Go to " + whole, exact=True).click()
    a = phone(browser, server, first["members"][0]["token"])
    link = a.locator("[data-live=video]")
    a.locator(".live-title", has_text=whole).wait_for()  # the live state is in
    expect(link).to_be_hidden()  # the whole room together: no table call

    staff.get_by_role("button", name="Go to " + mixed, exact=True).click()
    expect(link.get_by_role("link", name="Join your table's video call")).to_have_attribute(
        "href", f"https://meet.example.org/helmond-{first['number']}")
    # the cockpit lists each table's own link
    cockpit_link = staff.locator("[data-live=presence] a.presence-video, #presence a.presence-video")
    expect(staff.get_by_role("link", name=f"Video call: Table {second['number']}", exact=True)).to_have_attribute(
        "href", f"https://meet.example.org/helmond-{second['number']}")
    assert cockpit_link.count() == len(seated)

    # a new link for this table reaches the phone and the cockpit live
    ack = staff.evaluate("(id) => window.facilitatorLive.send('tables.video', {links: {[id]: 'https://zoom.example.com/j/42'}})", first["id"])
    assert ack["ok"], ack
    expect(link.get_by_role("link")).to_have_attribute("href", "https://zoom.example.com/j/42")
    expect(staff.get_by_role("link", name=f"Video call: Table {first['number']}", exact=True)).to_have_attribute("href", "https://zoom.example.com/j/42")
    # the other table's phone keeps its own
    b = phone(browser, server, second["members"][0]["token"])
    expect(b.locator("[data-live=video] a")).to_have_attribute("href", f"https://meet.example.org/helmond-{second['number']}")

    staff.get_by_role("button", name="Go to " + whole, exact=True).click()
    expect(link).to_be_hidden()
    assert a.evaluate("document.documentElement.scrollWidth") <= 390
