"""Default words written into a conference are in the conference's language, whoever clicks (issue 13)."""
from facilitator.domain import conferences, programme


def test_a_template_writes_its_sessions_in_the_conferences_language(organiser_client, db):
    organiser_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # an English-speaking organiser
    organiser_client.post("/organiser/new", data={"title": "Stadsgesprek", "language": "nl", "mode": "room",
                                                  "template": "future_search", "start_date": "2027-03-01"})
    cid = conferences.list_all(db)[0]["id"]
    titles = [s["title"] for s in programme.sessions(db, cid)]
    assert "Wat vertellen de tijdlijnen ons?" in titles and "Pauze" in titles
    assert "What do the timelines tell us?" not in titles
    prompts = [s["prompt"] for s in programme.sessions(db, cid) if s["prompt"]]
    assert "Welke trends raken onze opdracht nu?" in prompts


def test_an_english_conference_keeps_english_titles(db):
    cid = conferences.create(db, {"title": "Town talk", "language": "en"})
    programme.apply_template(db, cid, "inspiration", "2027-01-10")
    assert [s["title"] for s in programme.sessions(db, cid)][0] == "Welcome and introductions"


def test_a_review_meeting_without_a_title_is_named_in_the_conferences_language(organiser_client, db, sample_id):
    assert conferences.get(db, sample_id)["language"] == "nl"
    base = f"/organiser/c/{sample_id}/follow-up/"
    for kind in ("review", "cafe"):
        organiser_client.post(base + "schedule?lang=en", data={"kind": kind, "date": "2022-01-10"})
    titles = {r[0]: r[1] for r in db.execute("select activity, title from sessions where phase = 'follow_up'")}
    assert titles["review"] == "Terugkombijeenkomst" and titles["transition_cafe"] == "Transitiecafé"
