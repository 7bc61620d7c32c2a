"""The café link, "where we stand", the shared plan page and the organiser's follow-up page over HTTP,
for every role; exports (progress CSV/JSON, the JSON backup, the Word progress section)."""
import io
import re

import pytest
from docx import Document

from facilitator.domain import actions, cafe, conferences, goals, participants, progress, proposals, users
from facilitator.domain.events import Actor
from facilitator.export import backup, docx_progress
from tests.conftest import login

CONSENTING = "Carla Consent"
PRIVATE = "Piet Private"


@pytest.fixture
def world(db, sample_id, admin):
    cid = sample_id
    staff = Actor("organiser", cid, user_id=admin["id"])
    conferences.update(db, cid, {"neighbourhoods": ["Noord", "Zuid"], "themes": ["Poverty"]})
    carla = participants.add(db, cid, {"name": CONSENTING, "organisation": "Buurthuis"})
    piet = participants.add(db, cid, {"name": PRIVATE, "organisation": "Woonbedrijf"})
    cafe.set_consent(db, cid, carla["id"], True)
    ca, pa = (Actor("participant", cid, participant_id=p["id"]) for p in (carla, piet))
    g1 = goals.create(db, staff, {"title": "Buddies for everyone", "themes": ["Poverty"]})[0]["goal"]
    g2 = goals.create(db, staff, {"title": "Green streets", "neighbourhoods": ["Zuid"]})[0]["goal"]
    goals.set_choice(db, staff, {"allow_multiple": True})
    for a in (ca, pa):
        goals.join(db, a, {"goal_id": g1["id"]})
        goals.set_lead(db, a, {"goal_id": g1["id"], "participant_id": a.participant_id})
    a1 = actions.create(db, ca, {"goal_id": g1["id"], "what": "Match buddies", "neighbourhoods": ["Noord"],
                                 "people": [{"participant_id": carla["id"], "role": "lead"},
                                            {"participant_id": piet["id"], "role": "lead"},
                                            {"organisation": "Bibliotheek", "role": "member"}]})[0]["action"]
    a2 = actions.create(db, staff, {"goal_id": g2["id"], "what": "Plant trees", "neighbourhoods": ["Zuid"]})[0]["action"]
    progress.post_update(db, ca, {"action_id": a1["id"], "status": "under_way", "said": "Match 20", "done": "Matched 8",
                                  "next": "Flyers", "help": "A printer"})
    progress.set_status(db, staff, {"action_id": a2["id"], "status": "stalled"})
    s = cafe.settings(db, cid)
    return {"cid": cid, "staff": staff, "carla": carla, "piet": piet, "g1": g1["id"], "g2": g2["id"], "a1": a1["id"],
            "a2": a2["id"], "cafe": s["cafe_key"], "plan": s["plan_key"]}


def english(c):
    """Read the pages in English (the sample conference is Dutch; the choice is kept in the session)."""
    c.get("/join?lang=en")
    return c


@pytest.fixture(autouse=True)
def in_english(client, organiser_client):
    english(client)
    english(organiser_client)


@pytest.fixture
def facilitator_client(app, db, world):
    helper = users.create_or_update(db, "helper@example.org", "correct horse battery", "Helper")
    conferences.add_member(db, world["cid"], helper["id"], "facilitator")
    return english(login(app.test_client(), "helper@example.org"))


def text(response) -> str:
    return response.get_data(as_text=True)


def test_closed_cafe_shows_where_we_stand_but_takes_nobody_in(client, db, world):
    page = client.get(f"/cafe/{world['cafe']}")
    assert page.status_code == 200
    body = text(page)
    for part in ("Where we stand", "Buddies for everyone", "Match buddies", "Under way", "not open"):
        assert part in body, part
    assert 'name="name"' not in body
    before = participants.count(db, world["cid"])
    refused = client.post(f"/cafe/{world['cafe']}", data={"name": "Nina"})
    assert refused.status_code == 400 and participants.count(db, world["cid"]) == before
    assert client.get("/cafe/not-a-key").status_code == 404


