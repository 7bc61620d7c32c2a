"""Check-in: one line per participant per check-in session, on a wall without names; its rules, its
events over the protocol, its part of the Word report and its CSV sheet, and the phone, the cockpit
and the projector in the browser."""
from __future__ import annotations

import csv
import io
import uuid
import zipfile

import pytest

from facilitator.db import rows, transaction
from facilitator.domain import check_in, conferences, participants, programme, room
from facilitator.domain.errors import DomainError, NotFound
from facilitator.domain.events import Actor


def do(db, fn, actor, data):
    with transaction(db):
        return fn(db, actor, data)


def add_check_in(db, cid) -> int:
    day = programme.days(db, cid)[0]["id"]
    return programme.add_session(db, cid, day, {"start": "08:45", "end": "09:00", "title": "Morning round",
                                                "phase": "opening", "activity": "check_in", "grouping": "whole",
                                                "prompt": "What do you bring today?"})


def people(db, cid, n=3):
    return [Actor("participant", cid, participant_id=p["id"], group_id=p["stakeholder_group_id"])
            for p in participants.list_for(db, cid)[:n]]


@pytest.fixture
def world(db, sample_id, admin):
    conferences.add_member(db, sample_id, admin["id"], "facilitator")
    sid = add_check_in(db, sample_id)
    staff = Actor("facilitator", sample_id, user_id=admin["id"])
    do(db, room.goto, staff, {"session_id": sid})  # a check-in takes input: moving there opens it
    return {"cid": sample_id, "sid": sid, "staff": staff, "people": people(db, sample_id)}


def lines(db, sid):
    return rows(db, "select participant_id, text, hidden from check_in_lines where session_id = ? order by id", [sid])


# --- the rules ---------------------------------------------------------------------------------------

def test_one_line_per_person_changed_in_place_and_shown_without_names(db, world):
    a, b, _c = world["people"]
    first, evs = do(db, check_in.say, a, {"session_id": world["sid"], "text": "  Curious,\n and a bit  tired "})
    assert first["text"] == "Curious, and a bit tired"  # one line
    assert [(e["kind"], e["audience"]) for e in evs] == [("check_in.line", "all")]
    assert set(evs[0]["data"]) == {"session_id", "id", "text"}  # who wrote it is not in the event
    again, _ = do(db, check_in.say, a, {"session_id": world["sid"], "text": "Curious"})
    assert again["id"] == first["id"]
    theirs, _ = do(db, check_in.say, b, {"session_id": world["sid"], "text": "Hope for the park"})
    assert [(x["participant_id"], x["text"]) for x in lines(db, world["sid"])] == [
        (a.participant_id, "Curious"), (b.participant_id, "Hope for the park")]
    seen = check_in.state(db, b)
    assert [x["text"] for x in seen["lines"]] == ["Curious", "Hope for the park"]
    assert seen["mine"] == {str(world["sid"]): theirs["id"]} and check_in.state(db, a)["mine"] == {str(world["sid"]): first["id"]}
    assert "participant_id" not in str(seen["lines"]) and check_in.state(db, world["staff"])["mine"] == {}
    names = {p["name"] for p in participants.list_for(db, world["cid"])}
    assert not any(n and n in str(check_in.state(db, world["staff"])) for n in names)


@pytest.mark.parametrize("data", [{"text": ""}, {"text": "x" * 141}, {"text": 5}, {}])
def test_a_bad_line_is_refused_and_changes_nothing(db, world, data):
    with pytest.raises(DomainError):
        do(db, check_in.say, world["people"][0], {"session_id": world["sid"], **data})
    assert lines(db, world["sid"]) == []


def test_only_a_check_in_session_takes_lines(db, world):
    other = rows(db, "select id from sessions where conference_id = ? and activity != 'check_in' limit 1", [world["cid"]])[0]["id"]
    with pytest.raises(DomainError) as err:
        do(db, check_in.say, world["people"][0], {"session_id": other, "text": "Hello"})
    assert err.value.code == "not_check_in"
    with pytest.raises(NotFound):
        do(db, check_in.say, world["people"][0], {"session_id": 999999, "text": "Hello"})
    assert rows(db, "select * from check_in_lines") == []


