"""Public commitments: attached to a goal or action, personal or for an organisation, and they keep
their author when the author's data is anonymised."""
import json

import pytest

from facilitator.domain import actions, commitments, goals
from facilitator.domain.errors import DomainError, Forbidden, ValidationError
from facilitator.domain.plan import plan
from tests.test_goals import event_count, make_goal, world  # noqa: F401 (fixture)


@pytest.fixture
def goal(world):
    return make_goal(world)


def test_commit_to_a_goal_personally(world, goal):
    c = commitments.make(world.db, world.a, {"goal_id": goal["id"], "text": "I will host the first meeting",
                                             "by_when": "1 April"})[0]["commitment"]
    assert c["participant_id"] == world.a.participant_id and c["on_behalf"] == "self"
    assert c["organisation"] == world.people[0]["organisation"]
    p = plan(world.db, world.cid)
    assert p["commitments"] == [c] and p["goals"][0]["commitments"] == [c]


def test_commit_to_an_action_on_behalf_of_organisation_keeps_the_goal(world, goal):
    aid = actions.create(world.db, world.staff, {"goal_id": goal["id"], "what": "Buddies"})[0]["action"]["id"]
    c = commitments.make(world.db, world.b, {"action_id": aid, "text": "We will train ten buddies",
                                             "on_behalf": "organisation"})[0]["commitment"]
    assert c["action_id"] == aid and c["goal_id"] == goal["id"] and c["on_behalf"] == "organisation"
    # Removing the action keeps the commitment on its goal.
    actions.delete(world.db, world.staff, {"action_id": aid})
    assert plan(world.db, world.cid)["goals"][0]["commitments"][0]["action_id"] is None


@pytest.mark.parametrize("data, field", [
    ({"text": ""}, "text"),
    ({"text": "x" * 501}, "text"),
    ({"text": "ok", "on_behalf": "city"}, "on_behalf"),
    ({"text": "ok", "by_when": "x" * 81}, "by_when"),
])
def test_bad_commitment_changes_nothing(world, goal, data, field):
    with pytest.raises(ValidationError) as err:
        commitments.make(world.db, world.a, {"goal_id": goal["id"], **data})
    assert err.value.field == field
    assert commitments.list_for(world.db, world.cid) == [] and event_count(world.db) == 1


def test_commitment_needs_goal_or_action(world, goal):
    with pytest.raises(ValidationError) as err:
        commitments.make(world.db, world.a, {"text": "I will"})
    assert err.value.field == "goal_id"


def test_on_behalf_of_organisation_needs_one(world, goal):
    world.db.execute("update participants set organisation = '' where id = ?", [world.a.participant_id])
    with pytest.raises(DomainError) as err:
        commitments.make(world.db, world.a, {"goal_id": goal["id"], "text": "We will", "on_behalf": "organisation"})
    assert err.value.code == "no_organisation"


def test_only_participants_commit(world, goal):
    for who in (world.staff, world.presenter):
        with pytest.raises(Forbidden):
            commitments.make(world.db, who, {"goal_id": goal["id"], "text": "I will"})


def test_only_author_or_staff_withdraws(world, goal):
    cid = commitments.make(world.db, world.a, {"goal_id": goal["id"], "text": "I will"})[0]["commitment"]["id"]
    with pytest.raises(Forbidden):
        commitments.withdraw(world.db, world.b, {"commitment_id": cid})
    commitments.withdraw(world.db, world.a, {"commitment_id": cid})
    assert commitments.list_for(world.db, world.cid) == []


def test_commitment_keeps_its_author_after_anonymisation(world, goal):
    """Erasure (issue 8) blanks the name and e-mail on the participant row; the commitment still points
    at that row, keeps the organisation, and no copy of the name is left in the event log."""
    name = world.people[0]["name"]
    made = commitments.make(world.db, world.a, {"goal_id": goal["id"], "text": "I will open our canteen"})[0]["commitment"]
    world.db.execute("update participants set name = '', email = '', hide_name = 1 where id = ?", [world.a.participant_id])
    p = plan(world.db, world.cid)
    kept = p["commitments"][0]
    assert kept["participant_id"] == world.a.participant_id and kept["text"] == made["text"]
    assert kept["organisation"] == world.people[0]["organisation"]
    author = p["people"][world.a.participant_id]
    assert author["name"] == "" and author["group_id"] == world.a.group_id
    log = " ".join(r[0] for r in world.db.execute("select data from events"))
    assert name not in log and json.loads(world.db.execute("select data from events where kind = 'commitment.made'")
                                          .fetchone()[0])["commitment"]["participant_id"] == world.a.participant_id
