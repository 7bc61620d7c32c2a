"""Screenshots of the past-and-present activities (phone and projector, some cockpit):
`python docs/screenshots/take_past_present.py [activity ...]`.

Starts `python run.py` on a fresh database (the demo conference), fills in a believable first day
through the domain (as the room would), moves the room to each session and drives the system Chromium.
"""
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from facilitator.db import row, rows, transaction  # noqa: E402
from facilitator.domain import (conferences, dotvotes, participants, prouds, room, tables, timeline_reviews,  # noqa: E402
                                timelines, trend_responses, trends)
from facilitator.domain.events import Actor  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PASSWORD, PHONE, ServerProcess  # noqa: E402

OUT = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else Path(__file__).resolve().parent
PROJECTOR = {"viewport": {"width": 1600, "height": 900}}
COCKPIT = ("timeline_review", "trend_map", "dot_vote", "prouds_sorries")  # the cockpit part of these too

ENTRIES = [
    (0, 1992, "Born in Helmond-Noord"), (0, None, "First job at the bakery", 2000), (0, 2008, "Lost my job in the crisis"),
    (0, 2015, "Became a volunteer coach"), (0, 2020, "Worked from home for a year"), (0, None, "Moved in with my mother", 1990),
    (1, 1996, "Textile factory closes"), (1, 2004, "New city centre opens"), (1, 2011, "Brainport region grows"),
    (1, 2013, "Food bank starts"), (1, 2018, "Automotive campus expands"), (1, 2021, "Future Search: Ruimte om te leven"),
    (2, 1991, "End of the Cold War"), (2, 2001, "Euro coins and notes"), (2, 2008, "Credit crunch"),
    (2, 2015, "Refugees reach Europe"), (2, 2007, "The smartphone"), (2, 2020, "COVID-19 pandemic"), (2, 2022, "Energy prices soar"),
]
MAP = {
    "Growing inequality": {"Debt among young people": ["Buy now, pay later"], "Health gap between neighbourhoods": []},
    "Loneliness": {"Older people living alone": ["Library closes at 5"], "Less club membership": []},
    "Digital society": {"Services only online": ["Tax office app"], "Skills gap": []},
    "Labour market": {"Jobs go unfilled": [], "Flexible contracts": ["Zero-hour work"]},
    "Housing pressure": {"Rents rise": []},
}


def do(db, fn, actor, data):
    with transaction(db):
        return fn(db, actor, data)


def seed(db, cid):
    staff = Actor("organiser", cid, user_id=1)
    people = participants.list_for(db, cid)

    def as_p(p):
        return Actor("participant", cid, participant_id=p["id"], group_id=p["stakeholder_group_id"])

    for i, e in enumerate(ENTRIES):
        lens, year, text = e[0], e[1], e[2]
        data = {"lens": lens, "text": text, **({"year": year} if year else {"decade": e[3]})}
        do(db, timelines.add_entry, as_p(people[i * 3 % len(people)]), data)
    tabling = tables.create_tabling(db, cid, "Timelines", table_size=10, seed=11)
    ts = tables.tables_of(db, tabling)
    stories = [("From factories to a knowledge region: work changed faster than people could follow.",
                "Start with those who were left behind by the change; they know what it takes."),
               ("Crises (2008, COVID) hit the same families twice.", "Build buffers: savings, networks, places to go."),
               ("The world came closer: phones, euro, refugees.", "Everyone needs a way in, online and offline.")]
    for t, (story, impl) in zip(ts, stories):
        do(db, timeline_reviews.write, as_p(participants.get(db, cid, t["members"][0]["id"])), {"table_id": t["id"], "story": story, "implications": impl})
    ids = {}
    for branch, subs in MAP.items():
        b = do(db, trends.add, staff, {"text": branch})[0]["id"]
        ids[branch] = b
        for sub, examples in subs.items():
            s = do(db, trends.add, staff, {"text": sub, "parent_id": b})[0]["id"]
            ids[sub] = s
            for ex in examples:
                do(db, trends.add, staff, {"text": ex, "parent_id": s, "kind": "example"})
    do(db, trends.set_proposals_open, staff, {"open": True})
    do(db, trends.propose, as_p(people[5]), {"text": "Fewer volunteers"})
    vote = row(db, "select id from sessions where conference_id = ? and activity = 'dot_vote'", [cid])["id"]
    weights = list(ids.values())
    me = as_p(participants.get(db, cid, ts[0]["members"][0]["id"]))  # the phone in the screenshots: 3 dots placed
    for trend in (ids["Loneliness"], ids["Loneliness"], ids["Rents rise"]):
        do(db, dotvotes.add_dot, me, {"session_id": vote, "trend_id": trend})
    for n, p in enumerate(x for x in people[:61] if x["id"] != me.participant_id):
        for k in range(5):
            do(db, dotvotes.add_dot, as_p(p), {"session_id": vote, "trend_id": weights[(n * 7 + k * (1 + n % 3)) % (len(weights) - 3 + (n % 4))]})
    groups = rows(db, "select id from stakeholder_groups where conference_id = ? order by position", [cid])
    texts = {"now": ["Debt counselling desk in every district", "Home visits by volunteers", "Free laptops for pupils"],
             "want": ["Reach people before the debt grows", "One phone number for all help", "Teach parents too"]}
    for gi, g in enumerate(groups):
        member = as_p([p for p in people if p["stakeholder_group_id"] == g["id"]][0])
        for k, trend in enumerate(list(ids)[gi % 3::4][:2]):
            do(db, trend_responses.pick, member, {"trend_id": ids[trend]})
            do(db, trend_responses.write, member, {"trend_id": ids[trend], "field": "now", "text": texts["now"][(gi + k) % 3]})
            do(db, trend_responses.write, member, {"trend_id": ids[trend], "field": "want", "text": texts["want"][(gi + k) % 3]})
        for kind, text in (("proud", "We know the families behind the numbers"), ("proud", "Our volunteers keep going"),
                           ("sorry", "We work in silos"), ("sorry", "Our forms are too hard to read")):
            do(db, prouds.add, member, {"kind": kind, "text": text})
    return {"staff": staff, "people": people, "vote": vote, "tables": ts}


