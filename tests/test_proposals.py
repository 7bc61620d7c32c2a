"""Proposed actions: a newcomer's proposal never changes the plan until a lead of the goal accepts it;
only the goal's leads (and staff) accept or decline, declining needs a reason."""
import json

import pytest

from facilitator.domain import cafe, goals, plan, proposals
from facilitator.domain.errors import DomainError
from facilitator.domain.events import Actor


def actor_of(p):
    return Actor("participant", p["conference_id"], participant_id=p["id"], group_id=p["stakeholder_group_id"])


@pytest.fixture
def world(db, sample_id, admin):
    staff = Actor("organiser", sample_id, user_id=admin["id"])
    people = [p for p in db.execute("select id from participants where conference_id = ? order by id limit 3",
                                    [sample_id]).fetchall()]
    lead, member, _ = (Actor("participant", sample_id, participant_id=r[0]) for r in people)
    goal = goals.create(db, staff, {"title": "Buddies for everyone"})[0]["goal"]
    goals.join(db, lead, {"goal_id": goal["id"]})
    goals.join(db, member, {"goal_id": goal["id"]})
    goals.set_lead(db, lead, {"goal_id": goal["id"], "participant_id": lead.participant_id})
    cafe.update_settings(db, sample_id, cafe_open=True)
    newcomer = actor_of(cafe.join_newcomer(db, sample_id, {"name": "Nina Newcomer", "organisation": "Buurthuis"}))
    return {"staff": staff, "lead": lead, "member": member, "newcomer": newcomer, "goal": goal["id"], "cid": sample_id}


def plan_without_times(db, cid):
    p = plan.plan(db, cid)
    return json.dumps(p["goals"], sort_keys=True, default=str)


def test_a_proposal_never_changes_the_plan_until_accepted(db, world):
    before = plan_without_times(db, world["cid"])
    made, evs = proposals.propose(db, world["newcomer"], {"goal_id": world["goal"], "what": "A buddy bench", "how": "Wood"})
    p = made["proposal"]
    assert p["state"] == "proposed" and p["participant_id"] == world["newcomer"].participant_id
    assert evs[0]["kind"] == "proposal.made"
    assert plan_without_times(db, world["cid"]) == before
    assert db.execute("select count(*) from actions").fetchone()[0] == 0
    result, evs = proposals.accept(db, world["lead"], {"proposal_id": p["id"]})
    assert [e["kind"] for e in evs] == ["action.created", "proposal.decided"]
    assert result["proposal"]["state"] == "accepted" and result["proposal"]["action_id"] == result["action"]["id"]
    after = plan.plan(db, world["cid"])["goals"][0]["actions"]
    assert [(a["what"], a["how"]) for a in after] == [("A buddy bench", "Wood")]


def test_declining_needs_a_reason_and_leaves_the_plan_alone(db, world):
    p = proposals.propose(db, world["newcomer"], {"goal_id": world["goal"], "what": "A big party"})[0]["proposal"]
    with pytest.raises(DomainError) as err:
        proposals.decline(db, world["lead"], {"proposal_id": p["id"], "reason": " "})
    assert err.value.field == "reason"
    result, _ = proposals.decline(db, world["lead"], {"proposal_id": p["id"], "reason": "No money this year"})
    assert result["proposal"]["state"] == "declined" and result["proposal"]["reason"] == "No money this year"
    assert db.execute("select count(*) from actions").fetchone()[0] == 0
    with pytest.raises(DomainError) as err:
        proposals.accept(db, world["lead"], {"proposal_id": p["id"]})
    assert err.value.code == "already_decided"
    stand = cafe.where_we_stand(db, world["cid"])
    assert stand["decisions"][0]["reason"] == "No money this year"


@pytest.mark.parametrize("who", ["member", "newcomer"])
def test_only_leads_accept_or_decline(db, world, who):
    p = proposals.propose(db, world["newcomer"], {"goal_id": world["goal"], "what": "A buddy bench"})[0]["proposal"]
    for fn, data in ((proposals.accept, {}), (proposals.decline, {"reason": "No"})):
        with pytest.raises(DomainError) as err:
            fn(db, world[who], {"proposal_id": p["id"], **data})
        assert err.value.code == "forbidden"
    assert proposals.get(db, world["cid"], p["id"])["state"] == "proposed"
    proposals.accept(db, world["staff"], {"proposal_id": p["id"], "what": "A buddy bench at the station"})
    assert plan.plan(db, world["cid"])["goals"][0]["actions"][0]["what"] == "A buddy bench at the station"


def test_bad_proposals_are_refused(db, world):
    for data, field in (({"goal_id": world["goal"], "what": ""}, "what"), ({"goal_id": "x", "what": "y"}, "goal_id"),
                        ({"goal_id": world["goal"], "what": "y" * 400}, "what")):
        with pytest.raises(DomainError) as err:
            proposals.propose(db, world["newcomer"], data)
        assert err.value.field == field
    with pytest.raises(DomainError) as err:
        proposals.propose(db, world["staff"], {"goal_id": world["goal"], "what": "x"})
    assert err.value.code == "forbidden"
    assert db.execute("select count(*) from action_proposals").fetchone()[0] == 0
