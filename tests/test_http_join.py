"""Participants join without an account: personal link, or the code plus a few details."""
import pytest

from facilitator.domain import conferences, participants, tables


@pytest.fixture
def code(db, sample_id):
    return conferences.get(db, sample_id)["join_code"]


def test_personal_link_opens_the_participant_page(client, db, sample_id):
    p = participants.list_for(db, sample_id)[0]
    page = client.get(f"/p/{p['token']}").data.decode()
    assert p["name"] in page and "Ruimte om te leven" in page


def test_unknown_personal_link_gets_a_clear_message(client, sample_id):
    response = client.get("/p/not-a-real-token?lang=en")
    assert response.status_code == 404 and b"This link does not work" in response.data


def test_join_with_code_and_return_on_the_same_device(client, db, sample_id, code):
    response = client.post(f"/join/{code}", data={"name": "Nina Nieuw", "organisation": "Buurtteam",
                                                  "stakeholder_group": "verenigingen"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/p/")
    newcomer = participants.by_token(db, response.headers["Location"].split("/p/")[1])
    assert newcomer["name"] == "Nina Nieuw" and newcomer["joined_via"] == "code"
    # the same device comes back: recognised, no second registration
    again = client.get(f"/join/{code}")
    assert again.status_code == 302 and again.headers["Location"] == f"/p/{newcomer['token']}"
    assert participants.count(db, sample_id) == 76


def test_code_page_accepts_lower_case_and_spaces(client, code):
    response = client.post("/join", data={"code": f" {code[:3].lower()} {code[3:]} "})
    assert response.status_code == 302 and response.headers["Location"] == f"/join/{code}"


def test_wrong_code_gets_a_clear_message(client, sample_id):
    response = client.post("/join?lang=en", data={"code": "ZZZZZZ"})
    assert response.status_code == 404 and b"There is no conference with this code" in response.data
    response = client.get("/join/ZZZZZZ?lang=nl")
    assert response.status_code == 404


def test_full_conference_gets_a_clear_message(client, db, sample_id, code):
    conferences.update(db, sample_id, {"free_places": 0})
    response = client.get(f"/join/{code}?lang=en")
    assert response.status_code == 403 and b"This conference is full" in response.data
    response = client.post(f"/join/{code}", data={"name": "Late", "stakeholder_group": "overheid"})
    assert response.status_code == 403 and participants.count(db, sample_id) == 75


def test_missing_name_keeps_the_form_and_adds_no_one(client, db, sample_id, code):
    response = client.post(f"/join/{code}?lang=en", data={"name": "", "stakeholder_group": "overheid"})
    assert response.status_code == 400 and b'aria-invalid="true"' in response.data
    assert participants.count(db, sample_id) == 75


def test_newcomer_is_seated_at_the_smallest_table(client, db, sample_id, code):
    tabling = tables.create_tabling(db, sample_id, "Dag 1", 8, seed=1)
    response = client.post(f"/join/{code}", data={"name": "Tess", "stakeholder_group": "onderwijs"})
    token = response.headers["Location"].split("/p/")[1]
    newcomer = participants.by_token(db, token)
    table = tables.table_of(db, tabling, newcomer["id"])
    assert table is not None
    page = client.get(f"/p/{token}?lang=en").data.decode()
    assert f"Table {table['number']}" in page


def test_participant_page_in_the_conference_language_or_the_chosen_one(client, db, sample_id):
    p = participants.list_for(db, sample_id)[0]
    assert 'lang="nl"' in client.get(f"/p/{p['token']}").data.decode()
    assert 'lang="en"' in client.get(f"/p/{p['token']}?lang=en").data.decode()
    # the choice sticks for the next page
    assert 'lang="en"' in client.get(f"/p/{p['token']}").data.decode()


def test_qr_code_is_local_svg(client, code):
    response = client.get(f"/qr/{code}.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.data.startswith(b"<svg")


def test_public_programme_page(client, code):
    page = client.get(f"/c/{code}").data.decode()
    assert "Tijdlijnen: persoonlijk, Helmond, wereld" in page


def test_participant_chooses_a_parallel_session(client, db, sample_id):
    from facilitator.domain import programme
    day = programme.add_day(db, sample_id, "2021-03-01")
    a = programme.add_session(db, sample_id, day, {"start": "10:00", "end": "11:00", "title": "A", "phase": "actions",
                                                   "activity": "notes", "grouping": "self_selected"})
    b = programme.add_session(db, sample_id, day, {"start": "10:00", "end": "11:00", "title": "B", "phase": "actions",
                                                   "activity": "notes", "grouping": "self_selected"})
    p = participants.list_for(db, sample_id)[0]
    client.post(f"/p/{p['token']}/sessions/{a}/choose")
    client.post(f"/p/{p['token']}/sessions/{b}/choose")
    assert programme.session_members(db, a) == [] and programme.session_members(db, b) == [p["id"]]


def test_participant_page_links_to_the_plan_and_own_data(client, db, sample_id):
    p = participants.list_for(db, sample_id)[0]
    page = client.get(f"/p/{p['token']}?lang=en").data.decode()
    assert f"/p/{p['token']}/my-data" in page and "Your data" in page