def goto(db, cid, activity):
    s = row(db, "select id from sessions where conference_id = ? and activity = ? order by id", [cid, activity])
    do(db, room.goto, Actor("organiser", cid, user_id=1), {"session_id": s["id"]})


def main(only):
    server = ServerProcess(Path(tempfile.mkdtemp())).start()
    db = server.db()
    cid = row(db, "select id from conferences order by id")["id"]
    world = seed(db, cid)
    conf = conferences.get(db, cid)
    member = participants.get(db, cid, world["tables"][0]["members"][0]["id"])
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            phone = browser.new_context(**PHONE, locale="en").new_page()
            projector = browser.new_context(**PROJECTOR).new_page()
            desk = browser.new_context(**DESKTOP).new_page()
            desk.goto(server.url + "/login?lang=en")
            desk.fill("input[name=email]", "admin@example.org")
            desk.fill("input[name=password]", PASSWORD)
            desk.locator("form button[type=submit]").click()
            for activity in ("timeline", "timeline_review", "trend_map", "dot_vote", "trend_response", "prouds_sorries"):
                if only and activity not in only:
                    continue
                goto(db, cid, activity)
                if activity == "timeline_review":
                    do(db, timeline_reviews.show, world["staff"], {"table_id": world["tables"][0]["id"]})
                if activity == "prouds_sorries":
                    do(db, prouds.show, world["staff"], {"group_id": member["stakeholder_group_id"]})
                name = activity.replace("_", "-")
                phone.goto(f"{server.url}/p/{member['token']}?lang=en")
                phone.wait_for_selector(".pp", timeout=10000)
                phone.wait_for_timeout(400)
                phone.locator("#live-root").screenshot(path=OUT / f"past-present-{name}-phone.png")
                if activity == "dot_vote":  # the phone while voting, then the results once the vote is closed
                    do(db, dotvotes.set_status, world["staff"], {"session_id": world["vote"], "status": "closed"})
                    phone.reload()  # changed through the domain here, not live: load the state again
                    phone.locator(".pp-results").wait_for()
                    phone.locator("#live-root").screenshot(path=OUT / "past-present-dot-vote-results-phone.png")
                projector.goto(f"{server.url}/present/{conf['presenter_key']}?lang=en")
                projector.wait_for_selector(".pp", timeout=10000)
                projector.wait_for_timeout(400)
                projector.screenshot(path=OUT / f"past-present-{name}-projector.png")
                if activity in COCKPIT:
                    desk.goto(f"{server.url}/organiser/c/{cid}/cockpit/?lang=en")
                    desk.wait_for_selector(".pp", timeout=10000)
                    desk.wait_for_timeout(400)
                    desk.locator(".pp").first.screenshot(path=OUT / f"past-present-{name}-cockpit.png")
            browser.close()
    finally:
        server.kill()
        print(open(server.log).read()[-3000:] if "--log" in sys.argv else "")


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("--") and a != (sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None)])