def test_the_author_takes_a_line_back_and_the_facilitator_takes_one_off_the_wall(db, world):
    a, b, _c = world["people"]
    mine = do(db, check_in.say, a, {"session_id": world["sid"], "text": "Mine"})[0]
    theirs = do(db, check_in.say, b, {"session_id": world["sid"], "text": "Rude words"})[0]
    with pytest.raises(NotFound):  # someone else's line: as if it were not there
        do(db, check_in.take_back, b, {"id": mine["id"]})
    gone, evs = do(db, check_in.hide, world["staff"], {"id": theirs["id"]})
    assert evs[0]["kind"] == "check_in.gone" and gone == {"session_id": world["sid"], "id": theirs["id"]}
    assert [x["text"] for x in check_in.state(db, a)["lines"]] == ["Mine"]
    do(db, check_in.take_back, a, {"id": mine["id"]})
    assert check_in.state(db, a) == {"lines": [], "mine": {}}
    with pytest.raises(NotFound):
        do(db, check_in.hide, world["staff"], {"id": theirs["id"]})  # already off the wall


def test_the_own_data_page_finds_the_lines_from_the_schema(db, world):
    from facilitator.domain import privacy

    a = world["people"][0]
    do(db, check_in.say, a, {"session_id": world["sid"], "text": "Glad to be here"})
    held = privacy.my_data(db, world["cid"], a.participant_id)["records"]
    assert [x["text"] for x in held["check_in_lines"]] == ["Glad to be here"]


def test_the_own_data_page_names_the_lines_after_the_activity(client, db, world):
    a = world["people"][0]
    do(db, check_in.say, a, {"session_id": world["sid"], "text": "Glad to be here"})
    token = participants.get(db, world["cid"], a.participant_id)["token"]
    page = client.get(f"/p/{token}/my-data?lang=nl").get_data(as_text=True)
    assert "1 ding dat je toevoegde bij Check-in" in page


# --- over the protocol ---------------------------------------------------------------------------------

def op(data):
    return {"op_id": str(uuid.uuid4()), "data": data}


def test_the_events_over_the_protocol_roles_and_open_input(app, db, world, admin):
    from facilitator.live import socketio
    from tests.conftest import login

    person = participants.get(db, world["cid"], world["people"][0].participant_id)
    phone = socketio.test_client(app, auth={"token": person["token"]})
    cockpit = socketio.test_client(app, flask_test_client=login(app.test_client(), admin["email"]),
                                   auth={"conference_id": world["cid"]})
    projector = socketio.test_client(app, auth={"presenter": conferences.get(db, world["cid"])["presenter_key"]})
    said = phone.emit("check_in.say", op({"session_id": world["sid"], "text": "Ready"}), callback=True)
    assert said["ok"], said
    assert cockpit.emit("check_in.say", op({"session_id": world["sid"], "text": "Me too"}), callback=True)["error"]["code"] \
        == "forbidden"
    assert phone.emit("check_in.hide", op({"id": said["result"]["id"]}), callback=True)["error"]["code"] == "forbidden"
    part = projector.emit("query", {"name": "check_in", "data": {}}, callback=True)
    assert part["ok"] and [x["text"] for x in part["result"]["lines"]] == ["Ready"] and part["result"]["seq"] >= said["seq"]
    own = phone.emit("query", {"name": "check_in", "data": {}}, callback=True)["result"]
    assert own["mine"] == {str(world["sid"]): said["result"]["id"]}
    assert cockpit.emit("room.input", op({"open": False}), callback=True)["ok"]
    closed = phone.emit("check_in.say", op({"session_id": world["sid"], "text": "Changed"}), callback=True)
    assert closed["error"]["code"] == "input_closed"
    assert [x["text"] for x in lines(db, world["sid"])] == ["Ready"]
    assert cockpit.emit("check_in.hide", op({"id": said["result"]["id"]}), callback=True)["ok"]
    pushed = []
    for m in projector.get_received():
        pushed += [m["args"][0]] if m["name"] == "event" else m["args"][0] if m["name"] == "events" else []
    assert [e["kind"] for e in pushed if e["kind"].startswith("check_in.")] == ["check_in.line", "check_in.gone"]
    assert all("participant_id" not in e["data"] for e in pushed if e["kind"].startswith("check_in."))


# --- the report and the sheet ----------------------------------------------------------------------------

