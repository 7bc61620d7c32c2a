"""Goals and self-selected action groups: the domain rules."""
from types import SimpleNamespace

import pytest

from facilitator.db import rows, transaction
from facilitator.domain import definition, goals, participants
from facilitator.domain.errors import DomainError, Forbidden, NotFound, ValidationError
from facilitator.domain.events import Actor
from facilitator.domain.plan import plan


@pytest.fixture
def world(memory_db, sample_data):
    """The sample conference with a facilitator and three participants from different groups."""
    db = memory_db
    cid = definition.import_definition(db, sample_data)
    people = participants.list_for(db, cid)
    by_group = {}
    for p in people:
        by_group.setdefault(p["stakeholder_group_id"], p)
    chosen = list(by_group.values())[:3]

    def actor(p):
        return Actor("participant", cid, participant_id=p["id"], group_id=p["stakeholder_group_id"])

    return SimpleNamespace(
        db=db, cid=cid, staff=Actor("facilitator", cid, user_id=1), presenter=Actor("presenter", cid),
        people=chosen, a=actor(chosen[0]), b=actor(chosen[1]), c=actor(chosen[2]),
    )


def make_goal(w, title="Remove the stigma of poverty", **extra):
    return goals.create(w.db, w.staff, {"title": title, **extra})[0]["goal"]


def event_count(db):
    return db.execute("select count(*) from events").fetchone()[0]


def test_facilitator_creates_goal_with_tags(world):
    goal = make_goal(world, description="Nobody is ashamed to ask for help.",
                     themes=["Health", "Social cohesion"], neighbourhoods=["Binnenstad"])
    assert goal["source_kind"] == "scratch" and goal["common_ground_id"] is None
    assert goal["themes"] == ["Health", "Social cohesion"] and goal["neighbourhoods"] == ["Binnenstad"]
    assert [g["title"] for g in plan(world.db, world.cid)["goals"]] == ["Remove the stigma of poverty"]


@pytest.mark.parametrize("data, field", [
    ({"title": ""}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"title": "ok", "themes": ["Not a theme"]}, "themes[0]"),
    ({"title": "ok", "neighbourhoods": ["Atlantis"]}, "neighbourhoods[0]"),
    ({"title": "ok", "themes": "Health"}, "themes"),
])
def test_bad_goal_changes_nothing(world, data, field):
    with pytest.raises(ValidationError) as err:
        goals.create(world.db, world.staff, data)
    assert err.value.field == field
    assert goals.list_for(world.db, world.cid) == [] and event_count(world.db) == 0


def test_participant_cannot_create_goal(world):
    with pytest.raises(Forbidden):
        goals.create(world.db, world.a, {"title": "Mine"})
    assert goals.list_for(world.db, world.cid) == []


def confirmed_statement(db, cid, name="Everyone can take part", text="Everyone can take part in Helmond"):
    """A confirmed common-ground statement with two candidates from tables, as issue 5 stores them."""
    with transaction(db):
        theme = db["common_ground_themes"].insert({"conference_id": cid, "name": name, "state": "confirmed",
                                                   "created_at": "2021-02-26T10:00:00"}).last_pk
        for text_ in ("No child left out of sports", "Free public transport for minimum incomes"):
            db["common_ground_candidates"].insert({"conference_id": cid, "list": "future", "text": text_,
                                                   "theme_id": theme, "created_at": "x", "updated_at": "x"})
        return db["common_ground_statements"].insert({"conference_id": cid, "theme_id": theme, "text": text,
                                                      "created_at": "x", "updated_at": "x"}).last_pk


def test_goal_from_common_ground_keeps_the_link(world):
    sid = confirmed_statement(world.db, world.cid)
    goal = goals.create(world.db, world.staff, {"common_ground_id": sid})[0]["goal"]
    assert goal["title"] == "Everyone can take part in Helmond"
    assert goal["source_kind"] == "common_ground" and goal["common_ground_id"] == sid
    p = plan(world.db, world.cid)
    assert p["goals"][0]["source"] == {"kind": "common_ground", "id": sid, "text": "Everyone can take part in Helmond",
                                       "theme": "Everyone can take part"}


def test_goal_from_unknown_or_unconfirmed_statement_is_refused(world):
    sid = confirmed_statement(world.db, world.cid)
    world.db.execute("update common_ground_themes set state = 'not_agreed'")
    with pytest.raises(NotFound):
        goals.create(world.db, world.staff, {"common_ground_id": sid})
    with pytest.raises(NotFound):
        goals.create(world.db, world.staff, {"common_ground_id": 999})
    assert goals.list_for(world.db, world.cid) == []


def test_only_staff_or_leads_update_goal(world):
    goal = make_goal(world)
    goals.join(world.db, world.a, {"goal_id": goal["id"]})
    with pytest.raises(Forbidden):
        goals.update(world.db, world.a, {"goal_id": goal["id"], "title": "Changed"})
    goals.set_lead(world.db, world.a, {"goal_id": goal["id"], "participant_id": world.a.participant_id})
    updated = goals.update(world.db, world.a, {"goal_id": goal["id"], "title": "Changed"})[0]["goal"]
    assert updated["title"] == "Changed"
    with pytest.raises(DomainError):
        goals.update(world.db, world.staff, {"goal_id": goal["id"]})


def test_joining_another_goal_moves_the_person(world):
    g1, g2 = make_goal(world, "One"), make_goal(world, "Two")
    goals.join(world.db, world.a, {"goal_id": g1["id"]})
    result, events = goals.join(world.db, world.a, {"goal_id": g2["id"]})
    assert result["left"] == [g1["id"]] and events[0]["kind"] == "goal.joined"
    assert goals.goals_of(world.db, world.cid, world.a.participant_id) == [g2["id"]]


