"""The queries of the café and review meetings (their events and snapshot parts are declared in the
activity registry): the `follow_up` query the café and review views load their model with (where we
stand is read on demand, not in every snapshot: it reads the whole plan)."""
from facilitator.domain import cafe, plan, progress, proposals
from facilitator.live.pipeline import query


@query("follow_up")
def follow_up(db, actor, _data):
    """Everything the café and review views show, in one read: where we stand, the plan (names as this
    actor may see them), progress, proposals."""
    the_plan = plan.for_actor(db, actor)
    return {"stand": cafe.cafe_state(db, actor, the_plan), "plan": the_plan,
            "progress": progress.state(db, actor), "proposals": proposals.state(db, actor)["proposals"]}


@query("progress.history")
def history(db, actor, data):
    """Every update of one action, oldest first (``action_id``)."""
    from facilitator.domain import actions

    action = actions.get(db, actor.conference_id, data.get("action_id"))
    return {"action_id": action["id"], "updates": progress.history(db, actor.conference_id, action["id"])}
