"""Changes made on the organiser's pages reach open screens without a reload (the one pipeline)."""
import pytest
from playwright.sync_api import expect

from tests.browser.test_live_browser import add_session_on_programme_page, open_cockpit, open_phone

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_a_session_added_on_the_programme_page_appears_in_the_cockpit_and_on_a_phone(server, browser):
    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    token = db.execute("select token from participants order by id limit 1").fetchone()[0]
    db.close()
    cockpit = open_cockpit(server, browser, cid)
    _ctx, phone = open_phone(server, browser, token)
    title = "Added while the room is live"
    expect(cockpit.get_by_role("button", name=f"Go to {title}")).to_have_count(0)

    add_session_on_programme_page(server, browser, cid, "16:45", "17:00", title)

    expect(cockpit.get_by_role("button", name=f"Go to {title}")).to_be_visible()  # no reload
    expect(phone.locator("#programme strong", has_text=title)).to_be_visible()
    # the cockpit can run it at once, and the phone follows
    cockpit.get_by_role("button", name=f"Go to {title}").click()
    expect(phone.locator(".live-title")).to_have_text(title)
    expect(phone.locator("#programme .session.current strong")).to_have_text(title)