def test_more_groups_when_the_facilitator_allows(world):
    g1, g2 = make_goal(world, "One"), make_goal(world, "Two")
    goals.set_choice(world.db, world.staff, {"allow_multiple": True})
    goals.join(world.db, world.a, {"goal_id": g1["id"]})
    assert goals.join(world.db, world.a, {"goal_id": g2["id"]})[0]["left"] == []
    assert sorted(goals.goals_of(world.db, world.cid, world.a.participant_id)) == sorted([g1["id"], g2["id"]])


def test_closed_choice_keeps_participants_in_place_but_staff_can_move_them(world):
    g1, g2 = make_goal(world, "One"), make_goal(world, "Two")
    goals.join(world.db, world.a, {"goal_id": g1["id"]})
    goals.set_choice(world.db, world.staff, {"open": False})
    before = event_count(world.db)
    for fn in (goals.join, goals.leave):
        with pytest.raises(DomainError) as err:
            fn(world.db, world.a, {"goal_id": g2["id"] if fn is goals.join else g1["id"]})
        assert err.value.code == "choice_closed"
    assert event_count(world.db) == before
    goals.join(world.db, world.staff, {"goal_id": g2["id"], "participant_id": world.a.participant_id})
    assert goals.goals_of(world.db, world.cid, world.a.participant_id) == [g2["id"]]


def test_participant_cannot_move_someone_else(world):
    g1 = make_goal(world)
    with pytest.raises(Forbidden):
        goals.join(world.db, world.a, {"goal_id": g1["id"], "participant_id": world.b.participant_id})
    assert goals.members(world.db, g1["id"]) == []


def test_a_lead_is_a_member(world):
    goal = make_goal(world)
    goals.join(world.db, world.a, {"goal_id": goal["id"]})
    with pytest.raises(DomainError) as err:
        goals.set_lead(world.db, world.a, {"goal_id": goal["id"], "participant_id": world.b.participant_id})
    assert err.value.code == "lead_not_member"
    goals.set_lead(world.db, world.a, {"goal_id": goal["id"], "participant_id": world.a.participant_id})
    assert plan(world.db, world.cid)["goals"][0]["leads"] == [world.a.participant_id]
    # Leaving the group (or moving) ends the lead role with the membership.
    goals.leave(world.db, world.a, {"goal_id": goal["id"]})
    assert plan(world.db, world.cid)["goals"][0]["leads"] == []
    # The schema itself holds the rule: the lead flag lives on the membership row.
    assert rows(world.db, "select * from goal_members where is_lead = 1") == []


def test_outsider_cannot_name_leads(world):
    goal = make_goal(world)
    goals.join(world.db, world.a, {"goal_id": goal["id"]})
    with pytest.raises(Forbidden):
        goals.set_lead(world.db, world.b, {"goal_id": goal["id"], "participant_id": world.a.participant_id})


def test_stakeholder_gaps_are_visible(world):
    goal = make_goal(world)
    goals.join(world.db, world.a, {"goal_id": goal["id"]})
    goals.join(world.db, world.b, {"goal_id": goal["id"]})
    g = plan(world.db, world.cid)["goals"][0]
    assert set(g["groups_present"]) == {world.a.group_id, world.b.group_id}
    assert world.c.group_id in g["groups_missing"] and len(g["groups_present"]) + len(g["groups_missing"]) == 6


def test_delete_goal_only_when_empty(world):
    from facilitator.domain import actions

    goal = make_goal(world)
    goals.join(world.db, world.a, {"goal_id": goal["id"]})
    actions.create(world.db, world.a, {"goal_id": goal["id"], "what": "Buddies"})
    with pytest.raises(DomainError) as err:
        goals.delete(world.db, world.staff, {"goal_id": goal["id"]})
    assert err.value.code == "goal_in_use"
    empty = make_goal(world, "Empty")
    goals.delete(world.db, world.staff, {"goal_id": empty["id"]})
    assert [g["title"] for g in goals.list_for(world.db, world.cid)] == ["Remove the stigma of poverty"]


def test_goals_belong_to_their_conference(world, sample_data):
    other = definition.import_definition(world.db, {**sample_data, "title": "Elsewhere"})
    goal = make_goal(world)
    outsider = Actor("facilitator", other, user_id=1)
    with pytest.raises(NotFound):
        goals.update(world.db, outsider, {"goal_id": goal["id"], "title": "Hijack"})


def test_only_a_lead_or_staff_makes_another_member_lead(world):
    """Issue 13: any member could make another member lead. Now: the group's leads or staff; a member
    only themself."""
    goal = make_goal(world)
    goals.join(world.db, world.a, {"goal_id": goal["id"]})
    goals.join(world.db, world.b, {"goal_id": goal["id"]})
    with pytest.raises(Forbidden):  # b is a member, not a lead
        goals.set_lead(world.db, world.b, {"goal_id": goal["id"], "participant_id": world.a.participant_id})
    assert plan(world.db, world.cid)["goals"][0]["leads"] == []
    goals.set_lead(world.db, world.a, {"goal_id": goal["id"], "participant_id": world.a.participant_id})  # themself
    with pytest.raises(Forbidden):  # b still does not lead: cannot step a down
        goals.set_lead(world.db, world.b, {"goal_id": goal["id"], "participant_id": world.a.participant_id, "lead": False})
    goals.set_lead(world.db, world.a, {"goal_id": goal["id"], "participant_id": world.b.participant_id})  # a lead may
    assert sorted(plan(world.db, world.cid)["goals"][0]["leads"]) == sorted([world.a.participant_id, world.b.participant_id])
