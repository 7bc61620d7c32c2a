"""In a real Chromium against `python run.py` with a real mail server (aiosmtpd): a person registers on
a 320 px phone (a bad address first: refused by name), follows the check link from the mail that
arrived, and opens their personal link from the confirmation; the organiser invites someone from the
Mail page and sees it sent."""
import re

import pytest

from facilitator.domain import conferences, programme, registrations
from tests.conftest import DESKTOP, PHONE, ServerProcess, sign_in
from tests.mail_helpers import SMTPServer, parts

pytestmark = pytest.mark.browser


@pytest.fixture
def mail_server(tmp_path, monkeypatch):
    smtp = SMTPServer().start()
    monkeypatch.setenv("FACILITATOR_SMTP_URL", smtp.url)
    monkeypatch.setenv("FACILITATOR_MAIL_FROM", "Conferentie <conferentie@example.org>")
    server = ServerProcess(tmp_path).start()
    yield server, smtp
    server.kill()
    smtp.stop()


def text_of(message):
    return parts(message)["text/plain"][0].get_content()


def test_register_on_a_phone_and_get_in_by_mail(mail_server, browser):
    server, smtp = mail_server
    db = server.db()
    cid = db.execute("select id from conferences").fetchone()[0]
    webinar = [s for s in programme.sessions(db, cid) if s["phase"] != "break"][1]
    conferences.update(db, cid, {"language": "en"})
    key = registrations.update_settings(db, cid, is_open=True, session_ids=[webinar["id"]])["reg_key"]

    phone = browser(**{**PHONE, "viewport": {"width": 320, "height": 700}}).new_page()
    phone.goto(f"{server.url}/register/{key}")
    phone.get_by_label("Your name").fill("Fatima El Amrani")
    phone.get_by_label("Organisation (if any)").fill("Buurthuis De Kom")
    phone.get_by_label("E-mail address").fill("fatima@example")
    phone.get_by_label(re.compile(webinar["title"])).check()
    phone.get_by_role("button", name="Register").click()
    phone.get_by_text("“fatima@example” is not a valid e-mail address.").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    phone.get_by_label("E-mail address").fill("fatima@example.org")
    phone.get_by_role("button", name="Register").click()
    phone.get_by_text("We sent a mail to fatima@example.org").wait_for()

    [check] = smtp.inbox.wait_for(1)
    link = re.search(r"http://\S+/check/\S+", text_of(check)).group(0)
    phone.goto(link)
    phone.get_by_text("You are registered. We sent you a mail with your personal link.").wait_for()
    confirmed = smtp.inbox.wait_for(2)[1]
    assert confirmed["To"] == "fatima@example.org" and webinar["title"] in text_of(confirmed)
    personal = re.search(r"http://\S+/p/[\w-]+", text_of(confirmed)).group(0)
    phone.goto(personal)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    assert db.execute("select joined_via from participants where email = 'fatima@example.org'").fetchone()[0] == "code"

    desk = browser(**DESKTOP).new_page()
    sign_in(desk, server.url)
    desk.goto(f"{server.url}/organiser/c/{cid}/mail/?lang=en")
    row = desk.locator("tr[data-participant]").first
    name = row.locator("label").inner_text()
    row.get_by_role("checkbox").check()
    desk.get_by_role("button", name="Invite the people ticked below").click()
    desk.get_by_text("1 invitation made. Sent: 1.").wait_for()
    invitation = smtp.inbox.wait_for(3)[2]
    assert invitation["Subject"].startswith("Your invitation")
    desk.reload()
    desk.locator("tr[data-participant]").filter(has_text=name).get_by_text("sent").wait_for()
