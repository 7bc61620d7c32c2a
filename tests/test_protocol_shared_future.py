"""Every statement., cg. and scenario. event through the live pipeline (Flask-SocketIO test client):
the allowed role succeeds; every other role gets an error and nothing changes; bad payloads get an
error and nothing changes. Plus: what each connection receives (table privacy, anonymity)."""
import hashlib
import json
import uuid

import pytest

from facilitator.domain import common_ground as cg
from facilitator.domain import conferences, scenarios
from facilitator.domain import statements as st
from facilitator.live import connection, load_handlers, socketio
from facilitator.live.fanout import Fanout
from facilitator.live.pipeline import MUTATIONS
from tests.shared_future_helpers import person, run, seat, staff

MY_TABLES = ("statements", "statement_answers", "common_ground_candidates", "common_ground_themes",
             "common_ground_responses", "common_ground_statements", "scenarios", "scenario_features",
             "scenario_reactions", "scenario_presentations", "events", "client_ops")


def op(data):
    return {"op_id": str(uuid.uuid4()), "data": data}


def fingerprint(db):
    dump = {t: db.execute(f"select * from {t} order by 1, 2").fetchall() for t in MY_TABLES}
    return hashlib.sha256(json.dumps(dump, default=str).encode()).hexdigest()


@pytest.fixture
def world(app, db, sample_id, organiser_client, monkeypatch):
    # Events go out at once (no coalescing tick), so each test sees what one change sent.
    monkeypatch.setattr(connection, "_fanout", Fanout(socketio, 0))
    seated = seat(db, sample_id)
    tables = sorted(seated)
    me, other = person(db, seated[tables[0]][0]), person(db, seated[tables[1]][0])
    f = staff(sample_id)
    ids = [s["id"] for s in st.list_for(db, sample_id)]
    run(db, st.put_up, f, {"ids": [ids[0]]})
    run(db, st.put_up, f, {"ids": [ids[2]], "results": "reveal"})
    run(db, st.close, f, {"ids": [ids[2]]})
    mine = run(db, cg.add_candidate, me, {"list": "future", "text": "A meeting place"})[0]["id"]
    loose = run(db, cg.add_candidate, other, {"list": "project", "text": "Buddies"})[0]["id"]
    draft = run(db, cg.create_theme, f, {"name": "Meeting", "candidate_ids": []})[0]["id"]
    draft2 = run(db, cg.create_theme, f, {"name": "Places"})[0]["id"]
    done = run(db, cg.create_theme, f, {"name": "Done"})[0]["id"]
    run(db, cg.put_up, f, {"id": done})
    run(db, cg.decide, f, {"id": done, "decision": "confirmed"})
    up = run(db, cg.create_theme, f, {"name": "Up now"})[0]["id"]
    run(db, cg.put_up, f, {"id": up})
    feature = run(db, scenarios.add_feature, me, {"text": "Buddies"})[0]["id"]
    board = scenarios.state(db, me)["boards"][0]["id"]
    db.execute("delete from events")
    key = conferences.get(db, sample_id)["presenter_key"]
    p = db.execute("select token from participants where id = ?", [me.participant_id]).fetchone()[0]
    p_other = db.execute("select token from participants where id = ?", [other.participant_id]).fetchone()[0]
    sockets = {
        "organiser": socketio.test_client(app, flask_test_client=organiser_client, auth={"conference_id": sample_id}),
        "participant": socketio.test_client(app, auth={"token": p}),
        "presenter": socketio.test_client(app, auth={"presenter": key}),
        "other_table": socketio.test_client(app, auth={"token": p_other}),
    }
    cg_statement = cg.confirmed_statements(db, sample_id)[0]["id"]
    yield {"db": db, "cid": sample_id, "sockets": sockets, "tables": tables, "ids": ids, "mine": mine, "loose": loose,
           "draft": draft, "draft2": draft2, "up": up, "done": done, "feature": feature, "board": board,
           "cg_statement": cg_statement, "me": me}
    for s in sockets.values():
        s.disconnect()


def open_presentations(w):
    run(w["db"], scenarios.open_presentations, staff(w["cid"]), {})