def test_newcomer_joins_through_the_open_cafe(client, db, world):
    cafe.update_settings(db, world["cid"], cafe_open=True)
    missing = client.post(f"/cafe/{world['cafe']}", data={"name": ""})
    assert missing.status_code == 400 and 'aria-invalid="true"' in text(missing)
    joined = client.post(f"/cafe/{world['cafe']}", data={"name": "Nina Newcomer", "public_name": "1"})
    assert joined.status_code == 302 and re.match(r".*/p/[\w-]+/cafe$", joined.headers["Location"])
    nina = [p for p in participants.list_for(db, world["cid"]) if p["name"] == "Nina Newcomer"][0]
    assert cafe.has_consent(db, nina["id"]) and [n["id"] for n in cafe.newcomers(db, world["cid"])] == [nina["id"]]
    home = client.get(joined.headers["Location"])
    assert home.status_code == 200 and "Welcome, Nina Newcomer" in text(home) and "transition_cafe.js" in text(home)
    # The existing personal-link flow knows the newcomer, and the café link now says "continue".
    assert client.get(f"/p/{nina['token']}").status_code == 200
    assert "You are already in." in text(client.get(f"/cafe/{world['cafe']}"))
    assert client.get(f"/cafe/{world['cafe']}/qr.svg").mimetype == "image/svg+xml"


def test_plan_page_needs_the_public_switch_and_shows_names_only_with_consent(client, organiser_client, db, world):
    url = f"/plan/{world['plan']}"
    assert client.get(url).status_code == 404
    preview = organiser_client.get(url)
    assert preview.status_code == 200 and "Preview" in text(preview)
    cafe.update_settings(db, world["cid"], plan_public=True)
    body = text(client.get(url))
    assert CONSENTING in body and PRIVATE not in body and "Woonbedrijf" in body and "Bibliotheek" in body
    for part in ("Match buddies", "Matched 8", "Flyers", "Plant trees", "Stalled", "Under way"):
        assert part in body, part
    assert "@example.org" not in body
    assert client.get("/plan/nope").status_code == 404


@pytest.mark.parametrize("query, shown, hidden", [
    ("status=stalled", ["Plant trees"], ["Match buddies"]),
    ("neighbourhood=Noord", ["Match buddies"], ["Plant trees"]),
    ("theme=Poverty", ["Match buddies"], ["Plant trees"]),
    ("status=done", [], ["Match buddies", "Plant trees"]),
])
def test_plan_page_filters(client, db, world, query, shown, hidden):
    cafe.update_settings(db, world["cid"], plan_public=True)
    body = text(client.get(f"/plan/{world['plan']}?{query}"))
    for s in shown:
        assert s in body, s
    for s in hidden:
        assert s not in body, s


def test_organiser_page_for_each_role(client, organiser_client, facilitator_client, world):
    url = f"/organiser/c/{world['cid']}/follow-up/"
    assert client.get(url).status_code == 302  # to the login page
    page = organiser_client.get(url)
    assert page.status_code == 200 and "Open the café" in text(page) and PRIVATE in text(page)
    helper = facilitator_client.get(url)
    assert helper.status_code == 200 and "Open the café" not in text(helper) and PRIVATE not in text(helper)
    for path, data in (("settings", {"cafe_open": "1"}), ("schedule", {"kind": "review", "date": "2022-01-10"})):
        assert facilitator_client.post(url + path, data=data).status_code == 403


def test_organiser_opens_cafe_shares_plan_and_schedules_a_review(organiser_client, db, world):
    base = f"/organiser/c/{world['cid']}/follow-up/"
    organiser_client.post(base + "settings", data={"cafe_open": "1"})
    organiser_client.post(base + "settings", data={"plan_public": "1"})
    s = cafe.settings(db, world["cid"])
    assert s["cafe_open"] == 1 and s["plan_public"] == 1
    organiser_client.post(base + "settings", data={"new_plan_key": "1"})
    assert cafe.settings(db, world["cid"])["plan_key"] != world["plan"]
    r = organiser_client.post(base + "schedule", data={"kind": "review", "date": "2022-01-10", "start": "19:30",
                                                       "end": "21:00", "title": "Review in January"})
    assert r.status_code == 302
    row = db.execute("select s.activity, s.phase, s.title, d.date from sessions s join days d on d.id = s.day_id "
                     "where s.title = 'Review in January'").fetchone()
    assert tuple(row) == ("review", "follow_up", "Review in January", "2022-01-10")
    organiser_client.post(base + "schedule", data={"kind": "cafe", "date": "2022-01-10"})
    assert db.execute("select count(*) from sessions where activity = 'transition_cafe'").fetchone()[0] >= 1
    bad = organiser_client.post(base + "schedule", data={"kind": "party", "date": "2022-01-10"}, follow_redirects=True)
    assert "kind" in text(bad) or "not one of" in text(bad) or "must be" in text(bad)


