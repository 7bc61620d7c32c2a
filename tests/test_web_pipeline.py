"""Changes made by HTTP forms take the one pipeline: their change and an event with the next sequence
number in one transaction, broadcast to open screens, found by a phone that was offline (by seq)."""
import json
import uuid

from facilitator.domain import participants, programme, tables
from facilitator.live import socketio
from facilitator.web import live_route, quiet_route

SESSION = {"start": "16:00", "end": "16:30", "title": "Added on the programme page", "phase": "past",
           "activity": "notes", "grouping": "whole"}


def unmarked_post_routes(app) -> list[str]:
    """Every POST route that is neither a pipeline route nor marked as changing nothing live."""
    out = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        view = app.view_functions[rule.endpoint]
        if getattr(view, "pipeline", None) not in ("live", "quiet") or (
                view.pipeline == "quiet" and not getattr(view, "quiet_reason", "").strip()):
            out.append(f"{rule.endpoint} {rule.rule}")
    return sorted(out)


def test_every_post_route_takes_the_pipeline_or_says_why_not(app):
    posts = [r for r in app.url_map.iter_rules() if "POST" in r.methods]
    assert len(posts) > 30  # the organiser's pages, the café, joining, signing in
    assert unmarked_post_routes(app) == [], (
        "mark each with @live_route (and run its change with run_live / pipeline.run) or with "
        "@quiet_route('why no live screen shows it'); docs/protocol.md")


def test_the_check_finds_an_unmarked_route(app):
    app.add_url_rule("/x/unmarked", "x_unmarked", lambda: "", methods=["POST"])
    app.add_url_rule("/x/quiet", "x_quiet", quiet_route("nothing live")(lambda: ""), methods=["POST"])
    app.add_url_rule("/x/live", "x_live", live_route(lambda: ""), methods=["POST"])
    assert unmarked_post_routes(app) == ["x_unmarked /x/unmarked"]


def events_after(db, cid, seq):
    return [(r[0], r[1], json.loads(r[2])) for r in db.execute(
        "select seq, kind, data from events where conference_id = ? and seq > ? order by seq", [cid, seq])]


def last_seq(db, cid):
    return db.execute("select last_seq from conferences where id = ?", [cid]).fetchone()[0]


def test_a_session_added_on_the_programme_page_reaches_open_screens(app, db, sample_id, organiser_client):
    person = participants.list_for(db, sample_id)[0]
    phone = socketio.test_client(app, auth={"token": person["token"]})
    cockpit = socketio.test_client(app, flask_test_client=organiser_client, auth={"conference_id": sample_id})
    phone.get_received(), cockpit.get_received()
    day = programme.days(db, sample_id)[0]["id"]
    before = last_seq(db, sample_id)
    r = organiser_client.post(f"/organiser/c/{sample_id}/days/{day}/sessions", data=SESSION)
    assert r.status_code == 302
    [(seq, kind, data)] = events_after(db, sample_id, before)
    assert (seq, kind) == (before + 1, "programme.changed")
    assert SESSION["title"] in [s["title"] for s in data["programme"]]
    for screen in (phone, cockpit):
        got = [e for m in screen.get_received() if m["name"] == "events" for e in m["args"][0]]
        assert [(e["seq"], e["kind"]) for e in got] == [(seq, "programme.changed")]
        assert SESSION["title"] in [s["title"] for s in got[0]["data"]["programme"]]


def test_a_bad_form_changes_nothing_and_appends_nothing(app, db, sample_id, organiser_client):
    day = programme.days(db, sample_id)[0]["id"]
    before, count = last_seq(db, sample_id), len(programme.sessions(db, sample_id))
    organiser_client.post(f"/organiser/c/{sample_id}/days/{day}/sessions", data={**SESSION, "start": "25:99"})
    assert last_seq(db, sample_id) == before and len(programme.sessions(db, sample_id)) == count


def goto(app, organiser_client, sample_id, session_id):
    staff = socketio.test_client(app, flask_test_client=organiser_client, auth={"conference_id": sample_id})
    ack = staff.emit("room.goto", {"op_id": str(uuid.uuid4()), "data": {"session_id": session_id}}, callback=True)
    assert ack["ok"], ack
    return staff


def test_deleting_the_current_session_clears_it_on_every_screen(app, db, sample_id, organiser_client):
    current = programme.sessions(db, sample_id)[2]
    goto(app, organiser_client, sample_id, current["id"])
    before = last_seq(db, sample_id)
    organiser_client.post(f"/organiser/c/{sample_id}/sessions/{current['id']}/delete")
    got = events_after(db, sample_id, before)
    assert [k for _, k, _ in got] == ["programme.changed", "room.session"]
    assert got[1][2]["session"] is None and got[1][2]["input_open"] is False


def test_editing_the_current_session_tells_its_new_title(app, db, sample_id, organiser_client):
    current = programme.sessions(db, sample_id)[2]
    goto(app, organiser_client, sample_id, current["id"])
    before = last_seq(db, sample_id)
    form = {k: current[k] or "" for k in ("start", "end", "phase", "activity", "grouping", "prompt", "track")}
    form.update(title="Renamed while running", day_id=current["day_id"])
    organiser_client.post(f"/organiser/c/{sample_id}/sessions/{current['id']}", data=form)
    got = events_after(db, sample_id, before)
    assert [k for _, k, _ in got] == ["programme.changed", "room.session"]
    assert got[1][2]["session"]["title"] == "Renamed while running"
    # an edit of another session: the programme only
    other = programme.sessions(db, sample_id)[5]
    before = last_seq(db, sample_id)
    form = {k: other[k] or "" for k in ("start", "end", "phase", "activity", "grouping", "prompt", "track")}
    form.update(title="Later on", day_id=other["day_id"])
    organiser_client.post(f"/organiser/c/{sample_id}/sessions/{other['id']}", data=form)
    assert [k for _, k, _ in events_after(db, sample_id, before)] == ["programme.changed"]


def test_a_phone_that_was_offline_learns_of_new_tables_by_seq(app, db, sample_id, organiser_client):
    person = participants.list_for(db, sample_id)[0]
    phone = socketio.test_client(app, auth={"token": person["token"]})
    seen = phone.emit("state", {}, callback=True)["state"]["seq"]
    phone.disconnect()
    organiser_client.post(f"/organiser/c/{sample_id}/tables", data={"name": "Middag", "table_size": "8"})
    back = socketio.test_client(app, auth={"token": person["token"]})
    reply = back.emit("sync", {"seq": seen}, callback=True)
    assert [e["kind"] for e in reply["events"]] == ["regrouped"]
    table = tables.table_of(db, tables.latest_tabling(db, sample_id)["id"], person["id"])
    assert back.emit("state", {}, callback=True)["state"]["me"]["table_ids"] == [table["id"]]


def test_settings_and_joining_status_reach_open_screens(app, db, sample_id, organiser_client):
    before = last_seq(db, sample_id)
    organiser_client.post(f"/organiser/c/{sample_id}/status", data={"status": "closed"})
    [(_, kind, data)] = events_after(db, sample_id, before)
    assert kind == "conference.changed" and data["status"] == "closed"


def test_an_erasure_goes_through_the_pipeline_and_errors_are_not_swallowed(app, db, sample_id, organiser_client):
    person = participants.list_for(db, sample_id)[3]
    before = last_seq(db, sample_id)
    r = organiser_client.post(f"/organiser/c/{sample_id}/follow-up/erase",
                              data={"participant_id": person["id"], "confirm": "yes"})
    assert r.status_code == 302
    assert [k for _, k, _ in events_after(db, sample_id, before)] == ["participant.erased"]
