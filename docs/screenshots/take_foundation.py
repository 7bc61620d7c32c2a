"""Screenshots of the foundation pages for the README: `python docs/screenshots/take_foundation.py`.

Starts `python run.py` on a fresh database (demo conference), then drives the system Chromium.
"""
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PASSWORD, PHONE, ServerProcess  # noqa: E402

OUT = Path(__file__).resolve().parent


def main():
    server = ServerProcess(Path(tempfile.mkdtemp())).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            desk = browser.new_context(**DESKTOP).new_page()
            desk.goto(server.url + "/login?lang=en")
            desk.get_by_label("E-mail address").fill("admin@example.org")
            desk.get_by_label("Password").fill(PASSWORD)
            desk.get_by_role("button", name="Sign in").click()
            desk.screenshot(path=OUT / "organiser-conferences.png", full_page=True)
            desk.get_by_role("link", name="Ruimte om te leven").click()
            desk.screenshot(path=OUT / "organiser-settings.png", full_page=False)
            for tab, name in [("Mixed tables", "organiser-tables"), ("Programme", "organiser-programme"),
                              ("Participants", "organiser-participants"), ("Run and share", "organiser-share")]:
                desk.get_by_role("link", name=tab).click()
                desk.screenshot(path=OUT / f"{name}.png", full_page=False)
            code = desk.locator(".join-code").first.inner_text().strip()
            phone = browser.new_context(**PHONE).new_page()
            phone.goto(server.url + "/join?lang=nl")
            phone.screenshot(path=OUT / "participant-code.png")
            phone.get_by_label("Conferentiecode").fill(code) if phone.get_by_label("Conferentiecode").count() else phone.locator("#code").fill(code)
            phone.locator("button[type=submit]").click()
            phone.screenshot(path=OUT / "participant-join.png", full_page=True)
            phone.locator("input[name=name]").fill("Nina Nieuw")
            phone.locator("input[name=stakeholder_group]").nth(5).check()
            phone.locator("form button[type=submit]").click()
            phone.screenshot(path=OUT / "participant-home.png", full_page=True)
            browser.close()
    finally:
        server.kill()


if __name__ == "__main__":
    main()
