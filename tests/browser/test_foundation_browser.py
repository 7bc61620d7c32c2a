"""In a real Chromium against `python run.py`: the organiser signs in and finds the demo conference,
a participant joins with the code on a phone."""
import re

import pytest

from tests.conftest import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(module_server):
    """One server for both: the second only reads (a wrong code changes nothing)."""
    return module_server


def test_organiser_opens_demo_and_participant_joins_with_code(server, browser):
    organiser = browser(**DESKTOP).new_page()
    sign_in(organiser, server.url)
    organiser.get_by_role("link", name="Ruimte om te leven").click()
    organiser.get_by_role("link", name="Participants").click()
    assert organiser.locator("#participants tbody tr").count() == 75
    organiser.get_by_role("link", name="Run and share").click()
    code = organiser.locator(".join-code").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code)

    phone = browser(**PHONE).new_page()
    phone.goto(server.url + "/join?lang=en")
    phone.get_by_label("Conference code").fill(code.lower())
    phone.get_by_role("button", name="Next").click()
    phone.get_by_label("Your name").fill("Nina Nieuw")
    phone.get_by_label("Your organisation").fill("Buurtteam Noord")
    phone.get_by_label("Ervaringsdeskundigen").check()
    phone.get_by_role("button", name="Join").click()
    phone.get_by_role("heading", name="Welcome, Nina Nieuw").wait_for()
    assert "/p/" in phone.url
    # the page fits a phone: nothing wider than the screen
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # the organiser sees the newcomer in the list
    organiser.get_by_role("link", name="Participants").click()
    assert organiser.locator("#participants tbody tr").count() == 76
    assert organiser.get_by_role("link", name="Nina Nieuw").is_visible()

    # the same phone comes back later: recognised, no second registration
    phone.goto(server.url + f"/join/{code}")
    phone.get_by_role("heading", name="Welcome, Nina Nieuw").wait_for()


def test_wrong_code_message_on_a_phone(server, browser):
    phone = browser(**PHONE).new_page()
    phone.goto(server.url + "/join?lang=en")
    phone.get_by_label("Conference code").fill("ZZZZZZ")
    phone.get_by_role("button", name="Next").click()
    assert phone.get_by_role("alert").inner_text().startswith("There is no conference with this code")
