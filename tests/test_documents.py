"""Shared texts as CRDT documents (domain): concurrent edits merge, compaction keeps the size bounded,
bad updates are refused with nothing changed, only the table may write (and read) its text, the
backup carries the documents, erasure leaves no trace of a name in a document's history."""
import base64
import json

import pycrdt
import pytest

from facilitator.db import transaction
from facilitator.domain import documents, events, privacy, scenarios, shared_texts
from facilitator.domain.errors import DomainError
from facilitator.export import backup
from tests.collab_helpers import Writer
from tests.shared_future_helpers import person, run, seat, staff


@pytest.fixture
def w(db, sample_id):
    seated = seat(db, sample_id)
    tables = sorted(seated)
    return {"db": db, "cid": sample_id, "table": tables[0], "other_table": tables[1],
            "me": person(db, seated[tables[0]][0]), "mate": person(db, seated[tables[0]][1]),
            "other": person(db, seated[tables[1]][0]), "key": f"scenario:{tables[0]}:story"}


def send(w, actor, update, key=None):
    return run(w["db"], shared_texts.update, actor, {"doc": key or w["key"], "update": update})


def story(w):
    return w["db"].execute("select story from scenarios where table_id = ?", [w["table"]]).fetchone()[0]


def fingerprint(db):
    return json.dumps({t: db.execute(f"select * from {t} order by 1").fetchall()
                       for t in ("documents", "document_updates", "scenarios", "events")}, default=str)


def test_two_people_typing_at_once_both_keep_every_word(w):
    a, b = Writer(), Writer()
    ua = a.append("We opened the community garden. ")
    ub = b.append("The school got solar panels. ")  # typed at the same time, not seen by a yet
    send(w, w["me"], ua)
    send(w, w["mate"], ub)
    a.receive(ub)
    b.receive(ua)
    assert str(a) == str(b) == story(w)
    assert "We opened the community garden." in story(w) and "The school got solar panels." in story(w)
    # A newcomer loads the merged document and sees the same text.
    loaded = run(w["db"], shared_texts.state, w["me"], {"doc": w["key"]})
    assert str(Writer(loaded["update"])) == story(w) == loaded["text"]


def test_the_event_goes_to_the_table_only_and_carries_update_and_text(w):
    a = Writer()
    _result, [event] = send(w, w["me"], a.append("Hello"))
    assert event["kind"] == "doc.update" and event["audience"] == f"table:{w['table']}"
    assert event["data"]["doc"] == w["key"] and event["data"]["text"] == "Hello"
    assert not [e for e in events.since(w["db"], w["other"], 0) if e["kind"] == "doc.update"]
    assert [e for e in events.since(w["db"], w["mate"], 0) if e["kind"] == "doc.update"]


def test_a_participant_of_another_table_can_neither_write_nor_read(w):
    send(w, w["me"], Writer().append("Private draft"))
    before = fingerprint(w["db"])
    with pytest.raises(DomainError) as err:
        send(w, w["other"], Writer().append("Intruder"))
    assert err.value.code == "forbidden"
    with pytest.raises(DomainError):
        run(w["db"], shared_texts.state, w["other"], {"doc": w["key"]})
    assert fingerprint(w["db"]) == before
    # Once the presentations are open everyone may read it, still only the table may write.
    run(w["db"], scenarios.open_presentations, staff(w["cid"]), {})
    assert run(w["db"], shared_texts.state, w["other"], {"doc": w["key"]})["text"] == "Private draft"
    with pytest.raises(DomainError):
        send(w, w["other"], Writer().append("Intruder"))


@pytest.mark.parametrize("update, code", [
    ("not base64!", "invalid"),
    (base64.b64encode(b"\x01\x02garbage").decode(), "invalid"),
    ("", "invalid"),
    (None, "invalid"),
    (12, "invalid"),
    ("A" * (documents.MAX_UPDATE + 4), "too_large"),
])
def test_a_malformed_or_oversized_update_is_refused_and_changes_nothing(w, update, code):
    send(w, w["me"], Writer().append("Kept"))
    before = fingerprint(w["db"])
    with pytest.raises(DomainError) as err:
        send(w, w["me"], update)
    assert err.value.code == code and err.value.message
    assert fingerprint(w["db"]) == before
    # The document still works afterwards (the refused change left no trace in the cache either).
    send(w, w["me"], Writer(run(w["db"], shared_texts.state, w["me"], {"doc": w["key"]})["update"]).append("!"))
    assert story(w) == "Kept!"