def test_progress_exports_carry_status_and_history(organiser_client, facilitator_client, world):
    base = f"/organiser/c/{world['cid']}/follow-up/"
    csv_text = text(organiser_client.get(base + "progress.csv"))
    assert csv_text.splitlines()[0].startswith("goal,action,current_status,created_at,previous_status,status,said")
    assert "Match buddies,under_way" in csv_text and "Matched 8" in csv_text and "Plant trees,stalled" in csv_text
    data = facilitator_client.get(base + "progress.json").get_json()
    assert [(u["action"], u["previous_status"], u["status"]) for u in data["updates"]] == [
        ("Match buddies", "planned", "under_way"), ("Plant trees", "planned", "stalled")]
    assert data["counts"]["stalled"] == 1 and PRIVATE not in str(data)


def test_json_backup_carries_the_follow_up_tables(db, world):
    proposals.propose(db, Actor("participant", world["cid"], participant_id=world["piet"]["id"]),
                      {"goal_id": world["g2"], "what": "Benches"})
    data = backup.export_backup(db, world["cid"])
    for table in ("action_updates", "action_proposals", "follow_up_settings", "participant_consent"):
        assert data["tables"][table]["rows"], table
    new_cid = backup.restore(db, data)["conference_id"]
    assert db.execute("select count(*) from action_updates where conference_id = ?", [new_cid]).fetchone()[0] == 2
    assert db.execute("select count(*) from action_proposals where conference_id = ?", [new_cid]).fetchone()[0] == 1
    new_settings = cafe.settings(db, new_cid)  # the links are made anew: the old ones keep pointing at the original
    assert new_settings["cafe_key"] != world["cafe"] and new_settings["plan_key"] != world["plan"]


def test_word_progress_section(db, world):
    document = Document()
    docx_progress.add_progress_section(document, db, world["cid"], "en")
    proposals.propose(db, Actor("participant", world["cid"], participant_id=world["piet"]["id"]),
                      {"goal_id": world["g2"], "what": "Benches"})
    nl = Document()
    docx_progress.add_progress_section(nl, db, world["cid"], "nl")
    out = io.BytesIO()
    document.save(out)
    paras = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert paras[0] == "Progress" and "Goal: Buddies for everyone" in paras
    assert "under way" in cells and "Matched 8" in cells and "stalled" in cells and "Match 20" in cells
    assert CONSENTING not in " ".join(paras + cells) and PRIVATE not in " ".join(paras + cells)
    nl_text = " ".join(p.text for p in nl.paragraphs)
    assert "Voortgang" in nl_text and "Benches (voor: Green streets)" in nl_text


def test_members_see_new_updates_on_their_cafe_page(client, db, world):
    carla, piet = world["carla"], world["piet"]
    # Carla posted the update: news for Piet (a member of the goal), not for Carla herself.
    page = text(client.get(f"/p/{piet['token']}/cafe"))
    assert "1 new update on your goal" in page and "Matched 8" in page
    assert "new update" not in text(client.get(f"/p/{carla['token']}/cafe"))
    progress.mark_read(db, Actor("participant", world["cid"], participant_id=piet["id"]),
                       {"update_id": progress.all_updates(db, world["cid"])[-1]["id"]})
    assert "new update" not in text(client.get(f"/p/{piet['token']}/cafe"))


def test_member_partial_renders_on_any_participant_page(app, db, world):
    """templates/follow_up/_member.html is meant for the participant page (one include line)."""
    from flask import render_template_string

    with app.test_request_context("/?lang=en"):
        html = render_template_string('{% include "follow_up/_member.html" %}',
                                      me=participants.get(db, world["cid"], world["piet"]["id"]))
    assert "1 new update on your goal" in html and f"/p/{world['piet']['token']}/my-data" in html
