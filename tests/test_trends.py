"""The trend map: branches, sub-trends and examples; proposals placed, merged or set aside."""
import pytest

from facilitator.db import rows
from facilitator.domain import participants, trends
from facilitator.domain.errors import DomainError, Forbidden
from facilitator.domain.events import Actor
from tests.shared_future_helpers import run as do  # the change, then its follow-ups (the results)


def staff(cid):
    return Actor("facilitator", cid, user_id=1)


def person(db, cid, n=0):
    p = participants.list_for(db, cid)[n]
    return Actor("participant", cid, participant_id=p["id"], group_id=p["stakeholder_group_id"])


def test_the_facilitator_builds_a_map(db, sample_id):
    f = staff(sample_id)
    assert trends.tree(db, sample_id)["topic"].startswith("Wat is er nodig")
    branch = do(db, trends.add, f, {"text": "Loneliness"})[0]["id"]
    sub, evs = do(db, trends.add, f, {"text": "Older people alone", "parent_id": branch})
    assert evs[0]["kind"] == "trend.map" and evs[0]["audience"] == "all"
    do(db, trends.add, f, {"text": "Library closes at 5", "parent_id": sub["id"], "kind": "example"})
    do(db, trends.set_topic, f, {"text": "Everyone takes part"})
    t = trends.tree(db, sample_id)
    assert t["topic"] == "Everyone takes part"
    assert [(n["text"], n["kind"]) for n in t["nodes"]] == [
        ("Loneliness", "trend"), ("Older people alone", "trend"), ("Library closes at 5", "example")]
    assert trends.depth(db, rows(db, "select * from trends where kind = 'example'")[0]) == 3


def test_map_rules(db, sample_id):
    f = staff(sample_id)
    a = do(db, trends.add, f, {"text": "A"})[0]["id"]
    b = do(db, trends.add, f, {"text": "B", "parent_id": a})[0]["id"]
    ex = do(db, trends.add, f, {"text": "e.g.", "parent_id": b, "kind": "example"})[0]["id"]
    bad = [
        (trends.add, {"text": "under example", "parent_id": ex}),
        (trends.add, {"text": "loose example", "kind": "example"}),
        (trends.add, {"text": ""}), (trends.add, {"text": "x" * 121}), (trends.add, {"text": "x", "kind": "idea"}),
        (trends.add, {"text": "x", "parent_id": 99999}),
        (trends.move, {"id": a, "parent_id": b}),  # a cycle
        (trends.merge, {"id": a, "into_id": b}), (trends.merge, {"id": a, "into_id": ex}),
        (trends.merge, {"id": a, "into_id": a}),
    ]
    for fn, data in bad:
        with pytest.raises(DomainError):
            do(db, fn, f, data)
    assert len(trends.nodes(db, sample_id)) == 3
    c = do(db, trends.add, f, {"text": "C", "parent_id": b})[0]["id"]
    with pytest.raises(DomainError):  # depth 4 is the most
        do(db, trends.add, f, {"text": "D", "parent_id": c})
        do(db, trends.add, f, {"text": "E", "parent_id": rows(db, "select max(id) m from trends")[0]["m"]})


def test_merge_moves_sub_trends_and_remove_takes_the_branch(db, sample_id):
    f = staff(sample_id)
    a = do(db, trends.add, f, {"text": "Poverty"})[0]["id"]
    a_sub = do(db, trends.add, f, {"text": "Energy bills", "parent_id": a})[0]["id"]
    b = do(db, trends.add, f, {"text": "Money worries"})[0]["id"]
    do(db, trends.merge, f, {"id": b, "into_id": a})
    assert {n["text"] for n in trends.nodes(db, sample_id)} == {"Poverty", "Energy bills"}
    do(db, trends.remove, f, {"id": a})
    assert trends.nodes(db, sample_id) == [] and a_sub


def test_participants_cannot_change_the_map(db, sample_id):
    me = person(db, sample_id)
    a = do(db, trends.add, staff(sample_id), {"text": "A"})[0]["id"]
    for fn, data in ((trends.add, {"text": "x"}), (trends.edit, {"id": a, "text": "x"}), (trends.remove, {"id": a}),
                     (trends.set_topic, {"text": "x"}), (trends.set_proposals_open, {"open": True})):
        with pytest.raises(Forbidden):
            do(db, fn, me, data)
    assert [n["text"] for n in trends.nodes(db, sample_id)] == ["A"]