def test_updates_that_do_not_fit_the_text_are_refused(w):
    before = fingerprint(w["db"])
    other_root = pycrdt.Doc()
    other_root.get("evil", type=pycrdt.Map)["x"] = 1
    too_long = Writer().append("x" * 2001)
    for update in (base64.b64encode(other_root.get_update()).decode(), too_long):
        with pytest.raises(DomainError):
            send(w, w["me"], update, key=f"scenario:{w['table']}:barriers")
    # An update that builds on one the server never received.
    a = Writer()
    a.append("first ")
    with pytest.raises(DomainError) as err:
        send(w, w["me"], a.append("second"))
    assert err.value.code == "out_of_date"
    for key in ("scenario:x:story", f"scenario:{w['table']}:nope", f"goal:{w['table']}:story", "scenario:99999:story"):
        with pytest.raises(DomainError):
            send(w, w["me"], Writer().append("x"), key=key)
    assert fingerprint(w["db"]) == before


def test_ten_thousand_edits_stay_compact(w):
    """10,000 updates, each stored on its own (an update row, its event with its sequence number) and
    compacted every COMPACT_EVERY. The rights and write-back of each keystroke are the pipeline's
    (tested above and live in test_collab_live.py), so the first 9,999 go straight to the store in
    one transaction, with the event the live path appends; the last one takes the whole way."""
    db = w["db"]
    table, field = w["table"], "story"
    a = Writer()
    value = ""  # what a holds (ASCII: one byte a character), kept here instead of read back each time
    with transaction(db):
        for i in range(9_999):
            if i % 3 == 2:  # now and then a deletion, as people correct what they type
                del a.text[len(value) - 1:len(value)]
                value = value[:-1]
            else:
                a.text.insert(len(value), "ab"[i % 2])
                value += "ab"[i % 2]
            update = base64.b64encode(a.updates[-1]).decode()
            actor = w["me"] if i % 2 else w["mate"]
            documents.apply_update(db, w["cid"], "scenario", table, field, base64.b64decode(update), max_len=5000,
                                   event_for=shared_texts._event(db, actor, w["key"], f"table:{table}", update))
    send(w, w["me"], a.append("b"))
    doc = db.execute("select id, length(snapshot), pending, compactions from documents").fetchone()
    pending = db.execute("select count(*), coalesce(sum(length(data)), 0) from document_updates").fetchone()
    assert pending[0] == doc[2] < documents.COMPACT_EVERY
    assert doc[3] >= 10_000 // documents.COMPACT_EVERY - 1
    text = story(w)
    assert text == str(a) and len(text) == 3334
    # Bounded: the snapshot plus the pending updates is a small multiple of the text, not of the edits.
    assert doc[1] + pending[1] < 40 * len(text), (doc[1], pending[1])
    # The events that carried compacted updates keep only the name and the text.
    carrying = db.execute("select count(*) from events where kind = 'doc.update' and data like '%\"update\"%'").fetchone()[0]
    assert carrying == doc[2]
    # A fresh process (empty cache) reads the same text from the snapshot and the pending updates.
    documents.CACHE.docs.clear()
    assert run(db, shared_texts.state, w["me"], {"doc": w["key"]})["text"] == text


def test_a_whole_new_text_from_a_form_merges_with_what_others_typed(w):
    a = Writer()
    send(w, w["me"], a.append("One. Two."))
    b = Writer(run(w["db"], shared_texts.state, w["mate"], {"doc": w["key"]})["update"])
    ub = b.append(" Three.")  # b types at the end while a form replaces the middle
    run(w["db"], scenarios.update, w["me"], {"field": "story", "value": "One, and two."})
    send(w, w["mate"], ub)
    assert story(w) == "One, and two. Three."


def test_a_text_written_before_the_documents_existed_becomes_their_first_content(w):
    w["db"].execute("insert into scenarios (conference_id, table_id, story, updated_at) values (?, ?, ?, 'x')",
                    [w["cid"], w["table"], "Old story."])
    loaded = run(w["db"], shared_texts.state, w["me"], {"doc": w["key"]})
    a = Writer(loaded["update"])
    assert str(a) == "Old story."
    send(w, w["me"], a.append(" New."))
    assert story(w) == "Old story. New."


