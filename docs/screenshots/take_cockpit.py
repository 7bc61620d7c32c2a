"""Screenshots of the facilitator's cockpit, in Dutch, on laptop and desktop screens:
`python docs/screenshots/take_cockpit.py [--out DIR]`.

Starts `python run.py` on a fresh database (the demo conference is the Helmond sample), fills in a room
in full swing through the domain (tests/cockpit_helpers.py: notes, a timeline wall, a trend map, an
idea waiting in the transition café), moves the room to each session and drives the system Chromium.
"""
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from facilitator.domain import goals, programme, proposals  # noqa: E402
from tests.cockpit_helpers import STAFF, as_participant, conference_id, do, fill_room, goto  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, PASSWORD, ServerProcess  # noqa: E402

OUT = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else Path(__file__).resolve().parent
# (session, sizes): the name of each file is cockpit-<session>-<width>x<height>.png
SHOTS = [("notes", [(1366, 768), (1440, 900), (1920, 1080)]), ("timeline", [(1366, 768), (1440, 900), (1920, 1080)]),
         ("trend_map", [(1440, 900)]), ("cafe", [(1366, 768)])]


def add_cafe(db, cid):
    goal = goals.create(db, STAFF(cid), {"title": "Een buurtfeest per wijk"})[0]["goal"]
    person = db.execute("select id, conference_id, stakeholder_group_id from participants where conference_id = ? order by id limit 1", [cid]).fetchone()
    do(db, proposals.propose, as_participant({"id": person[0], "conference_id": person[1], "stakeholder_group_id": person[2]}),
       {"goal_id": goal["id"], "what": "Een feest in de Rozenwijk", "how": "Een tent en muziek"})
    day = programme.days(db, cid)[-1]["id"]
    return programme.add_session(db, cid, day, {"start": "20:00", "end": "21:00", "title": "Transitiecafé", "phase": "follow_up",
                                                "activity": "transition_cafe", "grouping": "self_selected"})


def main():
    server = ServerProcess(Path(tempfile.mkdtemp())).start()
    db = server.db()
    cid = conference_id(db)
    sessions = fill_room(db, cid)
    sessions["cafe"] = add_cafe(db, cid)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, sizes in SHOTS:
                goto(db, cid, sessions[name])
                for w, h in sizes:
                    page = browser.new_context(viewport={"width": w, "height": h}).new_page()
                    page.goto(server.url + "/login?lang=nl")
                    page.fill("input[name=email]", "admin@example.org")
                    page.fill("input[name=password]", PASSWORD)
                    page.locator("form button[type=submit]").click()
                    page.wait_for_url("**/organiser/**")
                    page.goto(f"{server.url}/organiser/c/{cid}/cockpit/?lang=nl")
                    page.wait_for_selector("[data-live=status][data-status=connected]")
                    page.wait_for_selector("[data-live=activity] .activity")
                    if name == "cafe":
                        page.get_by_role("button", name="Afwijzen").click()
                        page.get_by_label("Waarom niet? (de persoon leest dit)").fill("Dat doet de wijkraad al")
                    page.wait_for_timeout(600)
                    page.screenshot(path=OUT / f"cockpit-{name.replace('_', '-')}-{w}x{h}.png")
                    if name == "notes" and w == 1440:  # the README's cockpit picture
                        page.screenshot(path=OUT / "live-cockpit-desktop.png")
                    page.context.close()
            browser.close()
    finally:
        db.close()
        server.kill()


if __name__ == "__main__":
    main()
