"""Personal data: see and download what is held; erasure removes the name and contact details and leaves
no trace of them in pages, exports (Word, CSV, JSON backup, saved copies) or the event log; the
contributions stay, anonymised. Only the person themself or the organiser may erase."""
import io
import json
import zipfile

import pytest

from facilitator import export as exports
from facilitator.db import transaction
from facilitator.domain import actions, cafe, commitments, goals, notes, participants, privacy, progress, proposals, room
from facilitator.domain.errors import DomainError
from facilitator.domain.events import Actor
from facilitator.export import backup
from tests.conftest import login
from tests.cockpit_helpers import add_notes_session

NAME = "Zoë Zwanenburg"
EMAIL = "zoe.zwanenburg@example.org"


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def zip_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


@pytest.fixture
def world(db, sample_id, admin):
    cid = sample_id
    staff = Actor("organiser", cid, user_id=admin["id"])
    other = participants.list_for(db, cid)[0]
    zoe = participants.add(db, cid, {"name": NAME, "email": EMAIL, "organisation": "Wijkteam Noord"})
    me = Actor("participant", cid, participant_id=zoe["id"])
    them = Actor("participant", cid, participant_id=other["id"])
    cafe.set_consent(db, cid, zoe["id"], True)
    goal = goals.create(db, staff, {"title": "Buddies for everyone"})[0]["goal"]
    goals.join(db, me, {"goal_id": goal["id"]})
    goals.set_lead(db, me, {"goal_id": goal["id"], "participant_id": zoe["id"]})
    action = actions.create(db, me, {"goal_id": goal["id"], "what": "Match buddies",
                                     "people": [{"participant_id": zoe["id"], "role": "lead"}]})[0]["action"]
    commitments.make(db, me, {"goal_id": goal["id"], "text": "I will match ten buddies"})
    progress.post_update(db, me, {"action_id": action["id"], "status": "under_way", "done": "Five matched"})
    proposals.propose(db, me, {"goal_id": goal["id"], "what": "A buddy bench"})
    # A note by Zoë in a session that shows authors (the event log then holds her name), and a note
    # by someone else that mentions her by name.
    session_id = add_notes_session(db, cid)
    for fn, actor, data in ((notes.configure_session, staff, {"session_id": session_id, "anonymous": False}),
                            (room.goto, staff, {"session_id": session_id}), (room.set_input, staff, {"open": True}),
                            (notes.post, me, {"text": "Buddies work"}),
                            (notes.post, them, {"text": f"As {NAME} said: ask {EMAIL}"})):
        with transaction(db):  # as the live pipeline runs them
            fn(db, actor, data)
    return {"cid": cid, "staff": staff, "zoe": zoe, "me": me, "goal": goal["id"], "action": action["id"],
            "other": other}


def everything(db) -> str:
    return "\n".join(db.conn.iterdump())


def test_my_data_lists_what_is_held(db, world):
    data = privacy.my_data(db, world["cid"], world["zoe"]["id"])
    assert data["participant"]["name"] == NAME and data["participant"]["email"] == EMAIL
    assert data["consent"] == {"name_on_shared_plan": True}
    for table in ("goal_members", "commitments", "action_updates", "action_proposals", "notes", "action_people"):
        assert data["records"].get(table), table
    json.dumps(data)  # downloadable as it is
    other = privacy.my_data(db, world["cid"], world["other"]["id"])
    assert NAME not in json.dumps(other["records"].get("commitments", []))


def test_the_name_is_in_the_data_before_erasure(db, world):
    """The check below can fail: before erasure the name is in the database, the event log and exports."""
    assert NAME in everything(db)
    assert NAME in " ".join(r[0] for r in db.execute("select data from events"))
    assert NAME in docx_text(exports.export(db, world["cid"], "docx", "plan").content)


def test_erasure_leaves_no_trace_of_the_name(db, world, tmp_path):
    cid, zid = world["cid"], world["zoe"]["id"]
    saved = exports.save_copy(tmp_path, exports.export(db, cid, "json"))
    kept = exports.save_copy(tmp_path, exports.ExportFile(f"other-{cid}-x.csv", "text/csv", b"nothing personal"))
    result, evs = privacy.erase(db, world["me"], {}, exports_dir=tmp_path)
    assert result["scrubbed"] >= 2 and result["copies_removed"] == 1
    assert not saved.exists() and kept.exists()
    assert evs[0]["kind"] == "participant.erased" and evs[0]["data"] == {"participant_id": zid}
    dump = everything(db).lower()
    for term in (NAME.lower(), EMAIL.lower(), "zwanenburg"):
        assert term not in dump, term
    # Exports made now.
    for fmt, reader in (("docx", docx_text), ("csv", zip_text), ("json", lambda c: c.decode("utf-8"))):
        for kind in ("plan", "report"):
            text = reader(exports.export(db, cid, fmt, kind).content)
            assert NAME not in text and EMAIL not in text and "Zwanenburg" not in text, (fmt, kind)
    assert NAME not in backup.dumps(backup.export_backup(db, cid))
    # Contributions stay, anonymised, still pointing at the row.
    p = participants.get(db, cid, zid)
    assert (p["name"], p["email"], p["hide_name"]) == ("", "", 1) and p["organisation"] == "Wijkteam Noord"
    assert db.execute("select count(*) from commitments where participant_id = ?", [zid]).fetchone()[0] == 1
    assert db.execute("select count(*) from action_updates where participant_id = ?", [zid]).fetchone()[0] == 1
    assert db.execute("select text from notes where participant_id = ?", [world["other"]["id"]]).fetchone()[0] == \
        f"As {privacy.ERASED} said: ask {privacy.ERASED}"
    assert not cafe.has_consent(db, zid)
    assert participants.by_token(db, world["zoe"]["token"]) is None  # the old personal link no longer works
    with pytest.raises(DomainError) as err:
        privacy.erase(db, world["staff"], {"participant_id": zid})
    assert err.value.code == "already_erased"


