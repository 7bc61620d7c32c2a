"""The dot vote: a budget per person that is never exceeded, take-backs until close, results per group."""
import threading

import pytest

from facilitator import db as database
from facilitator.db import row
from facilitator.domain import dotvotes, participants, trends
from facilitator.domain.errors import DomainError, Forbidden
from facilitator.domain.events import Actor
from tests.shared_future_helpers import run as do  # the change, then its follow-ups (the results)


def staff(cid):
    return Actor("facilitator", cid, user_id=1)


def person_in_group(db, cid, group_index, n=0):
    groups = [g["id"] for g in database.rows(db, "select id from stakeholder_groups where conference_id = ? order by position", [cid])]
    p = [p for p in participants.list_for(db, cid) if p["stakeholder_group_id"] == groups[group_index]][n]
    return Actor("participant", cid, participant_id=p["id"], group_id=p["stakeholder_group_id"])


@pytest.fixture
def vote_session(db, sample_id):
    return row(db, "select id from sessions where conference_id = ? and activity = 'dot_vote'", [sample_id])["id"]


@pytest.fixture
def trend_ids(db, sample_id):
    ids = [do(db, trends.add, staff(sample_id), {"text": text})[0]["id"] for text in ("Loneliness", "Debt", "Digital")]
    ids.append(do(db, trends.add, staff(sample_id), {"text": "Elderly alone", "parent_id": ids[0]})[0]["id"])
    return ids


def test_dots_up_to_the_budget_then_refused(db, sample_id, vote_session, trend_ids):
    me = person_in_group(db, sample_id, 0)
    for _ in range(3):
        result, evs = do(db, dotvotes.add_dot, me, {"session_id": vote_session, "trend_id": trend_ids[0]})
    do(db, dotvotes.add_dot, me, {"session_id": vote_session, "trend_id": trend_ids[1]})
    result, evs = do(db, dotvotes.add_dot, me, {"session_id": vote_session, "trend_id": trend_ids[3]})
    assert result["used"] == 5 and result["left"] == 0 and result["dots"][str(trend_ids[0])] == 3
    assert [e["audience"] for e in evs] == [f"participant:{me.participant_id}"]  # the dot's own event...
    last = db.execute("select kind, audience, data from events order by seq desc limit 1").fetchone()
    assert tuple(last[:2]) == ("vote.results", "presenters")  # ...then the results, in a follow-up
    assert '"voters": 1' in last[2]
    with pytest.raises(DomainError) as err:
        do(db, dotvotes.add_dot, me, {"session_id": vote_session, "trend_id": trend_ids[2]})
    assert err.value.code == "no_dots_left"
    result, _ = do(db, dotvotes.remove_dot, me, {"session_id": vote_session, "trend_id": trend_ids[0]})
    assert result["used"] == 4 and result["dots"][str(trend_ids[0])] == 2
    with pytest.raises(DomainError) as err:
        do(db, dotvotes.remove_dot, me, {"session_id": vote_session, "trend_id": trend_ids[2]})
    assert err.value.code == "no_dot_here"