def test_the_report_and_the_sheet_carry_the_lines_without_names(db, world):
    from docx import Document

    from facilitator.export import csv_export, docx_report

    a, b, c = world["people"]
    for who, text in ((a, "Energy for the river plan"), (b, "Worried about the budget"), (c, "Off the wall")):
        do(db, check_in.say, who, {"session_id": world["sid"], "text": text})
    hidden = rows(db, "select id from check_in_lines where text = 'Off the wall'")[0]["id"]
    do(db, check_in.hide, world["staff"], {"id": hidden})
    doc = Document(io.BytesIO(docx_report.render(db, world["cid"], "report")))
    paras = [p.text for p in doc.paragraphs]
    tops = [(i, p.text) for i, p in enumerate(doc.paragraphs) if p.style.name == "Heading 1"]
    start = next(i for i, text in tops if text == "Check-in")  # the section itself, not the contents
    assert [text for _i, text in tops].index("Check-in") == [text for _i, text in tops].index("Het verleden: tijdlijnen") - 1
    assert paras[start + 2:start + 4] == ["Energy for the river plan", "Worried about the budget"]
    assert "Off the wall" not in paras
    plan = [p.text for p in Document(io.BytesIO(docx_report.render(db, world["cid"], "plan"))).paragraphs]
    assert "Energy for the river plan" not in plan  # the action plan is the short list
    with zipfile.ZipFile(io.BytesIO(csv_export.zip_bytes(db, world["cid"]))) as z:
        sheet = list(csv.reader(io.StringIO(z.read("check_in.csv").decode("utf-8-sig"))))
    assert sheet[0] == ["session", "text", "stakeholder_group", "created_at", "updated_at"]
    assert [r[:2] for r in sheet[1:]] == [["Morning round", "Energy for the river plan"],
                                          ["Morning round", "Worried about the budget"]]
    names = {p["name"] for p in participants.list_for(db, world["cid"]) if p["name"]}
    assert not names & {cell for r in sheet for cell in r}


# --- in the browser ----------------------------------------------------------------------------------------

@pytest.mark.browser
def test_phone_cockpit_and_projector(server, browser):
    from playwright.sync_api import expect

    from tests.browser.test_typing_browser import connected
    from tests.conftest import DESKTOP, PHONE, assert_still_typing, sign_in

    db = server.db()
    cid = db.execute("select id from conferences order by id").fetchone()[0]
    sid = add_check_in(db, cid)
    db.commit()
    staff = browser(**DESKTOP).new_page()
    sign_in(staff, server.url)
    staff.goto(server.url + f"/organiser/c/{cid}/cockpit/?lang=nl")
    connected(staff)
    staff.get_by_role("button", name="Ga naar Morning round").click()
    key = db.execute("select presenter_key from conferences where id = ?", [cid]).fetchone()[0]
    projector = browser(**DESKTOP).new_page()
    projector.goto(server.url + f"/present/{key}")
    tokens = [r[0] for r in db.execute("select token from participants where conference_id = ? order by id limit 2", [cid])]
    phone = browser(**PHONE).new_page()
    phone.goto(server.url + f"/p/{tokens[0]}?lang=nl")
    field = phone.get_by_label("Wat breng je vandaag mee? Zeg het in één zin.")
    field.fill("Zin in vandaag")
    phone.get_by_role("button", name="Delen").click()
    expect(phone.locator(".ci-mine .note-text")).to_have_text("Zin in vandaag")
    expect(projector.locator(".ci-wall .note-text")).to_have_text(["Zin in vandaag"])
    expect(staff.locator(".ci-wall .note-text")).to_have_text(["Zin in vandaag"])
    expect(staff.get_by_text("1 zin op de muur")).to_be_visible()

    # while the phone types its change, twenty lines from others arrive: the field stays as it is
    field = phone.get_by_label("Pas je zin aan")
    field.click()
    field.type("Nieuwsgierig")
    handle = field.element_handle()
    other = browser(**PHONE).new_page()
    other.goto(server.url + f"/p/{tokens[1]}?lang=nl")
    connected(other)
    for n in range(20):
        ack = other.evaluate("(text) => window.facilitatorLive.send('check_in.say', {session_id: %d, text})" % sid, f"Regel {n}")
        assert ack["ok"], ack
    expect(phone.locator(".ci-wall .note-text").first).to_have_text("Regel 19")
    assert_still_typing(field, handle, "Nieuwsgierig")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # the same person on a small phone, loaded afresh: their own line from the server, nothing too wide
    small = browser(**{**PHONE, "viewport": {"width": 320, "height": 640}}).new_page()
    small.goto(server.url + f"/p/{tokens[0]}?lang=nl")
    connected(small)
    expect(small.locator(".ci-mine .note-text")).to_have_text("Zin in vandaag")
    expect(small.locator(".ci-wall .note-text")).to_have_text(["Regel 19"])
    assert small.evaluate("document.documentElement.scrollWidth") <= 320

    # the facilitator takes a line off the wall: it leaves the projector and the phones
    staff.locator(".ci-wall li", has_text="Regel 19").get_by_role("button", name="Van de muur halen").click()
    expect(projector.locator(".ci-wall .note-text")).to_have_text(["Zin in vandaag"])
    expect(phone.locator(".ci-wall .note-text")).to_have_count(0)
    phone.get_by_role("button", name="Intrekken").click()
    expect(phone.locator(".ci-mine")).to_have_count(0)
    expect(projector.locator(".ci-wall .note-text")).to_have_count(0)
