"""Trend responses on the phone: the picker offers the group's own dotted trends first (most dots
first), and saving a text says so in the status line."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_typing_browser import connected, session_title
from tests.conftest import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.browser


def test_the_picker_puts_our_dots_first_and_a_saved_text_is_confirmed(server, browser):
    db = server.db()
    cid = db.execute("select id from conferences order by id").fetchone()[0]
    staff = browser(**DESKTOP).new_page()
    sign_in(staff, server.url)
    staff.goto(server.url + f"/organiser/c/{cid}/cockpit/?lang=en")
    connected(staff)
    for text in ("Housing", "Work", "Care"):
        ack = staff.evaluate("(text) => window.facilitatorLive.send('trend.add', {text, kind: 'trend', parent_id: null})", text)
        assert ack["ok"], ack
    trend = {text: db.execute("select id from trends where conference_id = ? and text = ?", [cid, text]).fetchone()[0]
             for text in ("Housing", "Work", "Care")}
    me, group = db.execute("select id, stakeholder_group_id from participants where conference_id = ? and stakeholder_group_id "
                           "is not null order by id limit 1", [cid]).fetchone()
    colleague = db.execute("select id from participants where stakeholder_group_id = ? and id != ? order by id limit 1", [group, me]).fetchone()[0]
    vote = db.execute("select id from sessions where conference_id = ? and activity = 'dot_vote' order by id limit 1", [cid]).fetchone()[0]
    db.execute("insert into dot_votes (session_id, conference_id) values (?, ?)", [vote, cid])
    for pid, trend_id, n in ((me, trend["Care"], 2), (colleague, trend["Care"], 1), (colleague, trend["Work"], 1)):
        db.execute("insert into dots (session_id, participant_id, trend_id, count) values (?, ?, ?, ?)", [vote, pid, trend_id, n])
    db.commit()

    staff.get_by_role("button", name="Go to " + session_title(db, cid, "trend_response")).click()
    token = db.execute("select token from participants where id = ?", [me]).fetchone()[0]
    phone = browser(**PHONE).new_page()
    phone.goto(server.url + f"/p/{token}?lang=en")
    picker = phone.locator("#rs-pick")
    expect(picker.locator("optgroup").first).to_have_attribute("label", "Most dots from our group")
    expect(picker.locator("optgroup").first.locator("option")).to_have_text(["Care (3 dots)", "Work (1 dot)"])
    assert "Housing" in picker.locator("optgroup").nth(1).inner_text()

    picker.select_option(label="Care (3 dots)")
    phone.get_by_role("button", name="Add to our sheet").click()
    row = phone.locator(".pp-row", has_text="Care")
    row.get_by_label("What we do about it now").fill("A care café in every neighbourhood")
    row.get_by_label("What we want to do").focus()  # leaving the field saves it
    expect(phone.locator("[data-saved]")).to_have_text("Saved. Your group sees it.")
    # picked trends leave the picker; the group's ranking stays in order
    expect(picker.locator("optgroup").first.locator("option")).to_have_text(["Work (1 dot)"])
    assert db.execute("select now_text from trend_responses where trend_id = ?", [trend["Care"]]).fetchone()[0] == \
        "A care café in every neighbourhood"
