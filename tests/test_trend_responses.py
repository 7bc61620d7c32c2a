"""Trend response sheets: only members of a stakeholder group edit its sheet; everyone else only reads."""
import pytest

from facilitator import db as database
from facilitator.db import transaction
from facilitator.domain import participants, trend_responses, trends
from facilitator.domain.errors import DomainError, Forbidden
from facilitator.domain.events import Actor


def do(db, fn, actor, data):
    with transaction(db):
        return fn(db, actor, data)


def staff(cid):
    return Actor("facilitator", cid, user_id=1)


def member(db, cid, group_index, n=0):
    gid = database.rows(db, "select id from stakeholder_groups where conference_id = ? order by position", [cid])[group_index]["id"]
    p = [p for p in participants.list_for(db, cid) if p["stakeholder_group_id"] == gid][n]
    return Actor("participant", cid, participant_id=p["id"], group_id=gid)


@pytest.fixture
def trend_ids(db, sample_id):
    return [do(db, trends.add, staff(sample_id), {"text": t})[0]["id"] for t in ("Loneliness", "Debt")]


def test_group_members_fill_in_their_sheet_together(db, sample_id, trend_ids):
    a, a2 = member(db, sample_id, 0), member(db, sample_id, 0, 1)
    sheet, evs = do(db, trend_responses.pick, a, {"trend_id": trend_ids[1]})
    row_id = sheet["rows"][0]["id"]  # the row's own id names its shared texts
    assert sheet == {"group_id": a.group_id, "rows": [{"id": row_id, "trend_id": trend_ids[1], "trend": "Debt", "now": "", "want": ""}],
                     "our_dots": []}
    assert [e["audience"] for e in evs] == [f"group:{a.group_id}", "presenters"]
    do(db, trend_responses.write, a2, {"trend_id": trend_ids[1], "field": "now", "text": "Debt counselling desk"})
    sheet, _ = do(db, trend_responses.write, a, {"trend_id": trend_ids[1], "field": "want", "text": "Reach people sooner"})
    assert (sheet["rows"][0]["now"], sheet["rows"][0]["want"]) == ("Debt counselling desk", "Reach people sooner")
    with pytest.raises(DomainError):
        do(db, trend_responses.pick, a2, {"trend_id": trend_ids[1]})
    do(db, trend_responses.pick, a2, {"trend_id": trend_ids[0]})
    sheet, _ = do(db, trend_responses.unpick, a, {"trend_id": trend_ids[1]})
    assert [r["trend"] for r in sheet["rows"]] == ["Loneliness"]


def test_only_members_of_a_group_edit_its_sheet(db, sample_id, trend_ids):
    a, b = member(db, sample_id, 0), member(db, sample_id, 1)
    do(db, trend_responses.pick, a, {"trend_id": trend_ids[0]})
    for actor in (b, staff(sample_id), Actor("presenter", sample_id)):
        for fn, data in ((trend_responses.pick, {"group_id": a.group_id, "trend_id": trend_ids[1]}),
                         (trend_responses.write, {"group_id": a.group_id, "trend_id": trend_ids[0], "field": "now", "text": "x"}),
                         (trend_responses.unpick, {"group_id": a.group_id, "trend_id": trend_ids[0]})):
            with pytest.raises(Forbidden):
                do(db, fn, actor, data)
    assert trend_responses.sheet(db, a.group_id)["rows"][0]["now"] == ""
    assert len(trend_responses.sheet(db, a.group_id)["rows"]) == 1


def test_the_group_check_uses_the_current_group_not_a_stale_one(db, sample_id, trend_ids):
    a, b = member(db, sample_id, 0), member(db, sample_id, 1)
    participants.update(db, sample_id, a.participant_id, {**participants.get(db, sample_id, a.participant_id),
                                                           "stakeholder_group": database.row(db, "select key from stakeholder_groups where id = ?", [b.group_id])["key"]})
    with pytest.raises(Forbidden):  # the actor still says group a, the database says group b
        do(db, trend_responses.pick, a, {"group_id": a.group_id, "trend_id": trend_ids[0]})


def test_who_sees_which_sheets(db, sample_id, trend_ids):
    a = member(db, sample_id, 0)
    assert [s["group_id"] for s in trend_responses.state(db, a)["sheets"]] == [a.group_id]
    assert len(trend_responses.state(db, Actor("presenter", sample_id))["sheets"]) == 6
    _, evs = do(db, trend_responses.show, staff(sample_id), {"group_id": a.group_id})
    assert evs[0]["kind"] == "response.show" and trend_responses.state(db, a)["showing"] == a.group_id


def test_bad_input_changes_nothing(db, sample_id, trend_ids):
    a = member(db, sample_id, 0)
    do(db, trend_responses.pick, a, {"trend_id": trend_ids[0]})
    for data in ({"trend_id": trend_ids[0], "field": "later", "text": "x"},
                 {"trend_id": trend_ids[0], "field": "now", "text": "x" * 1501},
                 {"trend_id": trend_ids[1], "field": "now", "text": "not picked"},
                 {"trend_id": "one", "field": "now", "text": "x"}):
        with pytest.raises(DomainError):
            do(db, trend_responses.write, a, data)
    assert trend_responses.sheet(db, a.group_id)["rows"][0]["now"] == ""


def test_the_sheet_offers_the_trends_in_the_order_of_the_groups_own_dots(db, sample_id, trend_ids):
    """Issue 13: the group picks from its own priorities, not the map's order or the room's."""
    from facilitator.db import row
    from facilitator.domain import dotvotes
    session = row(db, "select id from sessions where conference_id = ? and activity = 'dot_vote'", [sample_id])["id"]
    a, other = member(db, sample_id, 0), member(db, sample_id, 1)
    for voter, trend in ((a, 1), (a, 1), (a, 0), (other, 0), (other, 0), (other, 0)):
        do(db, dotvotes.add_dot, voter, {"session_id": session, "trend_id": trend_ids[trend]})
    ours = trend_responses.state(db, a)["sheets"][0]["our_dots"]
    assert [(t["trend"], t["dots"]) for t in ours] == [("Debt", 2), ("Loneliness", 1)]


def test_saving_a_text_says_saved(db, sample_id, trend_ids):
    a = member(db, sample_id, 0)
    do(db, trend_responses.pick, a, {"trend_id": trend_ids[0]})
    result, _ = do(db, trend_responses.write, a, {"trend_id": trend_ids[0], "field": "now", "text": "A desk"})
    assert result["saved"] == "Saved. Your group sees it."
