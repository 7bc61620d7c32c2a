"""Live events for goals and the self-selected action groups, and the `plan` query.

The plan is loaded with the query ``plan`` when an action view mounts (not in every state snapshot:
most sessions do not need it), and kept current by the goal., action. and commitment. events.
"""
from facilitator.db import transaction
from facilitator.domain import events, goals, plan
from facilitator.live.pipeline import mutation, query

STAFF = ("organiser", "facilitator")
EVERYONE = ("participant",) + STAFF

mutation("goal.create", roles=STAFF)(goals.create)
mutation("goal.update", roles=EVERYONE)(goals.update)
mutation("goal.delete", roles=STAFF)(goals.delete)
mutation("goal.choice", roles=STAFF)(goals.set_choice)
mutation("goal.join", roles=EVERYONE)(goals.join)
mutation("goal.leave", roles=EVERYONE)(goals.leave)
mutation("goal.lead", roles=EVERYONE)(goals.set_lead)


@query("plan")
def plan_query(db, actor, _data):
    """The plan as this actor may see it, with the sequence number it is current to; staff also get the
    confirmed common ground they can turn into goals."""
    with transaction(db):  # one consistent read
        out = plan.for_actor(db, actor)
        out["seq"] = events.last_seq(db, actor.conference_id)
        if actor.is_staff:
            out["statements"] = plan.confirmed_statements(db, actor.conference_id)
    return out
