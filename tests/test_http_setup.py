"""Organiser pages through the Flask test client: login, roles, and every setup change."""
import io
import json

import pytest

from facilitator.domain import conferences, participants, programme, tables, users
from tests.conftest import PASSWORD, login

SETUP_PAGES = ["/", "/groups", "/participants", "/programme", "/tables", "/team"]


@pytest.fixture
def organiser_client(organiser_client):
    """These tests read messages in English (the app's default for an unknown browser is Dutch)."""
    organiser_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return organiser_client


def test_pages_need_login(client, sample_id):
    for url in ["/organiser/", f"/organiser/c/{sample_id}/", f"/organiser/c/{sample_id}/participants.csv",
                f"/organiser/c/{sample_id}/definition.json", f"/organiser/c/{sample_id}/share"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_wrong_password_is_refused(client, admin):
    response = client.post("/login", data={"email": admin["email"], "password": "wrong-password"})
    assert response.status_code == 401
    assert client.get("/organiser/").status_code == 302


@pytest.fixture
def limited_client(db_path):
    """A client of an app with the sign-in limits on (they are off in tests), from a clean count."""
    from facilitator.app import create_app
    from facilitator.web.limits import limiter

    def make(**config):
        app = create_app(DATABASE=db_path, TESTING=True, SECRET_KEY="test-secret", RATELIMIT_ENABLED=True, **config)
        limiter.reset()  # the counts live in the limiter (one per process), not in the app
        return app.test_client()

    yield make
    limiter.reset()


def test_guessing_a_password_is_stopped_after_five_wrong_tries(limited_client, db, admin):
    client = limited_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    for _ in range(5):
        assert client.post("/login", data={"email": admin["email"], "password": "guess"}).status_code == 401
    refused = client.post("/login", data={"email": admin["email"], "password": PASSWORD})  # even the right one
    assert refused.status_code == 429
    assert b"Too many wrong tries" in refused.data
    assert client.get("/organiser/").status_code == 302  # not signed in
    # another account from the same address is not locked out by these tries; a right password
    # does not count as a try
    other = users.create_or_update(db, "other@example.org", PASSWORD, "Other", is_admin=False)
    for _ in range(6):
        assert client.post("/login", data={"email": other["email"], "password": PASSWORD}).status_code == 302


def test_behind_a_proxy_the_limits_count_per_visitor(limited_client, admin):
    client = limited_client(PROXIES=1)
    for _ in range(5):
        client.post("/login", data={"email": admin["email"], "password": "guess"},
                    headers={"X-Forwarded-For": "10.0.0.66"})
    assert client.post("/login", data={"email": admin["email"], "password": "guess"},
                       headers={"X-Forwarded-For": "10.0.0.66"}).status_code == 429
    # the organiser on another device, through the same proxy, still gets in
    assert client.post("/login", data={"email": admin["email"], "password": PASSWORD},
                       headers={"X-Forwarded-For": "10.0.0.7"}).status_code == 302


def test_login_does_not_redirect_elsewhere(client, admin):
    response = client.post("/login?next=//evil.example.org/", data={"email": admin["email"], "password": PASSWORD})
    assert response.headers["Location"] == "/organiser/"


@pytest.fixture
def facilitator_client(app, db, sample_id, admin):
    user = users.create_or_update(db, "fac@example.org", PASSWORD, "Fac", is_admin=False)
    conferences.add_member(db, sample_id, user["id"], "facilitator")
    return login(app.test_client(), "fac@example.org")


@pytest.fixture
def outsider_client(app, db, admin):
    users.create_or_update(db, "out@example.org", PASSWORD, "Out", is_admin=False)
    return login(app.test_client(), "out@example.org")


def test_organiser_sees_every_setup_page(organiser_client, sample_id):
    for page in SETUP_PAGES + ["/share", "/cockpit/"]:
        assert organiser_client.get(f"/organiser/c/{sample_id}{page}").status_code == 200, page


def test_facilitator_runs_but_does_not_set_up(facilitator_client, sample_id, db):
    assert facilitator_client.get(f"/organiser/c/{sample_id}/share").status_code == 200
    assert facilitator_client.get(f"/organiser/c/{sample_id}/cockpit/").status_code == 200
    for page in SETUP_PAGES:
        assert facilitator_client.get(f"/organiser/c/{sample_id}{page}").status_code == 403, page
    response = facilitator_client.post(f"/organiser/c/{sample_id}/", data={"title": "Hijacked"})
    assert response.status_code == 403
    assert conferences.get(db, sample_id)["title"] == "Ruimte om te leven"


def test_outsider_sees_nothing(outsider_client, sample_id):
    assert b"Ruimte om te leven" not in outsider_client.get("/organiser/").data
    assert outsider_client.get(f"/organiser/c/{sample_id}/share").status_code == 403
    assert outsider_client.get(f"/organiser/c/{sample_id}/participants.csv").status_code == 403


def test_create_conference_from_template(organiser_client, db):
    response = organiser_client.post("/organiser/new", data={"title": "Stadsgesprek", "language": "nl", "mode": "hybrid",
                                                              "template": "future_search", "start_date": "2027-03-01"})
    assert response.status_code == 302
    cid = conferences.list_all(db)[0]["id"]
    days = programme.days(db, cid)
    assert [d["date"] for d in days] == ["2027-03-01", "2027-03-02", "2027-03-03"]
    assert conferences.role_of(db, cid, users.by_email(db, "admin@example.org")) == "organiser"


@pytest.mark.parametrize("key", list(programme.TEMPLATES))
def test_every_template_applies(db, key):
    cid = conferences.create(db, {"title": key})
    programme.apply_template(db, cid, key, "2027-01-10")
    assert programme.sessions(db, cid)


def test_edit_settings_and_bad_value_changes_nothing(organiser_client, db, sample_id):
    form = {"title": "Ruimte om te leven 2", "subtitle": "", "central_question": "Q?", "language": "en", "mode": "room",
            "timeline_start_year": "1995", "lens0": "me", "lens1": "town", "lens2": "world", "future_year": "2035",
            "free_places": "4", "organisers": "A\nB", "contact_email": "x@example.org", "neighbourhoods": "Noord\nZuid",
            "themes": "health"}
    organiser_client.post(f"/organiser/c/{sample_id}/", data=form)
    c = conferences.get(db, sample_id)
    assert (c["title"], c["language"], c["timeline_lenses"], c["organisers"], c["free_places"]) == \
        ("Ruimte om te leven 2", "en", ["me", "town", "world"], ["A", "B"], 4)
    response = organiser_client.post(f"/organiser/c/{sample_id}/", data={**form, "future_year": "next year", "title": "X"},
                                     follow_redirects=True)
    assert b"Future year must be a whole number" in response.data  # the field's name, not its code
    assert b"future_year must" not in response.data
    response = organiser_client.post(f"/organiser/c/{sample_id}/?lang=nl", data={**form, "free_places": "-3"},
                                     follow_redirects=True)
    assert "Vrije plaatsen moet minstens 0 zijn.".encode() in response.data
    assert conferences.get(db, sample_id)["title"] == "Ruimte om te leven 2"


def test_groups_add_edit_and_refuse_removing_a_group_with_people(organiser_client, db, sample_id):
    base = f"/organiser/c/{sample_id}/groups"
    organiser_client.post(base, data={"name": "Jongeren", "colour": "#0f8b8d"})
    group = [g for g in db.query("select * from stakeholder_groups where name = 'Jongeren'")][0]
    organiser_client.post(f"{base}/{group['id']}", data={"name": "Jongeren (16-25)", "colour": "#123456"})
    assert db.execute("select name, colour from stakeholder_groups where id = ?", [group["id"]]).fetchone() == ("Jongeren (16-25)", "#123456")
    busy = db.execute("select id from stakeholder_groups where key = 'overheid'").fetchone()[0]
    response = organiser_client.post(f"{base}/{busy}/delete", follow_redirects=True)
    assert b"still has" in response.data
    organiser_client.post(f"{base}/{group['id']}/delete")
    assert db.execute("select count(*) from stakeholder_groups where conference_id = ?", [sample_id]).fetchone()[0] == 6


def test_participants_add_edit_import_export(organiser_client, db, sample_id):
    base = f"/organiser/c/{sample_id}/participants"
    organiser_client.post(base, data={"name": "Nieuwe Deelnemer", "organisation": "Wijkraad", "stakeholder_group": "verenigingen"})
    assert participants.count(db, sample_id) == 76
    new = [p for p in participants.list_for(db, sample_id) if p["name"] == "Nieuwe Deelnemer"][0]
    organiser_client.post(f"{base}/{new['id']}", data={"name": "Nieuwe Deelnemer", "organisation": "Wijkraad Noord",
                                                       "stakeholder_group": "verenigingen", "hide_name": "1"})
    edited = participants.get(db, sample_id, new["id"])
    assert edited["organisation"] == "Wijkraad Noord" and edited["hide_name"] == 1

    csv_text = organiser_client.get(f"/organiser/c/{sample_id}.csv".replace(".csv", "/participants.csv")).data.decode("utf-8-sig")
    assert csv_text.count("\n") == 77 and "personal_link" in csv_text.splitlines()[0]
    assert new["token"] in csv_text

    upload = {"file": (io.BytesIO(b"name,organisation,stakeholder_group\nKees,Bakkerij,werkgevers\n"), "people.csv")}
    response = organiser_client.post(f"{base}/import", data=upload, content_type="multipart/form-data", follow_redirects=True)
    assert b"1 added" in response.data
    bad = {"file": (io.BytesIO(b"name,stakeholder_group\nKees,piloten\n"), "bad.csv")}
    response = organiser_client.post(f"{base}/import", data=bad, content_type="multipart/form-data", follow_redirects=True)
    assert b"unknown stakeholder group" in response.data
    assert participants.count(db, sample_id) == 77
    organiser_client.post(f"{base}/{new['id']}/delete")
    assert participants.count(db, sample_id) == 76


def test_programme_days_sessions_and_parallel_assignment(organiser_client, db, sample_id):
    base = f"/organiser/c/{sample_id}"
    organiser_client.post(f"{base}/days", data={"date": "2021-03-10", "title": "Vervolg"})
    day = programme.days(db, sample_id)[-1]
    session = {"start": "10:00", "end": "11:00", "title": "Werkgroep A", "phase": "actions", "activity": "notes",
               "grouping": "self_selected", "prompt": "", "track": "Zaal 1"}
    organiser_client.post(f"{base}/days/{day['id']}/sessions", data=session)
    organiser_client.post(f"{base}/days/{day['id']}/sessions", data={**session, "title": "Werkgroep B", "track": "Zaal 2"})
    organiser_client.post(f"{base}/days/{day['id']}/sessions", data={**session, "start": "12:00", "end": "11:00"})
    day_sessions = [s for s in programme.sessions(db, sample_id) if s["day_id"] == day["id"]]
    assert [s["title"] for s in day_sessions] == ["Werkgroep A", "Werkgroep B"]
    slot = programme.programme(db, sample_id)[-1]["slots"]
    assert len(slot) == 1 and len(slot[0]) == 2
    organiser_client.post(f"{base}/sessions/{day_sessions[0]['id']}/assign")
    members = [len(programme.session_members(db, s["id"])) for s in day_sessions]
    assert sorted(members) == [37, 38]
    organiser_client.post(f"{base}/sessions/{day_sessions[1]['id']}", data={**session, "title": "Werkgroep B+", "day_id": day["id"]})
    assert programme.get_session(db, sample_id, day_sessions[1]["id"])["title"] == "Werkgroep B+"
    organiser_client.post(f"{base}/days/{day['id']}/delete")
    assert len(programme.days(db, sample_id)) == 3


def test_tables_mix_and_move(organiser_client, db, sample_id):
    base = f"/organiser/c/{sample_id}/tables"
    organiser_client.post(base, data={"name": "Ochtend", "table_size": "8"})
    tabling = tables.latest_tabling(db, sample_id)
    page = organiser_client.get(f"{base}?tabling={tabling['id']}").data.decode()
    assert page.count('class="table-card"') == 10
    person = participants.list_for(db, sample_id)[0]
    target = tables.tables_of(db, tabling["id"])[3]
    organiser_client.post(f"{base}/{tabling['id']}/move", data={"participant_id": person["id"], "table_id": target["id"]})
    assert tables.table_of(db, tabling["id"], person["id"])["id"] == target["id"]
    response = organiser_client.post(base, data={"name": "Te klein", "table_size": "1"}, follow_redirects=True)
    assert b"People per table must be at least 2" in response.data


def test_team_sharing(organiser_client, app, db, sample_id):
    base = f"/organiser/c/{sample_id}/team"
    organiser_client.post(base, data={"email": "co@example.org", "role": "organiser", "name": "Co", "password": "long enough pw"})
    co = users.by_email(db, "co@example.org")
    assert conferences.role_of(db, sample_id, co) == "organiser"
    co_client = login(app.test_client(), "co@example.org", "long enough pw")
    assert co_client.get(f"/organiser/c/{sample_id}/participants").status_code == 200
    response = organiser_client.post(base, data={"email": "nopass@example.org", "role": "facilitator"}, follow_redirects=True)
    assert b"password" in response.data and users.by_email(db, "nopass@example.org") is None


def test_import_and_export_definition_in_the_browser(organiser_client, db, sample_data):
    upload = {"file": (io.BytesIO(json.dumps(sample_data).encode()), "helmond.json")}
    response = organiser_client.post("/organiser/import", data=upload, content_type="multipart/form-data")
    assert response.status_code == 302
    cid = conferences.list_all(db)[0]["id"]
    exported = json.loads(organiser_client.get(f"/organiser/c/{cid}/definition.json").data)
    assert exported["participants"] == sample_data["participants"]
    bad = dict(sample_data, language="fr")
    upload = {"file": (io.BytesIO(json.dumps(bad).encode()), "bad.json")}
    response = organiser_client.post("/organiser/import", data=upload, content_type="multipart/form-data", follow_redirects=True)
    assert b"Language must be one of" in response.data
    assert len(conferences.list_all(db)) == 1


def test_close_joining(organiser_client, client, db, sample_id):
    organiser_client.post(f"/organiser/c/{sample_id}/status", data={"status": "closed"})
    code = conferences.get(db, sample_id)["join_code"]
    response = client.get(f"/join/{code}?lang=en")
    assert response.status_code == 403 and b"This conference is closed" in response.data


def test_session_uses_a_chosen_mix_of_tables(organiser_client, db, sample_id):
    first = tables.create_tabling(db, sample_id, "Ochtend", 8, seed=1)
    tables.create_tabling(db, sample_id, "Middag", 8, seed=2)
    session = programme.sessions(db, sample_id)[2]
    form = {k: session[k] for k in ("start", "end", "title", "phase", "activity", "grouping", "prompt", "track")}
    organiser_client.post(f"/organiser/c/{sample_id}/sessions/{session['id']}", data={**form, "tabling_id": str(first)})
    assert programme.get_session(db, sample_id, session["id"])["tabling_id"] == first
    response = organiser_client.post(f"/organiser/c/{sample_id}/sessions/{session['id']}",
                                     data={**form, "title": "Changed", "tabling_id": "99999"}, follow_redirects=True)
    assert b"Not found" in response.data
    assert programme.get_session(db, sample_id, session["id"])["title"] == session["title"]


def test_a_complete_backup_imports_in_the_browser(organiser_client, db, sample_id):
    from facilitator.export import backup

    data = backup.export_backup(db, sample_id)
    upload = {"file": (io.BytesIO(backup.dumps(data).encode()), "backup.json")}
    response = organiser_client.post("/organiser/import", data=upload, content_type="multipart/form-data")
    assert response.status_code == 302
    restored = [c for c in conferences.list_all(db) if c["id"] != sample_id]
    assert len(restored) == 1 and participants.count(db, restored[0]["id"]) == 75
    assert conferences.role_of(db, restored[0]["id"], users.by_email(db, "admin@example.org")) == "organiser"