STAFF = ("organiser",)
PEOPLE = ("participant",)
BOTH = ("organiser", "participant")
# event: (roles allowed, valid data, [bad data], setup)
CASES = {
    "statement.add": (STAFF, lambda w: {"text": "New one", "scale": "scale5"}, [{"text": ""}, {"text": "x", "scale": "ten"}, {"text": 5}], None),
    "statement.edit": (STAFF, lambda w: {"id": w["ids"][1], "text": "Reworded"}, [{"id": "x"}, {"id": 999999, "text": "y"}, {"id": 1, "text": "y" * 501}], None),
    "statement.remove": (STAFF, lambda w: {"id": w["ids"][1]}, [{"id": None}, {"id": 999999}, {"id": -1}], None),
    "statement.open": (STAFF, lambda w: {"ids": [w["ids"][1]], "only": True}, [{"ids": []}, {"ids": "1"}, {"ids": [1], "results": "never"}, {"ids": [1], "only": "yes"}], None),
    "statement.close": (STAFF, lambda w: {"ids": [w["ids"][0]]}, [{"ids": [999999]}, {"ids": None}], None),
    "statement.reveal": (STAFF, lambda w: {"ids": [w["ids"][2]]}, [{"ids": [999999]}, {"ids": [True]}], None),
    "statement.answer": (PEOPLE, lambda w: {"statement_id": w["ids"][0], "answer": "agree", "reason": "Yes"},
                         [{"statement_id": 1, "answer": "maybe"}, {"statement_id": "x", "answer": "agree"},
                          {"answer": "agree"}, {"statement_id": 1, "answer": "agree", "reason": "r" * 281}], None),
    "cg.candidate.add": (BOTH, lambda w: {"list": "difference", "text": "Money", "table_id": w["tables"][0]},
                         [{"list": "x", "text": "y"}, {"list": "future", "text": ""}, {"list": "future", "text": "t" * 281}], None),
    "cg.candidate.edit": (BOTH, lambda w: {"id": w["mine"], "text": "A place to meet"}, [{"id": 0}, {"id": 999999, "text": "x"}, {"id": 1, "list": "nope"}], None),
    "cg.candidate.remove": (BOTH, lambda w: {"id": w["mine"]}, [{"id": "one"}, {"id": 999999}], None),
    "cg.candidate.propose": (STAFF, lambda w: {"source_kind": "scenario", "source_id": w["board"], "text": "Proposed"},
                             [{"source_kind": "dream", "source_id": 1, "text": "x"}, {"source_kind": "scenario", "source_id": 999999, "text": "x"},
                              {"source_kind": "scenario", "text": "x"}], None),
    "cg.theme.create": (STAFF, lambda w: {"name": "New theme", "candidate_ids": [w["mine"], w["loose"]]},
                        [{"name": ""}, {"name": "x", "candidate_ids": [999999]}, {"name": "x", "candidate_ids": "1"}], None),
    "cg.theme.rename": (STAFF, lambda w: {"id": w["draft"], "name": "Renamed"}, [{"id": 999999, "name": "x"}, {"name": "x"}, {"id": 1, "name": ""}], None),
    "cg.theme.assign": (STAFF, lambda w: {"candidate_ids": [w["mine"]], "theme_id": w["draft"]},
                        [{"candidate_ids": [], "theme_id": 1}, {"candidate_ids": [999999], "theme_id": None}, {"candidate_ids": [1], "theme_id": 999999}], None),
    "cg.theme.merge": (STAFF, lambda w: {"id": w["draft2"], "into_id": w["draft"]}, [{"id": 999999, "into_id": 1}, {"id": 1}], None),
    "cg.theme.remove": (STAFF, lambda w: {"id": w["draft2"]}, [{"id": 999999}, {}], None),
    "cg.theme.put_up": (STAFF, lambda w: {"id": w["draft"]}, [{"id": 999999}, {"id": "a"}], lambda w: run(w["db"], cg.take_down, staff(w["cid"]), {"id": w["up"]})),
    "cg.theme.take_down": (STAFF, lambda w: {"id": w["up"]}, [{"id": 999999}, {}], None),
    "cg.theme.respond": (PEOPLE, lambda w: {"theme_id": w["up"], "support": False, "reason": "Not yet"},
                         [lambda w: {"theme_id": w["up"], "support": "no"}, lambda w: {"theme_id": w["up"], "support": True, "reason": "r" * 281}, {"theme_id": 999999, "support": True}, {"support": True}], None),
    "cg.theme.decide": (STAFF, lambda w: {"id": w["up"], "decision": "not_agreed"},
                        [lambda w: {"id": w["up"], "decision": "maybe"}, {"id": 999999, "decision": "confirmed"},
                         lambda w: {"id": w["up"], "decision": "confirmed", "despite_objections": "yes"}], None),
    "cg.statement.edit": (STAFF, lambda w: {"id": w["cg_statement"], "text": "Reworded"}, [{"id": 999999, "text": "x"}, {"id": 1, "text": ""}], None),
    "scenario.update": (BOTH, lambda w: {"field": "story", "value": "It is 2030.", "table_id": w["tables"][0]},
                        [{"field": "colour", "value": "red"}, {"field": "title", "value": "t" * 121}, {"field": "title", "value": 3}], None),
    "scenario.feature.add": (BOTH, lambda w: {"text": "Open doors", "table_id": w["tables"][0]}, [{"text": ""}, {"text": "x" * 201}], None),
    "scenario.feature.edit": (BOTH, lambda w: {"feature_id": w["feature"], "text": "Open doors"}, [{"feature_id": 999999, "text": "x"}, {"feature_id": 1, "text": ""}], None),
    "scenario.feature.remove": (BOTH, lambda w: {"feature_id": w["feature"]}, [{"feature_id": 999999}, {}], None),
    "scenario.presentations.open": (STAFF, lambda w: {}, [], None),
    "scenario.presentations.close": (STAFF, lambda w: {}, [], open_presentations),
    "scenario.present": (STAFF, lambda w: {"table_id": w["tables"][1]}, [{"table_id": 999999}, {}], open_presentations),
    "scenario.react": (PEOPLE, lambda w: {"table_id": w["tables"][1]}, [{"table_id": 999999}, {"table_id": "x"}], open_presentations),
}


