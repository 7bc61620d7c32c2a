"""Progress: only the leads of a goal (and staff) post updates and change status; the history is kept;
members are notified; a goal shows its latest update."""
import pytest

from facilitator.domain import actions, goals, participants, progress
from facilitator.domain.errors import DomainError
from facilitator.domain.events import Actor


def actor_of(p):
    return Actor("participant", p["conference_id"], participant_id=p["id"], group_id=p["stakeholder_group_id"])


@pytest.fixture
def world(db, sample_id, admin):
    people = participants.list_for(db, sample_id)[:4]
    staff = Actor("facilitator", sample_id, user_id=admin["id"])
    lead, member, outsider, other_lead = (actor_of(p) for p in people)
    goal = goals.create(db, staff, {"title": "Buddies for everyone"})[0]["goal"]
    other = goals.create(db, staff, {"title": "Another goal"})[0]["goal"]
    goals.set_choice(db, staff, {"allow_multiple": True})
    for a in (lead, member):
        goals.join(db, a, {"goal_id": goal["id"]})
    goals.join(db, other_lead, {"goal_id": other["id"]})
    goals.set_lead(db, lead, {"goal_id": goal["id"], "participant_id": lead.participant_id})
    goals.set_lead(db, other_lead, {"goal_id": other["id"], "participant_id": other_lead.participant_id})
    action = actions.create(db, lead, {"goal_id": goal["id"], "what": "Match 20 buddies"})[0]["action"]
    return {"staff": staff, "lead": lead, "member": member, "outsider": outsider, "other_lead": other_lead,
            "goal": goal["id"], "other": other["id"], "action": action["id"], "cid": sample_id}


def answers(**extra):
    return {"said": "Match 20 buddies", "done": "Matched 8", "next": "Flyers in the library", "help": "A printer",
            **extra}


def test_lead_posts_update_with_four_questions_and_status(db, world):
    result, evs = progress.post_update(db, world["lead"], answers(action_id=world["action"], status="under_way"))
    u = result["update"]
    assert (u["said"], u["done"], u["next"], u["help"]) == ("Match 20 buddies", "Matched 8", "Flyers in the library",
                                                            "A printer")
    assert u["status"] == "under_way" and u["previous_status"] == "planned" and u["participant_id"] == world["lead"].participant_id
    assert actions.get(db, world["cid"], world["action"])["status"] == "under_way"
    assert [e["kind"] for e in evs] == ["action.updated", "progress.posted"]
    assert "name" not in str(evs[-1]["data"])


@pytest.mark.parametrize("who", ["member", "outsider", "other_lead"])
def test_only_the_goals_leads_post_updates_and_change_status(db, world, who):
    before = db.execute("select count(*) from action_updates").fetchone()[0]
    with pytest.raises(DomainError) as err:
        progress.post_update(db, world[who], answers(action_id=world["action"]))
    assert err.value.code == "forbidden"
    with pytest.raises(DomainError):
        progress.set_status(db, world[who], {"action_id": world["action"], "status": "done"})
    assert db.execute("select count(*) from action_updates").fetchone()[0] == before
    assert actions.get(db, world["cid"], world["action"])["status"] == "planned"


def test_staff_may_post_and_a_lead_who_stops_leading_may_not(db, world):
    progress.set_status(db, world["staff"], {"action_id": world["action"], "status": "stalled"})
    goals.set_lead(db, world["lead"], {"goal_id": world["goal"], "participant_id": world["lead"].participant_id, "lead": False})
    with pytest.raises(DomainError):
        progress.post_update(db, world["lead"], answers(action_id=world["action"]))


def test_history_is_kept_in_order_and_goal_shows_latest(db, world):
    progress.set_status(db, world["lead"], {"action_id": world["action"], "status": "under_way"})
    progress.post_update(db, world["lead"], answers(action_id=world["action"], done="Matched 15"))
    progress.set_status(db, world["lead"], {"action_id": world["action"], "status": "done"})
    history = progress.history(db, world["cid"], world["action"])
    assert [h["status"] for h in history] == ["under_way", "under_way", "done"]
    assert [h["previous_status"] for h in history] == ["planned", "under_way", "under_way"]
    latest = progress.latest_by_goal(db, world["cid"])
    assert latest[world["goal"]]["id"] == history[-1]["id"] and world["other"] not in latest


def test_bad_input_changes_nothing(db, world):
    cases = [
        ({"action_id": world["action"], "status": "finished"}, "invalid"),
        ({"action_id": world["action"]}, "invalid"),  # no answer and no new status
        ({"action_id": "1"}, "invalid"),
        ({"action_id": 99999, "done": "x"}, "not_found"),
        ({"action_id": world["action"], "done": "x" * 3000}, "invalid"),
    ]
    for data, code in cases:
        with pytest.raises(DomainError) as err:
            progress.post_update(db, world["lead"], data)
        assert err.value.code == code, data
    with pytest.raises(DomainError) as err:
        progress.set_status(db, world["lead"], {"action_id": world["action"], "status": "planned"})
    assert err.value.code == "unchanged"
    assert db.execute("select count(*) from action_updates").fetchone()[0] == 0


def test_members_are_notified_until_they_mark_read(db, world):
    progress.post_update(db, world["lead"], answers(action_id=world["action"]))
    second = progress.post_update(db, world["lead"], answers(action_id=world["action"], done="Matched 12"))[0]["update"]
    cid = world["cid"]
    assert [n["id"] for n in progress.notifications(db, cid, world["member"].participant_id)] == [second["id"], second["id"] - 1]
    assert progress.notifications(db, cid, world["lead"].participant_id) == []  # one's own updates are not news
    assert progress.notifications(db, cid, world["outsider"].participant_id) == []  # not a member
    _, evs = progress.mark_read(db, world["member"], {"update_id": second["id"]})
    assert evs[0]["audience"] == f"participant:{world['member'].participant_id}"
    assert progress.notifications(db, cid, world["member"].participant_id) == []
    state = progress.state(db, world["lead"])
    assert state["lead_goal_ids"] == [world["goal"]]
    assert state["latest_by_action"] == {world["action"]: second} and state["latest"][world["goal"]] == second
