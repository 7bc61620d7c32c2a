"""Screenshots of the room's screens in every phase, in Dutch: the participant's page at 390 and 320
px and the projector at 1920x1080: `python docs/screenshots/take_room.py [activity ...] [--out DIR]`.

Starts `python run.py` on a fresh database (the demo conference is the Helmond 2021 sample, in Dutch),
fills in a little of every session through the domain (tests/room_helpers.py), moves the room to each
session and drives the system Chromium. The phone at 390 px and the projector keep the names the docs
use; the 320 px phone is `room-phone-320-<activity>.png`; the cockpit (a 1366x768 laptop, the whole
screen) is `<the phone's family>-<activity>-cockpit.png` where the docs show one, else
`room-cockpit-<activity>.png`.
"""
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from facilitator.db import row  # noqa: E402
from facilitator.domain import conferences  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, PASSWORD, PHONE, ServerProcess  # noqa: E402
from tests.room_helpers import fill, goto, sessions  # noqa: E402

OUT = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else Path(__file__).resolve().parent
NAMES = {  # activity -> (phone at 390 px, projector)
    "plenary": ("live-participant-phone", "live-projector-1920"),
    "timeline": ("past-present-timeline-phone", "past-present-timeline-projector"),
    "timeline_review": ("past-present-timeline-review-phone", "past-present-timeline-review-projector"),
    "break": ("room-break-phone", "room-break-projector"),
    "trend_map": ("past-present-trend-map-phone", "past-present-trend-map-projector"),
    "dot_vote": ("past-present-dot-vote-phone", "past-present-dot-vote-projector"),
    "trend_response": ("past-present-trend-response-phone", "past-present-trend-response-projector"),
    "prouds_sorries": ("past-present-prouds-sorries-phone", "past-present-prouds-sorries-projector"),
    "statements": ("shared-future-statements-phone", "shared-future-statements-projector"),
    "common_ground": ("shared-future-common-ground-phone", "shared-future-common-ground-projector"),
    "scenario": ("shared-future-scenario-phone", "shared-future-scenario-projector"),
    "common_ground_confirm": ("shared-future-common-ground-confirm-phone", "shared-future-common-ground-confirm-projector"),
    "action_planning": ("actions-phone-choose", "actions-projector-goals"),
    "commitments": ("actions-phone-commitment", "actions-projector-commitments"),
}


COCKPIT = {  # activity -> the cockpit's picture where the docs show one
    "timeline_review": "past-present-timeline-review-cockpit", "trend_map": "past-present-trend-map-cockpit",
    "dot_vote": "past-present-dot-vote-cockpit", "prouds_sorries": "past-present-prouds-sorries-cockpit",
    "statements": "shared-future-statements-cockpit", "common_ground": "shared-future-common-ground-cockpit",
    "scenario": "shared-future-scenario-cockpit", "common_ground_confirm": "shared-future-common-ground-confirm-cockpit",
    "action_planning": "actions-cockpit",
}


def sign_in(page, url):
    page.goto(url + "/login?lang=nl")
    page.fill("input[name=email]", "admin@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/organiser/**")


def settle(page):
    page.wait_for_function("() => window.facilitatorLive && window.facilitatorLive.loaded")
    page.locator("[data-activity]").wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    # an activity's view stays hidden until its stylesheet applies
    page.wait_for_function("() => ![...document.querySelectorAll('[data-activity] [style]')].some(e => e.style.visibility === 'hidden')")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def main(only):
    server = ServerProcess(Path(tempfile.mkdtemp())).start()
    db = server.db()
    cid = row(db, "select id from conferences order by id")["id"]
    world = fill(db, cid)
    conf = conferences.get(db, cid)
    token = row(db, "select token from participants where id = ?", [world["me"].participant_id])["token"]
    seen = set()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            phones = {w: browser.new_context(**{**PHONE, "viewport": {"width": w, "height": 844}}).new_page() for w in (390, 320)}
            projector = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
            cockpit = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
            sign_in(cockpit, server.url)
            for s in sessions(db, cid):
                activity = s["activity"]
                if activity in seen or (only and activity not in only):
                    continue  # the first session of each activity (the second plenary is the same screen)
                seen.add(activity)
                goto(db, cid, s["id"])
                phone_name, projector_name = NAMES[activity]
                for width, page in phones.items():
                    page.goto(f"{server.url}/p/{token}")
                    settle(page)
                    name = phone_name if width == 390 else f"room-phone-320-{activity.replace('_', '-')}"
                    page.locator("#live-root").screenshot(path=OUT / f"{name}.png")
                projector.goto(f"{server.url}/present/{conf['presenter_key']}")
                settle(projector)
                projector.screenshot(path=OUT / f"{projector_name}.png")
                cockpit.goto(f"{server.url}/organiser/c/{cid}/cockpit/?lang=nl")
                cockpit.wait_for_selector("[data-live=status][data-status=connected]")
                cockpit.wait_for_load_state("networkidle")
                cockpit.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
                cockpit.screenshot(path=OUT / f"{COCKPIT.get(activity, 'room-cockpit-' + activity.replace('_', '-'))}.png")
            browser.close()
    finally:
        server.kill()


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--out" in args:
        i = args.index("--out")
        del args[i:i + 2]
    main(args)