def test_budget_holds_with_two_devices_voting_at_once(db, db_path, sample_id, vote_session, trend_ids):
    """One person on two devices (two connections to the file database) hammers vote.add at the same time."""
    me = person_in_group(db, sample_id, 1)
    outcomes = {"ok": 0, "refused": 0, "other": []}
    lock = threading.Lock()
    start = threading.Barrier(2)

    def device(trend_id):
        conn = database.connect(db_path)
        start.wait()
        for _ in range(8):
            try:
                do(conn, dotvotes.add_dot, me, {"session_id": vote_session, "trend_id": trend_id})
                key = "ok"
            except DomainError as e:
                key = "refused" if e.code == "no_dots_left" else None
                if key is None:
                    with lock:
                        outcomes["other"].append(e.code)
                    continue
            with lock:
                outcomes[key] += 1
        conn.close()

    threads = [threading.Thread(target=device, args=(t,)) for t in trend_ids[:2]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == {"ok": 5, "refused": 11, "other": []}
    assert dotvotes.used(db, vote_session, me.participant_id) == 5


def test_results_split_per_stakeholder_group(db, sample_id, vote_session, trend_ids):
    a, a2, b = person_in_group(db, sample_id, 0), person_in_group(db, sample_id, 0, 1), person_in_group(db, sample_id, 3)
    for voter, trend in ((a, 0), (a, 0), (a2, 0), (b, 0), (b, 1)):
        do(db, dotvotes.add_dot, voter, {"session_id": vote_session, "trend_id": trend_ids[trend]})
    res = dotvotes.results(db, vote_session)
    assert res["voters"] == 3
    assert res["trends"][str(trend_ids[0])] == {"total": 4, "groups": {str(a.group_id): 3, str(b.group_id): 1}}
    assert res["trends"][str(trend_ids[1])] == {"total": 1, "groups": {str(b.group_id): 1}}


def test_results_hidden_from_phones_until_close(db, sample_id, vote_session, trend_ids):
    me = person_in_group(db, sample_id, 2)
    presenter = Actor("presenter", sample_id)
    do(db, dotvotes.add_dot, me, {"session_id": vote_session, "trend_id": trend_ids[2]})
    key = str(vote_session)
    assert dotvotes.state(db, me)["votes"][key]["results"] is None
    assert dotvotes.state(db, presenter)["votes"][key]["results"]["trends"][str(trend_ids[2])]["total"] == 1
    assert dotvotes.state(db, me)["votes"][key]["mine"]["used"] == 1
    # Revealed at close: not even the projector sees them while the vote runs.
    _, evs = do(db, dotvotes.configure, staff(sample_id), {"session_id": vote_session, "reveal": "close"})
    assert evs[-1]["audience"] == "facilitators"
    assert dotvotes.state(db, presenter)["votes"][key]["results"] is None
    assert dotvotes.state(db, staff(sample_id))["votes"][key]["results"] is not None
    _, evs = do(db, dotvotes.set_status, staff(sample_id), {"session_id": vote_session, "status": "closed"})
    assert evs[-1]["audience"] == "all" and evs[-1]["kind"] == "vote.results"
    assert dotvotes.state(db, me)["votes"][key]["results"]["trends"][str(trend_ids[2])]["total"] == 1
    with pytest.raises(DomainError) as err:
        do(db, dotvotes.remove_dot, me, {"session_id": vote_session, "trend_id": trend_ids[2]})
    assert err.value.code == "vote_closed"


def test_facilitator_sets_the_dots_but_not_below_what_was_placed(db, sample_id, vote_session, trend_ids):
    me = person_in_group(db, sample_id, 0)
    settings, _ = do(db, dotvotes.configure, staff(sample_id), {"session_id": vote_session, "dots": 3})
    assert settings["dots"] == 3
    for _ in range(3):
        do(db, dotvotes.add_dot, me, {"session_id": vote_session, "trend_id": trend_ids[0]})
    with pytest.raises(DomainError):
        do(db, dotvotes.add_dot, me, {"session_id": vote_session, "trend_id": trend_ids[0]})
    with pytest.raises(DomainError):
        do(db, dotvotes.configure, staff(sample_id), {"session_id": vote_session, "dots": 2})
    with pytest.raises(Forbidden):
        do(db, dotvotes.configure, me, {"session_id": vote_session, "dots": 10})
    with pytest.raises(Forbidden):
        do(db, dotvotes.add_dot, staff(sample_id), {"session_id": vote_session, "trend_id": trend_ids[0]})


def test_only_trends_of_a_dot_vote_session_take_dots(db, sample_id, vote_session, trend_ids):
    me = person_in_group(db, sample_id, 0)
    example = do(db, trends.add, staff(sample_id), {"text": "Cafe closes", "parent_id": trend_ids[0], "kind": "example"})[0]
    other_session = row(db, "select id from sessions where conference_id = ? and activity = 'trend_map'", [sample_id])["id"]
    for data in ({"session_id": vote_session, "trend_id": example["id"]},
                 {"session_id": other_session, "trend_id": trend_ids[0]},
                 {"session_id": vote_session, "trend_id": 99999}, {"session_id": vote_session}):
        with pytest.raises(DomainError):
            do(db, dotvotes.add_dot, me, data)
    assert row(db, "select count(*) n from dots")["n"] == 0


def test_merging_trends_moves_the_dots(db, sample_id, vote_session, trend_ids):
    me = person_in_group(db, sample_id, 0)
    do(db, dotvotes.add_dot, me, {"session_id": vote_session, "trend_id": trend_ids[1]})
    do(db, dotvotes.add_dot, me, {"session_id": vote_session, "trend_id": trend_ids[2]})
    do(db, trends.merge, staff(sample_id), {"id": trend_ids[1], "into_id": trend_ids[2]})
    assert dotvotes.my_dots(db, vote_session, me.participant_id)["dots"] == {str(trend_ids[2]): 2}
