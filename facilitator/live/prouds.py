"""Live events for the prouds and sorries of the stakeholder groups.

Participants write only while input is open (the facilitator opens and closes it)."""
from facilitator.domain import prouds
from facilitator.domain.focus import while_input_open
from facilitator.live.pipeline import mutation, snapshot_part

mutation("proud.add", roles=("participant",))(while_input_open(prouds.add))
mutation("proud.edit", roles=("participant",))(while_input_open(prouds.edit))
mutation("proud.remove", roles=("participant",))(while_input_open(prouds.remove))
mutation("proud.show", roles=("organiser", "facilitator"))(prouds.show)
snapshot_part("prouds")(prouds.state)