def test_erasure_shows_no_name_on_pages(app, db, world, organiser_client):
    cid = world["cid"]
    key = cafe.update_settings(db, cid, plan_public=True, cafe_open=True)
    before = organiser_client.get(f"/plan/{key['plan_key']}").get_data(as_text=True)
    assert NAME in before  # she agreed to show her name
    response = organiser_client.post(f"/organiser/c/{cid}/follow-up/erase",
                                     data={"participant_id": world["zoe"]["id"], "confirm": "yes"})
    assert response.status_code == 302
    other_token = world["other"]["token"]
    pages = [f"/plan/{key['plan_key']}", f"/cafe/{key['cafe_key']}", f"/organiser/c/{cid}/follow-up/",
             f"/organiser/c/{cid}/participants", f"/organiser/c/{cid}/participants.csv", f"/p/{other_token}",
             f"/p/{other_token}/cafe", f"/organiser/c/{cid}/follow-up/progress.json",
             f"/organiser/c/{cid}/follow-up/progress.csv"]
    for url in pages:
        r = organiser_client.get(url)
        assert r.status_code == 200, url
        body = r.get_data(as_text=True)
        assert NAME not in body and "Zwanenburg" not in body and EMAIL not in body, url


def test_only_the_person_or_the_organiser_may_erase(db, world, admin):
    zid = world["zoe"]["id"]
    for actor in (Actor("facilitator", world["cid"], user_id=admin["id"]), Actor("presenter", world["cid"])):
        with pytest.raises(DomainError) as err:
            privacy.erase(db, actor, {"participant_id": zid})
        assert err.value.code == "forbidden"
    # A participant can only erase themself, whatever they send.
    other = Actor("participant", world["cid"], participant_id=world["other"]["id"])
    privacy.erase(db, other, {"participant_id": zid})
    assert participants.get(db, world["cid"], zid)["name"] == NAME
    assert participants.get(db, world["cid"], world["other"]["id"])["name"] == ""


def test_http_my_data_download_consent_and_self_erasure(client, db, world):
    token = world["zoe"]["token"]
    page = client.get(f"/p/{token}/my-data")
    assert page.status_code == 200 and EMAIL in page.get_data(as_text=True)
    download = client.get(f"/p/{token}/my-data.json")
    assert "attachment" in download.headers["Content-Disposition"]
    assert download.get_json()["participant"]["name"] == NAME
    client.post(f"/p/{token}/consent", data={"public_name": "0"})
    assert not cafe.has_consent(db, world["zoe"]["id"])
    refused = client.post(f"/p/{token}/erase", data={})
    assert refused.status_code == 302 and participants.get(db, world["cid"], world["zoe"]["id"])["name"] == NAME
    done = client.post(f"/p/{token}/erase", data={"confirm": "yes"})
    assert done.status_code == 200 and NAME not in done.get_data(as_text=True)
    assert client.get(f"/p/{token}/my-data").status_code == 404
    assert NAME not in everything(db)


def test_facilitator_cannot_erase_over_http(app, db, world, admin):
    from facilitator.domain import conferences, users

    helper = users.create_or_update(db, "helper@example.org", "correct horse battery", "Helper")
    conferences.add_member(db, world["cid"], helper["id"], "facilitator")
    c = login(app.test_client(), "helper@example.org")
    r = c.post(f"/organiser/c/{world['cid']}/follow-up/erase",
               data={"participant_id": world["zoe"]["id"], "confirm": "yes"})
    assert r.status_code == 403
    assert participants.get(db, world["cid"], world["zoe"]["id"])["name"] == NAME


def _raw_hits(folder, terms) -> dict:
    """Every file under ``folder`` (the database, its WAL and shared memory, the exports), searched as
    raw bytes (and unzipped, for the Word and CSV zips) for each term; returns {file: [terms found]}."""
    from pathlib import Path

    hits = {}
    for path in Path(folder).rglob("*"):
        if not path.is_file():
            continue
        content = path.read_bytes()
        texts = [content.lower()]
        if zipfile.is_zipfile(io.BytesIO(content)):
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                texts += [z.read(n).lower() for n in z.namelist()]
        found = [t for t in terms if any(t.lower().encode() in text for text in texts)]
        if found:
            hits[str(path.relative_to(folder))] = found
    return hits


def test_erasure_leaves_the_name_in_no_file(app, db, world):
    """Not only no row: no byte of the database file, its WAL or any file under exports/ holds the name
    or the e-mail address after the erasure (deleted rows and old page copies included)."""
    from pathlib import Path

    cid, folder = world["cid"], Path(app.config["DATABASE"]).parent
    for fmt, kind in (("docx", "report"), ("docx", "plan"), ("json", None), ("csv", None)):
        exports.save_copy(app.config["EXPORTS_DIR"], exports.export(db, cid, fmt, kind) if kind else exports.export(db, cid, fmt))
    before = _raw_hits(folder, [NAME, EMAIL])
    assert any(name.endswith(("facilitator.db", "-wal")) for name in before) and any("exports" in n for n in before)
    client = app.test_client()
    assert client.post(f"/p/{world['zoe']['token']}/erase", data={"confirm": "yes"}).status_code == 200
    assert _raw_hits(folder, [NAME, EMAIL]) == {}
    db.close()  # and still none once every connection is closed (the last one checkpoints the WAL)
    assert _raw_hits(folder, [NAME, EMAIL]) == {}
