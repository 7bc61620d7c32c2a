"""Participants: adding, CSV in and out, joining with the code (free places, closed, wrong code)."""
import threading

import pytest

from facilitator import db as database
from facilitator.domain import conferences, groups, participants
from facilitator.domain.errors import DomainError, ValidationError


@pytest.fixture
def conf(db):
    cid = conferences.create(db, {"title": "Test", "free_places": 2})
    groups.add(db, cid, "Residents", "#b58900")
    groups.add(db, cid, "Employers", "#c0392b")
    return conferences.get(db, cid)


def test_tokens_are_unique_and_unguessable(db, sample_id):
    tokens = [p["token"] for p in participants.list_for(db, sample_id)]
    assert len(set(tokens)) == 75
    assert all(len(t) >= 22 for t in tokens)


def test_join_with_code_uses_free_places(db, conf):
    a = participants.join_with_code(db, conf["join_code"].lower(), {"name": "Ann", "stakeholder_group": "residents"})
    assert a["joined_via"] == "code" and a["group_name"] == "Residents"
    participants.join_with_code(db, conf["join_code"], {"name": "Bob", "stakeholder_group": "Employers"})
    with pytest.raises(DomainError) as err:
        participants.join_with_code(db, conf["join_code"], {"name": "Cas", "stakeholder_group": "residents"})
    assert err.value.code == "conference_full"
    assert participants.count(db, conf["id"]) == 2


def test_invited_participants_do_not_take_free_places(db, conf):
    for i in range(5):
        participants.add(db, conf["id"], {"name": f"Invited {i}"})
    assert participants.free_places_left(db, conferences.get(db, conf["id"])) == 2


def test_wrong_code_and_closed_conference(db, conf):
    with pytest.raises(DomainError) as err:
        participants.join_with_code(db, "NOPE00", {"name": "Ann"})
    assert err.value.code == "wrong_code"
    conferences.update(db, conf["id"], {"status": "closed"})
    with pytest.raises(DomainError) as err:
        participants.join_with_code(db, conf["join_code"], {"name": "Ann", "stakeholder_group": "residents"})
    assert err.value.code == "conference_closed"


def test_join_needs_a_name_and_a_group(db, conf):
    with pytest.raises(ValidationError) as err:
        participants.join_with_code(db, conf["join_code"], {"name": "  ", "stakeholder_group": "residents"})
    assert err.value.field == "name"
    with pytest.raises(ValidationError) as err:
        participants.join_with_code(db, conf["join_code"], {"name": "Ann"})
    assert err.value.field == "stakeholder_group"
    assert participants.count(db, conf["id"]) == 0


def test_last_free_place_goes_to_one_person_only(tmp_path):
    path = tmp_path / "race.db"
    db = database.open_database(path)
    cid = conferences.create(db, {"title": "Race", "free_places": 1})
    code = conferences.get(db, cid)["join_code"]
    results = []

    def join(name):
        conn = database.connect(path)
        try:
            participants.join_with_code(conn, code, {"name": name})
            results.append("joined")
        except DomainError as err:
            results.append(err.code)

    threads = [threading.Thread(target=join, args=(f"P{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conference_full"] * 5 + ["joined"]
    assert participants.count(db, cid) == 1


def test_csv_round_trip_and_update_by_email(db, conf):
    participants.add(db, conf["id"], {"name": "Ann", "email": "ann@example.org", "stakeholder_group": "residents"})
    text = participants.export_csv(db, conf["id"])
    assert text.splitlines()[0] == "name,organisation,email,stakeholder_group,role"
    changed = text.replace("Ann,", "Ann Smit,") + "Bob,Bakery,bob@example.org,employers,owner\n"
    assert participants.import_csv(db, conf["id"], changed) == {"added": 1, "updated": 1}
    names = sorted(p["name"] for p in participants.list_for(db, conf["id"]))
    assert names == ["Ann Smit", "Bob"]


def test_csv_with_semicolons_and_group_names(db, conf):
    text = "\ufeffname;organisation;email;stakeholder_group;role\nEva;Library;eva@example.org;Residents;volunteer\n"
    assert participants.import_csv(db, conf["id"], text) == {"added": 1, "updated": 0}
    assert participants.list_for(db, conf["id"])[0]["group_key"] == "residents"


def test_one_bad_csv_line_imports_nothing(db, conf):
    text = "name,email,stakeholder_group\nAnn,ann@example.org,residents\nBob,bob@example.org,pilots\n"
    with pytest.raises(ValidationError) as err:
        participants.import_csv(db, conf["id"], text)
    assert "line 3" in err.value.field
    assert participants.count(db, conf["id"]) == 0


def test_csv_without_name_column_is_refused(db, conf):
    with pytest.raises(ValidationError):
        participants.import_csv(db, conf["id"], "email\nann@example.org\n")
