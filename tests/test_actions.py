"""Actions of an action group: who may edit them, what they hold, the trace back to the common ground."""
import pytest

from facilitator.domain import actions, goals
from facilitator.domain.errors import Forbidden, NotFound, ValidationError
from facilitator.domain.plan import plan, trace
from tests.test_goals import confirmed_statement, event_count, make_goal, world  # noqa: F401 (fixture)


@pytest.fixture
def goal(world):
    g = make_goal(world)
    goals.join(world.db, world.a, {"goal_id": g["id"]})
    return g


def test_member_adds_action_with_what_who_when_how_where(world, goal):
    action = actions.create(world.db, world.a, {
        "goal_id": goal["id"], "what": "Send mystery guests to five counters", "how": "Ten volunteers, a budget of 2,000",
        "when_date": "2021-06-30", "horizon": "short", "neighbourhoods": ["Binnenstad", "Brouwhuis"],
        "people": [{"participant_id": world.a.participant_id, "role": "lead"}, {"organisation": "Gemeente Helmond"}],
    })[0]["action"]
    assert action["status"] == "planned" and action["created_by"] == world.a.participant_id
    assert action["people"] == [{"participant_id": world.a.participant_id, "organisation": "", "role": "lead"},
                                {"participant_id": None, "organisation": "Gemeente Helmond", "role": "member"}]
    assert plan(world.db, world.cid)["goals"][0]["actions"][0]["what"] == "Send mystery guests to five counters"


def test_the_group_edits_together(world, goal):
    goals.join(world.db, world.b, {"goal_id": goal["id"]})
    aid = actions.create(world.db, world.a, {"goal_id": goal["id"], "what": "Buddies"})[0]["action"]["id"]
    updated = actions.update(world.db, world.b, {"action_id": aid, "horizon": "long",
                                                 "people": [{"organisation": "Buddy network", "role": "lead"}]})[0]["action"]
    assert updated["what"] == "Buddies" and updated["horizon"] == "long"
    assert updated["people"] == [{"participant_id": None, "organisation": "Buddy network", "role": "lead"}]
    actions.delete(world.db, world.b, {"action_id": aid})
    assert plan(world.db, world.cid)["goals"][0]["actions"] == []


def test_outsiders_and_projector_cannot_touch_actions(world, goal):
    aid = actions.create(world.db, world.a, {"goal_id": goal["id"], "what": "Buddies"})[0]["action"]["id"]
    before = event_count(world.db)
    for who in (world.b, world.presenter):
        with pytest.raises(Forbidden):
            actions.create(world.db, who, {"goal_id": goal["id"], "what": "Mine"})
        with pytest.raises(Forbidden):
            actions.update(world.db, who, {"action_id": aid, "what": "Mine"})
        with pytest.raises(Forbidden):
            actions.delete(world.db, who, {"action_id": aid})
    assert event_count(world.db) == before
    assert [a["what"] for a in plan(world.db, world.cid)["goals"][0]["actions"]] == ["Buddies"]


def test_staff_edit_any_action(world, goal):
    aid = actions.create(world.db, world.staff, {"goal_id": goal["id"], "what": "Buddies"})[0]["action"]["id"]
    assert actions.update(world.db, world.staff, {"action_id": aid, "what": "Buddy network"})[0]["action"]["what"] == "Buddy network"


@pytest.mark.parametrize("data, field", [
    ({"what": ""}, "what"),
    ({"what": "x" * 301}, "what"),
    ({"what": "ok", "when_date": "next week"}, "when_date"),
    ({"what": "ok", "horizon": "medium"}, "horizon"),
    ({"what": "ok", "neighbourhoods": ["Atlantis"]}, "neighbourhoods[0]"),
    ({"what": "ok", "people": "everyone"}, "people"),
    ({"what": "ok", "people": [{"participant_id": 1, "organisation": "Both"}]}, "people[0]"),
    ({"what": "ok", "people": [{}]}, "people[0]"),
    ({"what": "ok", "people": [{"organisation": "A"}, {"organisation": "a"}]}, "people[1]"),
    ({"what": "ok", "people": [{"organisation": "A", "role": "boss"}]}, "people[0].role"),
])
def test_bad_action_changes_nothing(world, goal, data, field):
    before = event_count(world.db)
    with pytest.raises(ValidationError) as err:
        actions.create(world.db, world.a, {"goal_id": goal["id"], **data})
    assert err.value.field == field
    assert event_count(world.db) == before and plan(world.db, world.cid)["goals"][0]["actions"] == []


def test_person_from_another_conference_cannot_be_named(world, goal, sample_data):
    from facilitator.domain import definition, participants

    other = definition.import_definition(world.db, {**sample_data, "title": "Elsewhere"})
    stranger = participants.list_for(world.db, other)[0]
    with pytest.raises(NotFound):
        actions.create(world.db, world.a, {"goal_id": goal["id"], "what": "ok",
                                           "people": [{"participant_id": stranger["id"]}]})


def test_trace_from_action_back_to_the_original_notes(world):
    sid = confirmed_statement(world.db, world.cid)
    g = goals.create(world.db, world.staff, {"common_ground_id": sid})[0]["goal"]
    aid = actions.create(world.db, world.staff, {"goal_id": g["id"], "what": "Sports pass"})[0]["action"]["id"]
    t = trace(world.db, world.cid, aid)
    assert t["action"]["what"] == "Sports pass" and t["goal"]["id"] == g["id"]
    assert t["statement"]["text"] == "Everyone can take part in Helmond"
    assert t["theme"]["name"] == "Everyone can take part"
    assert [c["text"] for c in t["candidates"]] == ["No child left out of sports", "Free public transport for minimum incomes"]
    assert all("participant_id" not in c for c in t["candidates"])


def test_trace_of_a_goal_from_scratch_stops_at_the_goal(world, goal):
    aid = actions.create(world.db, world.a, {"goal_id": goal["id"], "what": "Buddies"})[0]["action"]["id"]
    t = trace(world.db, world.cid, aid)
    assert t["goal"]["title"] == goal["title"] and t["statement"] is None and t["candidates"] == []