def test_the_backup_carries_the_document_losslessly(w):
    a = Writer()
    send(w, w["me"], a.append("Saved in the backup. "))
    for word in ("and ", "the ", "rest"):
        send(w, w["mate"], a.append(word))
    data = backup.export_backup(w["db"], w["cid"])
    assert data["tables"]["documents"]["rows"] and data["tables"]["document_updates"]["rows"]
    # Restored beside the original (every id is taken, so every row and reference moves).
    target = w["db"]
    new_cid = backup.restore(target, json.loads(json.dumps(data)))["conference_id"]
    assert new_cid != w["cid"]
    r = target.execute("select id, kind, ref_id, field from documents where conference_id = ?", [new_cid]).fetchone()
    new_table = target.execute("select table_id from scenarios where conference_id = ?", [new_cid]).fetchone()[0]
    assert r[1:] == ("scenario", new_table, "story") and new_table != w["table"]
    documents.CACHE.docs.clear()
    restored = documents.state(target, new_cid, "scenario", new_table, "story")
    assert restored["text"] == str(a) == "Saved in the backup. and the rest"
    # Writers carry on where they were: their next change applies to the restored document.
    assert documents.state(target, new_cid, "scenario", new_table, "story", vector=a.doc.get_state())["update"]


def test_erasing_a_person_leaves_no_trace_of_their_name_in_a_document(w):
    name = w["db"].execute("select name from participants where id = ?", [w["mate"].participant_id]).fetchone()[0]
    a = Writer()
    send(w, w["me"], a.append(f"As {name} said: "))
    send(w, w["me"], a.append("we built it."))
    _result, new_events = privacy.erase(w["db"], w["mate"], {})
    assert any(e["kind"] == "doc.update" for e in new_events)
    assert story(w) == f"As {privacy.ERASED} said: we built it."
    db = w["db"]
    blobs = [r[0] for r in db.execute("select snapshot from documents")] + [r[0] for r in db.execute("select data from document_updates")]
    for part in name.split():
        if len(part) > 2:
            assert all(part.encode() not in b for b in blobs), part
            assert not db.execute("select count(*) from events where data like ?", [f"%{part}%"]).fetchone()[0]
    for e in db.execute("select data from events where kind = 'doc.update'"):
        data = json.loads(e[0])
        if data.get("update"):
            assert all(part.encode() not in base64.b64decode(data["update"]) for part in name.split() if len(part) > 2)
    # A browser that held the old text receives the change and shows the same.
    a.receive(next(e["data"]["update"] for e in new_events if e["kind"] == "doc.update"))
    assert str(a) == story(w)


def test_a_timeline_review_is_a_shared_text_written_while_input_is_open(w):
    from facilitator.domain import room, timeline_reviews

    key = f"timeline:{w['table']}:story"
    db = w["db"]
    db.execute("insert or replace into room_state (conference_id, input_open, updated_at) values (?, 1, '')", [w["cid"]])
    a, b = Writer(), Writer()
    ua, ub = a.append("From factories "), b.append("to care. ")
    send(w, w["me"], ua, key=key)
    _result, evs = send(w, w["mate"], ub, key=key)
    assert [e["kind"] for e in evs] == ["doc.update", "review.report"] and evs[1]["audience"] == "presenters"
    report = timeline_reviews.state(db, staff(w["cid"]))["reports"][0]
    assert "From factories " in report["story"] and "to care. " in report["story"] and report["version"] == 2
    assert evs[1]["data"]["story"] == report["story"]
    with pytest.raises(DomainError) as err:  # the facilitators do not write the tables' reports
        send(w, staff(w["cid"]), Writer().append("x"), key=key)
    assert err.value.code == "forbidden"
    with pytest.raises(DomainError):
        send(w, w["other"], Writer().append("x"), key=key)
    db.execute("update room_state set input_open = 0 where conference_id = ?", [w["cid"]])
    assert not room.input_open(db, w["cid"])
    before = fingerprint(db)
    with pytest.raises(DomainError) as err:
        send(w, w["me"], a.append("Closed."), key=key)
    assert err.value.code == "input_closed" and fingerprint(db) == before


# --- every other kind of shared text: the same rules, each with its own rights ----------------------

def _open_input(db, cid):
    db.execute("insert or replace into room_state (conference_id, input_open, updated_at) values (?, 1, '')", [cid])