def test_every_event_is_covered():
    load_handlers()
    mine = {n for n in MUTATIONS if n.split(".")[0] in ("statement", "cg", "scenario")}
    assert mine == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_allowed_roles_succeed(world, name):
    roles, data, _, setup = CASES[name]
    if setup:
        setup(world)
    for role in roles:
        ack = world["sockets"][role].emit(name, op(data(world)), callback=True)
        assert ack["ok"] is True, (role, ack)
        assert ack["seq"] is not None
        if name in ("statement.remove", "cg.candidate.remove", "cg.theme.remove", "cg.theme.merge",
                    "cg.theme.take_down", "cg.theme.decide", "scenario.feature.remove", "statement.reveal"):
            break  # the target is gone or decided: one role is enough


@pytest.mark.parametrize("name", sorted(CASES))
def test_other_roles_get_an_error_and_nothing_changes(world, name):
    roles, data, _, setup = CASES[name]
    if setup:
        setup(world)
    before = fingerprint(world["db"])
    for role in {"organiser", "participant", "presenter"} - set(roles):
        ack = world["sockets"][role].emit(name, op(data(world)), callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (role, ack)
    assert fingerprint(world["db"]) == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_payloads_get_an_error_and_nothing_changes(world, name):
    roles, _, bad, setup = CASES[name]
    if setup:
        setup(world)
    before = fingerprint(world["db"])
    sock = world["sockets"][roles[0]]
    for data in bad + ["not an object"]:
        data = data(world) if callable(data) else data
        ack = sock.emit(name, op(data) if isinstance(data, dict) else {"op_id": str(uuid.uuid4()), "data": data}, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] in ("invalid", "not_found", "forbidden", "not_draft", "decided"), (data, ack)
    assert sock.emit(name, {"data": {}}, callback=True)["ok"] is False  # no op_id
    assert fingerprint(world["db"]) == before


def events_of(sock, prefix):
    """Events pushed to a client (batched in "events" messages, or one by one in "event")."""
    out = []
    for m in sock.get_received():
        if m["name"] == "event":
            out.append(m["args"][0])
        elif m["name"] == "events":
            out.extend(m["args"][0])
    return [e for e in out if e["kind"].startswith(prefix)]


def test_scenario_edits_reach_the_table_only_until_presentations_open(world):
    s = world["sockets"]
    for sock in s.values():
        sock.get_received()
    s["participant"].emit("scenario.update", op({"field": "title", "value": "Secret plan"}), callback=True)
    assert [e["data"]["value"] for e in events_of(s["organiser"], "scenario.")] == ["Secret plan"]
    assert events_of(s["other_table"], "scenario.") == [] and events_of(s["presenter"], "scenario.") == []
    for role in ("other_table", "presenter"):
        state = s[role].emit("state", callback=True)["state"]["scenarios"]
        assert "Secret plan" not in json.dumps(state)
    s["organiser"].emit("scenario.presentations.open", op({}), callback=True)
    assert "Secret plan" in json.dumps(events_of(s["other_table"], "scenario.presentations"))
    assert "Secret plan" in json.dumps(s["presenter"].emit("state", callback=True)["state"]["scenarios"])


def test_statement_answers_stay_anonymous_for_the_room(world):
    s = world["sockets"]
    for sock in s.values():
        sock.get_received()
    ack = s["participant"].emit("statement.answer", op({"statement_id": world["ids"][0], "answer": "disagree",
                                                        "reason": "Too simple"}), callback=True)
    assert ack["ok"]
    mine = events_of(s["participant"], "statement.answer")
    assert mine and mine[0]["data"]["answer"] == "disagree"
    for role in ("other_table", "presenter"):
        got = events_of(s[role], "statement.")
        assert [e["kind"] for e in got] == ["statement.results"]
        text = json.dumps(got)
        assert "Too simple" in text and str(world["me"].participant_id) not in [str(x) for x in got[0]["data"].get("participant_id", [])]
        name = world["db"].execute("select name from participants where id = ?", [world["me"].participant_id]).fetchone()[0]
        assert name not in text


def test_objections_with_names_go_to_facilitators_only(world):
    """Names only when the confirmation is not anonymous (it is by default: then nobody gets them)."""
    from facilitator.db import transaction
    from facilitator.domain import notes
    from facilitator.domain.events import Actor
    s = world["sockets"]
    for sock in s.values():
        sock.get_received()
    s["participant"].emit("cg.theme.respond", op({"theme_id": world["up"], "support": False, "reason": "No"}), callback=True)
    name = world["db"].execute("select name from participants where id = ?", [world["me"].participant_id]).fetchone()[0]
    assert name not in json.dumps(events_of(s["organiser"], "cg.responses"))
    db = world["db"]
    cid = db.execute("select conference_id from participants where id = ?", [world["me"].participant_id]).fetchone()[0]
    confirm = db.execute("select id from sessions where conference_id = ? and activity = 'common_ground_confirm'",
                         [cid]).fetchone()[0]
    with transaction(db):
        notes.configure_session(db, Actor("organiser", cid, user_id=1), {"session_id": confirm, "anonymous": False})
    for sock in s.values():
        sock.get_received()
    s["participant"].emit("cg.theme.respond", op({"theme_id": world["up"], "support": False, "reason": "No!"}), callback=True)
    assert name in json.dumps(events_of(s["organiser"], "cg.responses"))
    for role in ("other_table", "presenter"):
        got = events_of(s[role], "cg.")
        assert [e["kind"] for e in got] == ["cg.tally"] and got[0]["data"]["tally"] == {"support": 0, "object": 1}
        assert name not in json.dumps(got)


def test_another_table_cannot_edit_or_remove_a_candidate(world):
    s = world["sockets"]
    for sock in s.values():
        sock.get_received()
    before = fingerprint(world["db"])
    for kind, data in (("cg.candidate.edit", {"id": world["mine"], "text": "Hijacked"}),
                       ("cg.candidate.remove", {"id": world["mine"]})):
        ack = s["other_table"].emit(kind, op(data), callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (kind, ack)
    assert fingerprint(world["db"]) == before
    assert events_of(s["participant"], "cg.") == [] and events_of(s["organiser"], "cg.") == []
    # the table itself (and a facilitator) may; the other table does not even hear of it
    assert s["participant"].emit("cg.candidate.edit", op({"id": world["mine"], "text": "Ours"}), callback=True)["ok"]
    assert [e["data"]["candidate"]["text"] for e in events_of(s["participant"], "cg.candidate.changed")] == ["Ours"]
    assert events_of(s["other_table"], "cg.") == []