def test_proposals_only_when_open_and_anonymous(db, sample_id):
    f, me = staff(sample_id), person(db, sample_id)
    with pytest.raises(DomainError) as err:
        do(db, trends.propose, me, {"text": "Housing shortage"})
    assert err.value.code == "proposals_closed"
    do(db, trends.set_proposals_open, f, {"open": True})
    proposal, evs = do(db, trends.propose, me, {"text": "Housing shortage"})
    assert [e["audience"] for e in evs] == ["facilitators", f"participant:{me.participant_id}"]
    assert "participant_id" not in str(evs[0]["data"]) and proposal["status"] == "pending"
    assert [p["text"] for p in trends.state(db, f)["pending"]] == ["Housing shortage"]
    assert "pending" not in trends.state(db, person(db, sample_id, 1))
    assert "pending" not in trends.state(db, Actor("presenter", sample_id))


def test_facilitator_places_merges_or_dismisses_proposals(db, sample_id):
    f, me = staff(sample_id), person(db, sample_id)
    branch = do(db, trends.add, f, {"text": "Housing"})[0]["id"]
    do(db, trends.set_proposals_open, f, {"open": True})
    ids = [do(db, trends.propose, me, {"text": t})[0]["id"] for t in ("Rents rise", "Housing", "Aliens")]
    placed, evs = do(db, trends.place, f, {"proposal_id": ids[0], "parent_id": branch})
    assert placed["status"] == "placed" and [e["kind"] for e in evs] == ["trend.map", "trend.proposals", "trend.proposal"]
    merged, _ = do(db, trends.merge_proposal, f, {"proposal_id": ids[1], "into_id": branch})
    assert merged == {"id": ids[1], "text": "Housing", "status": "merged", "trend_id": branch}
    do(db, trends.dismiss, f, {"proposal_id": ids[2]})
    with pytest.raises(DomainError):
        do(db, trends.dismiss, f, {"proposal_id": ids[2]})
    assert trends.state(db, f)["pending"] == []
    assert [p["status"] for p in trends.state(db, me)["my_proposals"]] == ["placed", "merged", "dismissed"]
    assert [n["text"] for n in trends.nodes(db, sample_id)] == ["Housing", "Rents rise"]


def test_removing_or_merging_trends_updates_sheets_dots_and_results(db, sample_id):
    from facilitator.db import row
    from facilitator.domain import dotvotes, trend_responses

    f, me = staff(sample_id), person(db, sample_id)
    vote = row(db, "select id from sessions where conference_id = ? and activity = 'dot_vote'", [sample_id])["id"]
    a = do(db, trends.add, f, {"text": "Debt"})[0]["id"]
    a_sub = do(db, trends.add, f, {"text": "Young people in debt", "parent_id": a})[0]["id"]
    b = do(db, trends.add, f, {"text": "Money worries"})[0]["id"]
    do(db, dotvotes.add_dot, me, {"session_id": vote, "trend_id": a_sub})
    do(db, dotvotes.add_dot, me, {"session_id": vote, "trend_id": b})
    do(db, trend_responses.pick, me, {"trend_id": b})
    _, evs = do(db, trends.merge, f, {"id": b, "into_id": a})
    kinds = [(e["kind"], e["audience"]) for e in evs]
    assert ("response.sheet", f"group:{me.group_id}") in kinds and ("vote.mine", f"participant:{me.participant_id}") in kinds
    assert ("vote.results", "presenters") in kinds
    mine = [e for e in evs if e["kind"] == "vote.mine"][0]["data"]
    assert mine["dots"] == {str(a_sub): 1, str(a): 1} and mine["used"] == 2
    assert [r["trend"] for r in trend_responses.sheet(db, me.group_id)["rows"]] == ["Debt"]
    _, evs = do(db, trends.remove, f, {"id": a})  # the branch, its sub-trend and the dots on both
    mine = [e for e in evs if e["kind"] == "vote.mine"][0]["data"]
    assert mine["used"] == 0 and dotvotes.used(db, vote, me.participant_id) == 0
    assert [e["data"]["rows"] for e in evs if e["kind"] == "response.sheet"][0] == []
