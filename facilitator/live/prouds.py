"""Live events for the prouds and sorries of the stakeholder groups."""
from facilitator.domain import prouds
from facilitator.live.pipeline import mutation, snapshot_part

mutation("proud.add", roles=("participant",))(prouds.add)
mutation("proud.edit", roles=("participant",))(prouds.edit)
mutation("proud.remove", roles=("participant",))(prouds.remove)
mutation("proud.show", roles=("organiser", "facilitator"))(prouds.show)
snapshot_part("prouds")(prouds.state)
