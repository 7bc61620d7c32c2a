"""Prouds and sorries: two lists per stakeholder group, edited by its members, without names."""
import pytest

from facilitator import db as database
from facilitator.db import transaction
from facilitator.domain import participants, prouds
from facilitator.domain.errors import DomainError, Forbidden
from facilitator.domain.events import Actor


def do(db, fn, actor, data):
    with transaction(db):
        return fn(db, actor, data)


def member(db, cid, group_index, n=0):
    gid = database.rows(db, "select id from stakeholder_groups where conference_id = ? order by position", [cid])[group_index]["id"]
    p = [p for p in participants.list_for(db, cid) if p["stakeholder_group_id"] == gid][n]
    return Actor("participant", cid, participant_id=p["id"], group_id=gid)


def test_members_add_and_edit_together(db, sample_id):
    a, a2 = member(db, sample_id, 2), member(db, sample_id, 2, 1)
    first, evs = do(db, prouds.add, a, {"kind": "proud", "text": "Our volunteers"})
    assert [e["audience"] for e in evs] == [f"group:{a.group_id}", "presenters"]
    assert "participant_id" not in str(evs[0]["data"])
    do(db, prouds.add, a2, {"kind": "sorry", "text": "We work in silos"})
    edited, _ = do(db, prouds.edit, a2, {"id": first["id"], "text": "Our 400 volunteers"})
    assert [(i["kind"], i["text"]) for i in edited["items"]] == [("proud", "Our 400 volunteers"), ("sorry", "We work in silos")]
    listed, _ = do(db, prouds.remove, a, {"id": first["id"]})
    assert [i["text"] for i in listed["items"]] == ["We work in silos"]


def test_other_groups_and_staff_cannot_change_a_list(db, sample_id):
    a, b = member(db, sample_id, 2), member(db, sample_id, 4)
    item = do(db, prouds.add, a, {"kind": "proud", "text": "Ours"})[0]
    staff = Actor("facilitator", sample_id, user_id=1)
    for actor in (b, staff):
        with pytest.raises(Forbidden):
            do(db, prouds.edit, actor, {"id": item["id"], "text": "Theirs"})
        with pytest.raises(Forbidden):
            do(db, prouds.remove, actor, {"id": item["id"]})
        with pytest.raises(Forbidden):
            do(db, prouds.add, actor, {"group_id": a.group_id, "kind": "sorry", "text": "x"})
    assert [i["text"] for i in prouds.items(db, a.group_id)["items"]] == ["Ours"]
    assert prouds.state(db, b)["lists"] == [{"group_id": b.group_id, "items": []}]
    assert len(prouds.state(db, Actor("presenter", sample_id))["lists"]) == 6


@pytest.mark.parametrize("data", [{"kind": "glad", "text": "x"}, {"kind": "proud", "text": ""},
                                  {"kind": "proud", "text": "x" * 301}, {"kind": "proud"}])
def test_bad_items_are_refused(db, sample_id, data):
    a = member(db, sample_id, 0)
    with pytest.raises(DomainError):
        do(db, prouds.add, a, data)
    assert prouds.items(db, a.group_id)["items"] == []