def _kind(w, name):
    """For one kind: its document, two people who write it, one who may not, and its stored text."""
    from facilitator.domain import common_ground, goals, prouds, trend_responses, trends
    from tests.shared_future_helpers import one_per_group

    db, cid = w["db"], w["cid"]
    _open_input(db, cid)
    if name in ("trend_response", "prouds"):
        first, other = one_per_group(db, cid)[:2]
        mate = person(db, db.execute("select id from participants where stakeholder_group_id = ? and id != ? order by id",
                                     [first.group_id, first.participant_id]).fetchone()[0])
        if name == "trend_response":
            trend = run(db, trends.add, staff(cid), {"text": "Loneliness"})[0]["id"]
            row_id = run(db, trend_responses.pick, first, {"trend_id": trend})[0]["rows"][0]["id"]
            return {"key": f"trend_response:{row_id}:now", "a": first, "b": mate, "outsider": other, "secret": True,
                    "stored": lambda: db.execute("select now_text from trend_responses where id = ?", [row_id]).fetchone()[0]}
        item = run(db, prouds.add, first, {"kind": "proud", "text": "We listen. "})[0]["id"]
        return {"key": f"prouds:{item}:text", "a": first, "b": mate, "outsider": other, "secret": True,
                "stored": lambda: db.execute("select text from prouds where id = ?", [item]).fetchone()[0]}
    if name == "common_ground":
        cand = run(db, common_ground.add_candidate, w["me"], {"list": "future", "text": "A place to meet. "})[0]["id"]
        return {"key": f"common_ground:{cand}:text", "a": w["me"], "b": w["mate"], "outsider": w["other"], "secret": True,
                "stored": lambda: db.execute("select text from common_ground_candidates where id = ?", [cand]).fetchone()[0]}
    goal = run(db, goals.create, staff(cid), {"title": "Meeting places"})[0]["goal"]["id"]
    for p in (w["me"], w["mate"]):
        db.execute("insert into goal_members (goal_id, participant_id, is_lead, joined_at) values (?, ?, 0, '')", [goal, p.participant_id])
    if name == "goal":
        return {"key": f"goal:{goal}:description", "a": w["me"], "b": w["mate"], "outsider": w["other"], "secret": False,
                "stored": lambda: db.execute("select description from goals where id = ?", [goal]).fetchone()[0]}
    from facilitator.domain import actions

    action = run(db, actions.create, staff(cid), {"goal_id": goal, "what": "A map of places"})[0]["action"]["id"]
    return {"key": f"action:{action}:how", "a": w["me"], "b": w["mate"], "outsider": w["other"], "secret": False,
            "stored": lambda: db.execute("select how from actions where id = ?", [action]).fetchone()[0]}


KINDS = ["trend_response", "prouds", "common_ground", "goal", "action"]


@pytest.mark.parametrize("name", KINDS)
def test_two_people_typing_at_once_into_any_shared_text_keep_both_sentences(w, name):
    k = _kind(w, name)
    db = w["db"]
    start = run(db, shared_texts.state, k["a"], {"doc": k["key"]})
    a, b = Writer(start["update"]), Writer(start["update"])
    before = str(a)
    ua, ub = a.append("Anna's sentence. "), b.append("Bram's sentence. ")  # at the same time, from the same text
    send(w, k["a"], ua, key=k["key"])
    _result, evs = send(w, k["b"], ub, key=k["key"])
    a.receive(ub)
    b.receive(ua)
    assert str(a) == str(b) == k["stored"]()
    assert k["stored"]().startswith(before) and "Anna's sentence. " in k["stored"]() and "Bram's sentence. " in k["stored"]()
    assert evs[0]["kind"] == "doc.update" and len(evs) >= 2  # and the event the kind's other screens follow
    # Someone of another group or table may not write it (nor read it, where it is not the whole room's).
    fp = fingerprint(db)
    with pytest.raises(DomainError) as err:
        send(w, k["outsider"], Writer(start["update"]).append("Intruder"), key=k["key"])
    assert err.value.code == "forbidden" and fingerprint(db) == fp
    if k["secret"]:
        with pytest.raises(DomainError):
            run(db, shared_texts.state, k["outsider"], {"doc": k["key"]})
    else:
        assert run(db, shared_texts.state, k["outsider"], {"doc": k["key"]})["text"] == k["stored"]()


