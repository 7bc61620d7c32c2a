"""Live events for goals and the self-selected action groups; the `plan` snapshot part."""
from facilitator.domain import goals, plan
from facilitator.live.pipeline import mutation, snapshot_part

STAFF = ("organiser", "facilitator")
EVERYONE = ("participant",) + STAFF

mutation("goal.create", roles=STAFF)(goals.create)
mutation("goal.update", roles=EVERYONE)(goals.update)
mutation("goal.delete", roles=STAFF)(goals.delete)
mutation("goal.choice", roles=STAFF)(goals.set_choice)
mutation("goal.join", roles=EVERYONE)(goals.join)
mutation("goal.leave", roles=EVERYONE)(goals.leave)
mutation("goal.lead", roles=EVERYONE)(goals.set_lead)
snapshot_part("plan")(plan.for_actor)