@pytest.mark.parametrize("name", KINDS)
def test_erasing_a_person_scrubs_their_name_from_every_kind_of_shared_text(w, name):
    k = _kind(w, name)
    db = w["db"]
    victim = k["b"]
    victim_name = db.execute("select name from participants where id = ?", [victim.participant_id]).fetchone()[0]
    a = Writer(run(db, shared_texts.state, k["a"], {"doc": k["key"]})["update"])
    send(w, k["a"], a.append(f"Ask {victim_name}."), key=k["key"])
    privacy.erase(db, victim, {})
    assert victim_name not in k["stored"]() and f"Ask {privacy.ERASED}." in k["stored"]()
    blobs = [r[0] for r in db.execute("select snapshot from documents")] + [r[0] for r in db.execute("select data from document_updates")]
    assert all(victim_name.split()[-1].encode() not in blob for blob in blobs)


def test_a_candidate_in_a_theme_is_frozen_for_its_table(w):
    from facilitator.domain import common_ground

    k = _kind(w, "common_ground")
    db = w["db"]
    cand = int(k["key"].split(":")[1])
    run(db, common_ground.create_theme, staff(w["cid"]), {"name": "Meeting", "candidate_ids": [cand]})
    start = run(db, shared_texts.state, k["a"], {"doc": k["key"]})  # still readable by the table
    fp = fingerprint(db)
    for attempt in (lambda: send(w, k["a"], Writer(start["update"]).append("Changed"), key=k["key"]),
                    lambda: run(db, common_ground.edit_candidate, k["a"], {"id": cand, "text": "Changed"})):
        with pytest.raises(DomainError) as err:
            attempt()
        assert err.value.code == "merged" and "already part of a theme" in err.value.message
    assert fingerprint(db) == fp
    send(w, staff(w["cid"]), Writer(start["update"]).append(" (corrected)"), key=k["key"])  # a facilitator may
    assert k["stored"]() == "A place to meet. (corrected)"


def test_a_trend_response_is_refused_while_input_is_closed_and_goes_with_its_row(w):
    from facilitator.domain import trend_responses

    k = _kind(w, "trend_response")
    db = w["db"]
    send(w, k["a"], Writer().append("Written."), key=k["key"])
    db.execute("update room_state set input_open = 0 where conference_id = ?", [w["cid"]])
    fp = fingerprint(db)
    with pytest.raises(DomainError) as err:
        send(w, k["b"], Writer().append("Late"), key=k["key"])
    assert err.value.code == "input_closed" and fingerprint(db) == fp
    # The old whole-text event is one change to the document, merged with what was typed.
    _open_input(db, w["cid"])
    b = Writer(run(db, shared_texts.state, k["b"], {"doc": k["key"]})["update"])
    ub = b.append(" And more.")
    trend = db.execute("select trend_id from trend_responses").fetchone()[0]
    run(db, trend_responses.write, k["a"], {"trend_id": trend, "field": "now", "text": "Written, together."})
    send(w, k["b"], ub, key=k["key"])
    assert k["stored"]() == "Written, together. And more."
    # Taken off the sheet, its documents go; picked again, the text starts empty (a new row, a new key).
    run(db, trend_responses.unpick, k["a"], {"trend_id": trend})
    assert not db.execute("select count(*) from documents where kind = 'trend_response'").fetchone()[0]
    row_id = run(db, trend_responses.pick, k["a"], {"trend_id": trend})[0]["rows"][0]["id"]
    assert run(db, shared_texts.state, k["a"], {"doc": f"trend_response:{row_id}:now"})["text"] == ""


def test_the_backup_remaps_a_trend_response_text_with_its_row(w):
    """m016 gave trend responses an id of their own so that their texts' ref_id is remapped too."""
    k = _kind(w, "trend_response")
    db = w["db"]
    a = Writer(run(db, shared_texts.state, k["a"], {"doc": k["key"]})["update"])
    send(w, k["a"], a.append("Carried along."), key=k["key"])
    new_cid = backup.restore(db, json.loads(json.dumps(backup.export_backup(db, w["cid"]))))["conference_id"]
    new_row = db.execute("select r.id from trend_responses r join stakeholder_groups g on g.id = r.group_id "
                         "where g.conference_id = ?", [new_cid]).fetchone()[0]
    assert new_row != int(k["key"].split(":")[1])
    ref = db.execute("select ref_id from documents where conference_id = ? and kind = 'trend_response'", [new_cid]).fetchone()[0]
    assert ref == new_row
    documents.CACHE.docs.clear()
    assert documents.state(db, new_cid, "trend_response", new_row, "now")["text"] == "Carried along."
